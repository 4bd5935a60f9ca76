//! The program lab's JavaScript API (`Lab`, `generatePartners`) as the lab page calls it, on
//! the hand-computed fixture of tests/segment.rs. Runs in Node and in headless Chromium.
#![cfg(all(target_arch = "wasm32", feature = "lab"))]

use js_sys::{Reflect, JSON};
use partner_scorecard::analysis::synth::{generate, SynthOptions};
use partner_scorecard::wasm::lab::{
    generate_partners, inspect_csv, CsvInput, CsvReadOptionsInput, JsLab, SegmentOptionsInput, SynthOptionsInput,
};
use partner_scorecard::{Date, Scorecard};
use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const PROGRAM: &str = include_str!("e2e/fixtures/lab-program.json");
const PARTNERS: &str = include_str!("e2e/fixtures/lab-partners.csv");
const CLASSIC: &str = include_str!("../www/programs/classic-reseller.json");

fn js<T: JsCast>(value: &Value) -> T {
    JSON::parse(&value.to_string()).unwrap().unchecked_into()
}

fn rust(value: &JsValue) -> Value {
    serde_json::from_str(&String::from(JSON::stringify(value).unwrap())).unwrap()
}

fn options() -> Option<SegmentOptionsInput> {
    Some(js(&json!({ "as_of": "2026-06-01" })))
}

fn program() -> Value {
    serde_json::from_str(PROGRAM).unwrap()
}

fn csv(text: &str) -> CsvInput {
    JsValue::from_str(text).unchecked_into()
}

fn lab() -> JsLab {
    JsLab::new(js(&program()), csv(PARTNERS), None).unwrap()
}

#[wasm_bindgen_test]
fn segments_the_fixture_as_computed_by_hand() {
    let mut lab = lab();
    assert_eq!(rust(&lab.counts().unwrap()), json!({"rows": 8, "evaluated": 7, "skipped": 1}));
    let s = rust(&lab.segment(options()).unwrap());
    // Silver: Bright, Ember, Granite; gold: Alder (by grace), Delta, Harbor; Cobalt unranked.
    assert_eq!(s["tracks"][0]["tiers"], json!([3, 3]));
    assert_eq!(s["tracks"][0]["unranked"], 1);
    assert_eq!(
        s["tracks"][0]["movement"],
        json!({"promoted": 1, "demoted": 1, "unchanged": 2, "held_grace": 2, "held_anniversary": 0, "new": 1, "unranked": 0})
    );
    assert_eq!(s["tracks"][0]["regions"][1], json!({"region": "apac", "label": "APAC", "tiers": [0, 1], "unranked": 1, "partners": 2}));
    assert_eq!((s["segments"]["high_high"].clone(), s["segments"]["low_low"].clone()), (json!(3), json!(1)));
    assert_eq!(s["within_reach"]["shown"][0]["plan"], "Deal registrations 13 → 15");
    assert_eq!(s["errors"]["shown"][0]["line"], 7);
    assert_eq!(s["errors"]["shown"][0]["column"], 6);
    assert_eq!(s["expiring"]["shown"][0]["days_left"], 30);
    // Alder (40%, 60%) is the first point; rank 2 is gold.
    let points = lab.points().unwrap().to_vec();
    assert_eq!(points.len(), 21);
    assert_eq!(points[..3], [40.0, 60.0, 2.0]);
    let csv = lab.export_csv(None).unwrap();
    assert!(
        csv.starts_with("partner,region,track,score,tier,earned_tier,next_tier,deficit,plan\r\nAlder,emea,,50,gold,silver,gold,20,\r\n"),
        "{csv}"
    );
    assert!(csv.contains(",Deal registrations 13 → 15\r\n"), "{csv}");
    // The page's own words for the plans (its language), in the order listed within reach.
    let csv = lab.export_csv(Some(vec!["Deal-Registrierungen 13 → 15".into()])).unwrap();
    // Ember is listed first; Bright, listed second, keeps the engine's English.
    assert!(csv.contains("Ember,,,38,silver,,silver,2,Deal-Registrierungen 13 → 15\r\n"), "{csv}");
    assert!(csv.contains(",Deal registrations 26 → 30\r\n") && !csv.contains("Deal registrations 13"), "{csv}");
}

#[wasm_bindgen_test]
fn an_edited_program_re_scores_and_a_broken_one_keeps_the_last() {
    let mut lab = lab();
    let mut p = program();
    p["tiers"][1]["min_score"] = 60.into();
    lab.set_program(js(&p)).unwrap();
    let s = rust(&lab.segment(options()).unwrap());
    // Bright (66) reaches gold at 60.
    assert_eq!(s["tracks"][0]["tiers"], json!([2, 4]));
    // Against the program as opened: silver 3 → 2, gold 3 → 4 (unranked last, unchanged);
    // Bright promoted, and its 26 deal registrations move from silver's sum to gold's.
    let versus = &s["versus_baseline"];
    let counts = |key: &str| versus["tracks"][0][key].as_array().unwrap()[..2].to_vec();
    assert_eq!((counts("before"), counts("after")), (vec![json!(3), json!(3)], vec![json!(2), json!(4)]));
    assert_eq!((versus["promoted"].as_u64(), versus["demoted"].as_u64()), (Some(1), Some(0)));
    assert_eq!(versus["moved"]["shown"][0]["partner"], "Bright, Inc.");
    assert_eq!((&versus["moved"]["shown"][0]["from"], &versus["moved"]["shown"][0]["to"]), (&json!("Silver"), &json!("Gold")));
    let deals = versus["sums"].as_array().unwrap().iter().find(|f| f["field"] == "deals").unwrap();
    let moved = |key: &str, tier: usize| deals[key][tier].as_f64().unwrap();
    assert_eq!((moved("before", 0) - moved("after", 0), moved("after", 1) - moved("before", 1)), (26.0, 26.0));

    // Silver above gold cannot hold: the engine says where; the lab keeps gold at 60.
    p["tiers"][0]["min_score"] = 150.into();
    let err = lab.set_program(js(&p)).unwrap_err();
    assert_eq!(Reflect::get(&err, &"kind".into()).unwrap(), "program");
    let issues = rust(&Reflect::get(&err, &"issues".into()).unwrap());
    assert_eq!(issues[0]["path"], "tiers[0].min_score", "{issues}");
    let s = rust(&lab.segment(options()).unwrap());
    assert_eq!(s["tracks"][0]["tiers"], json!([2, 4]));

    // Another field set is refused.
    let mut other = program();
    other["fields"][0]["id"] = "staff".into();
    other["criteria"][0]["field"] = "staff".into();
    assert!(lab.set_program(js(&other)).is_err());
    // Unknown options are reported, not ignored.
    let err = lab.segment(Some(js(&json!({"as_of": "2026-06-01", "reach": 5})))).unwrap_err();
    assert_eq!(Reflect::get(&err, &"kind".into()).unwrap(), "options");
}

#[wasm_bindgen_test]
fn calls_before_segment_and_bad_headers_throw_scorecard_errors() {
    let lab = lab();
    assert!(lab.points().is_err());
    assert!(lab.export_csv(None).is_err());
    let err = JsLab::new(js(&program()), csv("@partner,engineerz\n"), None).err().unwrap();
    assert_eq!(Reflect::get(&err, &"kind".into()).unwrap(), "csv");
    // UTF-8 bytes read as the same text; bytes that are not UTF-8 are Windows-1252, as Excel
    // on Western European Windows writes them (issue 16), and say so.
    let bytes = js_sys::Uint8Array::from(PARTNERS.as_bytes());
    let mut from_bytes = JsLab::new(js(&program()), bytes.unchecked_into(), None).unwrap();
    assert_eq!(rust(&from_bytes.segment(options()).unwrap())["tracks"][0]["tiers"], json!([3, 3]));
    assert_eq!(rust(&from_bytes.format().unwrap()), json!({"encoding": "utf-8", "bom": false, "separator": ",", "decimal": "."}));
    let latin1 = js_sys::Uint8Array::from(&b"@partner;engineers\nM\xfcller;1\n"[..]);
    let lab = JsLab::new(js(&program()), latin1.unchecked_into(), None).unwrap();
    assert_eq!(rust(&lab.format().unwrap()), json!({"encoding": "windows-1252", "bom": false, "separator": ";", "decimal": "."}));
    assert_eq!(rust(&lab.counts().unwrap())["evaluated"], 1);
    // Options that are not options are the caller's mistake, at their key.
    let bad: Option<CsvReadOptionsInput> = Some(js(&json!({"separator": "::"})));
    let err = JsLab::new(js(&program()), csv(PARTNERS), bad).err().unwrap();
    assert_eq!(Reflect::get(&err, &"kind".into()).unwrap(), "options");
    let err = JsLab::new(JsValue::from_str("{").unchecked_into(), csv(PARTNERS), None).err().unwrap();
    assert_eq!(Reflect::get(&err, &"kind".into()).unwrap(), "program");
}

#[wasm_bindgen_test]
fn generated_partners_are_seeded_and_read_back_without_errors() {
    let options: Option<SynthOptionsInput> = Some(js(&json!({"rows": 500, "seed": 7, "as_of": "2026-06-01"})));
    let a = generate_partners(JsValue::from_str(CLASSIC).unchecked_into(), options).unwrap();
    let again =
        generate_partners(JsValue::from_str(CLASSIC).unchecked_into(), Some(js(&json!({"rows": 500, "seed": 7, "as_of": "2026-06-01"}))))
            .unwrap();
    assert_eq!(a, again);
    let mut lab = JsLab::new(JsValue::from_str(CLASSIC).unchecked_into(), js_sys::Uint8Array::from(&a[..]).unchecked_into(), None).unwrap();
    assert_eq!(rust(&lab.counts().unwrap()), json!({"rows": 500, "evaluated": 500, "skipped": 0}));
    let s = rust(&lab.segment(options_classic()).unwrap());
    let tiers = s["tracks"][0]["tiers"].as_array().unwrap().clone();
    assert!(tiers.iter().all(|n| n.as_u64().unwrap() > 0), "{tiers:?}");
}

#[wasm_bindgen_test]
fn generated_bytes_are_the_engines_text() {
    let options: Option<SynthOptionsInput> = Some(js(&json!({"rows": 601, "seed": 3, "as_of": "2026-06-01"})));
    let bytes = generate_partners(JsValue::from_str(CLASSIC).unchecked_into(), options).unwrap();
    let sc = Scorecard::from_json(CLASSIC).unwrap();
    let text = generate(&sc, &SynthOptions { rows: 601, seed: 3, as_of: Date::parse("2026-06-01").unwrap(), workbook: false }).unwrap();
    assert_eq!(String::from_utf8(bytes).unwrap(), text);
    assert_eq!(text.lines().count(), 602);
}

fn options_classic() -> Option<SegmentOptionsInput> {
    Some(js(&json!({ "as_of": "2026-06-01", "x": "capability", "y": "engagement" })))
}

#[wasm_bindgen_test]
fn inspect_csv_shows_the_format_and_the_column_mapping_before_reading() {
    // A PRM export: its own header names, semicolons, decimal commas, Windows-1252.
    let bytes = js_sys::Uint8Array::from(&b"Partner;Engineers;Notes\nM\xfcller;3;gut\n"[..]);
    let inspection = rust(&inspect_csv(js(&program()), bytes.clone().unchecked_into(), None).unwrap());
    assert_eq!(inspection["format"], json!({"encoding": "windows-1252", "bom": false, "separator": ";", "decimal": "."}));
    let how: Vec<(Value, Value)> =
        inspection["columns"].as_array().unwrap().iter().map(|c| (c["header"].clone(), c["how"].clone())).collect();
    assert_eq!(how[2], (json!("Notes"), json!("unknown")));
    // With the mapping the page proposes and the reader corrects: read.
    let mapping: Option<CsvReadOptionsInput> = Some(js(&json!({"columns": {"Partner": "@partner", "Notes": null}})));
    let mut lab = JsLab::new(js(&program()), bytes.unchecked_into(), mapping).unwrap();
    assert_eq!(rust(&lab.segment(options()).unwrap())["counts"]["evaluated"], 1);
}

#[wasm_bindgen_test]
fn a_partner_of_the_base_as_the_self_assessment_page_takes_it() {
    let lab = lab();
    // Row 1 is Bright, Inc.: EMEA, silver since 2025-01-01, 6 engineers, 26 deals, two certifications.
    let bright = rust(&lab.profile(1).unwrap());
    assert_eq!(bright["partner"], "Bright, Inc.");
    assert_eq!(bright["region"], "emea");
    assert_eq!(bright["current_tiers"], json!([{"tier": "silver", "since": "2025-01-01"}]));
    assert_eq!((&bright["values"]["engineers"], &bright["values"]["deals"]), (&json!(6), &json!(26)));
    assert_eq!(
        bright["values"]["certs"][0],
        json!({"kind": "tech", "name": "Cloud", "holder": "A. Jones", "earned": "2024-07-01", "expires": "2026-07-01"})
    );
    // Row 5 (Fjord, "many" engineers) was skipped: no profile.
    assert!(lab.profile(5).unwrap().is_null());
}
