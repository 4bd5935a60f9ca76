//! The JavaScript API on the shipped programs, as a page calls it: values built with
//! `JSON.parse`, results read back as plain JS objects. Runs in Node and in headless
//! Chromium (scripts/test.sh).
#![cfg(target_arch = "wasm32")]

use js_sys::{Object, Reflect, JSON};
use partner_scorecard::wasm::{version, EvalOptionsInput, JsScorecard};
use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const CLASSIC: &str = include_str!("../www/programs/classic-reseller.json");
const MULTI: &str = include_str!("../www/programs/multi-track.json");
const CAPABILITY: &str = include_str!("../www/programs/capability-100.json");

/// A JS value built from JSON, as the API's typed inputs (`ProfileInput`, `EvalOptionsInput`, ...).
fn js<T: JsCast>(value: &Value) -> T {
    JSON::parse(&value.to_string()).unwrap().unchecked_into()
}

/// JSON text (or any string) as a typed input.
fn text<T: JsCast>(value: &str) -> T {
    JsValue::from_str(value).unchecked_into()
}

fn rust(value: &JsValue) -> Value {
    serde_json::from_str(&String::from(JSON::stringify(value).unwrap())).unwrap()
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &key.into()).unwrap()
}

fn options(as_of: &str) -> Option<EvalOptionsInput> {
    Some(js(&json!({ "as_of": as_of })))
}

fn classic() -> JsScorecard {
    JsScorecard::new(text(CLASSIC)).unwrap()
}

/// 3 engineers × 3 = 9, two valid certifications × 2 = 4, marketing plan 4, 10 of 20 deal
/// registrations = 4 of 8, 2 campaigns = 2, 3 references = 4, high market alignment
/// 2 × 1.5 = 3, three industries capped at 2: 32 points. A signed agreement makes it
/// Registered; Silver needs 40.
fn acme() -> Value {
    json!({
        "partner": "Acme",
        "values": {
            "agreement_signed": true,
            "certified_engineers": 3,
            "certifications": [
                {"kind": "sales", "earned": "2025-01-01", "expires": "2027-01-01"},
                {"kind": "technical", "earned": "2025-01-01", "expires": "2027-01-01"},
                {"kind": "technical", "earned": "2023-01-01", "expires": "2025-12-31"}
            ],
            "marketing_plan": true,
            "deal_registrations": 10,
            "joint_campaigns": 2,
            "reference_customers": 3,
            "market_alignment": "high",
            "industries": ["healthcare", "finance", "public"]
        }
    })
}

/// The error a call threw, checked to be a `ScorecardError` carrying kind and issues.
fn scorecard_error(result: Result<impl Sized, JsValue>) -> (String, Vec<(String, String)>, Value) {
    let Err(error) = result else { panic!("expected a ScorecardError") };
    assert!(error.is_instance_of::<js_sys::Error>(), "a JS Error subclass");
    assert_eq!(get(&error, "name").as_string().as_deref(), Some("ScorecardError"));
    let message = get(&error, "message").as_string().unwrap();
    assert!(!message.is_empty());
    let issues = rust(&get(&error, "issues"));
    let pairs = issues
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["path"].as_str().unwrap().to_string(), i["message"].as_str().unwrap().to_string()))
        .collect();
    (get(&error, "kind").as_string().unwrap(), pairs, issues)
}

#[wasm_bindgen_test]
fn evaluates_a_profile_object_with_explanations() {
    let scorecard = classic();
    let result = scorecard.evaluate(js(&acme()), options("2026-06-01")).unwrap();
    let r = rust(&result);
    assert_eq!(r["as_of"], "2026-06-01");
    assert_eq!(r["partner"], "Acme");
    let track = &r["tracks"][0];
    assert_eq!(track["total"], 32.0);
    assert_eq!(track["tier"]["id"], "registered");
    assert_eq!(track["tier"]["rank"], 1);
    assert_eq!(track["next_tier"]["id"], "silver");
    assert_eq!(track["next_tier"]["point_deficit"], 8.0);
    let engineers = track["criteria"].as_array().unwrap().iter().find(|c| c["id"] == "engineers").unwrap();
    assert_eq!(engineers["points"], 9.0);
    assert_eq!(engineers["explanation"], "3 Certified engineers × 3 = 9 of 15");
    let certs = track["criteria"].as_array().unwrap().iter().find(|c| c["id"] == "certs").unwrap();
    assert_eq!(certs["input"], 2, "the certification that expired in 2025 does not count");
    assert_eq!(r["best"]["tier"]["id"], "registered");
}

#[wasm_bindgen_test]
fn results_are_plain_objects_with_null_for_missing_values() {
    let scorecard = classic();
    let result = scorecard.evaluate(js(&json!({"values": {}})), options("2026-06-01")).unwrap();
    assert_eq!(Object::get_prototype_of(&result), Object::get_prototype_of(&Object::new()), "an Object, not a Map");
    assert!(get(&result, "partner").is_null());
    let track = get(&js_sys::Array::from(&get(&result, "tracks")).get(0), "tier");
    assert!(track.is_null(), "no tier is null, not undefined");
    assert!(get(&result, "best").is_null());
}

#[wasm_bindgen_test]
fn program_and_profile_may_be_json_text_and_labels_follow_lang() {
    let scorecard = JsScorecard::new(text(CLASSIC)).unwrap();
    let r = rust(&scorecard.evaluate(text(&acme().to_string()), Some(js(&json!({"as_of": "2026-06-01", "lang": "de"})))).unwrap());
    assert_eq!(r["tracks"][0]["total"], 32.0);
    assert_eq!(r["tracks"][0]["tier"]["label"], "Registriert");
    assert_eq!(r["tracks"][0]["next_tier"]["label"], "Silber");
}

#[wasm_bindgen_test]
fn score_is_compact_and_uses_ids() {
    let r = rust(&classic().score(js(&acme()), options("2026-06-01")).unwrap());
    assert_eq!(
        r,
        json!([{
            "row": 0, "line": null, "partner": "Acme", "region": null, "track": null, "total": 32,
            "tier": "registered", "earned_tier": "registered", "held_by_retention": false,
            "next_tier": "silver", "point_deficit": 8
        }])
    );
}

#[wasm_bindgen_test]
fn the_as_of_date_decides_which_certifications_count() {
    // On 2027-01-02 both remaining certifications have expired: 32 - 4 = 28.
    let r = rust(&classic().evaluate(js(&acme()), options("2027-01-02")).unwrap());
    assert_eq!(r["tracks"][0]["total"], 28.0);
    // Without as_of, today's date is used; the result says which day that was.
    let today = rust(&classic().evaluate(js(&acme()), None).unwrap());
    assert_eq!(today["as_of"].as_str().unwrap().len(), 10);
}

#[wasm_bindgen_test]
fn bad_programs_throw_with_every_issue() {
    let (kind, issues, _) = scorecard_error(JsScorecard::new(js(&json!({"format": 1, "name": "X", "fields": [], "tiers": []}))));
    assert_eq!(kind, "program");
    let paths: Vec<&str> = issues.iter().map(|(p, _)| p.as_str()).collect();
    assert!(paths.contains(&"fields") && paths.contains(&"tiers"), "{issues:?}");
    let (kind, issues, _) = scorecard_error(JsScorecard::new(text("{\"format\": 1,")));
    assert_eq!(kind, "program");
    assert!(issues[0].1.starts_with("not valid JSON"), "{issues:?}");
    let (kind, _, _) = scorecard_error(JsScorecard::new(JsValue::UNDEFINED.unchecked_into()));
    assert_eq!(kind, "program");
}

#[wasm_bindgen_test]
fn bad_profiles_and_options_throw_and_the_module_keeps_working() {
    let scorecard = classic();
    let bad = json!({"values": {"certified_engineers": "many", "market_alignment": "huge", "nope": 1}});
    let (kind, issues, _) = scorecard_error(scorecard.evaluate(js(&bad), options("2026-06-01")));
    assert_eq!(kind, "profile");
    assert_eq!(
        issues.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>(),
        vec!["values.certified_engineers", "values.market_alignment", "values.nope"]
    );
    assert_eq!(issues[0].1, "\"certified_engineers\" must be a number, found the text \"many\"");

    let (kind, issues, _) = scorecard_error(scorecard.score(js(&acme()), options("tomorrow")));
    assert_eq!((kind.as_str(), issues[0].0.as_str()), ("options", "as_of"));
    let (kind, issues, _) = scorecard_error(scorecard.evaluate(js(&acme()), Some(js(&json!({"track": "msp"})))));
    assert_eq!((kind.as_str(), issues[0].0.as_str()), ("options", "track"));
    let (kind, issues, _) = scorecard_error(scorecard.evaluate(js(&acme()), Some(js(&json!({"as_at": "2026-06-01", "lang": 7})))));
    assert_eq!(kind, "options");
    assert_eq!(
        issues,
        vec![
            (
                "as_at".to_string(),
                "unknown key \"as_at\" in options (did you mean \"as_of\"?); allowed keys are as_of, track, region, lang".to_string()
            ),
            ("lang".to_string(), "expected text, found the number 7".to_string()),
        ]
    );
    // A circular object cannot be read, and says so.
    let circular = Object::new();
    Reflect::set(&circular, &"self".into(), &circular).unwrap();
    let (kind, _, _) = scorecard_error(scorecard.evaluate(JsValue::from(circular).unchecked_into(), None));
    assert_eq!(kind, "profile");

    // Same instance, same module: still evaluates correctly after every error above.
    let r = rust(&scorecard.evaluate(js(&acme()), options("2026-06-01")).unwrap());
    assert_eq!(r["tracks"][0]["total"], 32.0);
    let fresh = classic();
    assert_eq!(rust(&fresh.score(js(&acme()), options("2026-06-01")).unwrap())[0]["total"], 32.0);
}

#[wasm_bindgen_test]
fn batch_from_csv_reports_bad_rows_and_evaluates_the_rest() {
    let csv = "@partner,agreement_signed,certified_engineers,marketing_plan,market_alignment\r\n\
               Acme,yes,3,yes,high\r\n\
               \"Bolt, Inc.\",no,many,no,low\r\n\
               Cato,true,5,no,\r\n";
    let r = rust(&classic().evaluate_batch(text(csv), options("2026-06-01")).unwrap());
    // Acme: 9 + 4 + 3 = 16 (Registered). Cato: 15 (Registered). Bolt: not a number.
    assert_eq!(r["counts"], json!({"rows": 3, "evaluated": 2, "skipped": 1, "results": 2}));
    let results: Vec<(&str, f64, &str)> = r["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| (x["partner"].as_str().unwrap(), x["total"].as_f64().unwrap(), x["tier"].as_str().unwrap()))
        .collect();
    assert_eq!(results, vec![("Acme", 16.0, "registered"), ("Cato", 15.0, "registered")]);
    assert_eq!(
        r["errors"],
        json!([{"row": 1, "line": 3, "column": 3, "path": "certified_engineers",
                "message": "\"certified_engineers\" must be a number, found the text \"many\"",
                // The same as a message for the page's catalogs (README, "Languages and locales").
                "message_i18n": {"id": "profile.not_a_number", "args": {"field": "certified_engineers", "text": "\"many\""}}}])
    );
}

#[wasm_bindgen_test]
fn batch_from_an_array_of_profiles() {
    let profiles = json!([acme(), {"values": {"csat": 101}}, {"partner": "Empty"}]);
    let r = rust(&classic().evaluate_batch(js(&profiles), options("2026-06-01")).unwrap());
    assert_eq!(r["counts"], json!({"rows": 3, "evaluated": 2, "skipped": 1, "results": 2}));
    assert_eq!(r["results"][0]["total"], 32.0);
    assert_eq!(r["results"][1]["partner"], "Empty");
    assert_eq!(r["results"][1]["tier"], Value::Null);
    assert_eq!(r["errors"][0]["row"], 1);
    assert_eq!(r["errors"][0]["path"], "values.csat");
}

#[wasm_bindgen_test]
fn an_unusable_csv_header_throws_a_csv_error() {
    let scorecard = classic();
    let (kind, issues, raw) = scorecard_error(scorecard.evaluate_batch(text("@partner,engineers\nA,1\n"), None));
    assert_eq!(kind, "csv");
    assert_eq!(issues[0].0, "engineers");
    assert_eq!((raw[0]["line"].clone(), raw[0]["column"].clone()), (json!(1), json!(2)));
    let (kind, _, _) = scorecard_error(scorecard.evaluate_batch(JsValue::from_f64(3.0).unchecked_into(), None));
    assert_eq!(kind, "csv");
    assert!(scorecard.evaluate_batch(text("@partner\nA\n"), None).is_ok());
}

#[wasm_bindgen_test]
fn form_describes_fields_sections_and_tiers() {
    let form = rust(&classic().form().unwrap());
    assert_eq!(form["id"], "classic-reseller");
    assert_eq!(form["languages"], json!(["en", "de"]));
    assert_eq!(form["fields"].as_array().unwrap().len(), 17);
    let engineers = form["fields"].as_array().unwrap().iter().find(|f| f["id"] == "certified_engineers").unwrap();
    assert_eq!(engineers["type"], "number");
    assert_eq!(engineers["integer"], true);
    assert_eq!(engineers["section"], "capability");
    assert_eq!(engineers["label"], json!({"en": "Certified engineers", "de": "Zertifizierte Techniker"}));
    let tiers: Vec<&str> = form["tiers"].as_array().unwrap().iter().map(|t| t["id"].as_str().unwrap()).collect();
    assert_eq!(tiers, vec!["registered", "silver", "gold", "platinum"]);
    assert_eq!(form["max_score"], 100.0);
    // The classic program keeps a tier for 90 days after the partner falls short.
    assert_eq!(form["retention"], json!({"grace_days": 90}));
    let multi = rust(&JsScorecard::new(text(MULTI)).unwrap().form().unwrap());
    assert_eq!(multi["retention"], json!({"until_anniversary": "07-01"}));
}

#[wasm_bindgen_test]
fn multi_track_programs_give_one_result_per_track() {
    let scorecard = JsScorecard::new(text(MULTI)).unwrap();
    let profile = json!({"tracks": ["reseller", "referral"], "values": {"new_customers": 3, "csat": 90, "market_alignment": "high", "reciprocity": "medium"}});
    let r = rust(&scorecard.score(js(&profile), options("2026-06-01")).unwrap());
    let tracks: Vec<&str> = r.as_array().unwrap().iter().map(|x| x["track"].as_str().unwrap()).collect();
    assert_eq!(tracks, vec!["reseller", "referral"]);
    let only = rust(&scorecard.score(js(&profile), Some(js(&json!({"as_of": "2026-06-01", "track": "managed_services"})))).unwrap());
    assert_eq!(only.as_array().unwrap().len(), 1);
    assert_eq!(only[0]["track"], "managed_services");
}

#[wasm_bindgen_test]
fn an_empty_profile_gets_the_tier_without_conditions() {
    // Member has no minimum; Solutions Partner needs 70 points and every criterion above zero.
    let scorecard = JsScorecard::new(text(CAPABILITY)).unwrap();
    let r = rust(&scorecard.evaluate(js(&json!({})), options("2026-06-01")).unwrap());
    assert_eq!(r["tracks"][0]["total"], 0.0);
    assert_eq!(r["tracks"][0]["tier"]["id"], "member");
    assert_eq!(r["tracks"][0]["next_tier"]["id"], "solutions_partner");
    assert_eq!(r["tracks"][0]["next_tier"]["point_deficit"], 70.0);
    assert_eq!(r["tracks"][0]["next_tier"]["unmet_requirements"], 1);
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn errors_are_instances_of_error() {
    let Err(e) = JsScorecard::new(text("[]")) else { panic!() };
    let error: js_sys::Error = e.dyn_into().unwrap();
    assert!(String::from(error.message()).starts_with("invalid program"));
}

#[wasm_bindgen_test]
fn gaps_plan_the_way_to_the_next_tier_and_reject_misspelt_options() {
    let scorecard = classic();
    let report = rust(&scorecard.gaps(js(&acme()), Some(js(&json!({"as_of": "2026-06-01", "alternatives": 1})))).unwrap());
    let track = &report["tracks"][0];
    assert_eq!(track["earned_tier"]["id"], "registered");
    assert_eq!(track["target"]["id"], "silver");
    assert_eq!(track["point_deficit"], 8.0);
    assert_eq!(track["status"], "plan");
    assert!(track["plan"]["total_after"].as_f64().unwrap() >= 40.0);
    assert_eq!(track["plan"]["tier_after"]["id"], "silver");
    let (kind, issues, _) = scorecard_error(scorecard.gaps(js(&acme()), Some(js(&json!({"windowDays": 30})))));
    assert_eq!(kind, "options");
    assert!(issues[0].1.contains("windowDays"), "{issues:?}");
    let (kind, issues, _) = scorecard_error(scorecard.gaps(js(&acme()), Some(js(&json!({"target": "diamond"})))));
    assert_eq!((kind.as_str(), issues[0].0.as_str()), ("options", "target"));
}

/// What changed between two programs (the studio's view, issue 17): a region's tier minimum
/// in the edited program, while the edited one does not build; the labels in German; text
/// that is not JSON is the only program error.
#[wasm_bindgen_test]
fn describe_changes_words_the_edits_even_of_an_invalid_program() {
    use partner_scorecard::wasm::describe_changes;
    let mut edited: Value = serde_json::from_str(MULTI).unwrap();
    edited["regions"][0]["tiers"]["advanced"]["min_score"] = json!(50);
    edited["tiers"][2]["min_score"] = json!("high");
    let r = rust(&describe_changes(text(MULTI), js(&edited), Some(js(&json!({"lang": "de"})))).unwrap());
    assert_eq!(r["total"], 2);
    let changes = r["changes"].as_array().unwrap();
    assert_eq!(changes[0]["path"], "tiers[2].min_score");
    assert_eq!(changes[0]["text"], "Tier Premier: minimum score 75 → \"high\"");
    assert_eq!(changes[1]["kind"], "changed");
    assert_eq!(changes[1]["path"], "regions[0].tiers.advanced.min_score");
    assert_eq!(changes[1]["text"], "Region Growth markets › Tier Advanced: minimum score 45 → 50");
    assert_eq!((changes[1]["before"].clone(), changes[1]["after"].clone()), (json!(45), json!(50)));
    assert_eq!(changes[1]["within"], json!([{"kind": "region", "id": "growth", "label": "Growth markets"}]));
    assert_eq!(changes[1]["text_i18n"]["id"], "changes.changed");
    assert_eq!(changes[1]["text_i18n"]["args"]["subject"]["id"], "changes.within");
    let same = rust(&describe_changes(text(CLASSIC), text(CLASSIC), None).unwrap());
    assert_eq!(same, json!({"changes": [], "total": 0}));
    let (kind, issues, _) = scorecard_error(describe_changes(text(CLASSIC), text("{\"format\": 1,"), None));
    assert_eq!(kind, "program");
    assert!(issues[0].1.starts_with("not valid JSON"), "{issues:?}");
    let (kind, issues, _) = scorecard_error(describe_changes(text(CLASSIC), text(CLASSIC), Some(js(&json!({"language": "de"})))));
    assert_eq!((kind.as_str(), issues[0].0.as_str()), ("options", "language"));
}

#[path = "support/number_texts.rs"]
mod number_texts;

/// The engine reads a million number texts (and the adversarial ones) exactly as the
/// JavaScript engine it runs in reads them with `Number()`, and what it writes reads back in
/// JavaScript as the same double: the differential test of tests/numbers.rs, with the
/// browser's and Node's reader as the oracle.
#[wasm_bindgen_test]
fn numbers_are_read_and_written_as_javascript_reads_them() {
    use partner_scorecard::analysis::synth::Rng;
    use partner_scorecard::text::decimal::parse_decimal;
    // `Number(text)`, the conversion itself (not a cast): the oracle.
    #[allow(deprecated)]
    let js_number = |text: &str| js_sys::Number::new(&JsValue::from_str(text)).value_of();
    let mut rng = Rng::new(0x6a73_6e75);
    let mut compared = 0;
    for text in number_texts::ADVERSARIAL.iter().map(|t| t.to_string()).chain((0..1_000_000).map(|_| number_texts::number_text(&mut rng))) {
        let expected = js_number(&text);
        let ours = parse_decimal(&text).unwrap_or(f64::NAN);
        assert!(ours.to_bits() == expected.to_bits() || (ours.is_nan() && expected.is_nan()), "{text}: {ours:e} vs Number() {expected:e}");
        compared += 1;
    }
    assert!(compared > 1_000_000);
    for _ in 0..300_000 {
        let x = number_texts::random_double(&mut rng);
        let text = partner_scorecard::text::json_write::to_string(&x).unwrap();
        assert_eq!(js_number(&text).to_bits(), x.to_bits(), "{text}");
    }
}
