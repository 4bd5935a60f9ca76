//! The worst case of each limit (src/limits.rs): the largest input every limit accepts, timed
//! natively on one core, with its size printed beside the figure. Run with
//! `cargo bench --bench limits`. Prints a table; asserts nothing.

#[path = "../tests/support/fixtures.rs"]
mod fixtures;
#[path = "../tests/support/large_inputs.rs"]
mod large_inputs;

use large_inputs::*;
use partner_scorecard::analysis::gap::GapOptions;
use partner_scorecard::analysis::segment::PartnerBase;
use partner_scorecard::analysis::synth::{generate, SynthOptions};
use partner_scorecard::limits::*;
use partner_scorecard::{Date, EvalOptions, Scorecard};
use serde_json::{json, Value};
use std::hint::black_box;
use std::time::Instant;

/// Best of `runs` (after one warm-up), in milliseconds.
fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> f64 {
    black_box(f());
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed().as_secs_f64() * 1e3
        })
        .fold(f64::INFINITY, f64::min)
}

fn row(what: &str, size: String, ms: f64) {
    println!("| {what} | {size} | {ms:.1} ms |");
}

fn kb(text: &str) -> String {
    format!("{:.0} KB", text.len() as f64 / 1024.0)
}

/// 10 tracks × (19 regions + none) = 200 combinations of 498 criteria and 2 tiers: exactly
/// MAX_PREPARED criteria and tiers to prepare.
fn most_prepared() -> Value {
    let mut program = many_variants(10, 19, 1);
    let fields: Vec<Value> =
        (0..498).map(|i| json!({"id": format!("f{i}"), "label": format!("F{i}"), "type": "number", "min": 0})).collect();
    let criteria: Vec<Value> = (0..498)
        .map(|i| {
            json!({"id": if i == 0 { "a".to_string() } else { format!("c{i}") }, "label": format!("C{i}"), "category": "all",
                        "field": format!("f{i}"), "rule": {"type": "linear", "points": 2, "target": 100}})
        })
        .collect();
    program["fields"] = json!(fields);
    program["criteria"] = json!(criteria);
    program["paths"] = json!([]);
    program
}

fn main() {
    let as_of = Date::parse("2026-11-25").unwrap();
    println!("| worst case (limit) | input | time |");
    println!("| --- | --- | --- |");

    let text = many_fields(MAX_FIELDS).to_string();
    row(
        "read and prepare a program of 500 fields and 500 criteria (MAX_FIELDS, MAX_CRITERIA)",
        kb(&text),
        time(5, || Scorecard::from_json(&text).unwrap()),
    );
    let text = many_variants(20, 99, 1).to_string();
    row("prepare 2,000 track × region combinations (MAX_VARIANTS)", kb(&text), time(5, || Scorecard::from_json(&text).unwrap()));
    let text = most_prepared().to_string();
    row(
        "prepare 100,000 criteria and tiers over 200 combinations (MAX_PREPARED)",
        kb(&text),
        time(3, || Scorecard::from_json(&text).unwrap()),
    );
    let text = many_variants(300, 300, 10).to_string();
    row("refuse 300 tracks × 300 regions × 10 paths", kb(&text), time(5, || Scorecard::from_json(&text).unwrap_err()));
    let text = many_fields(3_500).to_string();
    row("refuse a program of 3,500 fields", kb(&text), time(5, || Scorecard::from_json(&text).unwrap_err()));

    let sc = Scorecard::from_value(&many_fields(MAX_FIELDS)).unwrap();
    let profile = sc.profile_from_value(&many_fields_profile(MAX_FIELDS)).unwrap();
    let mut options = GapOptions::on(as_of);
    options.alternatives = MAX_ALTERNATIVES;
    let optimal = sc.gaps(&profile, &options).unwrap().tracks[0].plan.as_ref().is_some_and(|p| p.optimal);
    row(
        &format!("gap report, 500 fields with near-equal trade-offs, 10 alternatives (MAX_PLAN_WORK; optimal: {optimal})"),
        "500 values".into(),
        time(3, || sc.gaps(&profile, &options).unwrap()),
    );

    let text = many_bands(500, 100).to_string();
    let sc = Scorecard::from_json(&text).unwrap();
    let profile = sc.profile_from_value(&json!({"values": {"x": 10}})).unwrap();
    row(
        "gap report, one field scored by 500 rules of 100 bands (50,000 breakpoints, thinned to 1,000)",
        kb(&text),
        time(3, || sc.gaps(&profile, &GapOptions::on(as_of)).unwrap()),
    );

    let sc = Scorecard::from_value(&certifications_program()).unwrap();
    let certs = expiring_certifications(MAX_CERTIFICATIONS).to_string();
    let profile = sc.profile_from_json(&certs).unwrap();
    row("read a profile of 10,000 certifications (MAX_CERTIFICATIONS)", kb(&certs), time(5, || sc.profile_from_json(&certs).unwrap()));
    row("evaluate it", kb(&certs), time(5, || sc.evaluate(&profile, &EvalOptions::on(as_of)).unwrap()));
    let mut options = GapOptions::on(as_of);
    options.window_days = MAX_WINDOW_DAYS;
    options.alternatives = MAX_ALTERNATIVES;
    row("gap report with a ten-year expiry outlook (MAX_WINDOW_DAYS)", kb(&certs), time(3, || sc.gaps(&profile, &options).unwrap()));

    let keys = many_keys_profile(100_000);
    row("read a profile object of 100,000 unknown keys", kb(&keys), time(5, || sc.profile_from_json(&keys).unwrap_err()));
    let big: String = format!("[{}]", vec![r#"{"values": {"certs": []}, "partner": "Alder Systems 1"}"#; 1_200_000].join(","));
    row(
        "parse 64 MB of JSON (MAX_JSON_BYTES)",
        format!("{} MB", big.len() >> 20),
        time(3, || partner_scorecard::text::value::parse(&big).unwrap()),
    );

    let classic: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{}/www/programs/classic-reseller.json", env!("CARGO_MANIFEST_DIR"))).unwrap(),
    )
    .unwrap();
    let sc = Scorecard::from_value(&classic).unwrap();
    let csv = generate(&sc, &SynthOptions { rows: MAX_BASE_ROWS, seed: 7, as_of, workbook: false }).unwrap();
    row(
        "generate 500,000 synthetic partners (MAX_SYNTH_ROWS)",
        format!("{} MB of CSV", csv.len() >> 20),
        time(1, || generate(&sc, &SynthOptions { rows: MAX_BASE_ROWS, seed: 7, as_of, workbook: false }).unwrap()),
    );
    row(
        "read 500,000 partners into a base (MAX_BASE_ROWS)",
        format!("{} MB of CSV", csv.len() >> 20),
        time(1, || PartnerBase::from_csv(&sc, &csv).unwrap()),
    );
}
