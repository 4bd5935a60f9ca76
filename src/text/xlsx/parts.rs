//! The parts of a workbook besides its sheets: the package and workbook relationships, the
//! workbook (sheet list, date system), shared strings and cell styles; and the XML helpers
//! every part's reader shares.

use super::common::WorkbookError;
use super::zip::Archive;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use std::borrow::Cow;

/// A worksheet listed in the workbook.
pub(super) struct SheetRef {
    pub(super) name: String,
    /// Its part in the zip, `None` when its relationship is missing.
    pub(super) part: Option<String>,
    pub(super) hidden: bool,
}

pub(super) struct Book {
    pub(super) strings: Vec<String>,
    pub(super) date_styles: Vec<bool>,
    pub(super) date1904: bool,
    pub(super) sheets: Vec<SheetRef>,
}

/// A part's bytes as text: UTF-8 (every part Excel writes is), invalid sequences replaced
/// rather than refused, a byte order mark dropped.
pub(super) fn into_text(bytes: Vec<u8>) -> String {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    }
}

pub(super) fn xml_error(part: &str, error: impl std::fmt::Display) -> WorkbookError {
    WorkbookError::corrupt(format!("the part {part} is damaged: its XML does not parse ({error})"))
}

/// The value of the attribute whose local name is `name` (any prefix: `r:id`, `x:r`),
/// `None` if absent or malformed.
pub(super) fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok().map(Cow::into_owned))
}

/// Appends the character data an event carries (text, CDATA, an entity or a character
/// reference) to `out`; other events add nothing.
pub(super) fn append_text(event: &Event<'_>, out: &mut String) -> Result<(), String> {
    match event {
        Event::Text(t) => out.push_str(&t.xml10_content()),
        Event::CData(t) => out.push_str(&t.xml10_content()),
        Event::GeneralRef(r) => match r.resolve_char_ref() {
            Ok(Some(c)) => out.push(c),
            Ok(None) => out.push_str(match &**r {
                "lt" => "<",
                "gt" => ">",
                "amp" => "&",
                "quot" => "\"",
                "apos" => "'",
                other => return Err(format!("unknown entity &{other};")),
            }),
            Err(e) => return Err(e.to_string()),
        },
        _ => {}
    }
    Ok(())
}

/// The text of a `<t>` element: without `xml:space="preserve"` leading and trailing ASCII
/// whitespace is layout, not content (as Excel and calamine read it); then `_xHHHH_`
/// escapes, with which Excel writes characters XML cannot hold, are decoded.
pub(super) fn t_text(raw: &str, preserve: bool) -> Cow<'_, str> {
    let raw = if preserve { raw } else { raw.trim_matches([' ', '\t', '\r', '\n']) };
    decode_escapes(raw)
}

fn hex_escape(s: &str) -> Option<u32> {
    match s.as_bytes().get(..7)? {
        [b'_', b'x', digits @ .., b'_'] if digits.iter().all(u8::is_ascii_hexdigit) => u32::from_str_radix(s.get(2..6)?, 16).ok(),
        _ => None,
    }
}

/// Decodes `_xHHHH_` (a UTF-16 unit; a surrogate pair is two escapes); a lone surrogate
/// becomes U+FFFD.
pub(super) fn decode_escapes(s: &str) -> Cow<'_, str> {
    if !s.contains("_x") {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find("_x") {
        let (before, tail) = rest.split_at(at);
        out.push_str(before);
        let Some(unit) = hex_escape(tail) else {
            out.push_str("_x");
            rest = tail.get(2..).unwrap_or_default();
            continue;
        };
        let mut used = 7;
        let c = match unit {
            0xD800..=0xDBFF => match tail.get(7..).and_then(hex_escape) {
                Some(low @ 0xDC00..=0xDFFF) => {
                    used = 14;
                    char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
                }
                _ => None,
            },
            _ => char::from_u32(unit),
        };
        out.push(c.unwrap_or(char::REPLACEMENT_CHARACTER));
        rest = tail.get(used..).unwrap_or_default();
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// `target` of a relationship of a part in folder `base` ("xl"), as a zip path: absolute
/// targets ("/xl/worksheets/sheet1.xml") from the root, `..` and `.` resolved.
fn resolve(base: &str, target: &str) -> String {
    let mut path: Vec<&str> = Vec::new();
    let joined = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None if base.is_empty() => target.to_string(),
        None => format!("{base}/{target}"),
    };
    for segment in joined.split(['/', '\\']) {
        match segment {
            "" | "." => {}
            ".." => {
                path.pop();
            }
            s => path.push(s),
        }
    }
    path.join("/")
}

struct Relationship {
    id: String,
    /// The last segment of its type URI: "worksheet", "sharedStrings", "officeDocument".
    kind: String,
    /// Resolved to a zip path.
    part: String,
}

/// The relationships of the part `owner` ("xl/workbook.xml" -> "xl/_rels/workbook.xml.rels";
/// "" -> "_rels/.rels"); none when there is no such part.
fn relationships(archive: &Archive, owner: &str, budget: &mut usize) -> Result<Vec<Relationship>, WorkbookError> {
    let (base, file) = owner.rsplit_once('/').unwrap_or(("", owner));
    let rels = if base.is_empty() { format!("_rels/{file}.rels") } else { format!("{base}/_rels/{file}.rels") };
    let Some(bytes) = archive.read(&rels, budget)? else { return Ok(Vec::new()) };
    let text = into_text(bytes);
    let mut reader = Reader::from_str(&text);
    let mut found = Vec::new();
    loop {
        match reader.read_event().map_err(|e| xml_error(&rels, e))? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                if attr(&e, "TargetMode").is_some_and(|m| m == "External") {
                    continue;
                }
                let (Some(id), Some(kind), Some(target)) = (attr(&e, "Id"), attr(&e, "Type"), attr(&e, "Target")) else {
                    continue;
                };
                let kind = kind.rsplit('/').next().unwrap_or_default().to_string();
                found.push(Relationship { id, kind, part: resolve(base, &target) });
            }
            Event::Eof => return Ok(found),
            _ => {}
        }
    }
}

fn not_workbook(archive: &Archive) -> WorkbookError {
    let message = if archive.contains("xl/workbook.bin") {
        "this is an Excel binary workbook (.xlsb): save it as .xlsx"
    } else if archive.contains("content.xml") && archive.contains("mimetype") {
        "this is an OpenDocument file (.ods): save it as .xlsx"
    } else {
        "this file is a zip archive but not an Excel workbook (.xlsx)"
    };
    WorkbookError::new("xlsx.not_workbook", message)
}

/// Reads everything but the sheets' cells.
pub(super) fn read_book(archive: &Archive, budget: &mut usize) -> Result<Book, WorkbookError> {
    // The package's relationships name the workbook part; xl/workbook.xml is where every
    // known writer puts it.
    let package = relationships(archive, "", budget)?;
    let named = package.iter().find(|r| r.kind == "officeDocument").map(|r| r.part.as_str());
    let part = [named, Some("xl/workbook.xml")]
        .into_iter()
        .flatten()
        .find(|p| p.ends_with(".xml") && archive.contains(p))
        .ok_or_else(|| not_workbook(archive))?
        .to_string();
    let bytes = archive.read(&part, budget)?.ok_or_else(|| not_workbook(archive))?;
    let text = into_text(bytes);
    let mut reader = Reader::from_str(&text);
    let mut date1904 = false;
    let mut listed: Vec<(String, Option<String>, bool)> = Vec::new();
    let mut root = true;
    loop {
        match reader.read_event().map_err(|e| xml_error(&part, e))? {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.local_name();
                if root && name.as_ref() != "workbook" {
                    // A .docx names word/document.xml as its office document.
                    return Err(not_workbook(archive));
                }
                root = false;
                match name.as_ref() {
                    "workbookPr" => date1904 = attr(&e, "date1904").is_some_and(|v| v == "1" || v == "true"),
                    "sheet" => {
                        let hidden = attr(&e, "state").is_some_and(|s| s != "visible");
                        let name = attr(&e, "name").unwrap_or_default();
                        listed.push((name, attr(&e, "id"), hidden));
                    }
                    _ => {}
                }
            }
            Event::Eof if root => return Err(not_workbook(archive)),
            Event::Eof => break,
            _ => {}
        }
    }
    let mut rels = relationships(archive, &part, budget)?;
    // Sorted for binary search: a workbook may list millions of sheets and relationships.
    rels.sort_by(|a, b| a.id.cmp(&b.id));
    let sheets = listed
        .into_iter()
        .filter_map(|(name, id, hidden)| {
            let at = id.and_then(|id| rels.binary_search_by(|r| r.id.as_str().cmp(&id)).ok());
            let rel = at.and_then(|at| rels.get(at));
            match rel {
                // Chart, dialog and macro sheets hold no cells.
                Some(r) if r.kind != "worksheet" => None,
                _ => Some(SheetRef { name, part: rel.map(|r| r.part.clone()), hidden }),
            }
        })
        .collect();
    let part_of = |kind: &str, usual: &str| rels.iter().find(|r| r.kind == kind).map_or(usual.to_string(), |r| r.part.clone());
    let strings_part = part_of("sharedStrings", "xl/sharedStrings.xml");
    let strings = match archive.read(&strings_part, budget)? {
        Some(bytes) => shared_strings(&strings_part, &into_text(bytes))?,
        None => Vec::new(),
    };
    let styles_part = part_of("styles", "xl/styles.xml");
    let date_styles = match archive.read(&styles_part, budget)? {
        Some(bytes) => date_styles(&styles_part, &into_text(bytes))?,
        None => Vec::new(),
    };
    Ok(Book { strings, date_styles, date1904, sheets })
}

/// The shared string table: each `<si>`'s `<t>` texts (one, or one per rich text run),
/// leaving out phonetic guides (`<rPh>`).
fn shared_strings(part: &str, text: &str) -> Result<Vec<String>, WorkbookError> {
    let mut reader = Reader::from_str(text);
    let mut strings = Vec::new();
    let mut current = String::new();
    let mut raw = String::new();
    let (mut in_t, mut preserve, mut phonetic) = (false, false, 0u32);
    loop {
        let event = reader.read_event().map_err(|e| xml_error(part, e))?;
        match &event {
            Event::Start(e) => match e.local_name().as_ref() {
                "si" => current.clear(),
                "rPh" => phonetic = phonetic.saturating_add(1),
                "t" if phonetic == 0 => {
                    in_t = true;
                    preserve = attr(e, "space").is_some_and(|s| s == "preserve");
                    raw.clear();
                }
                _ => {}
            },
            Event::Empty(e) if e.local_name().as_ref() == "si" => strings.push(String::new()),
            Event::End(e) => match e.local_name().as_ref() {
                "si" => strings.push(std::mem::take(&mut current)),
                "rPh" => phonetic = phonetic.saturating_sub(1),
                "t" if in_t => {
                    in_t = false;
                    current.push_str(&t_text(&raw, preserve));
                }
                _ => {}
            },
            Event::Eof => return Ok(strings),
            _ if in_t => append_text(&event, &mut raw).map_err(|e| xml_error(part, e))?,
            _ => {}
        }
    }
}

/// For each cell format (cellXfs, in order): whether its number format shows dates.
fn date_styles(part: &str, text: &str) -> Result<Vec<bool>, WorkbookError> {
    let mut reader = Reader::from_str(text);
    let mut custom: Vec<(u32, bool)> = Vec::new();
    let mut formats: Vec<u32> = Vec::new();
    let mut in_cell_xfs = false;
    loop {
        match reader.read_event().map_err(|e| xml_error(part, e))? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "numFmt" => {
                    let id = attr(&e, "numFmtId").and_then(|v| v.trim().parse().ok());
                    let code = attr(&e, "formatCode").unwrap_or_default();
                    if let Some(id) = id {
                        custom.push((id, is_date_format(&code)));
                    }
                }
                "cellXfs" => in_cell_xfs = true,
                "xf" if in_cell_xfs => {
                    let id = attr(&e, "numFmtId").and_then(|v| v.trim().parse().ok());
                    formats.push(id.unwrap_or(0));
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == "cellXfs" => in_cell_xfs = false,
            Event::Eof => break,
            _ => {}
        }
    }
    // Sorted for binary search (a stable sort: of two formats with one id, the last wins).
    custom.sort_by_key(|&(id, _)| id);
    let is_date = |id: u32| {
        let end = custom.partition_point(|&(c, _)| c <= id);
        match end.checked_sub(1).and_then(|last| custom.get(last)) {
            Some(&(c, date)) if c == id => date,
            _ => matches!(id, 14..=17 | 22 | 27..=36 | 50..=58),
        }
    };
    Ok(formats.into_iter().map(is_date).collect())
}

/// Whether a number format code shows a date: its first section (the one for positive
/// numbers) has a day, year or month outside quoted text, `[...]` (colors, locales,
/// elapsed-time units) and escaped characters (`\x`, `_x` widths, `*x` fills). An `m` is a
/// month unless it follows an hour or precedes seconds (then it is minutes: `h:mm`,
/// `mm:ss`); a format of hours, minutes and seconds alone is a time, not a date.
pub(crate) fn is_date_format(code: &str) -> bool {
    let bytes = code.as_bytes();
    let (mut i, mut quoted) = (0, false);
    // The last date or time letter seen (lower-case), and whether an `m` run waits for the
    // next letter to tell a month from minutes.
    let (mut last, mut pending_m) = (0u8, false);
    while let Some(&b) = bytes.get(i) {
        i += 1;
        if quoted {
            quoted = b != b'"';
            continue;
        }
        let mut lower = b.to_ascii_lowercase();
        if lower == b'[' {
            // Colors, conditions and locales are skipped; elapsed hours, minutes or seconds
            // (`[h]`, `[mm]`) are time letters, and a bracketed m is always minutes.
            let rest = code.get(i..).unwrap_or_default();
            let inside = rest.split(']').next().unwrap_or_default();
            i += inside.len() + 1;
            let first = inside.bytes().next().unwrap_or(0).to_ascii_lowercase();
            if !matches!(first, b'h' | b'm' | b's') || !inside.bytes().all(|c| c.to_ascii_lowercase() == first) {
                continue;
            }
            lower = first;
            last = b'h';
        }
        match lower {
            b'\\' | b'_' | b'*' => i += 1,
            b'"' => quoted = true,
            b';' => break,
            b'd' | b'y' => return true,
            b'a' => {
                // AM/PM and A/P mark a 12-hour clock: their letters are no date parts.
                let rest = code.get(i - 1..).unwrap_or_default();
                let skip = ["am/pm", "a/p"].into_iter().find(|m| rest.get(..m.len()).is_some_and(|r| r.eq_ignore_ascii_case(m)));
                i += skip.map_or(0, |m| m.len() - 1);
            }
            b'h' | b's' | b'm' => {
                if pending_m && lower != b'm' {
                    if lower != b's' {
                        return true;
                    }
                    pending_m = false;
                }
                if lower == b'm' && last != b'm' && last != b'h' {
                    pending_m = true;
                }
                last = lower;
            }
            _ => {}
        }
    }
    pending_m
}
