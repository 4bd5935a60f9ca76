//! Evaluation speed on one core for the classic reseller program (www/programs/classic-reseller.json):
//! full explained evaluations, compact evaluations (score and tier, as batch scoring uses
//! them) and program preparation.
//!
//! Run with `cargo bench --bench evaluate`. Prints a table; targets from issue 3 are
//! >= 200,000 full and >= 2,000,000 compact evaluations per second.

use partner_scorecard::analysis::synth::Rng;
use partner_scorecard::program::model::FieldKind;
use partner_scorecard::{Date, EvalOptions, FieldValue, Profile, Scorecard};
use serde_json::{json, Map, Value};
use std::hint::black_box;
use std::time::{Duration, Instant};

const PROFILES: usize = 400;
const MEASURE: Duration = Duration::from_millis(1500);

/// Used only when the shipped program cannot be read: a comparable 14-criterion program.
fn fallback_program() -> String {
    let mut fields = vec![];
    let mut criteria = vec![];
    for i in 0..10 {
        fields.push(json!({"id": format!("n{i}"), "label": format!("Number {i}"), "type": "number", "min": 0, "integer": i % 2 == 0}));
        let rule = match i % 4 {
            0 => json!({"type": "per_unit", "per": 2, "cap": 10}),
            1 => json!({"type": "linear", "target": 100, "points": 10}),
            2 => json!({"type": "bands", "bands": [{"min": 5, "points": 3}, {"min": 10, "points": 6}, {"min": 20, "points": 10}]}),
            _ => json!({"type": "log", "target": 1_000_000, "points": 10}),
        };
        criteria
            .push(json!({"id": format!("c{i}"), "label": format!("C{i}"), "category": if i < 5 { "performance" } else { "capability" },
            "field": format!("n{i}"), "rule": rule}));
    }
    fields.push(json!({"id": "plan", "label": "Plan", "type": "boolean"}));
    criteria
        .push(json!({"id": "plan", "label": "Plan", "category": "engagement", "field": "plan", "rule": {"type": "yes_no", "points": 5}}));
    fields.push(
        json!({"id": "fit", "label": "Fit", "type": "choice", "options": [{"id": "low", "label": "Low"}, {"id": "high", "label": "High"}]}),
    );
    criteria.push(json!({"id": "fit", "label": "Fit", "category": "engagement", "field": "fit", "rule": {"type": "options", "points": {"low": 1, "high": 5}}}));
    fields.push(json!({"id": "certs", "label": "Certifications", "type": "certifications",
        "kinds": [{"id": "sales", "label": "Sales"}, {"id": "technical", "label": "Technical"}]}));
    criteria.push(json!({"id": "certs", "label": "Certs", "category": "capability", "field": "certs", "rule": {"type": "certifications", "per": 3, "cap": 15}}));
    criteria.push(json!({"id": "tech", "label": "Tech", "category": "capability", "field": "certs",
        "rule": {"type": "certifications", "kinds": ["technical"], "per": 5, "cap": 10}}));
    json!({
        "format": 1, "id": "fallback", "name": "Fallback benchmark program", "retention": {"grace_days": 90},
        "fields": fields,
        "categories": [{"id": "performance", "label": "Performance"}, {"id": "capability", "label": "Capability"}, {"id": "engagement", "label": "Engagement"}],
        "criteria": criteria,
        "tiers": [
            {"id": "registered", "label": "Registered", "requires": [{"field": "plan", "op": "=", "value": true}]},
            {"id": "silver", "label": "Silver", "min_score": 30},
            {"id": "gold", "label": "Gold", "min_score": 60, "requires": [{"certifications": "certs", "min": 3, "of_which": {"kinds": ["technical"], "min": 1}}]},
            {"id": "platinum", "label": "Platinum", "min_score": 90, "requires": [{"category": "capability", "min_share": 60}, {"all_criteria_above_zero": true}]}
        ]
    })
    .to_string()
}

/// Varied profiles: empty, partial and full, with values across each field's range,
/// certifications of every kind, some expired, some held tiers in their grace period.
fn profiles(scorecard: &Scorecard, count: usize) -> Vec<Profile> {
    // The crate's seeded generator, so every run measures the same profiles.
    let mut rng = Rng::new(0x9e37_79b9_7f4a_7c15);
    let as_of = Date::parse("2026-06-30").unwrap().days_since_epoch();
    (0..count)
        .map(|i| {
            let fill = [0.0, 0.5, 0.9, 1.0][i % 4];
            let mut values = Map::new();
            for field in scorecard.fields() {
                if rng.unit() >= fill {
                    continue;
                }
                let value = match &field.kind {
                    FieldKind::Number { min, max, integer, .. } => {
                        let lo = min.unwrap_or(0.0);
                        let hi = max.unwrap_or_else(|| [10.0, 50.0, 1_000.0, 5_000_000.0][rng.below(4)]);
                        let n = lo + (hi - lo) * rng.unit() * rng.unit();
                        json!(if *integer { n.floor() } else { (n * 100.0).round() / 100.0 })
                    }
                    FieldKind::Boolean => json!(rng.below(2) == 1),
                    FieldKind::Choice { options } => json!(options[rng.below(options.len())].id),
                    FieldKind::MultiChoice { options } => {
                        Value::Array(options.iter().filter(|_| rng.below(2) == 1).map(|o| json!(o.id)).collect())
                    }
                    FieldKind::Date => json!(Date::from_days_since_epoch(as_of - rng.below(3650) as i32).to_string()),
                    FieldKind::Certifications { kinds } => Value::Array(
                        (0..rng.below(9))
                            .map(|_| {
                                let earned = as_of - 100 - rng.below(1000) as i32;
                                let mut cert = json!({"earned": Date::from_days_since_epoch(earned).to_string(),
                                    "expires": Date::from_days_since_epoch(earned + 365 + rng.below(700) as i32).to_string()});
                                if !kinds.is_empty() {
                                    cert["kind"] = json!(kinds[rng.below(kinds.len())].id);
                                }
                                cert
                            })
                            .collect(),
                    ),
                };
                values.insert(field.id.clone(), value);
            }
            let mut profile = json!({"partner": format!("P{i}"), "values": values});
            if i % 5 == 0 {
                let tier = &scorecard.tier_ids()[scorecard.tier_ids().len() - 1];
                let short = Date::from_days_since_epoch(as_of - rng.below(120) as i32).to_string();
                profile["current_tiers"] = json!([{"tier": tier, "since": "2024-07-01", "short_since": short}]);
            }
            scorecard.profile_from_value(&profile).unwrap_or_else(|e| panic!("generated profile rejected: {e}"))
        })
        .collect()
}

/// Runs `f` over the profiles until `MEASURE` has passed; returns operations per second.
fn rate(profiles: &[Profile], mut f: impl FnMut(&Profile)) -> f64 {
    for p in profiles {
        f(p);
    }
    let start = Instant::now();
    let mut done = 0u64;
    while start.elapsed() < MEASURE {
        for p in profiles {
            f(p);
        }
        done += profiles.len() as u64;
    }
    done as f64 / start.elapsed().as_secs_f64()
}

fn thousands(n: f64) -> String {
    let digits = format!("{:.0}", n);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn main() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/www/programs/classic-reseller.json");
    let (name, text) = match std::fs::read_to_string(path) {
        Ok(text) => ("www/programs/classic-reseller.json", text),
        Err(e) => {
            println!("NOTE: could not read {path} ({e}); measuring a comparable built-in program instead");
            ("built-in fallback program", fallback_program())
        }
    };
    let scorecard = Scorecard::from_json(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let profiles = profiles(&scorecard, PROFILES);
    let filled: usize = profiles.iter().map(|p| p.values.iter().filter(|v| **v != FieldValue::Empty).count()).sum();
    let options = EvalOptions::on(Date::parse("2026-06-30").unwrap());
    let resolved = scorecard.resolve(&options).unwrap();

    let prepare_runs = 2_000;
    let start = Instant::now();
    for _ in 0..prepare_runs {
        black_box(Scorecard::from_json(black_box(&text)).unwrap());
    }
    let prepare = start.elapsed() / prepare_runs;

    let full = rate(&profiles, |p| {
        black_box(scorecard.evaluate_resolved(black_box(p), &resolved));
    });
    let mut out = Vec::with_capacity(4);
    let compact = rate(&profiles, |p| {
        out.clear();
        scorecard.score_into(black_box(p), &resolved, &mut out);
        black_box(&out);
    });

    // Reading a realistic profile's JSON text, the step every call of the JavaScript API
    // starts with: through the value tree, and straight into the engine's form.
    let profile_path = concat!(env!("CARGO_MANIFEST_DIR"), "/bench/fixtures/realistic-profile.json");
    let profile_text = std::fs::read_to_string(profile_path).unwrap_or_default();
    let per_read = |f: &dyn Fn()| {
        let runs = 100_000;
        let start = Instant::now();
        for _ in 0..runs {
            f();
        }
        start.elapsed().as_secs_f64() * 1e6 / runs as f64
    };
    let through_tree = per_read(&|| {
        let value = partner_scorecard::text::value::parse(black_box(&profile_text)).unwrap();
        black_box(scorecard.profile_from_parsed(&value).ok());
    });
    let direct = per_read(&|| {
        black_box(scorecard.read_profile_direct(black_box(&profile_text)));
    });

    println!();
    println!("partner-scorecard evaluation benchmark (one core)");
    println!("program: {name} ({} fields, {} tiers)", scorecard.fields().len(), scorecard.tier_ids().len());
    println!("profiles: {} varied ({} values filled in total; every 5th holds a tier in grace)", profiles.len(), filled);
    println!();
    println!("| measure                         | result              | target          |");
    println!("|---------------------------------|---------------------|-----------------|");
    println!("| full explained evaluations / s  | {:>19} | >= 200,000      |", thousands(full));
    println!("| compact evaluations / s         | {:>19} | >= 2,000,000    |", thousands(compact));
    println!("| program preparation             | {:>16.1} µs |                 |", prepare.as_secs_f64() * 1e6);
    println!("| read a {:>4}-byte profile, tree  | {:>16.2} µs |                 |", profile_text.len(), through_tree);
    println!("| the same, read directly         | {:>16.2} µs |                 |", direct);
    println!();
    let verdict = |ok: bool| if ok { "met" } else { "MISSED" };
    println!("full target {}, compact target {}", verdict(full >= 200_000.0), verdict(compact >= 2_000_000.0));
}
