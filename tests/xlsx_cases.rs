//! The .xlsx reader on hand-built workbooks: each error id, each limit, and the shapes of
//! XML that real writers produce but the fixtures do not (cells without references,
//! prefixed elements, absolute relationship targets, ISO date cells).
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/xlsx_zip.rs"]
mod xlsx_zip;

use partner_scorecard::text::xlsx::{Sheet, Workbook, WorkbookError, MAX_GRID_CELLS, MAX_ROWS};
use xlsx_zip::{zip, Parts, MAIN, REL};

fn open_error(bytes: &[u8]) -> WorkbookError {
    match Workbook::open(bytes) {
        Ok(_) => panic!("opened"),
        Err(e) => e,
    }
}

fn sheet_error(bytes: &[u8], name: Option<&str>) -> WorkbookError {
    Workbook::open(bytes).unwrap().sheet(name).unwrap_err()
}

fn read(data: &str) -> Sheet {
    Workbook::open(&Parts::sheet(data).zip(true)).unwrap().sheet(None).unwrap()
}

fn assert_sentence(e: &WorkbookError) {
    assert!(e.message.starts_with(char::is_lowercase), "{}", e.message);
    assert!(!e.message.ends_with('.'), "{}", e.message);
}

#[test]
fn files_that_are_not_workbooks() {
    let e = open_error(b"Partner,Region\n");
    assert_eq!((e.id, e.message.as_str()), ("xlsx.not_zip", "this file is not an Excel workbook (.xlsx)"));
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(1024, 0);
    let e = open_error(&ole);
    assert_eq!(e.id, "xlsx.encrypted");
    assert!(e.message.contains("password-protected or in the old .xls format"));

    let docx_rels = format!(
        r#"<Relationships xmlns="x"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/></Relationships>"#
    );
    let docx = zip(&[
        ("[Content_Types].xml", b"<Types/>", false),
        ("_rels/.rels", docx_rels.as_bytes(), true),
        ("word/document.xml", b"<w:document xmlns:w=\"w\"><w:body/></w:document>", true),
    ]);
    let e = open_error(&docx);
    assert_eq!(e.id, "xlsx.not_workbook");
    assert_eq!(e.message, "this file is a zip archive but not an Excel workbook (.xlsx)");
    // A docx whose document sits where a workbook would: its root element gives it away.
    let fake = zip(&[("xl/workbook.xml", b"<document/>", false)]);
    assert_eq!(open_error(&fake).id, "xlsx.not_workbook");
    let xlsb = zip(&[("xl/workbook.bin", b"\x83\x01", false)]);
    assert!(open_error(&xlsb).message.contains(".xlsb"));
    let ods = zip(&[("mimetype", b"application/vnd.oasis", false), ("content.xml", b"<a/>", true)]);
    assert!(open_error(&ods).message.contains(".ods"));
    for e in [open_error(&docx), open_error(&ods), open_error(&ole)] {
        assert_sentence(&e);
    }
}

#[test]
fn sheets_by_name_hidden_and_missing() {
    let parts = Parts::new(
        &[
            ("Archive", "<row><c><v>0</v></c></row>", "hidden"),
            ("Notes", "<row><c><v>1</v></c></row>", "visible"),
            ("Partners", "<row><c><v>2</v></c></row>", "visible"),
            ("Old", "<row><c><v>3</v></c></row>", "veryHidden"),
        ],
        None,
        None,
        false,
    );
    let book = Workbook::open(&parts.zip(false)).unwrap();
    assert_eq!(book.sheet_names(), ["Notes", "Partners", "Archive", "Old"]);
    assert_eq!(book.sheet(None).unwrap().rows, [["1"]]);
    assert_eq!(book.sheet(Some("PARTNERS")).unwrap().name, "Partners");
    assert_eq!(book.sheet(Some("Old")).unwrap().rows, [["3"]]);
    let e = book.sheet(Some("Base")).unwrap_err();
    assert_eq!(e.id, "xlsx.no_sheet");
    assert_eq!(
        e.message,
        "this workbook has no sheet named \"Base\"; its sheets are \"Notes\", \"Partners\", \
         \"Archive\", \"Old\""
    );

    let all_hidden = Parts::new(&[("A", "", "hidden"), ("B", "", "hidden")], None, None, false);
    assert_eq!(Workbook::open(&all_hidden.zip(false)).unwrap().sheet(None).unwrap().name, "A");

    let none = Parts::new(&[], None, None, false);
    let book = Workbook::open(&none.zip(true)).unwrap();
    assert!(book.sheet_names().is_empty());
    let e = book.sheet(None).unwrap_err();
    assert_eq!((e.id, e.message.as_str()), ("xlsx.empty", "this workbook has no sheets"));
}

#[test]
fn chart_sheets_are_not_listed_and_missing_parts_are_corrupt() {
    let mut parts = Parts::new(&[("Data", "", "visible"), ("Chart", "", "visible")], None, None, false);
    for (name, text) in &mut parts.files {
        if name == "xl/_rels/workbook.xml.rels" {
            *text = text.replace("worksheet\" Target=\"worksheets/sheet2.xml", "chartsheet\" Target=\"chartsheets/sheet1.xml");
        }
    }
    assert_eq!(Workbook::open(&parts.zip(true)).unwrap().sheet_names(), ["Data"]);

    parts.files.retain(|(name, _)| name != "xl/worksheets/sheet1.xml");
    let e = sheet_error(&parts.zip(true), None);
    assert_eq!(e.id, "xlsx.corrupt");
    assert!(e.message.contains("xl/worksheets/sheet1.xml"), "{}", e.message);
    assert_sentence(&e);
}

#[test]
fn relationship_targets_relative_absolute_and_up() {
    for target in ["worksheets/sheet1.xml", "/xl/worksheets/sheet1.xml", "../xl/./worksheets/sheet1.xml"] {
        let mut parts = Parts::sheet(r#"<row r="1"><c r="A1"><v>7</v></c></row>"#);
        for (name, text) in &mut parts.files {
            if name == "xl/_rels/workbook.xml.rels" {
                *text = text.replace("\"worksheets/sheet1.xml", &format!("\"{target}"));
            }
        }
        let bytes = parts.zip(true);
        assert_eq!(Workbook::open(&bytes).unwrap().sheet(None).unwrap().rows, [["7"]], "{target}");
    }
}

#[test]
fn cells_without_references_follow_the_previous_one() {
    let sheet = read(
        r#"<row><c><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row>
           <row r="5"><c r="C5"><v>4</v></c><c><v>5</v></c></row><row><c><v>6</v></c></row>"#,
    );
    assert_eq!((sheet.first_row, sheet.first_col), (0, 0));
    assert_eq!(
        sheet.rows,
        [["1", "2", "", ""], ["3", "", "", ""], ["", "", "", ""], ["", "", "", ""], ["", "", "4", "5"], ["6", "", "", ""],]
    );
}

#[test]
fn used_range_out_of_order_and_empty_cells() {
    // Empty cells, empty strings and styled blanks do not widen the used range.
    let sheet = read(
        r#"<row r="2"><c r="D2"><v>2</v></c><c r="B2" t="inlineStr"><is><t>b</t></is></c>
           <c r="E2" s="1"/><c r="F2" t="inlineStr"><is><t></t></is></c></row>
           <row r="9"><c r="A9"/></row>"#,
    );
    assert_eq!((sheet.first_row, sheet.first_col), (1, 1));
    assert_eq!(sheet.rows, [["b", "", "2"]]);
}

#[test]
fn prefixed_elements_iso_dates_and_1904() {
    let xml = format!(
        r#"<x:worksheet xmlns:x="{MAIN}"><x:sheetData><x:row r="1"><x:c r="A1" t="d"><x:v>2024-01-31T10:00:00</x:v></x:c><x:c r="B1" s="1"><x:v>0</x:v></x:c><x:c r="C1" t="n"><x:v>not a number</x:v></x:c></x:row></x:sheetData></x:worksheet>"#
    );
    let mut parts = Parts::new(&[("S", "", "visible")], None, Some(r#"<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>"#), true);
    for (name, text) in &mut parts.files {
        if name == "xl/worksheets/sheet1.xml" {
            text.clone_from(&xml);
        }
    }
    let sheet = Workbook::open(&parts.zip(true)).unwrap().sheet(None).unwrap();
    assert_eq!(sheet.rows, [["2024-01-31", "1904-01-01", "not a number"]]);
}

#[test]
fn shared_string_out_of_range_names_the_cell() {
    let parts = Parts::new(&[("S", r#"<row r="2"><c r="B2" t="s"><v>1</v></c></row>"#, "visible")], Some(&["<t>only</t>"]), None, false);
    let e = sheet_error(&parts.zip(true), None);
    assert_eq!((e.id, e.cell.as_deref()), ("xlsx.corrupt", Some("B2")));
    assert_sentence(&e);
}

#[test]
fn references_outside_excel_are_corrupt() {
    for (reference, data) in [
        ("XFE1", r#"<row><c r="XFE1"><v>1</v></c></row>"#),
        ("A0", r#"<row><c r="A0"><v>1</v></c></row>"#),
        ("A1048577", r#"<row><c r="A1048577"><v>1</v></c></row>"#),
        ("1", r#"<row r="1048577"><c><v>1</v></c></row>"#),
    ] {
        let e = sheet_error(&Parts::sheet(data).zip(false), None);
        assert_eq!(e.id, "xlsx.corrupt", "{reference}");
        assert!(e.message.contains(reference), "{}", e.message);
    }
}

#[test]
fn a_far_cell_does_not_allocate_the_whole_sheet() {
    let e = sheet_error(
        &Parts::sheet(r#"<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row>"#).zip(true),
        None,
    );
    assert_eq!(e.id, "xlsx.too_large");
    assert!(e.message.contains("1048576 rows"), "{}", e.message);
    assert_sentence(&e);
    // Within the rows allowed but past the cells: 500,000 rows × 100 columns.
    let e = sheet_error(&Parts::sheet(r#"<row><c r="A1"><v>1</v></c><c r="CV500000"><v>2</v></c></row>"#).zip(true), None);
    assert_eq!(e.id, "xlsx.too_large");
    assert!(e.message.contains(&MAX_GRID_CELLS.to_string()), "{}", e.message);
    // The last column of Excel in one row is fine, and so are exactly MAX_ROWS rows.
    let wide = read(r#"<row><c r="A1"><v>1</v></c><c r="XFD1"><v>2</v></c></row>"#);
    assert_eq!((wide.rows.len(), wide.rows[0].len()), (1, 16_384));
    let last = format!(r#"<row><c r="A1"><v>1</v></c><c r="A{MAX_ROWS}"><v>2</v></c></row>"#);
    assert_eq!(read(&last).rows.len(), MAX_ROWS);
    let past = format!(r#"<row><c r="A1"><v>1</v></c><c r="A{}"><v>2</v></c></row>"#, MAX_ROWS + 1);
    assert_eq!(sheet_error(&Parts::sheet(&past).zip(true), None).id, "xlsx.too_large");
}

#[test]
fn zip_bombs_stop_at_the_cap() {
    // 8 MiB of blanks deflate to about 8 KB: far past 100 times that plus 1 MiB.
    let blanks = " ".repeat(8 << 20);
    let mut parts = Parts::sheet(&blanks);
    let bytes = parts.zip(true);
    assert!(bytes.len() < 64 << 10, "{}", bytes.len());
    let e = sheet_error(&bytes, None);
    assert_eq!(e.id, "xlsx.too_large");
    assert!(e.message.contains("xl/worksheets/sheet1.xml"), "{}", e.message);
    assert_sentence(&e);

    // In the shared strings, read when the workbook opens.
    parts = Parts::new(&[("S", "", "visible")], Some(&[&blanks]), None, false);
    assert_eq!(open_error(&parts.zip(true)).id, "xlsx.too_large");
    // Stored, the same sheet is within its cap (its packed size is its size).
    parts = Parts::sheet(&blanks);
    assert!(Workbook::open(&parts.zip(false)).unwrap().sheet(None).unwrap().rows.is_empty());
}

/// The offset of the end-of-central-directory record of a zip without comment.
fn end_record(bytes: &[u8]) -> usize {
    bytes.len() - 22
}

#[test]
fn zip_features_excel_never_uses() {
    let good = Parts::sheet(r#"<row><c><v>1</v></c></row>"#).zip(true);
    let end = end_record(&good);
    let directory = u32::from_le_bytes(good[end + 16..end + 20].try_into().unwrap()) as usize;

    let mut zip64 = good.clone();
    zip64[end + 16..end + 20].copy_from_slice(&[0xFF; 4]);
    let e = open_error(&zip64);
    assert!(e.id == "xlsx.corrupt" && e.message.contains("Zip64"), "{}", e.message);

    let mut split = good.clone();
    split[end + 4] = 1;
    let e = open_error(&split);
    assert!(e.id == "xlsx.corrupt" && e.message.contains("split"), "{}", e.message);

    // Flags and method of the first entry (_rels/.rels), in its central directory record.
    let mut encrypted = good.clone();
    encrypted[directory + 8] |= 1;
    let e = open_error(&encrypted);
    assert!(e.id == "xlsx.corrupt" && e.message.contains("encrypted"), "{}", e.message);

    let mut method = good.clone();
    method[directory + 10] = 12; // bzip2
    let e = open_error(&method);
    assert!(e.id == "xlsx.corrupt" && e.message.contains("method 12"), "{}", e.message);

    let mut checksum = good.clone();
    checksum[directory + 16] ^= 1;
    let e = open_error(&checksum);
    assert!(e.id == "xlsx.corrupt" && e.message.contains("checksum"), "{}", e.message);

    let mut bad_deflate = zip(&[("xl/workbook.xml", b"\xFF\xFF\xFF\xFF", false)]);
    let at = end_record(&bad_deflate);
    let cd = u32::from_le_bytes(bad_deflate[at + 16..at + 20].try_into().unwrap()) as usize;
    bad_deflate[cd + 10] = 8;
    bad_deflate[8] = 8;
    let e = open_error(&bad_deflate);
    assert!(e.id == "xlsx.corrupt" && e.message.contains("does not unpack"), "{}", e.message);

    let e = open_error(&good[..good.len() - 30]);
    assert_eq!(e.id, "xlsx.corrupt");
    for e in [open_error(&zip64), open_error(&split), open_error(&method)] {
        assert_sentence(&e);
    }
    // A comment after the directory, as some zip tools add, is fine.
    let mut commented = good.clone();
    commented[end + 20] = 5;
    commented.extend_from_slice(b"hello");
    assert!(Workbook::open(&commented).is_ok());
}

#[test]
fn xml_that_does_not_parse_names_its_part() {
    let e = sheet_error(&Parts::sheet("<row><c><v>1</x></c></row>").zip(true), None);
    assert_eq!(e.id, "xlsx.corrupt");
    assert!(e.message.contains("xl/worksheets/sheet1.xml"), "{}", e.message);
    let e = sheet_error(&Parts::sheet("<row><c><v>&nbsp;</v></c></row>").zip(true), None);
    assert!(e.message.contains("&nbsp;"), "{}", e.message);
}

#[test]
fn custom_number_formats_override_built_in_ones() {
    // Id 14 (a built-in date) redefined as a plain number, 165 defined twice (the last one,
    // a date, counts), 20 a built-in time: only the second cell is a date.
    let styles = r#"<numFmts><numFmt numFmtId="14" formatCode="0.00"/><numFmt numFmtId="165" formatCode="0.0"/><numFmt numFmtId="165" formatCode="d mmm yy"/></numFmts>
        <cellStyleXfs><xf numFmtId="22"/></cellStyleXfs>
        <cellXfs><xf numFmtId="14"/><xf numFmtId="165"/><xf numFmtId="20"/></cellXfs>"#;
    let data = r#"<row><c s="0"><v>45292</v></c><c s="1"><v>45292</v></c><c s="2"><v>45292.5</v></c><c s="3"><v>45292</v></c></row>"#;
    let parts = Parts::new(&[("S", data, "visible")], None, Some(styles), false);
    let sheet = Workbook::open(&parts.zip(true)).unwrap().sheet(None).unwrap();
    assert_eq!(sheet.rows, [["45292", "2024-01-01", "45292.5", "45292"]]);
}
