//! Options objects (`{"as_of": "2026-11-25", "alternatives": 2}`), read like programs and
//! profiles: a misspelt key or a value of the wrong type is reported at its key
//! (`as_of: "tomorrow" is not a date written YYYY-MM-DD`) rather than ignored, and every
//! problem is reported at once. Each options type reads its own keys and defaults with this
//! (`EvalOptions::from_json`, `GapOptions::from_json`, ...), natively and in the browser alike.

use crate::text::date::Date;
use crate::text::error::join_key;
use crate::text::error::{ErrorKind, Errors};
use crate::text::message::Message;
use crate::text::read::{describe, describe_i18n, Reader};
use crate::text::value::{Object, Value};

pub struct OptionsReader {
    reader: Reader,
    object: Object,
}

/// Today's date, asked for only when an options object gives no date: the engine has no clock
/// of its own (the browser binding reads the local date, native callers pass theirs).
pub type Today<'a> = &'a dyn Fn() -> Date;

impl OptionsReader {
    /// Options from JSON text; `null` (or an empty text) is no options. Keys outside
    /// `allowed` are reported with a did-you-mean.
    pub fn from_json(text: &str, allowed: &[&str]) -> Result<OptionsReader, Errors> {
        let mut reader = Reader::default();
        let text = text.trim();
        let object = if text.is_empty() {
            Object::new()
        } else {
            let parsed = crate::text::value::parse(text).map_err(|e| Errors::new(ErrorKind::Options, vec![e.into()]))?;
            // Checked for unknown keys and then taken apart, not copied.
            let is_object = matches!(parsed, Value::Null) || reader.object(&parsed, "", "options", allowed).is_some();
            match parsed {
                Value::Object(object) if is_object => object,
                _ => Object::new(),
            }
        };
        Ok(OptionsReader { reader, object })
    }

    pub fn string(&mut self, key: &str) -> Option<String> {
        let value = self.object.given(key)?;
        self.reader.string(value, key)
    }

    pub fn number(&mut self, key: &str) -> Option<f64> {
        let value = self.object.given(key)?;
        self.reader.number(value, key)
    }

    /// An object of texts (`{"reseller": "gold"}`), as key and text pairs in file order.
    pub fn texts(&mut self, key: &str) -> Vec<(String, String)> {
        self.entries(key, false).into_iter().filter_map(|(k, v)| Some((k, v?))).collect()
    }

    /// An object of texts or nulls (`{"Partner Name": "@partner", "Notes": null}`), in file order.
    pub fn texts_or_null(&mut self, key: &str) -> Vec<(String, Option<String>)> {
        self.entries(key, true)
    }

    /// The entries of an object of texts; a null entry is `None` where `nulls` allows it, and
    /// reported otherwise, like any entry that is no text.
    fn entries(&mut self, key: &str, nulls: bool) -> Vec<(String, Option<String>)> {
        let (object, reader) = (&self.object, &mut self.reader);
        match object.given(key) {
            None => Vec::new(),
            Some(Value::Object(map)) => map
                .iter()
                .filter_map(|(k, v)| match v {
                    Value::Null if nulls => Some((k.clone(), None)),
                    v => reader.string(v, &join_key(key, k)).map(|s| (k.clone(), Some(s))),
                })
                .collect(),
            Some(other) => {
                let message = format!("expected an object of texts, found {}", describe(other));
                reader.error_i18n(key, message, Message::new("read.not_texts").part("found", Some(describe_i18n(other))));
                Vec::new()
            }
        }
    }

    /// A whole number from 0 to 2^32 - 1.
    pub fn count(&mut self, key: &str) -> Option<u32> {
        let value = self.object.given(key)?;
        self.reader.count(value, key)
    }

    /// A date written YYYY-MM-DD; `today()` when the key is not given (or not a date, which
    /// is reported).
    pub fn date(&mut self, key: &str, today: Today) -> Date {
        let Some(text) = self.string(key) else {
            return today();
        };
        Date::parse(&text).unwrap_or_else(|| {
            self.reader.error(key, format!("\"{text}\" is not a date written YYYY-MM-DD"));
            today()
        })
    }

    /// A problem found by the options type itself (a value out of its range).
    pub fn error(&mut self, key: &str, message: impl Into<String>) {
        self.reader.error(key, message);
    }

    /// The same, with its message for the catalogs.
    pub fn error_i18n(&mut self, key: &str, message: impl Into<String>, i18n: Message) {
        self.reader.error_i18n(key, message, i18n);
    }

    /// Every problem found, as one error of kind `Options`.
    pub fn finish(self) -> Result<(), Errors> {
        if self.reader.issues.is_empty() {
            Ok(())
        } else {
            Err(Errors::new(ErrorKind::Options, self.reader.into_issues()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::parse("2026-12-01").unwrap()
    }

    #[test]
    fn null_empty_and_objects_are_options() {
        for text in ["", "null", " {} "] {
            let mut o = OptionsReader::from_json(text, &["as_of"]).unwrap();
            assert_eq!(o.date("as_of", &today), today(), "{text:?}");
            o.finish().unwrap();
        }
    }

    #[test]
    fn every_problem_is_reported_at_its_key() {
        let mut o = OptionsReader::from_json(r#"{"as_of": "tomorrow", "rows": -1, "aS_of": 1}"#, &["as_of", "rows"]).unwrap();
        assert_eq!(o.date("as_of", &today), today());
        assert_eq!(o.count("rows"), None);
        let issues = o.finish().unwrap_err().issues;
        let found: Vec<(&str, &str)> = issues.iter().map(|i| (i.path.as_str(), i.message.as_str())).collect();
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(found[0].0, "aS_of");
        assert!(found[0].1.contains("did you mean \"as_of\""), "{}", found[0].1);
        assert_eq!(found[1], ("as_of", "\"tomorrow\" is not a date written YYYY-MM-DD"));
        assert_eq!(found[2], ("rows", "must be a whole number of at least 0, found -1"));
    }

    #[test]
    fn options_that_are_not_an_object_are_refused() {
        let error = OptionsReader::from_json("[1]", &[]).unwrap().finish().unwrap_err();
        assert_eq!(error.kind, ErrorKind::Options);
        let error = OptionsReader::from_json("{", &[]).err().unwrap();
        assert!(error.issues[0].message.starts_with("not valid JSON: "), "{}", error.issues[0].message);
    }
}
