//! Decimal text to `f64`, for JSON numbers and CSV cells: always the nearest `f64`, as
//! JavaScript's `Number()` and Rust's `str::parse::<f64>` read the same text.
//!
//! Most numbers people, spreadsheets and `JSON.stringify` write (at most 15 or 16
//! significant digits, once trailing zeros are dropped, and a power of ten within ±22 of
//! them) are rounded here exactly by one division or multiplication. Everything else goes to
//! a well-kept correctly rounding reader: the standard library's natively, and the browser's
//! own `parseFloat` in the wasm module. Linking the standard library's reader into the
//! module would cost its 10 KB table of powers of five (13.9 KB gzipped, measured in issue 11);
//! the browser already has one. Tests compare every path bit for bit with the
//! standard library (natively) and with JavaScript's `Number()` (in Node and Chromium).

/// Powers of ten that are exact in an `f64`.
const POW10_F64: [f64; 23] =
    [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/// Reads `[+-]digits[.digits][(e|E)[+-]digits]` (either side of the point may be empty, not
/// both). `None` for anything else, including "inf" and "NaN"; a number too large for an
/// `f64` gives infinity, which callers refuse.
///
/// ```
/// use partner_scorecard::text::decimal::parse_decimal;
/// assert_eq!(parse_decimal("12.5"), Some(12.5));
/// assert_eq!(parse_decimal("0.30000000000000004"), Some(0.1 + 0.2));
/// assert_eq!(parse_decimal("-1e-3"), Some(-0.001));
/// assert_eq!(parse_decimal("1,000"), None);
/// ```
pub fn parse_decimal(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let mut at = 0;
    let negative = bytes.first() == Some(&b'-');
    if matches!(bytes.first(), Some(b'-' | b'+')) {
        at = 1;
    }
    let mut mantissa: u64 = 0;
    let mut kept = 0;
    let mut exponent: i64 = 0;
    let mut truncated = false;
    let mut any_digit = false;
    let mut after_point = false;
    while at < bytes.len() {
        match bytes[at] {
            d @ b'0'..=b'9' => {
                any_digit = true;
                if mantissa == 0 && d == b'0' {
                    // A leading zero only moves the point.
                    exponent -= i64::from(after_point);
                } else if kept < 19 {
                    mantissa = mantissa * 10 + u64::from(d - b'0');
                    kept += 1;
                    exponent -= i64::from(after_point);
                } else {
                    truncated |= d != b'0';
                    exponent += i64::from(!after_point);
                }
            }
            b'.' if !after_point => after_point = true,
            _ => break,
        }
        at += 1;
    }
    if !any_digit {
        return None;
    }
    if at < bytes.len() {
        if !matches!(bytes[at], b'e' | b'E') {
            return None;
        }
        at += 1;
        let exp_negative = bytes.get(at) == Some(&b'-');
        if matches!(bytes.get(at), Some(b'-' | b'+')) {
            at += 1;
        }
        let exp_start = at;
        let mut written: i64 = 0;
        while let Some(&d @ b'0'..=b'9') = bytes.get(at) {
            // Saturates: any exponent this large gives zero or infinity.
            written = (written * 10 + i64::from(d - b'0')).min(100_000);
            at += 1;
        }
        if at == exp_start || at != bytes.len() {
            return None;
        }
        exponent += if exp_negative { -written } else { written };
    }
    let value = match exact(mantissa, exponent, truncated) {
        Some(value) => value,
        // The grammar is checked above, so the fallback reads the same number.
        None => return Some(correctly_rounded(text)),
    };
    Some(if negative { -value } else { value })
}

/// `mantissa × 10^exponent` where one floating-point operation rounds it exactly (Clinger's
/// fast path: both factors exact in an `f64`); `None` where it cannot.
fn exact(mut mantissa: u64, mut exponent: i64, truncated: bool) -> Option<f64> {
    if mantissa == 0 {
        return Some(0.0);
    }
    if truncated {
        return None;
    }
    // 1.0000e-19 is 1e-19: trailing zeros only move the point.
    while mantissa % 10 == 0 {
        mantissa /= 10;
        exponent += 1;
    }
    // Both factors exact in an f64: one rounding (Clinger's fast path).
    if mantissa <= 1 << 53 && exponent.unsigned_abs() <= 22 {
        let power = POW10_F64[exponent.unsigned_abs() as usize];
        return Some(if exponent < 0 { mantissa as f64 / power } else { mantissa as f64 * power });
    }
    None
}

/// The nearest `f64` to a decimal text that [`parse_decimal`] has checked.
#[cfg(not(target_arch = "wasm32"))]
fn correctly_rounded(text: &str) -> f64 {
    text.parse().unwrap_or(f64::NAN)
}

/// The nearest `f64` to a decimal text that [`parse_decimal`] has checked: the browser's
/// `parseFloat` reads every such text, correctly rounded (ECMA-262 StringToNumber).
#[cfg(target_arch = "wasm32")]
fn correctly_rounded(text: &str) -> f64 {
    js_sys::parse_float(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(text: &str) {
        let ours = parse_decimal(text).unwrap_or_else(|| panic!("{text} not read"));
        let std: f64 = text.parse().unwrap();
        assert_eq!(ours.to_bits(), std.to_bits(), "{text}: {ours} vs {std}");
    }

    #[test]
    fn reads_numbers_as_the_standard_library_does_where_exact() {
        for text in [
            "0",
            "-0",
            "1",
            "12",
            "-3.5",
            "0.1",
            "2.675",
            "1e3",
            "1E3",
            "1.5e-3",
            "+7",
            ".5",
            "5.",
            "0.30000000000000004",
            "9007199254740993",
            "18446744073709551615",
            "123456789012345678",
            "1.7976931348623157e19",
            "4.9406564584124654e-3",
            "0.000001",
            "1e-19",
            "9999999999999999999e-19",
            "3.141592653589793",
            "2.2250738585072014e-2",
            "400000.0",
            "00012",
            "0.0000000000000000000000001e25",
        ] {
            same(text);
        }
    }

    #[test]
    fn refuses_what_is_not_a_plain_decimal() {
        for text in ["", "-", ".", "+.", "1e", "1e+", "e5", "inf", "NaN", "1,000", "12 units", "0x10", "1.2.3", " 1", "1 "] {
            assert_eq!(parse_decimal(text), None, "{text:?}");
        }
    }

    #[test]
    fn far_out_and_long_numbers_are_exact_and_overflow_is_infinite() {
        for text in [
            "1e300",
            "1.5e-300",
            "1234567890123456789012345",
            "4.9406564584124654e-7",
            "1.7976931348623157e308",
            "1.79769313486231580793e308",
            "10000e-23",
            "1.0000e-19",
            "7e67",
            "5e-324",
            "2.4703282292062328e-324",
            "2.2250738585072011e-308",
            "9007199254740993.0000000000000000001",
            "0.1000000000000000055511151231257827021181583404541015625",
        ] {
            same(text);
        }
        assert_eq!(parse_decimal("1e400"), Some(f64::INFINITY));
        assert_eq!(parse_decimal("-1e400"), Some(f64::NEG_INFINITY));
        assert_eq!(parse_decimal("1e-400"), Some(0.0));
        assert_eq!(parse_decimal("1e999999999999"), Some(f64::INFINITY));
    }
}
