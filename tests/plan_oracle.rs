//! Least-effort plans against an independent oracle (issue 13): an exhaustive search over a
//! fine grid of values (every whole number for integer fields, every hundredth for decimal
//! ones), not over the plan search's own candidates. Random small programs of number fields
//! with every rule kind and the gates that need a value above zero, a threshold or a
//! category's points; each field's points come from the engine's own evaluation (the ground
//! truth), combined by the oracle, which knows only that a criterion depends on one field.
//! A plan must reach the tier, cost no less than the grid's optimum, and cost exactly that
//! when it says `optimal: true`.

#[path = "support/fixtures.rs"]
mod fixtures;
#[path = "support/oracle.rs"]
mod oracle;

use partner_scorecard::analysis::gap::{GapOptions, GapStatus};
use partner_scorecard::analysis::synth::Rng;
use partner_scorecard::{Date, EvalOptions, Scorecard};
use serde_json::{json, Map, Value};

const PROGRAMS: usize = 120;
const PROFILES_PER_PROGRAM: usize = 3;
/// Grids: whole numbers 0..=20, hundredths 0.00..=1.50.
const INTEGER_TOP: i64 = 20;
const DECIMAL_TOP_HUNDREDTHS: i64 = 150;

struct FieldSpec {
    id: String,
    integer: bool,
    /// Effort per unit of change (the program's `effort`).
    effort: f64,
}

impl FieldSpec {
    /// The grid from `base` up, in the field's own units.
    fn grid_from(&self, base: f64) -> Vec<f64> {
        if self.integer {
            (base.round() as i64..=INTEGER_TOP).map(|v| v as f64).collect()
        } else {
            ((base * 100.0).round() as i64..=DECIMAL_TOP_HUNDREDTHS).map(|h| h as f64 / 100.0).collect()
        }
    }

    /// A value on the grid, scaled: `fraction` of the field's top.
    fn at(&self, fraction: f64) -> f64 {
        if self.integer {
            (fraction * INTEGER_TOP as f64).round()
        } else {
            (fraction * DECIMAL_TOP_HUNDREDTHS as f64).round() / 100.0
        }
    }
}

fn random_program(rng: &mut Rng) -> (Value, Vec<FieldSpec>) {
    let count = 1 + rng.below(3);
    // At most two decimal fields: their grids are the large ones.
    let specs: Vec<FieldSpec> = (0..count)
        .map(|i| FieldSpec { id: format!("f{i}"), integer: i == 2 || rng.below(2) == 0, effort: [0.5, 1.0, 2.0, 3.0][rng.below(4)] })
        .collect();
    let mut fields = Vec::new();
    let mut criteria = Vec::new();
    for (i, f) in specs.iter().enumerate() {
        fields.push(json!({"id": f.id, "label": format!("F{i}"), "type": "number", "min": 0, "integer": f.integer, "effort": f.effort}));
        // Rules whose breakpoints sit on the grid, reaching their maximum inside it.
        let top = f.at(1.0);
        let rule = match rng.below(4) {
            0 => {
                let cap = [4.0, 6.0, 10.0][rng.below(3)];
                json!({"type": "per_unit", "per": cap / f.at(0.25 + 0.5 * rng.unit()).max(if f.integer { 1.0 } else { 0.01 }), "cap": cap})
            }
            1 => {
                let points = [5.0, 8.0][rng.below(2)];
                json!({"type": "linear", "from": f.at(0.2 * rng.unit()), "target": f.at(0.5 + 0.4 * rng.unit()), "points": points})
            }
            2 => {
                json!({"type": "bands", "bands": [{"min": f.at(0.1), "points": 2}, {"min": f.at(0.4), "points": 5}, {"min": f.at(0.8), "points": 8}]})
            }
            _ => json!({"type": "log", "target": top * 0.75, "scale": top / 10.0, "points": 6}),
        };
        criteria.push(json!({"id": format!("c{i}"), "label": format!("C{i}"), "category": if rng.below(2) == 0 { "x" } else { "y" }, "field": f.id, "rule": rule}));
    }
    let mut requires = Vec::new();
    if rng.below(2) == 0 {
        requires.push(json!({"all_criteria_above_zero": true}));
    }
    if rng.below(3) == 0 {
        let f = &specs[rng.below(specs.len())];
        requires.push(json!({"field": f.id, "op": ">=", "value": f.at(0.3 * rng.unit())}));
    }
    if rng.below(3) == 0 && criteria.iter().any(|c| c["category"] == "x") {
        requires.push(json!({"category": "x", "min_points": 1 + rng.below(3)}));
    }
    let program = json!({
        "format": 1, "id": "oracle", "name": "Oracle",
        "fields": fields,
        "categories": [{"id": "x", "label": "X"}, {"id": "y", "label": "Y"}],
        "criteria": criteria,
        // min_score a share of the points the fields can give; filled in by the caller.
        "tiers": [{"id": "t", "label": "T", "requires": requires}]
    });
    (program, specs)
}

/// Points per criterion (in program order) and category for one profile, from the engine.
fn points(sc: &Scorecard, values: &Map<String, Value>, as_of: Date) -> (Vec<f64>, Vec<f64>) {
    let profile = sc.profile_from_value(&json!({"values": values})).unwrap();
    let ev = sc.evaluate(&profile, &EvalOptions::on(as_of)).unwrap();
    let track = &ev.tracks[0];
    (track.criteria.iter().map(|c| c.points).collect(), track.categories.iter().map(|c| c.points).collect())
}

#[test]
fn plans_cost_what_an_exhaustive_grid_search_finds() {
    let mut rng = Rng::new(13);
    let as_of = Date::parse("2026-06-01").unwrap();
    let (mut compared, mut optimal_checked) = (0, 0);
    for case in 0..PROGRAMS {
        let (mut program, specs) = random_program(&mut rng);
        let max: f64 = Scorecard::from_value(&program).unwrap_or_else(|e| panic!("case {case}: {e}")).max_total(0, None);
        program["tiers"][0]["min_score"] = json!(((0.3 + 0.6 * rng.unit()) * max * 100.0).round() / 100.0);
        let sc = Scorecard::from_value(&program).unwrap_or_else(|e| panic!("case {case}: {e}"));
        let requires = program["tiers"][0]["requires"].as_array().unwrap().clone();
        let min_score = program["tiers"][0]["min_score"].as_f64().unwrap();
        for _ in 0..PROFILES_PER_PROGRAM {
            // A start: each field given (on the grid, low) or not.
            let mut base_values = Map::new();
            let bases: Vec<f64> = specs
                .iter()
                .map(|f| {
                    if rng.below(4) == 0 {
                        0.0
                    } else {
                        let v = f.at(0.4 * rng.unit());
                        base_values.insert(f.id.clone(), json!(v));
                        v
                    }
                })
                .collect();
            let (base_criteria, _) = points(&sc, &base_values, as_of);
            // The oracle's table: for each field, each grid value, its criterion's points and
            // category, from the engine with only that field changed.
            let table: Vec<Vec<(f64, f64)>> = specs
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    f.grid_from(bases[i])
                        .into_iter()
                        .map(|v| {
                            let mut values = base_values.clone();
                            values.insert(f.id.clone(), json!(v));
                            (v, points(&sc, &values, as_of).0[i])
                        })
                        .collect()
                })
                .collect();
            let category_of: Vec<&str> = program["criteria"].as_array().unwrap().iter().map(|c| c["category"].as_str().unwrap()).collect();
            let holds = |choice: &[(f64, f64)]| {
                let total: f64 = choice.iter().map(|c| c.1).sum();
                if total + 1e-9 < min_score {
                    return false;
                }
                requires.iter().all(|r| {
                    if r.get("all_criteria_above_zero").is_some() {
                        choice.iter().all(|c| c.1 > 0.0)
                    } else if let Some(field) = r["field"].as_str() {
                        let i = specs.iter().position(|f| f.id == field).unwrap();
                        choice[i].0 + 1e-9 >= r["value"].as_f64().unwrap()
                    } else {
                        let in_x: f64 = choice.iter().zip(&category_of).filter(|(_, c)| **c == "x").map(|(c, _)| c.1).sum();
                        in_x + 1e-9 >= r["min_points"].as_f64().unwrap()
                    }
                })
            };
            let base_choice: Vec<(f64, f64)> = bases.iter().zip(&base_criteria).map(|(b, p)| (*b, *p)).collect();
            if holds(&base_choice) {
                continue; // already there: no plan to compare
            }
            // Exhaustive: every combination of grid values.
            let mut best: Option<f64> = None;
            let lens: Vec<usize> = table.iter().map(Vec::len).collect();
            oracle::each_combination(&lens, |index| {
                let choice: Vec<(f64, f64)> = index.iter().enumerate().map(|(i, &k)| table[i][k]).collect();
                let cost: f64 = choice.iter().zip(&specs).zip(&bases).map(|((c, f), b)| f.effort * (c.0 - b)).sum();
                if best.is_none_or(|b| cost < b - 1e-12) && holds(&choice) {
                    best = Some(cost);
                }
            });
            let Some(best) = best else { continue };
            let profile = sc.profile_from_value(&json!({"values": base_values})).unwrap();
            let mut options = GapOptions::on(as_of);
            options.target = Some("t".into());
            options.alternatives = 0;
            // The oracle prices plans for today (certifications valid as of today).
            options.horizon_days = 0;
            let report = sc.gaps(&profile, &options).unwrap();
            let track = &report.tracks[0];
            let context = || format!("case {case}: program {program}\nstart {base_values:?}\nreport {:?}", track.plan);
            assert_eq!(track.status, GapStatus::Plan, "a plan exists within the grid (cost {best}), none was found: {}", context());
            let plan = track.plan.as_ref().unwrap();
            // The plan reaches the tier, costs no less than the grid's optimum (its values are
            // on the grid too), and exactly that when it says so.
            if oracle::check_plan(&sc, &profile, plan, best, as_of, context) {
                optimal_checked += 1;
            }
            compared += 1;
        }
    }
    // The comparison ran on enough cases to mean something.
    assert!(compared >= 100, "only {compared} plans compared");
    assert!(optimal_checked * 3 >= compared, "only {optimal_checked} of {compared} plans claimed optimal");
    eprintln!("plan_oracle: {compared} plans compared with the exhaustive optimum, {optimal_checked} of them claimed and proven optimal");
}
