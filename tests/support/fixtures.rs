//! The files tests and benchmarks read: the shipped programs (www/programs/) and the lab's
//! hand-made fixture (tests/e2e/fixtures/, which the page tests use too). One place, so that
//! a moved file breaks one function, not a dozen copies of a path.
#![allow(dead_code)]

use partner_scorecard::Scorecard;
use serde_json::Value;

/// The programs the package ships, by file name without `.json`.
pub const SHIPPED: &[&str] = &["classic-reseller", "multi-track", "capability-100"];

fn read(relative: &str) -> String {
    let path = format!("{}/{relative}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A shipped program's JSON text.
pub fn program_text(name: &str) -> String {
    read(&format!("www/programs/{name}.json"))
}

/// A shipped program as JSON, to edit.
pub fn program_json(name: &str) -> Value {
    serde_json::from_str(&program_text(name)).unwrap()
}

/// A shipped program, read and prepared.
pub fn program(name: &str) -> Scorecard {
    Scorecard::from_json(&program_text(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// A file of tests/e2e/fixtures/ (`lab-program.json`, `lab-partners.csv`).
pub fn lab_fixture(name: &str) -> String {
    read(&format!("tests/e2e/fixtures/{name}"))
}
