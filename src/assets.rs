//! Files the program prints and draws with: the bundled CJK font (Noto Sans CJK, OFL, see
//! `assets/fonts/LICENSE-OFL.txt`), built into the binary and used by the interface and, with
//! the same bytes, by PDFs; and the fallback face for CJK Extension B and beyond (花園明朝B,
//! HanaMinB, OFL or the Hanazono Font License, see `assets/fonts/LICENSE-Hanazono.txt`), read
//! from the `assets/fonts` folder the first time a character needs it.

use std::path::PathBuf;
use std::sync::OnceLock;

/// Noto Sans CJK Regular, the whole collection.
pub static CJK_FONT: &[u8] = include_bytes!("../assets/fonts/NotoSansCJK-Regular.ttc");
/// The Simplified Chinese face in the collection.
pub const FACE_SC: u32 = 2;
/// The Traditional Chinese face in the collection.
pub const FACE_TC: u32 = 3;

/// The fallback face's file name in `assets/fonts`.
pub const FALLBACK_FONT_FILE: &str = "HanaMinB.ttf";

/// Where the fallback face is looked for, in order: `assets/fonts` beside the program (an
/// installed copy), in the folders above it (a build inside the source tree), and in the source
/// tree the program was built from.
pub fn font_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Ok(exe) = std::env::current_exe() {
        dirs.extend(exe.ancestors().skip(1).take(4).map(|d| d.join("assets").join("fonts")));
    }
    dirs.push(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets").join("fonts"));
    dirs
}

/// The fallback face's bytes, read once per process (`None` when no folder holds it).
pub fn fallback_font() -> Option<&'static [u8]> {
    static BYTES: OnceLock<Option<Vec<u8>>> = OnceLock::new();
    BYTES.get_or_init(|| font_dirs().into_iter().find_map(|dir| std::fs::read(dir.join(FALLBACK_FONT_FILE)).ok())).as_deref()
}
