//! Every input the issue-11 probes used to lock up or exhaust the engine: now each is either
//! refused with an error naming the limit (README, "Limits") or answered within the work
//! budget. benches/limits.rs times the largest accepted input of each limit.

#[path = "support/large_inputs.rs"]
mod large_inputs;

use large_inputs::*;
use partner_scorecard::analysis::gap::{GapOptions, GapStatus};
use partner_scorecard::limits::*;
use partner_scorecard::{Date, Scorecard};
use serde_json::json;

fn as_of() -> Date {
    Date::parse("2026-11-25").unwrap()
}

fn messages(result: Result<Scorecard, partner_scorecard::Errors>) -> Vec<String> {
    match result {
        Ok(_) => panic!("the program was accepted"),
        Err(errors) => errors.issues.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn a_program_with_too_many_fields_is_refused_before_any_work() {
    let errors = messages(Scorecard::from_value(&many_fields(3_500)));
    assert_eq!(
        errors,
        [
            "fields: 3,500 fields are more than this engine accepts (at most 500; README, \"Limits\")",
            "criteria: 3,500 criteria are more than this engine accepts (at most 500; README, \"Limits\")",
            "criteria: 3,500 criteria in all (with those tracks, regions and paths add) are more than this engine accepts (at most 500; README, \"Limits\")",
        ]
    );
}

#[test]
fn the_plan_search_on_the_largest_program_ends_with_a_plan_that_reaches_the_tier() {
    let scorecard = Scorecard::from_value(&many_fields(MAX_FIELDS)).unwrap();
    let profile = scorecard.profile_from_value(&many_fields_profile(MAX_FIELDS)).unwrap();
    let report = scorecard.gaps(&profile, &GapOptions::on(as_of())).unwrap();
    let track = &report.tracks[0];
    assert_eq!(track.status, GapStatus::Plan);
    let plan = track.plan.as_ref().unwrap();
    // Checked by evaluating the plan's profile again: it reaches Gold.
    assert_eq!(plan.tier_after.id, "gold");
    assert!(plan.total_after + 1e-9 >= track.total + track.point_deficit);
}

#[test]
fn an_integer_field_near_two_to_the_53_is_refused_and_one_within_limits_is_planned() {
    let errors = messages(Scorecard::from_value(&integer_from(9_007_199_254_740_992.0)));
    assert_eq!(
        errors,
        [
            "fields[0].min: expected a number of at most 10^15 either way, found 9,007,199,254,740,992",
            "criteria[0].rule.target: expected a number of at most 10^15 either way, found 9,007,199,254,741,002",
            "criteria[0].rule.from: expected a number of at most 10^15 either way, found 9,007,199,254,740,992",
        ]
    );
    // Just inside the limit, where a double still counts whole numbers: the plan adds 5.
    let scorecard = Scorecard::from_value(&integer_from(999_999_999_999_990.0)).unwrap();
    let profile = scorecard.profile_from_value(&json!({"values": {"n": 999_999_999_999_990.0}})).unwrap();
    let report = scorecard.gaps(&profile, &GapOptions::on(as_of())).unwrap();
    let plan = report.tracks[0].plan.as_ref().unwrap();
    assert_eq!(plan.changes[0].to, partner_scorecard::text::value::Value::Number(999_999_999_999_995.0));
}

#[test]
fn ten_thousand_certifications_expiring_in_descending_order_are_reported_in_date_order() {
    let scorecard = Scorecard::from_value(&certifications_program()).unwrap();
    let profile = scorecard.profile_from_value(&expiring_certifications(MAX_CERTIFICATIONS)).unwrap();
    let mut options = GapOptions::on(as_of());
    options.window_days = 30;
    let report = scorecard.gaps(&profile, &options).unwrap();
    let expiring = &report.tracks[0].outlook.expiring;
    // One certification expires on each of the next 30 days, plus the wrap-around ones
    // ((count - i) % 3000 + 1 days ahead): 4 per day for 10,000 certifications.
    assert_eq!(expiring.len(), 30 * 4 - 1);
    assert!(expiring.windows(2).all(|w| w[0].expires <= w[1].expires));
    assert_eq!(expiring[0].days_left, 1);
    // One more is refused, at the field.
    let errors = scorecard.profile_from_value(&expiring_certifications(MAX_CERTIFICATIONS + 1)).unwrap_err();
    assert_eq!(
        errors.issues[0].to_string(),
        "values.certs: 10,001 certifications in one field are more than this engine accepts (at most 10,000; README, \"Limits\")"
    );
}

#[test]
fn alternatives_and_window_beyond_their_limits_are_option_errors() {
    let scorecard = Scorecard::from_value(&certifications_program()).unwrap();
    let profile = scorecard.empty_profile();
    let mut options = GapOptions::on(as_of());
    options.alternatives = 4_294_967_295;
    let e = scorecard.gaps(&profile, &options).unwrap_err();
    assert_eq!(e.to_string(), "invalid options (1 error):\n  alternatives: at most 10 alternative plans can be asked for, not 4294967295");
    options.alternatives = MAX_ALTERNATIVES;
    options.window_days = 100_000;
    let e = scorecard.gaps(&profile, &options).unwrap_err();
    assert_eq!(e.to_string(), "invalid options (1 error):\n  window_days: look at most 3660 days (ten years) ahead, not 100000");
}

#[test]
fn too_many_track_region_path_combinations_are_refused_with_the_count() {
    let errors = messages(Scorecard::from_value(&many_variants(300, 300, 10)));
    assert_eq!(
        errors,
        [
            "tracks: 300 tracks are more than this engine accepts (at most 50; README, \"Limits\")",
            "regions: 300 regions are more than this engine accepts (at most 100; README, \"Limits\")",
            "903,000 track × region × path combinations (regions count one more, for none) are more than this engine accepts (at most 2,000; README, \"Limits\")",
        ]
    );
    // 21 tracks × (99 regions + none): one track too many.
    let errors = messages(Scorecard::from_value(&many_variants(21, 99, 1)));
    assert_eq!(errors, ["2,100 track × region × path combinations (regions count one more, for none) are more than this engine accepts (at most 2,000; README, \"Limits\")"]);
}

#[test]
fn the_most_combinations_accepted_are_prepared_and_evaluated() {
    // 20 tracks × (99 regions + none) × 1 path = 2,000 combinations.
    let scorecard = Scorecard::from_value(&many_variants(20, 99, 1)).unwrap();
    let profile = scorecard.profile_from_value(&json!({"region": "r97", "values": {"x": 60, "y": true}})).unwrap();
    let result = scorecard.evaluate(&profile, &partner_scorecard::EvalOptions::on(as_of())).unwrap();
    assert_eq!(result.tracks.len(), 20);
    // 60 of 100 → 12 points, plus 5: 17 ≥ region r97's Gold minimum 10 + 97 % 5 = 12.
    assert_eq!(result.tracks[0].total, 17.0);
    assert_eq!(result.tracks[0].tier.as_ref().unwrap().id, "gold");
}

#[test]
fn numbers_that_would_overflow_a_score_are_refused() {
    let mut program = certifications_program();
    program["criteria"][0]["weight"] = json!(1e308);
    let errors = messages(Scorecard::from_value(&program));
    assert_eq!(errors, ["criteria[0].weight: expected a number of at most 10^15 either way, found 1e+308"]);
    // The largest accepted weight and cap: the total stays a finite number.
    program["criteria"][0]["weight"] = json!(1e15);
    program["criteria"][0]["rule"]["cap"] = json!(1e15);
    let scorecard = Scorecard::from_value(&program).unwrap();
    let profile = scorecard.profile_from_value(&expiring_certifications(3)).unwrap();
    let result = scorecard.evaluate(&profile, &partner_scorecard::EvalOptions::on(as_of())).unwrap();
    assert_eq!(result.tracks[0].total, 3e15);
    assert_eq!(result.tracks[0].max, 1e30);
}

#[test]
fn a_profile_with_a_hundred_thousand_unknown_keys_lists_a_hundred_problems_and_counts_the_rest() {
    let scorecard = Scorecard::from_value(&certifications_program()).unwrap();
    let errors = scorecard.profile_from_json(&many_keys_profile(100_000)).unwrap_err();
    assert_eq!(errors.issues.len(), MAX_ISSUES + 1);
    assert_eq!(errors.issues[0].to_string(), "values.k0: unknown field \"k0\"; this program has no such field");
    assert_eq!(errors.issues[MAX_ISSUES].to_string(), "and 99,900 more not listed here");
}

#[test]
fn a_batch_of_more_than_half_a_million_lines_is_refused_before_it_is_read() {
    let scorecard = Scorecard::from_value(&certifications_program()).unwrap();
    let resolved = scorecard.resolve(&partner_scorecard::EvalOptions::on(as_of())).unwrap();
    let csv = format!("@partner,certs\n{}", "A,\n".repeat(MAX_BASE_ROWS + 1));
    let errors = scorecard.evaluate_csv(&csv, &resolved).unwrap_err();
    assert_eq!(errors[0].message, "500,001 partners in one batch are more than this engine accepts (at most 500,000; README, \"Limits\")");
    let errors = partner_scorecard::analysis::segment::PartnerBase::from_csv(&scorecard, &csv).unwrap_err();
    assert_eq!(errors[0].message.split(" are").next(), Some("500,001 partners in one batch"));
    // Exactly the limit is read.
    let csv = format!("@partner,certs\n{}", "A,\n".repeat(MAX_BASE_ROWS));
    assert_eq!(scorecard.evaluate_csv(&csv, &resolved).unwrap().counts.rows, MAX_BASE_ROWS);
}

#[test]
fn a_field_with_fifty_thousand_candidate_values_is_planned_within_the_budget() {
    let scorecard = Scorecard::from_value(&many_bands(500, 100)).unwrap();
    let profile = scorecard.profile_from_value(&json!({"values": {"x": 10}})).unwrap();
    let report = scorecard.gaps(&profile, &GapOptions::on(as_of())).unwrap();
    let track = &report.tracks[0];
    // Bands i*100+k give k points: at x the criteria below x pay 100 each. 25,000 points need
    // every criterion i < 250 full (x ≥ 24,999 + 1 = 25,000 gives 250 × 100).
    let plan = track.plan.as_ref().unwrap_or_else(|| panic!("no plan: {:?} {:?}", track.status, track.blocked));
    assert_eq!(plan.tier_after.id, "gold");
    assert!(plan.total_after >= 25_000.0);
    assert!(!plan.optimal, "a thinned search does not claim to be optimal");
}
