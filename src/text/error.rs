//! Errors that point at the place in a program or profile that is wrong.

use crate::text::message::Message;
use serde::Serialize;
use std::fmt;

/// One problem, at one place. `path` uses JavaScript accessor syntax relative to the
/// document root (`tiers[2].requires[0].field`); the root itself is the empty string.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Issue {
    pub path: String,
    pub message: String,
    /// `message` as a message for the page's catalogs (www/locales/), for the mistakes a
    /// partner can make in a form (a number out of range, a date, a certification's dates).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub message_i18n: Option<Message>,
}

impl Issue {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Issue {
        Issue { path: path.into(), message: message.into(), message_i18n: None }
    }
}

// Two issues are the same when they say the same thing at the same place (the message as data
// follows from those).
impl PartialEq for Issue {
    fn eq(&self, other: &Issue) -> bool {
        self.path == other.path && self.message == other.message
    }
}

impl Eq for Issue {}

impl std::hash::Hash for Issue {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.path.hash(state);
        self.message.hash(state);
    }
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// A text that is not JSON, as one issue of its document: "not valid JSON: expected a digit
/// at line 1, column 9", with its message for the catalogs (`json.invalid`).
impl From<crate::text::value::ParseError> for Issue {
    fn from(e: crate::text::value::ParseError) -> Issue {
        let mut reason = Message::new(e.reason);
        if let Some((name, value)) = &e.arg {
            reason = reason.text(name, value.as_str());
        }
        let i18n =
            Message::new("json.invalid").part("reason", Some(reason)).text("line", e.line.to_string()).text("column", e.column.to_string());
        Issue { path: String::new(), message: format!("not valid JSON: {e}"), message_i18n: Some(i18n) }
    }
}

/// What kind of document the issues are about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum ErrorKind {
    /// The program file.
    Program,
    /// A partner profile (or a row of a batch).
    Profile,
    /// Evaluation options (as-of date, track, region).
    Options,
    /// A CSV file that cannot be read at all (its header, its size); the JavaScript API throws
    /// these with the file's [`RowError`](crate::analysis::batch::RowError)s as issues.
    Csv,
    /// A plan given to apply to a profile (`apply_plan_json`, `applyPlan`).
    Plan,
}

impl ErrorKind {
    /// The kind as JSON and `ScorecardError.kind` write it: `"program"`, `"csv"`.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::Program => "program",
            ErrorKind::Profile => "profile",
            ErrorKind::Options => "options",
            ErrorKind::Csv => "csv",
            ErrorKind::Plan => "plan",
        }
    }
}

/// Every problem found in one document, in document order. Never empty.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Errors {
    pub kind: ErrorKind,
    pub issues: Vec<Issue>,
}

impl Errors {
    pub fn new(kind: ErrorKind, issues: Vec<Issue>) -> Errors {
        debug_assert!(!issues.is_empty());
        Errors { kind, issues }
    }

    pub fn single(kind: ErrorKind, path: impl Into<String>, message: impl Into<String>) -> Errors {
        Errors::new(kind, vec![Issue::new(path, message)])
    }
}

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = self.kind.name();
        let count = self.issues.len();
        write!(f, "invalid {what} ({count} {}):", if count == 1 { "error" } else { "errors" })?;
        for issue in &self.issues {
            write!(f, "\n  {issue}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Errors {}

/// Appends a key to a path, quoting keys that are not plain identifiers.
pub(crate) fn join_key(path: &str, key: &str) -> String {
    let plain =
        !key.is_empty() && !key.as_bytes()[0].is_ascii_digit() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$');
    match (path.is_empty(), plain) {
        (true, true) => key.to_string(),
        (false, true) => format!("{path}.{key}"),
        (_, false) => format!("{path}[{}]", crate::text::json_write::quote(key)),
    }
}

pub(crate) fn join_index(path: &str, index: usize) -> String {
    format!("{path}[{index}]")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_look_like_javascript_accessors() {
        assert_eq!(join_key("", "tiers"), "tiers");
        assert_eq!(join_index("tiers", 2), "tiers[2]");
        assert_eq!(join_key("tiers[2]", "requires"), "tiers[2].requires");
        assert_eq!(join_key("tracks[0].criteria", "deal-regs"), "tracks[0].criteria[\"deal-regs\"]");
    }

    #[test]
    fn display_lists_every_issue() {
        let errors = Errors::new(
            ErrorKind::Program,
            vec![Issue::new("tiers[2].requires[0].field", "unknown field \"certs\""), Issue::new("", "the program has no tiers")],
        );
        assert_eq!(
            errors.to_string(),
            "invalid program (2 errors):\n  tiers[2].requires[0].field: unknown field \"certs\"\n  the program has no tiers"
        );
    }
}
