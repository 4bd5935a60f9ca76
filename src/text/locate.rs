//! Where a path of an error (`criteria[0].rule.max`, `tracks[1].criteria["deal-regs"]`) is in
//! the JSON text it was read from, in lines and characters: for the command line's
//! `check`, which names the line and column of every problem of a program file in a
//! vendor's CI, as an editor or a CI annotation wants them.
//!
//! The value tree (`value::parse`) keeps no positions: that would cost every program and
//! profile read in the browser memory and time for what only a file on disk needs. So the
//! text is scanned again, once per path, following the path and skipping everything else:
//! linear in the text, with no recursion and nothing allocated beyond the path's keys.

/// A place in a text: line and column count from 1, columns in characters (as
/// [`crate::text::value::ParseError`] counts them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    /// Whether the whole path was found. When it was not (a key the error says is missing),
    /// the position is that of the deepest part that was: the object or list it is missing from.
    pub exact: bool,
}

/// One step of a path: a key of an object or an index of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

/// The steps of a path as errors write them: `a.b[2]["odd key"].c`; `None` when it is not one.
fn steps(path: &str) -> Option<Vec<Step>> {
    let bytes = path.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'.' if !out.is_empty() => at += 1,
            b'[' if bytes.get(at + 1) == Some(&b'"') => {
                // A quoted key, written as a JSON string: it ends at the first unescaped quote.
                let start = at + 1;
                let mut end = start + 1;
                while end < bytes.len() && bytes[end] != b'"' {
                    end += if bytes[end] == b'\\' { 2 } else { 1 };
                }
                let literal = path.get(start..=end)?;
                let key = crate::text::value::parse(literal).ok()?.as_str()?.to_string();
                if bytes.get(end + 1) != Some(&b']') {
                    return None;
                }
                out.push(Step::Key(key));
                at = end + 2;
                continue;
            }
            b'[' => {
                let close = at + path[at..].find(']')?;
                out.push(Step::Index(path[at + 1..close].parse().ok()?));
                at = close + 1;
                continue;
            }
            _ => {}
        }
        let rest = &path[at..];
        let len = rest.find(['.', '[']).unwrap_or(rest.len());
        if len == 0 {
            return None;
        }
        out.push(Step::Key(rest[..len].to_string()));
        at += len;
    }
    Some(out)
}

/// The position of the value at `path` in `text`, a JSON document (as read without error):
/// for a key of an object the position of the key (where an editor shows an unknown or
/// misspelt key, and the value follows on the same line), for an item of a list the item's
/// first character; for `""` the document's first character. `None` when the text is not
/// JSON at the places the path leads through, or the path is not one errors write.
pub fn locate(text: &str, path: &str) -> Option<Position> {
    let steps = steps(path)?;
    let mut scan = Scanner { text: text.as_bytes(), at: 0 };
    scan.whitespace();
    let mut found = scan.at;
    for (i, step) in steps.iter().enumerate() {
        let last = i + 1 == steps.len();
        let place = match step {
            Step::Key(key) => scan.find_key(text, key),
            Step::Index(index) => scan.find_item(*index),
        };
        match place {
            Some(Place { key, value }) => {
                found = if last { key } else { value };
                scan.at = value;
            }
            None => return Some(position(text, found, false)),
        }
    }
    Some(position(text, found, true))
}

fn position(text: &str, at: usize, exact: bool) -> Position {
    let before = &text.as_bytes()[..at.min(text.len())];
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let column = 1 + before[line_start..].iter().filter(|&&b| b & 0xC0 != 0x80).count();
    Position { line, column, exact }
}

/// Where a member was found: its key (or the item itself, in a list) and its value.
struct Place {
    key: usize,
    value: usize,
}

struct Scanner<'t> {
    text: &'t [u8],
    at: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    /// Past a string starting at the quote under the cursor.
    fn skip_string(&mut self) -> Option<()> {
        self.at += 1;
        loop {
            match self.peek()? {
                b'"' => {
                    self.at += 1;
                    return Some(());
                }
                b'\\' => self.at += 2,
                _ => self.at += 1,
            }
        }
    }

    /// Past the value under the cursor, however deeply nested: brackets are counted, not
    /// recursed into.
    fn skip_value(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            match self.peek()? {
                b'"' => self.skip_string()?,
                b'{' | b'[' => {
                    depth += 1;
                    self.at += 1;
                }
                b'}' | b']' => {
                    depth = depth.checked_sub(1)?;
                    self.at += 1;
                }
                // A number or literal, or the separators inside a list or object being skipped.
                _ => self.at += 1,
            }
            if depth == 0 && !matches!(self.peek(), Some(b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-' | b'a'..=b'z')) {
                return Some(());
            }
        }
    }

    /// The member `key` of the object under the cursor.
    fn find_key(&mut self, source: &str, key: &str) -> Option<Place> {
        if self.peek()? != b'{' {
            return None;
        }
        self.at += 1;
        loop {
            self.whitespace();
            if self.peek()? != b'"' {
                return None;
            }
            let key_at = self.at;
            self.skip_string()?;
            let written = source.get(key_at..self.at)?;
            // Most keys have no escapes: compared as they are, decoded only when they do.
            let same = if written.contains('\\') {
                crate::text::value::parse(written).ok()?.as_str() == Some(key)
            } else {
                &written[1..written.len() - 1] == key
            };
            self.whitespace();
            if self.peek()? != b':' {
                return None;
            }
            self.at += 1;
            self.whitespace();
            if same {
                return Some(Place { key: key_at, value: self.at });
            }
            self.skip_value()?;
            self.whitespace();
            match self.peek()? {
                b',' => self.at += 1,
                _ => return None,
            }
        }
    }

    /// Item `index` of the list under the cursor.
    fn find_item(&mut self, index: usize) -> Option<Place> {
        if self.peek()? != b'[' {
            return None;
        }
        self.at += 1;
        for _ in 0..index {
            self.whitespace();
            self.skip_value()?;
            self.whitespace();
            if self.peek()? != b',' {
                return None;
            }
            self.at += 1;
        }
        self.whitespace();
        if matches!(self.peek()?, b']') {
            return None;
        }
        Some(Place { key: self.at, value: self.at })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROGRAM: &str = "{\n  \"name\": \"Demo \\\"x\\\"\",\n  \"criteria\": [\n    {\"id\": \"a\", \"rule\": {\"type\": \"per_unit\", \"per\": [1, {\"x\": 2}], \"max\": 3}},\n    {\"id\": \"b\", \"weight\": -1.5e3}\n  ],\n  \"tracks\": [{\"criteria\": {\"deal-regs\": {\"weight\": 2}, \"\\u00e9\": true}}],\n  \"lang\": \"é\", \"x\": null\n}";

    fn at(path: &str) -> (usize, usize, bool) {
        let p = locate(PROGRAM, path).unwrap();
        (p.line, p.column, p.exact)
    }

    #[test]
    fn paths_lead_to_their_key_or_item() {
        assert_eq!(at(""), (1, 1, true));
        assert_eq!(at("name"), (2, 3, true));
        assert_eq!(at("criteria"), (3, 3, true));
        assert_eq!(at("criteria[0]"), (4, 5, true));
        assert_eq!(at("criteria[0].rule.max"), (4, 68, true));
        assert_eq!(at("criteria[0].rule.per[1].x"), (4, 58, true));
        assert_eq!(at("criteria[1].weight"), (5, 17, true));
        assert_eq!(at("tracks[0].criteria[\"deal-regs\"].weight"), (7, 42, true));
        // An escaped key is compared decoded; columns count characters, not bytes.
        assert_eq!(at("tracks[0].criteria[\"é\"]"), (7, 56, true));
        assert_eq!(at("x"), (8, 16, true));
    }

    #[test]
    fn missing_places_give_the_deepest_found() {
        assert_eq!(at("criteria[0].rule.cap"), (4, 25, false));
        assert_eq!(at("criteria[5]"), (3, 15, false));
        assert_eq!(at("name.first"), (2, 11, false));
        assert_eq!(at("tiers[0].min_score"), (1, 1, false));
    }

    #[test]
    fn what_is_not_a_path_or_not_json_gives_none() {
        assert_eq!(locate(PROGRAM, "criteria[x]"), None);
        assert_eq!(locate(PROGRAM, "a..b"), None);
        assert_eq!(locate(PROGRAM, "a[\"b\"c"), None);
        // Text cut short: the scan stops instead of reading past the end.
        assert_eq!(locate("{\"a\": [1, 2", "a[5]").map(|p| p.exact), Some(false));
        assert_eq!(locate("{\"a\": \"unterminated", "b").map(|p| p.exact), Some(false));
    }
}
