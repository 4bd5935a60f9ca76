//! CSV records as RFC 4180 writes them: quoted cells, doubled quotes, CRLF, a leading BOM.

use crate::text::message::Message;

/// A streaming RFC 4180 record reader that reuses its buffers, so reading a row allocates
/// nothing once the first rows have been read.
pub(crate) struct CsvReader<'t> {
    text: &'t str,
    pub(crate) pos: usize,
    pub(crate) line: usize,
    /// Contents of every cell of the current record, one after another.
    buf: String,
    /// End offset in `buf` of each cell.
    ends: Vec<usize>,
    /// The separator between cells: a comma, or a semicolon, tab or bar (`csv_format`).
    separator: u8,
}

/// A record that could not be read; reading resumes at the next line.
pub(crate) struct RecordError {
    pub(crate) column: usize,
    pub(crate) message: String,
    /// `message` for the page's catalogs (`csv.*`).
    pub(crate) reason: Message,
}

impl<'t> CsvReader<'t> {
    pub(crate) fn new(text: &'t str) -> CsvReader<'t> {
        let pos = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
        CsvReader { text, pos, line: 1, buf: String::new(), ends: Vec::new(), separator: b',' }
    }

    /// A reader of cells separated by `separator` (an ASCII character: `;`, tab or `|`).
    pub(crate) fn with_separator(text: &'t str, separator: char) -> CsvReader<'t> {
        let mut reader = CsvReader::new(text);
        reader.separator = if separator.is_ascii() { separator as u8 } else { b',' };
        reader
    }

    pub(crate) fn cell(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.buf.get(start..self.ends[i]).unwrap_or_default()
    }

    pub(crate) fn cells(&self) -> usize {
        self.ends.len()
    }

    /// Reads the next non-blank record; returns the line it starts on.
    pub(crate) fn next(&mut self) -> Option<(usize, Result<(), RecordError>)> {
        let bytes = self.text.as_bytes();
        // Blank lines between records carry no data.
        while self.pos < bytes.len() && (bytes[self.pos] == b'\n' || bytes[self.pos] == b'\r') {
            self.newline();
        }
        if self.pos >= bytes.len() {
            return None;
        }
        let start_line = self.line;
        self.buf.clear();
        self.ends.clear();
        loop {
            // At the start of a cell.
            if bytes.get(self.pos) == Some(&b'"') {
                let quote_line = self.line;
                self.pos += 1;
                loop {
                    let rest = self.text.get(self.pos..).unwrap_or_default();
                    let Some(q) = rest.find('"') else {
                        self.line += rest.matches('\n').count();
                        self.pos = bytes.len();
                        let message = format!("a quoted cell opened on line {quote_line} is never closed (a \" is missing)");
                        let reason = Message::new("csv.unclosed_quote").text("line", quote_line.to_string());
                        return Some((start_line, Err(RecordError { column: self.ends.len() + 1, message, reason })));
                    };
                    let chunk = rest.get(..q).unwrap_or_default();
                    self.line += chunk.bytes().filter(|&b| b == b'\n').count();
                    self.buf.push_str(chunk);
                    self.pos += q + 1;
                    if bytes.get(self.pos) == Some(&b'"') {
                        self.buf.push('"');
                        self.pos += 1;
                    } else {
                        break;
                    }
                }
                self.ends.push(self.buf.len());
                match bytes.get(self.pos) {
                    None => return Some((start_line, Ok(()))),
                    Some(&b) if b == self.separator => self.pos += 1,
                    Some(b'\n' | b'\r') => {
                        self.newline();
                        return Some((start_line, Ok(())));
                    }
                    Some(_) => {
                        let column = self.ends.len();
                        self.skip_line();
                        let message = "unexpected text after a closing quote; a quoted cell must end at a comma or line end".to_string();
                        let reason = Message::new("csv.after_quote");
                        return Some((start_line, Err(RecordError { column, message, reason })));
                    }
                }
            } else {
                let rest = &bytes[self.pos..];
                let sep = self.separator;
                let end = rest.iter().position(|&b| b == sep || matches!(b, b'\n' | b'\r' | b'"')).unwrap_or(rest.len());
                self.buf.push_str(self.text.get(self.pos..self.pos + end).unwrap_or_default());
                self.pos += end;
                self.ends.push(self.buf.len());
                match bytes.get(self.pos) {
                    None => return Some((start_line, Ok(()))),
                    Some(&b) if b == self.separator => self.pos += 1,
                    Some(b'"') => {
                        let column = self.ends.len();
                        self.skip_line();
                        let message =
                            "a quote inside an unquoted cell; put the whole cell in quotes and double the quote (\"\")".to_string();
                        let reason = Message::new("csv.stray_quote");
                        return Some((start_line, Err(RecordError { column, message, reason })));
                    }
                    Some(_) => {
                        self.newline();
                        return Some((start_line, Ok(())));
                    }
                }
            }
        }
    }

    /// Consumes one line end (CRLF, LF or a lone CR).
    pub(crate) fn newline(&mut self) {
        let bytes = self.text.as_bytes();
        if bytes.get(self.pos) == Some(&b'\r') {
            self.pos += 1;
        }
        if bytes.get(self.pos) == Some(&b'\n') {
            self.pos += 1;
        }
        self.line += 1;
    }

    pub(crate) fn skip_line(&mut self) {
        let bytes = self.text.as_bytes();
        while self.pos < bytes.len() && !matches!(bytes[self.pos], b'\n' | b'\r') {
            self.pos += 1;
        }
        if self.pos < bytes.len() {
            self.newline();
        }
    }
}
