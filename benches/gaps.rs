//! Gap analysis speed: full reports (unmet requirements, least-effort plan, up to three
//! alternatives, expiry outlook) for a 30-criterion program, on one core.
//!
//! Run with `cargo bench --bench gaps`. Prints a table; asserts nothing.

use partner_scorecard::analysis::gap::GapOptions;
use partner_scorecard::analysis::synth::Rng;
use partner_scorecard::{Date, Profile, Scorecard};
use serde_json::{json, Value};
use std::hint::black_box;
use std::time::Instant;

/// 30 criteria over 24 fields of every kind, five categories, four tiers with requirements.
fn program() -> Value {
    let mut fields = Vec::new();
    let mut criteria = Vec::new();
    let categories = ["performance", "capability", "engagement", "success", "fit"];
    for i in 0..12 {
        let integer = i % 2 == 0;
        fields.push(json!({"id": format!("n{i}"), "label": format!("Number {i}"), "type": "number", "min": 0, "integer": integer}));
        let rule = match i % 4 {
            0 => json!({"type": "per_unit", "per": 2, "cap": 10}),
            1 => json!({"type": "linear", "target": 100, "points": 10}),
            2 => json!({"type": "bands", "bands": [{"min": 5, "points": 3}, {"min": 10, "points": 6}, {"min": 20, "points": 10}]}),
            _ => json!({"type": "log", "target": 1_000_000, "points": 10}),
        };
        criteria.push(json!({"id": format!("c{i}"), "label": format!("Criterion {i}"), "category": categories[i % 5], "field": format!("n{i}"), "rule": rule}));
    }
    for i in 0..6 {
        fields.push(json!({"id": format!("b{i}"), "label": format!("Yes/no {i}"), "type": "boolean"}));
        criteria.push(json!({"id": format!("yb{i}"), "label": "Yes/no", "category": categories[i % 5], "field": format!("b{i}"), "rule": {"type": "yes_no", "points": 4}}));
    }
    for i in 0..4 {
        fields.push(json!({"id": format!("o{i}"), "label": format!("Fit {i}"), "type": "choice",
            "options": [{"id": "low", "label": "Low"}, {"id": "medium", "label": "Medium"}, {"id": "high", "label": "High"}]}));
        criteria.push(json!({"id": format!("fit{i}"), "label": "Fit", "category": "fit", "field": format!("o{i}"),
            "rule": {"type": "options", "points": {"low": 0, "medium": 3, "high": 6}}}));
    }
    fields.push(json!({"id": "industries", "label": "Industries", "type": "multi_choice",
        "options": [{"id": "health", "label": "Health"}, {"id": "finance", "label": "Finance"}, {"id": "retail", "label": "Retail"}, {"id": "public", "label": "Public"}]}));
    criteria.push(json!({"id": "ind", "label": "Industries", "category": "fit", "field": "industries",
        "rule": {"type": "options", "points": {"health": 3, "finance": 3, "retail": 2, "public": 2}, "cap": 8}}));
    fields.push(json!({"id": "certs", "label": "Certifications", "type": "certifications",
        "kinds": [{"id": "sales", "label": "Sales"}, {"id": "tech", "label": "Technical"}, {"id": "presales", "label": "Presales"}]}));
    for (i, kinds) in [
        json!(["tech"]),
        json!(["sales", "presales"]),
        json!(["tech", "presales"]),
        json!(["sales"]),
        json!(["tech"]),
        json!(["sales", "tech", "presales"]),
        json!(["presales"]),
    ]
    .into_iter()
    .enumerate()
    {
        criteria.push(json!({"id": format!("cert{i}"), "label": "Certifications", "category": "capability", "field": "certs",
            "rule": {"type": "certifications", "kinds": kinds, "per": 2, "cap": 6}}));
    }
    fields.push(json!({"id": "years", "label": "Years in business", "type": "number", "min": 0, "actionable": false}));
    assert_eq!(criteria.len(), 30);
    json!({
        "format": 1, "id": "bench", "name": "Benchmark program",
        "fields": fields,
        "categories": categories.iter().map(|c| json!({"id": c, "label": c})).collect::<Vec<_>>(),
        "criteria": criteria,
        "tiers": [
            {"id": "registered", "label": "Registered", "min_score": 20},
            {"id": "silver", "label": "Silver", "min_score": 60, "requires": [{"field": "n0", "op": ">=", "value": 3}]},
            {"id": "gold", "label": "Gold", "min_score": 110, "requires": [
                {"certifications": "certs", "kinds": ["tech", "sales"], "min": 4, "of_which": {"kinds": ["tech"], "min": 2}},
                {"category": "capability", "min_share": 50}]},
            {"id": "platinum", "label": "Platinum", "min_score": 160, "requires": [{"field": "years", "op": ">=", "value": 3}, {"all_criteria_above_zero": true}]}
        ]
    })
}

fn profiles(sc: &Scorecard) -> Vec<Profile> {
    // The crate's seeded generator: every run measures the same profiles.
    let mut rng = Rng::new(0x2545_f491_4f6c_dd1d);
    let mut next = move || rng.next_u64();
    (0..200)
        .map(|_| {
            let mut values = serde_json::Map::new();
            for i in 0..12 {
                let v = match i % 4 {
                    3 => (next() % 1_500_000) as f64,
                    1 => (next() % 120) as f64,
                    _ => (next() % 25) as f64,
                };
                values.insert(format!("n{i}"), json!(v));
            }
            for i in 0..6 {
                values.insert(format!("b{i}"), json!(next() % 2 == 0));
            }
            for i in 0..4 {
                let fit = ["low", "medium", "high"][(next() % 3) as usize];
                values.insert(format!("o{i}"), json!(fit));
            }
            values.insert("industries".into(), json!(["health"]));
            let certs: Vec<Value> = (0..next() % 6)
                .map(|k| {
                    let kind = ["sales", "tech", "presales"][(k % 3) as usize];
                    let expires = if next() % 3 == 0 { "2026-10-01" } else { "2027-06-30" };
                    json!({"kind": kind, "expires": expires})
                })
                .collect();
            values.insert("certs".into(), Value::Array(certs));
            values.insert("years".into(), json!(next() % 10));
            sc.profile_from_value(&json!({ "values": values })).expect("benchmark profile is valid")
        })
        .collect()
}

fn main() {
    let sc = Scorecard::from_value(&program()).expect("benchmark program is valid");
    let profiles = profiles(&sc);
    let options = GapOptions::on(Date::parse("2026-11-25").unwrap());
    // Warm up, then time whole passes over the profiles.
    for p in &profiles {
        black_box(sc.gaps(p, &options).unwrap());
    }
    let mut times: Vec<f64> = Vec::new();
    let mut planned = 0;
    for p in &profiles {
        let start = Instant::now();
        let report = black_box(sc.gaps(p, &options).unwrap());
        times.push(start.elapsed().as_secs_f64() * 1e6);
        planned += report.tracks.iter().filter(|t| t.plan.is_some()).count();
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    let p95 = times[times.len() * 95 / 100];
    let p99 = times[times.len() * 99 / 100];
    let max = times[times.len() - 1];
    let mut no_alternatives = options.clone();
    no_alternatives.alternatives = 0;
    let mut plan_times: Vec<f64> = profiles
        .iter()
        .map(|p| {
            let start = Instant::now();
            black_box(sc.gaps(p, &no_alternatives).unwrap());
            start.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    let plan_only = plan_times.iter().sum::<f64>() / plan_times.len() as f64;
    plan_times.sort_by(f64::total_cmp);
    let plan_p99 = plan_times[plan_times.len() * 99 / 100];
    println!("gap analysis, 30-criterion program, {} profiles ({planned} with a plan), one core", profiles.len());
    println!("| measure                                  | time      |");
    println!("|------------------------------------------|-----------|");
    println!("| full report, median                      | {median:>6.0} µs |");
    println!("| full report, 95th percentile             | {p95:>6.0} µs |");
    println!("| full report, 99th percentile             | {p99:>6.0} µs |");
    println!("| full report, slowest                     | {max:>6.0} µs |");
    println!("| best plan only (no alternatives), mean   | {plan_only:>6.0} µs |");
    println!("| best plan only, 99th percentile          | {plan_p99:>6.0} µs |");
}
