//! The program's settings that stand on their own: how long a partner keeps a tier
//! (`retention`) and the program's own words in generated texts (`terms`).

use crate::program::model::{Retention, Terms};
use crate::text::date::MonthDay;
use crate::text::format::Text;
use crate::text::read::Reader;
use crate::text::value::Value;

pub(super) fn parse_retention(r: &mut Reader, value: &Value) -> Option<Retention> {
    let obj = r.object(value, "retention", "retention", &["grace_days", "until_anniversary"])?;
    match (obj.get("grace_days"), obj.get("until_anniversary")) {
        (Some(days), None) => {
            let days = r.count(days, "retention.grace_days")?;
            if days > 3660 {
                r.error("retention.grace_days", "a grace period longer than ten years is not supported");
                return None;
            }
            Some(Retention::GraceDays(days))
        }
        (None, Some(date)) => {
            let text = r.string(date, "retention.until_anniversary")?;
            match MonthDay::parse(&text) {
                Some(md) => Some(Retention::UntilAnniversary(md)),
                None => {
                    r.error("retention.until_anniversary", format!("\"{text}\" is not a month and day written MM-DD, such as \"07-01\""));
                    None
                }
            }
        }
        _ => {
            r.error("retention", "give exactly one of \"grace_days\" (days a partner keeps its tier after falling short) or \"until_anniversary\" (MM-DD: demotions only on that date)");
            None
        }
    }
}

/// `"terms": {"certification": "accreditation", "certifications": "accreditations"}`: each a
/// text or one per language; a plural not given is the singular with an "s".
pub(super) fn parse_terms(r: &mut Reader, value: &Value) -> Terms {
    let Some(obj) = r.object(value, "terms", "terms", &["certification", "certifications"]) else {
        return Terms::default();
    };
    let certification = obj.given("certification").and_then(|v| r.text(v, "terms.certification"));
    let certifications = obj.given("certifications").and_then(|v| r.text(v, "terms.certifications")).or_else(|| {
        certification.as_ref().map(|t| match t {
            Text::Plain(s) => Text::Plain(format!("{s}s")),
            Text::Localized(entries) => Text::Localized(entries.iter().map(|(l, s)| (l.clone(), format!("{s}s"))).collect()),
        })
    });
    Terms { certification, certifications }
}
