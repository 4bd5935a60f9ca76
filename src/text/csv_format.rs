//! How a partner file is written, as spreadsheets export it: its text encoding (UTF-8 with or
//! without a byte order mark, or Windows-1252, which Excel writes on Western European
//! Windows), its separator (comma, semicolon, tab or bar) and its decimal mark (a German
//! export writes `82,5` in semicolon-separated columns). Each is detected from the file and
//! may be given instead (`CsvFormat` options, README "Partner files").

use serde::Serialize;

/// The text encoding of a file's bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum Encoding {
    #[serde(rename = "utf-8")]
    Utf8,
    #[serde(rename = "windows-1252")]
    Windows1252,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Windows1252 => "windows-1252",
        }
    }

    pub fn from_name(name: &str) -> Option<Encoding> {
        match name.to_ascii_lowercase().as_str() {
            "utf-8" | "utf8" => Some(Encoding::Utf8),
            "windows-1252" | "cp1252" | "latin1" | "iso-8859-1" => Some(Encoding::Windows1252),
            _ => None,
        }
    }
}

/// How a CSV file is written: what was detected (or given), for the page to show and let the
/// reader override.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct CsvFormat {
    pub encoding: Encoding,
    /// The file starts with a byte order mark (skipped).
    pub bom: bool,
    /// `","`, `";"`, `"\t"` or `"|"`.
    #[cfg_attr(feature = "typescript", ts(type = "\",\" | \";\" | \"\\t\" | \"|\""))]
    pub separator: char,
    /// `"."` or `","`: the mark between a number's whole part and its decimals.
    #[cfg_attr(feature = "typescript", ts(type = "\".\" | \",\""))]
    pub decimal: char,
}

pub const SEPARATORS: [char; 4] = [',', ';', '\t', '|'];

/// Windows-1252 bytes 0x80–0x9F as WHATWG's encoding standard maps them (the browser's
/// `TextDecoder("windows-1252")`; five undefined bytes map to the C1 control of the same
/// number); every other byte is the code point of the same number. A table of 32 rather than
/// a library of every encoding: tests/e2e/encoding.test.mjs compares all 256 bytes with the
/// browser's decoder.
const WINDOWS_1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}', '\u{02C6}', '\u{2030}', '\u{0160}',
    '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}', '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}',
    '\u{2013}', '\u{2014}', '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
];

/// Why a file's bytes are no CSV text at all, if they are not: a workbook (a zip archive, as
/// .xlsx files are, or the older .xls format) or another binary file (NUL bytes, which no
/// text has).
pub fn not_text(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"PK\x03\x04") {
        Some("workbook")
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        Some("old_workbook")
    } else if bytes.iter().take(64 * 1024).any(|&b| b == 0) {
        Some("binary")
    } else {
        None
    }
}

/// Text from Windows-1252 bytes; every byte decodes to one character.
pub fn decode_windows_1252(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| if (0x80..0xA0).contains(&b) { WINDOWS_1252_HIGH[(b - 0x80) as usize] } else { b as char }).collect()
}

/// Text from a file's bytes in `encoding`, or the detected one: UTF-8 when the bytes are valid
/// UTF-8, Windows-1252 otherwise (which every byte sequence is). A byte order mark is removed.
pub fn decode(bytes: Vec<u8>, encoding: Option<Encoding>) -> (String, Encoding, bool) {
    let bom = bytes.starts_with(&[0xEF, 0xBB, 0xBF]);
    match encoding {
        Some(Encoding::Windows1252) => (decode_windows_1252(&bytes), Encoding::Windows1252, false),
        _ => match String::from_utf8(bytes) {
            Ok(mut text) => {
                if bom {
                    text.drain(..3);
                }
                (text, Encoding::Utf8, bom)
            }
            // Asked for UTF-8 but it is not: read as Windows-1252 all the same would hide the
            // mistake, so the caller's choice wins only where it is possible.
            Err(e) => (decode_windows_1252(e.as_bytes()), Encoding::Windows1252, false),
        },
    }
}

/// The separator of CSV text: of comma, semicolon, tab and bar, the one that splits the first
/// lines (up to 30, outside quotes) into the same number of cells most often, and more than one
/// cell in the header; a comma when none does.
pub fn detect_separator(text: &str) -> char {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).take(30).collect();
    let Some(header) = lines.first() else { return ',' };
    let count = |line: &str, sep: char| -> usize {
        let mut quoted = false;
        line.chars()
            .filter(|&c| {
                if c == '"' {
                    quoted = !quoted;
                }
                !quoted && c == sep
            })
            .count()
    };
    let mut best = (',', 0usize, 0usize);
    for sep in SEPARATORS {
        let in_header = count(header, sep);
        if in_header == 0 {
            continue;
        }
        let agreeing = lines.iter().filter(|l| count(l, sep) == in_header).count();
        if (agreeing, in_header) > (best.1, best.2) {
            best = (sep, agreeing, in_header);
        }
    }
    best.0
}

/// The decimal mark of CSV text with this separator: a comma when the numbers in its cells
/// are written with one ("82,5", "1.234,50") more often than with a point, which a
/// comma-separated file cannot do outside quotes.
pub fn detect_decimal(text: &str, separator: char) -> char {
    if separator == ',' {
        return '.';
    }
    let (mut comma, mut point) = (0, 0);
    for line in text.lines().skip(1).take(200) {
        for cell in line.split(separator) {
            let cell = cell.trim().trim_matches('"');
            match number_style(cell) {
                Some(',') => comma += 1,
                Some('.') => point += 1,
                _ => {}
            }
        }
    }
    if comma > point {
        ','
    } else {
        '.'
    }
}

/// Which decimal mark a cell that looks like a number shows: `Some(',')` for "82,5" or
/// "1.234,50", `Some('.')` for "82.5" or "1,234.50", `None` for whole numbers and text (a
/// group of three digits after a single mark, "1.234", says nothing).
fn number_style(cell: &str) -> Option<char> {
    let body = cell.strip_prefix('-').unwrap_or(cell);
    if body.is_empty() || !body.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',') || !body.as_bytes()[0].is_ascii_digit() {
        return None;
    }
    let last = body.rfind(['.', ','])?;
    let mark = body.as_bytes()[last] as char;
    let other = if mark == '.' { ',' } else { '.' };
    if body.contains(other) {
        // Both marks: the last one is the decimal mark ("1.234,50", "1,234.50").
        return Some(mark);
    }
    let groups: Vec<&str> = body.split(mark).collect();
    match groups.len() {
        // One mark: decimals unless exactly three digits follow ("400.000" says nothing).
        2 if groups[1].len() == 3 => None,
        2 => Some(mark),
        // The same mark several times groups thousands ("1.234.567"): the other is the
        // decimal mark. Anything else ("01.06.2019", a date) is no number.
        _ if groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3) => Some(other),
        _ => None,
    }
}

/// A number as a cell writes it with `decimal` as its decimal mark: grouping (the other mark,
/// spaces, no-break and thin spaces, apostrophes) removed. `None` for anything else.
pub fn parse_cell_number(cell: &str, decimal: char) -> Option<f64> {
    if decimal == '.' && !cell.contains([',', ' ', '\u{a0}', '\u{202f}', '\'']) {
        return crate::text::decimal::parse_decimal(cell).filter(|n| n.is_finite());
    }
    let group = if decimal == ',' { '.' } else { ',' };
    let mut plain = String::with_capacity(cell.len());
    for c in cell.chars() {
        match c {
            c if c == group || c == ' ' || c == '\u{a0}' || c == '\u{202f}' || c == '\'' => {}
            c if c == decimal => plain.push('.'),
            c => plain.push(c),
        }
    }
    // Grouping only between digits, in threes: "1.2.3" or ".5" are not numbers.
    if !groups_well_formed(cell, group, decimal) {
        return None;
    }
    crate::text::decimal::parse_decimal(&plain).filter(|n| n.is_finite())
}

fn groups_well_formed(cell: &str, group: char, decimal: char) -> bool {
    let whole = cell.split(decimal).next().unwrap_or_default();
    let whole = whole.strip_prefix('-').unwrap_or(whole);
    let parts: Vec<&str> = whole.split([group, ' ', '\u{a0}', '\u{202f}', '\'']).collect();
    parts.len() == 1 || (!parts[0].is_empty() && parts[0].len() <= 3 && parts[1..].iter().all(|p| p.len() == 3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_are_found_in_real_exports() {
        assert_eq!(detect_separator("@partner,engineers\nA,1\nB,2\n"), ',');
        // German Excel: semicolons, decimal commas inside cells.
        assert_eq!(detect_separator("@partner;engineers;csat\nA;1;82,5\nB;2;90\n"), ';');
        assert_eq!(detect_separator("@partner\tengineers\nA\t1\n"), '\t');
        assert_eq!(detect_separator("@partner|engineers\nA|1\n"), '|');
        // A comma inside a quoted name does not count.
        assert_eq!(detect_separator("@partner;engineers\n\"Bright, Inc.\";1\n"), ';');
        assert_eq!(detect_separator("one column\nA\n"), ',');
    }

    #[test]
    fn decimal_marks_are_read_from_the_numbers() {
        assert_eq!(detect_decimal("@partner;csat;revenue\nA;82,5;1.234,50\nB;90;400.000\n", ';'), ',');
        assert_eq!(detect_decimal("@partner;csat\nA;82.5\nB;90\n", ';'), '.');
        // "400.000" alone says nothing: a point, the default; "1.234.567" groups, so commas
        // are decimal; a date is no number.
        assert_eq!(detect_decimal("@partner;revenue\nA;400.000\n", ';'), '.');
        assert_eq!(detect_decimal("@partner;revenue\nA;1.234.567\n", ';'), ',');
        assert_eq!(detect_decimal("@partner;joined;csat\nA;01.06.2019;82,5\n", ';'), ',');
        assert_eq!(detect_decimal("@partner,csat\nA,\"82,5\"\n", ','), '.');
    }

    #[test]
    fn numbers_are_read_with_their_decimal_mark() {
        assert_eq!(parse_cell_number("82,5", ','), Some(82.5));
        assert_eq!(parse_cell_number("1.234.567,25", ','), Some(1_234_567.25));
        assert_eq!(parse_cell_number("400.000", ','), Some(400_000.0));
        assert_eq!(parse_cell_number("1 234,5", ','), Some(1234.5));
        assert_eq!(parse_cell_number("1,234.5", '.'), Some(1234.5));
        assert_eq!(parse_cell_number("1'234.5", '.'), Some(1234.5));
        assert_eq!(parse_cell_number("-3,5", ','), Some(-3.5));
        assert_eq!(parse_cell_number("82.5", '.'), Some(82.5));
        // Grouping that is not in threes is no number; a point in a decimal-comma file groups.
        assert_eq!(parse_cell_number("1.23,5", ','), None);
        assert_eq!(parse_cell_number("12,34,5", '.'), None);
        assert_eq!(parse_cell_number("abc", ','), None);
    }

    #[test]
    fn workbooks_and_binary_files_are_not_text() {
        assert_eq!(not_text(b"PK\x03\x04\x14\x00"), Some("workbook"));
        assert_eq!(not_text(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1]), Some("old_workbook"));
        assert_eq!(not_text(b"\x89PNG\r\n\x1a\n\x00\x00"), Some("binary"));
        assert_eq!(not_text("@partner;Umsatz\nM\u{fc}ller;1\n".as_bytes()), None);
    }

    #[test]
    fn windows_1252_and_utf8_with_or_without_a_bom() {
        let (text, encoding, bom) = decode(b"M\xfcller;\x80 5\n".to_vec(), None);
        assert_eq!((text.as_str(), encoding, bom), ("Müller;€ 5\n", Encoding::Windows1252, false));
        let (text, encoding, bom) = decode("\u{feff}Müller".as_bytes().to_vec(), None);
        assert_eq!((text.as_str(), encoding, bom), ("Müller", Encoding::Utf8, true));
        let (text, _, _) = decode("Müller".as_bytes().to_vec(), Some(Encoding::Windows1252));
        assert_eq!(text, "MÃ¼ller", "what a wrong choice gives, as the reader asked");
        assert_eq!(decode_windows_1252(&[0x81, 0x9f, 0xff]), "\u{81}\u{178}\u{ff}");
    }
}
