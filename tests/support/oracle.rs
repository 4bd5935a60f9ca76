//! What the two plan oracles share (tests/plan_oracle.rs for number fields,
//! tests/plan_oracle_kinds.rs for the other kinds): walking every combination of candidate
//! values, and checking a plan against the exhaustive optimum.

use partner_scorecard::analysis::gap::Plan;
use partner_scorecard::{Date, EvalOptions, Profile, Scorecard};

/// Calls `f` with every combination of indexes below `lens` (an odometer: the first index
/// turns fastest).
pub fn each_combination(lens: &[usize], mut f: impl FnMut(&[usize])) {
    if lens.contains(&0) {
        return;
    }
    let mut index = vec![0usize; lens.len()];
    loop {
        f(&index);
        let mut i = 0;
        while i < index.len() {
            index[i] += 1;
            if index[i] < lens[i] {
                break;
            }
            index[i] = 0;
            i += 1;
        }
        if i == index.len() {
            return;
        }
    }
}

/// A plan against the exhaustive optimum `best`: it reaches tier "t" when applied, costs no
/// less than the optimum, and exactly that when it says `optimal: true`. Returns whether it
/// said so.
pub fn check_plan(sc: &Scorecard, profile: &Profile, plan: &Plan, best: f64, as_of: Date, context: impl Fn() -> String) -> bool {
    let after = sc.apply_plan(profile, plan);
    let ev = sc.evaluate(&after, &EvalOptions::on(as_of)).unwrap();
    assert_eq!(ev.tracks[0].earned_tier.as_ref().map(|t| t.id.as_str()), Some("t"), "{}", context());
    assert!(plan.effort + 1e-6 >= best, "plan effort {} below the exhaustive optimum {best}: {}", plan.effort, context());
    if plan.optimal {
        assert!((plan.effort - best).abs() <= 1e-6, "optimal: true, but effort {} against {best}: {}", plan.effort, context());
    }
    plan.optimal
}
