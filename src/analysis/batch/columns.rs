//! Which program field or meta column each header of a partner file means: by the mapping
//! the reader gave, by id, or by a label in any of the program's languages (issue 16).

use crate::program::Program;
use crate::text::csv::CsvReader;
use crate::text::message::Message;
use serde::Serialize;

/// What a header column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Column {
    Field(usize),
    Partner,
    Region,
    Tracks,
    Tier,
    TierSince,
    ShortSince,
    /// A column the reader chose to leave out (`CsvOptions::columns`).
    Ignored,
}

/// How to read a CSV file: its separator and decimal mark (detected when not given, see
/// `text::csv_format`), and which program field or meta column each header means where the
/// file names them its own way (a PRM export's "Certified Engineers (#)").
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CsvOptions {
    pub separator: Option<char>,
    pub decimal: Option<char>,
    /// Header -> field id or meta column (`@partner`), or `None` to leave the column out.
    pub columns: Vec<(String, Option<String>)>,
    /// The sheet of a workbook to read (default: the first visible one).
    pub sheet: Option<String>,
}

impl CsvOptions {
    /// The separator and decimal mark of `text`: those given, else detected (the encoding is
    /// the text's own, UTF-8).
    pub fn format_of(&self, text: &str) -> crate::text::csv_format::CsvFormat {
        use crate::text::csv_format::{detect_decimal, detect_separator, CsvFormat, Encoding};
        let separator = self.separator.unwrap_or_else(|| detect_separator(text));
        let decimal = self.decimal.unwrap_or_else(|| detect_decimal(text, separator));
        CsvFormat { encoding: Encoding::Utf8, bom: false, separator, decimal }
    }

    /// The keys of a CSV read options object.
    pub const KEYS: &'static [&'static str] = &["separator", "decimal", "encoding", "columns", "sheet"];

    /// Options from JSON text (`null` is none): `{"separator": ";", "decimal": ",", "encoding":
    /// "windows-1252", "columns": {"Partner Name": "@partner", "Notes": null}}`, with the text
    /// encoding of a file's bytes beside them.
    pub fn from_json(text: &str) -> Result<(CsvOptions, Option<crate::text::csv_format::Encoding>), crate::text::error::Errors> {
        use crate::text::csv_format::{Encoding, SEPARATORS};
        let mut o = crate::text::options::OptionsReader::from_json(text, CsvOptions::KEYS)?;
        let separator = o.string("separator").and_then(|s| {
            let c = s.chars().next().filter(|c| s.chars().count() == 1 && SEPARATORS.contains(c));
            if c.is_none() {
                o.error_i18n(
                    "separator",
                    format!("\"{s}\" is not a separator; use \",\", \";\", \"\\t\" or \"|\""),
                    Message::new("csv.bad_separator").text("text", s.as_str()),
                );
            }
            c
        });
        let decimal = o.string("decimal").and_then(|s| match s.as_str() {
            "." => Some('.'),
            "," => Some(','),
            _ => {
                o.error_i18n(
                    "decimal",
                    format!("\"{s}\" is not a decimal mark; use \".\" or \",\""),
                    Message::new("csv.bad_decimal").text("text", s.as_str()),
                );
                None
            }
        });
        let encoding = o.string("encoding").and_then(|s| {
            let e = Encoding::from_name(&s);
            if e.is_none() {
                o.error_i18n(
                    "encoding",
                    format!("\"{s}\" is not an encoding this reads; use \"utf-8\" or \"windows-1252\""),
                    Message::new("csv.bad_encoding").text("text", s.as_str()),
                );
            }
            e
        });
        let columns = o.texts_or_null("columns");
        let sheet = o.string("sheet");
        o.finish()?;
        Ok((CsvOptions { separator, decimal, columns, sheet }, encoding))
    }
}

/// How one header of a file was read: the field or meta column it is, and how that was found.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct ColumnMatch {
    pub header: String,
    /// The field id or meta column; `None` for a column left out or not recognised.
    pub target: Option<String>,
    /// `"id"` (the header is the id), `"label"` (a label of the field, in any of the program's
    /// languages, ignoring case, spaces and signs), `"mapping"` (given), `"ignored"` (given as
    /// left out) or `"unknown"`.
    pub how: &'static str,
    /// For an unknown header, the field it probably means (a near id or label).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub suggestion: Option<String>,
    /// For a workbook's sheet: the header's cell (`"B3"`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub cell: Option<String>,
}

/// A header without case, spaces or signs: "Certified Engineers (#)" -> "certifiedengineers".
/// Letters beyond ASCII are kept as written (Unicode case tables would add 18 KB gzipped to
/// the lab's module for headers that differ from a label only in the case of an "Ä").
fn simplified(text: &str) -> String {
    text.chars().filter(|c| c.is_ascii_alphanumeric() || (!c.is_ascii() && !c.is_whitespace())).map(|c| c.to_ascii_lowercase()).collect()
}

/// Which column a header names, and how that was found.
pub(super) fn match_header(program: &Program, name: &str, options: &CsvOptions) -> (Option<Column>, &'static str, Option<String>) {
    let target = |id: &str| -> Option<Column> {
        META_COLUMNS.iter().find(|(m, _)| *m == id).map(|(_, c)| *c).or_else(|| program.field_index(id).map(Column::Field))
    };
    if let Some((_, given)) = options.columns.iter().find(|(h, _)| h.trim() == name) {
        return match given {
            None => (Some(Column::Ignored), "ignored", None),
            Some(id) => (target(id), "mapping", None),
        };
    }
    if let Some(column) = target(name) {
        return (Some(column), "id", None);
    }
    let wanted = simplified(name);
    if !wanted.is_empty() {
        let matches: Vec<usize> = (0..program.fields.len())
            .filter(|&i| {
                let f = &program.fields[i];
                simplified(&f.id) == wanted || f.label.all().any(|l| simplified(l) == wanted)
            })
            .collect();
        if let [only] = matches[..] {
            return (Some(Column::Field(only)), "label", None);
        }
        // Meta columns by the words exports use for them ("Partner", "Tier since", "Account name").
        if let Some((_, column)) = META_WORDS.iter().find(|(words, _)| words.contains(&wanted.as_str())) {
            return (Some(*column), "label", None);
        }
    }
    // The nearest id or label, for the message and the mapping editor.
    let near = program
        .fields
        .iter()
        .flat_map(|f| std::iter::once((simplified(&f.id), &f.id)).chain(f.label.all().map(move |l| (simplified(l), &f.id))))
        .map(|(k, id)| (crate::text::read::edit_distance(&wanted, &k), id))
        .filter(|(d, _)| *d <= 3)
        .min_by_key(|(d, _)| *d)
        .map(|(_, id)| id.clone());
    (None, "unknown", near)
}

/// How each header of CSV text would be read with these options: for a page to show the
/// mapping and let the reader correct it before the file is read.
pub fn match_headers(program: &Program, text: &str, options: &CsvOptions) -> (crate::text::csv_format::CsvFormat, Vec<ColumnMatch>) {
    let format = options.format_of(text);
    let mut reader = CsvReader::with_separator(text, format.separator);
    let mut out = Vec::new();
    if let Some((_, Ok(()))) = reader.next() {
        for i in 0..reader.cells() {
            let header = reader.cell(i).trim().to_string();
            let (column, how, suggestion) = match_header(program, &header, options);
            let target = match column {
                Some(Column::Field(f)) => Some(program.fields[f].id.clone()),
                Some(Column::Ignored) | None => None,
                Some(meta) => META_COLUMNS.iter().find(|(_, c)| *c == meta).map(|(id, _)| id.to_string()),
            };
            out.push(ColumnMatch { header, target, how, suggestion, cell: None });
        }
    }
    (format, out)
}

/// Headers (simplified: lower case, no spaces or signs) that name a meta column in exports.
const META_WORDS: &[(&[&str], Column)] = &[
    (&["partner", "partnername", "company", "companyname", "account", "accountname"], Column::Partner),
    (&["region"], Column::Region),
    (&["tracks", "track"], Column::Tracks),
    (&["tier", "currenttier"], Column::Tier),
    (&["tiersince"], Column::TierSince),
    (&["shortsince"], Column::ShortSince),
];

pub(super) const META_COLUMNS: &[(&str, Column)] = &[
    ("@partner", Column::Partner),
    ("@region", Column::Region),
    ("@tracks", Column::Tracks),
    ("@tier", Column::Tier),
    ("@tier_since", Column::TierSince),
    ("@short_since", Column::ShortSince),
];
