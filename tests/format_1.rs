//! Programs written for format 1 keep working unchanged: a frozen copy of the README's
//! examples as they stood when format features started to be added (issue 13), in
//! tests/fixtures/format-1/, read and evaluated with the values the README states, worked
//! out by hand there. (The shipped programs are tested in tests/programs.rs.)

#[path = "support/fixtures.rs"]
mod fixtures;

use partner_scorecard::{Date, EvalOptions, Scorecard};
use serde_json::json;

fn frozen(name: &str) -> String {
    let path = format!("{}/tests/fixtures/format-1/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// README, "A small complete program": revenue 250,000, one technical and one sales
/// certification valid on the day (and an expired sales one), high market alignment:
/// 50 × ln(1 + 250,000/100,000) / ln(11) = 26.12, + 2 × 10, + 10 = 56.12 of 100: Silver, with
/// Gold 13.88 points and one requirement away.
#[test]
fn the_readme_small_program_scores_as_the_readme_says() {
    let sc = Scorecard::from_json(&frozen("readme-mini-program.json")).unwrap();
    let profile = sc
        .profile_from_value(&json!({"tracks": ["reseller"], "values": {
            "revenue": 250000,
            "fit": "high",
            "certs": [
                {"kind": "technical", "name": "Cloud", "earned": "2025-01-01", "expires": "2027-01-01"},
                {"kind": "sales", "name": "Sales", "earned": "2025-01-01", "expires": "2027-01-01"},
                {"kind": "sales", "name": "Old sales", "earned": "2023-01-01", "expires": "2024-01-01"}
            ]
        }}))
        .unwrap();
    let ev = sc.evaluate(&profile, &EvalOptions::on(Date::parse("2026-06-01").unwrap())).unwrap();
    let track = &ev.tracks[0];
    let revenue = 50.0 * (1.0f64 + 250_000.0 / 100_000.0).ln() / 11f64.ln();
    assert!((revenue - 26.12).abs() < 0.005, "{revenue}");
    assert!((track.total - (revenue + 20.0 + 10.0)).abs() < 1e-9, "{}", track.total);
    assert_eq!(track.max, 100.0);
    assert_eq!(track.tier.as_ref().unwrap().id, "silver");
    let next = track.next_tier.as_ref().unwrap();
    assert_eq!(next.id, "gold");
    assert!((next.point_deficit - (70.0 - track.total)).abs() < 1e-9);
    assert!((next.point_deficit - 13.88).abs() < 0.005);
    assert_eq!(next.unmet_requirements, 1);
    let certs = track.criteria.iter().find(|c| c.id == "certs").unwrap();
    assert_eq!(certs.explanation, "2 valid certifications × 10 = 20 of 40 (1 expired, not counted)");
}

/// README, "Profiles": the example profile for the shipped multi-track program reads without
/// a single error.
#[test]
fn the_readme_profile_reads_against_the_multi_track_program() {
    let sc = fixtures::program("multi-track");
    let profile = sc.profile_from_json(&frozen("readme-profile.json")).unwrap();
    assert_eq!(profile.partner.as_deref(), Some("Nordlicht IT GmbH"));
}

/// The shipped multi-track program as format 1 wrote it (tests/fixtures/format-1/), before it
/// said which requirements its tracks keep: its tracks' premier lists replace the base tier's
/// whole. It still loads and scores every partner exactly as the shipped program, which now
/// says `"remove": ["customer_success"]` and changes the certifications requirement in place;
/// the old file only gets a warning for each list that drops the share requirement.
#[test]
fn a_track_list_that_drops_a_requirement_keeps_working_with_a_warning() {
    use partner_scorecard::analysis::synth::{generate, SynthOptions};
    let old = Scorecard::from_json(&frozen("multi-track.json")).unwrap();
    let shipped = fixtures::program("multi-track");
    let warnings: Vec<(&str, &str)> = old.warnings().iter().map(|w| (w.path.as_str(), w.message.as_str())).collect();
    let expected = |track: &str| {
        format!(
            "in track \"{track}\": this list replaces tier \"premier\"'s requirements whole, so the tier loses \"customer_success\" here; to change one requirement write \"requires\": {{\"change\": {{\"customer_success\": {{...}}}}}}, to add one {{\"add\": [...]}}; to drop them on purpose {{\"remove\": [\"customer_success\"]}} or {{\"replace\": [...]}}"
        )
    };
    assert_eq!(
        warnings,
        [
            ("tracks[1].tiers.premier.requires", expected("managed_services").as_str()),
            ("tracks[2].tiers.premier.requires", expected("referral").as_str())
        ]
    );
    assert!(shipped.warnings().is_empty());

    // 600 synthetic partners of every track and region: the same evaluation, word for word.
    let as_of = Date::parse("2026-06-01").unwrap();
    let csv = generate(&old, &SynthOptions { rows: 600, seed: 13, as_of, workbook: false }).unwrap();
    let (mut a, mut b) = (old.csv_profiles(&csv).unwrap(), shipped.csv_profiles(&csv).unwrap());
    let (mut profile_a, mut profile_b, mut errors) = (Default::default(), Default::default(), Vec::new());
    let mut compared = 0;
    let options = EvalOptions::on(as_of);
    while let (Some(_), Some(_)) = (a.next_into(&mut profile_a, &mut errors), b.next_into(&mut profile_b, &mut errors)) {
        let (x, y) = (old.evaluate(&profile_a, &options).unwrap(), shipped.evaluate(&profile_b, &options).unwrap());
        assert_eq!(serde_json::to_string(&x).unwrap(), serde_json::to_string(&y).unwrap());
        compared += 1;
    }
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(compared, 600);
}
