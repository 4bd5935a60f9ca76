//! Gap analysis: hand-computed plans, and two properties over many random programs and
//! profiles: every plan reaches its target tier (feasible), and on small programs its effort
//! equals the minimum found by brute force over every profile the partner could reach
//! (optimal).

#[path = "support/fixtures.rs"]
mod fixtures;

use partner_scorecard::analysis::gap::{GapOptions, GapStatus};
use partner_scorecard::analysis::synth::Rng;
use partner_scorecard::{Date, EvalOptions, Profile, Scorecard};
use serde_json::{json, Value};

/// A JSON literal as the engine's own value type, to compare with values in results.
macro_rules! val {
    ($($json:tt)+) => {
        partner_scorecard::text::value::parse(&json!($($json)+).to_string()).unwrap()
    };
}

fn day(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn demo_program() -> Value {
    json!({
      "format": 1, "id": "demo", "name": "Demo",
      "fields": [
        {"id": "engineers", "label": "Certified engineers", "type": "number", "integer": true, "min": 0},
        {"id": "deals", "label": "Deal registrations", "type": "number", "integer": true, "min": 0},
        {"id": "csat", "label": "Customer satisfaction", "type": "number", "min": 0, "max": 10},
        {"id": "noc", "label": "Support desk", "type": "boolean"},
        {"id": "years", "label": "Years in business", "type": "number", "min": 0, "actionable": false},
        {"id": "certs", "label": "Certifications", "type": "certifications",
         "kinds": [{"id": "sales", "label": "Sales"}, {"id": "tech", "label": "Technical"}]}
      ],
      "categories": [{"id": "cap", "label": "Capability"}, {"id": "perf", "label": "Performance"}],
      "criteria": [
        {"id": "eng", "label": "Engineers", "category": "cap", "field": "engineers", "rule": {"type": "per_unit", "per": 4, "cap": 20}},
        {"id": "deals", "label": "Deals", "category": "perf", "field": "deals",
         "rule": {"type": "bands", "bands": [{"min": 10, "points": 10}, {"min": 20, "points": 20}]}},
        {"id": "csat", "label": "CSAT", "category": "perf", "field": "csat", "rule": {"type": "linear", "from": 5, "target": 9, "points": 20}},
        {"id": "noc", "label": "NOC", "category": "cap", "field": "noc", "rule": {"type": "yes_no", "points": 5}},
        {"id": "certs", "label": "Certs", "category": "cap", "field": "certs", "rule": {"type": "certifications", "per": 3, "cap": 15}}
      ],
      "tiers": [
        {"id": "silver", "label": "Silver", "min_score": 20},
        {"id": "gold", "label": "Gold", "min_score": 50, "requires": [
          {"field": "deals", "op": ">=", "value": 20},
          {"certifications": "certs", "kinds": ["tech", "sales"], "min": 3, "of_which": {"kinds": ["tech"], "min": 2}}]},
        {"id": "platinum", "label": "Platinum", "min_score": 75, "requires": [{"field": "years", "op": ">=", "value": 5}]}
      ]
    })
}

/// Options for plans made for today (certifications that expire within the default 90-day
/// horizon still count): the tests written before plans had a horizon.
fn today_options(as_of: Date) -> GapOptions {
    GapOptions { horizon_days: 0, ..GapOptions::on(as_of) }
}

fn profile(sc: &Scorecard, value: Value) -> Profile {
    sc.profile_from_value(&value).unwrap()
}

#[test]
fn plan_meets_requirements_and_points_together() {
    let sc = Scorecard::from_value(&demo_program()).unwrap();
    let p = profile(
        &sc,
        json!({"values": {"engineers": 3, "deals": 14, "csat": 7.8, "years": 3, "certs": [
            {"kind": "tech", "name": "Cloud Pro", "holder": "Ann", "earned": "2024-01-01", "expires": "2026-10-01"},
            {"kind": "sales", "expires": "2027-01-10"}]}}),
    );
    let report = sc.gaps(&p, &today_options(day("2026-11-25"))).unwrap();
    let track = &report.tracks[0];
    // 3 engineers x 4 = 12; 14 deals -> 10-band = 10; CSAT (7.8-5)/4 x 20 = 14; no NOC; 1 valid
    // certification (the technical one expired 2026-10-01) x 3 = 3. Total 39.
    assert_eq!(track.total, 39.0);
    assert_eq!(track.earned_tier.as_ref().unwrap().id, "silver");
    assert_eq!(track.target.as_ref().unwrap().id, "gold");
    assert_eq!(track.status, GapStatus::Plan);
    assert_eq!(track.point_deficit, 11.0);
    assert_eq!(track.unmet.len(), 2);
    assert_eq!(track.unmet[0].change, "Deal registrations 14 → 20");
    assert!(track.unmet[1].change.starts_with("add 2 Technical certifications"), "{}", track.unmet[1].change);
    assert!(track.unmet[1].change.contains("Cloud Pro of Ann (expired 2026-10-01)"));

    // Deals 14 -> 20 is forced and lifts the band 10 -> 20 (49 points). Two technical
    // certifications are forced: renewing Cloud Pro (4 / 2 = 2) and one new (4) adds 6 points: 55.
    // Deals cost 10 per 20-unit range = 0.5 per registration: 6 x 0.5 = 3. Total effort 9.
    let plan = track.plan.as_ref().unwrap();
    assert_eq!(plan.effort, 9.0);
    assert_eq!(plan.total_after, 55.0);
    assert_eq!(plan.tier_after.id, "gold");
    assert_eq!(plan.summary, "Deal registrations 14 → 20, renew Cloud Pro of Ann (expired 2026-10-01), add 1 Technical certification");
    // Both changes are forced by requirements, so no alternative changes a different set.
    assert!(track.alternatives.is_empty());

    // Outlook: the sales certification expires in 46 days; losing it leaves 2 valid, of
    // which... none technical, so Gold is not at stake (not held) and Silver needs points only:
    // 39 - 3 = 36 >= 20, no drop.
    assert_eq!(track.outlook.expiring.len(), 1);
    assert_eq!(track.outlook.expiring[0].days_left, 46);
    assert!(track.outlook.tier_drop.is_none());
}

#[test]
fn points_only_plan_prefers_the_cheapest_mix_and_offers_alternatives() {
    let sc = Scorecard::from_value(&demo_program()).unwrap();
    // 1 engineer (4) + 12 deals (10) + CSAT 5 (0) = 14: Silver (20) is 6 points away.
    let p = profile(&sc, json!({"values": {"engineers": 1, "deals": 12, "csat": 5}}));
    let report = sc.gaps(&p, &GapOptions::on(day("2026-11-25"))).unwrap();
    let track = &report.tracks[0];
    assert!(track.earned_tier.is_none());
    assert_eq!(track.target.as_ref().unwrap().id, "silver");
    assert_eq!(track.point_deficit, 6.0);
    // Default efforts: a number field's whole range (0 to its highest target) costs 10.
    // Engineers: range 20/4 = 5, so 2 per engineer for 4 points (0.5 per point). CSAT: range 9,
    // 10/9 per unit for 5 points per unit (0.22 per point). Deals: range 20, 0.5 per deal, and
    // 12 -> 20 reaches the 20-point band (+10) for 4. A certification costs 4 for 3 points;
    // NOC 5 for 5 points. Cheapest: CSAT 5 -> 6.2 (+6 points) for 1.2 x 10/9 = 1.333.
    let plan = track.plan.as_ref().unwrap();
    assert_eq!(plan.changes.len(), 1);
    assert_eq!(plan.changes[0].field, "csat");
    assert_eq!(plan.changes[0].to, val!(6.2));
    assert!((plan.effort - 12.0 / 9.0).abs() < 1e-9, "{}", plan.effort);
    assert!((plan.total_after - 20.0).abs() < 1e-9);
    // Alternatives avoid the fields earlier plans change, cheapest first: two engineers (+8)
    // for 4; without engineers, deals 12 -> 20 (+10) for 4; without deals too, two
    // certifications (+6) for 8 (NOC alone gives only 5).
    assert!(!track.alternatives.is_empty() && track.alternatives.len() <= 3);
    let mut previous = plan.effort;
    for alt in &track.alternatives {
        assert!(alt.effort + 1e-9 >= previous);
        previous = alt.effort;
        assert!(alt.changes.iter().all(|c| c.field != "csat"), "{}", alt.summary);
    }
    let summaries: Vec<&str> = track.alternatives.iter().map(|a| a.summary.as_str()).collect();
    assert_eq!(summaries, ["Certified engineers 1 → 3", "Deal registrations 12 → 20", "add 2 Sales or Technical certifications"]);
    assert_eq!(track.alternatives[2].effort, 8.0);
    assert_eq!(track.alternatives[0].effort, 4.0);
}

#[test]
fn blocked_target_names_the_requirement() {
    let sc = Scorecard::from_value(&demo_program()).unwrap();
    let p = profile(
        &sc,
        json!({"values": {"engineers": 5, "deals": 25, "csat": 9, "noc": true, "years": 2,
        "certs": [{"kind": "tech"}, {"kind": "tech"}, {"kind": "sales"}]}}),
    );
    let mut options = GapOptions::on(day("2026-11-25"));
    options.target = Some("platinum".into());
    let report = sc.gaps(&p, &options).unwrap();
    let track = &report.tracks[0];
    assert_eq!(track.earned_tier.as_ref().unwrap().id, "gold");
    assert_eq!(track.status, GapStatus::Blocked);
    let blocked = track.blocked.as_ref().unwrap();
    assert_eq!(blocked.requirement, "Years in business at least 5");
    assert!(blocked.reason.contains("cannot change"), "{}", blocked.reason);
}

#[test]
fn top_tier_reports_its_margin() {
    let program = json!({
      "format": 1, "id": "t", "name": "T",
      "fields": [{"id": "x", "label": "X", "type": "number", "min": 0}],
      "categories": [{"id": "c", "label": "C"}],
      "criteria": [{"id": "x", "label": "X", "category": "c", "field": "x", "rule": {"type": "linear", "target": 100, "points": 100}}],
      "tiers": [{"id": "a", "label": "A", "min_score": 40}, {"id": "b", "label": "B", "min_score": 70}]
    });
    let sc = Scorecard::from_value(&program).unwrap();
    let p = profile(&sc, json!({"values": {"x": 82.5}}));
    let track = &sc.gaps(&p, &GapOptions::on(day("2026-11-25"))).unwrap().tracks[0];
    assert_eq!(track.status, GapStatus::Top);
    let top = track.at_top.as_ref().unwrap();
    assert_eq!(top.tier.id, "b");
    assert_eq!(top.margin, Some(12.5));
    assert_eq!(top.message, "B is the top tier; the total may fall by 12.5 points before it is lost");
}

#[test]
fn expiry_that_would_drop_the_tier_is_announced() {
    let sc = Scorecard::from_value(&demo_program()).unwrap();
    // Gold today: 5 engineers 20 + 25 deals 20 + CSAT 9 20 + 3 certs 9 = 69; tech certs expire.
    let p = profile(
        &sc,
        json!({"values": {"engineers": 5, "deals": 25, "csat": 9, "years": 2, "certs": [
        {"kind": "tech", "expires": "2027-01-31"}, {"kind": "tech", "expires": "2028-01-01"}, {"kind": "sales", "expires": "2026-12-15"}]}}),
    );
    let track = &sc.gaps(&p, &GapOptions::on(day("2026-11-25"))).unwrap().tracks[0];
    assert_eq!(track.earned_tier.as_ref().unwrap().id, "gold");
    // The sales certification ends 2026-12-15 (valid through that day): from 2026-12-16 only 2
    // certifications remain, below Gold's 3.
    let drop = track.outlook.tier_drop.as_ref().unwrap();
    assert_eq!(drop.date.to_string(), "2026-12-16");
    assert_eq!(drop.tier.as_ref().unwrap().id, "silver");
    assert_eq!(track.outlook.expiring.len(), 2);
}

#[test]
fn what_if_is_the_same_call_on_an_edited_profile() {
    let sc = Scorecard::from_value(&demo_program()).unwrap();
    let p = profile(&sc, json!({"values": {"engineers": 1, "deals": 12, "csat": 5}}));
    let as_of = day("2026-11-25");
    let report = sc.gaps(&p, &GapOptions::on(as_of)).unwrap();
    let after = sc.apply_plan(&p, report.tracks[0].plan.as_ref().unwrap());
    let evaluation = sc.evaluate(&after, &EvalOptions::on(as_of)).unwrap();
    assert_eq!(evaluation.tracks[0].tier.as_ref().unwrap().id, "silver");
    let again = sc.gaps(&after, &GapOptions::on(as_of)).unwrap();
    assert_eq!(again.tracks[0].target.as_ref().unwrap().id, "gold");
}

// ---- Properties over random programs -------------------------------------------------

/// A small random program whose fields all have small ranges, so that brute force can try
/// every profile a partner could move to. Every field has an explicit effort.
fn random_program(rng: &mut Rng) -> Value {
    let mut fields = Vec::new();
    let mut criteria = Vec::new();
    let n = 2 + rng.below(3);
    for i in 0..n {
        let id = format!("f{i}");
        let effort = (1 + rng.below(6)) as f64;
        let category = if rng.chance(0.5) { "a" } else { "b" };
        match rng.below(6) {
            5 => {
                fields.push(json!({"id": id, "label": id, "type": "multi_choice", "effort": effort, "options": [
                    {"id": "x", "label": "x"}, {"id": "y", "label": "y"}, {"id": "z", "label": "z"}]}));
                criteria.push(json!({"id": format!("c{i}"), "label": "c", "category": category, "field": id,
                    "rule": {"type": "options", "points": {"x": 1 + rng.below(4), "y": rng.below(4), "z": 2 + rng.below(3)}, "cap": 3 + rng.below(5)}}));
            }
            0 | 1 => {
                let max = 2 + rng.below(5);
                fields.push(json!({"id": id, "label": id, "type": "number", "integer": true, "min": 0, "max": max, "effort": effort}));
                let rule = match rng.below(3) {
                    0 => json!({"type": "per_unit", "per": 1 + rng.below(5), "cap": 2 + rng.below(12)}),
                    1 => {
                        json!({"type": "bands", "bands": [{"min": 1, "points": 1 + rng.below(4)}, {"min": max, "points": 5 + rng.below(6)}]})
                    }
                    _ => json!({"type": "linear", "target": max, "points": 2 + rng.below(10)}),
                };
                criteria.push(json!({"id": format!("c{i}"), "label": "c", "category": category, "field": id, "rule": rule}));
            }
            2 => {
                fields.push(json!({"id": id, "label": id, "type": "boolean", "effort": effort}));
                criteria.push(json!({"id": format!("c{i}"), "label": "c", "category": category, "field": id, "rule": {"type": "yes_no", "points": 1 + rng.below(8)}}));
            }
            3 => {
                fields.push(json!({"id": id, "label": id, "type": "choice", "effort": effort, "options": [
                    {"id": "lo", "label": "lo"}, {"id": "mid", "label": "mid"}, {"id": "hi", "label": "hi"}]}));
                criteria.push(json!({"id": format!("c{i}"), "label": "c", "category": category, "field": id,
                    "rule": {"type": "options", "points": {"lo": 0, "mid": rng.below(4), "hi": 2 + rng.below(6)}}}));
            }
            _ => {
                fields.push(json!({"id": id, "label": id, "type": "certifications", "effort": effort,
                    "kinds": [{"id": "s", "label": "s"}, {"id": "t", "label": "t"}]}));
                let kinds = if rng.chance(0.5) { json!(["t"]) } else { json!(["s", "t"]) };
                criteria.push(json!({"id": format!("c{i}"), "label": "c", "category": category, "field": id,
                    "rule": {"type": "certifications", "kinds": kinds, "per": 1 + rng.below(3), "cap": 2 + rng.below(5)}}));
            }
        }
    }
    let mut gold_requires = Vec::new();
    if rng.chance(0.4) {
        gold_requires.push(json!({"category": "a", "min_points": 1}));
    }
    if rng.chance(0.4) {
        if let Some(f) = fields.iter().find(|f| f["type"] == "number") {
            gold_requires.push(json!({"field": f["id"], "op": ">=", "value": 1 + rng.below(2)}));
        }
    }
    if rng.chance(0.3) {
        if let Some(f) = fields.iter().find(|f| f["type"] == "certifications") {
            gold_requires.push(json!({"certifications": f["id"], "min": 2, "of_which": {"kinds": ["t"], "min": 1}}));
        }
    }
    if rng.chance(0.4) {
        if let Some(f) = fields.iter().find(|f| f["type"] == "multi_choice") {
            gold_requires.push(json!({"field": f["id"], "op": "includes", "value": "y"}));
        }
    }
    let has_a = criteria.iter().any(|c| c["category"] == "a");
    if !has_a {
        gold_requires.retain(|r| r.get("category").is_none());
    }
    json!({
        "format": 1, "id": "random", "name": "Random",
        "fields": fields,
        "categories": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}],
        "criteria": criteria,
        "tiers": [
            {"id": "silver", "label": "Silver", "min_score": 2 + rng.below(4)},
            {"id": "gold", "label": "Gold", "min_score": 6 + rng.below(8), "requires": gold_requires}
        ]
    })
}

/// Every profile reachable by the partner, with its effort: each field anywhere in range.
fn reachable(program: &Value, start: &Value) -> Vec<(Value, f64)> {
    let mut out = vec![(start.clone(), 0.0)];
    for field in program["fields"].as_array().unwrap() {
        let id = field["id"].as_str().unwrap();
        let effort = field["effort"].as_f64().unwrap();
        let mut next = Vec::new();
        for (values, cost) in &out {
            let current = &values[id];
            let options: Vec<(Value, f64)> = match field["type"].as_str().unwrap() {
                "number" => {
                    let now = current.as_f64().unwrap_or(0.0);
                    (0..=field["max"].as_u64().unwrap()).map(|v| (json!(v), effort * (v as f64 - now).abs())).collect()
                }
                "boolean" => {
                    let now = current.as_bool().unwrap_or(false);
                    vec![(json!(now), 0.0), (json!(!now), effort)]
                }
                "choice" => ["lo", "mid", "hi"].iter().map(|o| (json!(o), if current == o { 0.0 } else { effort })).collect(),
                "multi_choice" => {
                    // Every superset of the current options (removing one never helps).
                    let now: Vec<&str> = current.as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
                    (0..8u32)
                        .filter_map(|mask| {
                            let chosen: Vec<&str> =
                                ["x", "y", "z"].iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, o)| *o).collect();
                            now.iter().all(|o| chosen.contains(o)).then(|| (json!(chosen), effort * (chosen.len() - now.len()) as f64))
                        })
                        .collect()
                }
                _ => {
                    let mut certs = Vec::new();
                    for add_s in 0..=3 {
                        for add_t in 0..=3 {
                            let mut list = current.as_array().cloned().unwrap_or_default();
                            list.extend((0..add_s).map(|_| json!({"kind": "s"})));
                            list.extend((0..add_t).map(|_| json!({"kind": "t"})));
                            certs.push((Value::Array(list), effort * (add_s + add_t) as f64));
                        }
                    }
                    certs
                }
            };
            for (v, c) in options {
                let mut changed = values.clone();
                changed[id] = v;
                next.push((changed, cost + c));
            }
        }
        out = next;
    }
    out
}

fn random_values(program: &Value, rng: &mut Rng) -> Value {
    let mut values = serde_json::Map::new();
    for field in program["fields"].as_array().unwrap() {
        let id = field["id"].as_str().unwrap().to_string();
        let v = match field["type"].as_str().unwrap() {
            "number" => json!(rng.below(field["max"].as_u64().unwrap() as usize + 1)),
            "boolean" => json!(rng.chance(0.5)),
            "choice" => json!(["lo", "mid", "hi"][rng.below(3)]),
            "multi_choice" => json!(["x", "y", "z"].iter().filter(|_| rng.chance(0.4)).collect::<Vec<_>>()),
            _ => Value::Array((0..rng.below(3)).map(|_| json!({"kind": if rng.chance(0.5) { "s" } else { "t" }})).collect()),
        };
        values.insert(id, v);
    }
    Value::Object(values)
}

#[test]
fn plans_are_feasible_and_as_cheap_as_brute_force() {
    let as_of = day("2026-11-25");
    let mut rng = Rng::new(0x9e37_79b9_7f4a_7c15);
    let mut compared = 0;
    let mut planned = 0;
    for case in 0..150 {
        let program = random_program(&mut rng);
        let Ok(sc) = Scorecard::from_value(&program) else { continue };
        let values = random_values(&program, &mut rng);
        let p = sc.profile_from_value(&json!({ "values": values })).unwrap();
        let report = sc.gaps(&p, &today_options(as_of)).unwrap();
        let track = &report.tracks[0];
        let Some(target) = &track.target else { continue };
        if track.status == GapStatus::Reached {
            continue;
        }
        // Brute force: the cheapest reachable profile whose evaluation holds the target or higher.
        let mut cheapest: Option<f64> = None;
        for (candidate, cost) in reachable(&program, &values) {
            let q = sc.profile_from_value(&json!({ "values": candidate })).unwrap();
            let tier = sc.evaluate(&q, &EvalOptions::on(as_of)).unwrap().tracks[0].earned_tier.clone();
            if tier.is_some_and(|t| t.rank >= target.rank) && cheapest.is_none_or(|c| cost < c) {
                cheapest = Some(cost);
            }
        }
        compared += 1;
        match (&track.plan, cheapest) {
            (Some(plan), Some(min)) => {
                planned += 1;
                // Feasible: apply the plan, evaluate again.
                let after = sc.apply_plan(&p, plan);
                let tier = sc.evaluate(&after, &EvalOptions::on(as_of)).unwrap().tracks[0].earned_tier.clone().unwrap();
                assert!(tier.rank >= target.rank, "case {case}: plan {} does not reach {}", plan.summary, target.id);
                // Applied to the profile as written (as `applyPlan` in JavaScript does), from
                // the plan's JSON alone: the same total and tier.
                let written = partner_scorecard::text::value::parse(&json!({ "values": values }).to_string()).unwrap();
                let plan_json = partner_scorecard::text::value::parse(&serde_json::to_string(plan).unwrap()).unwrap();
                let after_json = sc.apply_plan_json(&written, &plan_json, as_of).unwrap_or_else(|e| panic!("case {case}: {e}"));
                let again = sc.evaluate(&sc.profile_from_parsed(&after_json).unwrap(), &EvalOptions::on(as_of)).unwrap();
                assert_eq!(again.tracks[0].earned_tier.as_ref().map(|t| t.rank), Some(tier.rank), "case {case}");
                assert!(
                    (again.tracks[0].total - plan.total_after).abs() < 1e-9,
                    "case {case}: {} vs {}",
                    again.tracks[0].total,
                    plan.total_after
                );
                assert!(
                    (plan.effort - min).abs() < 1e-6,
                    "case {case}: plan effort {} ({}) but brute force finds {min}\nprogram: {program}\nvalues: {values}",
                    plan.effort,
                    plan.summary
                );
                for alt in &track.alternatives {
                    let after = sc.apply_plan(&p, alt);
                    let tier = sc.evaluate(&after, &EvalOptions::on(as_of)).unwrap().tracks[0].earned_tier.clone().unwrap();
                    assert!(tier.rank >= target.rank && alt.effort + 1e-9 >= plan.effort);
                }
            }
            (None, None) => assert_eq!(track.status, GapStatus::Blocked),
            (plan, min) => panic!(
                "case {case}: plan {:?} vs brute force {min:?}\nprogram: {program}\nvalues: {values}\nblocked: {:?}",
                plan.as_ref().map(|p| &p.summary),
                track.blocked
            ),
        }
    }
    eprintln!("{compared} compared, {planned} planned");
    assert!(compared >= 60 && planned >= 40, "too few comparable cases: {compared} compared, {planned} planned");
}

/// Random values for any program's fields: numbers of every magnitude within their range,
/// every option, certifications of every kind, some expired, some expiring soon.
fn random_profile_for(sc: &Scorecard, rng: &mut Rng) -> Value {
    let mut values = serde_json::Map::new();
    for field in sc.fields() {
        let kind = serde_json::to_value(field).unwrap();
        if rng.chance(0.1) {
            continue;
        }
        let options: Vec<Value> = kind
            .get("options")
            .or(kind.get("kinds"))
            .and_then(Value::as_array)
            .map(|o| o.iter().map(|x| x["id"].clone()).collect())
            .unwrap_or_default();
        let v = match kind["type"].as_str().unwrap() {
            "number" => {
                let lo = kind.get("min").and_then(Value::as_f64).unwrap_or(0.0);
                let hi = kind.get("max").and_then(Value::as_f64).unwrap_or(lo + 10f64.powi(rng.below(7) as i32));
                let mut x = lo + (hi - lo) * (rng.below(1001) as f64 / 1000.0);
                if kind["integer"] == json!(true) {
                    x = x.round().clamp(lo, hi);
                }
                json!(x)
            }
            "boolean" => json!(rng.chance(0.5)),
            "choice" => options[rng.below(options.len())].clone(),
            "multi_choice" => Value::Array(options.iter().filter(|_| rng.chance(0.4)).cloned().collect()),
            "date" => json!(format!("{}-0{}-1{}", 1990 + rng.below(35), 1 + rng.below(9), rng.below(10))),
            _ => Value::Array(
                (0..rng.below(6))
                    .map(|_| {
                        let expires = ["2026-09-30", "2026-12-01", "2027-01-15", "2028-06-30"][rng.below(4)];
                        let mut cert = json!({"name": "Cert", "holder": "A. Person", "earned": "2025-01-01", "expires": expires});
                        if !options.is_empty() {
                            cert["kind"] = options[rng.below(options.len())].clone();
                        }
                        cert
                    })
                    .collect(),
            ),
        };
        values.insert(field.id.clone(), v);
    }
    let mut profile = json!({ "values": values });
    if !sc.regions().is_empty() && rng.chance(0.7) {
        profile["region"] = json!(sc.regions()[rng.below(sc.regions().len())].id);
    }
    profile
}

#[test]
fn plans_on_the_shipped_programs_reach_their_target() {
    let as_of = day("2026-11-25");
    let mut rng = Rng::new(0x51ed_270b_a4c0_17d3);
    let mut plans = 0;
    let mut steps_checked = 0;
    for &name in fixtures::SHIPPED {
        let sc = fixtures::program(name);
        for case in 0..60 {
            let value = random_profile_for(&sc, &mut rng);
            let p = sc.profile_from_value(&value).unwrap_or_else(|e| panic!("{name} case {case}: {e}\n{value}"));
            let report = sc.gaps(&p, &GapOptions::on(as_of)).unwrap();
            for track in &report.tracks {
                // Plans are for the default 90-day horizon: a certification that expires
                // before then does not count in them.
                let options = EvalOptions { track: track.track.clone(), ..EvalOptions::on(as_of.add_days(90)) };
                match (&track.plan, &track.target) {
                    (Some(plan), Some(target)) => {
                        plans += 1;
                        for candidate in std::iter::once(plan).chain(&track.alternatives) {
                            let after = sc.apply_plan(&p, candidate);
                            let tier = sc.evaluate(&after, &options).unwrap().tracks[0].earned_tier.clone();
                            assert!(
                                tier.as_ref().is_some_and(|t| t.rank >= target.rank),
                                "{name} case {case}: plan {} reaches {tier:?}, not {}",
                                candidate.summary,
                                target.id
                            );
                            assert!(candidate.effort >= plan.effort - 1e-9);
                        }
                        // Every step is needed: without any one of them the plan falls short
                        // (issue 15: no steps that change nothing).
                        if plan.changes.len() > 1 {
                            let parse = |v: &Value| partner_scorecard::text::value::parse(&v.to_string()).unwrap();
                            for i in 0..plan.changes.len() {
                                let mut fewer = serde_json::to_value(plan).unwrap();
                                fewer["changes"].as_array_mut().unwrap().remove(i);
                                let after = sc.apply_plan_json(&parse(&value), &parse(&fewer), as_of).unwrap();
                                let after: Value =
                                    serde_json::from_str(&partner_scorecard::text::json_write::to_string(&after).unwrap()).unwrap();
                                let after = sc.profile_from_value(&after).unwrap();
                                let tier = sc.evaluate(&after, &options).unwrap().tracks[0].earned_tier.clone();
                                assert!(
                                    tier.as_ref().is_none_or(|t| t.rank < target.rank),
                                    "{name} case {case}: plan {} reaches {} without step {i}",
                                    plan.summary,
                                    target.id
                                );
                            }
                            steps_checked += plan.changes.len();
                        }
                    }
                    (None, _) => assert!(
                        matches!(track.status, GapStatus::Blocked | GapStatus::Top | GapStatus::Reached),
                        "{name} case {case}: no plan and status {:?}",
                        track.status
                    ),
                    _ => {}
                }
            }
        }
    }
    assert!(plans > 100, "only {plans} plans checked");
    assert!(steps_checked > 100, "only {steps_checked} steps checked");
}

#[test]
fn certification_kinds_are_listed_with_or_even_when_a_label_has_a_comma() {
    let mut program = demo_program();
    program["fields"][5]["kinds"][1]["label"] = json!("Cloud, data");
    let sc = Scorecard::from_value(&program).unwrap();
    let p = profile(&sc, json!({"values": {"deals": 20}}));
    let report = sc.gaps(&p, &GapOptions::on(day("2026-11-25"))).unwrap();
    let certs = report.tracks[0].unmet.iter().find(|u| u.change.contains("certification")).unwrap();
    // Gold needs 3 of sales or tech, 2 of them tech: +2 tech, then +1 of either.
    assert_eq!(certs.change, "add 2 Cloud, data certifications; add 1 Sales or Cloud, data certification");
}

/// Two number fields worth a point a unit up to 50 each; the tier needs 50 points and every
/// criterion above zero. With a = 50 the points are there; b only has to be above zero, so
/// the least-effort plan raises b to the least value a partner would enter: 1 for a
/// whole-number field, 0.01 for a decimal one (not to 50, the rule's cap).
#[test]
fn a_gate_that_needs_a_value_above_zero_is_met_at_the_least_such_value() {
    for (integer, to, effort) in [(true, "1", 0.2), (false, "0.01", 0.002)] {
        let sc = Scorecard::from_value(&json!({
            "format": 1, "name": "Gate",
            "fields": [{"id": "a", "label": "A", "type": "number", "min": 0, "integer": integer},
                       {"id": "b", "label": "B", "type": "number", "min": 0, "integer": integer}],
            "categories": [{"id": "c", "label": "C"}],
            "criteria": [{"id": "a", "label": "A", "category": "c", "field": "a", "rule": {"type": "per_unit", "per": 1, "cap": 50}},
                         {"id": "b", "label": "B", "category": "c", "field": "b", "rule": {"type": "per_unit", "per": 1, "cap": 50}}],
            "tiers": [{"id": "t", "label": "T", "min_score": 50, "requires": [{"all_criteria_above_zero": true}]}]
        }))
        .unwrap();
        let p = profile(&sc, json!({"values": {"a": 50, "b": 0}}));
        let report = sc.gaps(&p, &GapOptions::on(day("2026-06-01"))).unwrap();
        let plan = report.tracks[0].plan.as_ref().unwrap();
        let steps: Vec<&str> = plan.changes.iter().map(|c| c.description.as_str()).collect();
        assert_eq!(steps, [format!("B 0 → {to}")], "integer {integer}");
        // Effort: 10 for the field's whole scoring range (0 to the cap, 50), so 0.2 a unit.
        assert!((plan.effort - effort).abs() < 1e-9, "integer {integer}: effort {}", plan.effort);
        assert!(plan.optimal);
    }
}

/// The case from the issue, on the shipped capability-100 program: 80 points (30 + 20 + 20 +
/// 10 from customers, certifications and deployments) and usage growth 0, which scores
/// nothing, while Solutions Partner needs 70 points and every criterion above zero. Usage
/// growth (a decimal field) above zero is all that is missing.
#[test]
fn the_shipped_capability_program_asks_for_usage_growth_just_above_zero() {
    let sc =
        Scorecard::from_json(&std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/programs/capability-100.json")).unwrap())
            .unwrap();
    let certs: Vec<Value> = (0..10)
        .map(|i| json!({"kind": "intermediate", "name": format!("I{i}")}))
        .chain((0..4).map(|i| json!({"kind": "advanced", "name": format!("A{i}")})))
        .collect();
    let p = profile(&sc, json!({"values": {"net_customer_adds": 10, "certifications": certs, "deployments": 5, "usage_growth": 0}}));
    let options = GapOptions::on(day("2026-06-01"));
    assert_eq!(sc.evaluate(&p, &options.eval).unwrap().tracks[0].total, 80.0);
    let report = sc.gaps(&p, &options).unwrap();
    let plan = report.tracks[0].plan.as_ref().unwrap();
    let steps: Vec<&str> = plan.changes.iter().map(|c| c.description.as_str()).collect();
    // Usage growth is money (USD): a person enters whole dollars, never cents (issue 15).
    assert_eq!(steps, ["Usage growth 0 → 1"]);
    assert_eq!(plan.tier_after.id, "solutions_partner");
}

/// A program that says "accreditation" gets that word in every generated sentence: the
/// criterion's explanation, the requirement check, the plan and the expiry outlook, in the
/// language asked for (`terms`, README "Top-level keys").
#[test]
fn a_programs_own_terms_replace_certification_in_generated_texts() {
    let sc = Scorecard::from_value(&json!({
        "format": 1, "name": "Terms",
        "terms": {"certification": {"en": "accreditation", "de": "Akkreditierung"},
                  "certifications": {"en": "accreditations", "de": "Akkreditierungen"}},
        "fields": [{"id": "acc", "label": "Accreditations", "type": "certifications", "kinds": [{"id": "business", "label": "Business"}]}],
        "categories": [{"id": "c", "label": "C"}],
        "criteria": [{"id": "acc", "label": "Accreditations", "category": "c", "field": "acc", "rule": {"type": "certifications", "per": 5, "cap": 20}}],
        "tiers": [{"id": "t", "label": "T", "requires": [{"certifications": "acc", "kinds": ["business"], "min": 3}]}]
    }))
    .unwrap();
    // One valid until 2026-07-01, one that expired on 2026-01-31; the tier needs three.
    let p = profile(
        &sc,
        json!({"values": {"acc": [
            {"kind": "business", "name": "Ledger", "earned": "2025-07-01", "expires": "2026-07-01"},
            {"kind": "business", "name": "Audit", "earned": "2024-01-01", "expires": "2026-01-31"}
        ]}}),
    );
    let options = today_options(day("2026-06-01"));
    let ev = sc.evaluate(&p, &options.eval).unwrap();
    let track = &ev.tracks[0];
    // 1 valid × 5 = 5 of 20; the expired one is named as not counted.
    assert_eq!(track.criteria[0].explanation, "1 valid accreditation × 5 = 5 of 20 (1 expired, not counted)");
    assert_eq!(track.tiers[0].requirements[0].description, "At least 3 valid accreditations (Business)");
    let report = sc.gaps(&p, &options).unwrap();
    let plan = report.tracks[0].plan.as_ref().unwrap();
    // Renewing the expired one first (cheaper, README "Effort model"), then one more.
    assert_eq!(plan.changes[0].description, "renew Audit (expired 2026-01-31), add 1 Business accreditation");
    // The same as data a portal can act on.
    assert_eq!(plan.changes[0].renew_certifications, [Some("Audit".to_string())]);
    assert_eq!(plan.changes[0].add_certifications, [Some("business".to_string())]);
    let mut german = options.clone();
    german.eval.lang = Some("de".into());
    let ev = sc.evaluate(&p, &german.eval).unwrap();
    assert_eq!(ev.tracks[0].tiers[0].requirements[0].description, "At least 3 valid Akkreditierungen (Business)");
}

/// "At least 2 of Audit, Benchmark, Compliance": a profile with Benchmark lacks one more; the
/// plan adds the listed option worth the most points (Compliance, 2, over Audit, 1; Demo is
/// worth 5 but not listed), at the default effort of 3 per option.
#[test]
fn at_least_n_of_these_options() {
    let sc = Scorecard::from_value(&json!({
        "format": 1, "name": "Validations",
        "fields": [{"id": "v", "label": "Validations", "type": "multi_choice", "options": [
            {"id": "a", "label": "Audit"}, {"id": "b", "label": "Benchmark"}, {"id": "c", "label": "Compliance"}, {"id": "d", "label": "Demo"}]}],
        "categories": [{"id": "k", "label": "K"}],
        "criteria": [{"id": "v", "label": "Validations", "category": "k", "field": "v",
                      "rule": {"type": "options", "points": {"a": 1, "b": 0, "c": 2, "d": 5}, "cap": 10}}],
        "tiers": [{"id": "t", "label": "T", "requires": [{"field": "v", "op": "includes", "value": ["a", "b", "c"], "min": 2}]}]
    }))
    .unwrap();
    let options = GapOptions::on(day("2026-06-01"));
    let p = profile(&sc, json!({"values": {"v": ["b"]}}));
    let check = &sc.evaluate(&p, &options.eval).unwrap().tracks[0].tiers[0].requirements[0].clone();
    assert_eq!(check.description, "Validations include at least 2 of Audit, Benchmark, Compliance");
    assert!(!check.met);
    let report = sc.gaps(&p, &options).unwrap();
    assert_eq!(report.tracks[0].unmet[0].change, "Validations Benchmark → add 1 of Audit, Compliance");
    let plan = report.tracks[0].plan.as_ref().unwrap();
    let steps: Vec<&str> = plan.changes.iter().map(|c| c.description.as_str()).collect();
    assert_eq!(steps, ["Validations: add Compliance"]);
    assert!(plan.changes[0].add_certifications.is_empty() && plan.changes[0].renew_certifications.is_empty());
    assert_eq!(plan.effort, 3.0);
    // Two of the three listed, whichever they are, meet it.
    for values in [json!(["a", "c"]), json!(["a", "b", "d"])] {
        let p = profile(&sc, json!({"values": {"v": values}}));
        assert_eq!(sc.evaluate(&p, &options.eval).unwrap().tracks[0].tier.as_ref().map(|t| t.id.as_str()), Some("t"), "{values}");
    }
}

/// A plan applied to the profile as written (`apply_plan_json`, `applyPlan` in JavaScript):
/// the renewed certification is earned again on the day and valid as long as before (2 years
/// and 30 days: 2024-01-01 to 2026-01-31 is 366 + 365 + 30 = 761 days, and 2026-06-01 + 761 is
/// 2027-06-01 (+365), 2028-06-01 (+366, past 2028-02-29), 2028-07-01 (+30)), the
/// added one has its kind and the day; the partner's other data stays as written.
#[test]
fn a_plan_applied_to_the_profile_as_written() {
    let sc = Scorecard::from_value(&json!({
        "format": 1, "name": "Apply",
        "fields": [{"id": "acc", "label": "Accreditations", "type": "certifications", "kinds": [{"id": "business", "label": "Business"}]},
                   {"id": "deals", "label": "Deals", "type": "number", "integer": true, "min": 0}],
        "categories": [{"id": "c", "label": "C"}],
        "criteria": [{"id": "acc", "label": "Accreditations", "category": "c", "field": "acc", "rule": {"type": "certifications", "per": 5, "cap": 20}},
                     {"id": "deals", "label": "Deals", "category": "c", "field": "deals", "rule": {"type": "per_unit", "per": 1, "cap": 10}}],
        "tiers": [{"id": "t", "label": "T", "min_score": 19, "requires": [{"certifications": "acc", "kinds": ["business"], "min": 3}]}]
    }))
    .unwrap();
    let written = json!({"partner": "Acme", "values": {"deals": 2, "acc": [
        {"kind": "business", "name": "Ledger", "holder": "Ana", "earned": "2025-07-01", "expires": "2026-07-01"},
        {"kind": "business", "name": "Audit", "holder": "Ben", "earned": "2024-01-01", "expires": "2026-01-31"}
    ]}});
    let as_of = day("2026-06-01");
    let parsed = partner_scorecard::text::value::parse(&written.to_string()).unwrap();
    // 3 accreditations (15) + deals: 19 needs 4 more deals (2 -> 6), or a fourth accreditation.
    let report = sc.gaps(&profile(&sc, written.clone()), &today_options(as_of)).unwrap();
    let plan = report.tracks[0].plan.as_ref().unwrap();
    let plan_json = partner_scorecard::text::value::parse(&serde_json::to_string(plan).unwrap()).unwrap();
    let after = sc.apply_plan_json(&parsed, &plan_json, as_of).unwrap();
    let after: Value = serde_json::from_str(&partner_scorecard::text::json_write::to_string(&after).unwrap()).unwrap();
    assert_eq!(after["partner"], "Acme");
    let certs = after["values"]["acc"].as_array().unwrap();
    assert_eq!(certs[0], written["values"]["acc"][0]);
    assert_eq!(certs[1], json!({"kind": "business", "name": "Audit", "holder": "Ben", "earned": "2026-06-01", "expires": "2028-07-01"}));
    assert_eq!(&certs[2..], &[json!({"kind": "business", "earned": "2026-06-01"})]);
    // Evaluated again, the result is the plan's: its total and tier.
    let ev = sc.evaluate(&profile(&sc, after.clone()), &EvalOptions::on(as_of)).unwrap();
    assert_eq!(
        (ev.tracks[0].total, ev.tracks[0].tier.as_ref().map(|t| t.id.clone())),
        (plan.total_after, Some(plan.tier_after.id.clone()))
    );

    // A hand-written plan: deals to 9; an unknown field and a renewal of nothing are the
    // plan's mistakes, named at their place; a value the field refuses is named at "to".
    let plan = partner_scorecard::text::value::parse(r#"{"changes": [{"field": "deals", "to": 9}]}"#).unwrap();
    let after = sc.apply_plan_json(&parsed, &plan, as_of).unwrap();
    assert_eq!(after.get("values").and_then(|v| v.get("deals")).and_then(|v| v.as_f64()), Some(9.0));
    let plan = partner_scorecard::text::value::parse(
        r#"{"changes": [{"field": "colour", "to": 1}, {"field": "acc", "renew_certifications": ["Nobody"]}, {"field": "deals", "to": 2.5}]}"#,
    )
    .unwrap();
    let e = sc.apply_plan_json(&parsed, &plan, as_of).unwrap_err();
    assert_eq!(e.kind.name(), "plan");
    let issues: Vec<String> = e.issues.iter().map(|i| i.to_string()).collect();
    assert_eq!(
        issues,
        [
            "changes[0].field: unknown field \"colour\": this plan is not for this program",
            "changes[1].renew_certifications[0]: the profile has no certification named \"Nobody\" with an expiry date to renew on 2026-06-01"
        ]
    );
    let plan = partner_scorecard::text::value::parse(r#"{"changes": [{"field": "deals", "to": 2.5}]}"#).unwrap();
    let e = sc.apply_plan_json(&parsed, &plan, as_of).unwrap_err();
    assert_eq!(e.issues[0].path, "changes[0].to");
}

/// A certifications field that declares no kinds, with expired certifications: the plan renews
/// and adds (the fuzzer found that naming the kinds of the added ones read past the field's
/// empty list of kinds).
#[test]
fn a_plan_for_certifications_of_no_declared_kind() {
    let sc = Scorecard::from_value(&json!({
        "format": 1, "id": "certs", "name": "Certifications",
        "fields": [{"id": "certs", "label": "Certifications", "type": "certifications"}],
        "categories": [{"id": "all", "label": "All"}],
        "criteria": [{"id": "c", "label": "Certifications", "category": "all", "field": "certs", "rule": {"type": "certifications", "per": 1, "cap": 100000}}],
        "tiers": [{"id": "silver", "label": "Silver", "min_score": 10}, {"id": "gold", "label": "Gold", "min_score": 20}]
    }))
    .unwrap();
    // Three valid on 2026-06-01 (two dated, one undated; three expired): 3 points. Silver needs
    // 10: renew the three expired ones (half the effort of a new one) and add four new.
    let p = profile(
        &sc,
        json!({"values": {"certs": [
            {"earned": "2023-10-15", "expires": "2025-10-14"}, {"earned": "2023-11-21", "expires": "2025-11-20"},
            {"earned": "2025-06-05", "expires": "2027-06-05"}, {"earned": "2024-01-27", "expires": "2026-01-26"},
            {}, {"earned": "2025-04-03", "expires": "2027-04-03"}
        ]}}),
    );
    let report = sc.gaps(&p, &GapOptions::on(day("2026-06-01"))).unwrap();
    let plan = report.tracks[0].plan.as_ref().unwrap();
    assert_eq!(plan.tier_after.id, "silver");
    assert_eq!(plan.changes[0].renew_certifications.len(), 3);
    assert_eq!(plan.changes[0].add_certifications, vec![None; 4]);
    assert_eq!(plan.total_after, 10.0);
}

#[test]
fn each_track_may_aim_at_a_tier_of_its_own() {
    let mut program = demo_program();
    program["tracks"] = json!([{"id": "resell", "label": "Resell"}, {"id": "serve", "label": "Serve"}]);
    let sc = Scorecard::from_value(&program).unwrap();
    // 2 engineers × 4 = 8 points: no tier yet in either track.
    let p = profile(&sc, json!({"values": {"engineers": 2}}));
    let options = GapOptions::from_json(r#"{"as_of": "2026-11-25", "targets": {"serve": "gold"}}"#, &|| day("2026-11-25")).unwrap();
    let report = sc.gaps(&p, &options).unwrap();
    let targets: Vec<_> = report.tracks.iter().map(|t| t.target.as_ref().unwrap().id.as_str()).collect();
    assert_eq!(targets, ["silver", "gold"], "the default next tier in Resell, the chosen one in Serve");
    // Gold needs 50 points (42 more) with 20 deals and three certifications.
    assert_eq!(report.tracks[1].point_deficit, 42.0);
    assert_eq!(report.tracks[1].plan.as_ref().unwrap().tier_after.id, "gold");
    // A track or tier that does not exist is named at its key.
    let options = GapOptions::from_json(r#"{"targets": {"sell": "gold", "serve": "diamond"}}"#, &|| day("2026-11-25")).unwrap();
    let issues: Vec<String> = sc.gaps(&p, &options).unwrap_err().issues.iter().map(|i| i.to_string()).collect();
    assert_eq!(
        issues,
        [
            "targets.sell: unknown track \"sell\"; use one of \"resell\", \"serve\"",
            "targets.serve: unknown tier \"diamond\"; use one of \"silver\", \"gold\", \"platinum\""
        ]
    );
    let error = GapOptions::from_json(r#"{"targets": "gold"}"#, &|| day("2026-11-25")).unwrap_err();
    assert_eq!(error.issues[0].to_string(), "targets: expected an object of texts, found the text \"gold\"");
}

/// Plans ask for values a person would enter (issue 15): money in steps of its size, never
/// cents; whole percentages; whole numbers for whole-number fields.
#[test]
fn plans_ask_for_money_and_percentages_as_people_write_them() {
    let program = |field: Value, rule: Value, min_score: f64| {
        json!({
          "format": 1, "id": "round", "name": "Rounding", "currency": "EUR",
          "fields": [field],
          "categories": [{"id": "all", "label": "All"}],
          "criteria": [{"id": "c", "label": "C", "category": "all", "field": "x", "rule": rule}],
          "tiers": [{"id": "t", "label": "T", "min_score": min_score}]
        })
    };
    let plan_for = |p: Value| {
        let sc = Scorecard::from_value(&p).unwrap();
        let report = sc.gaps(&profile(&sc, json!({"values": {}})), &GapOptions::on(day("2026-06-01"))).unwrap();
        let plan = report.tracks[0].plan.clone().unwrap();
        (plan.changes[0].to.clone(), plan.optimal, plan.total_after)
    };
    // Revenue 0..200,000 for 30 points; 20 points need 133,333.33: asked as 134,000 (three
    // significant digits), which gives 30 × 134,000 / 200,000 = 20.1 points.
    let revenue = json!({"id": "x", "label": "Revenue", "type": "number", "min": 0, "unit": "EUR"});
    let (to, optimal, total) = plan_for(program(revenue, json!({"type": "linear", "from": 0, "target": 200000, "points": 30}), 20.0));
    assert_eq!((to, optimal, total), (val!(134000), true, 20.1));
    // Customer satisfaction 50..90 % for 10 points; 7.3 points need 79.2 %: asked as 80 %.
    let csat = json!({"id": "x", "label": "CSAT", "type": "number", "min": 0, "max": 100, "unit": "percent"});
    let (to, optimal, total) = plan_for(program(csat, json!({"type": "linear", "from": 50, "target": 90, "points": 10}), 7.3));
    assert_eq!((to, optimal, total), (val!(80), true, 7.5));
    // Below a thousand, whole units of money: 0..500 for 10 points, 3 points need 150.
    let small = json!({"id": "x", "label": "Spend", "type": "number", "min": 0, "unit": "EUR"});
    let (to, _, _) = plan_for(program(small, json!({"type": "linear", "from": 0, "target": 500, "points": 10}), 3.1));
    // 3.1 points need 155: whole euros.
    assert_eq!(to, val!(155));
    // A decimal field without a unit keeps hundredths: 0..3 for 10 points, 1 point needs 0.3.
    let plain = json!({"id": "x", "label": "Ratio", "type": "number", "min": 0});
    let (to, _, _) = plan_for(program(plain, json!({"type": "linear", "from": 0, "target": 3, "points": 10}), 1.07));
    // 1.07 points need 0.321: 0.33.
    assert_eq!(to, val!(0.33));
}

/// Every step says what it earns on its own, and no step is there that the plan reaches its
/// tier without (issue 15).
#[test]
fn each_step_says_what_it_earns() {
    let sc = Scorecard::from_value(&demo_program()).unwrap();
    // 5 engineers × 4 = 20 (the cap), CSAT 9 = 20, support desk 5: 45 points, Silver.
    let p = profile(&sc, json!({"values": {"engineers": 5, "csat": 9, "noc": true}}));
    let report = sc.gaps(&p, &GapOptions::on(day("2026-11-25"))).unwrap();
    let plan = report.tracks[0].plan.as_ref().unwrap();
    // Gold: 50 points, 20 deals, three certifications of which two technical. 20 deals are
    // the 20-point band and meet the deals requirement; three certifications are 3 × 3 = 9
    // points and meet the other: 45 + 20 + 9 = 74 points.
    let steps: Vec<(&str, f64, u32)> = plan.changes.iter().map(|c| (c.field.as_str(), c.points, c.meets)).collect();
    assert_eq!(steps, [("deals", 20.0, 1), ("certs", 9.0, 1)]);
    assert_eq!((plan.tier_after.id.as_str(), plan.total_after), ("gold", 74.0));
}

/// A program names its unit of plan effort, for pages to say plans' effort in (issue 15).
#[test]
fn a_program_names_its_unit_of_effort() {
    let mut program = demo_program();
    program["effort_unit"] = json!({"en": "hours of work", "de": "Arbeitsstunden"});
    let sc = Scorecard::from_value(&program).unwrap();
    let form = serde_json::to_value(sc.program().form()).unwrap();
    assert_eq!(form["effort_unit"], json!({"en": "hours of work", "de": "Arbeitsstunden"}));
    program["effort_unit"] = json!(3);
    let error = Scorecard::from_value(&program).unwrap_err();
    assert_eq!(error.issues[0].path, "effort_unit");
    assert!(serde_json::to_value(Scorecard::from_value(&demo_program()).unwrap().program().form()).unwrap().get("effort_unit").is_none());
}

/// Plans are for a horizon (default 90 days, `horizon_days`): a certification that expires
/// before it does not count, and the plan renews it where it needs it (issue 15).
#[test]
fn plans_renew_what_expires_before_their_horizon() {
    let sc = Scorecard::from_value(&demo_program()).unwrap();
    let p = profile(
        &sc,
        json!({"values": {"engineers": 3, "deals": 14, "csat": 7.8, "years": 3, "certs": [
            {"kind": "tech", "name": "Cloud Pro", "holder": "Ann", "earned": "2024-01-01", "expires": "2026-10-01"},
            {"kind": "sales", "name": "Seller", "expires": "2027-01-10"}]}}),
    );
    // As plan_meets_requirements_and_points_together, but the sales certification expires in
    // 46 days, before the 90-day horizon: Gold's three certifications (two technical) need it
    // renewed too. Effort: deals 6 × 0.5 = 3, renew Cloud Pro 2, renew Seller 2, one new
    // technical 4: 11. At the horizon: 12 + 20 + 14 + 3 × 3 = 55 points.
    let report = sc.gaps(&p, &GapOptions::on(day("2026-11-25"))).unwrap();
    let plan = report.tracks[0].plan.as_ref().unwrap();
    assert_eq!((plan.effort, plan.total_after, plan.tier_after.id.as_str()), (11.0, 55.0, "gold"));
    assert_eq!(
        plan.summary,
        "Deal registrations 14 → 20, renew Seller (expires 2027-01-10), renew Cloud Pro of Ann (expired 2026-10-01), add 1 Technical certification"
    );
    let renewals = &plan.changes[1].renew_certifications;
    assert_eq!(renewals, &[Some("Cloud Pro".to_string()), Some("Seller".to_string())]);
    // Applied to the profile as written, Seller is renewed from today for its validity.
    let parse = |v: &Value| partner_scorecard::text::value::parse(&v.to_string()).unwrap();
    let written = json!({"values": {"engineers": 3, "deals": 14, "csat": 7.8, "years": 3, "certs": [
        {"kind": "tech", "name": "Cloud Pro", "holder": "Ann", "earned": "2024-01-01", "expires": "2026-10-01"},
        {"kind": "sales", "name": "Seller", "expires": "2027-01-10"}]}});
    let after = sc.apply_plan_json(&parse(&written), &parse(&serde_json::to_value(plan).unwrap()), day("2026-11-25")).unwrap();
    let after: Value = serde_json::from_str(&partner_scorecard::text::json_write::to_string(&after).unwrap()).unwrap();
    assert_eq!(after["values"]["certs"][1], json!({"kind": "sales", "name": "Seller", "earned": "2026-11-25"}));
    // With no horizon the plan is for today, where Seller still counts: effort 9.
    let today = sc.gaps(&p, &today_options(day("2026-11-25"))).unwrap();
    assert_eq!(today.tracks[0].plan.as_ref().unwrap().effort, 9.0);
}
