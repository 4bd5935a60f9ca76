//! The program lab's engine: a partner base read once from CSV, segmented, re-segmented
//! after program edits, and exported. Expected values are worked out by hand from
//! tests/e2e/fixtures/lab-program.json and lab-partners.csv (the page tests use the same files).
#![cfg(not(target_arch = "wasm32"))] // Reads the fixtures from disk.

#[path = "support/fixtures.rs"]
mod fixtures;

use partner_scorecard::analysis::segment::{export_csv, segment, Movement, PartnerBase, SegmentOptions};
use partner_scorecard::{Date, Scorecard};
use serde_json::Value;

use fixtures::lab_fixture as fixture;

fn program() -> Value {
    serde_json::from_str(&fixture("lab-program.json")).unwrap()
}

fn options() -> SegmentOptions {
    SegmentOptions::on(Date::parse("2026-06-01").unwrap())
}

// Points: engineers × 5 (at most 30) + 5 per valid certification (at most 20) are Capability
// (of 50); one point per deal up to 50 is Performance (of 50). Silver from 40; gold from 70
// with two valid certifications. Grace 90 days. On 2026-06-01:
//
//   line partner  region  held    eng    certs  deals  total  earned  now (why)
//   2    Alder    emea    gold    20     0      30     50     silver  gold (grace: short since 2026-05-01, until 2026-07-30)
//   3    Bright   emea    silver  30     10     26     66     silver  silver (unchanged; 4 short of gold)
//   4    Cobalt   apac    silver  10     0      20     30     -       -  (grace ran out 2026-03-01: demoted)
//   5    Delta    apac    -       30(8)  10     40     80     gold    gold (new)
//   6    Ember    -       silver  25     0      13     38     -       silver (grace from today: no short_since)
//   7    Fjord    emea    engineers "many": reported at line 7, column 6, skipped
//   8    Granite  emea    silver  15     5      25     45     silver  silver (unchanged)
//   9    Harbor   emea    silver  30     10     35     75     gold    gold (promoted)
#[test]
fn a_small_base_segments_as_worked_out_by_hand() {
    let sc = Scorecard::from_value(&program()).unwrap();
    let base = PartnerBase::from_csv(&sc, &fixture("lab-partners.csv")).unwrap();
    let seg = segment(&sc, &base, &options()).unwrap();
    let s = &seg.summary;
    assert_eq!((s.counts.rows, s.counts.evaluated, s.counts.skipped, s.counts.results), (8, 7, 1, 7));
    let e = &s.errors.shown[0];
    assert_eq!((s.errors.total, e.line, e.column, e.path.as_str()), (1, Some(7), Some(6), "engineers"));
    assert_eq!(e.message, "\"engineers\" must be a number, found the text \"many\"");

    let t = &s.tracks[0];
    assert_eq!(t.track, None);
    // Silver: Bright, Ember, Granite. Gold: Alder, Delta, Harbor. Unranked: Cobalt.
    assert_eq!((t.counts.tiers.clone(), t.counts.unranked, t.counts.partners), (vec![3, 3], 1, 7));
    let regions: Vec<(Option<&str>, Vec<usize>, usize)> =
        t.regions.iter().map(|r| (r.region.as_deref(), r.counts.tiers.clone(), r.counts.unranked)).collect();
    assert_eq!(regions, vec![(Some("emea"), vec![2, 2], 0), (Some("apac"), vec![0, 1], 1), (None, vec![1, 0], 0)]);
    assert_eq!(t.movement, Movement { promoted: 1, demoted: 1, unchanged: 2, held_grace: 2, held_anniversary: 0, new: 1, unranked: 0 });
    // (50 + 66 + 30 + 80 + 38 + 45 + 75) / 7 = 384 / 7.
    assert!((t.average_score - 384.0 / 7.0).abs() < 1e-9);

    // Capability share (x) and Performance share (y), high from 50%:
    // Alder 40/60, Bright 80/52, Cobalt 20/40, Delta 80/80, Ember 50/26, Granite 40/50, Harbor 80/70.
    let q = &s.segments;
    assert_eq!((q.x.category.as_str(), q.y.category.as_str()), ("capability", "performance"));
    assert_eq!((q.high_high, q.high_low, q.low_high, q.low_low), (3, 1, 2, 1));
    let points = seg.points(&sc);
    assert_eq!(points[..6], [40.0, 60.0, 2.0, 80.0, 52.0, 1.0]);

    // Within 10%: Ember is 2 of silver's 40 short (5%), Bright 4 of gold's 70 (5.7%); Alder
    // (20 of 70), Cobalt (10 of 40) and Granite (25 of 70) are further away.
    let reach: Vec<(&str, &str, f64)> =
        s.within_reach.shown.iter().map(|r| (r.partner.as_deref().unwrap(), r.next_tier.as_str(), r.deficit)).collect();
    assert_eq!(reach, vec![("Ember", "silver", 2.0), ("Bright, Inc.", "gold", 4.0)]);
    for r in &s.within_reach.shown {
        assert!(r.plan.is_some(), "{r:?}");
    }
    // Ember holds Silver by grace but earns no tier on its own: both are reported.
    let ember = &s.within_reach.shown[0];
    assert_eq!((ember.tier.as_deref(), ember.earned_tier.as_deref()), (Some("silver"), None));
    assert_eq!(s.within_reach.shown[1].earned_tier.as_deref(), Some("silver"));
    // Ember's cheapest way: one more engineer (+5 points) or two more deals (+2).
    assert_eq!(s.within_reach.shown[0].plan.as_deref(), Some("Deal registrations 13 → 15"));

    // Valid certifications ending within 90 days: Bright's on 2026-07-01 (30 days), Granite's on 2026-08-15 (75).
    let expiring: Vec<(&str, &str, i64)> =
        s.expiring.shown.iter().map(|x| (x.partner.as_deref().unwrap(), x.name.as_deref().unwrap(), x.days_left)).collect();
    assert_eq!(expiring, vec![("Bright, Inc.", "Cloud", 30), ("Granite", "Sales", 75)]);
}

#[test]
fn the_results_export_as_csv_with_plans_for_partners_within_reach() {
    let sc = Scorecard::from_value(&program()).unwrap();
    let base = PartnerBase::from_csv(&sc, &fixture("lab-partners.csv")).unwrap();
    let seg = segment(&sc, &base, &options()).unwrap();
    let csv = export_csv(&sc, &base, &seg, &[]);
    // Bright needs 4 points for gold (it has the two certifications): 4 more deals cost
    // 4 × 10/50 = 0.8 (a deal is worth a point up to 50), a third certification 4.
    let bright_plan = "Deal registrations 26 → 30";
    let expected = format!(
        "partner,region,track,score,tier,earned_tier,next_tier,deficit,plan\r\n\
         Alder,emea,,50,gold,silver,gold,20,\r\n\
         \"Bright, Inc.\",emea,,66,silver,silver,gold,4,{bright_plan}\r\n\
         Cobalt,apac,,30,,,silver,10,\r\n\
         Delta,apac,,80,gold,gold,,,\r\n\
         Ember,,,38,silver,,silver,2,Deal registrations 13 → 15\r\n\
         Granite,emea,,45,silver,silver,gold,25,\r\n\
         Harbor,emea,,75,gold,gold,,,\r\n"
    );
    assert_eq!(csv, expected);
    // The export reads back as the same number of records with the same header.
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(lines.len(), 9);
}

#[test]
fn a_program_edit_re_scores_the_same_base() {
    let mut program = program();
    let sc = Scorecard::from_value(&program).unwrap();
    let base = PartnerBase::from_csv(&sc, &fixture("lab-partners.csv")).unwrap();
    // Gold from 60: Bright (66, two certifications) earns gold now, a promotion; the rest keep their tiers.
    program["tiers"][1]["min_score"] = 60.into();
    let edited = Scorecard::from_value(&program).unwrap();
    let seg = segment(&edited, &base, &options()).unwrap();
    let t = &seg.summary.tracks[0];
    assert_eq!((t.counts.tiers.clone(), t.counts.unranked), (vec![2, 4], 1));
    assert_eq!((t.movement.promoted, t.movement.unchanged), (2, 1));
    // Weight 2 on deals doubles Performance's maximum: shares stay, totals change.
    program["criteria"][2]["weight"] = 2.into();
    let weighted = Scorecard::from_value(&program).unwrap();
    let seg = segment(&weighted, &base, &options()).unwrap();
    // Cobalt: 10 + 40 = 50, silver again (earned); Ember: 25 + 26 = 51, silver.
    assert_eq!(seg.summary.tracks[0].counts.unranked, 0);
    assert_eq!(seg.summary.segments.y.category, "performance");
}

#[test]
fn a_program_with_other_fields_is_refused_and_options_are_checked() {
    let mut program = program();
    let sc = Scorecard::from_value(&program).unwrap();
    let base = PartnerBase::from_csv(&sc, &fixture("lab-partners.csv")).unwrap();
    program["fields"][1]["id"] = "deal_registrations".into();
    program["criteria"][2]["field"] = "deal_registrations".into();
    let renamed = Scorecard::from_value(&program).unwrap();
    let err = segment(&renamed, &base, &options()).unwrap_err();
    assert!(err.to_string().contains("load the partner CSV again"), "{err}");

    let mut bad = options();
    bad.x = Some("fit".into());
    let err = segment(&sc, &base, &bad).unwrap_err();
    assert_eq!(err.issues[0].path, "x");
    assert!(err.issues[0].message.starts_with("unknown category \"fit\""), "{}", err.issues[0].message);
    let mut bad = options();
    bad.reach_percent = 150.0;
    assert_eq!(segment(&sc, &base, &bad).unwrap_err().issues[0].path, "reach_percent");
}

#[test]
fn a_header_problem_stops_the_file_and_limits_cap_the_lists() {
    let sc = Scorecard::from_value(&program()).unwrap();
    let errors = PartnerBase::from_csv(&sc, "@partner,engineerz\nA,1\n").unwrap_err();
    assert_eq!((errors[0].line, errors[0].column), (Some(1), Some(2)));
    let base = PartnerBase::from_csv(&sc, &fixture("lab-partners.csv")).unwrap();
    let mut few = options();
    few.plan_limit = 0;
    let mut seg = segment(&sc, &base, &few).unwrap();
    let reach = &seg.summary.within_reach;
    // Nothing checked yet: Ember and Bright are the candidates close on points.
    assert_eq!((reach.total, reach.shown.len(), reach.candidates, reach.checked, reach.complete), (0, 0, 2, 0, false));
    assert!(!seg.check_reach(&sc, &base, 1));
    let reach = &seg.summary.within_reach;
    assert_eq!((reach.total, reach.checked, reach.shown[0].partner.as_deref()), (1, 1, Some("Ember")));
    assert!(seg.check_reach(&sc, &base, 1_000_000));
    let reach = &seg.summary.within_reach;
    assert_eq!((reach.total, reach.checked, reach.complete), (2, 2, true));
    assert!(reach.shown.iter().all(|r| r.plan.is_some()));
    let mut few = options();
    few.reach_limit = 1;
    few.expiry_limit = 1;
    few.error_limit = 0;
    let s = segment(&sc, &base, &few).unwrap().summary;
    assert_eq!((s.within_reach.total, s.within_reach.shown.len()), (2, 1));
    assert_eq!((s.expiring.total, s.expiring.shown.len()), (2, 1));
    assert_eq!((s.errors.total, s.errors.shown.len()), (1, 0));
}

/// Cells a spreadsheet would run as formulas (payloads from a crafted partner CSV) open as
/// text: each gets a leading apostrophe inside quotes; numbers, negative ones included, stay
/// numbers, and no plan starts with a sign.
#[test]
fn exported_cells_that_look_like_formulas_are_neutralized() {
    let sc = Scorecard::from_value(&program()).unwrap();
    let payloads = ["=HYPERLINK(\"http://x\",\"y\")", "=1+1", "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3", "-SUM(1)"];
    let mut csv = fixture("lab-partners.csv");
    for (name, payload) in ["Alder", "Cobalt", "Delta", "Granite", "Harbor", "Ember"].iter().zip(payloads) {
        let quoted = format!("\"{}\"", payload.replace('"', "\"\""));
        csv = csv.replacen(&format!("\n{name},"), &format!("\n{quoted},"), 1);
    }
    let base = PartnerBase::from_csv(&sc, &csv).unwrap();
    let seg = segment(&sc, &base, &options()).unwrap();
    let out = export_csv(&sc, &base, &seg, &[]);
    let lines: Vec<&str> = out.split("\r\n").skip(1).filter(|l| !l.is_empty()).collect();
    // File order: Alder, Bright, Cobalt, Delta, Ember, Granite, Harbor.
    let expected_starts = [
        "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",emea,,50,",
        "\"Bright, Inc.\",emea,,66,",
        "\"'=1+1\",apac,,30,",
        "\"'+cmd|' /C calc'!A0\",apac,,80,",
        "\"'-SUM(1)\",,,38,",
        "\"'@SUM(1+1)\",emea,,45,",
        "\"'-2+3\",emea,,75,",
    ];
    assert_eq!(lines.len(), expected_starts.len());
    for (line, start) in lines.iter().zip(expected_starts) {
        assert!(line.starts_with(start), "{line:?} should start with {start:?}");
    }
    for line in out.split("\r\n").skip(1).filter(|l| !l.is_empty()) {
        let plan = line.rsplit(',').next().unwrap();
        assert!(!plan.starts_with(['+', '=', '-', '@']), "{line}");
    }
}

/// Each partner listed within reach may cost a plan search (the export works out all of
/// them): the lists and the plans per call are bounded, the lab's plans each get a twentieth
/// of a report's work budget, and asking for more is an options error.
#[test]
fn lab_lists_and_plans_beyond_their_limits_are_option_errors() {
    let sc = Scorecard::from_value(&program()).unwrap();
    let base = PartnerBase::from_csv(&sc, &fixture("lab-partners.csv")).unwrap();
    for (key, value, expected) in [
        ("reach_limit", 1_001, "at most 1000, not 1001"),
        ("plan_limit", 101, "at most 100, not 101"),
        ("expiry_days", 3_661, "at most 3660, not 3661"),
    ] {
        let mut options = options();
        match key {
            "reach_limit" => options.reach_limit = value,
            "plan_limit" => options.plan_limit = value,
            _ => options.expiry_days = value as u32,
        }
        let Err(errors) = segment(&sc, &base, &options) else { panic!("{key} {value} was accepted") };
        assert_eq!(errors.issues[0].path, key);
        assert_eq!(errors.issues[0].message, format!("{expected} (README, \"Limits\")"));
    }
    let mut seg = segment(&sc, &base, &options()).unwrap();
    // Two partners are candidates; asking to check a million checks those two.
    assert!(seg.check_reach(&sc, &base, 1_000_000));
    assert_eq!(seg.summary.within_reach.checked, 2);
    let mut bad = options();
    bad.reach_effort = -1.0;
    assert_eq!(segment(&sc, &base, &bad).unwrap_err().issues[0].path, "reach_effort");
}

/// Within reach is close on points and on effort together. Ivy scores 70, gold's minimum, but
/// holds no certification where gold requires two: 0 points short, and the plan (two new
/// certifications at 4 each) costs 8, above the default reach effort of 5. Jade scores 71 with
/// one valid certification: one more (4) makes gold. Ember and Bright as in the hand-worked
/// base above (two and four deals, 0.4 and 0.8).
#[test]
fn within_reach_means_a_cheap_plan_and_lists_what_blocks() {
    let sc = Scorecard::from_value(&program()).unwrap();
    let csv = format!(
        "{}Ivy,emea,silver,2025-01-01,,6,40,\nJade,emea,silver,2025-01-01,,6,36,tech|Cloud|J. Park|2025-01-01|2027-01-01\n",
        fixture("lab-partners.csv")
    );
    let base = PartnerBase::from_csv(&sc, &csv).unwrap();
    let mut seg = segment(&sc, &base, &options()).unwrap();
    assert!(seg.check_reach(&sc, &base, 100));
    let reach = &seg.summary.within_reach;
    let listed: Vec<(&str, Option<f64>, usize)> =
        reach.shown.iter().map(|r| (r.partner.as_deref().unwrap(), r.effort, r.open.len())).collect();
    assert_eq!(listed, vec![("Ember", Some(0.4), 0), ("Bright, Inc.", Some(0.8), 0), ("Jade", Some(4.0), 1)]);
    assert_eq!((reach.total, reach.candidates), (3, 4));
    // What blocks Jade: gold's certification requirement, 1 of 2.
    let open = &reach.shown[2].open[0];
    let json = |v| serde_json::to_value(v).unwrap();
    assert_eq!((json(&open.actual), json(&open.needed)), (serde_json::json!(1), serde_json::json!(2)));

    // With a reach effort of 8 Ivy's two certifications count too, listed last (dearest).
    let mut wide = options();
    wide.reach_effort = 8.0;
    let mut seg = segment(&sc, &base, &wide).unwrap();
    seg.check_reach(&sc, &base, 100);
    let last = seg.summary.within_reach.shown.last().unwrap();
    assert_eq!((last.partner.as_deref(), last.effort, last.deficit), (Some("Ivy"), Some(8.0), 0.0));
}

/// Within reach checked against an independent oracle: the full gap analysis of every result
/// (uncapped least-effort plan for today, as `Scorecard::gaps` gives a partner), on synthetic
/// bases of every shipped program. A result is within reach exactly when it is close on
/// points and that plan costs at most the reach effort; the capped search must find the same
/// partners, and the same effort for each.
#[test]
fn within_reach_agrees_with_the_uncapped_plan_of_every_partner() {
    use partner_scorecard::analysis::gap::{gaps, GapOptions};
    use partner_scorecard::analysis::synth::{generate, SynthOptions};
    let as_of = Date::parse("2026-06-01").unwrap();
    let mut compared = 0;
    let mut within = 0;
    for name in fixtures::SHIPPED {
        let sc = fixtures::program(name);
        let csv = generate(&sc, &SynthOptions { rows: 400, seed: 5, as_of, workbook: false }).unwrap();
        let base = PartnerBase::from_csv(&sc, &csv).unwrap();
        for effort in [1.0, 2.0, 5.0, 12.0] {
            let options = SegmentOptions { reach_effort: effort, reach_limit: 1_000, ..options() };
            let mut seg = segment(&sc, &base, &options).unwrap();
            assert!(seg.check_reach(&sc, &base, usize::MAX));
            let mut found: Vec<(usize, Option<String>, f64)> =
                seg.summary.within_reach.shown.iter().map(|r| (r.row, r.track.clone(), r.effort.unwrap())).collect();
            found.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
            let mut expected = Vec::new();
            for s in &seg.scored {
                // Close on points: a next tier without a minimum score is reached by its requirements.
                let Some(deficit) = s.deficit(&sc) else { continue };
                if s.next_min(&sc).is_some_and(|min| deficit > min * options.reach_percent / 100.0 + 1e-9) {
                    continue;
                }
                let track = sc.program().tracks().get(s.track as usize).map(|t| t.id.clone());
                let profile = &base.profiles()[s.partner as usize];
                let mut gap = GapOptions { horizon_days: 0, alternatives: 0, ..GapOptions::on(as_of) };
                gap.eval.track = track.clone();
                let report = gaps(sc.program(), profile, &gap).unwrap();
                compared += 1;
                if let Some(plan) = report.tracks[0].plan.as_ref().filter(|p| p.effort <= effort + 1e-9) {
                    let row = (0..base.len() + base.errors().len()).find(|&r| base.profile_of_row(r) == Some(profile)).unwrap();
                    expected.push((row, track, plan.effort));
                }
            }
            expected.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
            within += expected.len();
            assert_eq!(found, expected, "{name}, reach effort {effort}");
        }
    }
    println!("{compared} results close on points compared, {within} within reach");
    assert!(within > 50, "too few within reach to mean anything: {within}");
}

/// Who moved and why. Bright scores 40 on capability and 26 of 50 deals (26 points): 66, with
/// both certifications gold requires. Lowering gold's minimum to 60 alone promotes it; the
/// silver minimum lowered to 35 moves no one (Ember's 38 already holds silver by grace).
/// With gold at 67 and the deals target at 47 instead (26/47 × 50 = 27.66, total 67.66),
/// neither edit alone promotes Bright (66 < 67; 67.66 < 70): the edits together do.
#[test]
fn partners_who_moved_are_explained_by_the_edit_that_moves_them() {
    use partner_scorecard::analysis::segment::compare;
    let baseline = program();
    let sc = Scorecard::from_value(&baseline).unwrap();
    let base = PartnerBase::from_csv(&sc, &fixture("lab-partners.csv")).unwrap();
    let before = segment(&sc, &base, &options()).unwrap().scored;
    let value = |v: &Value| partner_scorecard::text::value::parse(&v.to_string()).unwrap();
    let why = |tuned: &Value| {
        let tuned_sc = Scorecard::from_value(tuned).unwrap();
        let after = segment(&tuned_sc, &base, &options()).unwrap().scored;
        let comparison = compare(tuned_sc.program(), &base, &before, &after, None);
        let reasons = base.why_moved(&value(&baseline), &value(tuned), tuned_sc.program(), &comparison.moved.shown, options().as_of, None);
        (comparison, reasons)
    };

    let mut tuned = baseline.clone();
    tuned["tiers"][0]["min_score"] = 35.into();
    tuned["tiers"][1]["min_score"] = 60.into();
    let (comparison, reasons) = why(&tuned);
    let moved: Vec<(&str, Option<&str>, Option<&str>)> =
        comparison.moved.shown.iter().map(|m| (m.partner.as_deref().unwrap(), m.from.as_deref(), m.to.as_deref())).collect();
    assert_eq!(moved, vec![("Bright, Inc.", Some("Silver"), Some("Gold"))]);
    let edits: Vec<(&str, Option<&str>, &str)> =
        reasons.edits.iter().map(|e| (e.path.as_str(), e.subject.as_deref(), e.setting.as_str())).collect();
    assert_eq!(edits, vec![("tiers[0].min_score", Some("Silver"), "min_score"), ("tiers[1].min_score", Some("Gold"), "min_score")]);
    assert_eq!((reasons.moved[0].because.clone(), reasons.moved[0].together), (vec![1], false));
    assert_eq!(comparison.moved.shown[0].row, 1);

    let mut tuned = baseline.clone();
    tuned["tiers"][1]["min_score"] = 67.into();
    tuned["criteria"][2]["rule"]["target"] = 47.into();
    let (comparison, reasons) = why(&tuned);
    assert_eq!(comparison.moved.shown.len(), 1);
    let paths: Vec<&str> = reasons.edits.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, ["criteria[2].rule.target", "tiers[1].min_score"]);
    assert_eq!((reasons.moved[0].because.clone(), reasons.moved[0].together), (vec![], true));
    assert_eq!((reasons.edits[0].subject.as_deref(), reasons.edits[0].setting.as_str()), (Some("Deals"), "rule.target"));
}

/// A click on the scatter plot finds the partner under it. Capability and Performance shares
/// (see above): Bright 80/52, Delta 80/80, Harbor 80/70, Ember 50/26.
#[test]
fn the_partner_nearest_to_a_point_of_the_plot_is_found_within_a_radius() {
    let sc = Scorecard::from_value(&program()).unwrap();
    let base = PartnerBase::from_csv(&sc, &fixture("lab-partners.csv")).unwrap();
    let seg = segment(&sc, &base, &options()).unwrap();
    let name = |row: Option<usize>| row.and_then(|r| base.profile_of_row(r)).and_then(|p| p.partner.clone());
    assert_eq!(name(seg.nearest(&sc, &base, 79.0, 53.0, 3.0)).as_deref(), Some("Bright, Inc."));
    assert_eq!(name(seg.nearest(&sc, &base, 81.0, 76.0, 5.0)).as_deref(), Some("Delta"), "4 from Delta, 6 from Harbor");
    assert_eq!(seg.nearest(&sc, &base, 50.0, 40.0, 3.0), None, "Ember is 14 below");
    assert_eq!(name(seg.nearest(&sc, &base, 50.0, 26.0, 0.0)).as_deref(), Some("Ember"), "exactly on it");
}

/// A partial scoring (`None`: not offered, which only scoring paths justify) against a full
/// one: the same results and the same summary. Whether it was compared.
fn same_as_full(
    fast: Option<partner_scorecard::analysis::segment::Segmentation>,
    full: &partner_scorecard::analysis::segment::Segmentation,
    program: &partner_scorecard::Program,
    what: &str,
) -> bool {
    let _ = program;
    let fast = fast.unwrap_or_else(|| panic!("{what}: kept figures serve a partial scoring, scoring paths or not"));
    for (i, (a, b)) in fast.scored.iter().zip(&full.scored).enumerate() {
        assert_eq!(a, b, "{what}: result {i}");
    }
    assert_eq!(fast.scored.len(), full.scored.len(), "{what}");
    let json = |s: &partner_scorecard::analysis::segment::SegmentSummary| serde_json::to_string(s).unwrap();
    assert_eq!(json(&fast.summary), json(&full.summary), "{what}");
    true
}

/// Placing results again after a change of tier minimums only (the lab's tier sliders) gives
/// exactly what scoring them again gives: the same results and the same summary, for every
/// shipped program (with scoring paths, each result's best path chosen again from its paths'
/// kept figures), over raised, lowered and removed minimums.
#[test]
fn tiers_placed_again_after_minimum_changes_equal_a_full_scoring() {
    use partner_scorecard::analysis::synth::{generate, Rng, SynthOptions};
    let as_of = Date::parse("2026-06-01").unwrap();
    let mut rng = Rng::new(11);
    let mut compared = 0;
    for name in fixtures::SHIPPED {
        let program = fixtures::program_json(name);
        let sc = Scorecard::from_value(&program).unwrap();
        let csv = generate(&sc, &SynthOptions { rows: 500, seed: 9, as_of, workbook: false }).unwrap();
        let base = PartnerBase::from_csv(&sc, &csv).unwrap();
        let options = SegmentOptions { plan_limit: 0, ..options() };
        let first = segment(&sc, &base, &options).unwrap();
        for round in 0..20 {
            let mut tuned = program.clone();
            for tier in tuned["tiers"].as_array_mut().unwrap() {
                if let Some(min) = tier["min_score"].as_f64() {
                    let moved = min + (rng.next_u64() % 21) as f64 - 10.0;
                    tier["min_score"] = if round == 7 { serde_json::Value::Null } else { moved.max(0.0).into() };
                }
            }
            let Ok(tuned_sc) = Scorecard::from_value(&tuned) else { continue };
            let full = segment(&tuned_sc, &base, &options).unwrap();
            let fast = first.clone().retiered(tuned_sc.program(), &base, &options);
            compared += usize::from(same_as_full(fast, &full, tuned_sc.program(), &format!("{name}, round {round}")));
        }
    }
    assert!(compared >= 20, "{compared} compared");
}

/// A tier slider moved step by step, as a program manager drags it: each step places again
/// only the results near the minimum that moved, and gives exactly what scoring every partner
/// again gives (the same results and summary, within-reach candidates included). Over the
/// shipped programs without scoring paths, and multi-track without its paths: three tracks,
/// two regions with their own minimums and retention until the anniversary.
#[test]
fn a_tier_slider_dragged_step_by_step_places_only_results_near_the_minimum_and_equals_a_full_scoring() {
    use partner_scorecard::analysis::synth::{generate, Rng, SynthOptions};
    let as_of = Date::parse("2026-06-01").unwrap();
    let mut rng = Rng::new(5);
    let mut no_paths = fixtures::program_json("multi-track");
    no_paths.as_object_mut().unwrap().remove("paths");
    let programs = [
        ("classic-reseller", fixtures::program_json("classic-reseller")),
        ("capability-100", fixtures::program_json("capability-100")),
        ("multi-track without paths", no_paths),
    ];
    // The default reach, and a wide one (60 %) whose bands below two minimums overlap.
    for ((name, program), reach_percent) in programs.iter().flat_map(|p| [(p, 10.0), (p, 60.0)]) {
        let sc = Scorecard::from_value(program).unwrap();
        let rows = 2000;
        let csv = generate(&sc, &SynthOptions { rows, seed: 3, as_of, workbook: false }).unwrap();
        let base = PartnerBase::from_csv(&sc, &csv).unwrap();
        // Plans for the closest three too: the listing starts again from the candidates.
        let options = SegmentOptions { plan_limit: 3, reach_percent, ..options() };
        let mut tuned = program.clone();
        let mut last = segment(&sc, &base, &options).unwrap();
        let (mut steps, mut looked_at) = (0, 0);
        let tiers = tuned["tiers"].as_array().unwrap().len();
        for step in 0..40 {
            // One tier's minimum (one with a positive minimum), up or down by 1 to 3 points;
            // now and then a regional minimum instead, or two tiers at once.
            let with_minimum: Vec<usize> = (0..tiers).filter(|&t| tuned["tiers"][t]["min_score"].is_number()).collect();
            let tier = with_minimum[rng.below(with_minimum.len())];
            let min = tuned["tiers"][tier]["min_score"].as_f64().unwrap();
            let moved = (min + [-3.0, -2.0, -1.0, 1.0, 2.0, 3.0][rng.below(6)]).max(1.0);
            tuned["tiers"][tier]["min_score"] = moved.into();
            if step % 7 == 3 {
                let other = (tier + 1) % tiers;
                if let Some(m) = tuned["tiers"][other]["min_score"].as_f64() {
                    tuned["tiers"][other]["min_score"] = (m + 1.5).into();
                }
            }
            if step % 5 == 4 {
                if let Some(region_tiers) = tuned.pointer_mut("/regions/0/tiers").and_then(Value::as_object_mut) {
                    for over in region_tiers.values_mut() {
                        if let Some(m) = over["min_score"].as_f64() {
                            over["min_score"] = (m - 1.0).into();
                        }
                    }
                }
            }
            let Ok(tuned_sc) = Scorecard::from_value(&tuned) else { continue };
            let full = segment(&tuned_sc, &base, &options).unwrap();
            let fast = last.retiered(tuned_sc.program(), &base, &options).expect("no scoring paths");
            let placed = fast.results_placed_again().expect("placed in bands");
            assert!(placed < full.scored.len(), "{name}, step {step}: {placed} placed again");
            assert!(same_as_full(Some(fast.clone()), &full, tuned_sc.program(), &format!("{name}, step {step}")));
            steps += 1;
            looked_at += placed;
            last = fast;
        }
        assert!(steps >= 25, "{name}: {steps} steps compared");
        // A step of a few points looks at a fraction of the results (here 2,000 per track).
        assert!(
            looked_at / steps < rows * 2 / 3,
            "{name}, reach {reach_percent} %: {} results placed again per step on average",
            looked_at / steps
        );
    }
}

/// The plot's density grid counts each partner once, in its percent cell and tier rank:
/// Bright 80/52 silver (rank 1), Delta 80/80 gold (2), Cobalt 20/40 unranked (0).
#[test]
fn the_density_grid_counts_partners_by_cell_and_tier() {
    let sc = Scorecard::from_value(&program()).unwrap();
    let base = PartnerBase::from_csv(&sc, &fixture("lab-partners.csv")).unwrap();
    let seg = segment(&sc, &base, &options()).unwrap();
    let grid = seg.density(&sc);
    assert_eq!(grid.len(), 10_000 * 3);
    assert_eq!(grid.iter().sum::<u32>(), 7);
    let at = |x: usize, y: usize, rank: usize| grid[(x * 100 + y) * 3 + rank];
    assert_eq!((at(80, 52, 1), at(80, 80, 2), at(20, 40, 0)), (1, 1, 1));
    assert_eq!(at(80, 52, 2), 0);
}

/// Scoring again only the criteria an edit changes (the lab's weight and target sliders)
/// gives exactly what scoring every criterion again gives, to the last bit: the same results
/// and the same summary, for every shipped program without scoring paths, over random weights,
/// targets, points and tier minimums changed together.
#[test]
fn criteria_scored_again_in_part_equal_a_full_scoring() {
    use partner_scorecard::analysis::synth::{generate, Rng, SynthOptions};
    let as_of = Date::parse("2026-06-01").unwrap();
    let mut rng = Rng::new(23);
    let mut compared = 0;
    for name in fixtures::SHIPPED {
        let program = fixtures::program_json(name);
        let sc = Scorecard::from_value(&program).unwrap();
        let csv = generate(&sc, &SynthOptions { rows: 500, seed: 4, as_of, workbook: false }).unwrap();
        let base = PartnerBase::from_csv(&sc, &csv).unwrap();
        let options = SegmentOptions { plan_limit: 0, ..options() };
        let first = segment(&sc, &base, &options).unwrap();
        for round in 0..20 {
            let mut tuned = program.clone();
            let criteria = tuned["criteria"].as_array_mut().unwrap();
            let n = criteria.len();
            for _ in 0..1 + round % 3 {
                let c = &mut criteria[(rng.next_u64() as usize) % n];
                match rng.next_u64() % 3 {
                    0 => c["weight"] = ((rng.next_u64() % 30) as f64 / 10.0).into(),
                    1 if c["rule"]["target"].is_number() => {
                        let t = c["rule"]["target"].as_f64().unwrap();
                        c["rule"]["target"] = (t * (0.5 + (rng.next_u64() % 100) as f64 / 100.0)).into();
                    }
                    _ if c["rule"]["points"].is_number() => c["rule"]["points"] = ((rng.next_u64() % 40) as f64 + 1.0).into(),
                    _ => {}
                }
            }
            if round % 4 == 0 {
                if let Some(min) = tuned["tiers"][1]["min_score"].as_f64() {
                    tuned["tiers"][1]["min_score"] = (min - 5.0).max(0.0).into();
                }
            }
            let Ok(tuned_sc) = Scorecard::from_value(&tuned) else { continue };
            let full = segment(&tuned_sc, &base, &options).unwrap();
            let fast = first.clone().rescored(sc.program(), tuned_sc.program(), &base, &options);
            compared += usize::from(same_as_full(fast, &full, tuned_sc.program(), &format!("{name}, round {round}")));
        }
    }
    assert!(compared >= 20, "{compared} compared");
}

/// The baseline's sums kept between comparisons (the lab's slider moves) give the sums a fresh
/// comparison gives. Certified engineers per tier as opened: Silver 6 + 5 + 3 = 14, Gold
/// 4 + 8 + 6 = 18, unranked Cobalt 2; with gold at 60 Bright's 6 move from Silver to Gold.
#[test]
fn sums_kept_from_the_baseline_equal_sums_worked_out_afresh() {
    use partner_scorecard::analysis::segment::{compare, compare_with};
    let baseline = program();
    let sc = Scorecard::from_value(&baseline).unwrap();
    let base = PartnerBase::from_csv(&sc, &fixture("lab-partners.csv")).unwrap();
    let before = segment(&sc, &base, &options()).unwrap().scored;
    let mut kept = None;
    let same = compare_with(sc.program(), &base, &before, &before, None, &mut kept);
    assert!(kept.is_some());
    let engineers = |c: &partner_scorecard::analysis::segment::Comparison| c.sums.iter().find(|f| f.field == "engineers").unwrap().clone();
    assert_eq!((engineers(&same).before, engineers(&same).after), (vec![14.0, 18.0, 2.0], vec![14.0, 18.0, 2.0]));
    let mut tuned = baseline.clone();
    tuned["tiers"][1]["min_score"] = 60.into();
    let tuned_sc = Scorecard::from_value(&tuned).unwrap();
    let after = segment(&tuned_sc, &base, &options()).unwrap().scored;
    let reused = compare_with(tuned_sc.program(), &base, &before, &after, None, &mut kept);
    let fresh = compare(tuned_sc.program(), &base, &before, &after, None);
    assert_eq!(engineers(&reused).after, vec![8.0, 24.0, 2.0]);
    for (a, b) in reused.sums.iter().zip(&fresh.sums) {
        assert_eq!((&a.before, &a.after), (&b.before, &b.after), "{}", a.field);
    }
}

/// Which edits a partial scoring serves: tier minimums alone (placed again), criteria with or
/// without them (scored in part), anything else (scored in full).
#[test]
fn edits_are_told_apart_by_what_a_partial_scoring_can_serve() {
    use partner_scorecard::analysis::segment::why::partial_change;
    let baseline = program();
    let sc = Scorecard::from_value(&baseline).unwrap();
    let value = |v: &Value| partner_scorecard::text::value::parse(&v.to_string()).unwrap();
    let mut minimum = baseline.clone();
    minimum["tiers"][1]["min_score"] = 60.into();
    let mut weight = minimum.clone();
    weight["criteria"][2]["weight"] = 1.5.into();
    let mut renamed = minimum.clone();
    renamed["name"] = "Another".into();
    renamed["tiers"][1]["label"] = serde_json::json!({ "en": "Gold", "de": "Gold" });
    let mut field = baseline.clone();
    field["fields"][0]["label"] = 5.into();
    let mut requirement = renamed.clone();
    requirement["tiers"][1]["requires"] = serde_json::json!([]);
    let kind = |after: &Value| partial_change(&value(&baseline), &value(after), sc.program());
    use partner_scorecard::analysis::segment::why::PartialChange::{Criteria, Minimums, Texts};
    assert_eq!(
        [&baseline, &minimum, &weight, &renamed, &field, &requirement].map(kind),
        [Some(Minimums), Some(Minimums), Some(Criteria), Some(Texts), None, None]
    );
}

/// Edits in a track's, region's or path's changes, and texts, are served like the same edits
/// of the base program, and give what scoring every partner again gives: multi-track's Growth
/// minimum, its consumption path's target, and labels with a minimum.
#[test]
fn edits_of_patches_and_texts_are_served_in_part_and_equal_a_full_scoring() {
    use partner_scorecard::analysis::segment::why::{partial_change, PartialChange};
    use partner_scorecard::analysis::synth::{generate, SynthOptions};
    let as_of = Date::parse("2026-06-01").unwrap();
    let program = fixtures::program_json("multi-track");
    let sc = Scorecard::from_value(&program).unwrap();
    let csv = generate(&sc, &SynthOptions { rows: 600, seed: 5, as_of, workbook: false }).unwrap();
    let base = PartnerBase::from_csv(&sc, &csv).unwrap();
    let options = SegmentOptions { plan_limit: 0, ..options() };
    let first = segment(&sc, &base, &options).unwrap();
    let value = |v: &Value| partner_scorecard::text::value::parse(&v.to_string()).unwrap();
    // Without scoring paths, texts are served by placing every result again, not near the
    // minimums alone (that would keep the old words): classic-reseller's tiers renamed.
    let classic = fixtures::program_json("classic-reseller");
    let classic_sc = Scorecard::from_value(&classic).unwrap();
    let classic_base =
        PartnerBase::from_csv(&classic_sc, &generate(&classic_sc, &SynthOptions { rows: 300, seed: 5, as_of, workbook: false }).unwrap())
            .unwrap();
    let classic_first = segment(&classic_sc, &classic_base, &options).unwrap();
    let mut renamed = classic.clone();
    renamed["tiers"][0]["label"] = "Registered partner".into();
    renamed["tiers"][1]["min_score"] = 42.into();
    let renamed_sc = Scorecard::from_value(&renamed).unwrap();
    assert_eq!(partial_change(&value(&classic), &value(&renamed), renamed_sc.program()), Some(PartialChange::Texts));
    let full = segment(&renamed_sc, &classic_base, &options).unwrap();
    assert_eq!(full.summary.tiers[0].label, "Registered partner");
    assert!(same_as_full(
        classic_first.relabelled(renamed_sc.program(), &classic_base, &options),
        &full,
        renamed_sc.program(),
        "classic renamed"
    ));

    let mut region_minimum = program.clone();
    region_minimum["regions"][0]["tiers"]["select"]["min_score"] = 35.into();
    let mut path_target = program.clone();
    path_target["paths"][1]["criteria"]["sales"]["rule"]["target"] = 400_000.into();
    let mut relabelled = region_minimum.clone();
    relabelled["tiers"][2]["label"] = "Premier partner".into();
    relabelled["tracks"][1]["label"] = serde_json::json!({ "en": "Managed", "de": "Betrieb" });
    relabelled["paths"][0]["help"] = "Resale revenue.".into();
    for (what, tuned, expected) in [
        ("a region's minimum", region_minimum, PartialChange::Minimums),
        ("a path's target", path_target, PartialChange::Criteria),
        ("labels and a minimum", relabelled, PartialChange::Texts),
    ] {
        let tuned_sc = Scorecard::from_value(&tuned).unwrap();
        assert_eq!(partial_change(&value(&program), &value(&tuned), tuned_sc.program()), Some(expected), "{what}");
        let full = segment(&tuned_sc, &base, &options).unwrap();
        let fast = match expected {
            PartialChange::Minimums => first.clone().retiered(tuned_sc.program(), &base, &options),
            PartialChange::Texts => first.clone().relabelled(tuned_sc.program(), &base, &options),
            PartialChange::Criteria => first.clone().rescored(sc.program(), tuned_sc.program(), &base, &options),
        };
        let json = |s: &partner_scorecard::analysis::segment::SegmentSummary| serde_json::to_string(&s.tracks).unwrap();
        assert_ne!(json(&full.summary), json(&first.summary), "{what}: the edit moves partners or renames");
        assert!(same_as_full(fast, &full, tuned_sc.program(), what));
    }
}

/// The oracle for every partial scoring above: a full segmentation gives, for each partner and
/// track, what evaluating that one partner gives (`Scorecard::evaluate`, which chooses the best
/// scoring path its own way): the same total, tier held, tier earned and path. Over every
/// shipped program, multi-track's two paths included.
#[test]
fn every_result_of_a_segmentation_is_what_evaluating_that_partner_gives() {
    use partner_scorecard::analysis::synth::{generate, SynthOptions};
    use partner_scorecard::EvalOptions;
    let as_of = Date::parse("2026-06-01").unwrap();
    let mut paths_seen = std::collections::BTreeSet::new();
    for name in fixtures::SHIPPED {
        let sc = Scorecard::from_value(&fixtures::program_json(name)).unwrap();
        let program = sc.program();
        let csv = generate(&sc, &SynthOptions { rows: 400, seed: 17, as_of, workbook: false }).unwrap();
        let base = PartnerBase::from_csv(&sc, &csv).unwrap();
        let seg = segment(&sc, &base, &SegmentOptions { plan_limit: 0, ..options() }).unwrap();
        assert!(seg.scored.len() >= 400, "{name}: {} results", seg.scored.len());
        let eval_options = EvalOptions::on(as_of);
        for s in &seg.scored {
            let profile = &base.profiles()[s.partner as usize];
            let evaluation = sc.evaluate(profile, &eval_options).unwrap();
            let track_id = program.tracks().get(usize::from(s.track)).map(|t| t.id.clone());
            let r = evaluation.tracks.iter().find(|r| r.track == track_id).unwrap_or_else(|| panic!("{name}: track {track_id:?}"));
            let what = format!("{name}, partner {}, track {track_id:?}", s.partner);
            assert!((r.total - s.total).abs() <= 1e-9 * r.total.abs().max(1.0), "{what}: total {} vs {}", s.total, r.total);
            let id = |t: Option<u16>| t.map(|t| program.tier_ids()[usize::from(t)].clone());
            assert_eq!(id(s.tier), r.tier.as_ref().map(|t| t.id.clone()), "{what}: tier held");
            assert_eq!(id(s.earned), r.earned_tier.as_ref().map(|t| t.id.clone()), "{what}: tier earned");
            let path = program.paths().get(usize::from(s.path)).map(|p| p.id.clone());
            assert_eq!(path, r.path, "{what}: path");
            paths_seen.extend(path);
        }
    }
    assert!(paths_seen.len() >= 2, "both of multi-track's paths chosen by some partner: {paths_seen:?}");
}
