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
    /// The text in every language it is given in.
    pub fn all(&self) -> impl Iterator<Item = &str> {
        let (plain, localized): (Option<&str>, &[(String, String)]) = match self {
            Text::Plain(s) => (Some(s), &[]),
            Text::Localized(entries) => (None, entries),
        };
        plain.into_iter().chain(localized.iter().map(|(_, t)| t.as_str()))
    }

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

/// `n × 100` rounded to a whole number as `Intl.NumberFormat` rounds it: the shortest decimal
/// text that reads back as `n` ("3.555", although the double is 3.55499999999999971578...),
/// rounded half away from zero. `(n * 100.0).round()` differs where the product in floating
/// point lands on the other side of .5 (3.5549999999999997 × 100 gives 355.5, and 3.56 where
/// the browser writes 3.55), and the page writes the engine's English with Intl.
fn round_cents(n: f64) -> f64 {
    let p = n * 100.0;
    // Past 2^52 every double is a whole number: nothing to round. (NaN and infinities are
    // written before this is called.)
    if p.abs() >= 4.5e15 || !p.is_finite() {
        return p.round();
    }
    let mut buffer = zmij::Buffer::new();
    let text = buffer.format_finite(n.abs());
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
        None => (text, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digit = |i: i32| -> u64 {
        let at = i as usize;
        let byte = if at < whole.len() { whole.as_bytes().get(at) } else { fraction.as_bytes().get(at - whole.len()) };
        byte.map_or(0, |b| u64::from(b.wrapping_sub(b'0')).min(9))
    };
    // The decimal point of n × 100 sits after this many of the digits.
    let point = whole.len() as i32 + exponent + 2;
    let mut cents: u64 = 0;
    for i in 0..point.max(0) {
        cents = cents * 10 + digit(i);
    }
    if point >= 0 && digit(point) >= 5 {
        cents += 1;
    }
    (cents as f64).copysign(n)
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
        let rounded = round_cents(n) / 100.0;
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
        // As Intl.NumberFormat rounds: the shortest text that reads back as the number, half
        // away from zero (values from Chromium's and Node's Intl).
        assert_eq!(fmt_num(3.555), "3.56");
        assert_eq!(fmt_num(3.5549999999999997), "3.55");
        assert_eq!(fmt_num(1.005), "1.01");
        assert_eq!(fmt_num(0.125), "0.13");
        assert_eq!(fmt_num(-0.125), "-0.13");
        assert_eq!(fmt_num(2.675), "2.68");
        assert_eq!(fmt_num(0.004999), "0");
        assert_eq!(fmt_num(0.005), "0.01");
        assert_eq!(fmt_num(1e-7), "0");
        assert_eq!(fmt_num(123456789.995), "123,456,790");
        assert_eq!(fmt_num(99.995), "100");
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
