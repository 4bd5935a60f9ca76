//! Evaluating a profile: points per criterion and category, tiers per track, retention.

use crate::program::model::*;
use crate::program::profile::{FieldValue, Profile};
use crate::program::Program;
use crate::text::date::Date;
use crate::text::error::Errors;
use crate::text::format::{fmt_num, text, Num, Piece};
use crate::text::message::Message;
use crate::text::value::Value;

pub use crate::program::model::TOLERANCE;

mod options;
mod result;
pub use options::{resolve, EvalOptions, Resolved, ResolvedOptions};
pub use result::*;

/// The tracks to evaluate for this profile, in program order.
pub(crate) fn selected_tracks(program: &Program, profile: &Profile, resolved: &Resolved) -> Vec<usize> {
    if let Some(t) = resolved.track {
        return vec![t];
    }
    match &profile.tracks {
        Some(tracks) if !tracks.is_empty() => tracks.clone(),
        _ => (0..program.track_count()).collect(),
    }
}

pub(crate) fn selected_region(profile: &Profile, resolved: &Resolved) -> Option<usize> {
    resolved.region.unwrap_or(profile.region)
}

/// Full, explained evaluation.
pub fn evaluate<'a>(program: &'a Program, profile: &Profile, options: &EvalOptions) -> Result<Evaluation<'a>, Errors> {
    let resolved = resolve(program, options)?;
    Ok(evaluate_resolved(program, profile, &resolved))
}

pub fn evaluate_resolved<'a>(program: &'a Program, profile: &Profile, resolved: &Resolved) -> Evaluation<'a> {
    let region = selected_region(profile, resolved);
    let lang = resolved.lang.as_deref();
    let tracks: Vec<TrackResult> = selected_tracks(program, profile, resolved)
        .into_iter()
        .map(|track| explain_track(program, profile, track, region, resolved.as_of, lang))
        .collect();
    let best = tracks
        .iter()
        .filter_map(|t| t.tier.as_ref().map(|tier| (t, tier)))
        .max_by(|(a, ta), (b, tb)| ta.rank.cmp(&tb.rank).then(a.total.total_cmp(&b.total)).then(std::cmp::Ordering::Greater))
        .map(|(t, tier)| BestTier { track: t.track.clone(), tier: tier.clone() });
    Evaluation {
        as_of: resolved.as_of,
        partner: profile.partner.clone(),
        region: region.map(|r| program.regions[r].id.clone()),
        tracks,
        best,
    }
}

/// Score and tier only, per track: what batch scoring needs.
pub fn score(program: &Program, profile: &Profile, options: &EvalOptions) -> Result<Vec<TrackScore>, Errors> {
    let resolved = resolve(program, options)?;
    let mut out = Vec::new();
    score_into(program, profile, &resolved, &mut out);
    Ok(out)
}

/// Appends one compact result per selected track to `out`, allocating nothing else for
/// programs of up to 16 categories.
pub fn score_into(program: &Program, profile: &Profile, resolved: &Resolved, out: &mut Vec<TrackScore>) {
    let region = selected_region(profile, resolved);
    let mut push = |track: usize| {
        let (_, total, earned) = best_path(program, profile, track, region, resolved.as_of);
        let (tier, retention) = apply_retention(program, profile, track, earned, resolved.as_of);
        out.push(TrackScore { track, total, tier, earned_tier: earned, held_by_retention: retention.is_some() });
    };
    match (resolved.track, &profile.tracks) {
        (Some(t), _) => push(t),
        (None, Some(tracks)) if !tracks.is_empty() => tracks.iter().for_each(|&t| push(t)),
        _ => (0..program.track_count()).for_each(push),
    }
}

/// The variant of the path that counts, its total and the tier it earns: the path that earns
/// the highest tier, then the one with the highest total, then the first (paths may change
/// tiers, so a lower total can earn more). The tier is worked out here because choosing
/// among paths needs it; every caller wants it too.
pub(crate) fn best_path<'a>(
    program: &'a Program,
    profile: &Profile,
    track: usize,
    region: Option<usize>,
    as_of: Date,
) -> (&'a Variant, f64, Option<usize>) {
    let chosen = |variant: &'a Variant| {
        let total: f64 = variant.criteria.iter().map(|c| criterion_points(c, profile, as_of)).sum();
        (variant, total, earned_tier(variant, profile, as_of, total))
    };
    if program.paths.len() <= 1 {
        return chosen(program.variant(track, region, 0));
    }
    let mut best: Option<(&Variant, f64, Option<usize>)> = None;
    for variant in program.variants_for(track, region) {
        let (variant, total, earned) = chosen(variant);
        if best.is_none_or(|(_, t, e)| path_is_better(earned, total, e, t)) {
            best = Some((variant, total, earned));
        }
    }
    best.unwrap_or((&program.variants[0], 0.0, None))
}

/// Whether a path that earns `earned` with `total` beats the best so far: a higher tier
/// first (unranked below every tier), then a higher total.
pub(crate) fn path_is_better(earned: Option<usize>, total: f64, best_earned: Option<usize>, best_total: f64) -> bool {
    earned > best_earned || (earned == best_earned && total > best_total + TOLERANCE)
}

/// The highest tier whose minimum score and requirements all hold. `total` is the
/// variant's total as `best_path` returned it; per-criterion points are only worked out
/// again when a requirement needs them.
pub(crate) fn earned_tier(variant: &Variant, profile: &Profile, as_of: Date, total: f64) -> Option<usize> {
    let needs_points = variant.tiers.iter().any(|t| t.requires.iter().any(|r| r.requirement.needs_points()));
    let mut scores = Scores::default();
    if needs_points {
        scores.fill(variant, profile, as_of);
    } else {
        scores.total = total;
    }
    (0..variant.tiers.len()).rev().find(|&i| tier_holds(&variant.tiers[i], variant, profile, as_of, &scores))
}

/// The tier a partner holds after retention rules, and why it is retained.
pub(crate) fn apply_retention(
    program: &Program,
    profile: &Profile,
    track: usize,
    earned: Option<usize>,
    as_of: Date,
) -> (Option<usize>, Option<(Retained, Date)>) {
    let Some(held) = profile.current_tiers.iter().find(|h| h.track == track) else { return (earned, None) };
    if earned.is_some_and(|e| e >= held.tier) || held.since.is_some_and(|s| s > as_of) {
        return (earned, None);
    }
    match program.retention {
        Some(Retention::GraceDays(days)) => {
            let start = held.short_since.unwrap_or(as_of).min(as_of);
            let until = start.add_days(days as i64);
            if as_of <= until {
                (Some(held.tier), Some((Retained::Grace, until)))
            } else {
                (earned, None)
            }
        }
        Some(Retention::UntilAnniversary(anniversary)) => {
            // The first review on or after the day the partner fell short decides.
            let start = held.short_since.unwrap_or(as_of).min(as_of);
            let review = start.add_days(-1).next_anniversary(anniversary);
            if as_of >= review {
                (earned, None)
            } else {
                (Some(held.tier), Some((Retained::Anniversary, review)))
            }
        }
        None => (earned, None),
    }
}

fn explain_track<'a>(
    program: &'a Program,
    profile: &Profile,
    track: usize,
    region: Option<usize>,
    as_of: Date,
    lang: Option<&str>,
) -> TrackResult<'a> {
    // Score every alternative path once; the one earning the highest tier counts, then the
    // highest total, then the first (as in `best_path`).
    let mut path_totals = Vec::with_capacity(program.paths.len());
    let mut best: Option<(usize, &Variant, Scores, Option<usize>)> = None;
    for (index, variant) in program.variants_for(track, region).enumerate() {
        let mut scores = Scores::default();
        scores.fill(variant, profile, as_of);
        let earned = if program.paths.len() > 1 { earned_tier(variant, profile, as_of, scores.total) } else { None };
        if let Some(info) = program.paths.get(index) {
            path_totals.push(PathTotal {
                path: info.id.clone(),
                label: info.label.get(lang).to_string(),
                total: scores.total,
                max: variant.max_total,
            });
        }
        if best.as_ref().is_none_or(|(_, _, b, e)| path_is_better(earned, scores.total, *e, b.total)) {
            best = Some((index, variant, scores, earned));
        }
    }
    let (path_index, variant, scores, _) = best.unwrap_or_else(|| (0, &program.variants[0], Scores::default(), None));
    let total = scores.total;
    let path = program.paths.get(path_index).map(|p| p.id.clone());

    let criteria: Vec<CriterionResult> = variant
        .criteria
        .iter()
        .zip(&scores.criteria)
        .map(|(c, &points)| {
            let field = &program.fields[c.field];
            let (explanation, explanation_i18n) = explain_criterion(program, c, profile, as_of, points, lang);
            CriterionResult {
                id: &c.id,
                label: c.label.get(lang),
                category: &program.categories[c.category].id,
                field: &field.id,
                points,
                max: c.max,
                input: input_value(program, c, profile, as_of),
                explanation,
                explanation_i18n,
            }
        })
        .collect();
    let categories: Vec<CategoryResult> = program
        .categories
        .iter()
        .enumerate()
        .filter(|(i, _)| variant.category_max[*i] > 0.0 || variant.criteria.iter().any(|c| c.category == *i))
        .map(|(i, cat)| {
            let max = variant.category_max[i];
            let points = scores.categories.get(i).copied().unwrap_or(0.0);
            CategoryResult {
                id: &cat.id,
                label: cat.label.get(lang),
                points,
                max,
                share: if max > 0.0 { points / max * 100.0 } else { 0.0 },
            }
        })
        .collect();

    let tiers: Vec<TierCheck> = variant
        .tiers
        .iter()
        .map(|tier| {
            let score_met = tier.min_score.map(|m| total + TOLERANCE >= m);
            let requirements: Vec<RequirementCheck> =
                tier.requires.iter().map(|req| explain_requirement(program, req, variant, profile, as_of, &scores, lang)).collect();
            let met = score_met.unwrap_or(true) && requirements.iter().all(|r| r.met);
            TierCheck { id: &tier.id, label: tier.label.get(lang), min_score: tier.min_score, score_met, met, requirements }
        })
        .collect();
    let earned = tiers.iter().rposition(|t| t.met);
    let (held, retained) = apply_retention(program, profile, track, earned, as_of);
    let tier_ref = |i: usize| TierRef { id: variant.tiers[i].id.clone(), label: variant.tiers[i].label.get(lang).to_string(), rank: i + 1 };
    let retention = retained.map(|(kind, until)| {
        let without = earned.map_or_else(|| "unranked".to_string(), |e| variant.tiers[e].label.get(lang).to_string());
        let held_label = held.map(|h| variant.tiers[h].label.get(lang).to_string()).unwrap_or_default();
        let id = match kind {
            Retained::Grace => "retention.grace",
            Retained::Anniversary => "retention.anniversary",
        };
        let message_i18n = tier_or_unranked(
            Message::new(id).text("tier", held_label.as_str()).date("until", until),
            "without",
            earned.map(|e| variant.tiers[e].label.get(lang)),
        );
        RetentionResult {
            kind,
            until,
            message: match kind {
                Retained::Grace => format!("{held_label} held by grace until {until}; without it: {without}"),
                Retained::Anniversary => format!("{held_label} held until the program anniversary on {until}; without it: {without}"),
            },
            message_i18n,
        }
    });
    let next = earned.map_or(0, |e| e + 1);
    let next_tier = tiers.get(next).map(|t| NextTier {
        id: t.id,
        label: t.label,
        rank: next + 1,
        min_score: t.min_score,
        point_deficit: t.min_score.map_or(0.0, |m| (m - total).max(0.0)),
        unmet_requirements: t.requirements.iter().filter(|r| !r.met).count(),
    });
    TrackResult {
        track: program.tracks.get(track).map(|t| t.id.clone()),
        label: program.tracks.get(track).map(|t| t.label.get(lang).to_string()),
        path,
        path_totals,
        total,
        max: variant.max_total,
        scored: variant.max_total > 0.0,
        categories,
        criteria,
        tier: held.map(tier_ref),
        earned_tier: earned.map(tier_ref),
        retention,
        tiers,
        next_tier,
    }
}

fn input_value(program: &Program, c: &Criterion, profile: &Profile, as_of: Date) -> Value {
    let field = &program.fields[c.field];
    match (profile.value(c.field), &c.rule) {
        (FieldValue::Certs(certs), Rule::Certifications { kinds, .. }) => {
            Value::from(certs.iter().filter(|x| x.is_valid_on(as_of) && kind_matches(x.kind, *kinds)).count())
        }
        (FieldValue::Certs(_), _) | (FieldValue::Empty, Rule::Certifications { .. }) => Value::from(0),
        (FieldValue::Empty, _) => Value::Null,
        (FieldValue::Number(n), _) => Value::Number(*n),
        (FieldValue::Bool(b), _) => Value::Bool(*b),
        (FieldValue::Choice(i), _) => Value::String(field.options()[*i].id.clone()),
        (FieldValue::Multi(set), _) => field.chosen_ids(*set),
        (FieldValue::Date(d), _) => Value::String(d.to_string()),
    }
}

/// `message` with a tier's label as `name`, or "unranked" (the nested `value.unranked`).
pub(crate) fn tier_or_unranked(message: Message, name: &'static str, tier: Option<&str>) -> Message {
    match tier {
        Some(label) => message.text(name, label),
        None => message.part(name, Some(Message::new("value.unranked"))),
    }
}

/// A criterion's points in words, in English and as a message for the page's catalogs.
fn explain_criterion(
    program: &Program,
    c: &Criterion,
    profile: &Profile,
    as_of: Date,
    points: f64,
    lang: Option<&str>,
) -> (String, Message) {
    let field = &program.fields[c.field];
    let name = field.label.get(lang);
    let raw = if c.weight > 0.0 { points / c.weight } else { 0.0 };
    let raw_max = crate::program::model::rule_max(&c.rule);
    let value = profile.value(c.field);
    let number = match value {
        FieldValue::Number(n) => Some(*n),
        _ => None,
    };
    let shown = |n: Option<f64>| Shown(n);
    // The parts every message has: the field, its value, the points and their maximum.
    let message =
        |id: &'static str, max: f64| Message::new(id).text("name", name).maybe_num("value", number).num("points", raw).num("max", max);
    let (mut text, mut msg) = match &c.rule {
        Rule::Linear { from, target, .. } => {
            if *from == 0.0 {
                (
                    text!(name, " ", shown(number), " of target ", Num(*target), " = ", Num(raw), " of ", Num(raw_max)),
                    message("criterion.linear", raw_max).num("target", *target),
                )
            } else {
                (
                    text!(
                        name,
                        " ",
                        shown(number),
                        " on a scale from ",
                        Num(*from),
                        " to ",
                        Num(*target),
                        " = ",
                        Num(raw),
                        " of ",
                        Num(raw_max)
                    ),
                    message("criterion.linear_from", raw_max).num("from", *from).num("target", *target),
                )
            }
        }
        Rule::PerUnit { per, cap } => (
            text!(shown(number), " ", name, " × ", Num(*per), " = ", Num(raw), " of ", Num(*cap)),
            message("criterion.per_unit", *cap).num("per", *per),
        ),
        Rule::Bands { bands } => {
            let reached = number.and_then(|n| bands.iter().rev().find(|b| n + TOLERANCE >= b.0));
            match reached {
                Some(b) => (
                    text!(name, " ", shown(number), " reaches the ", Num(b.0), "+ band = ", Num(raw), " of ", Num(raw_max)),
                    message("criterion.band", raw_max).num("band", b.0),
                ),
                None => (
                    text!(
                        name,
                        " ",
                        shown(number),
                        " is below the lowest band (",
                        Shown(bands.first().map(|b| b.0)),
                        ") = 0 of ",
                        Num(raw_max)
                    ),
                    message("criterion.below_bands", raw_max).maybe_num("lowest", bands.first().map(|b| b.0)),
                ),
            }
        }
        Rule::YesNo { .. } => {
            let answer = match value {
                FieldValue::Bool(true) => "yes",
                FieldValue::Bool(false) => "no",
                _ => "not given",
            };
            let m = Message::new("criterion.yes_no").text("name", name).num("points", raw).num("max", raw_max);
            let m = match value {
                FieldValue::Bool(b) => m.text("answer", if *b { "yes" } else { "no" }),
                _ => m.missing("answer"),
            };
            (text!(name, ": ", answer, " = ", Num(raw), " of ", Num(raw_max)), m)
        }
        Rule::Options { .. } => {
            let m = Message::new("criterion.options").text("name", name).num("points", raw).num("max", raw_max);
            let (chosen, m) = match value {
                FieldValue::Choice(i) => {
                    let label = field.options()[*i].label.get(lang).to_string();
                    (label.clone(), m.list("chosen", vec![label]))
                }
                FieldValue::Multi(set) if *set != 0 => {
                    (field.chosen_labels(*set, lang, ", "), m.list("chosen", field.chosen_label_list(*set, lang)))
                }
                FieldValue::Multi(_) => ("none".into(), m.list("chosen", Vec::new())),
                _ => ("not given".into(), m.missing("chosen")),
            };
            (text!(name, ": ", chosen, " = ", Num(raw), " of ", Num(raw_max)), m)
        }
        Rule::Certifications { kinds, per, cap } => {
            let (valid, expired) = match value {
                FieldValue::Certs(certs) => {
                    let matching = certs.iter().filter(|x| kind_matches(x.kind, *kinds));
                    let valid = matching.clone().filter(|x| x.is_valid_on(as_of)).count();
                    (valid, matching.filter(|x| x.expires.is_some_and(|e| e < as_of)).count())
                }
                _ => (0, 0),
            };
            let kind_names = match kinds {
                Some(set) => text!(" (", field.chosen_labels(*set, lang, ", "), ")"),
                None => String::new(),
            };
            let noun = program.certification_noun(valid, lang);
            let expired_note = if expired > 0 { text!(" (", expired, " expired, not counted)") } else { String::new() };
            let m = program
                .terms_in(Message::new("criterion.certifications"), lang)
                .num("count", valid as f64)
                .num("per", *per)
                .num("points", raw)
                .num("max", *cap)
                .part("kinds", kinds.map(|set| Message::new("criterion.kinds").list("kinds", field.chosen_label_list(set, lang))))
                .part("expired", (expired > 0).then(|| Message::new("criterion.expired").num("count", expired as f64)));
            (text!(valid, " valid ", noun, kind_names, " × ", Num(*per), " = ", Num(raw), " of ", Num(*cap), expired_note), m)
        }
        Rule::Log { target, .. } => (
            text!(name, " ", shown(number), " with diminishing returns, full at ", Num(*target), " = ", Num(raw), " of ", Num(raw_max)),
            message("criterion.log", raw_max).num("target", *target),
        ),
    };
    if c.weight != 1.0 {
        text += &text!(", weight × ", Num(c.weight), " = ", Num(points), " of ", Num(c.max));
        msg = msg.part("weight", Some(Message::new("criterion.weight").num("weight", c.weight).num("points", points).num("max", c.max)));
    }
    (text, msg)
}

pub(crate) fn explain_requirement(
    program: &Program,
    req: &TierRequirement,
    variant: &Variant,
    profile: &Profile,
    as_of: Date,
    scores: &Scores,
    lang: Option<&str>,
) -> RequirementCheck {
    let met = requirement_holds(&req.requirement, variant, profile, as_of, scores);
    let num = Value::Number;
    let (description, message, actual, needed) = match &req.requirement {
        Requirement::Field { field, condition } => {
            let f = &program.fields[*field];
            let name = f.label.get(lang);
            let scalar_text = |s: &Scalar| match s {
                Scalar::Number(n) => fmt_num(*n),
                Scalar::Bool(true) => "yes".into(),
                Scalar::Bool(false) => "no".into(),
                Scalar::Choice(i) => f.options()[*i].label.get(lang).to_string(),
                Scalar::Date(d) => d.to_string(),
            };
            let with_scalar = |m: Message, arg: &'static str, s: &Scalar| match s {
                Scalar::Number(n) => m.num(arg, *n),
                Scalar::Bool(b) => m.yes_no(arg, *b),
                Scalar::Choice(i) => m.text(arg, f.options()[*i].label.get(lang)),
                Scalar::Date(d) => m.date(arg, *d),
            };
            let scalar_value = |s: &Scalar| match s {
                Scalar::Number(n) => num(*n),
                Scalar::Bool(b) => Value::Bool(*b),
                Scalar::Choice(i) => Value::String(f.options()[*i].id.clone()),
                Scalar::Date(d) => Value::String(d.to_string()),
            };
            let actual = match profile.value(*field) {
                FieldValue::Number(n) => num(*n),
                FieldValue::Bool(b) => Value::Bool(*b),
                FieldValue::Choice(i) => Value::String(f.options()[*i].id.clone()),
                FieldValue::Multi(set) => f.chosen_ids(*set),
                FieldValue::Date(d) => Value::String(d.to_string()),
                _ => Value::Null,
            };
            let named = |id: &'static str| Message::new(id).text("name", name);
            match condition {
                Condition::AtLeast(s) => (
                    text!(name, " at least ", scalar_text(s)),
                    with_scalar(named("requirement.at_least"), "value", s),
                    actual,
                    scalar_value(s),
                ),
                Condition::AtMost(s) => (
                    text!(name, " at most ", scalar_text(s)),
                    with_scalar(named("requirement.at_most"), "value", s),
                    actual,
                    scalar_value(s),
                ),
                Condition::Equals(s) => {
                    (text!(name, ": ", scalar_text(s)), with_scalar(named("requirement.equals"), "value", s), actual, scalar_value(s))
                }
                Condition::OneOf(list) => {
                    // Each value as its own nested message, so that numbers and dates are written for the locale.
                    let values: Vec<Message> = list.iter().map(|s| with_scalar(Message::new("value.one"), "value", s)).collect();
                    (
                        format!("{name}: one of {}", list.iter().map(scalar_text).collect::<Vec<_>>().join(", ")),
                        named("requirement.one_of").messages("values", values),
                        actual,
                        Value::Array(list.iter().map(scalar_value).collect()),
                    )
                }
                Condition::Includes(set, min) if *min == set.count_ones() => (
                    text!(name, " include ", f.chosen_labels(*set, lang, ", ")),
                    named("requirement.includes").list("options", f.chosen_label_list(*set, lang)),
                    actual,
                    f.chosen_ids(*set),
                ),
                Condition::Includes(set, min) => (
                    text!(name, " include at least ", *min, " of ", f.chosen_labels(*set, lang, ", ")),
                    named("requirement.includes_some").num("min", *min as f64).list("options", f.chosen_label_list(*set, lang)),
                    actual,
                    f.chosen_ids(*set),
                ),
            }
        }
        Requirement::Certifications { field, kinds, min, of_which } => {
            let f = &program.fields[*field];
            let names = |set: IndexSet| crate::text::format::or_list(&f.chosen_label_list(set, lang));
            let count = valid_certs(profile.value(*field), *kinds, as_of);
            let kinds_text = kinds.map_or_else(String::new, |k| text!(" (", names(k), ")"));
            let message = program
                .terms_in(Message::new("requirement.certifications"), lang)
                .num("min", *min as f64)
                .part("kinds", kinds.map(|k| Message::new("requirement.kinds").list("kinds", f.chosen_label_list(k, lang))));
            match of_which {
                None => (
                    text!("At least ", *min, " valid ", program.certification_noun(*min as usize, lang), kinds_text),
                    message,
                    Value::from(count),
                    Value::from(*min),
                ),
                Some((sub, sub_min)) => {
                    let sub_count = valid_certs(profile.value(*field), Some(*sub), as_of);
                    (
                        text!(
                            "At least ",
                            *min,
                            " valid ",
                            program.certification_noun(*min as usize, lang),
                            kinds_text,
                            ", of which ",
                            *sub_min,
                            " ",
                            names(*sub)
                        ),
                        message.part(
                            "of_which",
                            Some(
                                Message::new("requirement.of_which")
                                    .num("min", *sub_min as f64)
                                    .list("kinds", f.chosen_label_list(*sub, lang)),
                            ),
                        ),
                        Value::String(text!(count, ", of which ", sub_count)),
                        Value::String(text!(*min, ", of which ", *sub_min)),
                    )
                }
            }
        }
        Requirement::CategoryPoints { category, min } => {
            let label = program.categories[*category].label.get(lang);
            (
                text!(label, ": at least ", Num(*min), " points"),
                Message::new("requirement.category_points").text("category", label).num("min", *min),
                num(scores.categories[*category]),
                num(*min),
            )
        }
        Requirement::CategoryShare { category, min_percent } => {
            let label = program.categories[*category].label.get(lang);
            let max = variant.category_max[*category];
            let share = if max > 0.0 { scores.categories[*category] / max * 100.0 } else { 0.0 };
            (
                text!(label, ": at least ", Num(*min_percent), "% of its ", Num(max), " points"),
                Message::new("requirement.category_share").text("category", label).num("min", *min_percent).num("max", max),
                num(share),
                num(*min_percent),
            )
        }
        Requirement::AllCriteriaAboveZero => {
            let above = scores.criteria.iter().filter(|p| **p > 0.0).count();
            let zero: Vec<&str> =
                variant.criteria.iter().zip(&scores.criteria).filter(|(_, p)| **p <= 0.0).map(|(c, _)| c.label.get(lang)).collect();
            let (description, message) = if zero.is_empty() {
                ("Every criterion above zero".to_string(), Message::new("requirement.all_above_zero"))
            } else {
                (
                    format!("Every criterion above zero (at zero: {})", zero.join(", ")),
                    Message::new("requirement.all_above_zero_except").list("criteria", zero.iter().map(|z| z.to_string()).collect()),
                )
            };
            (description, message, Value::from(above), Value::from(variant.criteria.len()))
        }
    };
    // A requirement's own label (the program's words) replaces the generated sentence.
    let (description, description_i18n) = match &req.label {
        Some(l) => (l.get(lang).to_string(), Message::new("requirement.label").text("label", l.get(lang))),
        None => (description, message),
    };
    RequirementCheck { description, description_i18n, met, actual, needed }
}

/// A number, or "not given" when the field is empty.
struct Shown(Option<f64>);

impl Piece for Shown {
    fn put(&self, out: &mut String) {
        match self.0 {
            Some(n) => Num(n).put(out),
            None => out.push_str("not given"),
        }
    }
}

/// Points per criterion and category for one variant.
#[derive(Debug, Default, Clone)]
pub(crate) struct Scores {
    pub criteria: Vec<f64>,
    pub categories: Vec<f64>,
    pub total: f64,
}

impl Scores {
    pub fn fill(&mut self, variant: &Variant, profile: &Profile, as_of: Date) {
        self.criteria.clear();
        self.categories.clear();
        self.categories.resize(variant.category_max.len(), 0.0);
        self.total = 0.0;
        for c in &variant.criteria {
            let p = criterion_points(c, profile, as_of);
            self.criteria.push(p);
            self.categories[c.category] += p;
            self.total += p;
        }
    }
}

impl Requirement {
    pub(crate) fn needs_points(&self) -> bool {
        matches!(self, Requirement::CategoryPoints { .. } | Requirement::CategoryShare { .. } | Requirement::AllCriteriaAboveZero)
    }
}

pub(crate) fn tier_holds(tier: &Tier, variant: &Variant, profile: &Profile, as_of: Date, scores: &Scores) -> bool {
    tier.min_score.is_none_or(|m| scores.total + TOLERANCE >= m)
        && tier.requires.iter().all(|r| requirement_holds(&r.requirement, variant, profile, as_of, scores))
}

pub(crate) fn requirement_holds(req: &Requirement, variant: &Variant, profile: &Profile, as_of: Date, scores: &Scores) -> bool {
    match req {
        Requirement::Field { field, condition } => condition_holds(condition, profile.value(*field)),
        Requirement::Certifications { field, kinds, min, of_which } => {
            let value = profile.value(*field);
            valid_certs(value, *kinds, as_of) >= *min as usize
                && of_which.is_none_or(|(sub, sub_min)| valid_certs(value, Some(sub), as_of) >= sub_min as usize)
        }
        Requirement::CategoryPoints { category, min } => scores.categories.get(*category).is_some_and(|p| p + TOLERANCE >= *min),
        Requirement::CategoryShare { category, min_percent } => {
            let max = variant.category_max.get(*category).copied().unwrap_or(0.0);
            let points = scores.categories.get(*category).copied().unwrap_or(0.0);
            if max <= 0.0 {
                *min_percent <= 0.0
            } else {
                points / max * 100.0 + TOLERANCE >= *min_percent
            }
        }
        Requirement::AllCriteriaAboveZero => scores.criteria.len() == variant.criteria.len() && scores.criteria.iter().all(|p| *p > 0.0),
    }
}

pub(crate) fn condition_holds(condition: &Condition, value: &FieldValue) -> bool {
    let compare = |s: &Scalar| -> Option<std::cmp::Ordering> {
        match (value, s) {
            (FieldValue::Number(v), Scalar::Number(x)) => {
                if (v - x).abs() <= TOLERANCE * x.abs().max(1.0) {
                    Some(std::cmp::Ordering::Equal)
                } else {
                    v.partial_cmp(x)
                }
            }
            (FieldValue::Date(v), Scalar::Date(x)) => Some(v.cmp(x)),
            (FieldValue::Bool(v), Scalar::Bool(x)) => Some(if v == x { std::cmp::Ordering::Equal } else { std::cmp::Ordering::Less }),
            (FieldValue::Choice(v), Scalar::Choice(x)) => Some(if v == x { std::cmp::Ordering::Equal } else { std::cmp::Ordering::Less }),
            _ => None,
        }
    };
    match condition {
        Condition::AtLeast(s) => compare(s).is_some_and(|o| o.is_ge()),
        Condition::AtMost(s) => compare(s).is_some_and(|o| o.is_le()),
        Condition::Equals(s) => compare(s).is_some_and(|o| o.is_eq()),
        Condition::OneOf(list) => list.iter().any(|s| compare(s).is_some_and(|o| o.is_eq())),
        Condition::Includes(set, min) => matches!(value, FieldValue::Multi(v) if (v & set).count_ones() >= *min),
    }
}

fn kind_matches(kind: Option<usize>, kinds: Option<IndexSet>) -> bool {
    match kinds {
        None => true,
        Some(set) => kind.is_some_and(|k| k < 64 && set & (1 << k) != 0),
    }
}

pub(crate) fn valid_certs(value: &FieldValue, kinds: Option<IndexSet>, as_of: Date) -> usize {
    match value {
        FieldValue::Certs(certs) => certs.iter().filter(|c| c.is_valid_on(as_of) && kind_matches(c.kind, kinds)).count(),
        _ => 0,
    }
}

/// Weighted points of one criterion.
pub(crate) fn criterion_points(c: &Criterion, profile: &Profile, as_of: Date) -> f64 {
    c.weight * raw_points(&c.rule, profile.value(c.field), as_of)
}

pub(crate) fn raw_points(rule: &Rule, value: &FieldValue, as_of: Date) -> f64 {
    // A value not filled in scores nothing, even on a scale that starts below zero.
    if matches!(value, FieldValue::Empty) {
        return 0.0;
    }
    let number = || match value {
        FieldValue::Number(n) => *n,
        _ => 0.0,
    };
    match rule {
        Rule::Linear { from, target, points } => points * ((number() - from) / (target - from)).clamp(0.0, 1.0),
        Rule::PerUnit { per, cap } => (number().max(0.0) * per).min(*cap),
        Rule::Bands { bands } => {
            let n = number();
            if matches!(value, FieldValue::Empty) {
                return 0.0;
            }
            bands.iter().rev().find(|b| n + TOLERANCE >= b.0).map_or(0.0, |b| b.1)
        }
        Rule::YesNo { points } => {
            if matches!(value, FieldValue::Bool(true)) {
                *points
            } else {
                0.0
            }
        }
        Rule::Options { points, cap } => match value {
            FieldValue::Choice(i) => points.get(*i).copied().unwrap_or(0.0),
            FieldValue::Multi(set) => {
                let sum: f64 = points.iter().enumerate().filter(|(i, _)| set & (1 << i) != 0).map(|(_, p)| p).sum();
                sum.min(cap.unwrap_or(f64::INFINITY))
            }
            _ => 0.0,
        },
        Rule::Certifications { kinds, per, cap } => (valid_certs(value, *kinds, as_of) as f64 * per).min(*cap),
        Rule::Log { target, scale, points } => {
            let n = number();
            if n <= 0.0 {
                0.0
            } else if n >= *target {
                *points
            } else {
                points * ((n / scale).ln_1p() / (target / scale).ln_1p())
            }
        }
    }
}
