//! Cells of the results export: numbers as plain decimals, texts neutralized where a
//! spreadsheet would run them as formulas.

use crate::analysis::batch::push_csv_cell;

/// A number rounded to two decimals, without thousands separators.
pub(super) fn plain_number(n: f64) -> String {
    // Hundredths as integers: core's float formatting would add kilobytes of wasm.
    let cents = (n * 100.0).round();
    if !cents.is_finite() || cents.abs() >= 9.0e15 {
        return crate::text::format::fmt_num(n).replace(',', "");
    }
    let cents = cents as i64;
    let sign = if cents < 0 { "-" } else { "" };
    let (whole, part) = (cents.abs() / 100, cents.abs() % 100);
    match part {
        0 => format!("{sign}{whole}"),
        p if p % 10 == 0 => format!("{sign}{whole}.{}", p / 10),
        p => format!("{sign}{whole}.{p:02}"),
    }
}

/// An export cell. A text cell that a spreadsheet would take for a formula (it starts with
/// `=`, `+`, `-`, `@`, a tab or a carriage return: a partner name such as `=HYPERLINK(...)`
/// from a CSV) gets a leading apostrophe, as OWASP recommends, so that it opens as text and
/// runs nothing. Numbers are written by `plain_number`, never through here, so `-3.5` stays a
/// number.
pub(super) fn push_cell(out: &mut String, cell: &str) {
    let formula = matches!(cell.as_bytes().first(), Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r'));
    push_csv_cell(out, if formula { "'" } else { "" }, cell);
}
