//! The .xlsx reader and writer against an independent oracle, calamine: every sheet of the
//! fixtures openpyxl and XlsxWriter wrote (tests/fixtures/xlsx/make_fixtures.py) must read
//! the same, and random rows written by `write_workbook` must read back the same through
//! calamine and through our reader. Then fuzzing: no input makes the reader panic.
#![cfg(not(target_arch = "wasm32"))] // calamine and the fixtures on disk are native-only.

#[path = "support/xlsx_zip.rs"]
mod xlsx_zip;

use calamine::{Data, Reader, Xlsx};
use partner_scorecard::text::xlsx::{cell_address, write_workbook, Sheet, Workbook};
use proptest::prelude::*;
use std::io::Cursor;
use xlsx_zip::Parts;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/xlsx");

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{FIXTURES}/{name}")).expect("fixture")
}

fn all_fixtures() -> Vec<(String, Vec<u8>)> {
    let mut names: Vec<String> = std::fs::read_dir(FIXTURES)
        .expect("fixtures folder")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".xlsx"))
        .collect();
    names.sort();
    names.into_iter().map(|n| (n.clone(), fixture(&n))).collect()
}

/// A calamine cell as text by the reader's rules, with calamine's own date conversion
/// (chrono) for date cells.
fn oracle_text(cell: &Data) -> String {
    match cell {
        Data::Int(i) => i.to_string(),
        Data::Float(f) if *f == 0.0 => "0".to_string(),
        Data::Float(f) => format!("{f}"),
        Data::String(s) => s.clone(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d.as_datetime().expect("date in range").date().to_string(),
        Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
        Data::Empty => String::new(),
    }
}

/// A sheet as (first row, first column, rows of texts).
type Cells = (u32, u32, Vec<Vec<String>>);

/// What calamine reads from `bytes`: sheet names, and each sheet's cells.
fn oracle(bytes: &[u8]) -> (Vec<String>, Vec<Cells>) {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).expect("calamine opens it");
    let names = book.sheet_names();
    let sheets = names
        .iter()
        .map(|name| {
            let range = book.worksheet_range(name).expect("calamine reads the sheet");
            let (row, col) = range.start().unwrap_or((0, 0));
            let rows = range.rows().map(|r| r.iter().map(oracle_text).collect()).collect();
            (row, col, rows)
        })
        .collect();
    (names, sheets)
}

fn ours(bytes: &[u8]) -> (Vec<String>, Vec<Sheet>) {
    let book = Workbook::open(bytes).expect("our reader opens it");
    let names = book.sheet_names();
    let sheets = names.iter().map(|n| book.sheet(Some(n)).expect("our reader reads it")).collect();
    (names, sheets)
}

#[test]
fn every_fixture_reads_as_calamine_reads_it() {
    let mut cells = 0;
    let mut non_empty = 0;
    let fixtures = all_fixtures();
    assert_eq!(fixtures.len(), 7, "the fixtures the script writes");
    for (file, bytes) in &fixtures {
        let (their_names, theirs) = oracle(bytes);
        let (our_names, ours) = ours(bytes);
        let mut sorted = (their_names.clone(), our_names.clone());
        sorted.0.sort();
        sorted.1.sort();
        assert_eq!(sorted.0, sorted.1, "{file}: sheet names");
        for sheet in &ours {
            let at = their_names.iter().position(|n| *n == sheet.name).expect("same name");
            let (row, col, rows) = &theirs[at];
            // The first differing cell, by its address, rather than two whole sheets.
            for (r, (a, b)) in sheet.rows.iter().zip(rows).enumerate() {
                for (c, (x, y)) in a.iter().zip(b).enumerate() {
                    let at = cell_address(sheet.first_row + r as u32, sheet.first_col + c as u32);
                    // A number may be written with other shortest digits (925415489286577.2 or
                    // .3, both the same double): the value is what must agree.
                    let same_number = matches!((x.parse::<f64>(), y.parse::<f64>()), (Ok(p), Ok(q)) if p == q);
                    assert!(x == y || same_number, "{file} / {} / {at}: {x:?} against {y:?}", sheet.name);
                }
            }
            assert_eq!(
                (sheet.rows.len(), sheet.rows.first().map(Vec::len)),
                (rows.len(), rows.first().map(Vec::len)),
                "{file} / {}",
                sheet.name
            );
            if !rows.is_empty() {
                assert_eq!((sheet.first_row, sheet.first_col), (*row, *col), "{file}");
            }
            cells += rows.iter().map(Vec::len).sum::<usize>();
            non_empty += rows.iter().flatten().filter(|c| !c.is_empty()).count();
        }
    }
    eprintln!("compared {cells} cells ({non_empty} non-empty) with calamine");
    assert!(non_empty >= 2_400, "{non_empty}");
}

fn read(bytes: &[u8], sheet: Option<&str>) -> Sheet {
    Workbook::open(bytes).unwrap().sheet(sheet).unwrap()
}

#[test]
fn partners_fixture_by_hand() {
    let bytes = fixture("partners-two-sheets.xlsx");
    let book = Workbook::open(&bytes).unwrap();
    // The hidden sheet comes after the visible ones.
    assert_eq!(book.sheet_names(), ["Notes", "Partners", "Archive"]);
    assert_eq!(book.sheet(None).unwrap().name, "Notes");
    let partners = book.sheet(Some("partners")).unwrap();
    assert_eq!((partners.first_row, partners.first_col), (2, 1), "data starts at B3");
    let row = |i: usize| partners.rows[i].join("|");
    assert_eq!(row(0), "Partner|Region|Certified engineers|Annual revenue (EUR)|Renewal date|Active|Score");
    assert_eq!(row(1), "Acme Corp|EMEA|12|1250000.5|2024-01-01|true|0.1");
    assert_eq!(row(2), "Müller GmbH|EMEA|3|98000|2025-02-28|false|-3.5");
    assert_eq!(row(3), "株式会社テスト|APAC|0||2023-12-31|true|0.0000001");
    assert_eq!(row(4), "Bell & <Sons> \"Ltd\"||7|1000000000000000|2000-02-29|false|0.6666666666666666");
    assert_eq!(row(5), "  padded  |AMER|250|123456789.125|2024-06-30|true|1000000000000000000000");
    assert_eq!(row(6), "Line\nbreak|LATAM|-1|0|||12");
    assert_eq!(row(7), "|#N/A|||||");
    assert_eq!(partners.rows.len(), 8);
}

#[test]
fn libreoffice_saves_the_same_cells() {
    let original = Workbook::open(&fixture("partners-two-sheets.xlsx")).unwrap();
    let resaved = Workbook::open(&fixture("libreoffice-partners.xlsx")).unwrap();
    assert_eq!(resaved.sheet_names(), original.sheet_names());
    for name in original.sheet_names() {
        let mut expected = original.sheet(Some(&name)).unwrap();
        if name == "Partners" {
            // LibreOffice writes numbers with 15 significant digits.
            expected.rows[4][6] = "0.666666666666667".to_string();
        }
        assert_eq!(resaved.sheet(Some(&name)).unwrap(), expected);
    }
}

#[test]
fn other_fixtures_by_hand() {
    let dates = read(&fixture("dates-1904.xlsx"), None);
    let column: Vec<&str> = dates.rows.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(column, ["Renewal date", "1904-01-01", "1904-01-02", "2024-01-01", "2030-12-31"]);

    let shared = read(&fixture("shared-strings.xlsx"), Some("Partners"));
    assert_eq!((shared.first_row, shared.first_col), (1, 2));
    let row = |i: usize| shared.rows[i].join("|");
    assert_eq!(row(0), "Partner|Tier|Revenue|Since|Renewal|Label|Ok");
    assert_eq!(row(1), "Müller GmbH|Gold|1234.5|2019-03-01|2024-01-01|Tom & Jerry <co>|true");
    assert_eq!(row(2), "Müller GmbH|SILVER|2469|1900-03-01|||false");
    assert_eq!(row(3), "Rich bold tail|#DIV/0!|||||");
    assert_eq!(row(4), " lead and trail ||||||");

    let rich = read(&fixture("rich-text.xlsx"), None);
    assert_eq!(rich.rows[1], ["Plain shared", "Bold part and plain"]);
    assert_eq!(rich.rows[2], ["Plain shared", "  spaced end"]);
    assert_eq!(rich.rows[3], ["A literal", "tab\there"]);

    let book = Workbook::open(&fixture("header-only.xlsx")).unwrap();
    let header = book.sheet(None).unwrap();
    assert_eq!(header.rows, [["Partner", "Region", "Tier"]]);
    let empty = book.sheet(Some("Empty")).unwrap();
    assert_eq!((empty.first_row, empty.first_col, empty.rows.len()), (0, 0, 0));
}

/// The writer's rule for numbers, restated: an optional minus, digits without a leading
/// zero, an optional fraction, at most 15 significant digits.
fn written_as_number(cell: &str) -> bool {
    let unsigned = cell.strip_prefix('-').unwrap_or(cell);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, "0"));
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    digits(whole)
        && digits(fraction)
        && !(whole.len() > 1 && whole.starts_with('0'))
        && format!("{whole}{fraction}").trim_start_matches('0').trim_end_matches('0').len() <= 15
}

/// What reading `rows` back should give: numbers in their shortest form, the used range.
fn expected_sheet(rows: &[Vec<String>]) -> Cells {
    let text = |c: &String| match written_as_number(c) {
        true => {
            let n: f64 = c.parse().unwrap();
            if n == 0.0 {
                "0".to_string()
            } else {
                format!("{n}")
            }
        }
        false => c.clone(),
    };
    let cells: Vec<(usize, usize, String)> = rows
        .iter()
        .enumerate()
        .flat_map(|(r, row)| row.iter().enumerate().map(move |(c, v)| (r, c, v)))
        .filter(|(_, _, v)| !v.is_empty())
        .map(|(r, c, v)| (r, c, text(v)))
        .collect();
    if cells.is_empty() {
        return (0, 0, Vec::new());
    }
    let top = cells.iter().map(|c| c.0).min().unwrap();
    let bottom = cells.iter().map(|c| c.0).max().unwrap();
    let left = cells.iter().map(|c| c.1).min().unwrap();
    let right = cells.iter().map(|c| c.1).max().unwrap();
    let mut grid = vec![vec![String::new(); right - left + 1]; bottom - top + 1];
    for (r, c, v) in cells {
        grid[r - top][c - left] = v;
    }
    (top as u32, left as u32, grid)
}

fn cell_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => Just(String::new()),
        2 => any::<i32>().prop_map(|n| n.to_string()),
        2 => (any::<i32>(), 0u32..100_000).prop_map(|(a, b)| format!("{a}.{b}")),
        1 => "-?0[0-9]{1,3}(\\.[0-9]{1,3})?",
        1 => "[0-9]{14,18}",
        1 => "-?[0-9]\\.[0-9]{1,6}e[0-9]",
        4 => "[ a-zA-Z0-9<>&\"'_;,.-]{1,12}",
        2 => "[ \\t\\nüß株式会社😀_x0-9A-F]{1,10}",
        1 => prop::sample::select(vec![
            " leading", "trailing ", "  ", "_x0041_", "a_x000D_b", "\r\n", "\u{1}bell\u{7}",
            "<v>1</v>", "]]>", "&amp;", "=SUM(A1)", "true", "#N/A", "1900-01-01",
        ])
        .prop_map(str::to_string),
    ]
}

fn rows_strategy() -> impl Strategy<Value = Vec<Vec<String>>> {
    prop::collection::vec(prop::collection::vec(cell_strategy(), 0..7), 0..9)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn written_workbooks_read_back_through_calamine_and_ours(
        name in "[ a-zA-Z0-9\\[\\]:*?/\\\\'<>&\"äö]{0,40}",
        rows in rows_strategy(),
    ) {
        let bytes = write_workbook(&name, &rows);
        let expected = expected_sheet(&rows);
        let (their_names, theirs) = oracle(&bytes);
        prop_assert_eq!(their_names.len(), 1);
        let title = &their_names[0];
        prop_assert!(!title.is_empty() && title.encode_utf16().count() <= 31);
        prop_assert!(!title.contains(['[', ']', ':', '*', '?', '/', '\\']), "{}", title);
        let (row, col, their_rows) = &theirs[0];
        prop_assert_eq!(their_rows, &expected.2);
        if !expected.2.is_empty() {
            prop_assert_eq!((*row, *col), (expected.0, expected.1));
        }
        let (our_names, ours) = ours(&bytes);
        prop_assert_eq!(&our_names, &their_names);
        let sheet = &ours[0];
        prop_assert_eq!((sheet.first_row, sheet.first_col, &sheet.rows), (expected.0, expected.1, &expected.2));
    }

    /// Random bytes, and zip-looking random bytes: an error, never a panic.
    #[test]
    fn random_bytes_never_panic(
        bytes in prop::collection::vec(any::<u8>(), 0..600),
        zip_like in any::<bool>(),
    ) {
        let mut bytes = bytes;
        if zip_like {
            bytes.splice(0..0, b"PK\x03\x04".iter().copied());
            bytes.extend_from_slice(b"PK\x05\x06\0\0\0\0\x01\0\x01\0\x2e\0\0\0\0\0\0\0\0\0");
        }
        if let Ok(book) = Workbook::open(&bytes) {
            for name in book.sheet_names() {
                let _ = book.sheet(Some(&name));
            }
        }
    }

    /// Valid workbooks (fixtures and written ones) with bytes changed or cut: an error or
    /// some cells, never a panic.
    #[test]
    fn damaged_workbooks_never_panic(
        which in 0usize..8,
        flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..6),
        cut in prop::option::of(any::<prop::sample::Index>()),
    ) {
        let mut bytes = match all_fixtures().into_iter().nth(which) {
            Some((_, bytes)) => bytes,
            None => write_workbook("Partners", &[vec!["Partner".into(), "12".into()]]),
        };
        for (at, byte) in flips {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        if let Some(cut) = cut {
            bytes.truncate(cut.index(bytes.len()));
        }
        if let Ok(book) = Workbook::open(&bytes) {
            let _ = book.sheet(None);
            for name in book.sheet_names() {
                let _ = book.sheet(Some(&name));
            }
        }
    }

    /// Changed XML inside a well-formed zip (the checksums recomputed), so that the XML
    /// readers, not the zip checks, meet the damage.
    #[test]
    fn damaged_parts_never_panic(
        part in 0usize..6,
        edits in prop::collection::vec((any::<prop::sample::Index>(), prop::sample::select(vec![
            "<", ">", "/", "\"", "&", "&#0;", "&#xD800;", "&bogus;", "r=\"XFD1048576\"",
            "r=\"A0\"", "t=\"s\"", "<c>", "</c>", "<v>99999999999</v>", "<row>", "_xD800_",
            "s=\"4294967296\"", "<t>", "</si>", "<rPh>", "\u{0}", "\u{FEFF}", "é",
        ])), 1..5),
    ) {
        let mut parts = rich_parts();
        let index = part % parts.files.len();
        let text = &mut parts.files[index].1;
        for (at, insert) in edits {
            let mut i = at.index(text.len() + 1);
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            text.insert_str(i, insert);
        }
        for deflated in [false, true] {
            if let Ok(book) = Workbook::open(&parts.zip(deflated)) {
                for name in book.sheet_names() {
                    let _ = book.sheet(Some(&name));
                }
            }
        }
    }
}

/// A workbook using every kind of cell and part the reader knows.
fn rich_parts() -> Parts {
    let styles = r#"<numFmts><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>
        <cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/><xf numFmtId="20"/></cellXfs>"#;
    let data = r#"<row r="2"><c r="B2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c><c r="D2" s="1"><v>45292</v></c></row>
        <row><c t="inlineStr"><is><t xml:space="preserve"> x </t></is></c><c t="b"><v>1</v></c><c t="e"><v>#REF!</v></c><c s="3"><v>0.5</v></c><c t="str"><f>A1</f><v>s</v></c></row>"#;
    Parts::new(
        &[("One", data, "visible"), ("Two", "<row><c><v>1</v></c></row>", "hidden")],
        Some(&["<t>Partner</t>", "<r><t>Ri</t></r><r><t>ch</t></r><rPh><t>ルビ</t></rPh>"]),
        Some(styles),
        false,
    )
}

#[test]
fn rich_parts_read_as_calamine_reads_them() {
    let parts = rich_parts();
    for deflated in [false, true] {
        let bytes = parts.zip(deflated);
        let sheet = read(&bytes, None);
        assert_eq!((sheet.first_row, sheet.first_col), (1, 0));
        assert_eq!(sheet.rows[0], ["", "Partner", "Rich", "2024-01-01", ""]);
        // 0.5 in an h:mm format is a time of day: it stays a number (calamine would make it
        // a date-time, so this row is compared by hand only).
        assert_eq!(sheet.rows[1], [" x ", "true", "#REF!", "0.5", "s"]);
        let (_, theirs) = oracle(&bytes);
        assert_eq!(theirs[0].2[0], sheet.rows[0]);
        assert_eq!(theirs[1].2, [["1"]]);
    }
}

/// With `XLSX_SAMPLE=path`, writes a sample workbook there for other readers to open
/// (`python3 tests/fixtures/xlsx/make_fixtures.py --check path`, LibreOffice, Excel).
#[test]
fn sample_for_other_readers() {
    let Ok(path) = std::env::var("XLSX_SAMPLE") else { return };
    let rows: Vec<Vec<String>> = [
        vec!["Partner", "Region", "Certified engineers", "Revenue", "Code", "Note"],
        vec!["Müller GmbH", "EMEA", "12", "1250000.5", "007", " spaced "],
        vec!["株式会社テスト", "", "-3", "0.1", "12345678901234567890", "a<b>&\"c\""],
        vec!["Tab\there", "APAC", "0", "-0", "1e5", "line\nbreak_x0041_"],
    ]
    .iter()
    .map(|r| r.iter().map(|c| c.to_string()).collect())
    .collect();
    std::fs::write(path, write_workbook("Partners: [2024/25]", &rows)).unwrap();
}
