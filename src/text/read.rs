//! A small reader over parsed JSON [`Value`]s that collects every problem with its path
//! instead of stopping at the first, so that a program manager sees all mistakes at once.

use crate::limits::{MAX_ISSUES, MAX_MAGNITUDE};
use crate::text::error::{join_index, join_key, Issue};
use crate::text::format::{fmt_num, Text};
use crate::text::json_write::quote;
use crate::text::message::Message;
pub(crate) use crate::text::value::{Object, Value};

#[derive(Default)]
pub(crate) struct Reader {
    pub issues: Vec<Issue>,
}

/// A short description of a JSON value for error messages: `a string ("abc")`.
/// A text as messages show it: quoted, at most 40 characters, "…" after a longer one.
pub(crate) fn quoted_text(s: &str) -> String {
    let shown: String = s.chars().take(40).collect();
    let ellipsis = if shown.len() < s.len() { "…" } else { "" };
    format!("{}{ellipsis}", quote(&shown))
}

pub(crate) fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("{b}"),
        Value::Number(n) => format!("the number {}", crate::text::json_write::to_string(n).unwrap_or_default()),
        Value::String(s) => format!("the text {}", quoted_text(s)),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// [`describe`] as a message for the catalogs (`found.*`); numbers as the file writes them.
pub(crate) fn describe_i18n(value: &Value) -> Message {
    match value {
        Value::Null => Message::new("found.literal").text("text", "null"),
        Value::Bool(b) => Message::new("found.literal").text("text", b.to_string()),
        Value::Number(n) => Message::new("found.number").text("text", crate::text::json_write::to_string(n).unwrap_or_default()),
        Value::String(s) => Message::new("found.text").text("text", quoted_text(s)),
        Value::Array(_) => Message::new("found.list"),
        Value::Object(_) => Message::new("found.object"),
    }
}

/// The catalog's word for what an object is, for the objects a partner's file holds (program
/// files are read by their authors, in the format's English).
fn noun(what: &str) -> Option<Message> {
    let id = match what {
        "a profile" => "noun.profile",
        "a certification" => "noun.certification",
        "a current tier" => "noun.current_tier",
        "options" => "noun.options",
        "a program reference" => "noun.program_reference",
        _ => return None,
    };
    Some(Message::new(id))
}

/// "a program may have at most 500 fields; this one has 3,500".
pub(crate) fn too_many(found: usize, max: usize, what: &str) -> String {
    format!("{} {what} are more than this engine accepts (at most {}; README, \"Limits\")", fmt_num(found as f64), fmt_num(max as f64))
}

/// Identifiers appear in CSV headers, URLs and CSS class names, so they stay plain.
pub(crate) fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id.as_bytes()[0].is_ascii_alphanumeric()
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

impl Reader {
    /// A mistake a partner can make in a form, with its message for the page's catalogs.
    pub fn error_i18n(&mut self, path: &str, message: impl Into<String>, i18n: Message) {
        self.push(path, message.into(), Some(i18n));
    }

    pub fn error(&mut self, path: &str, message: impl Into<String>) {
        self.push(path, message.into(), None);
    }

    /// An issue another reader found, moved to `path` here, its message for the catalogs kept.
    pub fn relocated(&mut self, path: &str, issue: Issue) {
        self.push(path, issue.message, issue.message_i18n);
    }

    fn push(&mut self, path: &str, message: String, i18n: Option<Message>) {
        let mut issue = Issue::new(path, message);
        issue.message_i18n = i18n;
        self.issues.push(issue);
    }

    /// The first [`MAX_ISSUES`] problems found, with a last line counting the others: a file
    /// with a million mistakes is reported as readably (and, in what follows, as quickly) as
    /// one with a few.
    pub fn into_issues(self) -> Vec<Issue> {
        let mut issues = self.issues;
        let unlisted = issues.len().saturating_sub(MAX_ISSUES);
        issues.truncate(MAX_ISSUES);
        if unlisted > 0 {
            let mut more = Issue::new("", format!("and {} more not listed here", fmt_num(unlisted as f64)));
            more.message_i18n = Some(Message::new("read.more").num("count", unlisted as f64));
            issues.push(more);
        }
        issues
    }

    /// An object whose keys are all in `allowed`; other keys are reported, since a
    /// misspelt key would otherwise be silently ignored.
    pub fn object<'v>(&mut self, value: &'v Value, path: &str, what: &str, allowed: &[&str]) -> Option<&'v Object> {
        match value {
            Value::Object(map) => {
                for key in map.keys() {
                    if !allowed.contains(&key.as_str()) {
                        let meant = closest(key, allowed);
                        let hint = meant.map(|k| format!(" (did you mean \"{k}\"?)")).unwrap_or_default();
                        let message = format!("unknown key \"{key}\" in {what}{hint}; allowed keys are {}", allowed.join(", "));
                        let i18n = noun(what).map(|noun| {
                            Message::new("read.unknown_key")
                                .text("key", key.as_str())
                                .part("what", Some(noun))
                                .part("hint", meant.map(|k| Message::new("read.did_you_mean").text("key", k)))
                                .text("allowed", allowed.join(", "))
                        });
                        self.push(&join_key(path, key), message, i18n);
                    }
                }
                Some(map)
            }
            other => {
                let i18n = noun(what)
                    .map(|noun| Message::new("read.not_object").part("what", Some(noun)).part("found", Some(describe_i18n(other))));
                self.push(path, format!("{what} must be an object, found {}", describe(other)), i18n);
                None
            }
        }
    }

    /// A key that must be present (and not null).
    pub fn required<'v>(&mut self, obj: &'v Object, path: &str, key: &str) -> Option<&'v Value> {
        let value = obj.given(key);
        if value.is_none() {
            self.error_i18n(&join_key(path, key), format!("\"{key}\" is required"), Message::new("read.required").text("key", key));
        }
        value
    }

    pub fn array<'v>(&mut self, value: &'v Value, path: &str) -> Option<&'v Vec<Value>> {
        match value {
            Value::Array(items) => Some(items),
            other => {
                self.error_i18n(
                    path,
                    format!("expected a list, found {}", describe(other)),
                    Message::new("read.not_list").part("found", Some(describe_i18n(other))),
                );
                None
            }
        }
    }

    pub fn string(&mut self, value: &Value, path: &str) -> Option<String> {
        match value {
            Value::String(s) => Some(s.clone()),
            other => {
                self.error_i18n(
                    path,
                    format!("expected text, found {}", describe(other)),
                    Message::new("read.not_text").part("found", Some(describe_i18n(other))),
                );
                None
            }
        }
    }

    pub fn id(&mut self, value: &Value, path: &str) -> Option<String> {
        let id = self.string(value, path)?;
        if !is_valid_id(&id) {
            self.error_i18n(
                path,
                format!("{} is not a valid id: use 1 to 64 letters, digits, '_' or '-', starting with a letter or digit", quoted_text(&id)),
                Message::new("read.invalid_id").text("id", quoted_text(&id)),
            );
            return None;
        }
        Some(id)
    }

    /// A number of at most [`MAX_MAGNITUDE`] either way.
    pub fn number(&mut self, value: &Value, path: &str) -> Option<f64> {
        match value.as_f64() {
            Some(n) if n.abs() <= MAX_MAGNITUDE => Some(n),
            // The Number case: too large (the reader refuses what is not finite).
            n => {
                let (bound, found, i18n) = match n {
                    Some(n) => (" of at most 10^15 either way", fmt_num(n), Message::new("read.too_large").num("found", n)),
                    None => ("", describe(value), Message::new("read.not_number").part("found", Some(describe_i18n(value)))),
                };
                self.error_i18n(path, format!("expected a number{bound}, found {found}"), i18n);
                None
            }
        }
    }

    pub fn non_negative(&mut self, value: &Value, path: &str) -> Option<f64> {
        let n = self.number(value, path)?;
        if n < 0.0 {
            self.error_i18n(path, format!("must not be negative, found {}", fmt_num(n)), Message::new("read.negative").num("found", n));
            return None;
        }
        Some(n)
    }

    pub fn positive(&mut self, value: &Value, path: &str) -> Option<f64> {
        let n = self.number(value, path)?;
        if n <= 0.0 {
            self.error_i18n(
                path,
                format!("must be greater than zero, found {}", fmt_num(n)),
                Message::new("read.not_positive").num("found", n),
            );
            return None;
        }
        Some(n)
    }

    /// A whole number in `0..=u32::MAX`.
    pub fn count(&mut self, value: &Value, path: &str) -> Option<u32> {
        let n = self.number(value, path)?;
        if n < 0.0 || n.fract() != 0.0 || n > u32::MAX as f64 {
            self.error_i18n(
                path,
                format!("must be a whole number of at least 0, found {}", fmt_num(n)),
                Message::new("read.not_count").num("found", n),
            );
            return None;
        }
        Some(n as u32)
    }

    pub fn boolean(&mut self, value: &Value, path: &str) -> Option<bool> {
        match value {
            Value::Bool(b) => Some(*b),
            other => {
                self.error_i18n(
                    path,
                    format!("expected true or false, found {}", describe(other)),
                    Message::new("read.not_bool").part("found", Some(describe_i18n(other))),
                );
                None
            }
        }
    }

    /// Text shown to people: a string, or an object of language tag -> string.
    pub fn text(&mut self, value: &Value, path: &str) -> Option<Text> {
        match value {
            Value::String(s) => Some(Text::Plain(s.clone())),
            Value::Object(map) if !map.is_empty() => {
                let mut out = Vec::with_capacity(map.len());
                for (lang, v) in map {
                    if let Some(s) = self.string(v, &join_key(path, lang)) {
                        out.push((lang.clone(), s));
                    }
                }
                Some(Text::Localized(out))
            }
            other => {
                self.error(
                    path,
                    format!(
                        "expected text or an object of language -> text (such as {{\"en\": \"Gold\", \"de\": \"Gold\"}}), found {}",
                        describe(other)
                    ),
                );
                None
            }
        }
    }

    /// Like [`Reader::items`], for a list that may hold at most `max` items; a longer one
    /// is reported and read as empty.
    pub fn items_at_most<'v>(&mut self, value: Option<&'v Value>, path: &str, max: usize, what: &str) -> Vec<(String, &'v Value)> {
        match value.and_then(Value::as_array) {
            Some(items) if items.len() > max => {
                self.error(path, too_many(items.len(), max, what));
                Vec::new()
            }
            _ => self.items(value, path),
        }
    }

    /// Iterates a list, yielding each item with its path.
    pub fn items<'v>(&mut self, value: Option<&'v Value>, path: &str) -> Vec<(String, &'v Value)> {
        match value {
            None | Some(Value::Null) => Vec::new(),
            Some(v) => match self.array(v, path) {
                Some(items) => items.iter().enumerate().map(|(i, item)| (join_index(path, i), item)).collect(),
                None => Vec::new(),
            },
        }
    }
}

fn closest<'a>(key: &str, allowed: &[&'a str]) -> Option<&'a str> {
    allowed
        .iter()
        .map(|candidate| (edit_distance(key, candidate), *candidate))
        .filter(|(d, candidate)| *d <= 2 && *d < candidate.len())
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > 2 || a.len() > 64 || b.len() > 64 {
        return usize::MAX;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_key_that_was_meant() {
        let mut reader = Reader::default();
        let value = crate::text::value::parse(r#"{"lable": "x"}"#).unwrap();
        reader.object(&value, "fields[0]", "a field", &["id", "label"]);
        assert_eq!(reader.issues[0].path, "fields[0].lable");
        assert!(reader.issues[0].message.contains("did you mean \"label\""), "{}", reader.issues[0].message);
    }
}
