//! Tracks, regions and paths changing one requirement of a tier (`requires.change`, `.add`,
//! `.remove`, `.replace`), and the warning when a list replaces a tier's requirements whole
//! and drops some. Expected values are worked out in the comments.

use partner_scorecard::{Date, EvalOptions, Scorecard};
use serde_json::{json, Value};

/// Revenue to 1,000,000 for 100 points. Gold: 60 points, revenue at least 500,000, 2
/// engineers and a marketing plan.
fn program(region_tiers: Value) -> Value {
    json!({
        "format": 1, "id": "req", "name": "Requirements",
        "fields": [
            {"id": "revenue", "label": "Revenue", "type": "number", "min": 0},
            {"id": "engineers", "label": "Engineers", "type": "number", "min": 0, "integer": true},
            {"id": "plan", "label": "Marketing plan", "type": "boolean"},
            {"id": "certs", "label": "Certifications", "type": "certifications"}
        ],
        "categories": [{"id": "all", "label": "All"}],
        "criteria": [{"id": "revenue", "label": "Revenue", "category": "all", "field": "revenue",
                      "rule": {"type": "linear", "target": 1000000, "points": 100}}],
        "tiers": [
            {"id": "silver", "label": "Silver", "min_score": 20},
            {"id": "gold", "label": "Gold", "min_score": 60, "requires": [
                {"field": "revenue", "op": ">=", "value": 500000},
                {"id": "team", "field": "engineers", "op": ">=", "value": 2},
                {"field": "plan", "op": "=", "value": true}
            ]}
        ],
        "regions": [{"id": "growth", "label": "Growth markets", "tiers": region_tiers}]
    })
}

fn scorecard(region_tiers: Value) -> Scorecard {
    Scorecard::from_value(&program(region_tiers)).unwrap_or_else(|e| panic!("{e}"))
}

fn errors(region_tiers: Value) -> Vec<String> {
    match Scorecard::from_value(&program(region_tiers)) {
        Ok(_) => panic!("accepted"),
        Err(e) => e.issues.iter().map(|i| format!("{}: {}", i.path, i.message)).collect(),
    }
}

/// (tier id, requirement descriptions) of gold as a profile in `region` sees it.
fn gold_requirements(s: &Scorecard, region: Option<&str>) -> Vec<String> {
    let profile = s.profile_from_value(&json!({"region": region, "values": {}})).unwrap();
    let result = s.evaluate(&profile, &EvalOptions::on(Date::parse("2026-06-30").unwrap())).unwrap();
    result.tracks[0].tiers[1].requirements.iter().map(|r| r.description.clone()).collect()
}

#[test]
fn a_region_changes_one_threshold_and_keeps_the_other_requirements() {
    let s = scorecard(json!({"gold": {"requires": {"change": {"revenue": {"value": 250000}}}}}));
    assert!(s.warnings().is_empty(), "{:?}", s.warnings());
    let growth = gold_requirements(&s, Some("growth"));
    assert_eq!(growth.len(), 3, "{growth:?}");
    assert!(growth[0].contains("250,000"), "{growth:?}");
    assert!(growth[1].contains("Engineers") && growth[2].contains("Marketing plan"), "{growth:?}");
    // The base program is untouched.
    assert!(gold_requirements(&s, None)[0].contains("500,000"));

    // Revenue 300,000 (30 points) would not reach gold's 60 anyway; with revenue 600,000
    // (60 points), 2 engineers and a plan, gold holds in both; with revenue 600,000 and no
    // plan, gold fails in growth too, since the plan requirement was kept.
    let profile = s.profile_from_value(&json!({"region": "growth", "values": {"revenue": 600000, "engineers": 2}})).unwrap();
    let result = s.evaluate(&profile, &EvalOptions::on(Date::parse("2026-06-30").unwrap())).unwrap();
    assert_eq!(result.tracks[0].tier.as_ref().unwrap().id, "silver");
}

#[test]
fn requirements_are_named_by_id_or_by_what_they_check() {
    // "team" is the engineers requirement's id; "plan" names the field it checks.
    let s = scorecard(json!({"gold": {"requires": {
        "remove": ["plan"],
        "change": {"team": {"value": 1}},
        "add": [{"certifications": "certs", "min": 1}]
    }}}));
    let growth = gold_requirements(&s, Some("growth"));
    assert_eq!(growth.len(), 3, "{growth:?}");
    assert!(growth[0].contains("500,000"), "{growth:?}");
    assert!(growth[1].contains("Engineers") && growth[1].contains('1'), "{growth:?}");
    assert!(growth[2].contains("certification"), "{growth:?}");
    // Revenue 600,000 and 1 engineer and 1 certification, no plan: gold in growth.
    let profile = s.profile_from_value(&json!({"region": "growth", "values": {"revenue": 600000, "engineers": 1, "certs": [{}]}})).unwrap();
    let result = s.evaluate(&profile, &EvalOptions::on(Date::parse("2026-06-30").unwrap())).unwrap();
    assert_eq!(result.tracks[0].tier.as_ref().unwrap().id, "gold");
    // "replace" gives the whole list on purpose, without a warning.
    let s = scorecard(json!({"gold": {"requires": {"replace": [{"field": "engineers", "op": ">=", "value": 5}]}}}));
    assert!(s.warnings().is_empty());
    assert_eq!(gold_requirements(&s, Some("growth")).len(), 1);
}

#[test]
fn a_list_that_drops_requirements_is_kept_as_format_1_says_but_warned_about() {
    let s = scorecard(json!({"gold": {"requires": [{"field": "revenue", "op": ">=", "value": 250000}]}}));
    assert_eq!(gold_requirements(&s, Some("growth")).len(), 1);
    let warnings: Vec<String> = s.warnings().iter().map(|w| format!("{}: {}", w.path, w.message)).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let w = &warnings[0];
    assert!(w.starts_with("regions[0].tiers.gold.requires: in region \"growth\": "), "{w}");
    assert!(w.contains("loses \"team\" and \"plan\""), "{w}");
    assert!(w.contains("{\"change\": {\"team\": {...}}}"), "{w}");
    // A list that keeps every requirement (one changed) is not warned about.
    let s = scorecard(json!({"gold": {"requires": [
        {"field": "revenue", "op": ">=", "value": 250000},
        {"id": "team", "field": "engineers", "op": ">=", "value": 2},
        {"field": "plan", "op": "=", "value": true}
    ]}}));
    assert!(s.warnings().is_empty());
    // Removing the list is dropping all three.
    let s = scorecard(json!({"gold": {"requires": null}}));
    assert!(s.warnings()[0].message.contains("loses \"revenue\" and \"team\" and \"plan\""), "{:?}", s.warnings());
}

#[test]
fn mistakes_in_a_change_point_at_the_line_that_wrote_them() {
    let issues = errors(json!({"gold": {"requires": {
        "remove": ["nothing", 3],
        "change": {"revenue": {"value": "lots"}, "team": 5},
        "add": [{"field": "engineers", "op": ">=", "value": -1, "colour": "red"}],
        "swap": []
    }}}));
    let has = |needle: &str| assert!(issues.iter().any(|i| i.contains(needle)), "{needle} not in {issues:#?}");
    has("regions[0].tiers.gold.requires.swap: unknown key \"swap\"");
    has("regions[0].tiers.gold.requires.remove[0]: in region \"growth\": tier \"gold\" has no requirement \"nothing\" to remove; its requirements: \"revenue\", \"team\", \"plan\"");
    has("regions[0].tiers.gold.requires.remove[1]: expected a requirement's name, found the number 3");
    has("regions[0].tiers.gold.requires.change.team: expected an object of changes");
    // The changed value is the change's; the added requirement's are the add's.
    has("regions[0].tiers.gold.requires.change.revenue.value:");
    has("regions[0].tiers.gold.requires.add[0].colour: unknown key");
    // A name two requirements answer to (a range on revenue).
    let mut p = program(json!({"gold": {"requires": {"change": {"revenue": {"value": 1}}}}}));
    p["tiers"][1]["requires"].as_array_mut().unwrap().push(json!({"field": "revenue", "op": "<=", "value": 900000}));
    let issues = Scorecard::from_value(&p).unwrap_err().issues;
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert_eq!(issues[0].path, "regions[0].tiers.gold.requires.change.revenue");
    assert_eq!(
        issues[0].message,
        "in region \"growth\": tier \"gold\" has 2 requirements that check \"revenue\"; give each an \"id\" and change it by that"
    );
}

#[test]
fn paths_and_tracks_edit_requirements_in_order() {
    // Base gold needs revenue 500,000; the track lowers it to 400,000; a path then removes
    // the plan requirement: in track "small" on path "fast", gold needs revenue 400,000 and
    // 2 engineers.
    let mut p = program(json!({}));
    p["tracks"] = json!([{"id": "small", "label": "Small", "tiers": {"gold": {"requires": {"change": {"revenue": {"value": 400000}}}}}}]);
    p["paths"] = json!([{"id": "fast", "label": "Fast", "tiers": {"gold": {"requires": {"remove": ["plan"]}}}}]);
    let s = Scorecard::from_value(&p).unwrap();
    let requirements = gold_requirements(&s, None);
    assert_eq!(requirements.len(), 2, "{requirements:?}");
    assert!(requirements[0].contains("400,000"), "{requirements:?}");
}
