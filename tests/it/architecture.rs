//! The layering rules, checked on the source: views never touch SQLite, PDF or files; only
//! `store` imports rusqlite; the domain stays pure; every file says what it owns.

use std::path::{Path, PathBuf};

/// Every `.rs` file below `dir`.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn offenders(dir: &Path, forbidden: &[&str]) -> Vec<String> {
    rust_files(dir)
        .into_iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            forbidden.iter().find(|f| text.contains(*f)).map(|f| format!("{} uses {f}", path.display()))
        })
        .collect()
}

#[test]
fn views_touch_no_database_pdf_or_files() {
    assert_eq!(offenders(&src().join("ui/views"), &["rusqlite", "printpdf", "std::fs", "Store", "Service"]), Vec::<String>::new());
}

#[test]
fn only_the_store_speaks_sqlite() {
    let outside: Vec<String> = offenders(&src(), &["rusqlite"]).into_iter().filter(|o| !o.contains("/src/store/")).collect();
    assert_eq!(outside, Vec::<String>::new());
}

#[test]
fn the_domain_is_pure() {
    assert_eq!(
        offenders(&src().join("domain"), &["egui::", "rusqlite::", "printpdf::", "rfd::", "std::fs", "Local::now", "SystemTime"]),
        Vec::<String>::new()
    );
}

#[test]
fn every_source_file_opens_with_what_it_owns() {
    let files = rust_files(&src()).into_iter().chain(rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")));
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("//!"), "{} does not open with a //! line", path.display());
    }
}

/// Every `tr(lang, "key")` in the source names a text that exists in the three languages.
#[test]
fn every_text_key_used_in_the_code_exists() {
    let keys: std::collections::HashSet<&str> = nengli::i18n::TEXTS.iter().map(|t| t.0).collect();
    let mut used = 0;
    for path in rust_files(&src()) {
        let source = std::fs::read_to_string(&path).unwrap();
        for (i, _) in source.match_indices("tr(") {
            if source[..i].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let rest = &source[i..];
            let Some(open) = rest.find('"') else { continue };
            if rest[..open].contains(')') || rest[..open].len() > 40 {
                continue;
            }
            let key = &rest[open + 1..];
            let key = &key[..key.find('"').unwrap()];
            if key.contains('.') && !key.contains(' ') && !key.contains('{') {
                used += 1;
                assert!(keys.contains(key), "{}: text key {key:?} has no entry", path.display());
            }
        }
    }
    assert!(used > 50, "the scan found only {used} keys: it is broken");
}
