//! Where a stream of CSV or JSON lines can be cut into parts that are read on their own:
//! between records. A CSV record may span lines (a line break inside quotes), so the bytes
//! are followed as the engine's reader (`text::csv`) reads them, byte by byte, with the
//! state kept between blocks: quoted cells, doubled quotes, a quote where none may be (the
//! reader then skips to the line's end), CRLF, CR and LF line ends, blank lines. Lines are
//! counted as that reader counts them, so that each part's first line is known and the
//! lines of its rows and errors are those of the whole file.

/// A place between two records where the stream may be cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cut {
    /// Byte offset in the stream.
    pub at: u64,
    /// The line the next record starts on (or a blank line before it), counting from 1.
    pub line: usize,
    /// Records before the cut (the header is the first).
    pub records: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Between records: blank lines are skipped.
    RecordStart,
    CellStart,
    Unquoted,
    Quoted,
    /// A quote inside a quoted cell: the cell's end, or the first of a doubled quote.
    QuoteSeen,
    /// After a mistake the reader skips to the line's end.
    SkipLine,
}

/// Follows CSV bytes and remembers the last place a part may end.
pub struct CsvSplitter {
    separator: u8,
    state: State,
    /// A CR ended a line; an LF right after it belongs to the same line end.
    after_cr: bool,
    at: u64,
    line: usize,
    records: usize,
    last_cut: Cut,
    /// Where the record being read began, and its line.
    record_start: Cut,
}

impl CsvSplitter {
    pub fn new(separator: u8) -> CsvSplitter {
        let start = Cut { at: 0, line: 1, records: 0 };
        CsvSplitter {
            separator,
            state: State::RecordStart,
            after_cr: false,
            at: 0,
            line: 1,
            records: 0,
            last_cut: start,
            record_start: start,
        }
    }

    /// The last place, among the bytes fed so far, where a part may end. A line end's CR is
    /// not a place to cut until the next byte shows whether an LF follows.
    pub fn last_cut(&self) -> Cut {
        self.last_cut
    }

    /// Where the record being read (or the last one read) began.
    pub fn record_start(&self) -> Cut {
        self.record_start
    }

    /// Whether the bytes fed end inside a quoted cell (a quote never closed reads to the end
    /// of the file).
    #[cfg(test)]
    pub fn inside_quotes(&self) -> bool {
        matches!(self.state, State::Quoted)
    }

    /// Follows the next bytes of the stream. Runs of bytes that change nothing (inside a cell,
    /// inside quotes, on a line being skipped) are passed over at once: the reader thread
    /// does this for the whole file, and byte by byte it was the pipeline's slowest part.
    pub fn feed(&mut self, bytes: &[u8]) {
        let base = self.at;
        let sep = self.separator;
        let mut i = 0;
        while i < bytes.len() {
            let rest = &bytes[i..];
            let skip = match self.state {
                _ if self.after_cr => 0,
                State::Unquoted => first_of(rest, [sep, b'"', b'\n', b'\r']),
                State::Quoted => {
                    let run = rest.iter().position(|&b| b == b'"').unwrap_or(rest.len());
                    self.line += rest[..run].iter().filter(|&&b| b == b'\n').count();
                    run
                }
                State::SkipLine => rest.iter().position(|&b| b == b'\n' || b == b'\r').unwrap_or(rest.len()),
                _ => 0,
            };
            i += skip;
            if i == bytes.len() {
                break;
            }
            self.at = base + i as u64;
            self.byte(bytes[i]);
            i += 1;
        }
        self.at = base + bytes.len() as u64;
    }

    /// Follows one byte at `self.at`.
    fn byte(&mut self, b: u8) {
        if self.after_cr {
            self.after_cr = false;
            if b == b'\n' {
                self.at += 1;
                self.cut();
                return;
            }
            self.cut();
        }
        self.step(b);
        self.at += 1;
        if self.state == State::RecordStart && b == b'\n' {
            self.cut_after();
        }
    }

    /// A cut at the current offset (before the byte under it).
    fn cut(&mut self) {
        self.last_cut = Cut { at: self.at, line: self.line, records: self.records };
    }

    /// A cut after the byte just consumed.
    fn cut_after(&mut self) {
        self.last_cut = Cut { at: self.at, line: self.line, records: self.records };
    }

    /// Ends a line at a CR or LF outside quotes (the record, or a blank line).
    fn line_end(&mut self, b: u8) {
        self.line += 1;
        self.state = State::RecordStart;
        if b == b'\r' {
            self.after_cr = true;
        }
    }

    fn step(&mut self, b: u8) {
        let sep = self.separator;
        match self.state {
            State::RecordStart => match b {
                b'\n' | b'\r' => self.line_end(b),
                _ => {
                    self.record_start = Cut { at: self.at, line: self.line, records: self.records };
                    self.records += 1;
                    self.state = State::CellStart;
                    self.step(b);
                }
            },
            State::CellStart | State::Unquoted => match b {
                b'"' if self.state == State::CellStart => self.state = State::Quoted,
                b'"' => self.state = State::SkipLine,
                b'\n' | b'\r' => self.line_end(b),
                _ if b == sep => self.state = State::CellStart,
                _ => self.state = State::Unquoted,
            },
            State::Quoted => match b {
                b'"' => self.state = State::QuoteSeen,
                // Inside quotes only LFs count as lines, as the reader counts them.
                b'\n' => self.line += 1,
                _ => {}
            },
            State::QuoteSeen => match b {
                b'"' => self.state = State::Quoted,
                b'\n' | b'\r' => self.line_end(b),
                _ if b == sep => self.state = State::CellStart,
                _ => self.state = State::SkipLine,
            },
            State::SkipLine => {
                if matches!(b, b'\n' | b'\r') {
                    self.line_end(b);
                }
            }
        }
    }
}

/// The offset of the first of four bytes in `bytes` (its length when there is none), eight
/// bytes at a time: a word holds byte `n` where `word ^ n*0x0101..` has a zero byte.
fn first_of(bytes: &[u8], needles: [u8; 4]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |w: u64| w.wrapping_sub(ONES) & !w & HIGH;
    let mut at = 0;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let w = u64::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7]]);
        if needles.iter().any(|&n| zero_byte(w ^ (ONES * u64::from(n))) != 0) {
            break;
        }
        at += 8;
    }
    bytes[at..].iter().position(|b| needles.contains(b)).map_or(bytes.len(), |p| at + p)
}

/// Follows JSON lines: a part may end after any LF. Lines with more than whitespace are
/// the records (profiles).
pub struct LineSplitter {
    at: u64,
    line: usize,
    records: usize,
    /// Whether the line being read has more than whitespace.
    filled: bool,
    last_cut: Cut,
}

impl LineSplitter {
    pub fn new() -> LineSplitter {
        LineSplitter { at: 0, line: 1, records: 0, filled: false, last_cut: Cut { at: 0, line: 1, records: 0 } }
    }

    pub fn last_cut(&self) -> Cut {
        self.last_cut
    }

    pub fn feed(&mut self, bytes: &[u8]) {
        let mut offset = 0;
        while offset < bytes.len() {
            let rest = &bytes[offset..];
            let Some(i) = rest.iter().position(|&b| b == b'\n') else {
                self.filled |= rest.iter().any(|b| !b.is_ascii_whitespace());
                break;
            };
            if self.filled || rest[..i].iter().any(|b| !b.is_ascii_whitespace()) {
                self.records += 1;
            }
            self.filled = false;
            offset += i + 1;
            self.line += 1;
            self.last_cut = Cut { at: self.at + offset as u64, line: self.line, records: self.records };
        }
        self.at += bytes.len() as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every cut of `text` fed at once, as (offset, line, records).
    fn cuts(text: &str, block: usize) -> Vec<(u64, usize, usize)> {
        let mut s = CsvSplitter::new(b',');
        let mut out = Vec::new();
        for chunk in text.as_bytes().chunks(block) {
            for &b in chunk {
                s.feed(&[b]);
                let c = s.last_cut();
                if out.last() != Some(&(c.at, c.line, c.records)) {
                    out.push((c.at, c.line, c.records));
                }
            }
        }
        out
    }

    #[test]
    fn records_end_at_line_ends_outside_quotes() {
        let text = "a,b\n1,\"x\ny\"\r\n\r\n2,\"q\"\"\"\r3,4";
        // After the header (line 2), after the quoted record (line 4: the LF inside quotes
        // counts), after the blank CRLF line, after the CR-ended record.
        assert_eq!(cuts(text, 1), vec![(0, 1, 0), (4, 2, 1), (13, 4, 2), (15, 5, 2), (23, 6, 3)]);
    }

    #[test]
    fn a_cr_is_no_cut_until_the_next_byte_is_known() {
        let mut s = CsvSplitter::new(b',');
        s.feed(b"a\r");
        assert_eq!(s.last_cut().at, 0);
        s.feed(b"\n");
        assert_eq!(s.last_cut(), Cut { at: 3, line: 2, records: 1 });
    }

    #[test]
    fn a_stray_quote_skips_to_the_line_end_and_an_open_quote_to_the_file_end() {
        let text = "a,b\nx\"y,\"z\nc,d\n\"open,\n1,2\n";
        let c = cuts(text, 3);
        // The stray quote's record ends at its line's end despite the quote after it.
        assert!(c.contains(&(11, 3, 2)), "{c:?}");
        assert!(c.contains(&(15, 4, 3)), "{c:?}");
        let mut s = CsvSplitter::new(b',');
        s.feed(text.as_bytes());
        assert!(s.inside_quotes());
        assert_eq!(s.last_cut().at, 15);
    }

    #[test]
    fn passing_over_runs_follows_as_byte_by_byte_does() {
        // Random texts of the bytes that matter, fed in random pieces, against one byte at a time.
        let mut seed = 7u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..2000 {
            let text: Vec<u8> = (0..next() % 60).map(|_| b"ab,\"\n\r;"[(next() % 7) as usize]).collect();
            let (mut whole, mut single) = (CsvSplitter::new(b','), CsvSplitter::new(b','));
            let (mut cuts_whole, mut cuts_single) = (Vec::new(), Vec::new());
            let mut at = 0;
            while at < text.len() {
                let end = (at + 1 + (next() % 9) as usize).min(text.len());
                whole.feed(&text[at..end]);
                for &b in &text[at..end] {
                    single.at_byte(b);
                }
                cuts_whole.push(whole.last_cut());
                cuts_single.push(single.last_cut());
                at = end;
            }
            assert_eq!(cuts_whole, cuts_single, "{:?}", String::from_utf8_lossy(&text));
            assert_eq!((whole.line, whole.records, whole.state), (single.line, single.records, single.state));
        }
    }

    impl CsvSplitter {
        /// One byte, without passing over runs: the reference.
        fn at_byte(&mut self, b: u8) {
            self.byte(b);
        }
    }

    #[test]
    fn the_first_of_four_bytes_is_found_in_words_and_in_the_tail() {
        let needles = [b',', b'"', b'\n', b'\r'];
        for text in ["", "abc", "abcdefghijklmnop,", "abcdefgh\"", "abcdefghijklmn\r", "a,", "\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\n"] {
            let expected = text.bytes().position(|b| needles.contains(&b)).unwrap_or(text.len());
            assert_eq!(first_of(text.as_bytes(), needles), expected, "{text:?}");
        }
    }

    #[test]
    fn semicolons_separate_when_asked() {
        let mut s = CsvSplitter::new(b';');
        s.feed(b"a;b\n\"1;2\";\"x\"\n");
        assert_eq!(s.last_cut(), Cut { at: 14, line: 3, records: 2 });
    }

    #[test]
    fn json_lines_cut_after_each_line() {
        let mut s = LineSplitter::new();
        s.feed(b"{}\n{\"a\"");
        assert_eq!(s.last_cut(), Cut { at: 3, line: 2, records: 1 });
        s.feed(b": 1}\r\n \n");
        assert_eq!(s.last_cut(), Cut { at: 15, line: 4, records: 2 });
    }
}
