//! The layering rules, checked on the source: imports run only downward between the top-level
//! modules and never in a circle; views never touch SQLite, PDF or files; only `store` imports
//! rusqlite; the domain stays pure; every file says what it owns and is named in README's codemap.

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

/// The window loads what it shows through the service's read models, never from the store.
#[test]
fn the_window_reads_through_the_services_read_models() {
    assert_eq!(offenders(&src().join("ui"), &[".read()", "store::Db", "Db<"]), Vec::<String>::new());
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

/// The layer of each top-level module, lowest first (README "Architecture").
fn layer(module: &str) -> Option<u8> {
    Some(match module {
        "domain" | "assets" | "files" | "lock" | "logging" | "paths" => 0,
        "store" | "i18n" => 1,
        "report" | "exchange" | "backup" => 2,
        "service" => 3,
        "messages" => 4,
        "ui" => 5,
        "cli" => 6,
        _ => return None,
    })
}

/// The helpers of layer 0 may use each other; the domain uses only itself.
const HELPERS: [&str; 5] = ["assets", "files", "lock", "logging", "paths"];

/// Every `crate::<module>` a source line names, outside comments: (file, line number, module, line).
fn crate_imports() -> Vec<(String, usize, String, String, String)> {
    let mut out = Vec::new();
    for path in rust_files(&src()) {
        let rel = path.strip_prefix(src()).unwrap().to_string_lossy().replace('\\', "/");
        let top = rel.split('/').next().unwrap().trim_end_matches(".rs").to_owned();
        if top == "lib" || top == "main" {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for (i, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for (at, _) in line.match_indices("crate::") {
                if line[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let target: String = line[at + 7..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                if !target.is_empty() && target != top {
                    out.push((format!("src/{rel}"), i + 1, top.clone(), target, line.trim().to_owned()));
                }
            }
        }
    }
    out
}

#[test]
fn imports_run_only_down_the_layers() {
    let imports = crate_imports();
    assert!(imports.len() > 200, "the scan found only {} imports: it is broken", imports.len());
    let mut wrong = Vec::new();
    for (file, line, from, to, text) in &imports {
        let (Some(from_layer), Some(to_layer)) = (layer(from), layer(to)) else {
            wrong.push(format!(
                "{file}:{line} imports `{to}` from `{from}`, and one of them has no layer in tests/it/architecture.rs: {text}"
            ));
            continue;
        };
        let helpers = HELPERS.contains(&from.as_str()) && HELPERS.contains(&to.as_str());
        if to_layer >= from_layer && !helpers {
            wrong.push(format!("{file}:{line} imports `{to}` (layer {to_layer}) into `{from}` (layer {from_layer}), which may use only lower layers: {text}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn no_circle_between_top_level_modules() {
    let mut edges: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> = Default::default();
    let mut witness: std::collections::HashMap<(String, String), (String, usize, String)> = Default::default();
    for (file, line, from, to, text) in crate_imports() {
        edges.entry(from.clone()).or_default().insert(to.clone());
        witness.entry((from, to)).or_insert((file, line, text));
    }
    // Depth-first search; a node met again on the current path closes a circle.
    fn visit(
        node: &str,
        edges: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut std::collections::HashSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|n| n == node) {
            let mut circle = path[start..].to_vec();
            circle.push(node.to_owned());
            return Some(circle);
        }
        if !done.insert(node.to_owned()) {
            return None;
        }
        path.push(node.to_owned());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(circle) = visit(next, edges, path, done) {
                return Some(circle);
            }
        }
        path.pop();
        None
    }
    let mut done = std::collections::HashSet::new();
    for node in edges.keys() {
        if let Some(circle) = visit(node, &edges, &mut Vec::new(), &mut done) {
            let steps: Vec<String> = circle
                .windows(2)
                .map(|w| {
                    let (file, line, text) = &witness[&(w[0].clone(), w[1].clone())];
                    format!("{} → {} at {file}:{line} ({text})", w[0], w[1])
                })
                .collect();
            panic!("the top-level modules import each other in a circle: {}", steps.join("; "));
        }
    }
}

/// README's "Architecture" section.
fn architecture_section() -> String {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme.find("## Architecture").expect("README has an Architecture section");
    let end = readme[start + 3..].find("\n## ").map_or(readme.len(), |e| start + 3 + e);
    readme[start..end].to_owned()
}

#[test]
fn every_source_file_is_in_the_codemap() {
    let section = architecture_section();
    let mut named: std::collections::HashSet<String> = Default::default();
    let mut dir = String::new();
    for line in section.lines() {
        let first = line.split_whitespace().next().unwrap_or("");
        if first.starts_with("src/") && first.ends_with('/') {
            dir = first.to_owned();
        } else if first.starts_with("src/") {
            named.insert(first.to_owned());
            dir.clear();
            continue;
        } else if !line.starts_with(' ') {
            dir.clear();
        }
        if dir.is_empty() {
            continue;
        }
        for word in line.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.' || c == '/')) {
            if let Some(name) = word.strip_suffix(".rs").filter(|n| !n.is_empty() && !n.contains('/')) {
                named.insert(format!("{dir}{name}.rs"));
            }
        }
    }
    let mut missing: Vec<String> = rust_files(&src())
        .into_iter()
        .map(|p| format!("src/{}", p.strip_prefix(src()).unwrap().to_string_lossy().replace('\\', "/")))
        .filter(|f| !named.contains(f))
        .collect();
    missing.sort();
    assert!(missing.is_empty(), "README's codemap does not name: {}", missing.join(", "));
}

#[test]
fn every_command_line_command_is_in_the_readme() {
    use clap::CommandFactory;
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let mut missing = Vec::new();
    let mut seen = 0;
    for command in nengli::cli::Args::command().get_subcommands() {
        let name = command.get_name();
        let subcommands: Vec<&str> = command.get_subcommands().map(|c| c.get_name()).collect();
        if subcommands.is_empty() {
            seen += 1;
            if !readme.contains(&format!("nengli --db PATH {name}")) {
                missing.push(name.to_owned());
            }
        }
        for sub in subcommands {
            seen += 1;
            if !readme.contains(&format!("nengli --db PATH {name} {sub}")) && !readme.contains(&format!("{name} {sub}|")) {
                missing.push(format!("{name} {sub}"));
            }
        }
    }
    assert!(seen > 20, "only {seen} commands found: the scan is broken");
    assert!(missing.is_empty(), "README's command line section does not name: {}", missing.join(", "));
}
