//! src/wasm/types.d.ts is what the Rust result types say (README, "TypeScript"): a change to a
//! result type that is not carried into the declarations fails here. `UPDATE_TYPES=1` rewrites
//! the file after a deliberate change. Needs `--features typescript` (scripts/test.sh runs it).
#![cfg(feature = "typescript")]

#[test]
fn the_declarations_are_those_of_the_rust_types() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/wasm/types.d.ts");
    let generated = partner_scorecard::typescript::declarations();
    if std::env::var_os("UPDATE_TYPES").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "src/wasm/types.d.ts differs from the Rust types; run UPDATE_TYPES=1 cargo test --features typescript --test typescript and review the diff"
    );
}

/// The keys of `export interface <name> [extends <base>] { ... }` in a hand-written .d.ts,
/// with those of its base.
fn interface_keys(dts: &str, name: &str) -> Vec<String> {
    let start = dts.find(&format!("export interface {name} ")).unwrap_or_else(|| panic!("no interface {name}"));
    let header_end = start + dts[start..].find('{').unwrap();
    let body_end = header_end + dts[header_end..].find("\n}").unwrap();
    let mut keys: Vec<String> = match dts[start..header_end].split(" extends ").nth(1) {
        Some(base) => interface_keys(dts, base.trim()),
        None => Vec::new(),
    };
    for line in dts[header_end + 1..body_end].lines() {
        let line = line.trim();
        if let Some((key, _)) = line.split_once("?:").or_else(|| line.split_once(':')) {
            if !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                keys.push(key.to_string());
            }
        }
    }
    keys
}

#[test]
fn every_options_interface_has_the_keys_the_engine_reads() {
    use partner_scorecard::analysis::{gap::GapOptions, segment::SegmentOptions, synth::SynthOptions};
    use partner_scorecard::EvalOptions;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/wasm");
    let inputs = std::fs::read_to_string(dir.join("inputs.d.ts")).unwrap();
    let lab = std::fs::read_to_string(dir.join("lab.d.ts")).unwrap();
    let sorted = |keys: &[&str]| {
        let mut keys: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
        keys.sort();
        keys
    };
    for (dts, name, engine_keys) in [
        (&inputs, "EvalOptions", EvalOptions::KEYS),
        (&inputs, "GapOptions", GapOptions::KEYS),
        (&inputs, "ChangeOptions", partner_scorecard::program::changes::ChangeOptions::KEYS),
        (&lab, "SegmentOptions", SegmentOptions::KEYS),
        (&lab, "SynthOptions", SynthOptions::KEYS),
        (&lab, "CsvReadOptions", partner_scorecard::analysis::batch::CsvOptions::KEYS),
    ] {
        let mut declared = interface_keys(dts, name);
        declared.sort();
        assert_eq!(declared, sorted(engine_keys), "the keys of interface {name} and of {name}::KEYS");
    }
}
