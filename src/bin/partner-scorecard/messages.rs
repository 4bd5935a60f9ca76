//! The engine's messages (`message_i18n`, `summary_i18n`, ...) and the pages' own texts in the
//! partner's language, as the pages write them: the catalogs of www/locales/ (built into the
//! binary) and the subset of ICU MessageFormat that www/message-format.mjs writes, with
//! numbers, dates, lists and plurals as `Intl` writes them for the catalogs' five languages
//! (tests/cli.mjs compares every message of real gap reports with the pages' formatter).
//! Another language falls back to English texts and English formats.

use partner_scorecard::text::value::{parse, Object, Value};

/// The catalogs, as the pages load them.
const CATALOGS: [(&str, &str); 5] = [
    ("en", include_str!("../../../www/locales/en.mjs")),
    ("de", include_str!("../../../www/locales/de.mjs")),
    ("fr", include_str!("../../../www/locales/fr.mjs")),
    ("es", include_str!("../../../www/locales/es.mjs")),
    ("ja", include_str!("../../../www/locales/ja.mjs")),
];

/// A catalog module's object (`export default { "key": "template", ... };`) as JSON: the text
/// between its outer braces, without the trailing comma JavaScript allows.
fn catalog(module: &str) -> Object {
    let (Some(start), Some(end)) = (module.find("export default {"), module.rfind('}')) else { return Object::new() };
    let object = &module[start + "export default ".len()..=end];
    let body = object.strip_suffix('}').unwrap_or(object).trim_end();
    let json = format!("{}}}", body.strip_suffix(',').unwrap_or(body));
    match parse(&json) {
        Ok(Value::Object(o)) => o,
        _ => Object::new(),
    }
}

pub struct Messages {
    lang: &'static str,
    catalog: Object,
    english: Object,
}

/// A part of a parsed template.
enum Part {
    Text(String),
    /// `#` in a plural branch: the number.
    Pound,
    Placeholder { name: String, kind: String, style: String, options: Vec<(String, Vec<Part>)> },
}

impl Messages {
    /// The texts of `lang` (or its base language: `de-CH` is `de`); English for others.
    pub fn new(lang: Option<&str>) -> Messages {
        let base = lang.unwrap_or("en").split(['-', '_']).next().unwrap_or("en").to_ascii_lowercase();
        let (code, module) = CATALOGS.iter().find(|(code, _)| *code == base).copied().unwrap_or(CATALOGS[0]);
        Messages { lang: code, catalog: catalog(module), english: catalog(CATALOGS[0].1) }
    }

    fn template(&self, id: &str) -> Option<&str> {
        self.catalog.get(id).or_else(|| self.english.get(id)).and_then(Value::as_str)
    }

    /// A text of the pages' catalogs (`plan`, `toNext`, ...) with its arguments.
    pub fn text(&self, key: &str, args: &[(&str, Value)]) -> String {
        let args: Object = args.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
        self.format(key, &args)
    }

    /// An engine message (`Message` as its JSON: `{id, args}`).
    pub fn message(&self, message: &impl serde::Serialize) -> String {
        let json = partner_scorecard::text::json_write::to_string(message).unwrap_or_default();
        match parse(&json) {
            Ok(Value::Object(m)) => self.format_message(&m),
            _ => String::new(),
        }
    }

    fn format_message(&self, m: &Object) -> String {
        let id = m.get("id").and_then(Value::as_str).unwrap_or("");
        let args = m.get("args").and_then(Value::as_object).cloned().unwrap_or_default();
        self.format(id, &args)
    }

    fn format(&self, id: &str, given: &Object) -> String {
        let Some(template) = self.template(id) else { return id.to_string() };
        // The word for certifications: the program's own (the engine passes it) or the catalog's.
        let mut args = Object::new();
        for (name, key) in [("noun_one", "term.certification"), ("noun_other", "term.certifications")] {
            if let Some(word) = self.template(key) {
                args.insert(name.to_string(), Value::String(word.to_string()));
            }
        }
        for (k, v) in given {
            args.insert(k.clone(), v.clone());
        }
        let mut at = 0;
        let parts = parse_text(template.as_bytes(), &mut at, false);
        self.write(&parts, &args, 0.0)
    }

    fn write(&self, parts: &[Part], args: &Object, count: f64) -> String {
        let mut out = String::new();
        for part in parts {
            match part {
                Part::Text(t) => out.push_str(t),
                Part::Pound => out.push_str(&self.number(count)),
                Part::Placeholder { name, kind, style, options } => {
                    let arg = args.get(name);
                    let branch = |key: &str| options.iter().find(|(k, _)| k == key).map(|(_, p)| p.as_slice());
                    match kind.as_str() {
                        "plural" => {
                            let n = arg.and_then(Value::as_f64).unwrap_or(0.0);
                            let exact = format!("={}", js_number(n));
                            let chosen = branch(&exact).or_else(|| branch(self.plural(n))).or_else(|| branch("other")).unwrap_or(&[]);
                            out.push_str(&self.write(chosen, args, n));
                        }
                        "select" => {
                            let key = match arg {
                                None | Some(Value::Null) => "null".to_string(),
                                Some(v) => js_string(v),
                            };
                            let chosen = branch(&key).or_else(|| branch("other")).unwrap_or(&[]);
                            out.push_str(&self.write(chosen, args, count));
                        }
                        _ => out.push_str(&self.value(arg, kind, style)),
                    }
                }
            }
        }
        out
    }

    /// One argument as `message-format.mjs` writes it.
    fn value(&self, arg: Option<&Value>, kind: &str, style: &str) -> String {
        match arg {
            None => String::new(),
            Some(Value::Null) => self.template("value.not_given").unwrap_or("").to_string(),
            Some(Value::Object(m)) => self.format_message(m),
            Some(Value::Array(items)) => {
                let items: Vec<String> =
                    items.iter().map(|i| if let Value::Object(m) = i { self.format_message(m) } else { js_string(i) }).collect();
                if items.is_empty() {
                    self.template("value.none").unwrap_or("").to_string()
                } else {
                    self.list(&items, style)
                }
            }
            Some(Value::String(s)) if kind == "date" => self.date(s),
            Some(Value::Number(n)) => self.number(*n),
            Some(v) => js_string(v),
        }
    }

    /// A number as `Intl.NumberFormat(lang, {maximumFractionDigits: 2})` writes it: the
    /// shortest decimal of the double, rounded half away from zero to two decimals, grouped.
    pub fn number(&self, n: f64) -> String {
        if !n.is_finite() {
            return js_number(n);
        }
        let plain = format!("{}", n.abs());
        let (whole, fraction) = plain.split_once('.').unwrap_or((&plain, ""));
        let mut digits: Vec<u8> = whole.bytes().chain(fraction.bytes().chain(std::iter::repeat(b'0')).take(2)).collect();
        if fraction.as_bytes().get(2).is_some_and(|&d| d >= b'5') {
            // Half away from zero, carried up through nines.
            let mut i = digits.len();
            loop {
                if i == 0 {
                    digits.insert(0, b'1');
                    break;
                }
                i -= 1;
                if digits[i] == b'9' {
                    digits[i] = b'0';
                } else {
                    digits[i] += 1;
                    break;
                }
            }
        }
        let split = digits.len() - 2;
        let whole: String = String::from_utf8_lossy(&digits[..split]).into_owned();
        let fraction = String::from_utf8_lossy(&digits[split..]).trim_end_matches('0').to_string();
        let (group, decimal, min_grouped) = match self.lang {
            "de" => (".", ",", 4),
            "es" => (".", ",", 5),
            "fr" => ("\u{202f}", ",", 4),
            _ => (",", ".", 4),
        };
        let mut out = String::new();
        if n.is_sign_negative() {
            out.push('-');
        }
        for (i, c) in whole.chars().enumerate() {
            if i > 0 && whole.len() >= min_grouped && (whole.len() - i) % 3 == 0 {
                out.push_str(group);
            }
            out.push(c);
        }
        if !fraction.is_empty() {
            out.push_str(decimal);
            out.push_str(&fraction);
        }
        out
    }

    /// A `YYYY-MM-DD` date as `Intl.DateTimeFormat(lang, {dateStyle: "medium"})` writes it;
    /// other texts as they are.
    pub fn date(&self, iso: &str) -> String {
        let Some(date) = partner_scorecard::Date::parse(iso) else { return iso.to_string() };
        let (y, m, d) = date.ymd();
        let month = |names: [&'static str; 12]| names[(m - 1) as usize];
        match self.lang {
            "de" => format!("{d:02}.{m:02}.{y}"),
            "fr" => format!("{d} {} {y}", month(["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."])),
            "es" => format!("{d} {} {y}", month(["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"])),
            "ja" => format!("{y}/{m:02}/{d:02}"),
            _ => format!("{} {d}, {y}", month(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"])),
        }
    }

    /// A list as `Intl.ListFormat` writes it: `style` "and" (conjunction), "or" (disjunction),
    /// else a unit list (short).
    fn list(&self, items: &[String], style: &str) -> String {
        let kind = match style {
            "and" => 1,
            "or" => 2,
            _ => 0,
        };
        // The separator between the first items and before the last one (of three or more),
        // and between two.
        let (middle, last, pair): (&str, &str, &str) = match (self.lang, kind) {
            ("en", 1) => (", ", ", and ", " and "),
            ("en", 2) => (", ", ", or ", " or "),
            ("de", 0) => (", ", " und ", ", "),
            ("de", 1) => (", ", " und ", " und "),
            ("de", 2) => (", ", " oder ", " oder "),
            ("fr", 0 | 1) => (", ", " et ", " et "),
            ("fr", 2) => (", ", " ou ", " ou "),
            ("es", 0) => (", ", ", ", " y "),
            ("es", 1) => (", ", " y ", " y "),
            ("es", 2) => (", ", " o ", " o "),
            ("ja", 0) => (" ", " ", " "),
            ("ja", 1) => ("、", "、", "、"),
            ("ja", 2) => ("、", "、または", "または"),
            _ => (", ", ", ", ", "),
        };
        let mut out = String::new();
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                let sep = if items.len() == 2 { pair } else if i + 1 == items.len() { last } else { middle };
                out.push_str(&spanish_conjunction(self.lang, sep, item));
            }
            out.push_str(item);
        }
        out
    }

    /// The plural category of `n` (Intl.PluralRules): "one", "many" or "other".
    fn plural(&self, n: f64) -> &'static str {
        let n = n.abs();
        let whole = n.fract() == 0.0;
        let millions = whole && n != 0.0 && n % 1_000_000.0 == 0.0;
        match self.lang {
            "fr" if n < 2.0 => "one",
            "fr" | "es" if millions => "many",
            "en" | "de" | "es" if n == 1.0 => "one",
            _ => "other",
        }
    }
}

/// Spanish writes "e" for "y" before an "i" sound and "u" for "o" before an "o" sound.
fn spanish_conjunction(lang: &str, sep: &str, next: &str) -> String {
    if lang != "es" {
        return sep.to_string();
    }
    let word = next.to_lowercase();
    let i_sound = word.starts_with('i') || (word.starts_with("hi") && !word[2..].starts_with(['a', 'e', 'o', 'u']));
    let o_sound = word.starts_with('o')
        || word.starts_with("ho")
        || word.starts_with('8')
        || (word.starts_with("11") && !word[2..].starts_with(|c: char| c.is_ascii_digit()));
    match sep {
        " y " if i_sound => " e ".into(),
        " o " if o_sound => " u ".into(),
        _ => sep.to_string(),
    }
}

/// A number as JavaScript's `String(n)` writes it (the engine's JSON writer's shortest text).
fn js_number(n: f64) -> String {
    if n.is_nan() {
        return "NaN".into();
    }
    if n.is_infinite() {
        return if n > 0.0 { "Infinity".into() } else { "-Infinity".into() };
    }
    let mut out = String::new();
    crate::output::push_number(&mut out, n);
    out
}

/// A value as JavaScript's `String(value)` writes it.
fn js_string(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => js_number(*n),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(js_string).collect::<Vec<_>>().join(","),
        Value::Object(_) => "[object Object]".into(),
    }
}

/// A template's text up to its end or the `}` that closes a branch (`#` is the number in a
/// plural's branch).
fn parse_text(t: &[u8], at: &mut usize, in_plural: bool) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut literal = Vec::new();
    while *at < t.len() {
        match t[*at] {
            b'}' => break,
            b'{' => {
                flush(&mut parts, &mut literal);
                *at += 1;
                parts.push(placeholder(t, at));
            }
            b'#' if in_plural => {
                flush(&mut parts, &mut literal);
                parts.push(Part::Pound);
                *at += 1;
            }
            b => {
                literal.push(b);
                *at += 1;
            }
        }
    }
    flush(&mut parts, &mut literal);
    parts
}

fn flush(parts: &mut Vec<Part>, literal: &mut Vec<u8>) {
    if !literal.is_empty() {
        parts.push(Part::Text(String::from_utf8_lossy(literal).into_owned()));
        literal.clear();
    }
}

fn word(t: &[u8], at: &mut usize) -> String {
    while t.get(*at) == Some(&b' ') {
        *at += 1;
    }
    let start = *at;
    while *at < t.len() && !matches!(t[*at], b' ' | b'\t' | b'\n' | b',' | b'{' | b'}') {
        *at += 1;
    }
    String::from_utf8_lossy(&t[start..*at]).into_owned()
}

fn placeholder(t: &[u8], at: &mut usize) -> Part {
    let skip_spaces = |at: &mut usize| {
        while t.get(*at) == Some(&b' ') {
            *at += 1;
        }
    };
    let name = word(t, at);
    skip_spaces(at);
    let (mut kind, mut style, mut options) = (String::new(), String::new(), Vec::new());
    if t.get(*at) == Some(&b',') {
        *at += 1;
        kind = word(t, at);
        skip_spaces(at);
        if t.get(*at) == Some(&b',') {
            *at += 1;
            if kind == "plural" || kind == "select" {
                loop {
                    let key = word(t, at);
                    if key.is_empty() {
                        break;
                    }
                    skip_spaces(at);
                    if t.get(*at) != Some(&b'{') {
                        break;
                    }
                    *at += 1;
                    let branch = parse_text(t, at, kind == "plural");
                    *at += 1;
                    options.push((key, branch));
                }
            } else {
                style = word(t, at);
            }
        }
    }
    skip_spaces(at);
    if t.get(*at) == Some(&b'}') {
        *at += 1;
    }
    Part::Placeholder { name, kind, style, options }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_dates_and_lists_as_intl_writes_them() {
        // The figures Node's Intl gives for the same inputs (Node 20, ICU 73).
        let cases: [(&str, [&str; 5], &str, [&str; 3]); 5] = [
            ("en", ["1,234,567.89", "1,234.5", "1.01", "-0.13", "2.68"], "Jun 1, 2026", ["a, b, c", "a, b, and c", "a or b"]),
            ("de", ["1.234.567,89", "1.234,5", "1,01", "-0,13", "2,68"], "01.06.2026", ["a, b und c", "a, b und c", "a oder b"]),
            ("fr", ["1\u{202f}234\u{202f}567,89", "1\u{202f}234,5", "1,01", "-0,13", "2,68"], "1 juin 2026", ["a, b et c", "a, b et c", "a ou b"]),
            ("es", ["1.234.567,89", "1234,5", "1,01", "-0,13", "2,68"], "1 jun 2026", ["a, b, c", "a, b y c", "a o b"]),
            ("ja", ["1,234,567.89", "1,234.5", "1.01", "-0.13", "2.68"], "2026/06/01", ["a b c", "a、b、c", "aまたはb"]),
        ];
        for (lang, numbers, date, lists) in cases {
            let m = Messages::new(Some(lang));
            let got: Vec<String> = [1234567.891, 1234.5, 1.005, -0.125, 2.675].iter().map(|&n| m.number(n)).collect();
            assert_eq!(got, numbers, "{lang}");
            assert_eq!(m.date("2026-06-01"), date, "{lang}");
            let abc: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
            assert_eq!([m.list(&abc, "unit"), m.list(&abc, "and"), m.list(&abc[..2], "or")], lists, "{lang}");
        }
        let es = Messages::new(Some("es"));
        let pair = |a: &str, b: &str, style| es.list(&[a.to_string(), b.to_string()], style);
        assert_eq!([pair("x", "ib", "and"), pair("x", "hielo", "and"), pair("x", "ob", "or"), pair("x", "110", "or"), pair("x", "11", "or")], [
            "x e ib", "x y hielo", "x u ob", "x o 110", "x u 11"
        ]);
        assert_eq!(Messages::new(Some("en")).number(999.999), "1,000");
        assert_eq!(Messages::new(Some("en")).number(-0.001), "-0");
    }

    #[test]
    fn templates_with_plurals_selects_and_nested_messages() {
        let de = Messages::new(Some("de-CH"));
        assert_eq!(de.text("planEffort", &[("effort", Value::Number(1.0))]), "1 Aufwandspunkt");
        assert_eq!(de.text("planEffort", &[("effort", Value::Number(2.5))]), "2,5 Aufwandspunkte");
        let fr = Messages::new(Some("fr"));
        assert_eq!(fr.text("planEffort", &[("effort", Value::Number(1.5))]), fr.text("planEffort", &[("effort", Value::Number(1.0))]).replace('1', "1,5"));
        // An unknown language: English.
        assert_eq!(Messages::new(Some("pt")).text("alternatives", &[]), "Alternatives");
        // A key no catalog has is written as itself.
        assert_eq!(Messages::new(None).text("no.such.key", &[]), "no.such.key");
    }
}
