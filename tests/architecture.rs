//! The shape of src/ (README, "Architecture"): the layers only use the layers below them, no
//! two modules use each other (directly or round a longer circle), and no file grows past
//! about 800 lines without saying why at its top. Read from the source text, so that it runs
//! with the other tests and fails on the change that breaks the shape.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers from the bottom up; a module may use its own layer and those before it.
const LAYERS: &[(&str, &[&str])] = &[
    ("base", &["limits", "util"]),
    ("text in and out", &["text"]),
    ("program model", &["program"]),
    ("evaluation", &["eval"]),
    ("analysis", &["analysis"]),
    ("front door", &["scorecard"]),
    ("bindings", &["wasm", "typescript"]),
];

const MAX_LINES: usize = 800;
/// A longer file says so in its first lines, with the reason.
const LONG_FILE_MARK: &str = "Longer than 800 lines because";

fn source_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            source_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/program/mod.rs` is `program`, `src/analysis/gap/search.rs` is `analysis::gap::search`.
fn module_of(src: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(src).unwrap().with_extension("");
    let parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let parts: Vec<&str> = parts.iter().map(String::as_str).filter(|p| *p != "mod" && *p != "lib").collect();
    if parts.first() == Some(&"bin") {
        return String::new();
    }
    parts.join("::")
}

/// The text without `#[cfg(test)]` items, string and character literals and comments, so that
/// only what the library itself uses is counted (as cargo-modules does without `--cfg-test`).
fn code_only(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    // Depth of braces, and the depth below which a test item ends (None outside one).
    let mut depth = 0usize;
    let mut skip_until_depth: Option<usize> = None;
    while i < bytes.len() {
        let rest = &text[i..];
        if rest.starts_with("//") {
            i += rest.find('\n').unwrap_or(rest.len());
            continue;
        }
        if rest.starts_with("#[cfg(test)]") && skip_until_depth.is_none() {
            skip_until_depth = Some(depth);
            i += "#[cfg(test)]".len();
            // A test item without braces (`use`) ends at its semicolon.
            let item_end = rest.find(['{', ';']).unwrap_or(rest.len());
            if rest.as_bytes().get(item_end) == Some(&b';') {
                skip_until_depth = None;
                i += item_end - "#[cfg(test)]".len() + 1;
            }
            continue;
        }
        // Raw strings r"..", r#".."#, br#".."#.
        if let Some(after_r) = rest.strip_prefix("br").or_else(|| rest.strip_prefix('r')) {
            let hashes = after_r.bytes().take_while(|&b| b == b'#').count();
            let prefix_len = rest.len() - after_r.len() + hashes;
            let preceded_by_ident = i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
            if !preceded_by_ident && after_r[hashes..].starts_with('"') {
                let close = format!("\"{}", "#".repeat(hashes));
                let body = &rest[prefix_len + 1..];
                i += prefix_len + 1 + body.find(&close).map_or(body.len(), |at| at + close.len());
                continue;
            }
        }
        let c = bytes[i];
        if c == b'"' {
            let mut j = i + 1;
            while j < bytes.len() && bytes[j] != b'"' {
                j += if bytes[j] == b'\\' { 2 } else { 1 };
            }
            i = j + 1;
            continue;
        }
        if c == b'\'' {
            // A character literal ('{', '\n', '\u{7f}'), not a lifetime ('a).
            let literal_len = if rest[1..].starts_with('\\') {
                rest[2..].find('\'').map(|at| at + 3)
            } else {
                rest[1..].chars().next().filter(|_| rest[1..].chars().nth(1) == Some('\'')).map(|ch| ch.len_utf8() + 2)
            };
            if let Some(len) = literal_len {
                i += len;
                continue;
            }
        }
        match c {
            b'{' => depth += 1,
            b'}' => {
                depth = depth.saturating_sub(1);
                if skip_until_depth == Some(depth) {
                    skip_until_depth = None;
                    i += 1;
                    continue;
                }
            }
            _ => {}
        }
        if skip_until_depth.is_none() {
            out.push(c as char);
        }
        i += 1;
    }
    out
}

/// Every `crate::a::b` path in the code, and `super::x` resolved against `module`.
fn used_paths(module: &str, code: &str) -> Vec<String> {
    let mut paths = Vec::new();
    let word = |s: &str| s.bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b':').count();
    for (at, _) in code.match_indices("crate::") {
        let preceded = code[..at].bytes().last().is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$');
        if preceded {
            continue;
        }
        let rest = &code[at + "crate::".len()..];
        paths.push(rest[..word(rest)].trim_end_matches(':').to_string());
    }
    for (at, _) in code.match_indices("super::") {
        if code[..at].ends_with("::") {
            continue;
        }
        let rest = &code[at + "super::".len()..];
        let parent = module.rsplit_once("::").map_or("", |(p, _)| p);
        let path = rest[..word(rest)].trim_end_matches(':');
        paths.push(if parent.is_empty() { path.to_string() } else { format!("{parent}::{path}") });
    }
    paths
}

/// Paths into `module`'s own submodules (`use build::Builder`, `self::search::greedy`).
fn child_paths(module: &str, children: &[&str], code: &str) -> Vec<String> {
    let mut paths = Vec::new();
    for child in children {
        let needle = format!("{child}::");
        for (at, _) in code.match_indices(&needle) {
            let before = &code[..at];
            let preceded = before.bytes().last().is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$');
            if preceded || (before.ends_with("::") && !before.ends_with("self::")) {
                continue;
            }
            paths.push(if module.is_empty() { child.to_string() } else { format!("{module}::{child}") });
        }
    }
    paths
}

struct Source {
    modules: BTreeSet<String>,
    /// Module -> modules it uses (a path counts for the longest module it starts with).
    uses: BTreeMap<String, BTreeSet<String>>,
    lines: BTreeMap<PathBuf, (usize, String)>,
}

fn read_source() -> Source {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    source_files(&src, &mut files);
    let mut modules = BTreeSet::new();
    let mut texts = Vec::new();
    let mut lines = BTreeMap::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let head: String = text.lines().take(12).collect::<Vec<_>>().join("\n");
        lines.insert(file.strip_prefix(&src).unwrap().to_path_buf(), (text.lines().count(), head));
        let module = module_of(&src, file);
        if file.starts_with(src.join("bin")) {
            continue;
        }
        modules.insert(module.clone());
        texts.push((module, text));
    }
    let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, text) in &texts {
        let entry = uses.entry(module.clone()).or_default();
        let prefix = if module.is_empty() { String::new() } else { format!("{module}::") };
        let children: Vec<&str> = modules
            .iter()
            .filter_map(|m| m.strip_prefix(prefix.as_str()))
            .filter(|rest| !rest.is_empty() && !rest.contains("::"))
            .collect();
        let code = code_only(text);
        for path in used_paths(module, &code).into_iter().chain(child_paths(module, &children, &code)) {
            let mut target = path.as_str();
            while !modules.contains(target) {
                match target.rsplit_once("::") {
                    Some((parent, _)) => target = parent,
                    None => {
                        target = "";
                        break;
                    }
                }
            }
            // The crate root only re-exports; using it is using what it names, not a layer.
            if !target.is_empty() && target != module {
                entry.insert(target.to_string());
            }
        }
    }
    Source { modules, uses, lines }
}

fn layer_of(module: &str) -> usize {
    let top = module.split("::").next().unwrap();
    LAYERS.iter().position(|(_, tops)| tops.contains(&top)).unwrap_or_else(|| panic!("module {module} is in no layer: add it to LAYERS"))
}

#[test]
fn the_reader_sees_the_modules_it_should() {
    let source = read_source();
    for module in ["text::read", "program::model", "eval", "analysis::gap", "wasm::lab", "limits"] {
        assert!(source.modules.contains(module), "{module} not found in {:?}", source.modules);
    }
    // A known use, so that the checks below are not vacuous.
    assert!(source.uses["eval"].contains("program"), "{:?}", source.uses["eval"]);
    assert!(source.uses["analysis::gap"].contains("eval"), "{:?}", source.uses["analysis::gap"]);
    // Test modules do not count: text::json_write's tests use the whole engine.
    assert!(!source.uses["text::json_write"].contains("analysis::gap"), "{:?}", source.uses["text::json_write"]);
}

#[test]
fn the_code_reader_skips_tests_strings_and_comments() {
    let code = code_only(
        "use crate::a; // crate::b\nconst X: &str = \"crate::c {\";\nconst Y: char = '{';\n#[cfg(test)]\nmod tests { fn f() { crate::d; } }\nfn g<'a>(x: &'a str) { crate::e; r#\"crate::f\"#; }\n#[cfg(test)]\nuse crate::h;\nuse crate::i;",
    );
    let used = used_paths("m", &code);
    assert_eq!(used, ["a", "e", "i"]);
    let code = code_only("mod build;\nuse build::Builder;\nfn f() { self::search::go(); x::search::y(); }");
    assert_eq!(child_paths("program", &["build", "search"], &code), ["program::build", "program::search"]);
}

#[test]
fn every_layer_uses_only_the_layers_below_it() {
    let source = read_source();
    let mut wrong = Vec::new();
    // The crate root only declares the layers and re-exports; it belongs to none.
    for (module, used) in source.uses.iter().filter(|(m, _)| !m.is_empty()) {
        for target in used {
            if layer_of(target) > layer_of(module) {
                wrong.push(format!("{module} ({}) uses {target} ({})", LAYERS[layer_of(module)].0, LAYERS[layer_of(target)].0));
            }
        }
    }
    assert!(wrong.is_empty(), "uses against the layers:\n{}", wrong.join("\n"));
}

#[test]
fn no_modules_use_each_other_round_a_circle() {
    let source = read_source();
    // Depth-first search with the path kept: a use of a module on the path closes a circle.
    fn visit<'a>(
        module: &'a str,
        uses: &'a BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
        circles: &mut Vec<String>,
    ) {
        if let Some(at) = path.iter().position(|m| *m == module) {
            circles.push(format!("{} -> {module}", path[at..].join(" -> ")));
            return;
        }
        if !done.insert(module) {
            return;
        }
        path.push(module);
        for target in uses.get(module).into_iter().flatten() {
            visit(target, uses, path, done, circles);
        }
        path.pop();
    }
    let mut circles = Vec::new();
    let mut done = BTreeSet::new();
    for module in source.uses.keys() {
        visit(module, &source.uses, &mut Vec::new(), &mut done, &mut circles);
    }
    assert!(circles.is_empty(), "modules that use each other:\n{}", circles.join("\n"));
}

#[test]
fn long_files_say_why() {
    let source = read_source();
    let long: Vec<String> = source
        .lines
        .iter()
        .filter(|(_, (count, head))| *count > MAX_LINES && !head.contains(LONG_FILE_MARK))
        .map(|(file, (count, _))| format!("src/{} has {count} lines", file.display()))
        .collect();
    assert!(long.is_empty(), "split these files, or say at their top \"{LONG_FILE_MARK} ...\":\n{}", long.join("\n"));
}
