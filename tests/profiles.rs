//! Partner profiles: every mistake is reported at its field, a missing value is simply empty.

use partner_scorecard::{Date, EvalOptions, FieldValue, Issue, Scorecard};
use serde_json::{json, Value};

fn program() -> Scorecard {
    Scorecard::from_value(&json!({
        "format": 1, "id": "profiles", "name": "Profile test program",
        "fields": [
            {"id": "revenue", "label": "Annual revenue", "type": "number", "min": 0, "max": 1000000000},
            {"id": "engineers", "label": "Certified engineers", "type": "number", "integer": true, "min": 0, "max": 500},
            {"id": "msp", "label": "Offers managed services", "type": "boolean"},
            {"id": "fit", "label": "Strategic fit", "type": "choice",
             "options": [{"id": "low", "label": "Low"}, {"id": "high", "label": "High"}]},
            {"id": "industries", "label": "Industries", "type": "multi_choice",
             "options": [{"id": "health", "label": "Health"}, {"id": "retail", "label": "Retail"}]},
            {"id": "founded", "label": "Founded", "type": "date"},
            {"id": "certs", "label": "Certifications", "type": "certifications",
             "kinds": [{"id": "sales", "label": "Sales"}, {"id": "tech", "label": "Technical"}]}
        ],
        "categories": [{"id": "performance", "label": "Performance"}],
        "criteria": [
            {"id": "revenue", "label": "Revenue", "category": "performance", "field": "revenue",
             "rule": {"type": "linear", "target": 1000000, "points": 50}},
            {"id": "engineers", "label": "Engineers", "category": "performance", "field": "engineers",
             "rule": {"type": "per_unit", "per": 5, "cap": 25}},
            {"id": "certs", "label": "Certifications", "category": "performance", "field": "certs",
             "rule": {"type": "certifications", "per": 5, "cap": 25}}
        ],
        "tiers": [{"id": "silver", "label": "Silver", "min_score": 20}, {"id": "gold", "label": "Gold", "min_score": 60}],
        "tracks": [{"id": "reseller", "label": "Reseller"}, {"id": "referral", "label": "Referral"}],
        "regions": [{"id": "growth", "label": "Growth"}]
    }))
    .unwrap()
}

fn rejected(scorecard: &Scorecard, profile: Value) -> Vec<Issue> {
    match scorecard.profile_from_value(&profile) {
        Ok(p) => panic!("profile should be rejected: {profile} -> {p:?}"),
        Err(e) => e.issues,
    }
}

fn show(issues: &[Issue]) -> String {
    issues.iter().map(|i| format!("\n  {i}")).collect()
}

#[track_caller]
fn expect(issues: &[Issue], path: &str, phrases: &[&str]) {
    assert!(
        issues.iter().any(|i| i.path == path && phrases.iter().all(|p| i.message.contains(p))),
        "no error at {path:?} mentioning {phrases:?}; got:{}",
        show(issues)
    );
}

#[track_caller]
fn only(scorecard: &Scorecard, profile: Value, path: &str, phrases: &[&str]) {
    let issues = rejected(scorecard, profile);
    assert_eq!(issues.len(), 1, "{}", show(&issues));
    expect(&issues, path, phrases);
}

fn day(s: &str) -> Date {
    Date::parse(s).unwrap()
}

#[test]
fn wrong_types_are_reported_per_field() {
    let s = program();
    only(&s, json!({"values": {"revenue": "a lot"}}), "values.revenue", &["\"revenue\" must be a number", "the text \"a lot\""]);
    only(&s, json!({"values": {"msp": "yes"}}), "values.msp", &["\"msp\" must be true or false", "the text \"yes\""]);
    only(&s, json!({"values": {"fit": 2}}), "values.fit", &["expected text", "the number 2"]);
    only(&s, json!({"values": {"industries": "health"}}), "values.industries", &["expected a list", "the text \"health\""]);
    only(&s, json!({"values": {"certs": {"kind": "sales"}}}), "values.certs", &["expected a list", "an object"]);
    only(&s, json!({"values": {"certs": ["AWS"]}}), "values.certs[0]", &["a certification must be an object", "the text \"AWS\""]);
    only(&s, json!({"values": [1, 2]}), "values", &["expected an object of field id -> value", "a list"]);
    only(&s, json!("acme"), "", &["a profile must be an object"]);
    only(&s, json!({"partner": 42}), "partner", &["expected text", "the number 42"]);
}

#[test]
fn numbers_out_of_range_or_not_whole() {
    let s = program();
    only(&s, json!({"values": {"revenue": -5}}), "values.revenue", &["\"revenue\" must be at least 0, found -5"]);
    only(&s, json!({"values": {"revenue": 2e9}}), "values.revenue", &["must be at most 1,000,000,000, found 2,000,000,000"]);
    only(&s, json!({"values": {"engineers": 2.5}}), "values.engineers", &["\"engineers\" must be a whole number, found 2.5"]);
    only(&s, json!({"values": {"engineers": 501}}), "values.engineers", &["must be at most 500"]);
    // JSON has no infinity; a number too large for f64 is refused where it stands.
    let err = s.profile_from_json(r#"{"values": {"revenue": 1e400}}"#).unwrap_err();
    assert_eq!(err.issues[0].message, "not valid JSON: the number is too large at line 1, column 24", "{err}");
}

#[test]
fn unknown_fields_options_and_kinds() {
    let s = program();
    only(&s, json!({"values": {"foo": 1}}), "values.foo", &["unknown field \"foo\""]);
    only(&s, json!({"values": {"fit": "medium"}}), "values.fit", &["\"medium\" is not an option of \"fit\"", "\"low\", \"high\""]);
    only(
        &s,
        json!({"values": {"industries": ["health", "mining"]}}),
        "values.industries[1]",
        &["\"mining\" is not an option of \"industries\""],
    );
    only(
        &s,
        json!({"values": {"certs": [{"kind": "presales"}]}}),
        "values.certs[0].kind",
        &["unknown certification kind \"presales\"", "\"sales\", \"tech\""],
    );
    only(&s, json!({"values": {"certs": [{"name": "AWS SA"}]}}), "values.certs[0].kind", &["\"kind\" is required"]);
    only(&s, json!({"values": {"certs": [{"kind": "sales", "level": 3}]}}), "values.certs[0].level", &["unknown key \"level\""]);
    only(&s, json!({"valeus": {}}), "valeus", &["unknown key \"valeus\"", "did you mean \"values\"?"]);
}

#[test]
fn unknown_tracks_regions_and_tiers() {
    let s = program();
    only(&s, json!({"region": "emea"}), "region", &["unknown region \"emea\"", "\"growth\""]);
    only(&s, json!({"tracks": ["reseller", "msp"]}), "tracks[1]", &["unknown track \"msp\"", "\"reseller\", \"referral\""]);
    only(&s, json!({"current_tiers": [{"track": "reseller", "tier": "diamond"}]}), "current_tiers[0].tier", &["unknown tier \"diamond\""]);
    only(&s, json!({"current_tiers": [{"tier": "gold"}]}), "current_tiers[0].track", &["\"track\" is required", "this program has tracks"]);
    only(
        &s,
        json!({"current_tiers": [{"track": "reseller", "tier": "gold"}, {"track": "reseller", "tier": "silver"}]}),
        "current_tiers[1]",
        &["one tier per track"],
    );
}

#[test]
fn malformed_dates() {
    let s = program();
    only(&s, json!({"values": {"founded": "2026-02-30"}}), "values.founded", &["\"2026-02-30\" is not a date written YYYY-MM-DD"]);
    only(&s, json!({"values": {"founded": "30/01/2026"}}), "values.founded", &["not a date written YYYY-MM-DD"]);
    only(
        &s,
        json!({"values": {"certs": [{"kind": "sales", "earned": "2025-1-5"}]}}),
        "values.certs[0].earned",
        &["\"2025-1-5\" is not a date"],
    );
    only(
        &s,
        json!({"current_tiers": [{"track": "reseller", "tier": "gold", "since": "last year"}]}),
        "current_tiers[0].since",
        &["\"last year\" is not a date"],
    );
}

#[test]
fn a_certification_cannot_expire_before_it_was_earned() {
    let s = program();
    only(
        &s,
        json!({"values": {"certs": [{"kind": "tech", "earned": "2026-03-01", "expires": "2026-02-28"}]}}),
        "values.certs[0].expires",
        &["expires 2026-02-28 before it was earned (2026-03-01)"],
    );
    // Expiring on the day it was earned is allowed (valid for that one day).
    s.profile_from_value(&json!({"values": {"certs": [{"kind": "tech", "earned": "2026-03-01", "expires": "2026-03-01"}]}})).unwrap();
}

#[test]
fn missing_values_are_empty_not_errors_and_score_zero() {
    let s = program();
    for profile in [json!({}), json!({"values": {}}), json!({"values": null}), json!({"values": {"revenue": null, "fit": null}})] {
        let p = s.profile_from_value(&profile).unwrap();
        assert!(p.values.iter().all(|v| *v == FieldValue::Empty), "{profile}");
        let result = s.evaluate(&p, &EvalOptions::on(day("2026-06-30"))).unwrap();
        assert_eq!(result.tracks.len(), 2);
        for track in &result.tracks {
            assert_eq!(track.total, 0.0);
            assert!(track.criteria.iter().all(|c| c.points == 0.0));
            assert!(track.tier.is_none(), "an empty profile is unranked");
            assert_eq!(track.next_tier.as_ref().unwrap().id, "silver");
            assert_eq!(track.next_tier.as_ref().unwrap().point_deficit, 20.0);
        }
        assert!(result.best.is_none());
    }
    // Explanations say the value was not given.
    let p = s.profile_from_value(&json!({})).unwrap();
    let result = s.evaluate(&p, &EvalOptions::on(day("2026-06-30"))).unwrap();
    assert_eq!(result.tracks[0].criteria[0].explanation, "Annual revenue not given of target 1,000,000 = 0 of 50");
    assert_eq!(result.tracks[0].criteria[0].input, partner_scorecard::text::value::Value::Null);
}

#[test]
fn valid_profiles_are_read_exactly() {
    let s = program();
    let p = s
        .profile_from_value(&json!({
            "partner": "Acme", "region": "growth", "tracks": ["referral"],
            "current_tiers": [{"track": "referral", "tier": "gold", "since": "2025-07-01", "short_since": "2026-05-01"}],
            "values": {
                "revenue": 250000, "engineers": 3, "msp": true, "fit": "high", "industries": ["retail", "health"],
                "founded": "2001-09-10",
                "certs": [{"kind": "sales", "name": "Sales Pro", "holder": "Ann", "earned": "2025-01-01", "expires": "2027-01-01"}]
            }
        }))
        .unwrap();
    assert_eq!(p.partner.as_deref(), Some("Acme"));
    assert_eq!(p.region, Some(0));
    assert_eq!(p.tracks, Some(vec![1]));
    assert_eq!(p.current_tiers[0].track, 1);
    assert_eq!(p.current_tiers[0].tier, 1);
    assert_eq!(p.current_tiers[0].short_since, Some(day("2026-05-01")));
    assert_eq!(p.values[0], FieldValue::Number(250000.0));
    assert_eq!(p.values[1], FieldValue::Number(3.0));
    assert_eq!(p.values[2], FieldValue::Bool(true));
    assert_eq!(p.values[3], FieldValue::Choice(1));
    assert_eq!(p.values[4], FieldValue::Multi(0b11));
    assert_eq!(p.values[5], FieldValue::Date(day("2001-09-10")));
    let FieldValue::Certs(certs) = &p.values[6] else { panic!("{:?}", p.values[6]) };
    assert_eq!(certs[0].kind, Some(0));
    assert_eq!(certs[0].holder.as_deref(), Some("Ann"));
    assert_eq!(certs[0].expires, Some(day("2027-01-01")));
}

#[test]
fn several_mistakes_are_all_reported_with_paths() {
    let s = program();
    let issues = rejected(
        &s,
        json!({
            "region": "north",
            "tracks": ["resller"],
            "current_tiers": [{"track": "reseller", "tier": "gold", "short_since": "2026-13-01"}],
            "values": {
                "revenue": "1M", "engineers": 1.5, "msp": 1, "fit": "mid", "founded": "yesterday", "foo": true,
                "certs": [{"kind": "sales", "earned": "2026-05-01", "expires": "2026-01-01"}, {"kind": "ops"}]
            }
        }),
    );
    for (path, phrase) in [
        ("region", "unknown region \"north\""),
        ("tracks[0]", "unknown track \"resller\""),
        ("current_tiers[0].short_since", "\"2026-13-01\" is not a date"),
        ("values.revenue", "must be a number"),
        ("values.engineers", "whole number"),
        ("values.msp", "true or false"),
        ("values.fit", "\"mid\" is not an option"),
        ("values.founded", "\"yesterday\" is not a date"),
        ("values.foo", "unknown field \"foo\""),
        ("values.certs[0].expires", "before it was earned"),
        ("values.certs[1].kind", "unknown certification kind \"ops\""),
    ] {
        expect(&issues, path, &[phrase]);
    }
    assert_eq!(issues.len(), 11, "{}", show(&issues));
}

#[test]
fn profile_json_that_does_not_parse_is_one_clear_error() {
    let s = program();
    let err = s.profile_from_json("{\"values\": {\"revenue\": 5,}}").unwrap_err();
    assert_eq!(err.issues.len(), 1);
    assert!(err.issues[0].message.starts_with("not valid JSON"), "{err}");
    assert!(err.to_string().starts_with("invalid profile (1 error):"), "{err}");
}

#[test]
fn unknown_evaluation_options_are_reported() {
    let s = program();
    let p = s.empty_profile();
    let mut options = EvalOptions::on(day("2026-01-01"));
    options.track = Some("distributor".into());
    options.region = Some("mars".into());
    let err = s.evaluate(&p, &options).unwrap_err();
    assert_eq!(err.issues.len(), 2, "{err}");
    assert_eq!(err.issues[0].path, "track");
    assert!(err.issues[0].message.contains("unknown track \"distributor\""));
    assert_eq!(err.issues[1].path, "region");
    assert!(err.issues[1].message.contains("unknown region \"mars\""));
}

#[test]
fn a_profile_may_name_the_program_it_was_written_for() {
    let s = program();
    let named = json!({"program": {"id": "other", "version": "2026.1"}, "values": {"engineers": 2}});
    let plain = json!({"values": {"engineers": 2}});
    // Read alike, by the direct reader's fallback and the full reader.
    assert_eq!(s.profile_from_value(&named).unwrap(), s.profile_from_value(&plain).unwrap());
    only(&s, json!({"program": "other"}), "program", &["a program reference must be an object", "the text \"other\""]);
    only(&s, json!({"program": {"id": 7}}), "program.id", &["expected text", "the number 7"]);
    only(&s, json!({"program": {"name": "x"}}), "program.name", &["unknown key \"name\" in a program reference"]);
}
