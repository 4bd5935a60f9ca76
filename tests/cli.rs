//! The command line (`partner-scorecard`, src/bin/partner-scorecard/) as a pipeline runs it:
//! exit codes, errors with their line and column, bad rows reported while the run goes on,
//! results in input order from several threads and many parts, every input format, and
//! results equal to the library's own batch, plan, summary and generator functions.
//! (tests/cli.mjs compares the same with the JavaScript package.)
#![cfg(not(target_arch = "wasm32"))] // The command line is native only.

use partner_scorecard::analysis::synth::{csv_rows, generate, SynthOptions};
use partner_scorecard::{Date, EvalOptions, Scorecard};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_partner-scorecard");
const AS_OF: &str = "2026-06-01";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn program_path(name: &str) -> String {
    root().join("www/programs").join(format!("{name}.json")).to_string_lossy().into_owned()
}

fn scorecard(name: &str) -> Scorecard {
    Scorecard::from_json(&std::fs::read_to_string(program_path(name)).unwrap()).unwrap()
}

/// A fresh directory for one test's files.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("partner-scorecard-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn synth(name: &str, rows: usize, seed: u64) -> String {
    let options = SynthOptions { rows, seed, as_of: Date::parse(AS_OF).unwrap(), workbook: false };
    generate(scorecard(name).program(), &options).unwrap()
}

fn jsonl(text: &str) -> Vec<Value> {
    text.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// The library's batch results for CSV text, as JSON values in file order.
fn library_results(name: &str, csv: &str) -> Vec<Value> {
    let sc = scorecard(name);
    let resolved = sc.resolve(&EvalOptions::on(Date::parse(AS_OF).unwrap())).unwrap();
    let batch = sc.evaluate_csv(csv, &resolved).unwrap();
    batch.results.iter().map(|r| serde_json::from_str(&partner_scorecard::text::json_write::to_string(r).unwrap()).unwrap()).collect()
}

/// The fields of the CLI's JSON lines that `CompactResult` has.
fn compact(line: &Value) -> Value {
    let mut v = line.clone();
    let o = v.as_object_mut().unwrap();
    o.remove("categories");
    o.remove("plan");
    v
}

#[test]
fn check_names_every_error_with_its_line_and_column() {
    let dir = temp_dir("check");
    let broken = dir.join("broken.json");
    // Two mistakes: an unknown category on line 7 and a misspelt rule key on line 8.
    let text = r#"{
  "format": 1, "id": "demo", "name": "Demo",
  "fields": [{"id": "engineers", "label": "Engineers", "type": "number"}],
  "categories": [{"id": "capability", "label": "Capability"}],
  "criteria": [
    {"id": "eng", "label": "Engineers", "field": "engineers",
     "category": "capabilty",
     "rule": {"type": "per_unit", "per": 4, "max": 20}}
  ],
  "tiers": [{"id": "silver", "label": "Silver", "min_score": 8}]
}
"#;
    std::fs::write(&broken, text).unwrap();
    let path = broken.to_str().unwrap();
    let o = run(&["check", path]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains(&format!("{path}:7:6: criteria[0].category: unknown category \"capabilty\"")), "{out}");
    assert!(out.contains(&format!("{path}:8:45: criteria[0].rule.max: unknown key \"max\"")), "{out}");
    let o = run(&["check", "--json", path]);
    let problems: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(problems[0]["line"], 7);
    assert_eq!(problems[0]["column"], 6);
    assert_eq!(problems[0]["severity"], "error");

    // Text that is not JSON: where the parser stopped.
    std::fs::write(&broken, "{\n  \"format\": 1,\n  \"id\" \"demo\"\n}").unwrap();
    let o = run(&["check", path]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), format!("{path}:3:8: not valid JSON: expected ':' after a key\n"));

    for name in ["classic-reseller", "multi-track", "capability-100"] {
        let o = run(&["check", &program_path(name)]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}{}", stdout(&o), stderr(&o));
    }
    let o = run(&["check", dir.join("missing.json").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["check"]);
    assert_eq!(o.status.code(), Some(2), "a usage mistake");
}

#[test]
fn a_bad_row_is_reported_with_its_line_and_column_and_the_run_goes_on() {
    let dir = temp_dir("bad-row");
    let mut csv = synth("classic-reseller", 40, 3);
    // Row 5 (line 7) gets a text where a number goes; its certified_engineers column is 10th.
    let mut lines: Vec<String> = csv.lines().map(str::to_string).collect();
    let header: Vec<&str> = lines[0].split(',').collect();
    let column = header.iter().position(|h| *h == "certified_engineers").unwrap();
    let mut cells = csv_rows(&format!("{}\n{}\n", lines[0], lines[6])).remove(1);
    cells[column] = "many".into();
    lines[6] = cells
        .iter()
        .map(|c| if c.contains([',', '"']) { format!("\"{}\"", c.replace('"', "\"\"")) } else { c.clone() })
        .collect::<Vec<_>>()
        .join(",");
    csv = lines.join("\n") + "\n";
    let file = dir.join("partners.csv");
    std::fs::write(&file, &csv).unwrap();
    let errors = dir.join("bad-rows.csv");
    let o =
        run(&["score", &program_path("classic-reseller"), file.to_str().unwrap(), "--as-of", AS_OF, "--errors", errors.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains(&format!("partners.csv:7:{}: certified_engineers: ", column + 1)), "{err}");
    assert!(err.contains("40 partners read, 39 scored (39 results), 1 skipped"), "{err}");
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 40, "a header and 39 results");
    let errors = std::fs::read_to_string(errors).unwrap();
    assert!(errors.starts_with(&format!("row,line,column,cell,path,message\n5,7,{},,certified_engineers,", column + 1)), "{errors}");

    // The same file as JSON lines for the errors.
    let errors = dir.join("bad-rows.jsonl");
    run(&[
        "score",
        &program_path("classic-reseller"),
        file.to_str().unwrap(),
        "--as-of",
        AS_OF,
        "-q",
        "--errors",
        errors.to_str().unwrap(),
    ]);
    let e = jsonl(&std::fs::read_to_string(errors).unwrap());
    assert_eq!((e[0]["row"].as_u64(), e[0]["line"].as_u64(), e[0]["column"].as_u64()), (Some(5), Some(7), Some(column as u64 + 1)));
}

#[test]
fn results_come_in_input_order_from_many_parts_and_threads_and_equal_the_librarys() {
    let dir = temp_dir("order");
    for name in ["classic-reseller", "multi-track", "capability-100"] {
        let csv = synth(name, 1500, 11);
        let file = dir.join(format!("{name}.csv"));
        std::fs::write(&file, &csv).unwrap();
        let expected = library_results(name, &csv);
        for (jobs, part) in [("1", "1000000"), ("4", "700"), ("3", "1")] {
            let o = run(&[
                "score",
                &program_path(name),
                file.to_str().unwrap(),
                "--as-of",
                AS_OF,
                "--format",
                "jsonl",
                "-q",
                "-j",
                jobs,
                "--part-bytes",
                part,
            ]);
            assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
            let got: Vec<Value> = jsonl(&stdout(&o)).iter().map(compact).collect();
            assert_eq!(got.len(), expected.len(), "{name} -j {jobs}");
            assert!(got == expected, "{name} -j {jobs} --part-bytes {part}: the results differ from evaluate_csv's");
        }
    }
}

#[test]
fn semicolons_decimal_commas_and_windows_1252_read_as_the_lab_reads_them() {
    let dir = temp_dir("formats");
    let csv = synth("classic-reseller", 300, 4);
    let expected = library_results("classic-reseller", &csv);
    // As German Excel writes it: semicolons, decimal commas, CRLF, Windows-1252 (ü is 0xFC).
    let rows = csv_rows(&csv);
    let mut german = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let cells: Vec<String> = row
            .iter()
            .map(|c| {
                let c = if i > 0 && c.parse::<f64>().is_ok() { c.replace('.', ",") } else { c.clone() };
                if c.contains([';', '"']) {
                    format!("\"{}\"", c.replace('"', "\"\""))
                } else {
                    c
                }
            })
            .collect();
        german.extend(cells.join(";").chars().map(|ch| if ch == 'ü' { 0xFC } else { ch as u8 }));
        german.extend_from_slice(b"\r\n");
    }
    let file = dir.join("partners-de.csv");
    std::fs::write(&file, &german).unwrap();
    let o = run(&[
        "score",
        &program_path("classic-reseller"),
        file.to_str().unwrap(),
        "--as-of",
        AS_OF,
        "--format",
        "jsonl",
        "-q",
        "--part-bytes",
        "2000",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let got: Vec<Value> = jsonl(&stdout(&o)).iter().map(compact).collect();
    assert!(got == expected, "the German file scores as the plain one");
}

#[test]
fn json_lines_score_as_profiles_do_and_their_errors_have_columns() {
    let dir = temp_dir("jsonl");
    let sc = scorecard("classic-reseller");
    let profiles = [
        r#"{"partner": "A", "values": {"certified_engineers": 3, "agreement_signed": true}}"#,
        "",
        r#"{"partner": "B", "values": {"certified_engineers": "three"}}"#,
        r#"{"partner": "C", "values": {"annual_revenue": 400000, "deal_registrations": 14}}"#,
        r#"{"partner": "D", "values": {"annual_revenue": 1,}}"#,
    ];
    let file = dir.join("partners.jsonl");
    std::fs::write(&file, profiles.join("\n")).unwrap();
    let o = run(&["score", &program_path("classic-reseller"), file.to_str().unwrap(), "--as-of", AS_OF, "--format", "jsonl"]);
    assert_eq!(o.status.code(), Some(1));
    let got = jsonl(&stdout(&o));
    let values: Vec<partner_scorecard::text::value::Value> =
        [profiles[0], profiles[3]].iter().map(|p| partner_scorecard::text::value::parse(p).unwrap()).collect();
    let resolved = sc.resolve(&EvalOptions::on(Date::parse(AS_OF).unwrap())).unwrap();
    let batch = sc.evaluate_values(&values, &resolved).unwrap();
    for (g, r) in got.iter().zip(&batch.results) {
        let r: Value = serde_json::from_str(&partner_scorecard::text::json_write::to_string(r).unwrap()).unwrap();
        for key in ["partner", "total", "tier", "earned_tier", "next_tier", "point_deficit", "held_by_retention"] {
            assert_eq!(g[key], r[key], "{key}");
        }
    }
    // Rows count profiles (the blank line is none); lines count lines.
    assert_eq!((got[1]["row"].as_u64(), got[1]["line"].as_u64()), (Some(2), Some(4)));
    let err = stderr(&o);
    assert!(err.contains("partners.jsonl:3:29: values.certified_engineers: \"certified_engineers\" must be a number"), "{err}");
    assert!(err.contains("partners.jsonl:5:49: not valid JSON: expected a key in quotes\n"), "{err}");
}

#[test]
fn workbooks_are_read_from_their_sheet_with_cells_in_errors() {
    let dir = temp_dir("xlsx");
    let mut csv = synth("classic-reseller", 200, 6);
    let expected = library_results("classic-reseller", &csv);
    let book = partner_scorecard::text::xlsx::write_workbook("Partners", &csv_rows(&csv));
    let file = dir.join("partners.xlsx");
    std::fs::write(&file, book).unwrap();
    let o = run(&[
        "score",
        &program_path("classic-reseller"),
        file.to_str().unwrap(),
        "--as-of",
        AS_OF,
        "--format",
        "jsonl",
        "-q",
        "--part-bytes",
        "5000",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let got: Vec<Value> = jsonl(&stdout(&o)).iter().map(compact).collect();
    // The sheet starts at A1 without blank rows: its row numbers are the CSV's lines.
    assert!(got == expected, "the workbook scores as its CSV");

    // A bad cell is named by its address.
    csv = csv.replacen(",yes,", ",maybe,", 1);
    let book = partner_scorecard::text::xlsx::write_workbook("Partners", &csv_rows(&csv));
    std::fs::write(&file, book).unwrap();
    let o = run(&["score", &program_path("classic-reseller"), file.to_str().unwrap(), "--as-of", AS_OF, "-q"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("partners.xlsx:2: cell E2 (agreement_signed): "), "{}", stderr(&o));
}

#[test]
fn a_mapping_exported_by_the_lab_renames_and_leaves_out_columns() {
    let dir = temp_dir("mapping");
    let csv = synth("classic-reseller", 50, 8);
    let expected = library_results("classic-reseller", &csv);
    let renamed = csv.replacen("@partner,", "Account,", 1).replacen("certified_engineers", "Engineers (#)", 1);
    let with_notes: String = renamed.lines().enumerate().map(|(i, l)| format!("{l},{}\n", if i == 0 { "Notes" } else { "x" })).collect();
    let file = dir.join("export.csv");
    std::fs::write(&file, &with_notes).unwrap();
    let o = run(&["score", &program_path("classic-reseller"), file.to_str().unwrap(), "--as-of", AS_OF]);
    assert_eq!(o.status.code(), Some(2), "unknown columns make the file unreadable");
    assert!(stderr(&o).contains("export.csv:1:10: Engineers (#): unknown field \"Engineers (#)\""), "{}", stderr(&o));
    let mapping = dir.join("mapping.json");
    std::fs::write(&mapping, r#"{"program": "classic-reseller", "columns": {"Engineers (#)": "certified_engineers", "Notes": null}}"#)
        .unwrap();
    let o = run(&[
        "score",
        &program_path("classic-reseller"),
        file.to_str().unwrap(),
        "--as-of",
        AS_OF,
        "--mapping",
        mapping.to_str().unwrap(),
        "--format",
        "jsonl",
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let got: Vec<Value> = jsonl(&stdout(&o)).iter().map(compact).collect();
    assert!(got == expected);
}

#[test]
fn plans_are_the_gap_reports_least_effort_plans() {
    let dir = temp_dir("plans");
    let csv = synth("multi-track", 60, 9);
    let file = dir.join("partners.csv");
    std::fs::write(&file, &csv).unwrap();
    let o = run(&[
        "score",
        &program_path("multi-track"),
        file.to_str().unwrap(),
        "--as-of",
        AS_OF,
        "--format",
        "jsonl",
        "--plans",
        "-q",
        "-j",
        "2",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let got = jsonl(&stdout(&o));
    let sc = scorecard("multi-track");
    let mut options = partner_scorecard::analysis::gap::GapOptions::on(Date::parse(AS_OF).unwrap());
    (options.alternatives, options.window_days) = (0, 0);
    let mut rows = sc.csv_profiles(&csv).unwrap();
    let mut profile = sc.empty_profile();
    let mut at = 0;
    let mut planned = 0;
    while let Some((_, _, ok)) = rows.next_into(&mut profile, &mut Vec::new()) {
        assert!(ok);
        let report = sc.gaps(&profile, &options).unwrap();
        for track in &report.tracks {
            let line = &got[at];
            assert_eq!(line["track"].as_str(), track.track.as_deref());
            match &track.plan {
                Some(plan) => {
                    assert_eq!(line["plan"]["summary"].as_str(), Some(plan.summary.as_str()));
                    assert_eq!(line["plan"]["effort"].as_f64(), Some(plan.effort));
                    assert_eq!(line["plan"]["status"], "plan");
                    planned += 1;
                }
                None => assert!(line["plan"]["effort"].is_null()),
            }
            at += 1;
        }
    }
    assert_eq!(at, got.len());
    assert!(planned > 20, "{planned}");
    // In CSV: the plan columns after the lab's.
    let o = run(&["score", &program_path("multi-track"), file.to_str().unwrap(), "--as-of", AS_OF, "--plans", "-q"]);
    let header = stdout(&o).lines().next().unwrap().to_string();
    assert!(
        header.starts_with("partner,region,track,score,tier,earned_tier,next_tier,deficit,held_by_retention,row,line,points_"),
        "{header}"
    );
    assert!(header.ends_with(",plan,plan_status,plan_target,plan_effort"), "{header}");
}

#[test]
fn the_summary_is_the_labs_however_many_parts_it_is_read_in() {
    use partner_scorecard::analysis::segment::{segment, PartnerBase, SegmentOptions};
    let dir = temp_dir("summary");
    for name in ["classic-reseller", "multi-track"] {
        let csv = synth(name, 1200, 12);
        let file = dir.join(format!("{name}.csv"));
        std::fs::write(&file, &csv).unwrap();
        let sc = scorecard(name);
        let base = PartnerBase::from_csv(sc.program(), &csv).unwrap();
        let mut seg = segment(sc.program(), &base, &SegmentOptions::on(Date::parse(AS_OF).unwrap())).unwrap();
        while !seg.check_reach(sc.program(), &base, 500) {}
        let expected: Value = serde_json::from_str(&partner_scorecard::text::json_write::to_string(&seg.summary).unwrap()).unwrap();
        for part in ["100000000", "30000", "4000"] {
            let o = run(&["summary", &program_path(name), file.to_str().unwrap(), "--as-of", AS_OF, "--json", "-q", "--part-bytes", part]);
            assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
            let got: Value = serde_json::from_str(&stdout(&o)).unwrap();
            assert!(got == expected, "{name} in parts of {part} bytes: the summary differs from segment()'s");
        }
    }
    let o = run(&["summary", &program_path("multi-track"), dir.join("multi-track.csv").to_str().unwrap(), "--as-of", AS_OF]);
    let text = stdout(&o);
    assert!(text.contains("Track Reseller: ") && text.contains("Within reach of the next tier"), "{text}");
}

#[test]
fn gaps_writes_the_report_as_text_or_as_the_api_does() {
    let program = program_path("multi-track");
    let profile = root().join("tests/fixtures/format-1/readme-profile.json");
    let o = run(&["gaps", &program, profile.to_str().unwrap(), "--as-of", "2026-11-25"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    for expected in [
        "Evaluated on Nov 25, 2026\n\nReseller:\n  Tier: Premier · 32.42 of 100 points\n  Premier is held; your profile earns Select\n",
        "  Least-effort plan to Advanced\n    - Resale revenue 400,000 → 511,000 (+2.6 points)\n",
        "    Then Advanced with 45.02 points · 6.11 effort points\n",
        "    Cloud Architect (A. Meyer) expires on Jan 10, 2027 (46 days)\n",
    ] {
        assert!(text.contains(expected), "{expected:?} in {text}");
    }
    // In German, as the scorecard page writes it.
    let o = run(&["gaps", &program, profile.to_str().unwrap(), "--as-of", "2026-11-25", "--lang", "de"]);
    assert!(
        stdout(&o).contains("  Kleinster Aufwand bis Advanced\n    - Resale revenue 400.000 → 511.000 (+2,6 Punkte)\n"),
        "{}",
        stdout(&o)
    );
    // The open requirement and the change that meets it, in German too.
    assert!(stdout(&o).contains("      - Mindestens 2 gültige Zertifizierungen, davon 1 Technical ("), "{}", stdout(&o));
    assert!(stdout(&o).contains("): 1 Zertifizierung hinzufügen\n"), "{}", stdout(&o));
    let o = run(&["gaps", &program, profile.to_str().unwrap(), "--as-of", "2026-11-25", "--json"]);
    let sc = scorecard("multi-track");
    let p = sc.profile_from_json(&std::fs::read_to_string(&profile).unwrap()).unwrap();
    let report = sc.gaps(&p, &partner_scorecard::analysis::gap::GapOptions::on(Date::parse("2026-11-25").unwrap())).unwrap();
    assert_eq!(stdout(&o).trim_end(), partner_scorecard::text::json_write::to_string(&report).unwrap());
    // A profile with a mistake: its line and column, exit code 2.
    let dir = temp_dir("gaps");
    let bad = dir.join("profile.json");
    std::fs::write(&bad, "{\n  \"values\": {\"annual_revenue\": \"lots\"}\n}").unwrap();
    let o = run(&["gaps", &program, bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("profile.json:2:14: values.annual_revenue: "), "{}", stderr(&o));
}

#[test]
fn synth_writes_the_generators_bytes_and_schema_the_schema() {
    for (name, rows, seed) in [("classic-reseller", 2500, 7), ("multi-track", 1, 1), ("capability-100", 0, 3)] {
        let o = run(&["synth", &program_path(name), "--rows", &rows.to_string(), "--seed", &seed.to_string(), "--as-of", AS_OF]);
        assert_eq!(o.status.code(), Some(0));
        assert!(o.stdout == synth(name, rows, seed).into_bytes(), "{name}");
    }
    // As the earlier `synth` binary took its program.
    let o = run(&["synth", "--program", &program_path("classic-reseller"), "--rows", "10"]);
    assert!(o.stdout == synth("classic-reseller", 10, 1).into_bytes());
    let o = run(&["schema"]);
    assert_eq!(stdout(&o), std::fs::read_to_string(root().join("schema/program.schema.json")).unwrap());
}

#[test]
fn unusable_inputs_stop_with_exit_code_2() {
    let dir = temp_dir("unusable");
    let file = dir.join("partners.csv");
    std::fs::write(&file, "@partner,engineerz\nA,1\n").unwrap();
    let o = run(&["score", &program_path("classic-reseller"), file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("partners.csv:1:2: engineerz: unknown field \"engineerz\""), "{}", stderr(&o));
    assert!(o.stdout.is_empty(), "nothing written");
    let o = run(&["score", &program_path("classic-reseller"), dir.join("none.csv").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["score", &program_path("classic-reseller"), file.to_str().unwrap(), "--track", "nope"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("track"), "{}", stderr(&o));
    let o = run(&["score", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("Exit codes:"));
}

#[test]
fn a_quote_never_closed_reads_to_the_end_as_the_lab_reads_it() {
    let dir = temp_dir("unclosed");
    let csv = synth("classic-reseller", 100, 13);
    let mut lines: Vec<&str> = csv.lines().collect();
    let broken = format!("\"{}", lines[51]);
    lines[51] = &broken;
    let text = lines.join("\n") + "\n";
    let file = dir.join("partners.csv");
    std::fs::write(&file, &text).unwrap();
    let sc = scorecard("classic-reseller");
    let resolved = sc.resolve(&EvalOptions::on(Date::parse(AS_OF).unwrap())).unwrap();
    let expected = sc.evaluate_csv(&text, &resolved).unwrap();
    let errors = dir.join("errors.jsonl");
    let o = run(&[
        "score",
        &program_path("classic-reseller"),
        file.to_str().unwrap(),
        "--as-of",
        AS_OF,
        "--format",
        "jsonl",
        "-q",
        "--part-bytes",
        "2000",
        "--errors",
        errors.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(jsonl(&stdout(&o)).len(), expected.results.len(), "the rows before it");
    let got = jsonl(&std::fs::read_to_string(&errors).unwrap());
    let e = &expected.errors[0];
    assert_eq!(expected.errors.len(), 1);
    assert_eq!((got[0]["row"].as_u64(), got[0]["line"].as_u64()), (e.row.map(|r| r as u64), e.line.map(|l| l as u64)));
    assert_eq!(got[0]["message"].as_str(), Some(e.message.as_str()));
}

#[test]
fn a_line_longer_than_a_profile_may_be_is_skipped_without_being_held() {
    let dir = temp_dir("long-line");
    let file = dir.join("partners.jsonl");
    let mut text = String::from("{\"partner\": \"A\"}\n{\"partner\": \"");
    text.push_str(&"x".repeat(partner_scorecard::limits::MAX_JSON_BYTES + 10));
    text.push_str("\"}\n\n{\"partner\": \"C\"}\n");
    std::fs::write(&file, &text).unwrap();
    let o = run(&["score", &program_path("classic-reseller"), file.to_str().unwrap(), "--as-of", AS_OF, "--format", "jsonl"]);
    assert_eq!(o.status.code(), Some(1));
    let got = jsonl(&stdout(&o));
    assert_eq!(
        got.iter().map(|r| (r["partner"].as_str().unwrap(), r["row"].as_u64(), r["line"].as_u64())).collect::<Vec<_>>(),
        [("A", Some(0), Some(1)), ("C", Some(2), Some(4))]
    );
    assert!(stderr(&o).contains("partners.jsonl:2: this line is longer than 64 MB"), "{}", stderr(&o));
}

#[test]
fn a_prm_export_workbook_reads_as_the_lab_reads_it() {
    // The lab's page-test fixture: a "Notes" sheet first, the partners from B3 of "Partner
    // export" under the PRM's own headers (found by label and by the words exports use),
    // dates as Excel dates, and Fjord's "many" engineers in G9.
    let e2e = root().join("tests/e2e/fixtures");
    let program = e2e.join("lab-program.json");
    let program = program.to_str().unwrap();
    let book = e2e.join("lab-partners-export.xlsx");
    let book = book.to_str().unwrap();
    let o = run(&["score", program, book, "--as-of", AS_OF]);
    assert_eq!(o.status.code(), Some(2), "the first sheet holds notes: {}", stderr(&o));
    let dir = temp_dir("prm-export");
    let mapping = dir.join("mapping.json");
    for (sheet, code, message) in [
        (
            "Partner export",
            1,
            "lab-partners-export.xlsx:9: cell G9 (Certified engineers): \"engineers\" must be a number, found the text \"many\"",
        ),
        ("Q2 figures", 2, "cell A1: the first row holds data, not column names"),
    ] {
        std::fs::write(&mapping, format!(r#"{{"program": "lab-demo", "sheet": "{sheet}", "columns": {{}}}}"#)).unwrap();
        let o = run(&["score", program, book, "--as-of", AS_OF, "--mapping", mapping.to_str().unwrap(), "--format", "jsonl"]);
        assert_eq!(o.status.code(), Some(code), "{sheet}: {}", stderr(&o));
        assert!(stderr(&o).contains(message), "{sheet}: {}", stderr(&o));
    }
    // The same partners, tiers and totals as the CSV they were written from; lines are the sheet's rows.
    std::fs::write(&mapping, r#"{"sheet": "Partner export"}"#).unwrap();
    let from_book = jsonl(&stdout(&run(&[
        "score",
        program,
        book,
        "--as-of",
        AS_OF,
        "--mapping",
        mapping.to_str().unwrap(),
        "--format",
        "jsonl",
        "-q",
    ])));
    let csv = e2e.join("lab-partners.csv");
    let from_csv = jsonl(&stdout(&run(&["score", program, csv.to_str().unwrap(), "--as-of", AS_OF, "--format", "jsonl", "-q"])));
    assert_eq!(from_book.len(), 7);
    for (b, c) in from_book.iter().zip(&from_csv) {
        for key in ["partner", "region", "total", "tier", "earned_tier", "next_tier", "point_deficit", "categories", "row"] {
            assert_eq!(b[key], c[key], "{key}");
        }
        assert_eq!(b["line"].as_u64(), c["line"].as_u64().map(|l| l + 2), "the sheet's rows start at 3");
    }
}
