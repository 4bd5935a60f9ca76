//! Evaluation on hand-written programs; every expected number is worked out in a comment.

use partner_scorecard::{Date, EvalOptions, Evaluation, Profile, Scorecard};
use serde_json::{json, Value};

/// A JSON literal as the engine's own value type, to compare with values in results.
macro_rules! val {
    ($($json:tt)+) => {
        partner_scorecard::text::value::parse(&json!($($json)+).to_string()).unwrap()
    };
}

const CLOSE: f64 = 1e-9;

fn day(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn on(s: &str) -> EvalOptions {
    EvalOptions::on(day(s))
}

fn profile(scorecard: &Scorecard, value: Value) -> Profile {
    scorecard.profile_from_value(&value).unwrap_or_else(|e| panic!("{e}"))
}

fn eval<'s>(scorecard: &'s Scorecard, value: Value, as_of: &str) -> Evaluation<'s> {
    scorecard.evaluate(&profile(scorecard, value), &on(as_of)).unwrap()
}

#[track_caller]
fn close(actual: f64, expected: f64) {
    assert!((actual - expected).abs() < CLOSE, "{actual} != {expected}");
}

/// Every rule type. Maxima: revenue 25, nps 10 x weight 2 = 20, engineers 20, certs 15,
/// tech_certs 10, csat 15, msp 5, fit 10, industries min(4+3+5, cap 8) = 8; total 128.
/// Categories: performance 45, capability 45, engagement 20, strategic 18.
fn scorecard() -> Scorecard {
    Scorecard::from_value(&json!({
        "format": 1, "id": "every-rule", "name": "Every rule",
        "fields": [
            {"id": "revenue", "label": "Annual revenue", "type": "number", "min": 0},
            {"id": "nps", "label": "Net promoter score", "type": "number", "min": -100, "max": 100},
            {"id": "engineers", "label": "Certified engineers", "type": "number", "integer": true, "min": 0},
            {"id": "csat", "label": "Customer satisfaction", "type": "number", "min": 0, "max": 100},
            {"id": "msp", "label": "Managed services", "type": "boolean"},
            {"id": "fit", "label": "Strategic fit", "type": "choice", "options": [
                {"id": "transactional", "label": "Transactional"}, {"id": "reciprocity", "label": "Reciprocity"},
                {"id": "market_making", "label": "Market making"}, {"id": "market_alignment", "label": "Market alignment"}]},
            {"id": "industries", "label": "Industries", "type": "multi_choice", "options": [
                {"id": "health", "label": "Health"}, {"id": "retail", "label": "Retail"}, {"id": "finance", "label": "Finance"}]},
            {"id": "certs", "label": "Certifications", "type": "certifications", "kinds": [
                {"id": "sales", "label": "Sales"}, {"id": "tech", "label": "Technical"}, {"id": "security", "label": "Security"}]}
        ],
        "categories": [
            {"id": "performance", "label": "Performance"}, {"id": "capability", "label": "Capability"},
            {"id": "engagement", "label": "Engagement"}, {"id": "strategic", "label": "Strategic fit"}
        ],
        "criteria": [
            {"id": "revenue", "label": "Revenue", "category": "performance", "field": "revenue",
             "rule": {"type": "log", "target": 1000000, "points": 25}},
            {"id": "nps", "label": "NPS", "category": "performance", "field": "nps", "weight": 2,
             "rule": {"type": "linear", "from": -20, "target": 50, "points": 10}},
            {"id": "engineers", "label": "Engineers", "category": "capability", "field": "engineers",
             "rule": {"type": "per_unit", "per": 4, "cap": 20}},
            {"id": "certs", "label": "Certifications", "category": "capability", "field": "certs",
             "rule": {"type": "certifications", "per": 3, "cap": 15}},
            {"id": "tech_certs", "label": "Technical certifications", "category": "capability", "field": "certs",
             "rule": {"type": "certifications", "kinds": ["tech", "security"], "per": 5, "cap": 10}},
            {"id": "csat", "label": "CSAT", "category": "engagement", "field": "csat",
             "rule": {"type": "bands", "bands": [{"min": 70, "points": 5}, {"min": 85, "points": 10}, {"min": 95, "points": 15}]}},
            {"id": "msp", "label": "Managed services", "category": "engagement", "field": "msp",
             "rule": {"type": "yes_no", "points": 5}},
            {"id": "fit", "label": "Fit", "category": "strategic", "field": "fit",
             "rule": {"type": "options", "points": {"transactional": 0, "reciprocity": 3, "market_making": 6, "market_alignment": 10}}},
            {"id": "industries", "label": "Industries", "category": "strategic", "field": "industries",
             "rule": {"type": "options", "points": {"health": 4, "retail": 3, "finance": 5}, "cap": 8}}
        ],
        "tiers": [
            {"id": "registered", "label": "Registered", "requires": [{"certifications": "certs", "min": 1}]},
            {"id": "silver", "label": "Silver", "min_score": 40},
            {"id": "gold", "label": "Gold", "min_score": 70, "requires": [
                {"certifications": "certs", "min": 3, "of_which": {"kinds": ["tech", "security"], "min": 2}},
                {"category": "capability", "min_share": 50}]},
            {"id": "platinum", "label": "Platinum", "min_score": 100, "requires": [
                {"all_criteria_above_zero": true},
                {"field": "csat", "op": ">=", "value": 90},
                {"category": "strategic", "min_points": 10}]}
        ]
    }))
    .unwrap()
}

/// Five certifications; on 2026-06-30 exactly three are valid: the sales one expiring that
/// very day (inclusive), the technical one without expiry and the security one expiring
/// 2027. The other technical one expired the day before; the other security one is only
/// earned on 2026-07-01.
fn five_certs() -> Value {
    json!([
        {"kind": "sales", "earned": "2024-01-01", "expires": "2026-06-30"},
        {"kind": "tech", "earned": "2024-01-01", "expires": "2026-06-29"},
        {"kind": "tech", "earned": "2025-03-01"},
        {"kind": "security", "earned": "2026-07-01", "expires": "2028-07-01"},
        {"kind": "security", "expires": "2027-01-01"}
    ])
}

fn gold_partner() -> Value {
    json!({"partner": "Acme", "values": {
        "revenue": 100000, "nps": 15, "engineers": 3, "csat": 88, "msp": true, "fit": "market_making",
        "industries": ["health", "finance"], "certs": five_certs()
    }})
}

#[test]
fn every_rule_type_scores_as_computed_by_hand() {
    let s = scorecard();
    let result = eval(&s, gold_partner(), "2026-06-30");
    let t = &result.tracks[0];
    let points: Vec<(&str, f64)> = t.criteria.iter().map(|c| (c.id, c.points)).collect();
    // log, default scale 1,000,000 / 10 = 100,000: 25 x ln(1 + 1) / ln(1 + 10) = 7.2266...
    let revenue = 25.0 * 2f64.ln() / 11f64.ln();
    close(points[0].1, revenue);
    assert!((revenue - 7.2266).abs() < 1e-4);
    // linear from -20 to 50: (15 + 20) / 70 = 0.5 of 10 = 5, weight 2 -> 10
    close(points[1].1, 10.0);
    // per unit: 3 x 4 = 12 (cap 20)
    close(points[2].1, 12.0);
    // three valid certifications x 3 = 9 (cap 15)
    close(points[3].1, 9.0);
    // technical or security, valid: the open-ended tech and the 2027 security -> 2 x 5 = 10 (cap 10)
    close(points[4].1, 10.0);
    // 88 reaches the 85 band -> 10
    close(points[5].1, 10.0);
    close(points[6].1, 5.0);
    close(points[7].1, 6.0);
    // health 4 + finance 5 = 9, capped at 8
    close(points[8].1, 8.0);
    // 7.2266 + 10 + 12 + 9 + 10 + 10 + 5 + 6 + 8 = 77.2266
    close(t.total, revenue + 70.0);
    assert_eq!(t.max, 128.0);

    let cats: Vec<(&str, f64, f64)> = t.categories.iter().map(|c| (c.id, c.points, c.max)).collect();
    assert_eq!(cats[0].0, "performance");
    close(cats[0].1, revenue + 10.0);
    assert_eq!(cats[0].2, 45.0);
    assert_eq!(cats[1], ("capability", 31.0, 45.0));
    close(t.categories[1].share, 31.0 / 45.0 * 100.0);
    assert_eq!(cats[2], ("engagement", 15.0, 20.0));
    assert_eq!(cats[3], ("strategic", 14.0, 18.0));

    let explanations: Vec<&str> = t.criteria.iter().map(|c| c.explanation.as_str()).collect();
    assert_eq!(
        explanations,
        [
            "Annual revenue 100,000 with diminishing returns, full at 1,000,000 = 7.23 of 25",
            "Net promoter score 15 on a scale from -20 to 50 = 5 of 10, weight × 2 = 10 of 20",
            "3 Certified engineers × 4 = 12 of 20",
            "3 valid certifications × 3 = 9 of 15 (1 expired, not counted)",
            "2 valid certifications (Technical, Security) × 5 = 10 of 10 (1 expired, not counted)",
            "Customer satisfaction 88 reaches the 85+ band = 10 of 15",
            "Managed services: yes = 5 of 5",
            "Strategic fit: Market making = 6 of 10",
            "Industries: Health, Finance = 8 of 8",
        ]
    );
    assert_eq!(t.criteria[3].input, val!(3));
    assert_eq!(t.criteria[4].input, val!(2));
    assert_eq!(t.criteria[7].input, val!("market_making"));
    assert_eq!(t.criteria[8].input, val!(["health", "finance"]));
}

#[test]
fn caps_bands_and_empty_values_at_the_edges() {
    let s = scorecard();
    let t =
        &eval(&s, json!({"values": {"engineers": 7, "csat": 60, "nps": -50, "revenue": 5000000, "msp": false}}), "2026-01-01").tracks[0];
    // 7 x 4 = 28, capped at 20
    assert_eq!(t.criteria[2].points, 20.0);
    assert_eq!(t.criteria[2].explanation, "7 Certified engineers × 4 = 20 of 20");
    // below the lowest band
    assert_eq!(t.criteria[5].points, 0.0);
    assert_eq!(t.criteria[5].explanation, "Customer satisfaction 60 is below the lowest band (70) = 0 of 15");
    // below "from" scores zero, never negative
    assert_eq!(t.criteria[1].points, 0.0);
    // log beyond the target gives the full points, no more
    assert_eq!(t.criteria[0].points, 25.0);
    assert_eq!(t.criteria[6].explanation, "Managed services: no = 0 of 5");
    // exactly on a band threshold reaches it
    let t = &eval(&s, json!({"values": {"csat": 95}}), "2026-01-01").tracks[0];
    assert_eq!(t.criteria[5].points, 15.0);
}

#[test]
fn certifications_are_valid_through_their_expiry_date_and_from_the_day_earned() {
    let s = scorecard();
    let valid_on = |d: &str| {
        let t = eval(&s, json!({"values": {"certs": five_certs()}}), d);
        (t.tracks[0].criteria[3].input.as_f64().unwrap() as u64, t.tracks[0].criteria[4].input.as_f64().unwrap() as u64)
    };
    // 2026-06-29: sales (to 06-30), tech (to 06-29, inclusive), tech (open), security (2027) = 4; 3 of them technical/security
    assert_eq!(valid_on("2026-06-29"), (4, 3));
    assert_eq!(valid_on("2026-06-30"), (3, 2));
    // 2026-07-01: sales has expired; the 2026-07-01 security is earned that day
    assert_eq!(valid_on("2026-07-01"), (3, 3));
    // 2027-01-02: only the open tech and the 2028 security remain
    assert_eq!(valid_on("2027-01-02"), (2, 2));
    let t = eval(&s, json!({"values": {"certs": five_certs()}}), "2027-01-02");
    assert_eq!(t.tracks[0].criteria[3].explanation, "2 valid certifications × 3 = 6 of 15 (3 expired, not counted)");
}

#[test]
fn tiers_requirements_next_tier_and_deficit() {
    let s = scorecard();
    let t = &eval(&s, gold_partner(), "2026-06-30").tracks[0];
    assert_eq!(t.tier.as_ref().unwrap().id, "gold");
    assert_eq!(t.tier.as_ref().unwrap().rank, 3);
    assert_eq!(t.earned_tier, t.tier);
    assert!(t.retention.is_none());

    let checks: Vec<(&str, bool)> = t.tiers.iter().map(|c| (c.id, c.met)).collect();
    assert_eq!(checks, [("registered", true), ("silver", true), ("gold", true), ("platinum", false)]);
    // A checklist tier has no score condition.
    assert_eq!(t.tiers[0].score_met, None);
    assert_eq!(t.tiers[0].requirements[0].description, "At least 1 valid certification");
    assert_eq!(t.tiers[0].requirements[0].actual, val!(3));

    let gold = &t.tiers[2];
    assert_eq!(gold.score_met, Some(true));
    assert_eq!(gold.requirements[0].description, "At least 3 valid certifications, of which 2 Technical or Security");
    assert_eq!(gold.requirements[0].actual, val!("3, of which 2"));
    assert_eq!(gold.requirements[0].needed, val!("3, of which 2"));
    assert!(gold.requirements[0].met);
    // capability 31 of 45 = 68.9% >= 50%
    assert_eq!(gold.requirements[1].description, "Capability: at least 50% of its 45 points");
    close(gold.requirements[1].actual.as_f64().unwrap(), 31.0 / 45.0 * 100.0);
    assert!(gold.requirements[1].met);

    let platinum = &t.tiers[3];
    assert_eq!(platinum.score_met, Some(false));
    let met: Vec<bool> = platinum.requirements.iter().map(|r| r.met).collect();
    // every criterion is above zero; csat 88 < 90; strategic 14 >= 10
    assert_eq!(met, [true, false, true]);
    assert_eq!(platinum.requirements[1].description, "Customer satisfaction at least 90");
    assert_eq!(platinum.requirements[1].actual, val!(88.0));
    assert_eq!(platinum.requirements[2].actual, val!(14.0));

    let next = t.next_tier.as_ref().unwrap();
    assert_eq!((next.id, next.rank, next.unmet_requirements), ("platinum", 4, 1));
    // 100 - 77.2266 = 22.7734
    close(next.point_deficit, 100.0 - (25.0 * 2f64.ln() / 11f64.ln() + 70.0));
}

#[test]
fn one_missing_kind_of_certification_keeps_a_partner_below_gold() {
    let s = scorecard();
    // As the gold partner, but on 2026-06-28 (before the tech cert expired) with only one
    // technical/security cert: drop the open tech and 2027 security, keep sales + expired tech.
    let mut p = gold_partner();
    p["values"]["certs"] = json!([
        {"kind": "sales"}, {"kind": "sales"}, {"kind": "tech", "expires": "2026-06-29"}
    ]);
    p["values"]["engineers"] = json!(5);
    let t = &eval(&s, p, "2026-06-29").tracks[0];
    // revenue 7.2266 + nps 10 + engineers 20 + certs 3 x 3 = 9 + tech 1 x 5 = 5 + 10 + 5 + 6 + 8 = 80.2266
    close(t.total, 25.0 * 2f64.ln() / 11f64.ln() + 73.0);
    assert_eq!(t.tier.as_ref().unwrap().id, "silver");
    assert_eq!(t.tiers[2].requirements[0].actual, val!("3, of which 1"));
    assert!(!t.tiers[2].requirements[0].met);
    let next = t.next_tier.as_ref().unwrap();
    assert_eq!((next.id, next.point_deficit, next.unmet_requirements), ("gold", 0.0, 1));
}

#[test]
fn every_criterion_above_zero_names_the_ones_at_zero() {
    let s = scorecard();
    // Maximum everywhere: 25 + 20 + 20 + 15 + 10 + 15 + 5 + 10 + 8 = 128.
    let certs = json!([{"kind": "tech"}, {"kind": "tech"}, {"kind": "security"}, {"kind": "security"}, {"kind": "sales"}]);
    let top = json!({"values": {"revenue": 1000000, "nps": 50, "engineers": 5, "csat": 96, "msp": true,
        "fit": "market_alignment", "industries": ["health", "retail", "finance"], "certs": certs}});
    let t = &eval(&s, top.clone(), "2026-06-30").tracks[0];
    assert_eq!(t.total, 128.0);
    assert_eq!(t.tier.as_ref().unwrap().id, "platinum");
    assert!(t.next_tier.is_none());

    let mut no_msp = top;
    no_msp["values"]["msp"] = json!(false);
    let t = &eval(&s, no_msp, "2026-06-30").tracks[0];
    // 128 - 5 = 123 >= 100, but managed services scores zero
    assert_eq!(t.total, 123.0);
    assert_eq!(t.tier.as_ref().unwrap().id, "gold");
    let req = &t.tiers[3].requirements[0];
    assert!(!req.met);
    assert_eq!(req.description, "Every criterion above zero (at zero: Managed services)");
    assert_eq!((req.actual.clone(), req.needed.clone()), (val!(8), val!(9)));
    let next = t.next_tier.as_ref().unwrap();
    assert_eq!((next.id, next.point_deficit, next.unmet_requirements), ("platinum", 0.0, 1));
}

#[test]
fn unranked_and_checklist_tiers() {
    let s = scorecard();
    let t = &eval(&s, json!({}), "2026-06-30").tracks[0];
    assert!(t.tier.is_none() && t.earned_tier.is_none());
    let next = t.next_tier.as_ref().unwrap();
    // The first tier has no minimum score: nothing in points is missing, one requirement is.
    assert_eq!((next.id, next.min_score, next.point_deficit, next.unmet_requirements), ("registered", None, 0.0, 1));

    // Silver needs only 40 points, not the Registered checklist: a partner holds the
    // highest tier whose own conditions hold. engineers 20 + csat 15 + msp 5 = 40.
    let t = &eval(&s, json!({"values": {"engineers": 5, "csat": 95, "msp": true}}), "2026-06-30").tracks[0];
    assert_eq!(t.total, 40.0);
    assert_eq!(t.tier.as_ref().unwrap().id, "silver");
    assert!(!t.tiers[0].met);
}

/// A checklist program like several large vendors publish: no points at all.
#[test]
fn a_program_of_checklists_only() {
    let s = Scorecard::from_value(&json!({
        "format": 1, "id": "checklist", "name": "Checklist",
        "fields": [
            {"id": "employees", "label": "Employees", "type": "number", "integer": true, "min": 0},
            {"id": "msp", "label": "Managed services", "type": "boolean"},
            {"id": "segment", "label": "Segment", "type": "choice", "options": [
                {"id": "smb", "label": "SMB"}, {"id": "enterprise", "label": "Enterprise"}, {"id": "public", "label": "Public sector"}]},
            {"id": "industries", "label": "Industries", "type": "multi_choice", "options": [
                {"id": "health", "label": "Health"}, {"id": "retail", "label": "Retail"}]},
            {"id": "joined", "label": "Partner since", "type": "date"},
            {"id": "certs", "label": "Certifications", "type": "certifications", "kinds": [
                {"id": "sales", "label": "Sales"}, {"id": "tech", "label": "Technical"}]}
        ],
        "tiers": [
            {"id": "member", "label": "Member", "requires": [{"field": "employees", "op": ">=", "value": 1}]},
            {"id": "select", "label": "Select", "requires": [
                {"certifications": "certs", "min": 2},
                {"field": "msp", "op": "=", "value": true},
                {"field": "segment", "op": "one_of", "value": ["enterprise", "public"]}]},
            {"id": "premier", "label": "Premier", "requires": [
                {"certifications": "certs", "min": 4, "of_which": {"kinds": ["tech"], "min": 2}},
                {"field": "industries", "op": "includes", "value": ["health"]},
                {"field": "joined", "op": "<=", "value": "2024-12-31"},
                {"field": "employees", "op": "<=", "value": 5000, "label": "No more than 5,000 employees"}]}
        ]
    }))
    .unwrap();
    let mut p = json!({"values": {"employees": 50, "msp": true, "segment": "enterprise", "industries": ["health", "retail"],
        "joined": "2020-01-01", "certs": [{"kind": "sales"}, {"kind": "sales"}, {"kind": "sales"}, {"kind": "tech"}]}});
    let t = &eval(&s, p.clone(), "2026-06-30").tracks[0];
    assert_eq!((t.total, t.max), (0.0, 0.0));
    assert_eq!(t.tier.as_ref().unwrap().id, "select");
    let premier = &t.tiers[2];
    assert_eq!(premier.score_met, None);
    let met: Vec<bool> = premier.requirements.iter().map(|r| r.met).collect();
    assert_eq!(met, [false, true, true, true]);
    assert_eq!(premier.requirements[0].actual, val!("4, of which 1"));
    assert_eq!(premier.requirements[1].description, "Industries include Health");
    assert_eq!(premier.requirements[2].description, "Partner since at most 2024-12-31");
    assert_eq!(premier.requirements[3].description, "No more than 5,000 employees");
    assert_eq!(t.tiers[1].requirements[2].description, "Segment: one of Enterprise, Public sector");

    p["values"]["certs"].as_array_mut().unwrap().push(json!({"kind": "tech"}));
    assert_eq!(eval(&s, p.clone(), "2026-06-30").tracks[0].tier.as_ref().unwrap().id, "premier");
    p["values"]["segment"] = json!("smb");
    // Select fails on the segment, but Premier's own conditions all hold.
    assert_eq!(eval(&s, p.clone(), "2026-06-30").tracks[0].tier.as_ref().unwrap().id, "premier");
    p["values"]["joined"] = json!("2025-01-01");
    assert_eq!(eval(&s, p, "2026-06-30").tracks[0].tier.as_ref().unwrap().id, "member");
}

/// revenue: linear to 100 for 50 points; engineers: 10 each, at most 50. Max 100.
/// Track "msp" halves revenue and stretches its target to 200, adds recurring revenue
/// (linear to 50 for 25 points) and lowers gold to 60. Track "referral" drops engineers and
/// lowers both tiers. Region "growth" reaches full revenue at 50 and lowers silver to 30.
fn variants() -> Scorecard {
    Scorecard::from_value(&json!({
        "format": 1, "id": "variants", "name": "Variants",
        "fields": [
            {"id": "revenue", "label": "Revenue (k)", "type": "number", "min": 0},
            {"id": "engineers", "label": "Engineers", "type": "number", "integer": true, "min": 0},
            {"id": "mrr", "label": "Recurring revenue (k)", "type": "number", "min": 0}
        ],
        "categories": [{"id": "performance", "label": "Performance"}, {"id": "capability", "label": "Capability"}],
        "criteria": [
            {"id": "revenue", "label": "Revenue", "category": "performance", "field": "revenue",
             "rule": {"type": "linear", "target": 100, "points": 50}},
            {"id": "engineers", "label": "Engineers", "category": "capability", "field": "engineers",
             "rule": {"type": "per_unit", "per": 10, "cap": 50}}
        ],
        "tiers": [
            {"id": "silver", "label": "Silver", "min_score": 40},
            {"id": "gold", "label": "Gold", "min_score": 70, "requires": [{"field": "engineers", "op": ">=", "value": 2}]}
        ],
        "tracks": [
            {"id": "reseller", "label": "Reseller"},
            {"id": "msp", "label": "Managed services",
             "criteria": {"revenue": {"weight": 0.5, "rule": {"target": 200}}},
             "add_criteria": [{"id": "mrr", "label": "Recurring revenue", "category": "performance", "field": "mrr",
                               "rule": {"type": "linear", "target": 50, "points": 25}}],
             "tiers": {"gold": {"min_score": 60}}},
            {"id": "referral", "label": "Referral",
             "criteria": {"engineers": null},
             "tiers": {"silver": {"min_score": 20}, "gold": {"min_score": 40, "requires": []}}}
        ],
        "regions": [{"id": "growth", "label": "Growth markets",
                     "criteria": {"revenue": {"rule": {"target": 50}}},
                     "tiers": {"silver": {"min_score": 30}}}]
    }))
    .unwrap()
}

#[test]
fn tracks_patch_weights_targets_criteria_and_tiers() {
    let s = variants();
    let r = eval(&s, json!({"values": {"revenue": 80, "engineers": 3, "mrr": 20}}), "2026-06-30");
    let summary: Vec<(Option<&str>, f64, f64, Option<&str>)> =
        r.tracks.iter().map(|t| (t.track.as_deref(), t.total, t.max, t.tier.as_ref().map(|x| x.id.as_str()))).collect();
    assert_eq!(
        summary,
        [
            // 50 x 80/100 = 40 + 3 x 10 = 30 -> 70 of 100: gold (70, engineers >= 2)
            (Some("reseller"), 70.0, 100.0, Some("gold")),
            // 0.5 x 50 x 80/200 = 10 + 30 + mrr 25 x 20/50 = 10 -> 50 of 25 + 50 + 25 = 100: silver (gold needs 60)
            (Some("msp"), 50.0, 100.0, Some("silver")),
            // engineers dropped: 40 of 50; gold lowered to 40 without requirements
            (Some("referral"), 40.0, 50.0, Some("gold")),
        ]
    );
    let msp = &r.tracks[1];
    assert_eq!(msp.criteria.iter().map(|c| c.id).collect::<Vec<_>>(), ["revenue", "engineers", "mrr"]);
    assert_eq!(msp.criteria[0].explanation, "Revenue (k) 80 of target 200 = 20 of 50, weight × 0.5 = 10 of 25");
    assert_eq!(msp.next_tier.as_ref().unwrap().point_deficit, 10.0);
    assert!(r.tracks[2].tiers[1].requirements.is_empty());
    // Best across tracks: gold in reseller (70) and referral (40); the higher total wins.
    let best = r.best.as_ref().unwrap();
    assert_eq!((best.track.as_deref(), best.tier.id.as_str()), (Some("reseller"), "gold"));

    // A profile naming its tracks is evaluated on those only.
    let r = eval(&s, json!({"tracks": ["msp"], "values": {"revenue": 80}}), "2026-06-30");
    assert_eq!(r.tracks.len(), 1);
    assert_eq!(r.tracks[0].track.as_deref(), Some("msp"));
    // ... and the options may pick one track.
    let p = profile(&s, json!({"values": {"revenue": 80}}));
    let mut options = on("2026-06-30");
    options.track = Some("referral".into());
    let r = s.evaluate(&p, &options).unwrap();
    assert_eq!(r.tracks.len(), 1);
    assert_eq!(r.tracks[0].total, 40.0);
}

#[test]
fn regions_patch_targets_and_tier_minimums() {
    let s = variants();
    // revenue 30: 50 x 30/100 = 15, unranked; in growth markets 50 x 30/50 = 30 >= silver 30.
    let base = eval(&s, json!({"tracks": ["reseller"], "values": {"revenue": 30}}), "2026-06-30");
    assert_eq!((base.tracks[0].total, base.tracks[0].tier.is_none()), (15.0, true));
    let growth = eval(&s, json!({"tracks": ["reseller"], "region": "growth", "values": {"revenue": 30}}), "2026-06-30");
    assert_eq!(growth.region.as_deref(), Some("growth"));
    assert_eq!(growth.tracks[0].total, 30.0);
    assert_eq!(growth.tracks[0].tier.as_ref().unwrap().id, "silver");
    assert_eq!(growth.tracks[0].tiers[0].min_score, Some(30.0));

    // Region over track: msp sets revenue's target to 200, growth to 50 (the region is
    // applied after the track); weight 0.5 stays. revenue 80 -> 0.5 x 50 = 25, engineers 3 -> 30,
    // mrr 20 -> 10: 65 >= msp's gold 60.
    let r = eval(&s, json!({"tracks": ["msp"], "region": "growth", "values": {"revenue": 80, "engineers": 3, "mrr": 20}}), "2026-06-30");
    assert_eq!(r.tracks[0].total, 65.0);
    assert_eq!(r.tracks[0].tier.as_ref().unwrap().id, "gold");

    // Options can override the profile's region.
    let p = profile(&s, json!({"tracks": ["reseller"], "values": {"revenue": 30}}));
    let mut options = on("2026-06-30");
    options.region = Some("growth".into());
    assert_eq!(s.evaluate(&p, &options).unwrap().tracks[0].total, 30.0);
}

#[test]
fn alternative_paths_take_the_best_total() {
    // "sell": revenue to 100 for 60 + 10 per engineer up to 40. "service": revenue at half
    // weight (max 30) + 20 per engineer up to 70. Both max 100.
    let s = Scorecard::from_value(&json!({
        "format": 1, "id": "paths", "name": "Paths",
        "fields": [{"id": "revenue", "label": "Revenue", "type": "number", "min": 0},
                   {"id": "engineers", "label": "Engineers", "type": "number", "min": 0}],
        "categories": [{"id": "all", "label": "All"}],
        "criteria": [
            {"id": "revenue", "label": "Revenue", "category": "all", "field": "revenue", "rule": {"type": "linear", "target": 100, "points": 60}},
            {"id": "engineers", "label": "Engineers", "category": "all", "field": "engineers", "rule": {"type": "per_unit", "per": 10, "cap": 40}}
        ],
        "tiers": [{"id": "silver", "label": "Silver", "min_score": 50}, {"id": "gold", "label": "Gold", "min_score": 70}],
        "paths": [
            {"id": "sell", "label": "Sell"},
            {"id": "service", "label": "Service", "criteria": {"revenue": {"weight": 0.5}, "engineers": {"rule": {"per": 20, "cap": 70}}}}
        ]
    }))
    .unwrap();
    // revenue 50, 3 engineers: sell 30 + 30 = 60; service 15 + 60 = 75 -> service counts, gold.
    let t = &eval(&s, json!({"values": {"revenue": 50, "engineers": 3}}), "2026-06-30").tracks[0];
    assert_eq!(t.path.as_deref(), Some("service"));
    assert_eq!(t.total, 75.0);
    assert_eq!(t.tier.as_ref().unwrap().id, "gold");
    let totals: Vec<(&str, f64, f64)> = t.path_totals.iter().map(|p| (p.path.as_str(), p.total, p.max)).collect();
    assert_eq!(totals, [("sell", 60.0, 100.0), ("service", 75.0, 100.0)]);
    assert_eq!(t.criteria[1].points, 60.0);
    // revenue 100, 1 engineer: sell 60 + 10 = 70; service 30 + 20 = 50 -> sell, gold.
    let t = &eval(&s, json!({"values": {"revenue": 100, "engineers": 1}}), "2026-06-30").tracks[0];
    assert_eq!((t.path.as_deref(), t.total), (Some("sell"), 70.0));
    // A tie goes to the first path.
    let t = &eval(&s, json!({}), "2026-06-30").tracks[0];
    assert_eq!((t.path.as_deref(), t.total), (Some("sell"), 0.0));
    // The compact score takes the same path.
    let p = profile(&s, json!({"values": {"revenue": 50, "engineers": 3}}));
    let compact = s.score(&p, &on("2026-06-30")).unwrap();
    assert_eq!((compact[0].total, compact[0].tier), (75.0, Some(1)));
}

#[test]
fn paths_change_tiers_and_add_criteria_and_the_best_tier_counts() {
    // "standard": revenue to 100 for 100 points; gold needs 70. "specialist" adds an
    // engineers criterion (25 per engineer, cap 100) and lowers gold to 60 but adds the
    // requirement of at least 2 engineers.
    let s = Scorecard::from_value(&json!({
        "format": 1, "id": "paths", "name": "Paths",
        "fields": [{"id": "revenue", "label": "Revenue", "type": "number", "min": 0},
                   {"id": "engineers", "label": "Engineers", "type": "number", "min": 0, "integer": true}],
        "categories": [{"id": "all", "label": "All"}],
        "criteria": [{"id": "revenue", "label": "Revenue", "category": "all", "field": "revenue", "rule": {"type": "linear", "target": 100, "points": 100}}],
        "tiers": [{"id": "silver", "label": "Silver", "min_score": 40}, {"id": "gold", "label": "Gold", "min_score": 70}],
        "paths": [
            {"id": "standard", "label": "Standard"},
            {"id": "specialist", "label": "Specialist",
             "criteria": {"revenue": {"weight": 0.5}},
             "add_criteria": [{"id": "engineers", "label": "Engineers", "category": "all", "field": "engineers", "rule": {"type": "per_unit", "per": 25, "cap": 100}}],
             "tiers": {"gold": {"min_score": 60, "requires": [{"field": "engineers", "op": ">=", "value": 2}]}}}
        ]
    }))
    .unwrap();
    // revenue 50, 1 engineer: standard 50 (silver); specialist 25 + 25 = 50, gold needs 2
    // engineers -> silver on both, equal totals: the first path.
    let t = &eval(&s, json!({"values": {"revenue": 50, "engineers": 1}}), "2026-06-30").tracks[0];
    assert_eq!((t.path.as_deref(), t.total, t.tier.as_ref().unwrap().id.as_str()), (Some("standard"), 50.0, "silver"));
    // revenue 60, 2 engineers: standard 60 (silver); specialist 30 + 50 = 80, 2 engineers:
    // gold under its own 60-point minimum.
    let t = &eval(&s, json!({"values": {"revenue": 60, "engineers": 2}}), "2026-06-30").tracks[0];
    assert_eq!((t.path.as_deref(), t.total, t.tier.as_ref().unwrap().id.as_str()), (Some("specialist"), 80.0, "gold"));
    // Revenue 69, no engineers: standard 69 (silver) beats specialist 34.5 (unranked).
    let t = &eval(&s, json!({"values": {"revenue": 69}}), "2026-06-30").tracks[0];
    assert_eq!((t.path.as_deref(), t.total), (Some("standard"), 69.0));
    // Revenue 0, 3 engineers -> standard 0 (unranked); specialist 0 + 75 = 75, gold.
    let t = &eval(&s, json!({"values": {"revenue": 0, "engineers": 3}}), "2026-06-30").tracks[0];
    assert_eq!((t.path.as_deref(), t.total, t.tier.as_ref().unwrap().id.as_str()), (Some("specialist"), 75.0, "gold"));
    let p = profile(&s, json!({"values": {"revenue": 0, "engineers": 3}}));
    assert_eq!(s.score(&p, &on("2026-06-30")).unwrap()[0].tier, Some(1));

    // Plans search every path with its own tiers. Revenue 0, 2 engineers: specialist 50,
    // silver. Gold on the standard path: revenue 0 -> 70 at 10/100 a unit = 7; on the
    // specialist path (60 points, 2 engineers held): revenue 0 -> 20 (+10 points) = 2, or a
    // third engineer (+25) at 10/4 = 2.5. Least effort: revenue to 20 on the specialist path.
    let p = profile(&s, json!({"values": {"revenue": 0, "engineers": 2}}));
    let report = s.gaps(&p, &partner_scorecard::analysis::gap::GapOptions::on(day("2026-06-30"))).unwrap();
    let plan = report.tracks[0].plan.as_ref().unwrap();
    assert_eq!((plan.path.as_deref(), plan.effort, plan.total_after, plan.tier_after.id.as_str()), (Some("specialist"), 2.0, 60.0, "gold"));
    assert_eq!(plan.changes.iter().map(|c| c.field.as_str()).collect::<Vec<_>>(), ["revenue"]);

    // A path whose higher total earns a lower tier does not count. "wide" gives 2 points a
    // unit of revenue (cap 200) but gold there needs 3 engineers: revenue 50, 2 engineers ->
    // wide 100 + 50 = 150, silver (gold lacks an engineer); specialist 25 + 50 = 75, gold.
    let program = json!({
        "format": 1, "id": "paths", "name": "Paths",
        "fields": [{"id": "revenue", "label": "Revenue", "type": "number", "min": 0},
                   {"id": "engineers", "label": "Engineers", "type": "number", "min": 0, "integer": true}],
        "categories": [{"id": "all", "label": "All"}],
        "criteria": [{"id": "revenue", "label": "Revenue", "category": "all", "field": "revenue", "rule": {"type": "per_unit", "per": 1, "cap": 100}},
                     {"id": "engineers", "label": "Engineers", "category": "all", "field": "engineers", "rule": {"type": "per_unit", "per": 25, "cap": 100}}],
        "tiers": [{"id": "silver", "label": "Silver", "min_score": 40},
                  {"id": "gold", "label": "Gold", "min_score": 70, "requires": [{"field": "engineers", "op": ">=", "value": 2}]}],
        "paths": [
            {"id": "specialist", "label": "Specialist", "criteria": {"revenue": {"weight": 0.5}}},
            {"id": "wide", "label": "Wide", "criteria": {"revenue": {"rule": {"per": 2, "cap": 200}}},
             "tiers": {"gold": {"requires": [{"field": "engineers", "op": ">=", "value": 3}]}}}
        ]
    });
    let s = Scorecard::from_value(&program).unwrap();
    let t = &eval(&s, json!({"values": {"revenue": 50, "engineers": 2}}), "2026-06-30").tracks[0];
    let totals: Vec<(&str, f64)> = t.path_totals.iter().map(|p| (p.path.as_str(), p.total)).collect();
    assert_eq!(totals, [("specialist", 75.0), ("wide", 150.0)]);
    assert_eq!((t.path.as_deref(), t.total, t.tier.as_ref().unwrap().id.as_str()), (Some("specialist"), 75.0, "gold"));
}

/// revenue to 100 for 100 points; silver 40, gold 70.
fn retention_program(retention: Value) -> Scorecard {
    Scorecard::from_value(&json!({
        "format": 1, "id": "retention", "name": "Retention", "retention": retention,
        "fields": [{"id": "revenue", "label": "Revenue", "type": "number", "min": 0}],
        "categories": [{"id": "all", "label": "All"}],
        "criteria": [{"id": "revenue", "label": "Revenue", "category": "all", "field": "revenue",
                      "rule": {"type": "linear", "target": 100, "points": 100}}],
        "tiers": [{"id": "silver", "label": "Silver", "min_score": 40}, {"id": "gold", "label": "Gold", "min_score": 70}]
    }))
    .unwrap()
}

fn holding_gold(revenue: f64, short_since: Option<&str>) -> Value {
    let mut held = json!({"tier": "gold", "since": "2025-01-15"});
    if let Some(d) = short_since {
        held["short_since"] = json!(d);
    }
    json!({"current_tiers": [held], "values": {"revenue": revenue}})
}

fn held(s: &Scorecard, p: Value, as_of: &str) -> (Option<String>, Option<String>, Option<String>) {
    let r = eval(s, p, as_of);
    let t = &r.tracks[0];
    (t.tier.as_ref().map(|x| x.id.clone()), t.earned_tier.as_ref().map(|x| x.id.clone()), t.retention.as_ref().map(|x| x.message.clone()))
}

#[test]
fn grace_period_retention() {
    let s = retention_program(json!({"grace_days": 90}));
    // Short since 2026-05-01: 2026-05-01 + 90 days = 2026-07-30 (May 31 is +30, June 30 +60, July 30 +90).
    let r = eval(&s, holding_gold(50.0, Some("2026-05-01")), "2026-06-30");
    let t = &r.tracks[0];
    assert_eq!(t.tier.as_ref().unwrap().id, "gold");
    assert_eq!(t.earned_tier.as_ref().unwrap().id, "silver");
    let retention = t.retention.as_ref().unwrap();
    assert_eq!(retention.until, day("2026-07-30"));
    assert_eq!(retention.message, "Gold held by grace until 2026-07-30; without it: Silver");
    // The next tier is measured from what the profile earns: gold, 20 points short.
    assert_eq!(t.next_tier.as_ref().unwrap().id, "gold");
    assert_eq!(t.next_tier.as_ref().unwrap().point_deficit, 20.0);
    // The last day of grace still counts; the day after, the earned tier applies.
    assert_eq!(held(&s, holding_gold(50.0, Some("2026-05-01")), "2026-07-30").0.as_deref(), Some("gold"));
    assert_eq!(held(&s, holding_gold(50.0, Some("2026-05-01")), "2026-07-31"), (Some("silver".into()), Some("silver".into()), None));
    // Without a date for falling short, grace starts today: 2026-06-30 + 90 = 2026-09-28.
    let r = eval(&s, holding_gold(10.0, None), "2026-06-30");
    assert_eq!(r.tracks[0].retention.as_ref().unwrap().message, "Gold held by grace until 2026-09-28; without it: unranked");
    // Qualifying again needs no grace.
    assert_eq!(held(&s, holding_gold(80.0, Some("2026-05-01")), "2026-06-30"), (Some("gold".into()), Some("gold".into()), None));
    // The compact score agrees.
    let p = profile(&s, holding_gold(50.0, Some("2026-05-01")));
    let c = s.score(&p, &on("2026-06-30")).unwrap()[0];
    assert_eq!((c.tier, c.earned_tier, c.held_by_retention), (Some(1), Some(0), true));
    let c = s.score(&p, &on("2026-07-31")).unwrap()[0];
    assert_eq!((c.tier, c.earned_tier, c.held_by_retention), (Some(0), Some(0), false));
}

#[test]
fn anniversary_retention() {
    let s = retention_program(json!({"until_anniversary": "07-01"}));
    // No mid-year demotion: held until the next 1 July.
    let r = eval(&s, holding_gold(50.0, None), "2026-03-15");
    let retention = r.tracks[0].retention.as_ref().unwrap();
    assert_eq!(retention.until, day("2026-07-01"));
    assert_eq!(retention.message, "Gold held until the program anniversary on 2026-07-01; without it: Silver");
    assert_eq!(r.tracks[0].tier.as_ref().unwrap().id, "gold");
    // The review day demotes.
    assert_eq!(held(&s, holding_gold(50.0, None), "2026-07-01"), (Some("silver".into()), Some("silver".into()), None));
    // Falling short on 2026-05-01 means the 2026-07-01 review demotes, even when the
    // evaluation happens later in the year.
    assert_eq!(held(&s, holding_gold(50.0, Some("2026-05-01")), "2026-06-30").0.as_deref(), Some("gold"));
    assert_eq!(held(&s, holding_gold(50.0, Some("2026-05-01")), "2026-08-01"), (Some("silver".into()), Some("silver".into()), None));
    // Falling short after the review keeps the tier to the next one.
    let r = eval(&s, holding_gold(50.0, Some("2026-07-02")), "2026-12-01");
    assert_eq!(r.tracks[0].retention.as_ref().unwrap().until, day("2027-07-01"));
    // Promotion is immediate: a silver partner earning gold mid-year holds gold.
    let p = json!({"current_tiers": [{"tier": "silver", "since": "2025-07-01"}], "values": {"revenue": 75}});
    assert_eq!(held(&s, p, "2026-03-15"), (Some("gold".into()), Some("gold".into()), None));
}

#[test]
fn a_result_depends_only_on_its_inputs_not_on_earlier_calls() {
    // The engine reuses buffers between evaluations: an earlier call with another profile,
    // date or track must leave no trace. The gold partner scores the hand-worked
    // 7.2266 + 70 = 77.23 of every_rule_type_scores_as_computed_by_hand before and after.
    let program = scorecard();
    let gold = profile(&program, gold_partner());
    fn total(program: &Scorecard, p: &partner_scorecard::Profile) -> f64 {
        program.evaluate(p, &on("2026-06-30")).unwrap().tracks[0].total
    }
    let expected = 25.0 * 2f64.ln() / 11f64.ln() + 70.0;
    close(total(&program, &gold), expected);
    // In between: an empty profile (0 points) and the gold partner ten years on, when every
    // certification has expired and the tier is lost.
    assert_eq!(total(&program, &program.empty_profile()), 0.0);
    let later = program.evaluate(&gold, &on("2036-06-30")).unwrap();
    assert!(later.tracks[0].total < expected - 9.0, "{}", later.tracks[0].total);
    close(total(&program, &gold), expected);
    // A second preparation of the same program gives the same total.
    close(total(&scorecard(), &gold), expected);

    // With regional variants: the growth region's result, before and after the base program's.
    let s = variants();
    let growth = profile(&s, json!({"region": "growth", "values": {"revenue": 30}}));
    let base = profile(&s, json!({"values": {"revenue": 30}}));
    let first = s.evaluate(&growth, &on("2026-06-30")).unwrap().tracks[0].total;
    let other = s.evaluate(&base, &on("2026-06-30")).unwrap().tracks[0].total;
    assert_ne!(first, other, "the regions score differently, so a leak would show");
    assert_eq!(s.evaluate(&growth, &on("2026-06-30")).unwrap().tracks[0].total, first);
}

#[test]
fn compact_score_agrees_with_full_evaluation() {
    let every = scorecard();
    let variants = variants();
    let grace = retention_program(json!({"grace_days": 30}));
    let cases: Vec<(&Scorecard, Value)> = vec![
        (&every, gold_partner()),
        (&every, json!({})),
        (&every, json!({"values": {"engineers": 5, "csat": 95, "msp": true}})),
        (
            &every,
            json!({"values": {"revenue": 1000000, "nps": 50, "engineers": 5, "csat": 96, "msp": true, "fit": "market_alignment",
            "industries": ["health"], "certs": [{"kind": "tech"}, {"kind": "tech"}, {"kind": "sales"}]}}),
        ),
        (&variants, json!({"values": {"revenue": 80, "engineers": 3, "mrr": 20}})),
        (&variants, json!({"region": "growth", "values": {"revenue": 30, "engineers": 1}})),
        (&variants, json!({"tracks": ["referral", "msp"], "values": {"revenue": 100, "mrr": 50}})),
        (&grace, holding_gold(50.0, Some("2026-06-15"))),
        (&grace, holding_gold(50.0, Some("2026-01-01"))),
    ];
    for (s, value) in cases {
        let p = profile(s, value.clone());
        for date in ["2026-06-30", "2026-07-01", "2027-01-02"] {
            let full = s.evaluate(&p, &on(date)).unwrap();
            let compact = s.score(&p, &on(date)).unwrap();
            assert_eq!(full.tracks.len(), compact.len(), "{value}");
            for (f, c) in full.tracks.iter().zip(&compact) {
                assert_eq!(f.total, c.total, "{value} on {date}");
                assert_eq!(f.tier.as_ref().map(|t| t.rank - 1), c.tier, "{value} on {date}");
                assert_eq!(f.earned_tier.as_ref().map(|t| t.rank - 1), c.earned_tier, "{value} on {date}");
                assert_eq!(f.retention.is_some(), c.held_by_retention, "{value} on {date}");
            }
        }
    }
}

/// A checklist program (tiers reached by their requirements, no criteria) says that there is
/// no score, rather than "0 of 0"; a program with criteria says it has one, even at 0 points.
#[test]
fn a_checklist_program_says_it_has_no_score() {
    let checklist = Scorecard::from_value(&json!({
        "format": 1, "name": "Checklist",
        "fields": [{"id": "signed", "label": "Agreement signed", "type": "boolean"}],
        "tiers": [{"id": "member", "label": "Member", "requires": [{"field": "signed", "op": "=", "value": true}]}]
    }))
    .unwrap();
    let ev = eval(&checklist, json!({"values": {"signed": true}}), "2026-06-01");
    let track = &ev.tracks[0];
    assert!(!track.scored);
    assert_eq!((track.total, track.max), (0.0, 0.0));
    assert_eq!(track.tier.as_ref().map(|t| t.id.as_str()), Some("member"));

    let scored = Scorecard::from_value(&json!({
        "format": 1, "name": "Scored",
        "fields": [{"id": "n", "label": "N", "type": "number"}],
        "categories": [{"id": "c", "label": "C"}],
        "criteria": [{"id": "n", "label": "N", "category": "c", "field": "n", "rule": {"type": "per_unit", "per": 1, "cap": 5}}],
        "tiers": [{"id": "t", "label": "T", "min_score": 3}]
    }))
    .unwrap();
    let ev = eval(&scored, json!({"values": {}}), "2026-06-01");
    assert!(ev.tracks[0].scored);
    assert_eq!((ev.tracks[0].total, ev.tracks[0].max), (0.0, 5.0));
}

/// A category-weighted index: performance 50 %, capability 30 %, engagement 20 %, on a
/// 0-10 scale. Raw maxima: performance 40 (revenue) + 20 (deals) = 60, capability 25,
/// engagement 10.
fn index_program() -> Value {
    json!({
        "format": 1, "id": "index", "name": "Index", "score_scale": 10,
        "fields": [{"id": "revenue", "label": "Revenue", "type": "number", "min": 0},
                   {"id": "deals", "label": "Deals", "type": "number", "min": 0, "integer": true},
                   {"id": "engineers", "label": "Engineers", "type": "number", "min": 0, "integer": true},
                   {"id": "plan", "label": "Plan", "type": "boolean"}],
        "categories": [{"id": "performance", "label": "Performance", "weight": 50},
                       {"id": "capability", "label": "Capability", "weight": 30},
                       {"id": "engagement", "label": "Engagement", "weight": 20}],
        "criteria": [
            {"id": "revenue", "label": "Revenue", "category": "performance", "field": "revenue", "rule": {"type": "linear", "target": 100, "points": 40}},
            {"id": "deals", "label": "Deals", "category": "performance", "field": "deals", "rule": {"type": "per_unit", "per": 2, "cap": 20}},
            {"id": "engineers", "label": "Engineers", "category": "capability", "field": "engineers", "rule": {"type": "per_unit", "per": 5, "cap": 25}},
            {"id": "plan", "label": "Plan", "category": "engagement", "field": "plan", "rule": {"type": "yes_no", "points": 10}}
        ],
        "tiers": [{"id": "silver", "label": "Silver", "min_score": 4},
                  {"id": "gold", "label": "Gold", "min_score": 7, "requires": [{"category": "capability", "min_share": 80}]}]
    })
}

#[test]
fn category_weights_make_a_weighted_index_on_the_programs_scale() {
    let s = Scorecard::from_value(&index_program()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.form().max_score, 10.0);
    // Revenue 50 (20 of 40), deals 5 (10 of 20), 3 engineers (15 of 25), no plan. Shares:
    // performance 30/60 = 50 %, capability 15/25 = 60 %, engagement 0 %. Index:
    // 10 × (50 × 0.5 + 30 × 0.6 + 20 × 0) / 100 = 4.3: silver.
    let r = eval(&s, json!({"values": {"revenue": 50, "deals": 5, "engineers": 3, "plan": false}}), "2026-06-30");
    let t = &r.tracks[0];
    assert!((t.total - 4.3).abs() < CLOSE, "{}", t.total);
    assert_eq!((t.max, t.tier.as_ref().unwrap().id.as_str()), (10.0, "silver"));
    // Each criterion counts in index points: revenue 20 × 10 × 50 / (100 × 60) = 1.667,
    // deals 10 × 1/12 = 0.833, engineers 15 × 10 × 30 / (100 × 25) = 1.8.
    let points: Vec<f64> = t.criteria.iter().map(|c| c.points).collect();
    for (got, want) in points.iter().zip([20.0 / 12.0, 10.0 / 12.0, 1.8, 0.0]) {
        assert!((got - want).abs() < CLOSE, "{points:?}");
    }
    // Categories: performance 2.5 of 5 (50 %), capability 1.8 of 3 (60 %), engagement 0 of 2.
    let categories: Vec<(&str, f64, f64, f64)> = t.categories.iter().map(|c| (c.id, c.points, c.max, c.share)).collect();
    for ((id, points, max, share), want) in
        categories.iter().zip([("performance", 2.5, 5.0, 50.0), ("capability", 1.8, 3.0, 60.0), ("engagement", 0.0, 2.0, 0.0)])
    {
        assert_eq!(*id, want.0);
        assert!((points - want.1).abs() < CLOSE && (max - want.2).abs() < CLOSE && (share - want.3).abs() < 1e-7, "{categories:?}");
    }
    // Gold needs 7 and a capability share of 80 %: 2.7 points short.
    let next = t.next_tier.as_ref().unwrap();
    assert!((next.point_deficit - 2.7).abs() < CLOSE);
    // Everything at its maximum: exactly the scale (up to rounding), gold.
    let r = eval(&s, json!({"values": {"revenue": 100, "deals": 10, "engineers": 5, "plan": true}}), "2026-06-30");
    assert!((r.tracks[0].total - 10.0).abs() < CLOSE);
    assert_eq!(r.tracks[0].tier.as_ref().unwrap().id, "gold");
    // A plan to gold: capability share 80 % is a fourth engineer (+0.6); the index then
    // reaches 7 with the plan, whatever else the plan picks.
    let p = profile(&s, json!({"values": {"revenue": 50, "deals": 5, "engineers": 3, "plan": false}}));
    let report = s.gaps(&p, &partner_scorecard::analysis::gap::GapOptions::on(day("2026-06-30"))).unwrap();
    let plan = report.tracks[0].plan.as_ref().unwrap();
    assert_eq!(plan.tier_after.id, "gold");
    assert!(plan.total_after >= 7.0 - CLOSE);
}

#[test]
fn category_weights_are_all_or_none_and_the_scale_needs_them() {
    let mut p = index_program();
    p["categories"][1].as_object_mut().unwrap().remove("weight");
    let e = Scorecard::from_value(&p).unwrap_err().to_string();
    assert!(e.contains("categories[1]: category \"capability\" has no \"weight\" while \"performance\" has one"), "{e}");
    let mut p = index_program();
    for c in p["categories"].as_array_mut().unwrap() {
        c.as_object_mut().unwrap().remove("weight");
    }
    let e = Scorecard::from_value(&p).unwrap_err().to_string();
    assert!(e.contains("score_scale: \"score_scale\" is the top of a category-weighted index"), "{e}");
    let mut p = index_program();
    for c in p["categories"].as_array_mut().unwrap() {
        c["weight"] = json!(0);
    }
    let e = Scorecard::from_value(&p).unwrap_err().to_string();
    assert!(e.contains("categories: every category with criteria has weight 0"), "{e}");
    // Without "score_scale" the index runs to 100.
    let mut p = index_program();
    p.as_object_mut().unwrap().remove("score_scale");
    p["tiers"] = json!([{"id": "silver", "label": "Silver", "min_score": 40}]);
    let s = Scorecard::from_value(&p).unwrap();
    assert_eq!(s.form().max_score, 100.0);
    // 43 of 100 for the profile above.
    let r = eval(&s, json!({"values": {"revenue": 50, "deals": 5, "engineers": 3}}), "2026-06-30");
    assert!((r.tracks[0].total - 43.0).abs() < 1e-9);
}
