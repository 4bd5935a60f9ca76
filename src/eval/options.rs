//! How to evaluate: the options of `evaluate`, `score` and batches, and their resolved form.

use crate::program::Program;
use crate::text::date::Date;
use crate::text::error::ErrorKind;
use crate::text::error::Errors;
use crate::text::options::{OptionsReader, Today};
use crate::text::read::Reader;

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

/// Options with their track and region ids checked against the program.
pub fn resolve(program: &Program, options: &EvalOptions) -> Result<Resolved, Errors> {
    let mut r = Reader::default();
    let track = options.track.as_deref().and_then(|id| program.track_named(&mut r, id, "track"));
    let region = options.region.as_deref().map(|id| program.region_named(&mut r, id, "region"));
    if !r.issues.is_empty() {
        return Err(Errors::new(ErrorKind::Options, r.into_issues()));
    }
    Ok(Resolved { as_of: options.as_of, track, region, lang: options.lang.clone() })
}

/// The last options text a caller resolved, and what it resolved to: a caller that gets
/// options as JSON text on every call (the JavaScript API; a page evaluates on every
/// keystroke with the same options) reads and resolves them once. A result that took today's
/// date holds only while it is still the same day.
#[derive(Debug, Default)]
pub struct ResolvedOptions {
    last: Option<(String, Resolved, bool)>,
}

impl ResolvedOptions {
    /// `EvalOptions::from_json` and `Program::resolve`, or their last result for the same
    /// text (and day, where the date was today's).
    pub fn resolve(&mut self, scorecard: &Program, text: &str, today: Today) -> Result<Resolved, Errors> {
        if let Some((last_text, resolved, dated_today)) = &self.last {
            if last_text == text && (!*dated_today || resolved.as_of == today()) {
                return Ok(resolved.clone());
            }
        }
        let asked = std::cell::Cell::new(false);
        let options = EvalOptions::from_json(text, &|| {
            asked.set(true);
            today()
        })?;
        let resolved = resolve(scorecard, &options)?;
        self.last = Some((text.to_string(), resolved.clone(), asked.get()));
        Ok(resolved)
    }
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

    #[test]
    fn resolved_options_are_read_again_only_when_the_text_or_the_day_changes() {
        let program = r#"{"format": 1, "name": "P", "fields": [{"id": "a", "label": "A", "type": "boolean"}],
            "tiers": [{"id": "t", "label": "T", "requires": [{"field": "a", "op": "=", "value": true}]}]}"#;
        let scorecard = Program::from_json(program).unwrap();
        let (day1, day2) = (Date::parse("2026-12-01").unwrap(), Date::parse("2026-12-02").unwrap());
        let today = std::cell::Cell::new(day1);
        let mut cache = ResolvedOptions::default();
        assert_eq!(cache.resolve(&scorecard, "", &|| today.get()).unwrap().as_of, day1);
        // A new day: the same text resolves to the new date.
        today.set(day2);
        assert_eq!(cache.resolve(&scorecard, "", &|| today.get()).unwrap().as_of, day2);
        // A date of its own does not depend on the day.
        let dated = r#"{"as_of": "2026-06-01"}"#;
        assert_eq!(cache.resolve(&scorecard, dated, &|| today.get()).unwrap().as_of, Date::parse("2026-06-01").unwrap());
        today.set(day1);
        assert_eq!(cache.resolve(&scorecard, dated, &|| today.get()).unwrap().as_of, Date::parse("2026-06-01").unwrap());
        // Errors are not kept: the same bad text fails again, and a good one after it works.
        assert!(cache.resolve(&scorecard, r#"{"track": "nope"}"#, &|| today.get()).is_err());
        assert!(cache.resolve(&scorecard, r#"{"track": "nope"}"#, &|| today.get()).is_err());
        assert_eq!(cache.resolve(&scorecard, dated, &|| today.get()).unwrap().as_of, Date::parse("2026-06-01").unwrap());
    }
}
