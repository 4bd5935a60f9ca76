//! The synthetic partner generator: deterministic, any size, every row valid for its
//! program, and partners spread over the tiers.
#![cfg(not(target_arch = "wasm32"))] // Reads the shipped programs from disk.

#[path = "support/fixtures.rs"]
mod fixtures;

use partner_scorecard::analysis::segment::{segment, PartnerBase, SegmentOptions};
use partner_scorecard::analysis::synth::{generate, Rng, SynthOptions};
use partner_scorecard::{Date, Scorecard};

use fixtures::{program, program_json, SHIPPED as PROGRAMS};

fn options(rows: usize, seed: u64) -> SynthOptions {
    SynthOptions { rows, seed, as_of: Date::parse("2026-06-01").unwrap(), workbook: false }
}

#[test]
fn the_same_seed_gives_the_same_csv_and_another_seed_another() {
    let sc = program("classic-reseller");
    let a = generate(&sc, &options(300, 7)).unwrap();
    assert_eq!(a, generate(&sc, &options(300, 7)).unwrap());
    assert_ne!(a, generate(&sc, &options(300, 8)).unwrap());
    // A longer base starts with the shorter one: rows do not depend on how many follow.
    assert!(generate(&sc, &options(301, 7)).unwrap().starts_with(&a));
}

#[test]
fn the_generator_writes_the_rows_asked_for_and_each_reads_without_errors() {
    for name in PROGRAMS {
        let sc = program(name);
        for rows in [0, 1, 2_000] {
            let csv = generate(&sc, &options(rows, 1)).unwrap();
            let base = PartnerBase::from_csv(&sc, &csv).unwrap_or_else(|e| panic!("{name}: header {e:?}"));
            assert_eq!(base.errors(), [], "{name}: every generated row is valid");
            assert_eq!((base.counts().rows, base.len()), (rows, rows), "{name}");
        }
    }
}

#[test]
fn partners_spread_over_every_tier_of_the_classic_program() {
    let sc = program("classic-reseller");
    let csv = generate(&sc, &options(5_000, 3)).unwrap();
    let base = PartnerBase::from_csv(&sc, &csv).unwrap();
    let seg = segment(&sc, &base, &SegmentOptions::on(Date::parse("2026-06-01").unwrap())).unwrap();
    let counts = &seg.summary.tracks[0].counts;
    eprintln!("classic tiers {:?}, unranked {}", counts.tiers, counts.unranked);
    eprintln!("movement {:?}", seg.summary.tracks[0].movement);
    // A pyramid: every tier holds at least 1% of the base, none more than 60%, and fewer
    // partners reach each tier above silver than the one below it.
    for (tier, &n) in counts.tiers.iter().enumerate() {
        assert!((50..=3_000).contains(&n), "tier {tier}: {n} of 5000 ({:?})", counts.tiers);
    }
    assert!(counts.tiers[1] > counts.tiers[2] && counts.tiers[2] > counts.tiers[3], "{:?}", counts.tiers);
    assert!(counts.unranked > 0);
    let m = seg.summary.tracks[0].movement;
    assert!(m.promoted > 0 && m.demoted > 0 && m.unchanged > 0 && m.held_grace > 0, "{m:?}");
    assert!(seg.summary.expiring.total > 0);
}

#[test]
fn every_track_and_region_of_the_multi_track_program_is_used() {
    let sc = program("multi-track");
    let base = PartnerBase::from_csv(&sc, &generate(&sc, &options(3_000, 5)).unwrap()).unwrap();
    let seg = segment(&sc, &base, &SegmentOptions::on(Date::parse("2026-06-01").unwrap())).unwrap();
    for t in &seg.summary.tracks {
        eprintln!("{:?} tiers {:?} unranked {} movement {:?}", t.track, t.counts.tiers, t.counts.unranked, t.movement);
        assert!(t.counts.partners > 500, "{:?}", t.track);
        assert!(t.counts.tiers.iter().filter(|&&n| n > 0).count() >= 2, "{:?}: {:?}", t.track, t.counts.tiers);
        for r in &t.regions {
            assert!(r.counts.partners > 100, "{:?} {:?}", t.track, r.region);
        }
        assert!(t.movement.held_anniversary > 0, "{:?}", t.movement);
    }
}

#[test]
fn the_generator_is_uniform_enough() {
    let mut rng = Rng::new(1);
    let mut buckets = [0usize; 10];
    for _ in 0..100_000 {
        buckets[rng.below(10)] += 1;
    }
    assert!(buckets.iter().all(|&b| (9_500..10_500).contains(&b)), "{buckets:?}");
}

/// Kind labels become certification names in the CSV: a label with a comma or a quote is
/// quoted, so that every row still reads (a label "A,B" once made 116 of 200 rows unreadable).
#[test]
fn labels_with_commas_and_quotes_are_quoted_and_every_row_reads() {
    let mut program = program_json("classic-reseller");
    let certs = program["fields"].as_array_mut().unwrap().iter_mut().find(|f| f["type"] == "certifications").unwrap();
    certs["kinds"][0]["label"] = serde_json::json!("A,B \"quoted\"");
    let sc = Scorecard::from_value(&program).unwrap();
    let csv = generate(&sc, &options(200, 1)).unwrap();
    assert!(csv.contains("A,B \"\"quoted\"\" I"), "the label is written inside a quoted cell");
    let base = PartnerBase::from_csv(&sc, &csv).unwrap();
    assert_eq!(base.errors(), []);
    assert_eq!(base.len(), 200);
}

#[test]
fn parameters_that_need_unbounded_memory_are_refused_with_the_reason() {
    let sc = program("classic-reseller");
    assert_eq!(generate(&sc, &options(4_000_000, 1)).unwrap_err(), "at most 500000 partners can be generated at once, not 4000000");
    // A program whose certifications rule pays a billionth of a point each: partners would
    // need billions of certifications; synthetic ones hold at most 60 per field.
    let mut program = program_json("classic-reseller");
    for c in program["criteria"].as_array_mut().unwrap() {
        if c["rule"]["type"] == "certifications" {
            c["rule"]["per"] = serde_json::json!(1e-9);
        }
    }
    let sc = Scorecard::from_value(&program).unwrap();
    let csv = generate(&sc, &options(300, 1)).unwrap();
    let most = csv.lines().skip(1).map(|row| row.matches('|').count() / 4).max().unwrap();
    assert!((1..=60 * 2).contains(&most), "{most} certifications in one row");
}

/// A profile written back as JSON (`Program::profile_value`, the lab's drill-down) reads back
/// to the same profile: every generated partner of every shipped program.
#[test]
fn profiles_written_as_json_read_back_the_same() {
    let mut checked = 0;
    for &name in fixtures::SHIPPED {
        let sc = program(name);
        let csv = generate(&sc, &options(300, 11)).unwrap();
        let mut rows = sc.csv_profiles(&csv).unwrap();
        let mut profile = sc.program().empty_profile();
        let mut errors = Vec::new();
        while let Some((_, _, ok)) = rows.next_into(&mut profile, &mut errors) {
            assert!(ok, "{name}: {errors:?}");
            let written = sc.program().profile_value(&profile);
            assert_eq!(sc.program().profile_from_parsed(&written).unwrap(), profile, "{name}");
            checked += 1;
        }
    }
    assert_eq!(checked, 900);
}
