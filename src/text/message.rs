//! Generated sentences as data: a message id and its arguments, given beside each English
//! sentence of a result (`explanation` and `explanation_i18n`, ...), so that a page writes the
//! same sentence in the partner's language from its catalogs (www/locales/) with the locale's
//! numbers, dates and plurals, and never parses English. The English sentence stays the
//! engine's own (native and CSV users read it); a test renders every message of real results
//! with the English catalog and compares it with the engine's sentence word for word.

use crate::text::date::Date;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

/// One sentence: the catalog key and the values it needs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Message {
    /// The catalog key, such as `"criterion.per_unit"`.
    pub id: &'static str,
    /// Argument name -> value: numbers, texts (program labels already in the evaluation's
    /// language), lists of texts, dates (`YYYY-MM-DD`), `null` for "not given", or a nested
    /// message.
    #[cfg_attr(feature = "typescript", ts(type = "{ [name: string]: MessageArg }"))]
    pub args: Args,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Args(Vec<(&'static str, Arg)>);

#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Number(f64),
    Text(String),
    List(Vec<String>),
    Date(Date),
    /// A value the partner has not given: catalogs write "not given".
    Missing,
    Message(Box<Message>),
    Messages(Vec<Message>),
}

impl Message {
    pub fn new(id: &'static str) -> Message {
        Message { id, args: Args::default() }
    }

    pub fn num(mut self, name: &'static str, value: f64) -> Message {
        self.args.0.push((name, Arg::Number(value)));
        self
    }

    /// A number, or "not given" when there is none.
    pub fn maybe_num(mut self, name: &'static str, value: Option<f64>) -> Message {
        self.args.0.push((name, value.map_or(Arg::Missing, Arg::Number)));
        self
    }

    pub fn text(mut self, name: &'static str, value: impl Into<String>) -> Message {
        self.args.0.push((name, Arg::Text(value.into())));
        self
    }

    pub fn list(mut self, name: &'static str, values: Vec<String>) -> Message {
        self.args.0.push((name, Arg::List(values)));
        self
    }

    /// A date, as the nested message `value.date`, so that catalogs write it in the locale's
    /// style wherever it stands.
    pub fn date(mut self, name: &'static str, value: Date) -> Message {
        let date = Message { id: "value.date", args: Args(vec![("date", Arg::Date(value))]) };
        self.args.0.push((name, Arg::Message(Box::new(date))));
        self
    }

    /// Yes or no, as the nested message `value.yes` or `value.no`.
    pub fn yes_no(self, name: &'static str, value: bool) -> Message {
        self.part(name, Some(Message::new(if value { "value.yes" } else { "value.no" })))
    }

    pub fn missing(mut self, name: &'static str) -> Message {
        self.args.0.push((name, Arg::Missing));
        self
    }

    /// A list of messages (values of several kinds), written as a list.
    pub fn messages(mut self, name: &'static str, values: Vec<Message>) -> Message {
        self.args.0.push((name, Arg::Messages(values)));
        self
    }

    /// A part of the sentence that is a message of its own (an optional clause).
    pub fn part(mut self, name: &'static str, value: Option<Message>) -> Message {
        if let Some(m) = value {
            self.args.0.push((name, Arg::Message(Box::new(m))));
        }
        self
    }
}

impl Serialize for Args {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, arg) in &self.0 {
            map.serialize_entry(name, arg)?;
        }
        map.end()
    }
}

impl Serialize for Arg {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Arg::Number(n) => serializer.serialize_f64(*n),
            Arg::Text(t) => serializer.serialize_str(t),
            Arg::List(items) => items.serialize(serializer),
            Arg::Date(d) => d.serialize(serializer),
            Arg::Missing => serializer.serialize_none(),
            Arg::Message(m) => m.serialize(serializer),
            Arg::Messages(items) => items.serialize(serializer),
        }
    }
}

#[cfg(feature = "typescript")]
crate::text::typescript::named!(Args, "{ [name: string]: MessageArg }");
