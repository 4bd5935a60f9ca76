//! A requirement of the target tier that the partner does not meet: what it asks, what the
//! partner has, and the smallest change that meets it on its own, each as English text and as a
//! message for the catalogs (`description_i18n`, `change_i18n`), so that a page or the command
//! line writes them in the partner's language. The two are built side by side; the page tests
//! check that the English catalog writes each message as the text says it.

use crate::analysis::gap::describe::{
    cert_noun, certification_message, current_set, describe_scalar, describe_value, expired_certification, with_value,
};
use crate::analysis::gap::report::UnmetRequirement;
use crate::eval::{valid_certs, Scores};
use crate::program::model::*;
use crate::program::profile::{Certification, FieldValue, Profile};
use crate::program::Program;
use crate::text::date::Date;
use crate::text::format::{fmt_num, or_list};
use crate::text::message::Message;

pub(super) fn unmet(
    program: &Program,
    req: &TierRequirement,
    variant: &Variant,
    profile: &Profile,
    as_of: Date,
    scores: &Scores,
    lang: Option<&str>,
) -> UnmetRequirement {
    let check = crate::eval::explain_requirement(program, req, variant, profile, as_of, scores, lang);
    let (change, change_i18n) = match &req.requirement {
        Requirement::Field { field, condition } => {
            let f = &program.fields[*field];
            let value = profile.value(*field);
            let (name, from) = (f.label.get(lang), describe_value(program, f, value, lang));
            let start = |id: &'static str| with_value(Message::new(id).text("name", name), "from", program, f, value, lang);
            match condition {
                Condition::AtLeast(s) | Condition::AtMost(s) | Condition::Equals(s) => (
                    format!("{name} {from} → {}", describe_scalar(f, s, lang)),
                    with_value(start("change.value"), "to", program, f, &scalar_value(s), lang),
                ),
                Condition::OneOf(list) => {
                    let options: Vec<String> = list.iter().map(|s| describe_scalar(f, s, lang)).collect();
                    (format!("{name} {from} → {}", or_list(&options)), start("unmet.one_of").list("options", options))
                }
                Condition::Includes(set, min) if *min == set.count_ones() => {
                    let options = f.chosen_label_list(*set & !current_set(value), lang);
                    (format!("{name} {from} → add {}", options.join(", ")), start("unmet.add_options").list("options", options))
                }
                Condition::Includes(set, min) => {
                    let have = current_set(value);
                    let missing = min.saturating_sub((have & set).count_ones());
                    let options = f.chosen_label_list(*set & !have, lang);
                    (
                        format!("{name} {from} → add {missing} of {}", options.join(", ")),
                        start("unmet.add_some_options").num("count", f64::from(missing)).list("options", options),
                    )
                }
            }
        }
        Requirement::Certifications { field, kinds, min, of_which } => {
            let f = &program.fields[*field];
            let value = profile.value(*field);
            let (mut parts, mut messages) = (Vec::new(), Vec::new());
            let mut add = |count: usize, kinds: Option<IndexSet>| {
                let labels = kinds.map(|k| f.chosen_label_list(k, lang)).unwrap_or_default();
                let noun = if labels.is_empty() {
                    cert_noun(program, f, None, count, lang)
                } else {
                    format!("{} {}", or_list(&labels), program.certification_noun(count, lang))
                };
                parts.push(format!("add {count} {noun}"));
                messages.push(
                    program
                        .terms_in(Message::new("change.add_certifications"), lang)
                        .num("count", count as f64)
                        .part("kinds", (!labels.is_empty()).then(|| Message::new("change.kinds").list("kinds", labels))),
                );
            };
            let count = valid_certs(value, *kinds, as_of);
            let mut sub_added = 0;
            if let Some((sub, sub_min)) = of_which {
                let have = valid_certs(value, Some(*sub), as_of);
                if have < *sub_min as usize {
                    sub_added = *sub_min as usize - have;
                    add(sub_added, Some(*sub));
                }
            }
            if count + sub_added < *min as usize {
                add(*min as usize - count - sub_added, *kinds);
            }
            let expired = expired_of(value, *kinds, as_of);
            if !expired.is_empty() {
                // Expired before `as_of`: "Cloud Pro of Ann (expired 2026-10-01)".
                let names: Vec<String> = expired.iter().map(|c| expired_certification(program, c, as_of, lang)).collect();
                parts.push(format!("renewing counts: {}", names.join(", ")));
                let list = expired.iter().map(|c| certification_message("unmet.expired_certification", program, c, lang)).collect();
                messages.push(Message::new("unmet.renewing_counts").messages("certifications", list));
            }
            // "; " between the parts: a kind's label may hold a comma ("Cloud, data").
            let joined = messages
                .into_iter()
                .rev()
                .reduce(|then, first| Message::new("unmet.then").part("first", Some(first)).part("then", Some(then)));
            (parts.join("; "), joined.unwrap_or_else(|| Message::new("unmet.then")))
        }
        Requirement::CategoryPoints { category, min } => {
            let have = scores.categories.get(*category).copied().unwrap_or(0.0);
            more_points(min - have, program.categories[*category].label.get(lang))
        }
        Requirement::CategoryShare { category, min_percent } => {
            let max = variant.category_max[*category];
            let have = scores.categories.get(*category).copied().unwrap_or(0.0);
            more_points(min_percent / 100.0 * max - have, program.categories[*category].label.get(lang))
        }
        Requirement::AllCriteriaAboveZero => {
            let zero: Vec<String> = variant
                .criteria
                .iter()
                .zip(&scores.criteria)
                .filter(|(_, p)| **p <= 0.0)
                .map(|(c, _)| c.label.get(lang).to_string())
                .collect();
            (format!("score above zero in {}", zero.join(", ")), Message::new("unmet.above_zero").list("criteria", zero))
        }
    };
    UnmetRequirement {
        description: check.description,
        description_i18n: check.description_i18n,
        actual: check.actual,
        needed: check.needed,
        change,
        change_i18n,
    }
}

fn more_points(points: f64, category: &str) -> (String, Message) {
    (
        format!("{} more points in {category}", fmt_num(points)),
        Message::new("unmet.more_points").num("points", points).text("category", category),
    )
}

fn scalar_value(s: &Scalar) -> FieldValue {
    match s {
        Scalar::Number(n) => FieldValue::Number(*n),
        Scalar::Bool(b) => FieldValue::Bool(*b),
        Scalar::Choice(i) => FieldValue::Choice(*i),
        Scalar::Date(d) => FieldValue::Date(*d),
    }
}

/// The expired certifications (of `kinds`) that count again once renewed.
fn expired_of(value: &FieldValue, kinds: Option<IndexSet>, as_of: Date) -> Vec<&Certification> {
    let FieldValue::Certs(certs) = value else { return Vec::new() };
    certs
        .iter()
        .filter(|c| c.expires.is_some_and(|e| e < as_of) && kinds.is_none_or(|k| c.kind.is_some_and(|i| k & (1 << i) != 0)))
        .collect()
}
