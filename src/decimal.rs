//! Decimal text to `f64`, for JSON numbers and CSV cells.
//!
//! Not `str::parse::<f64>`: the standard library's reader carries a 10 KB table of powers of
//! five, the largest single piece of data in the wasm module. This one gives the nearest
//! `f64` (as JavaScript reads the same text) for every number with at most 19 significant
//! digits whose exponent, once the point is moved behind those digits, is within ±19: what
//! people, spreadsheets and `JSON.stringify` write for values from about 1e-3 to 1e19, at
//! any precision, and much further out with fewer digits. Beyond that (a 17-digit 4.2e-7,
//! 1e-300, 25 significant digits) it is off by at most a few units in the last place
//! (relative error below 2e-15), like serde_json's default reader.

/// Powers of ten that are exact in a `u64`.
const POW10_U64: [u64; 20] = [
    1,
    10,
    100,
    1_000,
    10_000,
    100_000,
    1_000_000,
    10_000_000,
    100_000_000,
    1_000_000_000,
    10_000_000_000,
    100_000_000_000,
    1_000_000_000_000,
    10_000_000_000_000,
    100_000_000_000_000,
    1_000_000_000_000_000,
    10_000_000_000_000_000,
    100_000_000_000_000_000,
    1_000_000_000_000_000_000,
    10_000_000_000_000_000_000,
];

/// Powers of ten that are exact in an `f64`.
const POW10_F64: [f64; 23] =
    [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/// Reads `[+-]digits[.digits][(e|E)[+-]digits]` (either side of the point may be empty, not
/// both). `None` for anything else, including "inf" and "NaN"; a number too large for an
/// `f64` gives infinity, which callers refuse.
///
/// ```
/// use partner_scorecard::decimal::parse_decimal;
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
    let value = scale(mantissa, exponent, truncated);
    Some(if negative { -value } else { value })
}

/// `mantissa × 10^exponent`, rounded once where the module docs promise it.
fn scale(mantissa: u64, exponent: i64, truncated: bool) -> f64 {
    if mantissa == 0 {
        return 0.0;
    }
    // Both factors exact in an f64: one rounding (Clinger's fast path).
    if !truncated && mantissa <= 1 << 53 && exponent.unsigned_abs() <= 22 {
        let power = POW10_F64[exponent.unsigned_abs() as usize];
        return if exponent < 0 { mantissa as f64 / power } else { mantissa as f64 * power };
    }
    let exact_part = exponent.clamp(-19, 19);
    let mut value = scale_exactly(mantissa, exact_part);
    // Beyond ±19: in steps of exact powers, a rounding each.
    let mut rest = exponent - exact_part;
    while rest > 22 {
        value *= 1e22;
        rest -= 22;
        if value.is_infinite() {
            return value;
        }
    }
    while rest < -22 {
        value /= 1e22;
        rest += 22;
        if value == 0.0 {
            return value;
        }
    }
    let power = POW10_F64[rest.unsigned_abs() as usize];
    if rest < 0 {
        value / power
    } else {
        value * power
    }
}

/// `mantissa × 10^exponent` for `exponent` in `-19..=19`, correctly rounded.
fn scale_exactly(mantissa: u64, exponent: i64) -> f64 {
    let power = u128::from(POW10_U64[exponent.unsigned_abs() as usize]);
    if exponent >= 0 {
        // The exact product fits a u128, and `as f64` rounds it to nearest.
        return (u128::from(mantissa) * power) as f64;
    }
    // Exact division of the mantissa shifted to the top of a u128, with a sticky bit for any
    // remainder: the quotient keeps at least 62 significant bits, so rounding it to 53 rounds
    // the true value, and the power of two undoes the shift exactly.
    let shift = mantissa.leading_zeros() + 63;
    let shifted = u128::from(mantissa) << shift;
    let quotient = (shifted / power) | u128::from(shifted % power != 0);
    quotient as f64 * f64::from_bits(u64::from(1023 - shift) << 52)
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
    fn far_out_numbers_are_close_and_overflow_is_infinite() {
        for text in ["1e300", "1.5e-300", "1234567890123456789012345", "4.9406564584124654e-7", "1.7976931348623157e308"] {
            let got = parse_decimal(text).unwrap();
            let expected: f64 = text.parse().unwrap();
            assert!((got - expected).abs() <= expected.abs() * 2e-15, "{text}: {got}");
        }
        assert_eq!(parse_decimal("1e400"), Some(f64::INFINITY));
        assert_eq!(parse_decimal("-1e400"), Some(f64::NEG_INFINITY));
        assert_eq!(parse_decimal("1e-400"), Some(0.0));
        assert_eq!(parse_decimal("1e999999999999"), Some(f64::INFINITY));
    }
}
