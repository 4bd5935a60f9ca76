//! The direct profile reader (`Scorecard::read_profile_direct`, no value tree) against the
//! full one (`profile_from_parsed` over `value::parse`), which is the oracle: on random
//! profiles of every shipped program, valid and broken in every way the generator knows, the
//! direct reader either gives up or returns exactly the full reader's profile, and
//! `profile_from_json` (direct first) always answers as the full reader does. Valid profiles
//! without escapes must be read directly, or the fast path would silently never run.

#[path = "support/fixtures.rs"]
mod fixtures;

use fixtures::{program, SHIPPED};
use partner_scorecard::analysis::synth::Rng;
use partner_scorecard::program::model::FieldKind;
use partner_scorecard::text::value;
use partner_scorecard::{Errors, Profile, Scorecard};
use serde_json::{json, Map, Value};

const CASES_PER_PROGRAM: usize = 3_000;

fn pick<'a, T>(rng: &mut Rng, items: &'a [T]) -> &'a T {
    &items[rng.below(items.len())]
}

fn date(rng: &mut Rng) -> String {
    format!("20{:02}-{:02}-{:02}", 20 + rng.below(10), 1 + rng.below(12), 1 + rng.below(28))
}

/// A value a form could send for the field: valid, except where `rng` says otherwise.
fn field_value(rng: &mut Rng, kind: &FieldKind) -> Value {
    if rng.below(10) == 0 {
        return Value::Null;
    }
    match kind {
        FieldKind::Number { min, max, integer, .. } => {
            let lo = min.unwrap_or(-1000.0);
            let hi = max.unwrap_or(lo + 2_000_000.0).min(lo + 2_000_000.0);
            let n = lo + rng.unit() * (hi - lo);
            let n = if *integer || rng.below(2) == 0 { n.round().clamp(lo, hi) } else { n };
            json!(n)
        }
        FieldKind::Boolean => json!(rng.below(2) == 0),
        FieldKind::Choice { options } => json!(pick(rng, options).id),
        FieldKind::MultiChoice { options } => Value::Array(options.iter().filter(|_| rng.below(2) == 0).map(|o| json!(o.id)).collect()),
        FieldKind::Date => json!(date(rng)),
        FieldKind::Certifications { kinds } => {
            let certs = (0..rng.below(5))
                .map(|i| {
                    let mut cert = Map::new();
                    if !kinds.is_empty() {
                        cert.insert("kind".into(), json!(pick(rng, kinds).id));
                    }
                    if rng.below(2) == 0 {
                        cert.insert("name".into(), json!(format!("Certificate {i}")));
                    }
                    if rng.below(3) == 0 {
                        cert.insert("holder".into(), if rng.below(4) == 0 { Value::Null } else { json!("Jo Müller") });
                    }
                    let earned = date(rng);
                    cert.insert("earned".into(), json!(earned));
                    let expires = match rng.below(4) {
                        0 => json!(""),
                        1 => Value::Null,
                        _ => json!(format!("20{}", &earned[2..].replacen(&earned[2..4], &format!("{:02}", 30 + rng.below(9)), 1))),
                    };
                    cert.insert("expires".into(), expires);
                    Value::Object(cert)
                })
                .collect();
            Value::Array(certs)
        }
    }
}

fn valid_profile(rng: &mut Rng, sc: &Scorecard) -> Value {
    let mut values = Map::new();
    for field in sc.fields() {
        if rng.below(5) != 0 {
            values.insert(field.id.clone(), field_value(rng, &field.kind));
        }
    }
    let mut profile = Map::new();
    if rng.below(2) == 0 {
        profile.insert("partner".into(), json!(format!("Partner {}", rng.below(1000))));
    }
    if !sc.regions().is_empty() && rng.below(2) == 0 {
        profile.insert("region".into(), json!(pick(rng, sc.regions()).id));
    }
    if !sc.tracks().is_empty() && rng.below(2) == 0 {
        let tracks: Vec<Value> = sc.tracks().iter().filter(|_| rng.below(2) == 0).map(|t| json!(t.id)).collect();
        profile.insert("tracks".into(), Value::Array(tracks));
    }
    if rng.below(3) == 0 {
        let mut held = Map::new();
        if !sc.tracks().is_empty() {
            held.insert("track".into(), json!(sc.tracks()[0].id));
        }
        held.insert("tier".into(), json!(pick(rng, sc.tier_ids())));
        held.insert("since".into(), json!(date(rng)));
        profile.insert("current_tiers".into(), json!([held]));
    }
    profile.insert("values".into(), Value::Object(values));
    Value::Object(profile)
}

/// One of the ways a profile goes wrong, applied to its JSON text or value.
fn broken(rng: &mut Rng, sc: &Scorecard, profile: &Value) -> String {
    let text = serde_json::to_string(profile).unwrap();
    let field = &pick(rng, sc.fields()).id;
    let edit = |value: Value| {
        let mut p = profile.clone();
        p["values"][field] = value;
        serde_json::to_string(&p).unwrap()
    };
    match rng.below(16) {
        0 => edit(json!("not a value")),
        1 => edit(json!(-1e9)),
        2 => edit(json!(0.5)),
        3 => edit(json!(true)),
        4 => edit(json!(["nope"])),
        5 => edit(json!([{"kind": "nope"}])),
        6 => edit(json!([{"earned": "2026-02-30"}])),
        7 => edit(json!({"x": 1})),
        8 => text.replacen("\"values\":{", "\"values\":{\"unknown_field\":1,", 1),
        // A key written twice, a string with an escape, the wrong top level.
        9 => text.replacen("\"values\":{", &format!("\"values\":{{\"{field}\":null,"), 1),
        10 => text.replacen("\"values\"", "\"val\\u0075es\"", 1),
        11 => format!("[{text}]"),
        12 => format!("{text} x"),
        13 => text.chars().take(text.chars().count() / 2).collect(),
        14 => text.replacen('{', "{\"partner\":\"A\\\"B\",", 1),
        _ => text.replacen("\"values\"", "\"current_tiers\":[{\"tier\":\"nope\"}],\"values\"", 1),
    }
}

/// The oracle: the value tree and the full reader.
fn full(sc: &Scorecard, text: &str) -> Result<Profile, Option<Errors>> {
    let parsed = value::parse(text).map_err(|_| None)?;
    sc.profile_from_parsed(&parsed).map_err(Some)
}

#[test]
fn the_direct_reader_agrees_with_the_full_one() {
    let mut rng = Rng::new(20_261_201);
    for name in SHIPPED {
        let sc = program(name);
        let (mut direct, mut valid) = (0, 0);
        for case in 0..CASES_PER_PROGRAM {
            let profile = valid_profile(&mut rng, &sc);
            let text = if case % 3 == 0 { broken(&mut rng, &sc, &profile) } else { serde_json::to_string_pretty(&profile).unwrap() };
            let oracle = full(&sc, &text);
            if let Some(read) = sc.read_profile_direct(&text) {
                assert_eq!(Ok(&read), oracle.as_ref().map_err(|_| ()), "{name}: {text}");
                direct += 1;
            }
            // Through the public entry, errors included.
            match (sc.profile_from_json(&text), &oracle) {
                (Ok(a), Ok(b)) => assert_eq!(&a, b, "{name}: {text}"),
                (Err(a), Err(Some(b))) => assert_eq!(&a, b, "{name}: {text}"),
                (Err(_), Err(None)) => {}
                (a, b) => panic!("{name}: profile_from_json {a:?}, full reader {b:?}: {text}"),
            }
            if oracle.is_ok() && !text.contains('\\') {
                valid += 1;
                assert!(sc.read_profile_direct(&text).is_some(), "{name}: a valid profile was not read directly: {text}");
            }
        }
        // Most generated profiles are valid: the comparison above is not only about refusals.
        assert!(valid > CASES_PER_PROGRAM / 2, "{name}: only {valid} valid profiles");
        assert_eq!(direct, valid, "{name}");
    }
}

#[test]
fn edge_cases_read_as_the_full_reader_reads_them() {
    let sc = program("classic-reseller");
    let texts = [
        "{}",
        " { } ",
        r#"{"values": {}}"#,
        r#"{"values": null, "partner": null}"#,
        r#"{"values": {"certified_engineers": -0}}"#,
        r#"{"values": {"annual_revenue": 1e6, "revenue_growth": -12.5}}"#,
        r#"{"values": {"certifications": [{"kind": "sales", "earned": "", "expires": ""}]}}"#,
        r#"{"values": {"certifications": [{"kind": "sales", "earned": "2026-01-01", "expires": "2025-01-01"}]}}"#,
        r#"{"values": {"industries": ["finance", "finance"]}}"#,
        r#"{"current_tiers": [{"tier": "gold"}, {"tier": "silver"}]}"#,
        r#"{"current_tiers": null}"#,
        r#"{"values": {"marketing_plan": nul}}"#,
        r#"{"values": {"certified_engineers": 01}}"#,
        // A key written twice, at each level the direct reader reads objects.
        r#"{"partner": "A", "partner": "B"}"#,
        r#"{"current_tiers": [{"tier": "gold", "tier": "silver"}]}"#,
        r#"{"values": {"certifications": [{"kind": "sales", "kind": "technical"}]}}"#,
        "",
        "null",
    ];
    for text in texts {
        let oracle = full(&sc, text);
        if let Some(read) = sc.read_profile_direct(text) {
            assert_eq!(Ok(&read), oracle.as_ref().map_err(|_| ()), "{text}");
        }
        assert_eq!(sc.profile_from_json(text).ok(), oracle.ok(), "{text}");
    }
    // The common cases are read directly.
    for text in ["{}", r#"{"values": {"certified_engineers": -0}}"#, r#"{"current_tiers": null}"#] {
        assert!(sc.read_profile_direct(text).is_some(), "{text}");
    }
}
