//! Reading a partner file as a stream of parts, each read and scored on its own: CSV (as the
//! lab reads it: encoding, separator and decimal mark detected, columns matched or mapped),
//! JSON lines, or a sheet of an Excel workbook. Only a few parts are held at a time, so memory
//! does not grow with the file (a workbook is the exception: its zip must be read whole, and
//! the engine's workbook limits bound it).

use crate::args::{Encoding, InputArgs, InputFormat};
use crate::split::{CsvSplitter, Cut, LineSplitter};
use crate::Failure;
use partner_scorecard::analysis::batch::{CsvOptions, RowError};
use partner_scorecard::text::csv_format;
use partner_scorecard::Scorecard;
use std::io::Read;

/// A record or line longer than this is reported as a bad row and skipped, not held: the
/// most one JSON profile may be, and far more than a CSV row of the largest program allowed
/// (500 fields, 10,000 certifications in one).
pub const MAX_RECORD_BYTES: usize = partner_scorecard::limits::MAX_JSON_BYTES;

/// Bytes read from the file at a time.
const BLOCK: usize = 1 << 20;

/// How many lines the lab's detection looks at (a header, 30 lines for the separator, 200 for
/// the decimal mark): the same first lines give the same answer as the whole file.
const DETECTION_LINES: usize = 202;

/// What a partner file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Csv,
    JsonLines,
}

/// Where the records of a sheet were in the workbook: each record's sheet row (0-based,
/// the header first) and the sheet column of the first cell.
pub struct SheetPlaces {
    pub rows: Vec<u32>,
    pub first_col: u32,
}

/// A part of the file, read on its own by a worker.
pub struct Part {
    pub index: usize,
    /// CSV: the file's header record, then whole records; JSON lines: whole lines.
    pub text: String,
    /// The data row of its first record (0: the first after the header) and the file line
    /// its text starts on (after the header, for CSV).
    pub first_row: usize,
    pub first_line: usize,
    /// Bytes of the input read up to its end, for the progress bar.
    pub end: u64,
    /// A record too long to read: reported as a bad row instead of being read.
    pub too_long: Option<RowError>,
}

/// An open partner file, read part by part.
pub struct PartnerInput {
    pub name: String,
    pub kind: Kind,
    /// The file's size when known (for the progress bar).
    pub size: Option<u64>,
    /// How CSV parts are read: separator and decimal mark fixed, as detected on the first lines.
    pub options: CsvOptions,
    /// The header record as written (with any blank lines before it), put before each part.
    pub header: String,
    /// The line the data starts on in `header` + part (where the header ends).
    pub data_line: usize,
    pub sheet: Option<SheetPlaces>,
    /// What was detected, for messages: the encoding, and whether the file had a byte order mark.
    pub encoding: csv_format::Encoding,
    reader: Box<dyn Read + Send>,
    /// Bytes read and not yet handed out, starting at `pending_at` in the stream.
    pending: Vec<u8>,
    pending_at: u64,
    /// Bytes of `pending` the splitter has followed.
    followed: usize,
    splitter: Splitter,
    /// Where the last part ended.
    last: Cut,
    eof: bool,
    index: usize,
    /// After a record too long: its bytes are followed and dropped up to its end.
    dropping: bool,
    /// Bytes before the stream the splitter follows (a byte order mark), for the progress bar.
    skipped: u64,
}

enum Splitter {
    Csv(CsvSplitter),
    Lines(LineSplitter),
}

impl Splitter {
    fn feed(&mut self, bytes: &[u8]) {
        match self {
            Splitter::Csv(s) => s.feed(bytes),
            Splitter::Lines(s) => s.feed(bytes),
        }
    }

    fn last_cut(&self) -> Cut {
        match self {
            Splitter::Csv(s) => s.last_cut(),
            Splitter::Lines(s) => s.last_cut(),
        }
    }

    /// Follows `bytes` up to the first place to cut among them (the header's end, the end of
    /// a record too long to hold), byte by byte; how many it followed.
    fn feed_to_cut(&mut self, bytes: &[u8]) -> usize {
        let before = self.last_cut().at;
        for (i, b) in bytes.iter().enumerate() {
            self.feed(std::slice::from_ref(b));
            // Places to cut only move forward.
            if self.last_cut().at != before {
                return i + 1;
            }
        }
        bytes.len()
    }
}

/// The column mapping the lab exports (`{program, separator?, decimal?, encoding?, sheet?,
/// columns}`) as CSV read options; `program`, the id of the program it was made for, is
/// checked against this one's.
pub fn read_mapping(path: &str, scorecard: &Scorecard) -> Result<(CsvOptions, Option<csv_format::Encoding>), Failure> {
    let text = crate::read_text(path)?;
    let mut value = partner_scorecard::text::value::parse(&text).map_err(|e| Failure(format!("{path}: not valid JSON: {e}")))?;
    if let partner_scorecard::text::value::Value::Object(object) = &mut value {
        if let Some(id) = object.remove("program") {
            if let Some(id) = id.as_str().filter(|id| *id != scorecard.program().id()) {
                eprintln!(
                    "partner-scorecard: {path}: note: this mapping was made for the program \"{id}\", not \"{}\"",
                    scorecard.program().id()
                );
            }
        }
    }
    let json = partner_scorecard::text::json_write::to_string(&value)?;
    partner_scorecard::analysis::batch::CsvOptions::from_json(&json).map_err(|e| Failure(format!("{path}: {e}")))
}

fn open_reader(name: &str) -> Result<(Box<dyn Read + Send>, Option<u64>), Failure> {
    if name == "-" {
        return Ok((Box::new(std::io::stdin()), None));
    }
    let file = std::fs::File::open(name).map_err(|e| Failure(format!("{name}: {e}")))?;
    let size = file.metadata().ok().filter(|m| m.is_file()).map(|m| m.len());
    Ok((Box::new(file), size))
}

/// Reads until `buf` holds `want` bytes or the reader ends; whether it ended.
fn fill(reader: &mut dyn Read, buf: &mut Vec<u8>, want: usize, name: &str) -> Result<bool, Failure> {
    while buf.len() < want {
        let start = buf.len();
        buf.resize(want, 0);
        let n = loop {
            match reader.read(&mut buf[start..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(Failure(format!("{name}: {e}"))),
            }
        };
        buf.truncate(start + n);
        if n == 0 {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Whether a whole file is UTF-8, read once in blocks (as the lab decides for the file's
/// bytes: UTF-8 when all of them are, else Windows-1252).
fn file_is_utf8(name: &str) -> Result<bool, Failure> {
    let mut file = std::fs::File::open(name).map_err(|e| Failure(format!("{name}: {e}")))?;
    let mut buf = Vec::with_capacity(BLOCK + 4);
    loop {
        let ended = fill(&mut file, &mut buf, BLOCK, name)?;
        match std::str::from_utf8(&buf) {
            Ok(_) => buf.clear(),
            // A character cut by the block's end: its first bytes go on to the next block.
            Err(e) if e.error_len().is_none() && !ended => {
                let keep = buf.split_off(e.valid_up_to());
                buf = keep;
            }
            Err(_) => return Ok(false),
        }
        if ended {
            return Ok(true);
        }
    }
}

impl PartnerInput {
    /// Opens a partner file: its kind, encoding and (for CSV) separator, decimal mark and
    /// header, checked against the program. A header that cannot be used is a failure with
    /// every problem, as the lab lists them.
    pub fn open(scorecard: &Scorecard, args: &InputArgs) -> Result<PartnerInput, Failure> {
        let name = args.partners.clone();
        let (mut options, mapped_encoding) = match &args.mapping {
            Some(path) => read_mapping(path, scorecard)?,
            None => (CsvOptions::default(), None),
        };
        let (mut reader, size) = open_reader(&name)?;
        let mut first = Vec::with_capacity(BLOCK);
        let ended = fill(reader.as_mut(), &mut first, 64 * 1024, &name)?;
        let lower = name.to_ascii_lowercase();
        let text_start = first.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(&first);
        let format = args.input_format.unwrap_or(if lower.ends_with(".xlsx") || first.starts_with(b"PK\x03\x04") {
            InputFormat::Xlsx
        } else if [".jsonl", ".ndjson", ".json"].iter().any(|e| lower.ends_with(e))
            || text_start.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
        {
            InputFormat::Jsonl
        } else {
            InputFormat::Csv
        });
        if format == InputFormat::Xlsx {
            return PartnerInput::open_workbook(scorecard, name, reader, first, ended, options);
        }
        match csv_format::not_text(&first) {
            Some("old_workbook") => {
                return Err(Failure(format!("{name}: an old Excel workbook (.xls) or a password-protected one: save it as .xlsx or CSV")))
            }
            Some("binary") => return Err(Failure(format!("{name}: not text (a picture or another binary file?)"))),
            _ => {}
        }
        let encoding = match (args.encoding, mapped_encoding) {
            (Some(Encoding::Utf8), _) => csv_format::Encoding::Utf8,
            (Some(Encoding::Windows1252), _) => csv_format::Encoding::Windows1252,
            (None, Some(e)) => e,
            // A file is read once first; standard input cannot be, so its first block decides.
            (None, None) if size.is_some() && !file_is_utf8(&name)? => csv_format::Encoding::Windows1252,
            (None, None) if size.is_none() && std::str::from_utf8(&first).is_err_and(|e| e.error_len().is_some()) => {
                csv_format::Encoding::Windows1252
            }
            (None, None) => csv_format::Encoding::Utf8,
        };
        // A byte order mark is skipped in UTF-8, as `csv_format::decode` does.
        let skip = if encoding == csv_format::Encoding::Utf8 && first.starts_with(&[0xEF, 0xBB, 0xBF]) { 3 } else { 0 };
        first.drain(..skip);
        let kind = if format == InputFormat::Jsonl { Kind::JsonLines } else { Kind::Csv };
        let mut input = PartnerInput {
            name,
            kind,
            size,
            options: CsvOptions::default(),
            header: String::new(),
            data_line: 1,
            sheet: None,
            encoding,
            reader,
            pending: first,
            pending_at: 0,
            followed: 0,
            splitter: Splitter::Lines(LineSplitter::new()),
            last: Cut { at: 0, line: 1, records: 0 },
            eof: ended,
            index: 0,
            dropping: false,
            skipped: skip as u64,
        };
        if kind == Kind::JsonLines {
            if input.pending.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[') {
                return Err(Failure(format!("{}: a JSON list; write one profile per line (JSON lines)", input.name)));
            }
            return Ok(input);
        }
        // The separator and decimal mark, from the first lines as the lab detects them.
        input.read_lines(DETECTION_LINES)?;
        let lines_end = nth_line_end(&input.pending, DETECTION_LINES).unwrap_or(input.pending.len());
        let detected = options.format_of(&input.decode(&input.pending[..lines_end])?);
        (options.separator, options.decimal) = (Some(detected.separator), Some(detected.decimal));
        input.options = options;
        input.splitter = Splitter::Csv(CsvSplitter::new(detected.separator as u8));
        input.read_header(scorecard)?;
        Ok(input)
    }

    fn open_workbook(
        scorecard: &Scorecard,
        name: String,
        reader: Box<dyn Read + Send>,
        mut bytes: Vec<u8>,
        ended: bool,
        mut options: CsvOptions,
    ) -> Result<PartnerInput, Failure> {
        use partner_scorecard::text::xlsx::{cell_address, Workbook};
        let limit = partner_scorecard::limits::MAX_BASE_BYTES;
        if !ended {
            reader.take(limit as u64 + 1 - bytes.len() as u64).read_to_end(&mut bytes).map_err(|e| Failure(format!("{name}: {e}")))?;
        }
        if bytes.len() > limit {
            return Err(Failure(format!(
                "{name}: a workbook larger than {} MB; save the partners as CSV, which is read as a stream",
                limit >> 20
            )));
        }
        let fail = |e: partner_scorecard::text::xlsx::WorkbookError| {
            let cell = e.cell.as_deref().map(|c| format!("cell {c}: ")).unwrap_or_default();
            Failure(format!("{name}: {cell}{}", e.message))
        };
        let book = Workbook::open(&bytes).map_err(fail)?;
        let sheet = book.sheet(options.sheet.as_deref()).map_err(fail)?;
        drop(bytes);
        let (text, rows) = sheet.to_csv();
        if rows.is_empty() {
            return Err(Failure(format!("{name}: the sheet \"{}\" is empty: the partners need a header row and a row each", sheet.name)));
        }
        let first_col = sheet.first_col;
        eprintln!("partner-scorecard: {name}: reading the sheet \"{}\" from {}", sheet.name, cell_address(rows[0], first_col));
        drop(sheet);
        // A sheet's cells are written as CSV with commas and decimal points.
        (options.separator, options.decimal) = (Some(','), Some('.'));
        let size = text.len() as u64;
        let mut input = PartnerInput {
            name,
            kind: Kind::Csv,
            size: Some(size),
            options,
            header: String::new(),
            data_line: 1,
            sheet: Some(SheetPlaces { rows, first_col }),
            encoding: csv_format::Encoding::Utf8,
            reader: Box::new(std::io::empty()),
            pending: text.into_bytes(),
            pending_at: 0,
            followed: 0,
            splitter: Splitter::Csv(CsvSplitter::new(b',')),
            last: Cut { at: 0, line: 1, records: 0 },
            eof: true,
            index: 0,
            dropping: false,
            skipped: 0,
        };
        input.read_header(scorecard)?;
        Ok(input)
    }

    /// Text from the file's bytes in its encoding.
    fn decode(&self, bytes: &[u8]) -> Result<String, Failure> {
        match self.encoding {
            csv_format::Encoding::Windows1252 => Ok(csv_format::decode_windows_1252(bytes)),
            csv_format::Encoding::Utf8 => std::str::from_utf8(bytes).map(str::to_string).map_err(|e| {
                let at = self.pending_at + e.valid_up_to() as u64;
                Failure(format!(
                    "{}: byte {at} is not UTF-8, though the start of the input was read as UTF-8: give --encoding windows-1252",
                    self.name
                ))
            }),
        }
    }

    /// Reads until `pending` holds `lines` line ends, the input ends, or it holds the most a
    /// record may be.
    fn read_lines(&mut self, lines: usize) -> Result<(), Failure> {
        while !self.eof && nth_line_end(&self.pending, lines).is_none() && self.pending.len() < MAX_RECORD_BYTES {
            let want = self.pending.len() + BLOCK;
            self.eof = fill(self.reader.as_mut(), &mut self.pending, want, &self.name)?;
        }
        Ok(())
    }

    /// Finds the header record (the first), checks it against the program, and keeps it to
    /// put before every part.
    fn read_header(&mut self, scorecard: &Scorecard) -> Result<(), Failure> {
        loop {
            // Up to the header's end only: the splitter keeps the last place to cut, and the
            // header's end is the first.
            if self.splitter.last_cut().records == 0 {
                self.followed += self.splitter.feed_to_cut(&self.pending[self.followed..]);
            }
            let cut = self.splitter.last_cut();
            if cut.records >= 1 || self.eof {
                let end = if cut.records >= 1 { (cut.at - self.pending_at) as usize } else { self.pending.len() };
                self.header = self.decode(&self.pending[..end])?;
                self.pending.drain(..end);
                self.pending_at += end as u64;
                self.followed -= end;
                self.data_line = if cut.records >= 1 { cut.line } else { 1 + self.header.matches('\n').count() };
                self.last = Cut { at: self.pending_at, line: self.data_line, records: 1 };
                break;
            }
            if self.pending.len() >= MAX_RECORD_BYTES {
                return Err(Failure(format!(
                    "{}: the header is longer than {} MB: is a quote never closed?",
                    self.name,
                    MAX_RECORD_BYTES >> 20
                )));
            }
            let want = self.pending.len() + BLOCK;
            self.eof = fill(self.reader.as_mut(), &mut self.pending, want, &self.name)?;
        }
        if let Err(errors) = partner_scorecard::analysis::batch::csv_profiles_with(scorecard.program(), &self.header, &self.options) {
            let mut errors = errors;
            if let Some(sheet) = &self.sheet {
                for e in &mut errors {
                    partner_scorecard::analysis::segment::locate_error(e, &sheet.rows, sheet.first_col);
                }
            }
            let lines: Vec<String> = errors.iter().map(|e| format!("\n  {}", crate::output::error_line(&self.name, e))).collect();
            return Err(Failure(format!(
                "{}: the partners cannot be read ({} {}):{}",
                self.name,
                errors.len(),
                crate::plural(errors.len(), "problem"),
                lines.concat()
            )));
        }
        Ok(())
    }

    /// The next part of about `size` bytes (whole records), or `None` at the end.
    pub fn next_part(&mut self, size: usize) -> Result<Option<Part>, Failure> {
        let size = size.clamp(1, MAX_RECORD_BYTES);
        loop {
            if self.dropping {
                self.drop_long_record()?;
                if self.dropping {
                    return Ok(None);
                }
            }
            while !self.eof && self.pending.len() < size {
                let want = size.max(self.pending.len() + BLOCK.min(size));
                self.eof = fill(self.reader.as_mut(), &mut self.pending, want, &self.name)?;
            }
            // The splitter follows `size` bytes past the part's start (further, `size` at a
            // time, while no record has ended), so that the part ends at the last record that
            // ends within them.
            let mut target = size.min(self.pending.len());
            loop {
                if self.followed < target {
                    self.splitter.feed(&self.pending[self.followed..target]);
                    self.followed = target;
                }
                if self.splitter.last_cut().at > self.pending_at || target == self.pending.len() {
                    break;
                }
                target = (target + size).min(self.pending.len());
            }
            let cut = self.splitter.last_cut();
            let end = match (cut.at > self.pending_at, self.eof) {
                (true, _) => cut.at,
                (false, true) => self.pending_at + self.pending.len() as u64,
                (false, false) => self.pending_at,
            };
            if end > self.pending_at {
                let len = (end - self.pending_at) as usize;
                let mut text = if self.kind == Kind::Csv { self.header.clone() } else { String::new() };
                text.push_str(&self.decode(&self.pending[..len])?);
                self.pending.drain(..len);
                self.pending_at = end;
                self.followed -= len;
                let part = Part {
                    index: self.index,
                    text,
                    first_row: self.first_row(),
                    first_line: self.last.line,
                    end: self.skipped + self.pending_at,
                    too_long: None,
                };
                self.last = cut;
                self.index += 1;
                return Ok(Some(part));
            }
            if self.eof {
                return Ok(None);
            }
            if self.pending.len() >= MAX_RECORD_BYTES {
                // One record fills the buffer: reported, and followed to its end without keeping it.
                let (row, line) = match &self.splitter {
                    Splitter::Csv(s) => (s.record_start().records.saturating_sub(1), s.record_start().line),
                    Splitter::Lines(_) => (self.last.records, self.last.line),
                };
                let what = if self.kind == Kind::Csv { "record" } else { "line" };
                let hint = if self.kind == Kind::Csv { ": is a quote never closed?" } else { ", the most a profile may be" };
                let error = RowError {
                    row: Some(row),
                    line: Some(line),
                    column: None,
                    path: String::new(),
                    message: format!("this {what} is longer than {} MB{hint}", MAX_RECORD_BYTES >> 20),
                    cell: None,
                    message_i18n: None,
                };
                self.dropping = true;
                let part = Part {
                    index: self.index,
                    text: String::new(),
                    first_row: row,
                    first_line: line,
                    end: self.skipped + self.pending_at,
                    too_long: Some(error),
                };
                self.index += 1;
                return Ok(Some(part));
            }
            // Only part of a record so far: read on, up to the most a record may be (the
            // pending bytes start where the record does).
            let want = (self.pending.len() + BLOCK).min(MAX_RECORD_BYTES);
            self.eof = fill(self.reader.as_mut(), &mut self.pending, want, &self.name)?;
        }
    }

    /// The data row of the next record: CSV counts the header among its records.
    fn first_row(&self) -> usize {
        match self.kind {
            Kind::Csv => self.last.records.saturating_sub(1),
            Kind::JsonLines => self.last.records,
        }
    }

    /// Drops the bytes of a record too long to hold, up to its end (or the input's).
    fn drop_long_record(&mut self) -> Result<(), Failure> {
        let start = self.splitter.last_cut().at;
        loop {
            self.followed += self.splitter.feed_to_cut(&self.pending[self.followed..]);
            let cut = self.splitter.last_cut();
            if cut.at > start {
                let drop = (cut.at - self.pending_at) as usize;
                self.pending.drain(..drop);
                self.followed -= drop;
                self.pending_at = cut.at;
                self.last = cut;
                self.dropping = false;
                return Ok(());
            }
            self.pending_at += self.pending.len() as u64;
            self.pending.clear();
            self.followed = 0;
            if self.eof {
                return Ok(());
            }
            self.eof = fill(self.reader.as_mut(), &mut self.pending, BLOCK, &self.name)?;
        }
    }
}

/// The offset just past the `n`th LF of `bytes`, if it has that many.
fn nth_line_end(bytes: &[u8], n: usize) -> Option<usize> {
    bytes.iter().enumerate().filter(|(_, &b)| b == b'\n').nth(n.saturating_sub(1)).map(|(i, _)| i + 1)
}
