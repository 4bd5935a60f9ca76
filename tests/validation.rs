//! Bad programs are rejected with every mistake at once, each at the JSON path the program
//! manager wrote, with a sentence that says what is wrong.

use partner_scorecard::{Issue, Scorecard};
use serde_json::{json, Value};

/// A valid program: maximum 40 + 20 + 20 + 20 = 100 points; "capability" is worth 40.
fn base() -> Value {
    json!({
        "format": 1, "id": "demo", "name": "Demo program",
        "fields": [
            {"id": "revenue", "label": "Annual revenue", "type": "number", "min": 0, "unit": "USD"},
            {"id": "engineers", "label": "Certified engineers", "type": "number", "integer": true, "min": 0, "max": 500},
            {"id": "msp", "label": "Offers managed services", "type": "boolean"},
            {"id": "fit", "label": "Strategic fit", "type": "choice",
             "options": [{"id": "low", "label": "Low"}, {"id": "high", "label": "High"}]},
            {"id": "certifications", "label": "Certifications", "type": "certifications",
             "kinds": [{"id": "sales", "label": "Sales"}, {"id": "tech", "label": "Technical"}]}
        ],
        "categories": [{"id": "performance", "label": "Performance"}, {"id": "capability", "label": "Capability"}],
        "criteria": [
            {"id": "revenue", "label": "Revenue", "category": "performance", "field": "revenue",
             "rule": {"type": "linear", "target": 1000000, "points": 40}},
            {"id": "engineers", "label": "Engineers", "category": "capability", "field": "engineers",
             "rule": {"type": "per_unit", "per": 4, "cap": 20}},
            {"id": "certs", "label": "Certifications", "category": "capability", "field": "certifications",
             "rule": {"type": "certifications", "per": 5, "cap": 20}},
            {"id": "fit", "label": "Fit", "category": "performance", "field": "fit",
             "rule": {"type": "options", "points": {"low": 5, "high": 20}}}
        ],
        "tiers": [
            {"id": "silver", "label": "Silver", "min_score": 30},
            {"id": "gold", "label": "Gold", "min_score": 60, "requires": [{"field": "engineers", "op": ">=", "value": 2}]},
            {"id": "platinum", "label": "Platinum", "min_score": 80, "requires": [{"certifications": "certifications", "min": 2}]}
        ]
    })
}

/// The base program with tracks and a region added.
fn with_variants() -> Value {
    let mut p = base();
    p["tracks"] = json!([
        {"id": "reseller", "label": "Reseller"},
        {"id": "msp", "label": "Managed services", "criteria": {"revenue": {"weight": 0.5}}}
    ]);
    p["regions"] = json!([{"id": "growth", "label": "Growth markets", "tiers": {"gold": {"min_score": 50}}}]);
    p
}

fn set(program: &mut Value, pointer: &str, value: Value) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let parent = program.pointer_mut(parent).unwrap_or_else(|| panic!("no {parent} in the test program"));
    match parent {
        Value::Object(map) => {
            map.insert(key.to_string(), value);
        }
        Value::Array(items) => items[key.parse::<usize>().unwrap()] = value,
        _ => panic!("{pointer} is not inside an object or array"),
    }
}

fn remove(program: &mut Value, pointer: &str) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    program.pointer_mut(parent).unwrap().as_object_mut().unwrap().remove(key);
}

fn rejected(program: &Value) -> Vec<Issue> {
    match Scorecard::from_value(program) {
        Ok(_) => panic!("the program should be rejected:\n{program:#}"),
        Err(errors) => {
            assert!(!errors.issues.is_empty());
            errors.issues
        }
    }
}

fn show(issues: &[Issue]) -> String {
    issues.iter().map(|i| format!("\n  {i}")).collect()
}

/// Asserts one issue at exactly `path` whose message contains every phrase.
#[track_caller]
fn expect(issues: &[Issue], path: &str, phrases: &[&str]) {
    let at_path: Vec<&Issue> = issues.iter().filter(|i| i.path == path).collect();
    assert!(!at_path.is_empty(), "no error at {path:?}; got:{}", show(issues));
    assert!(
        at_path.iter().any(|i| phrases.iter().all(|p| i.message.contains(p))),
        "no error at {path:?} mentions {phrases:?}; got:{}",
        show(issues)
    );
}

/// Asserts the program is rejected with exactly one error, at `path`, containing the phrases.
#[track_caller]
fn only(program: &Value, path: &str, phrases: &[&str]) {
    let issues = rejected(program);
    assert_eq!(issues.len(), 1, "expected a single error at {path}; got:{}", show(&issues));
    expect(&issues, path, phrases);
}

#[test]
fn the_test_programs_are_valid() {
    let scorecard = Scorecard::from_value(&base()).unwrap();
    assert_eq!(scorecard.max_total(0, None), 100.0);
    let variants = Scorecard::from_value(&with_variants()).unwrap();
    assert_eq!(variants.tracks().len(), 2);
    // Track "msp" halves revenue's weight: 20 + 20 + 20 + 20.
    assert_eq!(variants.max_total(1, None), 80.0);
}

#[test]
fn unknown_field_in_a_criterion() {
    let mut p = base();
    set(&mut p, "/criteria/1/field", json!("enginers"));
    only(&p, "criteria[1].field", &["unknown field \"enginers\"", "\"engineers\""]);
}

#[test]
fn unknown_field_in_a_requirement() {
    let mut p = base();
    set(&mut p, "/tiers/2/requires/0", json!({"field": "certs", "op": ">=", "value": 2}));
    let issues = rejected(&p);
    assert_eq!(issues.len(), 1, "{}", show(&issues));
    assert_eq!(issues[0].to_string().split(';').next().unwrap(), "tiers[2].requires[0].field: unknown field \"certs\"");

    let mut p = base();
    set(&mut p, "/tiers/2/requires/0", json!({"certifications": "certs", "min": 2}));
    only(&p, "tiers[2].requires[0].certifications", &["unknown field \"certs\""]);
}

#[test]
fn duplicate_ids_of_fields_criteria_tiers_and_options() {
    let mut p = base();
    set(&mut p, "/fields/2/id", json!("engineers"));
    let issues = rejected(&p);
    expect(&issues, "fields[2].id", &["duplicate field id \"engineers\"", "fields[1]"]);

    let mut p = base();
    set(&mut p, "/criteria/3/id", json!("revenue"));
    expect(&rejected(&p), "criteria[3].id", &["duplicate criterion id \"revenue\"", "criteria[0]"]);

    let mut p = base();
    set(&mut p, "/tiers/2/id", json!("silver"));
    expect(&rejected(&p), "tiers[2].id", &["duplicate tier id \"silver\"", "tiers[0]"]);

    let mut p = base();
    set(&mut p, "/fields/3/options/1/id", json!("low"));
    expect(&rejected(&p), "fields[3].options[1].id", &["duplicate option id \"low\""]);

    let mut p = base();
    set(&mut p, "/fields/4/kinds/1/id", json!("sales"));
    expect(&rejected(&p), "fields[4].kinds[1].id", &["duplicate certification kind id \"sales\""]);

    let mut p = with_variants();
    set(&mut p, "/tracks/1/id", json!("reseller"));
    expect(&rejected(&p), "tracks[1].id", &["duplicate track id \"reseller\""]);
}

#[test]
fn tiers_out_of_order() {
    let mut p = base();
    set(&mut p, "/tiers/1/min_score", json!(20));
    only(&p, "tiers[1].min_score", &["out of order", "\"gold\" needs 20 points", "\"silver\", which needs 30", "lowest to highest"]);
}

#[test]
fn overlapping_minimums() {
    let mut p = base();
    set(&mut p, "/tiers/2/min_score", json!(60));
    remove(&mut p, "/tiers/2/requires");
    only(&p, "tiers[2].min_score", &["\"platinum\" overlaps \"gold\"", "both need 60 points", "\"gold\" could never be held"]);
}

#[test]
fn a_tier_with_neither_score_nor_requirements_above_the_first() {
    let mut p = base();
    remove(&mut p, "/tiers/1/min_score");
    remove(&mut p, "/tiers/1/requires");
    only(&p, "tiers[1]", &["\"gold\" has no minimum score and no requirements", "every partner would hold it"]);
}

#[test]
fn negative_weight() {
    let mut p = base();
    set(&mut p, "/criteria/0/weight", json!(-1.5));
    only(&p, "criteria[0].weight", &["weights cannot be negative", "-1.5", "patch it to null"]);
}

#[test]
fn a_tier_minimum_above_the_maximum_score() {
    let mut p = base();
    set(&mut p, "/tiers/2/min_score", json!(120));
    only(&p, "tiers[2].min_score", &["can never be reached", "120", "maximum possible score 100"]);
}

#[test]
fn a_field_requirement_beyond_the_fields_range_can_never_hold() {
    let mut p = base();
    set(&mut p, "/tiers/1/requires/0/value", json!(600));
    only(&p, "tiers[1].requires[0].value", &["can never hold", "\"engineers\" is whole between 0 and 500", "never at least 600"]);

    let mut p = base();
    set(&mut p, "/tiers/1/requires/0", json!({"field": "engineers", "op": "=", "value": 2.5}));
    only(&p, "tiers[1].requires[0].value", &["can never hold", "never equals 2.5"]);

    let mut p = base();
    set(&mut p, "/tiers/1/requires/0", json!({"field": "revenue", "op": "<=", "value": -1}));
    only(&p, "tiers[1].requires[0].value", &["can never hold", "never at most -1"]);
}

#[test]
fn a_category_requirement_above_the_categorys_maximum_can_never_hold() {
    let mut p = base();
    set(&mut p, "/tiers/1/requires/0", json!({"category": "capability", "min_points": 50}));
    only(&p, "tiers[1].requires[0].min_points", &["can never hold", "\"capability\" is worth at most 40 points"]);

    let mut p = base();
    set(&mut p, "/tiers/1/requires/0", json!({"category": "capability", "min_share": 120}));
    only(&p, "tiers[1].requires[0].min_share", &["can never hold", "cannot exceed 100"]);

    let mut p = base();
    set(&mut p, "/tiers/1/requires/0", json!({"category": "strategy", "min_points": 5}));
    only(&p, "tiers[1].requires[0].category", &["unknown category \"strategy\""]);

    let mut p = base();
    set(&mut p, "/tiers/1/requires/0", json!({"category": "capability", "min_points": 5, "min_share": 10}));
    only(&p, "tiers[1].requires[0]", &["exactly one of \"min_points\" or \"min_share\""]);
}

#[test]
fn every_criterion_above_zero_with_a_criterion_worth_nothing_can_never_hold() {
    let mut p = base();
    set(&mut p, "/criteria/3/weight", json!(0));
    set(&mut p, "/tiers/2/requires/0", json!({"all_criteria_above_zero": true}));
    only(&p, "tiers[2].requires[0].all_criteria_above_zero", &["can never hold", "criterion \"fit\" can score at most 0 points"]);
}

#[test]
fn certification_requirements_name_known_kinds() {
    let mut p = base();
    set(&mut p, "/tiers/2/requires/0", json!({"certifications": "certifications", "kinds": ["sales", "presales"], "min": 2}));
    only(&p, "tiers[2].requires[0].kinds[1]", &["unknown certification kind \"presales\"", "\"sales\", \"tech\""]);

    let mut p = base();
    set(
        &mut p,
        "/tiers/2/requires/0",
        json!({"certifications": "certifications", "kinds": ["sales"], "min": 2, "of_which": {"kinds": ["tech"], "min": 1}}),
    );
    only(&p, "tiers[2].requires[0].of_which.kinds", &["must be among \"kinds\""]);

    let mut p = base();
    set(&mut p, "/tiers/2/requires/0", json!({"certifications": "engineers", "min": 2}));
    only(&p, "tiers[2].requires[0].certifications", &["\"engineers\" is a number field, not a certifications field"]);

    let mut p = base();
    set(&mut p, "/tiers/2/requires/0/min", json!(1.5));
    only(&p, "tiers[2].requires[0].min", &["whole number", "1.5"]);
}

#[test]
fn a_requirement_names_exactly_one_kind() {
    let mut p = base();
    set(&mut p, "/tiers/1/requires/0", json!({"field": "engineers", "category": "capability", "min_points": 1}));
    only(&p, "tiers[1].requires[0]", &["exactly one of \"field\"", "\"certifications\"", "\"category\"", "\"all_criteria_above_zero\""]);

    let mut p = base();
    set(&mut p, "/tiers/1/requires/0", json!("engineers >= 2"));
    only(&p, "tiers[1].requires[0]", &["a requirement must be an object", "the text \"engineers >= 2\""]);
}

#[test]
fn wrong_types() {
    let mut p = base();
    set(&mut p, "/name", json!(5));
    set(&mut p, "/criteria/0/weight", json!("heavy"));
    set(&mut p, "/fields/1/integer", json!("yes"));
    set(&mut p, "/tiers/0/min_score", json!([30]));
    set(&mut p, "/fields/0/label", json!(null));
    let issues = rejected(&p);
    expect(&issues, "name", &["expected text", "the number 5"]);
    expect(&issues, "criteria[0].weight", &["expected a number", "the text \"heavy\""]);
    expect(&issues, "fields[1].integer", &["expected true or false", "the text \"yes\""]);
    expect(&issues, "tiers[0].min_score", &["expected a number", "a list"]);
    expect(&issues, "fields[0].label", &["\"label\" is required"]);
    assert_eq!(issues.len(), 5, "{}", show(&issues));

    let mut p = base();
    set(&mut p, "/tiers", json!({"silver": 30}));
    only(&p, "tiers", &["expected a list", "an object"]);

    only(&json!([1, 2]), "", &["a program must be an object", "a list"]);
    let err = Scorecard::from_json("{\"format\": 1,").unwrap_err();
    assert_eq!(err.issues[0].path, "");
    assert!(err.issues[0].message.starts_with("not valid JSON"), "{}", err);
}

#[test]
fn unknown_keys_suggest_the_key_that_was_meant() {
    let mut p = base();
    set(&mut p, "/tiers/0/min_scor", json!(30));
    remove(&mut p, "/tiers/0/min_score");
    set(&mut p, "/criteria/1/wieght", json!(2));
    set(&mut p, "/fields/0/lable", json!("Revenue"));
    set(&mut p, "/criteria/0/rule/taget", json!(5));
    let issues = rejected(&p);
    expect(&issues, "tiers[0].min_scor", &["unknown key \"min_scor\" in a tier", "did you mean \"min_score\"?"]);
    expect(&issues, "criteria[1].wieght", &["unknown key \"wieght\"", "did you mean \"weight\"?"]);
    expect(&issues, "fields[0].lable", &["did you mean \"label\"?"]);
    expect(&issues, "criteria[0].rule.taget", &["unknown key \"taget\" in a linear rule", "did you mean \"target\"?"]);

    let mut p = base();
    set(&mut p, "/colour", json!("blue"));
    only(&p, "colour", &["unknown key \"colour\" in a program", "allowed keys are"]);
}

#[test]
fn format_version_is_required_and_checked() {
    let mut p = base();
    remove(&mut p, "/format");
    only(&p, "format", &["\"format\" is required", "\"format\": 1"]);

    let mut p = base();
    set(&mut p, "/format", json!(2));
    only(&p, "format", &["format 2", "newer than this engine understands", "update partner-scorecard"]);

    let mut p = base();
    set(&mut p, "/format", json!("1"));
    only(&p, "format", &["unknown format", "this engine reads format 1"]);
}

#[test]
fn bad_retention() {
    let mut p = base();
    set(&mut p, "/retention", json!({"grace_days": -5}));
    only(&p, "retention.grace_days", &["whole number", "-5"]);

    let mut p = base();
    set(&mut p, "/retention", json!({"until_anniversary": "13-01"}));
    only(&p, "retention.until_anniversary", &["\"13-01\" is not a month and day written MM-DD"]);

    let mut p = base();
    set(&mut p, "/retention", json!({"grace_days": 90, "until_anniversary": "07-01"}));
    only(&p, "retention", &["exactly one of \"grace_days\"", "\"until_anniversary\""]);

    let mut p = base();
    set(&mut p, "/retention", json!({"grace_dys": 90}));
    let issues = rejected(&p);
    expect(&issues, "retention.grace_dys", &["unknown key \"grace_dys\"", "did you mean \"grace_days\"?"]);
}

#[test]
fn rules_and_requirements_must_suit_their_fields_type() {
    let mut p = base();
    set(&mut p, "/criteria/1/rule", json!({"type": "yes_no", "points": 20}));
    only(&p, "criteria[1].field", &["a yes_no rule needs a boolean field", "\"engineers\" is a number field"]);

    let mut p = base();
    set(&mut p, "/criteria/3/field", json!("revenue"));
    only(&p, "criteria[3].field", &["a options rule needs a choice or multi_choice field", "\"revenue\" is a number field"]);

    let mut p = base();
    set(&mut p, "/tiers/1/requires/0", json!({"field": "msp", "op": ">=", "value": true}));
    only(&p, "tiers[1].requires[0].op", &["\">=\" compares numbers or dates", "\"msp\" is a boolean field", "use \"=\""]);

    let mut p = base();
    set(&mut p, "/tiers/1/requires/0", json!({"field": "engineers", "op": ">=", "value": "two"}));
    only(&p, "tiers[1].requires[0].value", &["expected a number", "the text \"two\""]);

    let mut p = base();
    set(&mut p, "/tiers/1/requires/0", json!({"field": "fit", "op": "=", "value": "medium"}));
    only(&p, "tiers[1].requires[0].value", &["unknown option \"medium\" of field \"fit\"", "\"high\", \"low\""]);

    let mut p = base();
    set(&mut p, "/criteria/3/rule/points/medium", json!(10));
    only(&p, "criteria[3].rule.points.medium", &["unknown option \"medium\""]);

    let mut p = base();
    set(&mut p, "/criteria/0/rule/type", json!("linar"));
    only(&p, "criteria[0].rule.type", &["unknown rule type \"linar\"", "linear, per_unit, bands"]);
}

#[test]
fn rule_parameters_are_checked() {
    let mut p = base();
    set(&mut p, "/criteria/0/rule", json!({"type": "linear", "from": 100, "target": 50, "points": 40}));
    only(&p, "criteria[0].rule.target", &["target 50 must be above the starting value 100"]);

    let mut p = base();
    set(&mut p, "/criteria/1/rule", json!({"type": "bands", "bands": [{"min": 5, "points": 10}, {"min": 5, "points": 20}]}));
    only(&p, "criteria[1].rule.bands[1].min", &["increasing \"min\"", "5 does not exceed the previous 5"]);

    let mut p = base();
    set(&mut p, "/criteria/1/rule/per", json!(0));
    only(&p, "criteria[1].rule.per", &["must be greater than zero"]);

    let mut p = base();
    set(&mut p, "/criteria/0/rule", json!({"type": "log", "target": 1000000, "points": -5}));
    only(&p, "criteria[0].rule.points", &["must not be negative", "-5"]);
}

#[test]
fn errors_in_track_and_region_patches_point_at_the_patch() {
    let mut p = with_variants();
    set(&mut p, "/tracks/1/criteria/revenue/weight", json!(-2));
    only(&p, "tracks[1].criteria.revenue.weight", &["weights cannot be negative"]);

    let mut p = with_variants();
    set(&mut p, "/tracks/0/criteria", json!({"revenue": {"weight": "double"}}));
    only(&p, "tracks[0].criteria.revenue.weight", &["expected a number", "the text \"double\""]);

    let mut p = with_variants();
    set(&mut p, "/tracks/0/criteria", json!({"revenue": {"rule": {"target": -10}}}));
    only(&p, "tracks[0].criteria.revenue.rule.target", &["target -10 must be above the starting value 0"]);

    // A region that puts gold above platinum breaks the order in every track; it is reported
    // once, at the region's patch (not at platinum, which the region did not touch), naming
    // the first combination where it happens.
    let mut p = with_variants();
    set(&mut p, "/regions/0/tiers/gold/min_score", json!(85));
    only(
        &p,
        "regions[0].tiers.gold.min_score",
        &[
            "in track \"reseller\", region \"growth\": tiers are out of order",
            "\"platinum\" needs 80 points but comes after \"gold\", which needs 85",
        ],
    );

    // 81 points fit in the base program (maximum 100) but not in track "msp" (maximum 80).
    let mut p = with_variants();
    set(&mut p, "/tiers/2/min_score", json!(81));
    only(&p, "tiers[2].min_score", &["in track \"msp\": can never be reached", "minimum score 81 exceeds the maximum possible score 80"]);

    let mut p = with_variants();
    set(&mut p, "/tracks/1/tiers", json!({"gold": {"min_score": 20}}));
    let issues = rejected(&p);
    expect(&issues, "tracks[1].tiers.gold.min_score", &["in track \"msp\"", "tiers are out of order"]);
    assert!(issues.iter().all(|i| i.path == "tracks[1].tiers.gold.min_score"), "{}", show(&issues));

    let mut p = with_variants();
    set(
        &mut p,
        "/tracks/1/add_criteria",
        json!([{"id": "mrr", "label": "Recurring revenue", "category": "performance",
        "field": "mrr", "rule": {"type": "linear", "target": 10000, "points": 10}}]),
    );
    only(&p, "tracks[1].add_criteria[0].field", &["unknown field \"mrr\""]);

    let mut p = with_variants();
    set(&mut p, "/tracks/1/tiers", json!({"gold": {"requires": [{"field": "csat", "op": ">=", "value": 90}]}}));
    only(&p, "tracks[1].tiers.gold.requires[0].field", &["unknown field \"csat\""]);
}

#[test]
fn patches_must_name_existing_criteria_and_tiers() {
    let mut p = with_variants();
    set(&mut p, "/tracks/1/criteria/revenu", json!({"weight": 2}));
    only(&p, "tracks[1].criteria.revenu", &["no criterion \"revenu\" to change", "\"revenue\""]);

    let mut p = with_variants();
    set(&mut p, "/regions/0/tiers/diamond", json!({"min_score": 95}));
    only(&p, "regions[0].tiers.diamond", &["no tier \"diamond\" to change", "\"gold\", \"platinum\", \"silver\""]);

    let mut p = with_variants();
    set(&mut p, "/tracks/1/criteria/revenue/id", json!("sales"));
    expect(&rejected(&p), "tracks[1].criteria.revenue.id", &["cannot rename"]);

    let mut p = with_variants();
    set(
        &mut p,
        "/tracks/0/add_criteria",
        json!([{"id": "revenue", "label": "Revenue", "category": "performance",
        "field": "revenue", "rule": {"type": "linear", "target": 10, "points": 10}}]),
    );
    expect(&rejected(&p), "tracks[0].add_criteria[0].id", &["criterion \"revenue\" already exists", "patch it under \"criteria\""]);

    let mut p = with_variants();
    set(&mut p, "/tracks/0/criteria", json!({"revenue": 5}));
    only(&p, "tracks[0].criteria.revenue", &["expected an object of changes (or null to drop the criterion)", "the number 5"]);
}

#[test]
fn a_program_with_several_mistakes_reports_all_of_them() {
    let mut p = with_variants();
    set(&mut p, "/format", json!(3));
    set(&mut p, "/fields/2/id", json!("revenue"));
    set(&mut p, "/criteria/1/field", json!("engineer"));
    set(&mut p, "/criteria/3/weight", json!(-1));
    set(&mut p, "/tiers/2/requires/0", json!({"field": "certs", "op": ">=", "value": 1}));
    set(&mut p, "/tiers/0/benefts", json!(["Logo"]));
    set(&mut p, "/tracks/1/criteria/revenue/weight", json!("half"));
    set(&mut p, "/retention", json!({"grace_days": 1.5}));
    let issues = rejected(&p);
    let paths: Vec<&str> = issues.iter().map(|i| i.path.as_str()).collect();
    for expected in [
        "format",
        "fields[2].id",
        "criteria[1].field",
        "criteria[3].weight",
        "tiers[2].requires[0].field",
        "tiers[0].benefts",
        "tracks[1].criteria.revenue.weight",
        "retention.grace_days",
    ] {
        assert!(paths.contains(&expected), "missing {expected}; got:{}", show(&issues));
    }
    // Each mistake is reported once, not once per track and region.
    let mut unique = paths.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), paths.len(), "repeated errors:{}", show(&issues));
    // Every message is a sentence for people, never a Rust debug dump.
    for issue in &issues {
        assert!(!issue.message.is_empty() && !issue.message.contains("Some(") && !issue.message.contains("Value::"), "{issue}");
    }
}

#[test]
fn errors_display_one_per_line_with_paths() {
    let mut p = base();
    set(&mut p, "/criteria/0/weight", json!(-1));
    set(&mut p, "/tiers/2/min_score", json!("80"));
    let err = Scorecard::from_value(&p).unwrap_err();
    let text = err.to_string();
    assert!(text.starts_with("invalid program (2 errors):\n  criteria[0].weight: weights cannot be negative"), "{text}");
    assert!(text.contains("\n  tiers[2].min_score: expected a number, found the text \"80\""), "{text}");
}

#[test]
fn a_mistake_in_one_criterion_does_not_make_tiers_look_unreachable() {
    // Without "revenue" (40 points) the maximum would look like 60 and platinum (80)
    // unreachable; only the real mistake is reported.
    let mut p = base();
    set(&mut p, "/criteria/0/rule/points", json!("forty"));
    only(&p, "criteria[0].rule.points", &["expected a number", "the text \"forty\""]);
}

#[test]
fn a_mistake_in_a_field_is_reported_at_the_field_only() {
    let mut p = base();
    set(&mut p, "/fields/0/type", json!("money"));
    only(&p, "fields[0].type", &["unknown field type \"money\"", "number, boolean, choice"]);

    let mut p = base();
    p["categories"][1] = json!({"id": "capability"});
    only(&p, "categories[1].label", &["\"label\" is required"]);
}

#[test]
fn duplicate_categories_do_not_break_the_program_reader() {
    let mut p = base();
    p["categories"] = json!([
        {"id": "performance", "label": "Performance"},
        {"id": "performance", "label": "Performance again"},
        {"id": "capability", "label": "Capability"}
    ]);
    only(&p, "categories[1].id", &["duplicate category id \"performance\"", "categories[0]"]);
}

#[test]
fn criteria_and_tiers_without_readable_ids_are_still_checked() {
    let mut p = base();
    set(&mut p, "/criteria/2/id", json!(7));
    only(&p, "criteria[2].id", &["expected text", "the number 7"]);

    let mut p = base();
    p["criteria"].as_array_mut().unwrap().push(json!("bonus"));
    only(&p, "criteria[4]", &["a criterion must be an object", "the text \"bonus\""]);

    let mut p = base();
    p["tiers"].as_array_mut().unwrap().push(json!(null));
    only(&p, "tiers[3]", &["a tier must be an object", "null"]);
}

/// A requirement whose operator does not fit its field is refused with a suggestion, and
/// what it suggests is accepted: `">="` on a multi_choice field once suggested `"="` or
/// `"one_of"`, which are refused there too.
#[test]
fn every_suggested_operator_is_one_the_reader_accepts() {
    let fields = json!([
        {"id": "n", "label": "N", "type": "number"},
        {"id": "b", "label": "B", "type": "boolean"},
        {"id": "c", "label": "C", "type": "choice", "options": [{"id": "x", "label": "X"}]},
        {"id": "m", "label": "M", "type": "multi_choice", "options": [{"id": "x", "label": "X"}]},
        {"id": "d", "label": "D", "type": "date"},
        {"id": "k", "label": "K", "type": "certifications"}
    ]);
    // A value each operator can take on each field.
    let value_for = |field: &str, op: &str| match (field, op) {
        ("n", "one_of") => json!([1]),
        ("n", _) => json!(1),
        ("b", "one_of") => json!([true]),
        ("b", _) => json!(true),
        ("c", "one_of") | ("m", _) => json!(["x"]),
        ("c", _) => json!("x"),
        ("d", "one_of") => json!(["2026-01-01"]),
        (_, _) => json!("2026-01-01"),
    };
    let program = |requirement: Value| json!({"format": 1, "name": "Ops", "fields": fields, "tiers": [{"id": "t", "label": "T", "requires": [requirement]}]});
    let mut refused = 0;
    for field in ["n", "b", "c", "m", "d", "k"] {
        for op in [">=", "<=", "=", "one_of", "includes"] {
            let Err(errors) = Scorecard::from_value(&program(json!({"field": field, "op": op, "value": value_for(field, op)}))) else {
                continue;
            };
            refused += 1;
            let message = &errors.issues[0].message;
            if field == "k" {
                // Certifications are counted, not compared.
                let suggestion = &message[message.find('{').unwrap_or_else(|| panic!("{message}"))..];
                let requirement: Value = serde_json::from_str(suggestion).unwrap_or_else(|e| panic!("{message}: {e}"));
                assert!(Scorecard::from_value(&program(requirement)).is_ok(), "{message}");
                continue;
            }
            let advice = &message[message.find("; use ").unwrap_or_else(|| panic!("no suggestion: {message}"))..];
            let suggested: Vec<&str> = advice.split('"').skip(1).step_by(2).collect();
            assert!(!suggested.is_empty(), "{message}");
            for instead in suggested {
                let accepted = Scorecard::from_value(&program(json!({"field": field, "op": instead, "value": value_for(field, instead)})));
                assert!(accepted.is_ok(), "{field} {op}: suggests {instead:?}, which is refused: {:?}", accepted.err());
            }
        }
    }
    // Refused: "includes" on numbers and dates; ">=", "<=" and "includes" on booleans and
    // choices; all but "includes" on multi_choice; every one on certifications.
    assert_eq!(refused, 1 + 3 + 3 + 4 + 1 + 5);
}

/// `min` says how many of the listed options are needed; it goes with "includes" only and
/// must be from 1 to the number listed.
#[test]
fn at_least_n_is_checked_against_what_it_lists() {
    let program = |requirement: Value| {
        json!({"format": 1, "name": "V",
               "fields": [{"id": "v", "label": "V", "type": "multi_choice", "options": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}]},
                          {"id": "n", "label": "N", "type": "number"}],
               "tiers": [{"id": "t", "label": "T", "requires": [requirement]}]})
    };
    assert!(Scorecard::from_value(&program(json!({"field": "v", "op": "includes", "value": ["a", "b"], "min": 1}))).is_ok());
    let message = |requirement: Value| Scorecard::from_value(&program(requirement)).unwrap_err().issues[0].clone();
    let issue = message(json!({"field": "v", "op": "includes", "value": ["a", "b"], "min": 3}));
    assert_eq!(
        (issue.path.as_str(), issue.message.as_str()),
        ("tiers[0].requires[0].min", "must be from 1 to the 2 options listed, found 3")
    );
    let issue = message(json!({"field": "v", "op": "includes", "value": ["a", "b"], "min": 0}));
    assert_eq!(issue.message, "must be from 1 to the 2 options listed, found 0");
    let issue = message(json!({"field": "n", "op": ">=", "value": 1, "min": 1}));
    assert_eq!(
        (issue.path.as_str(), issue.message.as_str()),
        ("tiers[0].requires[0].min", "\"min\" goes with \"includes\" (at least this many of the options listed)")
    );
}

/// Errors that can be known at once are reported at once: tiers out of order are reported
/// together with a mistake inside one of them, not after it is fixed.
#[test]
fn the_order_of_tiers_is_checked_even_when_a_tier_has_another_mistake() {
    let errors = Scorecard::from_value(&json!({
        "format": 1, "name": "Order",
        "fields": [{"id": "n", "label": "N", "type": "number"}],
        "categories": [{"id": "c", "label": "C"}],
        "criteria": [{"id": "n", "label": "N", "category": "c", "field": "n", "rule": {"type": "per_unit", "per": 1, "cap": 200}}],
        "tiers": [{"id": "gold", "label": "Gold", "min_score": 120},
                  {"id": "silver", "label": "Silver", "min_score": 100, "requires": [{"field": "nope", "op": ">=", "value": 1}]}]
    }))
    .unwrap_err();
    let found: Vec<(&str, &str)> = errors.issues.iter().map(|i| (i.path.as_str(), i.message.as_str())).collect();
    assert_eq!(
        found,
        [
            ("tiers[1].requires[0].field", "unknown field \"nope\"; it must be one of the program's fields (\"n\")"),
            ("tiers[1].min_score", "tiers are out of order: \"silver\" needs 100 points but comes after \"gold\", which needs 120; list tiers from lowest to highest"),
        ]
    );
}

/// A minimum score above the maximum is reported in the same round as a mistake in a
/// criterion, when the criterion's weight and rule say what it could score at most.
#[test]
fn a_minimum_above_the_maximum_is_reported_with_a_criterion_mistake() {
    // The base maximum is 100; "engineers" names a field that does not exist but its rule
    // (4 per unit, cap 20) still says it scores at most 20: the maximum stays 100, and a
    // platinum minimum of 120 can never be reached.
    let mut p = base();
    set(&mut p, "/criteria/1/field", json!("enginers"));
    set(&mut p, "/tiers/2/min_score", json!(120));
    let issues = rejected(&p);
    expect(&issues, "criteria[1].field", &["unknown field \"enginers\""]);
    expect(&issues, "tiers[2].min_score", &["can never be reached: the minimum score 120 exceeds the maximum possible score 100"]);
    assert_eq!(issues.len(), 2, "{}", show(&issues));
    // A typo in the criterion's weight too: its most is unknown, so the minimum waits (an
    // error now could be wrong once the weight is fixed).
    set(&mut p, "/criteria/1/weight", json!("two"));
    let issues = rejected(&p);
    assert!(issues.iter().all(|i| i.path != "tiers[2].min_score"), "{}", show(&issues));
    // A mistake elsewhere in the criterion (its label) keeps the maximum known.
    let mut p = base();
    set(&mut p, "/criteria/0/label", json!(7));
    set(&mut p, "/tiers/1/min_score", json!(101));
    set(&mut p, "/tiers/2/min_score", json!(102));
    let issues = rejected(&p);
    expect(&issues, "criteria[0].label", &["text"]);
    expect(&issues, "tiers[1].min_score", &["exceeds the maximum possible score 100"]);
    // Category points above the category's maximum, likewise: capability is engineers 20 +
    // certs 20 = 40, with the engineers criterion's field misspelt.
    let mut p = base();
    set(&mut p, "/criteria/1/field", json!("enginers"));
    set(&mut p, "/tiers/2/requires", json!([{"category": "capability", "min_points": 45}]));
    let issues = rejected(&p);
    expect(&issues, "tiers[2].requires[0].min_points", &["can never hold: category \"capability\" is worth at most 40 points"]);
    assert_eq!(issues.len(), 2, "{}", show(&issues));
}
