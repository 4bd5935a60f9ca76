//! How changes are put in words: settings ("minimum score"), values ("Gold", 70, "3 items")
//! and the pieces of sentences, each in English and as a message for the page's catalogs
//! (www/locales/, `changes.*`), built side by side so that the English catalog writes the same
//! sentence word for word.

use crate::text::format::fmt_num;
use crate::text::message::Message;
use crate::text::value::Value;

/// Something written in a sentence: the English words, and the same for the catalogs.
#[derive(Debug, Clone)]
pub(super) struct Words {
    pub(super) text: String,
    pub(super) arg: Piece,
}

/// A message argument of one of the kinds catalogs write.
#[derive(Debug, Clone)]
pub(super) enum Piece {
    Number(f64),
    Text(String),
    /// A date, which catalogs write in the locale's style.
    Date(crate::text::date::Date),
    Message(Message),
}

impl Words {
    pub(super) fn text(text: impl Into<String>) -> Words {
        let text = text.into();
        Words { arg: Piece::Text(text.clone()), text }
    }

    pub(super) fn message(text: impl Into<String>, message: Message) -> Words {
        Words { text: text.into(), arg: Piece::Message(message) }
    }

    /// The words as the argument `name` of `message`.
    pub(super) fn put(self, message: Message, name: &'static str) -> Message {
        match self.arg {
            Piece::Number(n) => message.num(name, n),
            Piece::Text(t) => message.text(name, t),
            Piece::Date(d) => message.date(name, d),
            Piece::Message(m) => message.part(name, Some(m)),
        }
    }

    /// The words as a message of their own (a list item).
    pub(super) fn into_message(self) -> Message {
        match self.arg {
            Piece::Message(m) => m,
            arg => Words { text: self.text, arg }.put(Message::new("value.one"), "value"),
        }
    }
}

/// At most `max` characters of `s`, with "…" when cut.
pub(super) fn shorten(s: &str, max: usize) -> String {
    // `get`, not a slice: no panic path (and its formatting of characters) in the module.
    match s.char_indices().nth(max).and_then(|(at, _)| s.get(..at)) {
        Some(start) => format!("{start}…"),
        None => s.to_string(),
    }
}

/// "a", "a and b", "a, b, and c": as the English catalog's `{x, list, and}` writes them.
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
    }
}

fn plural(count: usize, id: &'static str, one: &str, other: &str) -> Words {
    let n = count as f64;
    Words::message(format!("{} {}", fmt_num(n), if count == 1 { one } else { other }), Message::new(id).num("count", n))
}

/// A language tag such as `en`, `de-CH` or `zh-Hant`.
pub(super) fn is_language(key: &str) -> bool {
    let mut parts = key.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// A program text given per language: `{"en": "Gold", "de": "Gold"}`.
pub(super) fn is_translations(value: &Value) -> bool {
    match value {
        Value::Object(map) => !map.is_empty() && map.iter().all(|(k, v)| v.is_string() && is_language(k)),
        _ => false,
    }
}

/// A program text in `lang` (`de-CH` falls back to `de`), else English, else the first given;
/// as `Text::get`, for values not (yet) read into a program.
pub(super) fn raw_text<'v>(value: &'v Value, lang: Option<&str>) -> Option<&'v str> {
    match value {
        Value::String(s) => Some(s),
        Value::Object(map) => {
            let find = |wanted: &str| map.get(wanted).and_then(Value::as_str);
            let wanted = lang.and_then(|l| find(l).or_else(|| find(l.split('-').next().unwrap_or(l))));
            wanted.or_else(|| find("en")).or_else(|| map.iter().find_map(|(_, v)| v.as_str()))
        }
        _ => None,
    }
}

/// Whether a value is no larger than 4,096 values and characters (with `budget` 4,096), so
/// that a change may carry it whole.
pub(super) fn is_small(value: &Value) -> bool {
    fn weigh(value: &Value, budget: &mut usize, depth: usize) -> bool {
        let cost = match value {
            Value::String(s) => 1 + s.len(),
            _ => 1,
        };
        if cost > *budget || depth > crate::limits::MAX_CHANGE_DEPTH {
            return false;
        }
        *budget -= cost;
        match value {
            Value::Array(items) => items.iter().all(|v| weigh(v, budget, depth + 1)),
            Value::Object(map) => map.iter().all(|(k, v)| k.len() <= *budget && weigh(v, budget, depth + 1)),
            _ => true,
        }
    }
    weigh(value, &mut 4096, 0)
}

pub(super) fn is_object(value: &Value) -> bool {
    matches!(value, Value::Object(_))
}

fn is_scalar(value: &Value) -> bool {
    !matches!(value, Value::Array(_) | Value::Object(_)) || is_translations(value)
}

/// A list of values compared entry by entry rather than by position: texts, numbers, ids
/// (benefits, languages, option ids), no objects but translations.
pub(super) fn is_value_list(items: &[Value]) -> bool {
    items.iter().all(is_scalar)
}

/// A number as the catalogs write it (with the locale's separators) when that writes it
/// exactly (at most two decimals), else as the file writes it, so that 0.125 → 0.126 does not
/// read "0.13 → 0.13".
fn number(n: f64) -> Words {
    if n.is_finite() && n.abs() < 1e15 && (n * 100.0).round() / 100.0 == n {
        Words { text: fmt_num(n), arg: Piece::Number(n) }
    } else {
        Words::text(crate::text::json_write::to_string(&n).unwrap_or_default())
    }
}

/// A value, compactly: numbers as written, texts quoted (a text per language in `lang` or
/// English), yes or no, small objects as their settings, lists of up to five values listed,
/// larger ones counted.
pub(super) fn value(value: &Value, lang: Option<&str>) -> Words {
    value_at(value, lang, true)
}

fn value_at(value: &Value, lang: Option<&str>, outer: bool) -> Words {
    match value {
        Value::Null => Words::message("none", Message::new("value.none")),
        Value::Bool(b) => Words::message(if *b { "yes" } else { "no" }, Message::new(if *b { "value.yes" } else { "value.no" })),
        Value::Number(n) => number(*n),
        Value::String(s) => quoted(s),
        v if is_translations(v) => quoted(raw_text(v, lang).unwrap_or_default()),
        Value::Array(items) if items.is_empty() => Words::message("none", Message::new("value.none")),
        Value::Array(items) if outer && items.len() <= 5 && is_value_list(items) => {
            let shown: Vec<Words> = items.iter().map(|v| value_at(v, lang, false)).collect();
            let text = and_list(&shown.iter().map(|w| w.text.clone()).collect::<Vec<_>>());
            Words::message(text, Message::new("changes.value.list").messages("items", shown.into_iter().map(Words::into_message).collect()))
        }
        Value::Array(items) => plural(items.len(), "changes.value.items", "item", "items"),
        Value::Object(map)
            if outer && (1..=3).contains(&map.len()) && map.iter().all(|(_, v)| !matches!(v, Value::Array(_) | Value::Object(_))) =>
        {
            // A band ({"min": 25, "points": 10}): "minimum 25, points 10".
            let pairs: Vec<Words> = map
                .iter()
                .map(|(k, v)| {
                    let (name, shown) = (setting(&[Seg::Key(k)]), value_at(v, lang, false));
                    let text = format!("{} {}", name.text, shown.text);
                    Words::message(text, shown.put(name.put(Message::new("changes.value.pair"), "setting"), "value"))
                })
                .collect();
            let text = pairs.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(", ");
            Words::message(
                text,
                Message::new("changes.value.pairs").messages("items", pairs.into_iter().map(Words::into_message).collect()),
            )
        }
        Value::Object(map) => plural(map.len(), "changes.value.settings", "setting", "settings"),
    }
}

fn quoted(s: &str) -> Words {
    let short = shorten(s, 60);
    Words::message(format!("\"{short}\""), Message::new("changes.value.text").text("text", short))
}

/// One step of a setting's path within its item: a key, or a position in a list.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// The path of a setting within its item, as errors write paths: `rule.target`, `benefits[2]`.
pub(super) fn setting_path(segs: &[Seg]) -> String {
    let mut out = String::new();
    for seg in segs {
        match seg {
            Seg::Key(k) => out = crate::text::error::join_key(&out, k),
            Seg::Index(i) => out = crate::text::error::join_index(&out, *i),
        }
    }
    out
}

/// Settings named in words: the path within the item (keys only), the catalog key, English.
const SETTINGS: &[(&str, &str, &str)] = &[
    ("min_score", "changes.setting.min_score", "minimum score"),
    ("weight", "changes.setting.weight", "weight"),
    ("rule", "changes.setting.rule", "rule"),
    ("rule.type", "changes.setting.rule_type", "rule type"),
    ("rule.target", "changes.setting.target", "target"),
    ("rule.points", "changes.setting.points", "points"),
    ("points", "changes.setting.points", "points"),
    ("rule.cap", "changes.setting.cap", "cap"),
    ("rule.per", "changes.setting.per", "points per unit"),
    ("rule.from", "changes.setting.from", "start of the scale"),
    ("rule.scale", "changes.setting.scale", "scale"),
    ("rule.bands", "changes.setting.bands", "bands"),
    ("rule.kinds", "changes.setting.kinds", "certification kinds"),
    ("kinds", "changes.setting.kinds", "certification kinds"),
    ("label", "changes.setting.label", "label"),
    ("help", "changes.setting.help", "help text"),
    ("type", "changes.setting.type", "type"),
    ("category", "changes.setting.category", "category"),
    ("field", "changes.setting.field", "field"),
    ("certifications", "changes.setting.field", "field"),
    ("benefits", "changes.setting.benefits", "benefits"),
    ("requires", "changes.setting.requires", "requirements"),
    ("retention", "changes.setting.retention", "retention"),
    ("retention.grace_days", "changes.setting.grace_days", "grace period in days"),
    ("retention.until_anniversary", "changes.setting.anniversary", "anniversary"),
    ("name", "changes.setting.name", "name"),
    ("description", "changes.setting.description", "description"),
    ("version", "changes.setting.version", "version"),
    ("currency", "changes.setting.currency", "currency"),
    ("languages", "changes.setting.languages", "languages"),
    ("effort_unit", "changes.setting.effort_unit", "effort unit"),
    ("score_scale", "changes.setting.score_scale", "score scale"),
    ("section", "changes.setting.section", "section"),
    ("min", "changes.setting.min", "minimum"),
    ("max", "changes.setting.max", "maximum"),
    ("integer", "changes.setting.integer", "whole numbers only"),
    ("unit", "changes.setting.unit", "unit"),
    ("effort", "changes.setting.effort", "effort"),
    ("actionable", "changes.setting.actionable", "partner can change it"),
    ("op", "changes.setting.op", "comparison"),
    ("value", "changes.setting.value", "value"),
    ("min_points", "changes.setting.min_points", "minimum points"),
    ("min_share", "changes.setting.min_share", "minimum share in percent"),
    ("of_which", "changes.setting.of_which", "of which"),
];

fn named(id: &'static str, text: &str) -> Words {
    Words::message(text, Message::new(id))
}

/// A setting in words: "minimum score", "label (de)", "bands, item 2, minimum"; the path
/// itself (`rule.points.high`) for a setting without words of its own.
pub(super) fn setting(segs: &[Seg]) -> Words {
    setting_words(segs).unwrap_or_else(|| {
        let path = setting_path(segs);
        if path.is_empty() {
            return named("changes.setting.value", "value");
        }
        Words::message(path.clone(), Message::new("changes.setting.other").text("path", path))
    })
}

fn setting_words(segs: &[Seg]) -> Option<Words> {
    let keys: Option<Vec<&str>> = segs.iter().map(|s| if let Seg::Key(k) = s { Some(*k) } else { None }).collect();
    if let Some(keys) = keys {
        let joined = keys.join(".");
        if let Some((_, id, text)) = SETTINGS.iter().find(|(path, _, _)| *path == joined) {
            return Some(named(id, text));
        }
    }
    let (last, prefix) = segs.split_last()?;
    let outer = setting_words(prefix)?;
    match last {
        Seg::Index(i) => {
            let n = (*i + 1) as f64;
            let text = format!("{}, item {}", outer.text, fmt_num(n));
            Some(Words::message(text, outer.put(Message::new("changes.setting.item"), "setting").num("n", n)))
        }
        Seg::Key(lang) if is_language(lang) => {
            let text = format!("{} ({lang})", outer.text);
            Some(Words::message(text, outer.put(Message::new("changes.setting.in_language"), "setting").text("lang", *lang)))
        }
        Seg::Key(key) => {
            let (_, id, part) = SETTINGS.iter().find(|(path, _, _)| path == key)?;
            let text = format!("{}, {part}", outer.text);
            Some(Words::message(text, outer.put(Message::new("changes.setting.part"), "setting").part("part", Some(Message::new(id)))))
        }
    }
}
