//! How to evaluate: the options of `evaluate`, `score` and batches, and their resolved form.

use crate::text::date::Date;
use crate::text::error::Errors;
use crate::text::options::{OptionsReader, Today};

/// How to evaluate. `as_of` decides which certifications are valid and whether a retained
/// tier's grace has run out, so the same profile and date always give the same result.
#[derive(Debug, Clone, PartialEq)]
pub struct EvalOptions {
    pub as_of: Date,
    /// Only this track (by id); default: the profile's tracks, or all.
    pub track: Option<String>,
    /// Overrides the profile's region (by id).
    pub region: Option<String>,
    /// Language for labels and explanations' names (`de`, `fr-CA`).
    pub lang: Option<String>,
}

impl EvalOptions {
    /// The keys an options object for `evaluate` and `score` may have.
    pub const KEYS: &'static [&'static str] = &["as_of", "track", "region", "lang"];

    pub fn on(as_of: Date) -> EvalOptions {
        EvalOptions { as_of, track: None, region: None, lang: None }
    }

    /// Options from JSON text (`{"as_of": "2026-11-25", "track": "cloud"}`; `null` is none),
    /// with `as_of` defaulting to `today()`. Every misspelt key and wrong value is reported.
    pub fn from_json(text: &str, today: Today) -> Result<EvalOptions, Errors> {
        let mut o = OptionsReader::from_json(text, EvalOptions::KEYS)?;
        let options = EvalOptions::read(&mut o, today);
        o.finish()?;
        Ok(options)
    }

    /// Reads these options' keys, for option types that extend them.
    pub fn read(o: &mut OptionsReader, today: Today) -> EvalOptions {
        EvalOptions { as_of: o.date("as_of", today), track: o.string("track"), region: o.string("region"), lang: o.string("lang") }
    }
}

/// Options with ids resolved, ready for many evaluations.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub as_of: Date,
    pub track: Option<usize>,
    /// `Some(region)` overrides the profile's region.
    pub region: Option<Option<usize>>,
    pub lang: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_key_and_defaults_the_date() {
        let today = Date::parse("2026-12-01").unwrap();
        let o = EvalOptions::from_json(r#"{"as_of": "2026-06-01", "track": "cloud", "region": null, "lang": "de"}"#, &|| today).unwrap();
        assert_eq!(
            o,
            EvalOptions { as_of: Date::parse("2026-06-01").unwrap(), track: Some("cloud".into()), region: None, lang: Some("de".into()) }
        );
        assert_eq!(EvalOptions::from_json("null", &|| today).unwrap(), EvalOptions::on(today));
        let error = EvalOptions::from_json(r#"{"traсk": "cloud", "lang": 7}"#, &|| today).unwrap_err();
        assert_eq!(error.issues.len(), 2, "{error}");
        assert_eq!((error.issues[1].path.as_str(), error.issues[1].message.as_str()), ("lang", "expected text, found the number 7"));
    }
}
