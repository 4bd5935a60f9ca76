//! Text for people: program texts in several languages, numbers as explanations write them,
//! and the `text!` macro that builds explanations from pieces.

use serde::Serialize;

/// Text for people, possibly in several languages (language tag -> text, in file order).
#[derive(Debug, Clone, PartialEq)]
pub enum Text {
    Plain(String),
    Localized(Vec<(String, String)>),
}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self {
            Text::Plain(s) => serializer.serialize_str(s),
            Text::Localized(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (lang, text) in entries {
                    map.serialize_entry(lang, text)?;
                }
                map.end()
            }
        }
    }
}

impl Text {
    /// The text in `lang` (`de-CH` falls back to `de`), else English, else the first given.
    pub fn get(&self, lang: Option<&str>) -> &str {
        match self {
            Text::Plain(s) => s,
            Text::Localized(entries) => {
                let find = |wanted: &str| entries.iter().find(|(l, _)| l == wanted).map(|(_, t)| t.as_str());
                if let Some(lang) = lang {
                    let primary = lang.split('-').next().unwrap_or(lang);
                    if let Some(s) = find(lang).or_else(|| find(primary)) {
                        return s;
                    }
                }
                find("en").or_else(|| entries.first().map(|(_, t)| t.as_str())).unwrap_or("")
            }
        }
    }

    pub fn plain(s: &str) -> Text {
        Text::Plain(s.to_string())
    }
}

impl Default for Text {
    fn default() -> Self {
        Text::Plain(String::new())
    }
}

/// Formats a number for explanations: at most two decimals, no trailing zeros, thousands
/// separated by commas. Only for display; the engine computes with the exact value.
pub fn fmt_num(n: f64) -> String {
    Num(n).text().as_str().to_string()
}

/// [`fmt_num`] as a `Display` value, so that explanations format numbers straight into
/// their text without a string per number.
#[derive(Debug, Clone, Copy)]
pub struct Num(pub f64);

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.text().as_str())
    }
}

/// A number as [`Num`] shows it, in a buffer of its own (no allocation).
pub struct NumText {
    buf: [u8; 32],
    start: usize,
}

impl NumText {
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[self.start..]).unwrap_or("0")
    }
}

impl Num {
    /// The text, written backwards into one buffer: explanations hold several numbers each.
    pub fn text(self) -> NumText {
        let mut out = NumText { buf: [0; 32], start: 32 };
        let mut put = |b: u8| {
            out.start -= 1;
            out.buf[out.start] = b;
        };
        let n = self.0;
        // Core's float formatting would add kilobytes of wasm for these rare cases.
        if n.is_nan() {
            b"NaN".iter().rev().for_each(|&b| put(b));
            return out;
        }
        if n.is_infinite() {
            "∞".bytes().rev().for_each(&mut put);
            if n < 0.0 {
                put(b'-');
            }
            return out;
        }
        if n.abs() >= 1.0e19 {
            // Beyond cents (and `n * 100.0` could overflow): shortest text, at most 24
            // characters ("1.7976931348623157e+308").
            zmij::Buffer::new().format_finite(n.abs()).bytes().rev().for_each(&mut put);
            if n < 0.0 {
                put(b'-');
            }
            return out;
        }
        let rounded = (n * 100.0).round() / 100.0;
        let abs = rounded.abs();
        let mut whole = abs.trunc();
        let mut cents = ((abs - whole) * 100.0).round() as u64;
        if cents >= 100 {
            whole += 1.0;
            cents -= 100;
        }
        let negative = rounded < 0.0 && (whole > 0.0 || cents > 0);
        if cents > 0 {
            if cents % 10 != 0 {
                put(b'0' + (cents % 10) as u8);
            }
            put(b'0' + (cents / 10) as u8);
            put(b'.');
        }
        let mut w = whole as u64;
        let mut digits = 0;
        loop {
            if digits > 0 && digits % 3 == 0 {
                put(b',');
            }
            put(b'0' + (w % 10) as u8);
            digits += 1;
            w /= 10;
            if w == 0 {
                break;
            }
        }
        if negative {
            put(b'-');
        }
        out
    }
}

/// One piece of an explanation for [`text!`].
pub(crate) trait Piece {
    fn put(&self, out: &mut String);
}

impl Piece for &str {
    fn put(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Piece for String {
    fn put(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Piece for Num {
    fn put(&self, out: &mut String) {
        out.push_str(self.text().as_str());
    }
}

/// Counts as plain digits, as `{}` writes them.
impl Piece for usize {
    fn put(&self, out: &mut String) {
        out.push_str(crate::util::digits(*self as u64, &mut [0; 20]));
    }
}

impl Piece for u32 {
    fn put(&self, out: &mut String) {
        (*self as usize).put(out);
    }
}

/// Explanation text from pieces (`&str`, `String`, [`Num`], counts), appended in order.
/// `format!` goes through `core::fmt`, a dynamic call and a padding check per piece, which
/// was a tenth of `evaluate()` in Chromium; explanations are built on every evaluation.
/// "A", "A or B", "A, B, or C": alternatives as English writes them (and as the English
/// catalog's `{x, list, or}` does through Intl).
pub fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] => format!("{a} or {b}"),
        [rest @ .., last] => format!("{}, or {last}", rest.join(", ")),
    }
}

macro_rules! text {
    ($($piece:expr),+ $(,)?) => {{
        let mut out = String::with_capacity(64);
        $( $crate::text::format::Piece::put(&$piece, &mut out); )+
        out
    }};
}
pub(crate) use text;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_numbers_for_people() {
        assert_eq!(fmt_num(0.0), "0");
        assert_eq!(fmt_num(12.0), "12");
        assert_eq!(fmt_num(1234567.0), "1,234,567");
        assert_eq!(fmt_num(7.8), "7.8");
        assert_eq!(fmt_num(13.333333), "13.33");
        assert_eq!(fmt_num(-1500.5), "-1,500.5");
        assert_eq!(fmt_num(0.999), "1");
        assert_eq!(fmt_num(-0.001), "0");
        assert_eq!(fmt_num(1000.0), "1,000");
        assert_eq!(fmt_num(999.995), "1,000");
        assert_eq!(fmt_num(100.0), "100");
        assert_eq!(fmt_num(0.05), "0.05");
        assert_eq!(fmt_num(-0.5), "-0.5");
        assert_eq!(fmt_num(123456789.1), "123,456,789.1");
        assert_eq!(fmt_num(-9_007_199_254_740_991.0), "-9,007,199,254,740,991");
        assert_eq!(fmt_num(1e300), "1e+300");
    }

    #[test]
    fn localized_text_falls_back_sensibly() {
        let text = Text::Localized(vec![("de".to_string(), "Gold-Partner".to_string()), ("en".to_string(), "Gold".to_string())]);
        assert_eq!(text.get(Some("de-CH")), "Gold-Partner");
        assert_eq!(text.get(Some("fr")), "Gold");
        assert_eq!(text.get(None), "Gold");
    }
}
