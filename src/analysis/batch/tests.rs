//! Batch reading and scoring, with totals worked out by hand.
#![allow(clippy::type_complexity)] // Tuples keep the expected rows readable.

use super::*;
use crate::eval::EvalOptions;
use crate::Scorecard;
use serde_json::{json, Value};

fn parsed(value: &Value) -> crate::text::value::Value {
    crate::text::value::parse(&value.to_string()).unwrap()
}

/// Maximum 20 (engineers) + 20 (certs) + 20 (fit) + 10 (msp) + 10 (services) = 80.
fn program() -> Value {
    json!({
        "format": 1, "id": "demo", "name": "Demo",
        "retention": {"grace_days": 90},
        "fields": [
            {"id": "engineers", "label": "Engineers", "type": "number", "integer": true, "min": 0, "max": 500},
            {"id": "msp", "label": "Managed services", "type": "boolean"},
            {"id": "fit", "label": "Fit", "type": "choice", "options": [{"id": "low", "label": "Low"}, {"id": "high", "label": "High"}]},
            {"id": "services", "label": "Services", "type": "multi_choice",
             "options": [{"id": "cloud", "label": "Cloud"}, {"id": "security", "label": "Security"}, {"id": "support", "label": "Support"}]},
            {"id": "joined", "label": "Joined", "type": "date"},
            {"id": "certs", "label": "Certifications", "type": "certifications",
             "kinds": [{"id": "sales", "label": "Sales"}, {"id": "tech", "label": "Technical"}]}
        ],
        "categories": [{"id": "cap", "label": "Capability"}],
        "criteria": [
            {"id": "engineers", "label": "Engineers", "category": "cap", "field": "engineers", "rule": {"type": "per_unit", "per": 4, "cap": 20}},
            {"id": "certs", "label": "Certs", "category": "cap", "field": "certs", "rule": {"type": "certifications", "per": 5, "cap": 20}},
            {"id": "fit", "label": "Fit", "category": "cap", "field": "fit", "rule": {"type": "options", "points": {"low": 5, "high": 20}}},
            {"id": "msp", "label": "MSP", "category": "cap", "field": "msp", "rule": {"type": "yes_no", "points": 10}},
            {"id": "services", "label": "Services", "category": "cap", "field": "services",
             "rule": {"type": "options", "points": {"cloud": 5, "security": 5, "support": 5}, "cap": 10}}
        ],
        "tiers": [
            {"id": "silver", "label": "Silver", "min_score": 20},
            {"id": "gold", "label": "Gold", "min_score": 40, "requires": [{"field": "engineers", "op": ">=", "value": 2}]}
        ]
    })
}

fn with_tracks() -> Value {
    let mut p = program();
    p["tracks"] = json!([
        {"id": "reseller", "label": "Reseller"},
        {"id": "msp", "label": "Managed services", "tiers": {"gold": {"min_score": 30}}}
    ]);
    p["regions"] = json!([{"id": "emea", "label": "EMEA"}]);
    p
}

fn scorecard(program: Value) -> Scorecard {
    Scorecard::from_value(&program).unwrap()
}

fn resolved(sc: &Scorecard) -> Resolved {
    sc.resolve(&EvalOptions::on(Date::parse("2026-06-01").unwrap())).unwrap()
}

fn run(sc: &Scorecard, csv: &str) -> BatchResult<'static> {
    // Leaking keeps the test helpers short; the borrow checker would otherwise tie the
    // outcome to a local.
    let sc: &'static Scorecard = Box::leak(Box::new(sc.clone()));
    let resolved = resolved(sc);
    sc.evaluate_csv(csv, &resolved).unwrap()
}

fn summary<'a>(outcome: &'a BatchResult<'a>) -> Vec<(Option<&'a str>, Option<&'a str>, f64, Option<&'a str>)> {
    outcome.results.iter().map(|r| (r.partner.as_deref(), r.track, r.total, r.tier)).collect()
}

#[test]
fn scores_every_row_with_hand_computed_totals() {
    let sc = scorecard(program());
    let csv = "@partner,engineers,msp,fit,services,certs\n\
               Acme,3,no,high,,\n\
               Bolt,5,yes,low,cloud;security;support,tech|Cloud|Ann|2025-01-01|2027-01-01;sales||||2026-05-31\n\
               Cato,,,,,\n";
    let out = run(&sc, csv);
    assert_eq!(out.errors, vec![]);
    // Acme: 3 × 4 + 20 = 32 (silver, 8 short of gold). Bolt: 20 + 5 (the sales cert
    // expired the day before) + 5 + 10 + 10 (capped) = 50, gold. Cato: nothing filled in.
    assert_eq!(
        summary(&out),
        vec![(Some("Acme"), None, 32.0, Some("silver")), (Some("Bolt"), None, 50.0, Some("gold")), (Some("Cato"), None, 0.0, None)]
    );
    assert_eq!((out.results[0].next_tier, out.results[0].point_deficit), (Some("gold"), Some(8.0)));
    assert_eq!((out.results[1].next_tier, out.results[1].point_deficit), (None, None));
    assert_eq!((out.results[2].next_tier, out.results[2].point_deficit), (Some("silver"), Some(20.0)));
    assert_eq!(out.results.iter().map(|r| r.line).collect::<Vec<_>>(), vec![Some(2), Some(3), Some(4)]);
    assert_eq!(out.counts, BatchCounts { rows: 3, evaluated: 3, skipped: 0, results: 3 });
}

#[test]
fn reads_rfc4180_quoting_crlf_and_bom() {
    let sc = scorecard(program());
    let csv = "\u{feff}@partner,engineers\r\n\"Smith, Jones & \"\"Co\"\"\",2\r\n\"Two\r\nlines\",1\r\n\r\nLast,4";
    let out = run(&sc, csv);
    assert_eq!(out.errors, vec![]);
    assert_eq!(
        summary(&out),
        vec![(Some("Smith, Jones & \"Co\""), None, 8.0, None), (Some("Two\r\nlines"), None, 4.0, None), (Some("Last"), None, 16.0, None)]
    );
    // The second record starts on line 3 and spans two lines; a blank line follows.
    assert_eq!(out.results.iter().map(|r| r.line.unwrap()).collect::<Vec<_>>(), vec![2, 3, 6]);
}

#[test]
fn bad_rows_are_reported_at_their_cell_and_skipped() {
    let sc = scorecard(program());
    let csv = "@partner,engineers,fit,joined,certs,services\n\
               Good,1,,,,\n\
               Bad,abc,medium,2026-02-30,tech|x||2026-01-01|2025-01-01;audit,cloud;mobile\n\
               Short,1\n\
               Quote,1,\"high\"x,,,\n\
               Also good,2.0,low,2020-01-31,,\n";
    let out = run(&sc, csv);
    let errors: Vec<(Option<usize>, Option<usize>, Option<usize>, &str, &str)> =
        out.errors.iter().map(|e| (e.row, e.line, e.column, e.path.as_str(), e.message.as_str())).collect();
    assert_eq!(
        errors,
        vec![
            (Some(1), Some(3), Some(2), "engineers", "\"engineers\" must be a number, found the text \"abc\""),
            (Some(1), Some(3), Some(3), "fit", "\"medium\" is not an option of \"fit\"; choose one of \"low\", \"high\""),
            (Some(1), Some(3), Some(4), "joined", "\"2026-02-30\" is not a date written YYYY-MM-DD"),
            (Some(1), Some(3), Some(5), "certs[0].expires", "expires 2025-01-01 before it was earned (2026-01-01)"),
            (Some(1), Some(3), Some(5), "certs[1].kind", "unknown certification kind \"audit\"; use one of \"sales\", \"tech\""),
            (
                Some(1),
                Some(3),
                Some(6),
                "services[1]",
                "\"mobile\" is not an option of \"services\"; choose among \"cloud\", \"security\", \"support\""
            ),
            (Some(2), Some(4), Some(3), "", "this row has 2 cells but the header has 6 columns"),
            (Some(3), Some(5), Some(3), "fit", "unexpected text after a closing quote; a quoted cell must end at a comma or line end"),
        ]
    );
    assert_eq!(summary(&out), vec![(Some("Good"), None, 4.0, None), (Some("Also good"), None, 13.0, None)]);
    assert_eq!(out.results[1].row, 4);
    assert_eq!(out.counts, BatchCounts { rows: 5, evaluated: 2, skipped: 3, results: 2 });
}

#[test]
fn number_and_boolean_cells_follow_the_field() {
    let sc = scorecard(program());
    let out = run(&sc, "engineers,msp\n1.5,maybe\n-1,TRUE\n1e1,1\ninf,0\n");
    let messages: Vec<&str> = out.errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        messages,
        vec![
            "\"engineers\" must be a whole number, found 1.5",
            "\"msp\" must be true or false, found the text \"maybe\"",
            "\"engineers\" must be at least 0, found -1",
            "\"engineers\" must be a number, found the text \"inf\"",
        ]
    );
    // Only "1e1,1" is valid: 10 engineers × 4 capped at 20, plus 10 for managed services.
    assert_eq!(summary(&out), vec![(None, None, 30.0, Some("silver"))]);
}

#[test]
fn header_problems_stop_the_whole_file() {
    let sc = scorecard(program());
    let r = resolved(&sc);
    let errors = sc.evaluate_csv("@partner,enginers,@owner,engineers,engineers\n", &r).unwrap_err();
    let got: Vec<(Option<usize>, &str)> = errors.iter().map(|e| (e.column, e.path.as_str())).collect();
    assert_eq!(got, vec![(Some(2), "enginers"), (Some(3), "@owner"), (Some(5), "engineers")]);
    assert_eq!(errors[0].message, "unknown column \"enginers\" (did you mean \"engineers\"?); map it to a field or leave it out");
    assert_eq!(errors[2].message, "column \"engineers\" appears twice");
    let empty = sc.evaluate_csv("\u{feff}\r\n\n", &r).unwrap_err();
    assert_eq!(empty[0].line, None);
    assert!(empty[0].message.starts_with("the CSV is empty"));
}

#[test]
fn tracks_regions_and_held_tiers_per_track() {
    let sc = scorecard(with_tracks());
    let csv = "@partner,@region,@tracks,@tier,@tier_since,@short_since,engineers,fit\n\
               Acme,emea,,reseller:gold;msp:silver,2025-07-01,reseller:2026-05-01,3,high\n\
               Bolt,,msp,gold,,,3,high\n\
               Cato,mars,,gold,,,1,\n";
    let out = run(&sc, csv);
    // Acme earns 32 in both tracks: silver in reseller (gold needs 40) and gold in msp
    // (gold needs 30 there). Reseller gold is held by grace: short since 2026-05-01,
    // 90 days have not passed on 2026-06-01.
    let acme: Vec<(Option<&str>, Option<&str>, Option<&str>, bool, Option<&str>)> =
        out.results.iter().filter(|r| r.row == 0).map(|r| (r.track, r.tier, r.earned_tier, r.held_by_retention, r.region)).collect();
    assert_eq!(
        acme,
        vec![
            (Some("reseller"), Some("gold"), Some("silver"), true, Some("emea")),
            (Some("msp"), Some("gold"), Some("gold"), false, Some("emea"))
        ]
    );
    // Bolt takes only the msp track; a plain tier id means that track.
    assert_eq!(summary(&out)[2..], [(Some("Bolt"), Some("msp"), 32.0, Some("gold"))]);
    let errors: Vec<(usize, &str)> = out.errors.iter().map(|e| (e.column.unwrap(), e.message.as_str())).collect();
    assert_eq!(
        errors,
        vec![
            (2, "unknown region \"mars\"; use one of \"emea\""),
            (4, "this program has tracks (\"reseller\", \"msp\"); write the tier as track:tier, such as \"reseller:gold\""),
        ]
    );
}

#[test]
fn options_override_track_and_region() {
    let sc = scorecard(with_tracks());
    let options = EvalOptions { track: Some("msp".into()), ..EvalOptions::on(Date::parse("2026-06-01").unwrap()) };
    let r = sc.resolve(&options).unwrap();
    let out = sc.evaluate_csv("@partner,engineers,fit\nA,3,high\n", &r).unwrap();
    assert_eq!(summary(&out), vec![(Some("A"), Some("msp"), 32.0, Some("gold"))]);
}

#[test]
fn arrays_of_profiles_report_paths_inside_the_profile() {
    let sc = scorecard(program());
    let r = resolved(&sc);
    let profiles = [json!({"partner": "A", "values": {"engineers": 3, "fit": "high"}}), json!({"values": {"engineers": "x"}})];
    let out = sc.evaluate_values(&profiles.iter().map(parsed).collect::<Vec<_>>(), &r).unwrap();
    assert_eq!(summary(&out), vec![(Some("A"), None, 32.0, Some("silver"))]);
    assert_eq!(out.errors.len(), 1);
    assert_eq!((out.errors[0].row, out.errors[0].line, out.errors[0].path.as_str()), (Some(1), None, "values.engineers"));
    assert_eq!(out.counts, BatchCounts { rows: 2, evaluated: 1, skipped: 1, results: 1 });
}

#[test]
fn an_unclosed_quote_is_reported_where_it_opened() {
    let sc = scorecard(program());
    let out = run(&sc, "@partner,engineers\nA,1\n\"B,2\nC,3\n");
    assert_eq!(summary(&out), vec![(Some("A"), None, 4.0, None)]);
    assert_eq!(out.errors[0].line, Some(3));
    assert_eq!(out.errors[0].message, "a quoted cell opened on line 3 is never closed (a \" is missing)");
}

#[test]
fn csv_and_json_profiles_score_the_same() {
    let sc = scorecard(with_tracks());
    let r = resolved(&sc);
    let csv = "@partner,@region,@tracks,engineers,msp,fit,services,joined,certs\n\
               P,emea,reseller;msp,4,true,low,cloud;support,2024-02-29,tech|Arch|Bo|2025-01-01|2027-01-01;sales|||2026-01-01\n";
    let from_csv = sc.evaluate_csv(csv, &r).unwrap();
    let json = json!({"partner": "P", "region": "emea", "tracks": ["reseller", "msp"], "values": {
        "engineers": 4, "msp": true, "fit": "low", "services": ["cloud", "support"], "joined": "2024-02-29",
        "certs": [{"kind": "tech", "name": "Arch", "holder": "Bo", "earned": "2025-01-01", "expires": "2027-01-01"},
                  {"kind": "sales", "earned": "2026-01-01"}]}});
    let from_json = sc.evaluate_values(&[parsed(&json)], &r).unwrap();
    assert_eq!(from_csv.errors, vec![]);
    fn strip<'a>(o: &BatchResult<'a>) -> Vec<CompactResult<'a>> {
        o.results.iter().map(|x| CompactResult { line: None, ..x.clone() }).collect()
    }
    assert_eq!(strip(&from_csv), strip(&from_json));
    // 16 + 10 (two valid certs) + 5 + 10 + 10 = 51 in both tracks.
    assert_eq!(from_csv.results[0].total, 51.0);
}

#[test]
fn errors_that_stop_a_file_read_as_one_message() {
    let errors = [
        RowError {
            row: None,
            line: Some(1),
            column: Some(3),
            path: "x".into(),
            message: "unknown column".into(),
            cell: None,
            message_i18n: None,
        },
        RowError { row: None, line: None, column: None, path: String::new(), message: "too large".into(), cell: None, message_i18n: None },
    ];
    assert_eq!(RowError::summary(&errors), "invalid CSV (2 errors):\n  line 1, column 3 (x): unknown column\n  file: too large");
    assert_eq!(RowError::summary(&errors[1..]), "invalid CSV (1 error):\n  file: too large");
}

#[test]
fn bytes_that_are_not_utf8_are_refused_at_their_line() {
    assert_eq!(csv_from_utf8(b"a,b\n1,2\n".to_vec()).unwrap(), "a,b\n1,2\n");
    let error = csv_from_utf8(b"a,b\n1,2\nM\xfcller,3\n".to_vec()).unwrap_err();
    assert_eq!((error.line, error.message.as_str()), (Some(3), "this file is not UTF-8 text; save the CSV as UTF-8 and open it again"));
}

/// A German Excel export (issue 16): semicolons, decimal commas, dotted dates, "ja"/"nein",
/// and the fields' German labels as headers; every value read as the plain one.
#[test]
fn a_german_excel_export_reads_like_the_plain_file() {
    let mut p = program();
    p["fields"][0]["label"] = json!({"en": "Engineers", "de": "Zertifizierte Techniker"});
    p["fields"][1]["label"] = json!({"en": "Managed services", "de": "Managed Services (ja/nein)"});
    p["fields"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "revenue", "label": {"en": "Revenue", "de": "Umsatz (EUR)"}, "type": "number", "min": 0}));
    let sc = scorecard(p);
    let r = resolved(&sc);
    let german = "@partner;Zertifizierte Techniker;Managed Services (ja/nein);fit;joined;Umsatz (EUR);Notiz\r\n\
                  M\u{fc}ller GmbH;3;ja;high;01.06.2019;1.234.567,50;egal\r\n\
                  Bright;1;nein;low;15.01.2024;400.000;\r\n";
    let plain = "@partner,engineers,msp,fit,joined,revenue\nM\u{fc}ller GmbH,3,true,high,2019-06-01,1234567.5\nBright,1,false,low,2024-01-15,400000\n";
    // The unknown column "Notiz" must be mapped or left out: the page asks; here it is left out.
    let options = CsvOptions { columns: vec![("Notiz".into(), None)], ..CsvOptions::default() };
    let read = |text: &str, options: &CsvOptions| {
        let mut rows = csv_profiles_with(&sc, text, options).unwrap();
        let mut profile = sc.program().empty_profile();
        let mut errors = Vec::new();
        let mut out = Vec::new();
        while let Some((_, _, ok)) = rows.next_into(&mut profile, &mut errors) {
            assert!(ok, "{errors:?}");
            out.push(profile.clone());
        }
        out
    };
    assert_eq!(read(german, &options), read(plain, &CsvOptions::default()));
    // Without the mapping, the unknown column stops the file, naming it.
    let errors = sc.evaluate_csv(german, &r).unwrap_err();
    assert_eq!(errors[0].path, "Notiz");
    // What a page shows before reading: the format and how each header was matched.
    let (format, columns) = match_headers(&sc, german, &CsvOptions::default());
    assert_eq!((format.separator, format.decimal), (';', ','));
    let how: Vec<(&str, Option<&str>, &str)> = columns.iter().map(|c| (c.header.as_str(), c.target.as_deref(), c.how)).collect();
    assert_eq!(
        how,
        [
            ("@partner", Some("@partner"), "id"),
            ("Zertifizierte Techniker", Some("engineers"), "label"),
            ("Managed Services (ja/nein)", Some("msp"), "label"),
            ("fit", Some("fit"), "id"),
            ("joined", Some("joined"), "id"),
            ("Umsatz (EUR)", Some("revenue"), "label"),
            ("Notiz", None, "unknown")
        ]
    );
}

/// A header that almost names a field is suggested, and a mapping reads it.
#[test]
fn a_mapping_reads_a_prm_exports_own_headers() {
    let sc = scorecard(program());
    let text = "Partner Name,Engineer count,MSP\nAcme,3,yes\n";
    let (_, columns) = match_headers(&sc, text, &CsvOptions::default());
    assert_eq!(columns[1].suggestion.as_deref(), None, "\"Engineer count\" is not near enough to guess");
    let (_, near) = match_headers(&sc, "Enginers\n1\n", &CsvOptions::default());
    assert_eq!(near[0].suggestion.as_deref(), Some("engineers"));
    let options = CsvOptions {
        columns: vec![("Partner Name".into(), Some("@partner".into())), ("Engineer count".into(), Some("engineers".into()))],
        ..CsvOptions::default()
    };
    let mut rows = csv_profiles_with(&sc, text, &options).unwrap();
    let mut profile = sc.program().empty_profile();
    let mut errors = Vec::new();
    rows.next_into(&mut profile, &mut errors).unwrap();
    assert_eq!(errors, []);
    assert_eq!(profile.partner.as_deref(), Some("Acme"));
    assert_eq!(profile.values[0], FieldValue::Number(3.0));
    assert_eq!(profile.values[1], FieldValue::Bool(true), "\"MSP\" is the label of no field, but its id: msp");
}

/// Exports name the meta columns in words: "Partner Name", "Region", "Tier since".
#[test]
fn meta_columns_are_found_by_the_words_exports_use() {
    let sc = scorecard(program());
    let text = "Partner Name,Region,Current tier,Tier since,Short since,Track\nAcme,,,,,\n";
    let (_, columns) = match_headers(&sc, text, &CsvOptions::default());
    let found: Vec<(Option<&str>, &str)> = columns.iter().map(|c| (c.target.as_deref(), c.how)).collect();
    assert_eq!(
        found,
        [
            (Some("@partner"), "label"),
            (Some("@region"), "label"),
            (Some("@tier"), "label"),
            (Some("@tier_since"), "label"),
            (Some("@short_since"), "label"),
            (Some("@tracks"), "label")
        ]
    );
}

/// A file or sheet without its header row: one clear error, not an unknown column per value.
#[test]
fn a_first_row_of_numbers_and_dates_is_reported_as_a_missing_header() {
    let sc = scorecard(program());
    let errors = csv_profiles_with(&sc, "3,4.5,2026-01-01\n4,2,2026-02-01\n", &CsvOptions::default()).err().unwrap();
    assert_eq!(errors.len(), 1);
    assert!(errors[0].message.starts_with("the first row holds data, not column names"), "{}", errors[0].message);
    assert_eq!(errors[0].line, Some(1));
    // One real header among the numbers: the usual errors per column, no guess about the row.
    let errors = csv_profiles_with(&sc, "3,engineers\n", &CsvOptions::default()).err().unwrap();
    assert!(errors.iter().all(|e| !e.message.starts_with("the first row holds data")));
}

#[test]
fn points_per_category_are_those_evaluate_explains() {
    // Every shipped program (multi-track: tracks, regions and scoring paths) on synthetic
    // partners: the compact points per category equal the full evaluation's, category by
    // category, and a category the evaluation leaves out is `None`.
    for name in ["classic-reseller", "multi-track", "capability-100"] {
        let path = format!("{}/www/programs/{name}.json", env!("CARGO_MANIFEST_DIR"));
        let sc = Scorecard::from_json(&std::fs::read_to_string(path).unwrap()).unwrap();
        let as_of = crate::Date::parse("2026-06-01").unwrap();
        let options = crate::analysis::synth::SynthOptions { rows: 300, seed: 5, as_of, workbook: false };
        let csv = crate::analysis::synth::generate(sc.program(), &options).unwrap();
        let resolved = sc.resolve(&EvalOptions::on(as_of)).unwrap();
        let mut rows = csv_profiles(sc.program(), &csv).unwrap();
        let mut profile = sc.empty_profile();
        let (mut results, mut categories, mut errors) = (Vec::new(), Vec::new(), Vec::new());
        let mut compared = 0;
        while let Some((row, line, ok)) = rows.next_into(&mut profile, &mut errors) {
            assert!(ok, "{errors:?}");
            results.clear();
            categories.clear();
            batch_results_with_categories_into(sc.program(), &profile, &resolved, row, Some(line), &mut results, &mut categories);
            let mut plain = Vec::new();
            batch_results_into(sc.program(), &profile, &resolved, row, Some(line), &mut plain);
            assert_eq!(results, plain, "the results themselves are batch_results_into's");
            let evaluation = sc.evaluate_resolved(&profile, &resolved);
            let per_result = sc.categories().len();
            assert_eq!(categories.len(), results.len() * per_result);
            for (i, track) in evaluation.tracks.iter().enumerate() {
                for (c, category) in sc.categories().iter().enumerate() {
                    let explained = track.categories.iter().find(|e| e.id == category.id).map(|e| e.points);
                    assert_eq!(categories[i * per_result + c], explained, "{name} row {row} track {i} category {}", category.id);
                    compared += 1;
                }
            }
        }
        assert!(compared >= 300 * sc.categories().len(), "{name}: {compared}");
    }
}
