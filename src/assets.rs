//! Files shipped inside the binary: the bundled CJK font (Noto Sans CJK, OFL, see
//! `assets/fonts/LICENSE-OFL.txt`), used by the interface and, with the same bytes, by PDFs.

/// Noto Sans CJK Regular, the whole collection.
pub static CJK_FONT: &[u8] = include_bytes!("../assets/fonts/NotoSansCJK-Regular.ttc");
/// The Simplified Chinese face in the collection.
pub const FACE_SC: u32 = 2;
/// The Traditional Chinese face in the collection.
pub const FACE_TC: u32 = 3;
