//! JSON values as the engine reads them: programs, profiles and options.
//!
//! The engine's own reader rather than serde_json's: objects keep their keys in file order
//! (so errors come in the order a person reads the file), a key given twice is an error
//! instead of the last one silently winning, and the wasm module is about 30 KB smaller.

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use std::fmt;

/// A parsed JSON value. Numbers are `f64`, as everywhere in the engine and in JavaScript.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Value {
    #[default]
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Value>),
    Object(Object),
}

/// A JSON object: keys in the order they were written, each at most once.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Object {
    entries: Vec<(String, Value)>,
}

impl Object {
    pub fn new() -> Self {
        Object::default()
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The value of `key` unless it is missing or `null`: in programs, profiles and options
    /// both mean "not given".
    pub fn given(&self, key: &str) -> Option<&Value> {
        self.get(key).filter(|v| !v.is_null())
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Sets `key`, replacing its value in place if it is already there.
    pub fn insert(&mut self, key: String, value: Value) {
        match self.entries.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => *v = value,
            None => self.entries.push((key, value)),
        }
    }

    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let at = self.entries.iter().position(|(k, _)| k == key)?;
        Some(self.entries.remove(at).1)
    }

    /// The value of `key`, inserting `null` first if the key is missing.
    pub fn get_or_insert_null(&mut self, key: &str) -> &mut Value {
        let at = match self.entries.iter().position(|(k, _)| k == key) {
            Some(at) => at,
            None => {
                self.entries.push((key.to_string(), Value::Null));
                self.entries.len() - 1
            }
        };
        &mut self.entries[at].1
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.entries.iter().map(|(k, _)| k)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// `object["key"]`: the value, or `null` when the key is missing (as with serde_json).
impl std::ops::Index<&str> for Object {
    type Output = Value;

    fn index(&self, key: &str) -> &Value {
        static NULL: Value = Value::Null;
        self.get(key).unwrap_or(&NULL)
    }
}

impl<'a> IntoIterator for &'a Object {
    type Item = (&'a String, &'a Value);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (String, Value)>, fn(&'a (String, Value)) -> (&'a String, &'a Value)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(k, v)| (k, v))
    }
}

impl FromIterator<(String, Value)> for Object {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Self {
        let mut object = Object::new();
        for (key, value) in iter {
            object.insert(key, value);
        }
        object
    }
}

impl Value {
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    pub fn is_array(&self) -> bool {
        matches!(self, Value::Array(_))
    }

    pub fn is_string(&self) -> bool {
        matches!(self, Value::String(_))
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&Object> {
        match self {
            Value::Object(map) => Some(map),
            _ => None,
        }
    }

    /// The value of `key` if this is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object().and_then(|o| o.get(key))
    }
}

impl From<f64> for Value {
    fn from(n: f64) -> Self {
        Value::Number(n)
    }
}

impl From<usize> for Value {
    fn from(n: usize) -> Self {
        Value::Number(n as f64)
    }
}

impl From<i32> for Value {
    fn from(n: i32) -> Self {
        Value::Number(n.into())
    }
}

impl From<u32> for Value {
    fn from(n: u32) -> Self {
        Value::Number(n.into())
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::String(s)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(s.to_string())
    }
}

/// Largest integer every smaller whole number of which is exact in an `f64`.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => serializer.serialize_unit(),
            Value::Bool(b) => serializer.serialize_bool(*b),
            // Whole numbers as integers, so that `3` reads back as `3` and not `3.0`.
            Value::Number(n) if n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER => serializer.serialize_i64(*n as i64),
            Value::Number(n) => serializer.serialize_f64(*n),
            Value::String(s) => serializer.serialize_str(s),
            Value::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Value::Object(object) => {
                let mut map = serializer.serialize_map(Some(object.len()))?;
                for (key, value) in object {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}

/// Why a text is not JSON, and where: line and column count from 1, columns in characters.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// The catalog key of `message` (`json.key_twice`); see `Issue::from`.
    pub reason: &'static str,
    /// The argument `message` has beside its place (the key written twice, for
    /// `json.key_twice`), as the catalogs name it.
    pub arg: Option<(&'static str, String)>,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at line {}, column {}", self.message, self.line, self.column)
    }
}

impl std::error::Error for ParseError {}

/// Objects with at least this many keys are checked for a repeated key when they end.
const CHECK_AT_END: usize = 32;

/// Nesting deeper than this is refused rather than risking the stack (as serde_json does).
const MAX_DEPTH: usize = 128;

/// Reads JSON text (RFC 8259). Numbers are read as [`crate::text::decimal::parse_decimal`] reads
/// them: the nearest `f64`, as in JavaScript, for all but far-out many-digit numbers.
///
/// ```
/// use partner_scorecard::text::value::{parse, Value};
/// let v = parse(r#"{"engineers": 3, "regions": ["emea"]}"#).unwrap();
/// assert_eq!(v.get("engineers"), Some(&Value::Number(3.0)));
/// let e = parse("{\"a\": 1,}").unwrap_err();
/// assert_eq!(e.to_string(), "expected a key in quotes at line 1, column 9");
/// ```
pub fn parse(text: &str) -> Result<Value, ParseError> {
    let mut parser = Parser { source: text, text: text.as_bytes(), at: 0 };
    parser.whitespace();
    if parser.at == parser.text.len() {
        return Err(parser.error("json.empty", "the text is empty; expected a JSON value"));
    }
    let value = parser.value(0)?;
    parser.whitespace();
    if parser.at < parser.text.len() {
        return Err(parser.error("json.trailing", "unexpected text after the JSON value"));
    }
    Ok(value)
}

/// JSON read token by token, for readers that go straight into their own form (profiles,
/// see `program::profile`) instead of through a [`Value`] tree. Each method reads one token
/// as [`parse`] would and answers `None` for anything else: an escape in a string, a
/// malformed number, the wrong token. Such readers then fall back to [`parse`], which reports
/// the problem, so no error is worded twice.
pub(crate) struct Tokens<'t> {
    parser: Parser<'t>,
}

impl<'t> Tokens<'t> {
    pub(crate) fn new(text: &'t str) -> Tokens<'t> {
        let mut parser = Parser { source: text, text: text.as_bytes(), at: 0 };
        parser.whitespace();
        Tokens { parser }
    }

    /// The next byte after whitespace, not consumed. The loop is its own, not the tree
    /// parser's: in the size-first build that one calls a function per byte, which made
    /// reading a profile half as slow again. Inlined (with `eat`): 10 % faster `score()`
    /// for about 0.9 KB gzipped.
    #[inline(always)]
    pub(crate) fn peek(&mut self) -> Option<u8> {
        let p = &mut self.parser;
        while let Some(&(b' ' | b'\t' | b'\n' | b'\r')) = p.text.get(p.at) {
            p.at += 1;
        }
        p.text.get(p.at).copied()
    }

    /// Consumes `byte` if it comes next.
    #[inline(always)]
    pub(crate) fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        if found {
            self.parser.at += 1;
        }
        found
    }

    /// A string without escapes, borrowed from the text.
    pub(crate) fn str(&mut self) -> Option<&'t str> {
        if self.peek() != Some(b'"') {
            return None;
        }
        let start = self.parser.at + 1;
        let end = start + crate::util::plain_prefix(&self.parser.text[start..]);
        if self.parser.text.get(end) != Some(&b'"') {
            return None;
        }
        self.parser.at = end + 1;
        self.parser.source.get(start..end)
    }

    pub(crate) fn number(&mut self) -> Option<f64> {
        match self.peek() {
            Some(b'-' | b'0'..=b'9') => self.parser.number().ok(),
            _ => None,
        }
    }

    /// `true`, `false` or `null` (`Some(None)`).
    pub(crate) fn literal(&mut self) -> Option<Option<bool>> {
        let value = match self.peek()? {
            b't' => self.parser.literal("true", Value::Bool(true)),
            b'f' => self.parser.literal("false", Value::Bool(false)),
            b'n' => self.parser.literal("null", Value::Null),
            _ => return None,
        };
        match value.ok()? {
            Value::Bool(b) => Some(Some(b)),
            _ => Some(None),
        }
    }

    /// Consumes `null` if it comes next.
    pub(crate) fn null(&mut self) -> bool {
        self.peek() == Some(b'n') && self.literal() == Some(None)
    }

    /// Only whitespace is left.
    pub(crate) fn at_end(&mut self) -> bool {
        self.peek().is_none()
    }
}

struct Parser<'t> {
    source: &'t str,
    text: &'t [u8],
    at: usize,
}

impl Parser<'_> {
    fn error(&self, reason: &'static str, message: impl Into<String>) -> ParseError {
        self.error_at(self.at, (reason, None), message)
    }

    fn error_at(&self, at: usize, (reason, arg): (&'static str, Option<(&'static str, String)>), message: impl Into<String>) -> ParseError {
        let before = &self.text[..at.min(self.text.len())];
        let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        // Columns in characters: count the bytes that start one.
        let column = 1 + before[line_start..].iter().filter(|&&b| b & 0xC0 != 0x80).count();
        ParseError { line, column, message: message.into(), reason, arg }
    }

    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, ParseError> {
        match self.peek() {
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => self.string().map(Value::String),
            Some(b'-' | b'0'..=b'9') => self.number().map(Value::Number),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(_) => Err(self.error("json.value", "expected a value (an object, list, text, number, true, false or null)")),
            None => Err(self.error("json.ends_at_value", "the text ends where a value was expected")),
        }
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, ParseError> {
        if self.text[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.error("json.value", "expected a value (an object, list, text, number, true, false or null)"))
        }
    }

    fn nested(&self, depth: usize) -> Result<(), ParseError> {
        if depth > MAX_DEPTH {
            return Err(self.error("json.deep", "lists and objects are nested too deeply"));
        }
        Ok(())
    }

    fn array(&mut self, depth: usize) -> Result<Value, ParseError> {
        self.nested(depth)?;
        self.at += 1;
        let mut items = Vec::new();
        self.whitespace();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.whitespace();
            items.push(self.value(depth)?);
            self.whitespace();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(Value::Array(items));
                }
                Some(_) => return Err(self.error("json.list_separator", "expected ',' or ']' in a list")),
                None => return Err(self.error("json.ends_in_list", "the text ends inside a list")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, ParseError> {
        self.nested(depth)?;
        self.at += 1;
        let mut entries: Vec<(String, Value)> = Vec::new();
        // Where each key starts, once the object is large enough to be checked at its end.
        let mut key_starts: Vec<usize> = Vec::new();
        self.whitespace();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Value::Object(Object { entries }));
        }
        loop {
            self.whitespace();
            let key_at = self.at;
            match self.peek() {
                Some(b'"') => {}
                None => return Err(self.error("json.ends_in_object", "the text ends inside an object")),
                Some(_) => return Err(self.error("json.key", "expected a key in quotes")),
            }
            let key = self.string()?;
            // Small objects (nearly all) are checked key by key; past that, all keys at once
            // at the end, so that an object of n keys costs O(n log n), not O(n²).
            if entries.len() < CHECK_AT_END && entries.iter().any(|(k, _)| *k == key) {
                return Err(self.twice(key_at, &key));
            }
            if entries.len() >= CHECK_AT_END - 1 {
                key_starts.push(key_at);
            }
            self.whitespace();
            if self.peek() != Some(b':') {
                return Err(self.error("json.colon", "expected ':' after a key"));
            }
            self.at += 1;
            self.whitespace();
            let value = self.value(depth)?;
            entries.push((key, value));
            self.whitespace();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    if entries.len() >= CHECK_AT_END {
                        self.check_duplicate_keys(&entries, &key_starts)?;
                    }
                    return Ok(Value::Object(Object { entries }));
                }
                Some(_) => {
                    return Err(self.error_at(
                        self.at,
                        ("json.object_separator", Some(("brace", "'}'".into()))),
                        "expected ',' or '}' in an object",
                    ))
                }
                None => return Err(self.error("json.ends_in_object", "the text ends inside an object")),
            }
        }
    }

    fn twice(&self, at: usize, key: &str) -> ParseError {
        self.error_at(at, ("json.key_twice", Some(("key", key.to_string()))), format!("the key \"{key}\" appears twice in one object"))
    }

    /// The first key (in file order) written a second time, found by sorting: `key_starts`
    /// holds where each key from index `CHECK_AT_END - 1` on starts.
    fn check_duplicate_keys(&self, entries: &[(String, Value)], key_starts: &[usize]) -> Result<(), ParseError> {
        let mut order: Vec<usize> = (0..entries.len()).collect();
        crate::util::sort_by(&mut order, |a, b| entries[*a].0.cmp(&entries[*b].0));
        // Stable, so equal keys stay in file order: the second of a run is a repetition.
        let first_repeat = order.windows(2).filter(|w| entries[w[0]].0 == entries[w[1]].0).map(|w| w[1]).min();
        match first_repeat {
            None => Ok(()),
            Some(at) => {
                let start = key_starts.get((at + 1).saturating_sub(CHECK_AT_END)).copied().unwrap_or(self.at);
                Err(self.twice(start, &entries[at].0))
            }
        }
    }

    /// A string starting at the opening quote. The text is already valid UTF-8, so only
    /// escapes and control characters need a look.
    fn string(&mut self) -> Result<String, ParseError> {
        self.at += 1;
        let mut out = String::new();
        let mut start = self.at;
        loop {
            self.at += crate::util::plain_prefix(&self.text[self.at..]);
            let Some(b) = self.peek() else {
                return Err(self.error("json.ends_in_string", "the text ends inside a string"));
            };
            match b {
                b'"' => {
                    out.push_str(self.slice(start));
                    self.at += 1;
                    return Ok(out);
                }
                b'\\' => {
                    out.push_str(self.slice(start));
                    self.at += 1;
                    self.escape(&mut out)?;
                    start = self.at;
                }
                _ => return Err(self.error("json.control", "a control character (such as a line break) inside a string must be escaped")),
            }
        }
    }

    /// Bytes from `start` up to the current position, which both sit on character
    /// boundaries (next to an ASCII quote or backslash).
    fn slice(&self, start: usize) -> &str {
        self.source.get(start..self.at).unwrap_or_default()
    }

    fn escape(&mut self, out: &mut String) -> Result<(), ParseError> {
        let Some(b) = self.peek() else {
            return Err(self.error("json.ends_in_string", "the text ends inside a string"));
        };
        self.at += 1;
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4()?;
                let code = if (0xD800..0xDC00).contains(&first) && self.text[self.at..].starts_with(b"\\u") {
                    let before = self.at;
                    self.at += 2;
                    let second = self.hex4()?;
                    if (0xDC00..0xE000).contains(&second) {
                        0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                    } else {
                        // Not a pair: read the second escape on its own.
                        self.at = before;
                        first
                    }
                } else {
                    first
                };
                // A lone surrogate (JSON.stringify writes them as escapes) has no UTF-8 form.
                char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER)
            }
            _ => {
                self.at -= 1;
                return Err(
                    self.error("json.escape", "unknown escape in a string; use \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX")
                );
            }
        };
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let mut code = 0;
        for _ in 0..4 {
            let digit = self.peek().and_then(|b| (b as char).to_digit(16));
            match digit {
                Some(d) => code = code * 16 + d,
                None => return Err(self.error("json.hex", "expected four hex digits after \\u")),
            }
            self.at += 1;
        }
        Ok(code)
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while let Some(b'0'..=b'9') = self.peek() {
            self.at += 1;
        }
        self.at - start
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
    fn number(&mut self) -> Result<f64, ParseError> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        let int_start = self.at;
        let int_digits = self.digits();
        if int_digits == 0 {
            return Err(self.error("json.digit", "expected a digit"));
        }
        if int_digits > 1 && self.text[int_start] == b'0' {
            return Err(self.error_at(int_start, ("json.leading_zero", None), "a number must not start with 0 (write 7, not 07)"));
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return Err(self.error("json.digit_after_point", "expected a digit after the decimal point"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            if let Some(b'-' | b'+') = self.peek() {
                self.at += 1;
            }
            if self.digits() == 0 {
                return Err(self.error("json.digit_exponent", "expected a digit in the exponent"));
            }
        }
        // The JSON grammar is checked above; the value is read as CSV cells are.
        let text = self.source.get(start..self.at).unwrap_or_default();
        match crate::text::decimal::parse_decimal(text) {
            Some(value) if value.is_finite() => Ok(value),
            _ => Err(self.error_at(start, ("json.too_large", None), "the number is too large")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(text: &str) -> f64 {
        parse(text).unwrap().as_f64().unwrap()
    }

    fn err(text: &str) -> String {
        parse(text).unwrap_err().to_string()
    }

    #[test]
    fn reads_every_kind_of_value_in_file_order() {
        let v = parse(" {\"b\": [1, -2.5, true, false, null], \"a\": {\"x\": \"y\"}} ").unwrap();
        let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["b", "a"]);
        assert_eq!(
            v.get("b").unwrap().as_array().unwrap(),
            &vec![Value::Number(1.0), Value::Number(-2.5), Value::Bool(true), Value::Bool(false), Value::Null]
        );
        assert_eq!(v.get("a").unwrap().get("x").unwrap().as_str(), Some("y"));
        assert_eq!(parse("[]").unwrap(), Value::Array(vec![]));
        assert_eq!(parse("{}").unwrap(), Value::Object(Object::new()));
    }

    #[test]
    fn reads_numbers_as_javascript_does() {
        assert_eq!(num("0"), 0.0);
        assert_eq!(num("-0").to_bits(), (-0.0f64).to_bits());
        assert_eq!(num("12"), 12.0);
        assert_eq!(num("0.1"), 0.1);
        assert_eq!(num("2.675"), 2.675);
        assert_eq!(num("1e3"), 1000.0);
        assert_eq!(num("1.5E-3"), 0.0015);
        assert_eq!(num("123456.789"), 123456.789);
        assert_eq!(num("9007199254740991"), 9007199254740991.0);
        assert_eq!(num("0.000001"), 1e-6);
        assert_eq!(num("400000.0"), 400000.0);
        assert_eq!(num("0.30000000000000004"), 0.1 + 0.2);
        // Far out with many digits: a few units in the last place at most (see `decimal`).
        for (text, expected) in [("1e300", 1e300), ("1.7976931348623157e308", f64::MAX), ("12345678901234567890123", 1.2345678901234568e22)]
        {
            assert!((num(text) - expected).abs() <= expected * 2e-15, "{text}: {}", num(text));
        }
        assert!(num("5e-324") < 1e-320);
        assert_eq!(num("1e-400"), 0.0);
        assert_eq!(err("1e400"), "the number is too large at line 1, column 1");
    }

    #[test]
    fn decodes_escapes_and_surrogate_pairs() {
        let v = parse(r#""a\"b\\c\/d\n\t\u00e9\ud83d\ude00 \ud800x""#).unwrap();
        assert_eq!(v.as_str(), Some("a\"b\\c/d\n\té😀 \u{FFFD}x"));
        assert_eq!(parse("\"Zürich ✓\"").unwrap().as_str(), Some("Zürich ✓"));
    }

    #[test]
    fn says_what_is_wrong_and_where() {
        assert_eq!(err(""), "the text is empty; expected a JSON value at line 1, column 1");
        assert_eq!(err("{\"a\": 1,\n \"b\" 2}"), "expected ':' after a key at line 2, column 6");
        assert_eq!(err("[1 2]"), "expected ',' or ']' in a list at line 1, column 4");
        assert_eq!(err("{\"a\": 1"), "the text ends inside an object at line 1, column 8");
        assert_eq!(err("{\"é\": 1, \"é\": 2}"), "the key \"é\" appears twice in one object at line 1, column 10");
        assert_eq!(err("[01]"), "a number must not start with 0 (write 7, not 07) at line 1, column 2");
        assert_eq!(err("[1.]"), "expected a digit after the decimal point at line 1, column 4");
        assert_eq!(err("\"a\nb\""), "a control character (such as a line break) inside a string must be escaped at line 1, column 3");
        assert_eq!(
            err("\"\\x\""),
            "unknown escape in a string; use \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX at line 1, column 3"
        );
        assert_eq!(err("\"\\u12\""), "expected four hex digits after \\u at line 1, column 6");
        assert_eq!(err("tru"), "expected a value (an object, list, text, number, true, false or null) at line 1, column 1");
        assert_eq!(err("{} x"), "unexpected text after the JSON value at line 1, column 4");
        assert_eq!(err("NaN"), "expected a value (an object, list, text, number, true, false or null) at line 1, column 1");
    }

    #[test]
    fn a_key_written_twice_in_a_large_object_is_found_quickly() {
        let keys = |n: usize| (0..n).map(|i| format!("\"k{i}\": {i}")).collect::<Vec<_>>();
        let mut many = keys(100_000);
        assert_eq!(parse(&format!("{{{}}}", many.join(","))).unwrap().as_object().unwrap().len(), 100_000);
        // The second "k7" is at index 50,000: reported there, not at the first "k7".
        many[50_000] = "\"k7\": 0".into();
        let text = format!("{{{}}}", many.join(",\n"));
        assert_eq!(parse(&text).unwrap_err().to_string(), "the key \"k7\" appears twice in one object at line 50001, column 1");
        // Within the first keys, and where the repeat comes right at the switch.
        for repeat_at in [1, 30, 31, 32, 33] {
            let mut some = keys(40);
            some[repeat_at] = "\"k0\": 0".into();
            let text = format!("{{{}}}", some.join(",\n"));
            let expected = format!("the key \"k0\" appears twice in one object at line {}, column 1", repeat_at + 1);
            assert_eq!(parse(&text).unwrap_err().to_string(), expected);
        }
    }

    #[test]
    fn refuses_deep_nesting_without_overflowing_the_stack() {
        let deep = "[".repeat(100_000);
        assert_eq!(err(&deep), "lists and objects are nested too deeply at line 1, column 129");
        let ok = format!("{}{}", "[".repeat(128), "]".repeat(128));
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn writes_back_what_it_read() {
        let text = r#"{"b":[1,-2.5,true,null],"a":{"x":"y\n"},"sum":0.30000000000000004,"big":1.5e+25}"#;
        let v = parse(text).unwrap();
        assert_eq!(crate::text::json_write::to_string(&v).unwrap(), text);
    }

    #[test]
    fn objects_replace_remove_and_insert_by_key() {
        let mut o: Object = [("a".to_string(), Value::from(1.0)), ("b".to_string(), Value::from(2.0))].into_iter().collect();
        o.insert("a".into(), Value::from("x"));
        *o.get_or_insert_null("c") = Value::Bool(true);
        assert_eq!(o.remove("b"), Some(Value::Number(2.0)));
        let pairs: Vec<(&String, &Value)> = o.iter().collect();
        assert_eq!(pairs, [(&"a".to_string(), &Value::from("x")), (&"c".to_string(), &Value::Bool(true))]);
    }
}
