//! The shipped example programs (www/programs/), evaluated on hand-computed profiles.
//! Every expected number below is worked out in the comment next to it from the program
//! file, not copied from the engine's output.
//! Native only: they read the program files from disk.
#![cfg(not(target_arch = "wasm32"))]

use partner_scorecard::eval::{CategoryResult, CriterionResult, Evaluation, Retained, TierCheck, TrackResult};
use partner_scorecard::{Date, EvalOptions, Scorecard};
use serde_json::{json, Value};

/// A JSON literal as the engine's own value type, to compare with values in results.
macro_rules! val {
    ($($json:tt)+) => {
        partner_scorecard::text::value::parse(&json!($($json)+).to_string()).unwrap()
    };
}

fn load(name: &str) -> Scorecard {
    let path = format!("{}/www/programs/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let scorecard = Scorecard::from_json(&text).unwrap_or_else(|e| panic!("{name} must load:\n{e}"));
    // The shipped programs are examples to copy: none may do what a warning flags.
    assert!(scorecard.warnings().is_empty(), "{name} has warnings: {:?}", scorecard.warnings());
    scorecard
}

fn day(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn evaluate_with<'s>(scorecard: &'s Scorecard, profile: &Value, options: &EvalOptions) -> Evaluation<'s> {
    let profile = scorecard.profile_from_value(profile).unwrap_or_else(|e| panic!("profile must be valid:\n{e}"));
    scorecard.evaluate(&profile, options).unwrap()
}

fn evaluate<'s>(scorecard: &'s Scorecard, profile: &Value, as_of: &str) -> Evaluation<'s> {
    evaluate_with(scorecard, profile, &EvalOptions::on(day(as_of)))
}

/// Scores are exact up to floating-point rounding of the formula itself.
#[track_caller]
fn close(actual: f64, expected: f64) {
    assert!((actual - expected).abs() <= 1e-9 * expected.abs().max(1.0), "expected {expected}, got {actual}");
}

/// `points * ln(1 + x/scale) / ln(1 + target/scale)`, the log rule's formula from the README.
fn log_points(points: f64, x: f64, target: f64, scale: f64) -> f64 {
    points * (1.0 + x / scale).ln() / (1.0 + target / scale).ln()
}

fn track<'a>(evaluation: &'a Evaluation<'a>, id: &str) -> &'a TrackResult<'a> {
    evaluation.tracks.iter().find(|t| t.track.as_deref() == Some(id)).unwrap_or_else(|| panic!("no track {id}"))
}

fn only<'a>(evaluation: &'a Evaluation<'a>) -> &'a TrackResult<'a> {
    assert_eq!(evaluation.tracks.len(), 1);
    &evaluation.tracks[0]
}

fn criterion<'a>(track: &'a TrackResult<'a>, id: &str) -> &'a CriterionResult<'a> {
    track.criteria.iter().find(|c| c.id == id).unwrap_or_else(|| panic!("no criterion {id}"))
}

fn category<'a>(track: &'a TrackResult<'a>, id: &str) -> &'a CategoryResult<'a> {
    track.categories.iter().find(|c| c.id == id).unwrap_or_else(|| panic!("no category {id}"))
}

fn tier<'a>(track: &'a TrackResult<'a>, id: &str) -> &'a TierCheck<'a> {
    track.tiers.iter().find(|t| t.id == id).unwrap_or_else(|| panic!("no tier {id}"))
}

fn tier_id<'a>(track: &'a TrackResult<'a>) -> Option<&'a str> {
    track.tier.as_ref().map(|t| t.id.as_str())
}

fn earned_id<'a>(track: &'a TrackResult<'a>) -> Option<&'a str> {
    track.earned_tier.as_ref().map(|t| t.id.as_str())
}

fn cert(kind: &str, earned: &str, expires: &str) -> Value {
    json!({"kind": kind, "earned": earned, "expires": expires})
}

// ---------------------------------------------------------------- classic-reseller.json

/// A Gold partner: decent revenue, four valid certifications (one of which expires on the
/// evaluation date itself) and one that expired a month earlier.
fn classic_gold_profile() -> Value {
    json!({
        "partner": "Nordlicht IT GmbH",
        "values": {
            "agreement_signed": true,
            "years_in_business": 6,
            "partner_since": "2019-03-01",
            "annual_revenue": 400000,
            "revenue_growth": 12,
            "certified_engineers": 3,
            "certifications": [
                cert("sales", "2025-01-10", "2027-01-10"),
                cert("presales", "2025-06-01", "2027-06-01"),
                cert("technical", "2024-09-01", "2027-09-01"),
                cert("technical", "2023-10-31", "2026-10-31"),
                cert("specialist", "2024-11-25", "2026-11-25")
            ],
            "deal_registrations": 12,
            "marketing_plan": true,
            "joint_campaigns": 2,
            "csat": 88,
            "reference_customers": 3,
            "market_alignment": "high",
            "market_making": "medium",
            "transactional": "high",
            "reciprocity": "medium",
            "industries": ["healthcare", "finance", "public"]
        }
    })
}

#[test]
fn classic_program_is_worth_100_points_in_five_categories() {
    let s = load("classic-reseller.json");
    close(s.max_total(0, None), 100.0);
    assert_eq!(s.tier_ids(), ["registered", "silver", "gold", "platinum"]);
    assert_eq!(s.name().get(Some("de")), "Klassisches Reseller-Programm");
    let years = &s.fields()[s.field_index("years_in_business").unwrap()];
    assert!(!years.actionable, "years in business is a fact the partner cannot change");
    let empty = evaluate(&s, &json!({}), "2026-11-25");
    let t = only(&empty);
    let maxima: Vec<(&str, f64)> = t.categories.iter().map(|c| (c.id, c.max)).collect();
    // performance 25 + 10, capability 15 + 10, engagement 8 + 4 + 3, customer success 10 + 5,
    // fit 2×1.5 + 2 + 2 + 1 + 2 (industries capped at 2)
    assert_eq!(
        maxima,
        [("performance", 35.0), ("capability", 25.0), ("engagement", 15.0), ("customer_success", 15.0), ("strategic_fit", 10.0)]
    );
}

#[test]
fn classic_gold_partner_scores_and_explains_every_criterion() {
    let s = load("classic-reseller.json");
    let e = evaluate(&s, &classic_gold_profile(), "2026-11-25");
    let t = only(&e);
    assert_eq!(t.track, None, "the program has no tracks");

    // revenue 400,000 with log rule, scale 100,000, target 1,000,000: 25 × ln(5) / ln(11) ≈ 16.78
    let revenue = 25.0 * 5f64.ln() / 11f64.ln();
    close(revenue, log_points(25.0, 400_000.0, 1_000_000.0, 100_000.0));
    close(criterion(t, "revenue").points, revenue);
    assert_eq!(criterion(t, "revenue").explanation, "Annual revenue 400,000 with diminishing returns, full at 1,000,000 = 16.78 of 25");
    assert_eq!(criterion(t, "revenue").input, val!(400000.0));
    // growth 12 % reaches the 10+ band: 6
    close(criterion(t, "growth").points, 6.0);
    assert_eq!(criterion(t, "growth").explanation, "Revenue growth 12 reaches the 10+ band = 6 of 10");
    // 3 engineers × 3 = 9 of 15
    close(criterion(t, "engineers").points, 9.0);
    assert_eq!(criterion(t, "engineers").explanation, "3 Certified engineers × 3 = 9 of 15");
    // 5 certifications listed; the technical one expired 2026-10-31, the specialist one
    // expires today and still counts: 4 valid × 2 = 8 of 10
    close(criterion(t, "certs").points, 8.0);
    assert_eq!(criterion(t, "certs").input, val!(4));
    assert_eq!(criterion(t, "certs").explanation, "4 valid certifications × 2 = 8 of 10 (1 expired, not counted)");
    // deal registrations 12 of 20 × 8 = 4.8
    close(criterion(t, "deal_reg").points, 4.8);
    assert_eq!(criterion(t, "deal_reg").explanation, "Deal registrations 12 of target 20 = 4.8 of 8");
    close(criterion(t, "marketing").points, 4.0);
    assert_eq!(criterion(t, "marketing").explanation, "Joint marketing plan: yes = 4 of 4");
    // 2 campaigns × 1 = 2 of 3
    close(criterion(t, "campaigns").points, 2.0);
    // CSAT 88 between 60 and 95: (88 − 60) / 35 × 10 = 8
    close(criterion(t, "satisfaction").points, 8.0);
    assert_eq!(criterion(t, "satisfaction").explanation, "Customer satisfaction (CSAT) 88 on a scale from 60 to 95 = 8 of 10");
    // 3 references reach the 3+ band: 4
    close(criterion(t, "references").points, 4.0);
    // market alignment high = 2, weight 1.5 = 3
    close(criterion(t, "market_alignment").points, 3.0);
    assert_eq!(criterion(t, "market_alignment").explanation, "Market alignment: High = 2 of 2, weight × 1.5 = 3 of 3");
    close(criterion(t, "market_making").points, 1.0);
    close(criterion(t, "transactional").points, 2.0);
    close(criterion(t, "reciprocity").points, 0.5);
    // three industries × 1, capped at 2
    close(criterion(t, "industries").points, 2.0);
    assert_eq!(criterion(t, "industries").explanation, "Industries served: Healthcare, Financial services, Public sector = 2 of 2");
    assert_eq!(criterion(t, "industries").input, val!(["healthcare", "finance", "public"]));

    // categories: performance revenue + 6; capability 9 + 8 = 17; engagement 4.8 + 4 + 2 = 10.8;
    // customer success 8 + 4 = 12 (80 % of 15); fit 3 + 1 + 2 + 0.5 + 2 = 8.5
    close(category(t, "performance").points, revenue + 6.0);
    close(category(t, "capability").points, 17.0);
    close(category(t, "engagement").points, 10.8);
    close(category(t, "customer_success").points, 12.0);
    close(category(t, "customer_success").share, 80.0);
    close(category(t, "strategic_fit").points, 8.5);
    // total = revenue + 6 + 17 + 10.8 + 12 + 8.5 = revenue + 54.3 ≈ 71.08
    let total = revenue + 54.3;
    close(t.total, total);
    close(t.max, 100.0);

    assert_eq!(tier_id(t), Some("gold"));
    assert_eq!(t.tier.as_ref().unwrap().rank, 3);
    assert_eq!(earned_id(t), Some("gold"));
    assert!(t.retention.is_none());
    assert_eq!(e.best.as_ref().unwrap().tier.id, "gold");

    let gold = tier(t, "gold");
    assert!(gold.met);
    assert_eq!(gold.requirements[1].description, "At least 4 valid certifications, of which 2 Technical or Specialist");
    assert_eq!(gold.requirements[1].actual, val!("4, of which 2"));
    assert_eq!(gold.requirements[1].needed, val!("4, of which 2"));
    assert_eq!(gold.requirements[3].description, "Customer success: at least 50% of its 15 points");
    close(gold.requirements[3].actual.as_f64().unwrap(), 80.0);

    // Platinum: 80 points, 6 certifications of which 3 technical/specialist, 750,000 revenue,
    // 20 capability points, 3 years in business, CSAT 85.
    let platinum = tier(t, "platinum");
    assert!(!platinum.met);
    assert_eq!(platinum.score_met, Some(false));
    let checks: Vec<(bool, &partner_scorecard::text::value::Value, &partner_scorecard::text::value::Value)> =
        platinum.requirements.iter().map(|r| (r.met, &r.actual, &r.needed)).collect();
    assert_eq!(checks[0], (true, &val!(true), &val!(true)));
    assert_eq!(checks[1], (false, &val!("4, of which 2"), &val!("6, of which 3")));
    assert_eq!(checks[2], (false, &val!(400000.0), &val!(750000.0)));
    assert_eq!(checks[3], (false, &val!(17.0), &val!(20.0)));
    assert_eq!(checks[4], (true, &val!(6.0), &val!(3.0)));
    assert_eq!(checks[5], (true, &val!(88.0), &val!(85.0)));
    assert_eq!(platinum.requirements[3].description, "Capability: at least 20 points");
    assert_eq!(platinum.requirements[4].description, "At least 3 years in business", "the requirement's own label");

    let next = t.next_tier.as_ref().unwrap();
    assert_eq!((next.id, next.rank), ("platinum", 4));
    // 80 − (revenue + 54.3) = 25.7 − revenue ≈ 8.92
    close(next.point_deficit, 80.0 - total);
    assert_eq!(next.unmet_requirements, 3);
}

#[test]
fn classic_speaks_german() {
    let s = load("classic-reseller.json");
    let mut options = EvalOptions::on(day("2026-11-25"));
    options.lang = Some("de".into());
    let e = evaluate_with(&s, &classic_gold_profile(), &options);
    let t = only(&e);
    assert_eq!(t.tier.as_ref().unwrap().label, "Gold");
    assert_eq!(tier(t, "silver").label, "Silber");
    assert_eq!(t.next_tier.as_ref().unwrap().label, "Platin");
    assert_eq!(category(t, "capability").label, "Kompetenz");
    assert_eq!(criterion(t, "engineers").label, "Zertifizierte Techniker");
    assert_eq!(criterion(t, "engineers").explanation, "3 Zertifizierte Techniker × 3 = 9 of 15");
    assert_eq!(criterion(t, "market_alignment").explanation, "Marktausrichtung: Hoch = 2 of 2, weight × 1.5 = 3 of 3");
    assert_eq!(tier(t, "platinum").requirements[4].description, "Mindestens 3 Jahre am Markt");
    // a regional variant of a language falls back to the language
    options.lang = Some("de-AT".into());
    let e = evaluate_with(&s, &classic_gold_profile(), &options);
    assert_eq!(tier(only(&e), "platinum").label, "Platin");
}

#[test]
fn classic_certification_counts_through_its_expiry_date_then_gold_is_lost() {
    let s = load("classic-reseller.json");
    let revenue = log_points(25.0, 400_000.0, 1_000_000.0, 100_000.0);
    // The day after the specialist certification's expiry date only 3 remain valid:
    // 3 × 2 = 6 points, total revenue + 52.3, and Gold's "4, of which 2" fails.
    let e = evaluate(&s, &classic_gold_profile(), "2026-11-26");
    let t = only(&e);
    close(criterion(t, "certs").points, 6.0);
    assert_eq!(criterion(t, "certs").explanation, "3 valid certifications × 2 = 6 of 10 (2 expired, not counted)");
    close(t.total, revenue + 52.3);
    let gold = tier(t, "gold");
    assert_eq!(gold.score_met, Some(true));
    assert!(!gold.met);
    assert_eq!(gold.requirements[1].actual, val!("3, of which 1"));
    assert_eq!(tier_id(t), Some("silver"));
    let next = t.next_tier.as_ref().unwrap();
    assert_eq!(next.id, "gold");
    close(next.point_deficit, 0.0);
    assert_eq!(next.unmet_requirements, 1);
}

#[test]
fn classic_gold_is_held_by_grace_for_90_days_after_falling_short() {
    let s = load("classic-reseller.json");
    let mut profile = classic_gold_profile();
    profile["current_tiers"] = json!([{"tier": "gold", "since": "2025-07-01", "short_since": "2026-11-26"}]);

    // 2026-11-26 + 90 days: 4 more in November, 31 in December, 31 in January, 24 in
    // February = 2027-02-24.
    let e = evaluate(&s, &profile, "2026-11-26");
    let t = only(&e);
    assert_eq!(tier_id(t), Some("gold"));
    assert_eq!(earned_id(t), Some("silver"));
    let retention = t.retention.as_ref().unwrap();
    assert_eq!(retention.kind, Retained::Grace);
    assert_eq!(retention.until, day("2027-02-24"));
    assert_eq!(retention.message, "Gold held by grace until 2027-02-24; without it: Silver");
    assert_eq!(e.best.as_ref().unwrap().tier.id, "gold");

    // The last day of grace still holds (the sales certification expired on 2027-01-10,
    // leaving 2 valid: Silver is still earned).
    let e = evaluate(&s, &profile, "2027-02-24");
    assert_eq!(tier_id(only(&e)), Some("gold"));
    assert_eq!(earned_id(only(&e)), Some("silver"));

    // The day after, the partner holds what it earns.
    let e = evaluate(&s, &profile, "2027-02-25");
    let t = only(&e);
    assert_eq!(tier_id(t), Some("silver"));
    assert!(t.retention.is_none());
    // 2 valid certifications × 2 = 4; total revenue + 50.3
    close(t.total, log_points(25.0, 400_000.0, 1_000_000.0, 100_000.0) + 50.3);

    // A partner that earns its tier again needs no grace.
    let e = evaluate(&s, &profile, "2026-11-25");
    assert_eq!(tier_id(only(&e)), Some("gold"));
    assert!(only(&e).retention.is_none());
}

#[test]
fn classic_score_alone_does_not_make_gold_without_technical_certifications() {
    let s = load("classic-reseller.json");
    let mut profile = classic_gold_profile();
    profile["values"]["certifications"] = json!([
        cert("sales", "2025-01-01", "2028-01-01"),
        cert("sales", "2025-01-01", "2028-01-01"),
        cert("sales", "2025-01-01", "2028-01-01"),
        cert("presales", "2025-01-01", "2028-01-01"),
        cert("technical", "2025-01-01", "2028-01-01")
    ]);
    let e = evaluate(&s, &profile, "2026-11-25");
    let t = only(&e);
    // 5 valid × 2 = 10 (the cap); total revenue + 56.3 ≈ 73.08, above Gold's 60
    close(criterion(t, "certs").points, 10.0);
    close(t.total, log_points(25.0, 400_000.0, 1_000_000.0, 100_000.0) + 56.3);
    let gold = tier(t, "gold");
    assert_eq!(gold.score_met, Some(true));
    assert!(!gold.requirements[1].met);
    assert_eq!(gold.requirements[1].actual, val!("5, of which 1"));
    assert_eq!(tier_id(t), Some("silver"));
}

#[test]
fn classic_empty_profile_is_unranked_and_agreement_makes_registered() {
    let s = load("classic-reseller.json");
    let e = evaluate(&s, &json!({"values": {}}), "2026-11-25");
    let t = only(&e);
    close(t.total, 0.0);
    assert_eq!(t.tier, None);
    assert!(e.best.is_none());
    assert_eq!(criterion(t, "growth").explanation, "Revenue growth not given is below the lowest band (0) = 0 of 10");
    let next = t.next_tier.as_ref().unwrap();
    assert_eq!(next.id, "registered");
    assert_eq!(next.min_score, None);
    close(next.point_deficit, 0.0);
    assert_eq!(next.unmet_requirements, 1);
    let registered = tier(t, "registered");
    assert_eq!(registered.requirements[0].description, "Partner agreement signed: yes");
    assert_eq!(registered.requirements[0].actual, partner_scorecard::text::value::Value::Null);

    let e = evaluate(&s, &json!({"values": {"agreement_signed": true, "certified_engineers": 0}}), "2026-11-25");
    let t = only(&e);
    assert_eq!(tier_id(t), Some("registered"));
    let next = t.next_tier.as_ref().unwrap();
    // Silver: 40 points short, and neither 2 certifications nor 1 engineer
    assert_eq!(next.id, "silver");
    close(next.point_deficit, 40.0);
    assert_eq!(next.unmet_requirements, 2);
}

#[test]
fn classic_top_partner_reaches_platinum_with_full_marks() {
    let s = load("classic-reseller.json");
    let profile = json!({"values": {
        "agreement_signed": true, "years_in_business": 12,
        "annual_revenue": 1200000, "revenue_growth": 30, "certified_engineers": 6,
        "certifications": [
            cert("sales", "2025-01-01", "2027-12-31"), cert("sales", "2025-01-01", "2027-12-31"),
            cert("presales", "2025-01-01", "2027-12-31"), cert("technical", "2025-01-01", "2027-12-31"),
            cert("technical", "2025-01-01", "2027-12-31"), cert("technical", "2025-01-01", "2027-12-31"),
            cert("specialist", "2025-01-01", "2027-12-31")
        ],
        "deal_registrations": 25, "marketing_plan": true, "joint_campaigns": 5, "csat": 95, "reference_customers": 6,
        "market_alignment": "high", "market_making": "high", "transactional": "high", "reciprocity": "high",
        "industries": ["manufacturing", "retail", "healthcare"]
    }});
    let e = evaluate(&s, &profile, "2026-11-25");
    let t = only(&e);
    // every criterion at its maximum: revenue beyond target 25, growth 30 ≥ 25 → 10, 6 engineers
    // capped at 15, 7 certifications capped at 10, ... = 100
    close(t.total, 100.0);
    close(criterion(t, "revenue").points, 25.0);
    assert_eq!(criterion(t, "engineers").explanation, "6 Certified engineers × 3 = 15 of 15");
    assert_eq!(tier_id(t), Some("platinum"));
    assert_eq!(tier(t, "platinum").requirements[1].actual, val!("7, of which 4"));
    assert!(t.next_tier.is_none());
    assert_eq!(e.best.as_ref().unwrap().tier.rank, 4);
}

// ---------------------------------------------------------------------- multi-track.json

fn mt_values() -> Value {
    // Revenue 100,000 and consumption 300,000: the consumption path wins.
    json!({
        "annual_revenue": 100000,
        "consumption": 300000,
        "new_customers": 2,
        "managed_customers": 4,
        "noc_24x7": false,
        "referrals": 9,
        "certifications": [
            cert("technical", "2025-01-01", "2026-12-31"),
            cert("operations", "2025-01-01", "2028-01-01"),
            cert("operations", "2025-01-01", "2028-01-01")
        ],
        "csat": 70,
        "renewal_rate": 78,
        "market_alignment": "medium",
        "reciprocity": "medium"
    })
}

#[test]
fn multi_track_scores_each_track_and_takes_the_better_path() {
    let s = load("multi-track.json");
    let e = evaluate(&s, &json!({"values": mt_values()}), "2026-11-25");
    assert_eq!(e.tracks.iter().map(|t| t.track.clone().unwrap()).collect::<Vec<_>>(), ["reseller", "managed_services", "referral"]);

    // Reseller, no region. Shared criteria: new customers 2 × 2 = 4; certifications 3 valid × 5 = 15;
    // CSAT (70 − 50) / 40 × 10 = 5; renewals 78 reach the 70+ band = 5; alignment medium 3;
    // reciprocity medium 3: 35.
    // Resale path: 30 × ln(1 + 100,000/200,000) / ln(11) ≈ 5.07 → 40.07.
    // Consumption path: 30 × ln(1 + 300,000/60,000) / ln(11) ≈ 22.42 → 57.42.
    let resale = log_points(30.0, 100_000.0, 2_000_000.0, 200_000.0);
    let consumption = log_points(30.0, 300_000.0, 600_000.0, 60_000.0);
    close(consumption, 30.0 * 6f64.ln() / 11f64.ln());
    let r = track(&e, "reseller");
    assert_eq!(r.path.as_deref(), Some("consumption"));
    let totals: Vec<(&str, f64)> = r.path_totals.iter().map(|p| (p.path.as_str(), p.total)).collect();
    assert_eq!(totals.len(), 2);
    assert_eq!(totals[0].0, "resale");
    close(totals[0].1, resale + 35.0);
    assert_eq!(totals[1].0, "consumption");
    close(totals[1].1, consumption + 35.0);
    close(r.total, consumption + 35.0);
    let sales = criterion(r, "sales");
    assert_eq!((sales.label, sales.field), ("Cloud consumption", "consumption"));
    assert_eq!(sales.explanation, "Cloud consumption 300,000 with diminishing returns, full at 600,000 = 22.42 of 30");
    close(criterion(r, "certs").points, 15.0);
    close(criterion(r, "csat").points, 5.0);
    // 57.42 ≥ 55 and "2, of which 1 technical" holds (3, of which 1): Advanced
    assert_eq!(tier_id(r), Some("advanced"));
    assert_eq!(tier(r, "advanced").requirements[0].actual, val!("3, of which 1"));
    let next = r.next_tier.as_ref().unwrap();
    assert_eq!(next.id, "premier");
    close(next.point_deficit, 75.0 - (consumption + 35.0));
    // Premier: 5 certifications of which 2 technical fails; customer success 10 of 25 = 40 % < 60 %
    assert_eq!(next.unmet_requirements, 2);
    close(tier(r, "premier").requirements[1].actual.as_f64().unwrap(), 40.0);

    // Managed services: sales weight 0.5; certifications only technical and operations (all 3);
    // managed customers 4 × 3 = 12. Consumption path: 22.42 / 2 + 4 + 15 + 5 + 5 + 3 + 3 + 12.
    let m = track(&e, "managed_services");
    close(m.max, 100.0);
    assert_eq!(m.path.as_deref(), Some("consumption"));
    close(criterion(m, "sales").points, consumption / 2.0);
    assert_eq!(
        criterion(m, "sales").explanation,
        "Cloud consumption 300,000 with diminishing returns, full at 600,000 = 22.42 of 30, weight × 0.5 = 11.21 of 15"
    );
    close(criterion(m, "managed").points, 12.0);
    close(m.total, consumption / 2.0 + 47.0);
    // The track lowers Advanced to 50 and makes Premier need a 24/7 operations centre.
    assert_eq!(tier(m, "advanced").min_score, Some(50.0));
    assert_eq!(tier_id(m), Some("advanced"));
    let premier = tier(m, "premier");
    assert_eq!(premier.min_score, Some(75.0));
    assert_eq!(premier.requirements.len(), 2);
    assert_eq!(premier.requirements[0].actual, val!("3, of which 2"));
    assert_eq!(premier.requirements[0].needed, val!("5, of which 2"));
    assert_eq!(premier.requirements[1].description, "24/7 operations centre: yes");
    assert_eq!((premier.requirements[1].met, &premier.requirements[1].actual), (false, &val!(false)));

    // Referral: sales, new customers and renewals dropped; certifications only sales kind
    // (none: 0 of 10); CSAT 5; alignment 3 × 3 = 9; reciprocity 3 × 3 = 9;
    // referrals 9 of 24 × 50 = 18.75. Total 41.75, both paths equal (sales is gone), so the first counts.
    let f = track(&e, "referral");
    let ids: Vec<&str> = f.criteria.iter().map(|c| c.id).collect();
    assert_eq!(ids, ["certs", "csat", "market_alignment", "reciprocity", "referrals"]);
    close(f.max, 100.0);
    close(criterion(f, "referrals").points, 18.75);
    close(criterion(f, "certs").points, 0.0);
    assert_eq!(criterion(f, "certs").explanation, "0 valid certifications (Sales) × 5 = 0 of 10");
    close(f.total, 41.75);
    assert_eq!(f.path.as_deref(), Some("resale"));
    close(f.path_totals[1].total, 41.75);
    assert_eq!(tier_id(f), Some("select"));
    assert_eq!(tier(f, "advanced").requirements[0].description, "At least 1 valid certification (Sales)");
    close(f.next_tier.as_ref().unwrap().point_deficit, 55.0 - 41.75);

    // Best across tracks: Advanced in two tracks, the higher total (managed services, ≈58.21
    // against ≈57.42) decides.
    let best = e.best.as_ref().unwrap();
    assert_eq!((best.track.as_deref(), best.tier.id.as_str()), (Some("managed_services"), "advanced"));
}

#[test]
fn multi_track_profile_tracks_and_option_track_limit_the_results() {
    let s = load("multi-track.json");
    let e = evaluate(&s, &json!({"tracks": ["referral"], "values": mt_values()}), "2026-11-25");
    assert_eq!(e.tracks.len(), 1);
    assert_eq!(e.best.as_ref().unwrap().track.as_deref(), Some("referral"));
    let mut options = EvalOptions::on(day("2026-11-25"));
    options.track = Some("managed_services".into());
    let e = evaluate_with(&s, &json!({"values": mt_values()}), &options);
    assert_eq!(e.tracks.len(), 1);
    assert_eq!(e.tracks[0].track.as_deref(), Some("managed_services"));
}

#[test]
fn multi_track_regions_change_targets_bands_and_tier_minimums() {
    let s = load("multi-track.json");
    let values = json!({
        "annual_revenue": 400000, "new_customers": 3,
        "certifications": [cert("technical", "2025-01-01", "2028-01-01"), cert("technical", "2025-01-01", "2028-01-01")],
        "csat": 70, "renewal_rate": 80, "market_alignment": "medium", "reciprocity": "low"
    });
    // Rest of the criteria in every region: new customers 3 × 2 = 6; 2 certifications × 5 = 10;
    // CSAT 5; alignment 3; reciprocity 0: 24. Consumption is empty, so the resale path counts.
    let base = evaluate(&s, &json!({"tracks": ["reseller"], "values": values.clone()}), "2026-11-25");
    let t = only(&base);
    assert_eq!(base.region, None);
    // sales 30 × ln(1 + 400,000/200,000) / ln(11) = 30 × ln 3 / ln 11 ≈ 13.74; renewals 80 → 70+ band = 5
    let sales = log_points(30.0, 400_000.0, 2_000_000.0, 200_000.0);
    close(sales, 30.0 * 3f64.ln() / 11f64.ln());
    close(t.total, sales + 5.0 + 24.0);
    assert_eq!(t.path.as_deref(), Some("resale"));
    close(t.path_totals[1].total, 29.0);
    // ≈42.74: Select (30), not Advanced (55)
    assert_eq!(tier_id(t), Some("select"));
    close(t.next_tier.as_ref().unwrap().point_deficit, 55.0 - (sales + 29.0));

    // Growth markets: target 800,000, scale 80,000: 30 × ln(1 + 5) / ln(11) ≈ 22.42; renewals 80
    // reach the lowered 75+ band = 10; total ≈ 56.42 ≥ the lowered Advanced minimum 45.
    let growth = evaluate(&s, &json!({"tracks": ["reseller"], "region": "growth", "values": values.clone()}), "2026-11-25");
    let t = only(&growth);
    assert_eq!(growth.region.as_deref(), Some("growth"));
    let sales = log_points(30.0, 400_000.0, 800_000.0, 80_000.0);
    close(criterion(t, "sales").points, sales);
    assert_eq!(criterion(t, "sales").explanation, "Resale revenue 400,000 with diminishing returns, full at 800,000 = 22.42 of 30");
    close(criterion(t, "renewals").points, 10.0);
    assert_eq!(criterion(t, "renewals").explanation, "Renewal rate 80 reaches the 75+ band = 10 of 15");
    close(t.total, sales + 10.0 + 24.0);
    assert_eq!(tier(t, "select").min_score, Some(25.0));
    assert_eq!(tier(t, "advanced").min_score, Some(45.0));
    assert_eq!(tier(t, "premier").min_score, Some(65.0));
    assert_eq!(tier_id(t), Some("advanced"));
    let next = t.next_tier.as_ref().unwrap();
    close(next.point_deficit, 65.0 - (sales + 34.0));

    // Mature markets: target 2,500,000, scale 250,000: 30 × ln(2.6) / ln(11) ≈ 11.95; Premier needs 80.
    // The evaluation option overrides the profile's region.
    let mut options = EvalOptions::on(day("2026-11-25"));
    options.region = Some("mature".into());
    let mature = evaluate_with(&s, &json!({"tracks": ["reseller"], "region": "growth", "values": values}), &options);
    let t = only(&mature);
    assert_eq!(mature.region.as_deref(), Some("mature"));
    let sales = log_points(30.0, 400_000.0, 2_500_000.0, 250_000.0);
    close(sales, 30.0 * 2.6f64.ln() / 11f64.ln());
    close(t.total, sales + 5.0 + 24.0);
    assert_eq!(tier(t, "premier").min_score, Some(80.0));
    assert_eq!(tier(t, "advanced").min_score, Some(55.0));
    assert_eq!(tier_id(t), Some("select"));
}

#[test]
fn multi_track_region_changes_a_criterion_only_its_track_has() {
    let s = load("multi-track.json");
    // Referrals' target is 24, and 12 in growth markets: 9 referrals are 18.75 or 37.5 of 50.
    let values = json!({"referrals": 9});
    let base = evaluate(&s, &json!({"tracks": ["referral"], "values": values.clone()}), "2026-11-25");
    close(criterion(only(&base), "referrals").points, 18.75);
    let growth = evaluate(&s, &json!({"tracks": ["referral"], "region": "growth", "values": values}), "2026-11-25");
    close(criterion(only(&growth), "referrals").points, 37.5);
    assert_eq!(criterion(only(&growth), "referrals").explanation, "Qualified referrals 9 of target 12 = 37.5 of 50");
    // 37.5 ≥ 25 (growth Select)
    assert_eq!(tier_id(only(&growth)), Some("select"));
}

#[test]
fn multi_track_technical_certification_counts_through_expiry_then_advanced_needs_a_new_one() {
    let s = load("multi-track.json");
    let profile = json!({"tracks": ["reseller"], "values": mt_values()});
    // Through 2026-12-31 the technical certification counts: Advanced as above.
    let e = evaluate(&s, &profile, "2026-12-31");
    assert_eq!(tier_id(only(&e)), Some("advanced"));
    // On 2027-01-01 it has expired: 2 valid × 5 = 10, total 22.42 + 30 ≈ 52.42 < 55, and no
    // technical certification for Advanced's "of which 1 technical" either.
    let e = evaluate(&s, &profile, "2027-01-01");
    let t = only(&e);
    close(criterion(t, "certs").points, 10.0);
    assert_eq!(criterion(t, "certs").explanation, "2 valid certifications × 5 = 10 of 25 (1 expired, not counted)");
    close(t.total, log_points(30.0, 300_000.0, 600_000.0, 60_000.0) + 30.0);
    assert_eq!(tier(t, "advanced").requirements[0].actual, val!("2, of which 0"));
    assert_eq!(tier_id(t), Some("select"));
}

#[test]
fn multi_track_demotions_wait_for_the_anniversary_and_promotions_do_not() {
    let s = load("multi-track.json");
    let profile = json!({
        "tracks": ["reseller", "managed_services"],
        "current_tiers": [
            {"track": "reseller", "tier": "premier", "since": "2025-07-01"},
            {"track": "managed_services", "tier": "select", "since": "2025-07-01"}
        ],
        "values": mt_values()
    });
    let e = evaluate(&s, &profile, "2026-11-25");
    // Reseller earns Advanced but keeps Premier until the next 1 July.
    let r = track(&e, "reseller");
    assert_eq!(tier_id(r), Some("premier"));
    assert_eq!(earned_id(r), Some("advanced"));
    let retention = r.retention.as_ref().unwrap();
    assert_eq!(retention.kind, Retained::Anniversary);
    assert_eq!(retention.until, day("2027-07-01"));
    assert_eq!(retention.message, "Premier held until the program anniversary on 2027-07-01; without it: Advanced");
    // The next tier is still counted from what the profile earns.
    assert_eq!(r.next_tier.as_ref().unwrap().id, "premier");
    // Managed services held Select and earns Advanced: promoted at once.
    let m = track(&e, "managed_services");
    assert_eq!(tier_id(m), Some("advanced"));
    assert!(m.retention.is_none());
    assert_eq!(e.best.as_ref().unwrap().tier.id, "premier");

    // The day before the anniversary the old tier still holds; on the anniversary the review
    // applies what the profile earns (the technical certification has expired by then: Select).
    let e = evaluate(&s, &profile, "2027-06-30");
    assert_eq!(tier_id(track(&e, "reseller")), Some("premier"));
    assert_eq!(track(&e, "reseller").retention.as_ref().unwrap().until, day("2027-07-01"));
    let e = evaluate(&s, &profile, "2027-07-01");
    let r = track(&e, "reseller");
    assert_eq!(tier_id(r), Some("select"));
    assert!(r.retention.is_none());

    // A partner that fell short before this year's review (2026-07-01) was demoted on it:
    // evaluated later that year it holds what it earns.
    let mut fell_short_in_may = profile.clone();
    fell_short_in_may["current_tiers"][0]["short_since"] = json!("2026-05-10");
    let e = evaluate(&s, &fell_short_in_may, "2026-11-25");
    assert_eq!(tier_id(track(&e, "reseller")), Some("advanced"));
    assert!(track(&e, "reseller").retention.is_none());
    // Falling short after the review keeps the tier until the next one.
    let mut fell_short_in_august = profile;
    fell_short_in_august["current_tiers"][0]["short_since"] = json!("2026-08-15");
    let e = evaluate(&s, &fell_short_in_august, "2026-11-25");
    assert_eq!(tier_id(track(&e, "reseller")), Some("premier"));
    assert_eq!(track(&e, "reseller").retention.as_ref().unwrap().until, day("2027-07-01"));
}

// ------------------------------------------------------------------- capability-100.json

fn capability_values(net_adds: u32, intermediate: usize, advanced: usize, usage_growth: f64, deployments: u32) -> Value {
    let mut certs: Vec<Value> = Vec::new();
    certs.extend((0..intermediate).map(|_| cert("intermediate", "2026-01-15", "2027-01-15")));
    certs.extend((0..advanced).map(|_| cert("advanced", "2025-12-01", "2026-12-01")));
    json!({"values": {
        "net_customer_adds": net_adds, "certifications": certs, "usage_growth": usage_growth, "deployments": deployments
    }})
}

#[test]
fn capability_score_passes_at_70_with_every_metric_above_zero() {
    let s = load("capability-100.json");
    close(s.max_total(0, None), 100.0);
    let mut profile = capability_values(7, 6, 3, 40_000.0, 4);
    // one more intermediate certification that expired yesterday
    profile["values"]["certifications"].as_array_mut().unwrap().push(cert("intermediate", "2024-11-24", "2026-11-24"));
    let e = evaluate(&s, &profile, "2026-11-25");
    let t = only(&e);
    // net adds 7 × 3 = 21; intermediate 6 × 2 = 12 (the expired one does not count);
    // advanced 3 × 5 = 15; usage 40,000 of 50,000 × 20 = 16; deployments 4 × 2 = 8: 72
    close(criterion(t, "net_customer_adds").points, 21.0);
    close(criterion(t, "intermediate_certs").points, 12.0);
    assert_eq!(
        criterion(t, "intermediate_certs").explanation,
        "6 valid certifications (Intermediate (associate)) × 2 = 12 of 20 (1 expired, not counted)"
    );
    close(criterion(t, "advanced_certs").points, 15.0);
    close(criterion(t, "usage_growth").points, 16.0);
    assert_eq!(criterion(t, "usage_growth").explanation, "Usage growth 40,000 of target 50,000 = 16 of 20");
    close(criterion(t, "deployments").points, 8.0);
    close(category(t, "performance").points, 21.0);
    close(category(t, "skilling").points, 27.0);
    close(category(t, "customer_success").points, 24.0);
    close(category(t, "customer_success").share, 80.0);
    close(t.total, 72.0);
    assert_eq!(tier_id(t), Some("solutions_partner"));
    let check = &tier(t, "solutions_partner").requirements[0];
    assert_eq!(check.description, "Every criterion above zero");
    assert_eq!((check.met, &check.actual, &check.needed), (true, &val!(5), &val!(5)));
    assert!(t.next_tier.is_none());
}

#[test]
fn capability_score_of_80_with_a_zero_metric_stays_member() {
    let s = load("capability-100.json");
    // 10 × 3 = 30; 10 × 2 = 20; no advanced: 0; 50,000 → 20; 5 × 2 = 10: 80
    let e = evaluate(&s, &capability_values(10, 10, 0, 50_000.0, 5), "2026-11-25");
    let t = only(&e);
    close(t.total, 80.0);
    let sp = tier(t, "solutions_partner");
    assert_eq!(sp.score_met, Some(true));
    let check = &sp.requirements[0];
    assert_eq!(check.description, "Every criterion above zero (at zero: Advanced certifications)");
    assert_eq!((check.met, &check.actual, &check.needed), (false, &val!(4), &val!(5)));
    assert_eq!(tier_id(t), Some("member"));
    let next = t.next_tier.as_ref().unwrap();
    assert_eq!(next.id, "solutions_partner");
    close(next.point_deficit, 0.0);
    assert_eq!(next.unmet_requirements, 1);
}

#[test]
fn capability_score_one_point_short_of_the_pass_mark() {
    let s = load("capability-100.json");
    // 6 × 3 = 18; 6 × 2 = 12; 2 × 5 = 10; 47,500 / 50,000 × 20 = 19; 5 × 2 = 10: 69
    let e = evaluate(&s, &capability_values(6, 6, 2, 47_500.0, 5), "2026-11-25");
    let t = only(&e);
    close(t.total, 69.0);
    assert_eq!(tier_id(t), Some("member"));
    let sp = tier(t, "solutions_partner");
    assert_eq!(sp.score_met, Some(false));
    assert!(sp.requirements[0].met);
    let next = t.next_tier.as_ref().unwrap();
    close(next.point_deficit, 1.0);
    assert_eq!(next.unmet_requirements, 0);

    // After 2026-12-01 the advanced certifications have expired: 10 points and the
    // "above zero" requirement are lost.
    let e = evaluate(&s, &capability_values(6, 6, 2, 47_500.0, 5), "2026-12-02");
    let t = only(&e);
    close(t.total, 59.0);
    assert!(!tier(t, "solutions_partner").requirements[0].met);
}

#[test]
fn capability_shrinking_usage_scores_zero_not_negative() {
    let s = load("capability-100.json");
    // usage growth −5,000 clamps at 0; 10 × 3 + 10 × 2 + 4 × 5 + 0 + 5 × 2 = 80 without it
    let e = evaluate(&s, &capability_values(10, 10, 4, -5_000.0, 5), "2026-11-25");
    let t = only(&e);
    close(criterion(t, "usage_growth").points, 0.0);
    assert_eq!(criterion(t, "usage_growth").explanation, "Usage growth -5,000 of target 50,000 = 0 of 20");
    close(t.total, 80.0);
    assert_eq!(tier_id(t), Some("member"));
}

// ------------------------------------------------------------ README "Program format"

/// The first code block of `kind` after `heading` in the README's "Program format" section.
fn readme_block(heading: &str, kind: &str) -> String {
    let readme = std::fs::read_to_string(format!("{}/README.md", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let section = &readme[readme.find("## Program format").expect("README has a Program format section")..];
    let after = &section[section.find(heading).unwrap_or_else(|| panic!("no {heading}"))..];
    let start = after.find(&format!("```{kind}\n")).unwrap() + kind.len() + 4;
    let end = start + after[start..].find("```").unwrap();
    after[start..end].to_string()
}

#[test]
fn readme_example_program_scores_as_the_readme_says() {
    let s = Scorecard::from_json(&readme_block("### A small complete program", "json")).unwrap_or_else(|e| panic!("{e}"));
    close(s.max_total(0, None), 100.0);
    let profile = json!({"tracks": ["reseller"], "values": {
        "revenue": 250000,
        "certs": [cert("technical", "2025-03-01", "2027-03-01"), cert("sales", "2025-01-01", "2026-12-31"), cert("sales", "2024-07-01", "2026-06-30")],
        "fit": "high"
    }});
    let e = evaluate(&s, &profile, "2026-11-25");
    let t = only(&e);
    // 50 × ln(1 + 250,000/100,000) / ln(11) ≈ 26.12 (default scale: target / 10) + 2 × 10 + 10
    let revenue = 50.0 * 3.5f64.ln() / 11f64.ln();
    close(t.total, revenue + 30.0);
    assert_eq!(format!("{:.2}", t.total), "56.12");
    assert_eq!(criterion(t, "certs").explanation, "2 valid certifications × 10 = 20 of 40 (1 expired, not counted)");
    assert_eq!(tier_id(t), Some("silver"));
    let next = t.next_tier.as_ref().unwrap();
    assert_eq!(format!("{:.2}", next.point_deficit), "13.88");
    assert_eq!(next.unmet_requirements, 1);
    // The referral track drops revenue and triples alignment: 0 + 20 + 30 + referred 250,000 ≥ 200,000 → 30.
    let e = evaluate(&s, &json!({"tracks": ["referral"], "values": profile["values"].clone()}), "2026-11-25");
    close(only(&e).total, 80.0);
}

#[test]
fn readme_example_profile_fits_the_multi_track_program() {
    let s = load("multi-track.json");
    let profile: Value = serde_json::from_str(&readme_block("### Profiles", "json")).unwrap();
    let e = evaluate(&s, &profile, "2026-11-25");
    assert_eq!(e.partner.as_deref(), Some("Nordlicht IT GmbH"));
    assert_eq!(e.region.as_deref(), Some("growth"));
    assert_eq!(e.tracks.len(), 2);
}

#[test]
fn readme_error_examples_are_what_the_engine_prints() {
    let program = r#"{
      "format": 1, "name": "Broken",
      "fields": [{"id": "engineers", "label": "Engineers", "type": "number", "integer": true, "min": 0}],
      "categories": [{"id": "capability", "label": "Capability"}],
      "criteria": [{"id": "eng", "label": "Engineers", "category": "capabilty", "field": "engineers",
                    "rule": {"type": "per_unit", "per": 4, "cap": 20, "max": 3}}],
      "tiers": [{"id": "silver", "label": "Silver", "min_score": 8},
                {"id": "gold", "label": "Gold", "min_score": 16, "requires": [{"certifications": "certs", "min": 2}]}]
    }"#;
    let errors = Scorecard::from_json(program).unwrap_err().to_string();
    let blocks: Vec<String> = {
        let readme = std::fs::read_to_string(format!("{}/README.md", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let errors_section = &readme[readme.find("### Errors").unwrap()..];
        errors_section.split("```text\n").skip(1).map(|b| b[..b.find("```").unwrap()].trim_end().to_string()).collect()
    };
    assert_eq!(errors, blocks[0]);

    let s = Scorecard::from_json(&readme_block("### A small complete program", "json")).unwrap();
    let profile =
        r#"{"region": "emea", "values": {"revenue": "lots", "certs": [{"kind": "technical", "expires": "2026-02-30"}], "colour": 1}}"#;
    assert_eq!(s.profile_from_json(profile).unwrap_err().to_string(), blocks[1]);
}
