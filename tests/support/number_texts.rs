//! Decimal texts of every shape that JSON files, CSV cells and `JSON.stringify` hold, and the
//! shapes that trip readers up (long mantissas, far exponents, subnormals, near-halfway
//! digits): shared by the native differential test (against `str::parse::<f64>`) and the wasm
//! one (against JavaScript's `Number()`), so that both oracles judge the same inputs.

#![allow(dead_code)]

use partner_scorecard::analysis::synth::Rng;

/// Hand-picked texts that broke, or are known to break, decimal readers.
pub const ADVERSARIAL: &[&str] = &[
    "0",
    "-0",
    "10000e-23",
    "1.0000e-19",
    "7e67",
    "1.79769313486231580793e308",
    "1.7976931348623157e308",
    "1.7976931348623158e308",
    "4.9406564584124654e-324",
    "2.4703282292062327e-324",
    "2.4703282292062328e-324",
    "2.2250738585072011e-308",
    "2.2250738585072012e-308",
    "9007199254740993",
    "9007199254740992.5",
    "9007199254740993.0000000000000000001",
    "0.1000000000000000055511151231257827021181583404541015625",
    "1.00000000000000011102230246251565404236316680908203125",
    "1.00000000000000011102230246251565404236316680908203124",
    "1.00000000000000011102230246251565404236316680908203126",
    "8.98846567431158e307",
    "1e23",
    "8.589973e9",
    "123456789012345678901234567890",
    "0.000000000000000000000000000001",
    "1e-7",
    "1e21",
    "100000000000000000000000",
    "18446744073709551615",
    "18446744073709551616",
    "9999999999999999999e-19",
    "99999999999999999999e-20",
    "1e308",
    "1e-323",
    "3e-324",
    "2e-324",
];

/// One random decimal text in the JSON grammar (`-?digits[.digits][e[+-]digits]`).
pub fn number_text(rng: &mut Rng) -> String {
    match rng.below(6) {
        // A random finite double as Rust writes it: shortest round-trip, plain or exponent.
        0 | 1 => {
            let x = random_double(rng);
            if rng.chance(0.5) {
                format!("{x}")
            } else {
                format!("{x:e}")
            }
        }
        // A random double with more or fewer digits than it needs: near-halfway texts.
        2 => {
            let x = random_double(rng);
            let digits = 1 + rng.below(40);
            format!("{x:.digits$e}")
        }
        // Random digits with the point anywhere and any exponent.
        3 | 4 => {
            let longest = if rng.chance(0.7) { 19 } else { 40 };
            let count = 1 + rng.below(longest);
            let mut digits: String = (0..count).map(|_| char::from(b'0' + rng.below(10) as u8)).collect();
            if rng.chance(0.3) {
                digits.push_str(&"0".repeat(rng.below(8)));
            }
            let digits = digits.trim_start_matches('0');
            let digits = if digits.is_empty() { "0" } else { digits };
            let point = rng.below(digits.len() + 1);
            let mut text = String::new();
            if rng.chance(0.3) {
                text.push('-');
            }
            if point == 0 {
                text.push('0');
            } else {
                text.push_str(&digits[..point]);
            }
            if point < digits.len() {
                text.push('.');
                text.push_str(&digits[point..]);
            }
            if rng.chance(0.6) {
                let exponent = rng.below(700) as i64 - 350;
                text.push_str(&format!("e{exponent}"));
            }
            text
        }
        // Whole numbers and money as spreadsheets write them.
        _ => {
            let shift = rng.below(64);
            let whole = rng.next_u64() >> shift;
            if rng.chance(0.5) {
                format!("{whole}")
            } else {
                format!("{whole}.{:02}", rng.below(100))
            }
        }
    }
}

/// A finite double with random bits: every exponent, subnormals included, equally likely.
pub fn random_double(rng: &mut Rng) -> f64 {
    loop {
        let x = f64::from_bits(rng.next_u64());
        if x.is_finite() {
            return x;
        }
    }
}
