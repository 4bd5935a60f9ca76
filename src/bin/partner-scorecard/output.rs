//! Writing results and bad rows: CSV cells as the lab's export writes them (quoted as RFC
//! 4180 says, text a spreadsheet would run as a formula neutralized), numbers as the engine's
//! JSON writes them (the shortest text that reads back as the same number), and each bad row
//! as FILE:LINE:COLUMN for people.

use crate::Failure;
use partner_scorecard::analysis::batch::RowError;
use std::io::Write;

/// A file to write (`None` or `-`: standard output), buffered.
pub fn open_output(path: Option<&str>) -> Result<Box<dyn Write + Send>, Failure> {
    let target: Box<dyn Write + Send> = match path {
        None | Some("-") => Box::new(std::io::stdout()),
        Some(path) => Box::new(std::fs::File::create(path).map_err(|e| Failure(format!("{path}: {e}")))?),
    };
    Ok(Box::new(std::io::BufWriter::with_capacity(256 * 1024, target)))
}

/// A number as the engine's JSON writes it (`text::json_write`): whole numbers below 10^15
/// without a decimal point, others as the shortest text that reads back as the same double.
/// Written in place: a `to_string` per number was a tenth of the time of scoring a row.
pub fn push_number(out: &mut String, n: f64) {
    use std::fmt::Write as _;
    if !n.is_finite() {
        out.push_str("null");
    } else if n.fract() == 0.0 && n.abs() < 1e15 {
        let _ = write!(out, "{}", n as i64);
    } else {
        out.push_str(zmij::Buffer::new().format_finite(n));
    }
}

/// One CSV cell of text: quoted when it holds a comma, quote or line break or starts or ends
/// with a space; a text a spreadsheet would take for a formula (it starts with `=`, `+`, `-`,
/// `@`, a tab or a carriage return: a partner named `=HYPERLINK(...)`) gets a leading
/// apostrophe inside the quotes, as the lab's export does (OWASP's advice), so that it opens
/// as text.
pub fn push_text(out: &mut String, cell: &str) {
    let formula = matches!(cell.as_bytes().first(), Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r'));
    if formula || cell.contains([',', '"', '\n', '\r']) || cell.starts_with(' ') || cell.ends_with(' ') {
        out.push('"');
        if formula {
            out.push('\'');
        }
        for c in cell.chars() {
            if c == '"' {
                out.push('"');
            }
            out.push(c);
        }
        out.push('"');
    } else {
        out.push_str(cell);
    }
}

/// A bad row for people: `partners.csv:12:3: engineers: message`, or with the sheet's cell
/// (`partners.xlsx:12: cell C12 (engineers): message`).
pub fn error_line(file: &str, e: &RowError) -> String {
    let place = match (e.line, e.column) {
        (Some(line), Some(column)) if e.cell.is_none() => format!("{file}:{line}:{column}:"),
        (Some(line), _) => format!("{file}:{line}:"),
        (None, _) => format!("{file}:"),
    };
    match (e.cell.as_deref(), e.path.as_str()) {
        (None, "") => format!("{place} {}", e.message),
        (None, path) => format!("{place} {path}: {}", e.message),
        (Some(cell), "") => format!("{place} cell {cell}: {}", e.message),
        (Some(cell), path) => format!("{place} cell {cell} ({path}): {}", e.message),
    }
}

/// The header of an errors file in CSV.
pub const ERRORS_CSV_HEADER: &str = "row,line,column,cell,path,message\n";

/// One bad row in an errors file: a CSV line, or a JSON line of the `RowError` as the
/// JavaScript API gives it (`{row, line, column, path, message, cell?}`).
pub fn push_error(out: &mut String, e: &RowError, jsonl: bool) {
    if jsonl {
        #[derive(serde::Serialize)]
        struct Plain<'a> {
            row: Option<usize>,
            line: Option<usize>,
            column: Option<usize>,
            path: &'a str,
            message: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            cell: Option<&'a str>,
        }
        let plain = Plain { row: e.row, line: e.line, column: e.column, path: &e.path, message: &e.message, cell: e.cell.as_deref() };
        out.push_str(&partner_scorecard::text::json_write::to_string(&plain).unwrap_or_default());
    } else {
        for n in [e.row, e.line, e.column] {
            if let Some(n) = n {
                out.push_str(&n.to_string());
            }
            out.push(',');
        }
        push_text(out, e.cell.as_deref().unwrap_or(""));
        out.push(',');
        push_text(out, &e.path);
        out.push(',');
        push_text(out, &e.message);
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_formulas_neutralized() {
        let mut out = String::new();
        for cell in ["plain", "a,b", "say \"hi\"", "=HYPERLINK(1)", "-3", " padded", ""] {
            push_text(&mut out, cell);
            out.push('|');
        }
        assert_eq!(out, "plain|\"a,b\"|\"say \"\"hi\"\"\"|\"'=HYPERLINK(1)\"|\"'-3\"|\" padded\"||");
    }

    #[test]
    fn numbers_read_back_as_the_same_double() {
        let mut out = String::new();
        for n in [12.0, -3.5, 0.1 + 0.2, 1e21, -0.0, 999_999_999_999_999.0, 1e15, 5e-324] {
            push_number(&mut out, n);
            assert_eq!(out, partner_scorecard::text::json_write::to_string(&n).unwrap(), "as the engine's JSON writes {n}");
            out.clear();
        }
    }
}
