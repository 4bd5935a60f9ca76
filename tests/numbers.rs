//! Numbers are read as the nearest double, for every text the JSON grammar allows, and
//! written so that they read back identically: differential tests against the standard
//! library's reader, over a million random and adversarial texts. (tests/wasm.rs runs the same
//! texts against JavaScript's `Number()` in Node and Chromium.)

#[path = "support/number_texts.rs"]
mod number_texts;

use number_texts::{number_text, random_double, ADVERSARIAL};
use partner_scorecard::analysis::synth::Rng;
use partner_scorecard::text::decimal::parse_decimal;
use partner_scorecard::text::value::{parse, Value};

/// What the engine reads from `text`, as a CSV cell and as a JSON value, in bits.
fn read_both_ways(text: &str) -> (Option<u64>, Option<u64>) {
    let cell = parse_decimal(text).filter(|x| x.is_finite()).map(f64::to_bits);
    let json = match parse(text) {
        Ok(Value::Number(x)) => Some(x.to_bits()),
        _ => None,
    };
    (cell, json)
}

fn check(text: &str) {
    let expected = text.parse::<f64>().ok().filter(|x| x.is_finite()).map(f64::to_bits);
    let (cell, json) = read_both_ways(text);
    assert_eq!(cell, expected, "CSV cell {text}: {:?} vs {:?}", cell.map(f64::from_bits), expected.map(f64::from_bits));
    assert_eq!(json, expected, "JSON {text}: {:?} vs {:?}", json.map(f64::from_bits), expected.map(f64::from_bits));
}

#[test]
fn adversarial_texts_read_as_the_standard_library_reads_them() {
    for text in ADVERSARIAL {
        check(text);
    }
    // Beyond the largest double: refused, never infinity or null.
    assert_eq!(read_both_ways("1.7976931348623159e308"), (None, None));
    assert_eq!(parse("1e400").unwrap_err().message, "the number is too large");
}

#[test]
fn a_million_random_texts_read_as_the_standard_library_reads_them() {
    let mut rng = Rng::new(0x6e75_6d62);
    for _ in 0..1_000_000 {
        check(&number_text(&mut rng));
    }
}

#[test]
fn every_double_written_by_the_engine_reads_back_identically() {
    let mut rng = Rng::new(0x7772_6974);
    for _ in 0..300_000 {
        let x = random_double(&mut rng);
        let text = partner_scorecard::text::json_write::to_string(&x).unwrap();
        let back = parse(&text).unwrap().as_f64().unwrap();
        assert_eq!(back.to_bits(), x.to_bits(), "{x:e} was written as {text} and read back as {back:e}");
        // The value type writes whole numbers as integers: they read back too.
        let text = partner_scorecard::text::json_write::to_string(&Value::Number(x)).unwrap();
        assert_eq!(parse(&text).unwrap().as_f64().unwrap().to_bits(), x.to_bits(), "{text}");
    }
}
