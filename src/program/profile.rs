//! A partner's profile: the values it filled in, its region, tracks and current tiers.

use crate::limits::MAX_CERTIFICATIONS;
use crate::program::model::{FieldKind, IndexSet};
use crate::program::Program;
use crate::text::date::Date;
use crate::text::error::{join_key, ErrorKind, Errors};
use crate::text::format::fmt_num;
use crate::text::message::Message;
use crate::text::read::{describe, describe_i18n, Reader};
use crate::text::value::{Object, Value};

pub(super) const PROFILE_KEYS: &[&str] = &["program", "partner", "region", "tracks", "current_tiers", "values"];
pub(super) const HELD_KEYS: &[&str] = &["track", "tier", "since", "short_since"];
pub(super) const CERT_KEYS: &[&str] = &["kind", "name", "holder", "earned", "expires"];

pub use crate::program::model::{Certification, FieldValue, HeldTier, Profile};

impl Program {
    /// A profile with every field empty.
    pub fn empty_profile(&self) -> Profile {
        Profile { values: vec![FieldValue::Empty; self.fields.len()], ..Profile::default() }
    }

    /// Reads a profile from JSON text.
    pub fn profile_from_json(&self, text: &str) -> Result<Profile, Errors> {
        // Valid profiles, the common case, without a value tree; every other text through it.
        if let Some(profile) = self.read_profile_direct(text) {
            return Ok(profile);
        }
        let value = crate::text::value::parse(text).map_err(|e| Errors::new(ErrorKind::Profile, vec![e.into()]))?;
        self.profile_from_parsed(&value)
    }

    /// Reads a profile from any serializable value (a `serde_json::Value`, your own struct),
    /// as if it were written out as JSON text.
    pub fn profile_from_value<T: serde::Serialize + ?Sized>(&self, value: &T) -> Result<Profile, Errors> {
        let text = crate::text::json_write::to_string(value).map_err(|e| Errors::single(ErrorKind::Profile, "", e.to_string()))?;
        self.profile_from_json(&text)
    }

    /// Reads and checks a parsed profile; reports every problem at once, each at its field.
    pub fn profile_from_parsed(&self, value: &Value) -> Result<Profile, Errors> {
        let mut r = Reader::default();
        let mut profile = self.empty_profile();
        if let Some(obj) = r.object(value, "", "a profile", PROFILE_KEYS) {
            // Which program the profile was written for (an exported file says so); it changes
            // nothing in the score, and a page compares it with the program in use.
            if let Some(v) = obj.given("program") {
                if let Some(program) = r.object(v, "program", "a program reference", &["id", "version"]) {
                    for key in ["id", "version"] {
                        if let Some(text) = program.given(key) {
                            r.string(text, &join_key("program", key));
                        }
                    }
                }
            }
            if let Some(v) = obj.given("partner") {
                profile.partner = r.string(v, "partner");
            }
            if let Some(v) = obj.given("region") {
                profile.region = self.resolve_region(&mut r, v, "region");
            }
            if let Some(v) = obj.given("tracks") {
                let items = r.items(Some(v), "tracks");
                let mut tracks: Vec<usize> = items.iter().filter_map(|(p, v)| self.resolve_track(&mut r, v, p)).collect();
                crate::util::sort_indexes(&mut tracks);
                tracks.dedup();
                profile.tracks = Some(tracks);
            }
            for (p, v) in r.items(obj.get("current_tiers"), "current_tiers") {
                if let Some(held) = self.held_tier(&mut r, v, &p) {
                    if profile.current_tiers.iter().any(|h| h.track == held.track) {
                        r.error_i18n(
                            &p,
                            "a partner holds one tier per track; this track is listed twice",
                            Message::new("profile.held_twice"),
                        );
                    } else {
                        profile.current_tiers.push(held);
                    }
                }
            }
            match obj.given("values") {
                None => {}
                Some(Value::Object(values)) => self.read_values(&mut r, values, &mut profile),
                Some(other) => r.error_i18n(
                    "values",
                    format!("expected an object of field id -> value, found {}", describe(other)),
                    Message::new("profile.values_not_object").part("found", Some(describe_i18n(other))),
                ),
            }
        }
        if r.issues.is_empty() {
            Ok(profile)
        } else {
            Err(Errors::new(ErrorKind::Profile, r.into_issues()))
        }
    }

    fn read_values(&self, r: &mut Reader, values: &Object, profile: &mut Profile) {
        for (key, value) in values {
            let path = || join_key("values", key);
            match self.field_index.get(key) {
                None => r.error_i18n(
                    &path(),
                    format!("unknown field \"{key}\"; this program has no such field"),
                    Message::new("profile.unknown_field").text("key", key.as_str()),
                ),
                Some(&i) => {
                    if let Some(v) = self.field_value(r, i, value, &path) {
                        profile.values[i] = v;
                    }
                }
            }
        }
    }

    /// Checks one value against its field. `Value::Null` (and an empty string from a form)
    /// means "not filled in". `path` is only called to report a problem: a valid value, the
    /// common case, costs no path string.
    pub(crate) fn field_value(&self, r: &mut Reader, field: usize, value: &Value, path: &dyn Fn() -> String) -> Option<FieldValue> {
        let field = &self.fields[field];
        if value.is_null() {
            return Some(FieldValue::Empty);
        }
        match &field.kind {
            FieldKind::Number { min, max, integer, .. } => {
                let Some(n) = value.as_f64().filter(|n| n.is_finite()) else {
                    let message = format!("\"{}\" must be a number, found {}", field.id, describe(value));
                    match value.as_str() {
                        // Text typed or exported where a number belongs: the common case, worded for the catalogs.
                        Some(text) => r.error_i18n(
                            &path(),
                            message,
                            Message::new("profile.not_a_number")
                                .text("field", field.id.as_str())
                                .text("text", crate::text::read::quoted_text(text)),
                        ),
                        None => r.error_i18n(
                            &path(),
                            message,
                            Message::new("profile.not_a_number_found")
                                .text("field", field.id.as_str())
                                .part("found", Some(describe_i18n(value))),
                        ),
                    }
                    return None;
                };
                if *integer && n.fract() != 0.0 {
                    let i18n = Message::new("profile.whole").text("field", field.id.as_str()).num("found", n);
                    r.error_i18n(&path(), format!("\"{}\" must be a whole number, found {}", field.id, fmt_num(n)), i18n);
                    return None;
                }
                if let Some(lo) = min.filter(|lo| n < *lo) {
                    let i18n = Message::new("profile.at_least").text("field", field.id.as_str()).num("min", lo).num("found", n);
                    r.error_i18n(&path(), format!("\"{}\" must be at least {}, found {}", field.id, fmt_num(lo), fmt_num(n)), i18n);
                    return None;
                }
                if let Some(hi) = max.filter(|hi| n > *hi) {
                    let i18n = Message::new("profile.at_most").text("field", field.id.as_str()).num("max", hi).num("found", n);
                    r.error_i18n(&path(), format!("\"{}\" must be at most {}, found {}", field.id, fmt_num(hi), fmt_num(n)), i18n);
                    return None;
                }
                Some(FieldValue::Number(n))
            }
            FieldKind::Boolean => match value {
                Value::Bool(b) => Some(FieldValue::Bool(*b)),
                other => {
                    r.error_i18n(
                        &path(),
                        format!("\"{}\" must be true or false, found {}", field.id, describe(other)),
                        Message::new("profile.not_bool").text("field", field.id.as_str()).part("found", Some(describe_i18n(other))),
                    );
                    None
                }
            },
            FieldKind::Choice { options } => {
                let Some(id) = value.as_str() else {
                    r.string(value, &path());
                    return None;
                };
                match options.iter().position(|o| o.id == id) {
                    Some(i) => Some(FieldValue::Choice(i)),
                    None => {
                        let options = quoted(options.iter().map(|o| o.id.as_str()));
                        r.error_i18n(
                            &path(),
                            format!("\"{id}\" is not an option of \"{}\"; choose one of {options}", field.id),
                            Message::new("profile.not_option").text("id", id).text("field", field.id.as_str()).text("options", options),
                        );
                        None
                    }
                }
            }
            FieldKind::MultiChoice { options } => {
                let mut set: IndexSet = 0;
                let mut ok = true;
                for (p, v) in r.items(Some(value), &path()) {
                    let Some(id) = r.string(v, &p) else {
                        ok = false;
                        continue;
                    };
                    match options.iter().position(|o| o.id == id) {
                        Some(i) => set |= 1 << i,
                        None => {
                            let options = quoted(options.iter().map(|o| o.id.as_str()));
                            r.error_i18n(
                                &p,
                                format!("\"{id}\" is not an option of \"{}\"; choose among {options}", field.id),
                                Message::new("profile.not_options")
                                    .text("id", id)
                                    .text("field", field.id.as_str())
                                    .text("options", options),
                            );
                            ok = false;
                        }
                    }
                }
                (ok && value.is_array()).then_some(FieldValue::Multi(set))
            }
            FieldKind::Date => {
                let Some(text) = value.as_str() else {
                    r.string(value, &path());
                    return None;
                };
                match Date::parse(text) {
                    Some(d) => Some(FieldValue::Date(d)),
                    None => {
                        r.error_i18n(
                            &path(),
                            format!("\"{text}\" is not a date written YYYY-MM-DD"),
                            Message::new("profile.date").text("text", text),
                        );
                        None
                    }
                }
            }
            FieldKind::Certifications { kinds } => {
                let mut certs = Vec::new();
                let mut ok = value.as_array().is_some_and(|list| list.len() <= MAX_CERTIFICATIONS);
                let items = r.items_at_most(Some(value), &path(), MAX_CERTIFICATIONS, "certifications in one field");
                for (p, v) in items {
                    let Some(obj) = r.object(v, &p, "a certification", CERT_KEYS) else {
                        ok = false;
                        continue;
                    };
                    let mut cert = Certification::default();
                    let kind_path = join_key(&p, "kind");
                    match obj.given("kind") {
                        Some(v) => match r.string(v, &kind_path) {
                            Some(id) => match kinds.iter().position(|k| k.id == id) {
                                Some(i) => cert.kind = Some(i),
                                None => {
                                    let kinds = quoted(kinds.iter().map(|k| k.id.as_str()));
                                    r.error_i18n(
                                        &kind_path,
                                        format!("unknown certification kind \"{id}\"; use one of {kinds}"),
                                        Message::new("profile.unknown_kind").text("id", id).text("kinds", kinds),
                                    );
                                    ok = false;
                                }
                            },
                            None => ok = false,
                        },
                        None if !kinds.is_empty() => {
                            let kinds = quoted(kinds.iter().map(|k| k.id.as_str()));
                            r.error_i18n(
                                &kind_path,
                                format!("\"kind\" is required: one of {kinds}"),
                                Message::new("profile.kind_required").text("kinds", kinds),
                            );
                            ok = false;
                        }
                        None => {}
                    }
                    cert.name = obj.given("name").and_then(|v| r.string(v, &join_key(&p, "name")));
                    cert.holder = obj.given("holder").and_then(|v| r.string(v, &join_key(&p, "holder")));
                    for (key, slot) in [("earned", &mut cert.earned), ("expires", &mut cert.expires)] {
                        if let Some(v) = obj.given(key).filter(|v| v.as_str() != Some("")) {
                            let dp = join_key(&p, key);
                            match r.string(v, &dp).map(|t| (Date::parse(&t), t)) {
                                Some((Some(d), _)) => *slot = Some(d),
                                Some((None, t)) => {
                                    r.error_i18n(
                                        &dp,
                                        format!("\"{t}\" is not a date written YYYY-MM-DD"),
                                        Message::new("profile.date").text("text", t.as_str()),
                                    );
                                    ok = false;
                                }
                                None => ok = false,
                            }
                        }
                    }
                    if let (Some(e), Some(x)) = (cert.earned, cert.expires) {
                        if x < e {
                            let i18n = Message::new("profile.expires_before_earned").date("expires", x).date("earned", e);
                            r.error_i18n(&join_key(&p, "expires"), format!("expires {x} before it was earned ({e})"), i18n);
                            ok = false;
                        }
                    }
                    certs.push(cert);
                }
                ok.then_some(FieldValue::Certs(certs))
            }
        }
    }

    fn resolve_region(&self, r: &mut Reader, value: &Value, path: &str) -> Option<usize> {
        let id = r.string(value, path)?;
        self.region_named(r, &id, path)
    }

    fn resolve_track(&self, r: &mut Reader, value: &Value, path: &str) -> Option<usize> {
        let id = r.string(value, path)?;
        self.track_named(r, &id, path)
    }

    /// The region with this id, or an error at `path` naming the regions there are. Shared by
    /// JSON profiles, CSV cells and evaluation options, so that all three read the same.
    pub(crate) fn region_named(&self, r: &mut Reader, id: &str, path: &str) -> Option<usize> {
        let found = self.region_by_id(id);
        if found.is_none() {
            if self.regions.is_empty() {
                let i18n = Message::new("profile.no_regions").text("id", id);
                r.error_i18n(path, format!("unknown region \"{id}\": this program has no regional variants"), i18n);
            } else {
                let regions = quoted(self.regions.iter().map(|x| x.id.as_str()));
                let i18n = Message::new("profile.unknown_region").text("id", id).text("regions", regions.as_str());
                r.error_i18n(path, format!("unknown region \"{id}\"; use one of {regions}"), i18n);
            }
        }
        found
    }

    /// The track with this id, or an error at `path` naming the tracks there are.
    pub(crate) fn track_named(&self, r: &mut Reader, id: &str, path: &str) -> Option<usize> {
        let found = self.track_by_id(id);
        if found.is_none() {
            if self.tracks.is_empty() {
                let i18n = Message::new("profile.no_tracks").text("id", id);
                r.error_i18n(path, format!("unknown track \"{id}\": this program has no tracks"), i18n);
            } else {
                let tracks = quoted(self.tracks.iter().map(|x| x.id.as_str()));
                let i18n = Message::new("profile.unknown_track").text("id", id).text("tracks", tracks.as_str());
                r.error_i18n(path, format!("unknown track \"{id}\"; use one of {tracks}"), i18n);
            }
        }
        found
    }

    fn held_tier(&self, r: &mut Reader, value: &Value, path: &str) -> Option<HeldTier> {
        let obj = r.object(value, path, "a current tier", HELD_KEYS)?;
        let track = match obj.given("track") {
            Some(v) => self.resolve_track(r, v, &join_key(path, "track")),
            None if self.tracks.is_empty() => Some(0),
            None => {
                let tracks = quoted(self.tracks.iter().map(|x| x.id.as_str()));
                r.error_i18n(
                    &join_key(path, "track"),
                    format!("\"track\" is required: this program has tracks ({tracks})"),
                    Message::new("profile.track_required").text("tracks", tracks),
                );
                None
            }
        };
        let tier_path = join_key(path, "tier");
        let tier = r.required(obj, path, "tier").and_then(|v| r.string(v, &tier_path)).and_then(|id| {
            let found = self.tier_ids.iter().position(|t| *t == id);
            if found.is_none() {
                let tiers = quoted(self.tier_ids.iter().map(String::as_str));
                let i18n = Message::new("profile.unknown_tier").text("id", id.as_str()).text("tiers", tiers.as_str());
                r.error_i18n(&tier_path, format!("unknown tier \"{id}\"; use one of {tiers}"), i18n);
            }
            found
        });
        let mut dates = [None, None];
        for (slot, key) in dates.iter_mut().zip(["since", "short_since"]) {
            if let Some(v) = obj.given(key) {
                let dp = join_key(path, key);
                if let Some(t) = r.string(v, &dp) {
                    *slot = Date::parse(&t);
                    if slot.is_none() {
                        r.error_i18n(
                            &dp,
                            format!("\"{t}\" is not a date written YYYY-MM-DD"),
                            Message::new("profile.date").text("text", t.as_str()),
                        );
                    }
                }
            }
        }
        Some(HeldTier { track: track?, tier: tier?, since: dates[0], short_since: dates[1] })
    }

    /// Resolves a track id given in options.
    pub(crate) fn track_by_id(&self, id: &str) -> Option<usize> {
        self.tracks.iter().position(|t| t.id == id)
    }

    pub(crate) fn region_by_id(&self, id: &str) -> Option<usize> {
        self.regions.iter().position(|t| t.id == id)
    }
}

pub(crate) fn quoted<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    let all: Vec<String> = ids.map(|id| format!("\"{id}\"")).collect();
    if all.is_empty() {
        "(none)".into()
    } else {
        all.join(", ")
    }
}

impl Program {
    /// A profile as JSON, as a partner would write it: what `profile_from_parsed` reads back
    /// to the same profile (a test checks it on generated partners). For a page that shows one
    /// partner of a base (the lab's drill-down) in the self-assessment element.
    pub fn profile_value(&self, profile: &Profile) -> Value {
        let text = |s: &str| Value::String(s.to_string());
        let date = |d: Date| Value::String(d.to_string());
        let mut out = Object::new();
        if let Some(p) = &profile.partner {
            out.insert("partner".into(), text(p));
        }
        if let Some(r) = profile.region.and_then(|r| self.regions.get(r)) {
            out.insert("region".into(), text(&r.id));
        }
        if let Some(tracks) = &profile.tracks {
            out.insert("tracks".into(), Value::Array(tracks.iter().filter_map(|&t| self.tracks.get(t)).map(|t| text(&t.id)).collect()));
        }
        if !profile.current_tiers.is_empty() {
            let held = profile.current_tiers.iter().map(|h| {
                let mut o = Object::new();
                if let Some(t) = self.tracks.get(h.track) {
                    o.insert("track".into(), text(&t.id));
                }
                o.insert("tier".into(), text(&self.tier_ids[h.tier]));
                if let Some(d) = h.since {
                    o.insert("since".into(), date(d));
                }
                if let Some(d) = h.short_since {
                    o.insert("short_since".into(), date(d));
                }
                Value::Object(o)
            });
            out.insert("current_tiers".into(), Value::Array(held.collect()));
        }
        let mut values = Object::new();
        for (field, value) in self.fields.iter().zip(&profile.values) {
            let v = match value {
                FieldValue::Empty => continue,
                FieldValue::Number(n) => Value::Number(*n),
                FieldValue::Bool(b) => Value::Bool(*b),
                FieldValue::Choice(i) => text(&field.options()[*i].id),
                FieldValue::Multi(set) => field.chosen_ids(*set),
                FieldValue::Date(d) => date(*d),
                FieldValue::Certs(certs) => Value::Array(
                    certs
                        .iter()
                        .map(|c| {
                            let mut o = Object::new();
                            if let Some(k) = c.kind.and_then(|k| field.options().get(k)) {
                                o.insert("kind".into(), text(&k.id));
                            }
                            for (key, part) in [("name", &c.name), ("holder", &c.holder)] {
                                if let Some(s) = part {
                                    o.insert(key.into(), text(s));
                                }
                            }
                            for (key, part) in [("earned", c.earned), ("expires", c.expires)] {
                                if let Some(d) = part {
                                    o.insert(key.into(), date(d));
                                }
                            }
                            Value::Object(o)
                        })
                        .collect(),
                ),
            };
            values.insert(field.id.clone(), v);
        }
        out.insert("values".into(), Value::Object(values));
        Value::Object(out)
    }
}
