//! Compact JSON for results that cross into JavaScript, written straight into a `String`.
//!
//! serde_json writes through `std::io::Write`, one small call per token; in the size-first
//! wasm build those calls are not inlined and writing a full evaluation took longer than
//! computing it. This writer pushes into a `String` directly. The output is the same JSON
//! value as serde_json's (whole floats are written without ".0", which `JSON.parse` reads as
//! the same number); non-finite floats become `null`, as with serde_json.

use serde::ser::{self, Serialize};
use std::fmt;

#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Error(message.to_string())
    }
}

/// The value as compact JSON text.
/// Text as a JSON string literal, for messages that quote what someone typed.
pub(crate) fn quote(text: &str) -> String {
    to_string(text).unwrap_or_default()
}

pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    let mut writer = Writer { out: Vec::with_capacity(4096) };
    value.serialize(&mut writer)?;
    // Only whole `str`s and ASCII are ever written, so this cannot fail.
    String::from_utf8(writer.out).map_err(|_| Error("invalid UTF-8 in JSON output".into()))
}

/// Bytes rather than a `String`: pushing a byte is cheaper than pushing a `char`.
struct Writer {
    out: Vec<u8>,
}

impl Writer {
    fn raw(&mut self, s: &str) {
        self.out.extend_from_slice(s.as_bytes());
    }

    fn string(&mut self, s: &str) {
        let bytes = s.as_bytes();
        self.out.reserve(bytes.len() + 2);
        self.out.push(b'"');
        // Nearly every string needs no escape: everything before the first byte that does
        // goes in one copy. (Matching every byte took an eighth of `evaluate()` in Chromium.)
        let clean = crate::util::plain_prefix(bytes);
        self.out.extend_from_slice(&bytes[..clean]);
        if clean < bytes.len() {
            self.escaped(&bytes[clean..]);
        }
        self.out.push(b'"');
    }

    fn escaped(&mut self, bytes: &[u8]) {
        let mut start = 0;
        for (i, &b) in bytes.iter().enumerate() {
            let escape: &[u8] = match b {
                b'"' => b"\\\"",
                b'\\' => b"\\\\",
                b'\n' => b"\\n",
                b'\r' => b"\\r",
                b'\t' => b"\\t",
                0..=0x1f => b"",
                _ => continue,
            };
            self.out.extend_from_slice(&bytes[start..i]);
            if escape.is_empty() {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.out.extend_from_slice(&[b'\\', b'u', b'0', b'0', HEX[(b >> 4) as usize], HEX[(b & 15) as usize]]);
            } else {
                self.out.extend_from_slice(escape);
            }
            start = i + 1;
        }
        self.out.extend_from_slice(&bytes[start..]);
    }

    fn integer(&mut self, v: i64) {
        if v < 0 {
            self.out.push(b'-');
        }
        self.unsigned(v.unsigned_abs());
    }

    fn unsigned(&mut self, n: u64) {
        self.out.extend_from_slice(crate::util::digits(n, &mut [0; 20]).as_bytes());
    }

    fn float(&mut self, v: f64) {
        if !v.is_finite() {
            self.raw("null");
        } else if v.fract() == 0.0 && v.abs() < 1e15 {
            self.integer(v as i64);
        } else {
            // Shortest text that reads back as the same double.
            self.raw(zmij::Buffer::new().format_finite(v));
        }
    }
}

/// Lists and objects: remembers whether a separator is due.
pub struct Compound<'a> {
    writer: &'a mut Writer,
    first: bool,
    /// Closing text (`]`, `}`, or `]}`/`}}` for enum variants wrapped in an object).
    close: &'static str,
}

impl Compound<'_> {
    fn separator(&mut self) {
        if !self.first {
            self.writer.out.push(b',');
        }
        self.first = false;
    }

    /// A struct field's name: a Rust identifier (or a `rename` of one), which never needs
    /// escaping. Comma, quotes, name and colon are gathered on the stack and written in one
    /// call: a call per piece was a tenth of `evaluate()` in Chromium.
    fn field_name(&mut self, name: &'static str) {
        let mut piece = [0u8; 40];
        let name = name.as_bytes();
        let comma = usize::from(!self.first);
        self.first = false;
        if name.len() + 4 > piece.len() {
            self.writer.out.extend_from_slice(&b",\""[1 - comma..]);
            self.writer.out.extend_from_slice(name);
            self.writer.out.extend_from_slice(b"\":");
            return;
        }
        piece[0] = b',';
        piece[1] = b'"';
        piece[2..2 + name.len()].copy_from_slice(name);
        piece[2 + name.len()] = b'"';
        piece[3 + name.len()] = b':';
        self.writer.out.extend_from_slice(&piece[1 - comma..4 + name.len()]);
    }
}

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.raw(if v { "true" } else { "false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.serialize_i64(v as i64)
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.serialize_i64(v as i64)
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.serialize_i64(v as i64)
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.integer(v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.serialize_u64(v as u64)
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.serialize_u64(v as u64)
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.serialize_u64(v as u64)
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.unsigned(v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.float(v as f64);
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.float(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for b in v {
            seq.serialize_element(b)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.raw("null");
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_none()
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.out.push(b'{');
        self.string(variant);
        self.out.push(b':');
        value.serialize(&mut *self)?;
        self.out.push(b'}');
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        self.out.push(b'[');
        Ok(Compound { writer: self, first: true, close: "]" })
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Compound<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(self, _name: &'static str, _index: u32, variant: &'static str, _len: usize) -> Result<Compound<'a>, Error> {
        self.out.push(b'{');
        self.string(variant);
        self.raw(":[");
        Ok(Compound { writer: self, first: true, close: "]}" })
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        self.out.push(b'{');
        Ok(Compound { writer: self, first: true, close: "}" })
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Compound<'a>, Error> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(self, _name: &'static str, _index: u32, variant: &'static str, _len: usize) -> Result<Compound<'a>, Error> {
        self.out.push(b'{');
        self.string(variant);
        self.raw(":{");
        Ok(Compound { writer: self, first: true, close: "}}" })
    }
}

impl Compound<'_> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.separator();
        value.serialize(&mut *self.writer)
    }

    fn finish(self) -> Result<(), Error> {
        self.writer.raw(self.close);
        Ok(())
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    fn end(self) -> Result<(), Error> {
        self.finish()
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    fn end(self) -> Result<(), Error> {
        self.finish()
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    fn end(self) -> Result<(), Error> {
        self.finish()
    }
}

impl ser::SerializeTupleVariant for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    fn end(self) -> Result<(), Error> {
        self.finish()
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.separator();
        // JSON keys are strings: a key that is not text (a number) is written as text.
        let text = to_string(key)?;
        if text.starts_with('"') {
            self.writer.raw(&text);
        } else {
            self.writer.string(&text);
        }
        self.writer.out.push(b':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), Error> {
        self.finish()
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        self.field_name(key);
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), Error> {
        self.finish()
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        self.field_name(key);
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), Error> {
        self.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::gap::GapOptions;
    use crate::{Date, EvalOptions, Scorecard};
    use serde_json::{json, Value};

    /// Numbers compared as doubles ("12" and "12.0" are the same number to `JSON.parse`), to
    /// the last bit but one: serde_json's default float parser may be one unit off.
    fn same(a: &Value, b: &Value) -> bool {
        match (a, b) {
            (Value::Number(x), Value::Number(y)) => {
                let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
                x == y || (x - y).abs() <= 4.0 * f64::EPSILON * x.abs().max(y.abs())
            }
            (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b)),
            (Value::Object(x), Value::Object(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w))),
            _ => a == b,
        }
    }

    fn same_as_serde_json<T: Serialize>(value: &T) {
        let ours = to_string(value).unwrap();
        let parsed: Value = serde_json::from_str(&ours).unwrap_or_else(|e| panic!("not JSON ({e}): {ours}"));
        let expected = serde_json::to_value(value).unwrap();
        assert!(same(&parsed, &expected), "ours:     {parsed}\nexpected: {expected}");
        // Exactly serde_json's text, but for whole floats written without ".0".
        assert_eq!(ours, serde_json::to_string(value).unwrap().replace(".0,", ",").replace(".0}", "}").replace(".0]", "]"));
    }

    #[test]
    fn structs_with_and_without_fields() {
        #[derive(serde::Serialize)]
        struct Empty {}
        #[derive(serde::Serialize)]
        struct Pair {
            a: u32,
            b: Option<Empty>,
        }
        assert_eq!(to_string(&Empty {}).unwrap(), "{}");
        assert_eq!(
            to_string(&vec![Pair { a: 1, b: Some(Empty {}) }, Pair { a: 2, b: None }]).unwrap(),
            r#"[{"a":1,"b":{}},{"a":2,"b":null}]"#
        );
    }

    #[test]
    fn escapes_what_json_requires_and_nothing_else() {
        for text in ["", "plain", "a\"b\\c", "line\nbreak\ttab\r", "\u{1}start", "end\u{1f}", "Zürich × ≥ 😀", "\"\"\\"] {
            assert_eq!(to_string(text).unwrap(), serde_json::to_string(text).unwrap(), "{text:?}");
        }
    }

    #[test]
    fn writes_scalars_strings_and_containers() {
        assert_eq!(
            to_string(&json!({"a": [1, 2.5, -3, null, true], "b": "x\"y\\z\n\u{1}é€"})).unwrap(),
            r#"{"a":[1,2.5,-3,null,true],"b":"x\"y\\z\n\u0001é€"}"#
        );
        assert_eq!(to_string(&f64::NAN).unwrap(), "null");
        assert_eq!(to_string(&0.1).unwrap(), "0.1");
        assert_eq!(to_string(&1e300).unwrap().parse::<f64>().unwrap(), 1e300);
        assert_eq!(to_string(&14.696098458751536).unwrap(), "14.696098458751536");
        let mut map = std::collections::BTreeMap::new();
        map.insert(3u32, "three");
        assert_eq!(to_string(&map).unwrap(), r#"{"3":"three"}"#);
        assert_eq!(to_string(&Some((1, "a"))).unwrap(), r#"[1,"a"]"#);
    }

    /// A profile with a value for every field of `sc` (escapes in the texts, an expired and a
    /// valid certification), and the first tier held since before the date: every part of a
    /// result is written.
    fn full_profile(sc: &Scorecard) -> Value {
        let mut values = serde_json::Map::new();
        for f in sc.fields() {
            let options: Vec<&str> = f.options().iter().map(|o| o.id.as_str()).collect();
            let value = match f.type_name() {
                "number" => json!(12),
                "boolean" => json!(true),
                "choice" => json!(options[options.len() - 1]),
                "multi_choice" => json!(options.iter().take(2).collect::<Vec<_>>()),
                "date" => json!("2020-03-01"),
                _ => {
                    let cert = |expires: &str| {
                        let mut c = json!({"name": "S\u{1} \"A\"", "holder": "Ä", "earned": "2024-01-01", "expires": expires});
                        if let Some(kind) = options.first() {
                            c["kind"] = json!(kind);
                        }
                        c
                    };
                    json!([cert("2025-01-01"), cert("2027-01-01")])
                }
            };
            values.insert(f.id.clone(), value);
        }
        let mut held = json!({"tier": sc.tier_ids()[0], "since": "2025-01-01", "short_since": "2026-11-01"});
        if let Some(track) = sc.tracks().first() {
            held["track"] = json!(track.id);
        }
        json!({"partner": "Ä \"quoted\"", "values": values, "current_tiers": [held]})
    }

    #[test]
    fn every_result_of_the_shipped_programs_reads_back_as_serde_json_writes_it() {
        let as_of = Date::parse("2026-11-25").unwrap();
        for name in ["classic-reseller", "multi-track", "capability-100"] {
            let text = std::fs::read_to_string(format!("{}/www/programs/{name}.json", env!("CARGO_MANIFEST_DIR"))).unwrap();
            let sc = Scorecard::from_json(&text).unwrap();
            same_as_serde_json(&sc.form());
            for profile in [json!({}), full_profile(&sc)] {
                let p = sc.profile_from_value(&profile).unwrap_or_else(|e| panic!("{name}: {e}"));
                same_as_serde_json(&sc.evaluate(&p, &EvalOptions::on(as_of)).unwrap());
                same_as_serde_json(&sc.gaps(&p, &GapOptions::on(as_of)).unwrap());
                same_as_serde_json(&sc.score(&p, &EvalOptions::on(as_of)).unwrap());
            }
        }
        let errors = Scorecard::from_json(r#"{"format": 1, "tiers": [{"id": "x"}]}"#).unwrap_err();
        same_as_serde_json(&errors);
    }
}
