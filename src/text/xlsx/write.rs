//! A minimal one-sheet workbook: the five parts Excel needs (no styles: every cell has the
//! default one), stored without compression.

use super::zip::write_stored;
use std::fmt::Write;

const CONTENT_TYPES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
    r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
    r#"<Default Extension="xml" ContentType="application/xml"/>"#,
    r#"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
    r#"<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#,
    r#"</Types>"#
);

const PACKAGE_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#,
    r#"</Relationships>"#
);

const WORKBOOK_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>"#,
    r#"</Relationships>"#
);

const XML_DECLARATION: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;
const MAIN_NAMESPACE: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/// Excel's limits: a cell holds at most 32,767 characters (UTF-16 units), a sheet name 31.
const MAX_CELL_UNITS: usize = 32_767;
const MAX_NAME_UNITS: usize = 31;
const EXCEL_ROWS: usize = 1_048_576;
const EXCEL_COLUMNS: usize = 16_384;

/// A minimal valid .xlsx with one sheet `sheet_name` holding `rows` from A1 (see
/// [`write_workbook`]'s rules).
///
/// A cell that is a plain decimal number ("12", "-3.5", "0.25": an optional minus, no
/// leading zero, no exponent, at most 15 significant digits, which Excel keeps exactly) is
/// written as a number, so "1.50" reads back as "1.5" and "-0" as "0"; anything else,
/// including "007", "1e5" and 16-digit identifiers, as an inline string. Empty cells are
/// left out. What Excel cannot hold is cut: texts after 32,767 characters, rows after
/// 1,048,576, columns after 16,384.
///
/// The sheet name loses Excel's forbidden characters (`[]:*?/\` become `_`), control
/// characters and apostrophes at its ends, and is cut to 31 characters; empty (or
/// "History", which Excel reserves) it becomes "Sheet1".
pub fn write_workbook(sheet_name: &str, rows: &[Vec<String>]) -> Vec<u8> {
    let workbook = format!(
        "{XML_DECLARATION}<workbook xmlns=\"{MAIN_NAMESPACE}\" \
         xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
         <sheets><sheet name=\"{}\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
        escape(&sheet_title(sheet_name), true)
    );
    let sheet = sheet_xml(rows);
    write_stored(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", PACKAGE_RELS.as_bytes()),
        ("xl/workbook.xml", workbook.as_bytes()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
    ])
}

fn sheet_title(name: &str) -> String {
    let mut title = String::new();
    let mut units = 0;
    for c in name.chars() {
        let c = if "[]:*?/\\".contains(c) { '_' } else { c };
        if c.is_control() {
            continue;
        }
        units += c.len_utf16();
        if units > MAX_NAME_UNITS {
            break;
        }
        title.push(c);
    }
    let title = title.trim_matches('\'');
    if title.is_empty() || title.eq_ignore_ascii_case("history") {
        "Sheet1".to_string()
    } else {
        title.to_string()
    }
}

/// Whether `cell` is written as a number (see [`write_workbook`]).
fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let (whole, fraction) = match digits.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (digits, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(whole) || (whole.len() > 1 && whole.starts_with('0')) {
        return false;
    }
    if fraction.is_some_and(|f| !all_digits(f)) {
        return false;
    }
    let significant = format!("{whole}{}", fraction.unwrap_or_default());
    significant.trim_start_matches('0').len() <= 15
}

fn sheet_xml(rows: &[Vec<String>]) -> String {
    let mut xml = format!("{XML_DECLARATION}<worksheet xmlns=\"{MAIN_NAMESPACE}\"><sheetData>");
    for (r, row) in rows.iter().enumerate().take(EXCEL_ROWS) {
        if row.iter().all(String::is_empty) {
            continue;
        }
        let _ = write!(xml, "<row r=\"{}\">", r + 1);
        for (c, cell) in row.iter().enumerate().take(EXCEL_COLUMNS) {
            if cell.is_empty() {
                continue;
            }
            let address = super::common::cell_address(r as u32, c as u32);
            if is_plain_number(cell) {
                let _ = write!(xml, "<c r=\"{address}\"><v>{cell}</v></c>");
            } else {
                let _ = write!(
                    xml,
                    "<c r=\"{address}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
                    escape(&cell_text(cell), false)
                );
            }
        }
        xml.push_str("</row>");
    }
    xml.push_str("</sheetData></worksheet>");
    xml
}

/// A cell's text as Excel stores it: cut to 32,767 UTF-16 units; characters XML 1.0 cannot
/// hold (controls but tab and line feed; a carriage return, which XML would turn into a
/// line feed) as `_xHHHH_`, and an underscore that would start such an escape as `_x005F_`.
fn cell_text(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len());
    let mut units = 0;
    for (at, c) in cell.char_indices() {
        units += c.len_utf16();
        if units > MAX_CELL_UNITS {
            break;
        }
        let escapes_next = || cell.get(at..).and_then(|rest| rest.get(..7)).is_some_and(looks_like_escape);
        match c {
            '\t' | '\n' => out.push(c),
            '_' if escapes_next() => out.push_str("_x005F_"),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                let _ = write!(out, "_x{:04X}_", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

fn looks_like_escape(s: &str) -> bool {
    matches!(s.as_bytes(), [b'_', b'x', digits @ .., b'_'] if digits.len() == 4
        && digits.iter().all(u8::is_ascii_hexdigit))
}

fn escape(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}
