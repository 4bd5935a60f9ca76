//! How plan steps name what changes: values, certification nouns and renewals, as words and as
//! JSON.

use crate::eval::valid_certs;
use crate::program::model::*;
use crate::program::profile::{Certification, FieldValue};
use crate::program::Program;
use crate::text::date::Date;
use crate::text::format::fmt_num;
use crate::text::message::Message;
use crate::text::value::Value;

pub(super) fn current_set(value: &FieldValue) -> IndexSet {
    match value {
        FieldValue::Multi(set) => *set,
        _ => 0,
    }
}

pub(super) fn cert_noun(program: &Program, field: &Field, kinds: Option<IndexSet>, count: usize, lang: Option<&str>) -> String {
    let noun = program.certification_noun(count, lang);
    match kinds {
        Some(set) => format!("{} {noun}", field.chosen_labels(set, lang, " or ")),
        None => noun.to_string(),
    }
}

/// A certification a plan renews that has not expired yet (it expires before the plan's horizon).
fn valid_today(cert: &Certification, today: Date) -> bool {
    cert.expires.is_some_and(|e| e >= today)
}

/// A certification to renew as plans name it: "Cloud Pro of Ann (expired 2026-10-01)", or
/// "(expires 2026-12-20)" for one that is still valid `today` but not at the plan's horizon.
pub(super) fn expired_certification(program: &Program, cert: &Certification, today: Date, lang: Option<&str>) -> String {
    let name = cert.name.as_deref().unwrap_or_else(|| program.certification_noun(1, lang));
    let holder = cert.holder.as_ref().map(|h| format!(" of {h}")).unwrap_or_default();
    let verb = if valid_today(cert, today) { "expires" } else { "expired" };
    format!("{name}{holder} ({verb} {})", cert.expires.map(|e| e.to_string()).unwrap_or_default())
}

/// A renewal as a message: "renew {certification}{holder} (expired {date})", or
/// `change.renew_expiring` for one still valid `today`.
pub(super) fn renewal_message(program: &Program, cert: &Certification, today: Date, lang: Option<&str>) -> Message {
    certification_message(if valid_today(cert, today) { "change.renew_expiring" } else { "change.renew" }, program, cert, lang)
}

/// Message `id` about one certification: its name (or the program's word for one), its holder
/// and its expiry date as the arguments `certification`, `holder` and `expired`.
pub(super) fn certification_message(id: &'static str, program: &Program, cert: &Certification, lang: Option<&str>) -> Message {
    let m = Message::new(id);
    let m = match &cert.name {
        Some(name) => m.text("certification", name.as_str()),
        None => m.part("certification", Some(program.terms_in(Message::new("value.a_certification"), lang))),
    };
    let m = m.part("holder", cert.holder.as_ref().map(|h| Message::new("change.holder").text("holder", h.as_str())));
    match cert.expires {
        Some(e) => m.date("expired", e),
        None => m.text("expired", ""),
    }
}

/// `value` of `field` as the argument `name` of a message (see `describe_value` for the words).
pub(super) fn with_value(
    m: Message,
    name: &'static str,
    program: &Program,
    field: &Field,
    value: &FieldValue,
    lang: Option<&str>,
) -> Message {
    match value {
        FieldValue::Empty => m.missing(name),
        FieldValue::Number(n) => m.num(name, *n),
        FieldValue::Bool(b) => m.yes_no(name, *b),
        FieldValue::Choice(i) => m.text(name, field.options()[*i].label.get(lang)),
        FieldValue::Multi(set) => m.list(name, field.chosen_label_list(*set, lang)),
        FieldValue::Date(d) => m.date(name, *d),
        FieldValue::Certs(c) => {
            m.part(name, Some(program.terms_in(Message::new("value.certifications"), lang).num("count", c.len() as f64)))
        }
    }
}

/// A plan step as a message: a value changed, options added, or (given) certifications.
pub(super) fn change_message(
    program: &Program,
    field: &Field,
    from: &FieldValue,
    to: &FieldValue,
    certifications: Option<&Message>,
    lang: Option<&str>,
) -> Message {
    let name = field.label.get(lang);
    match (to, certifications) {
        (_, Some(m)) => m.clone(),
        (FieldValue::Multi(set), _) => {
            Message::new("change.add_options").text("name", name).list("options", field.chosen_label_list(set & !current_set(from), lang))
        }
        _ => {
            let m = with_value(Message::new("change.value").text("name", name), "from", program, field, from, lang);
            with_value(m, "to", program, field, to, lang)
        }
    }
}

pub(super) fn describe_scalar(field: &Field, s: &Scalar, lang: Option<&str>) -> String {
    match s {
        Scalar::Number(n) => fmt_num(*n),
        Scalar::Bool(true) => "yes".into(),
        Scalar::Bool(false) => "no".into(),
        Scalar::Choice(i) => field.options()[*i].label.get(lang).to_string(),
        Scalar::Date(d) => d.to_string(),
    }
}

pub(super) fn describe_value(program: &Program, field: &Field, value: &FieldValue, lang: Option<&str>) -> String {
    match value {
        FieldValue::Empty => "not given".into(),
        FieldValue::Number(n) => fmt_num(*n),
        FieldValue::Bool(b) => if *b { "yes" } else { "no" }.into(),
        FieldValue::Choice(i) => field.options()[*i].label.get(lang).to_string(),
        FieldValue::Multi(set) if *set == 0 => "none".into(),
        FieldValue::Multi(set) => field.chosen_labels(*set, lang, ", "),
        FieldValue::Date(d) => d.to_string(),
        FieldValue::Certs(c) => format!("{} {}", c.len(), program.certification_noun(c.len(), lang)),
    }
}

pub(super) fn json_of(field: &Field, value: &FieldValue, as_of: Date) -> Value {
    match value {
        FieldValue::Empty => Value::Null,
        FieldValue::Number(n) => Value::Number(*n),
        FieldValue::Bool(b) => Value::Bool(*b),
        FieldValue::Choice(i) => Value::String(field.options()[*i].id.clone()),
        FieldValue::Multi(set) => field.chosen_ids(*set),
        FieldValue::Date(d) => Value::String(d.to_string()),
        FieldValue::Certs(_) => Value::from(valid_certs(value, None, as_of)),
    }
}

/// What a plan does to a certifications field, as data: the kinds of the certifications it
/// adds (appended after the profile's own) and the names of the expired ones it renews.
pub(super) fn certification_changes(
    field: &Field,
    from: &FieldValue,
    to: &FieldValue,
    as_of: Date,
) -> (Vec<Option<String>>, Vec<Option<String>>) {
    let (FieldKind::Certifications { kinds }, FieldValue::Certs(after)) = (&field.kind, to) else {
        return (Vec::new(), Vec::new());
    };
    let before: &[Certification] = match from {
        FieldValue::Certs(certs) => certs,
        _ => &[],
    };
    let added = after.iter().skip(before.len()).map(|c| c.kind.and_then(|k| kinds.get(k)).map(|k| k.id.clone())).collect();
    let renewed = before
        .iter()
        .zip(after)
        .filter(|(was, now)| was.expires.is_some_and(|e| e < as_of) && now.expires != was.expires)
        .map(|(was, _)| was.name.clone())
        .collect();
    (added, renewed)
}
