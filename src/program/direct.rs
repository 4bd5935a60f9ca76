//! Reading a profile straight from JSON text into a [`Profile`], without a value tree: the
//! common case (a well-formed, valid profile, as the page sends on every keystroke) costs no
//! allocation per key or value. Anything else (an unknown key, a value of the wrong type or
//! out of range, a string with an escape, a key written twice) makes it give up, and
//! [`Program::profile_from_json`] reads the text through the value tree instead, which
//! reports every problem with its path. So this reader only has to agree with the full one
//! on what it accepts, which tests/profiles.rs checks on thousands of profiles.

use crate::limits::MAX_CERTIFICATIONS;
use crate::program::model::{FieldKind, IndexSet};
use crate::program::profile::{Certification, FieldValue, HeldTier, Profile, CERT_KEYS, HELD_KEYS, PROFILE_KEYS};
use crate::program::Program;
use crate::text::date::Date;
use crate::text::value::Tokens;

/// Reads `{ "key": value, ... }`, calling `entry` for each key with the tokens at its value;
/// `None` when the object is not well-formed or `entry` gives up.
fn object<'t>(t: &mut Tokens<'t>, mut entry: impl FnMut(&mut Tokens<'t>, &'t str) -> Option<()>) -> Option<()> {
    if !t.eat(b'{') {
        return None;
    }
    if t.eat(b'}') {
        return Some(());
    }
    loop {
        let key = t.str()?;
        if !t.eat(b':') {
            return None;
        }
        entry(t, key)?;
        if t.eat(b'}') {
            return Some(());
        }
        if !t.eat(b',') {
            return None;
        }
    }
}

/// Reads `[ item, ... ]`, calling `item` for each.
fn array<'t>(t: &mut Tokens<'t>, mut item: impl FnMut(&mut Tokens<'t>) -> Option<()>) -> Option<()> {
    if !t.eat(b'[') {
        return None;
    }
    if t.eat(b']') {
        return Some(());
    }
    loop {
        item(t)?;
        if t.eat(b']') {
            return Some(());
        }
        if !t.eat(b',') {
            return None;
        }
    }
}

/// Reads an object whose keys must be among `keys` (the full reader's lists), each at most
/// once, calling `entry` with the key for every value that is not `null` (which means "not
/// given"); `None` for any other key, a key written twice, or what `entry` gives up on.
fn keyed_object<'t>(
    t: &mut Tokens<'t>,
    keys: &[&'static str],
    mut entry: impl FnMut(&mut Tokens<'t>, &'static str) -> Option<()>,
) -> Option<()> {
    // Every key list has at most 8 keys: one bit each.
    let mut seen = 0u8;
    object(t, |t, key| {
        let i = keys.iter().position(|k| *k == key)?;
        let bit = 1u8 << i;
        if seen & bit != 0 {
            return None;
        }
        seen |= bit;
        if t.null() {
            return Some(());
        }
        entry(t, keys[i])
    })
}

impl Program {
    /// The profile in `text` read without a value tree, or `None` when the text needs the
    /// full reader ([`Program::profile_from_json`], which tries this first): for every text
    /// this accepts, the full reader gives the same profile.
    pub fn read_profile_direct(&self, text: &str) -> Option<Profile> {
        let mut t = Tokens::new(text);
        let mut profile = self.empty_profile();
        keyed_object(&mut t, PROFILE_KEYS, |t, key| {
            match key {
                "partner" => profile.partner = Some(t.str()?.to_string()),
                "region" => profile.region = Some(self.region_by_id(t.str()?)?),
                "tracks" => {
                    let mut tracks = Vec::new();
                    array(t, |t| {
                        tracks.push(self.track_by_id(t.str()?)?);
                        Some(())
                    })?;
                    crate::util::sort_indexes(&mut tracks);
                    tracks.dedup();
                    profile.tracks = Some(tracks);
                }
                "current_tiers" => array(t, |t| {
                    let held = self.held_tier_direct(t)?;
                    // One tier per track: a second one is an error the full reader reports.
                    if profile.current_tiers.iter().any(|h| h.track == held.track) {
                        return None;
                    }
                    profile.current_tiers.push(held);
                    Some(())
                })?,
                "values" => self.values_direct(t, &mut profile.values)?,
                _ => return None,
            }
            Some(())
        })?;
        t.at_end().then_some(profile)
    }

    fn held_tier_direct(&self, t: &mut Tokens) -> Option<HeldTier> {
        let (mut track, mut tier, mut dates) = (None, None, [None, None]);
        keyed_object(t, HELD_KEYS, |t, key| {
            let text = t.str()?;
            match key {
                "track" => track = Some(self.track_by_id(text)?),
                "tier" => tier = Some(self.tier_ids.iter().position(|id| id == text)?),
                "since" => dates[0] = Some(Date::parse(text)?),
                "short_since" => dates[1] = Some(Date::parse(text)?),
                _ => return None,
            }
            Some(())
        })?;
        // Without tracks, a held tier is the one track's; with tracks, "track" is required.
        let track = match track {
            Some(track) => track,
            None if self.tracks.is_empty() => 0,
            None => return None,
        };
        Some(HeldTier { track, tier: tier?, since: dates[0], short_since: dates[1] })
    }

    fn values_direct(&self, t: &mut Tokens, values: &mut [FieldValue]) -> Option<()> {
        // Fields already given, to give up on a field written twice: one bit per field (a
        // program has at most MAX_FIELDS = 500), on the stack.
        let mut seen = [0u64; crate::limits::MAX_FIELDS.div_ceil(64)];
        // Forms write fields in the program's order: the field after the last one is tried
        // before the search by id.
        let mut next = 0;
        object(t, |t, key| {
            let field = match self.fields.get(next) {
                Some(f) if f.id == key => next,
                _ => *self.field_index.get(key)?,
            };
            next = field + 1;
            let (word, bit) = (seen.get_mut(field / 64)?, 1u64 << (field % 64));
            if *word & bit != 0 {
                return None;
            }
            *word |= bit;
            values[field] = if t.null() { FieldValue::Empty } else { self.field_value_direct(t, field)? };
            Some(())
        })
    }

    /// One value, checked as `field_value` checks it; `None` for anything it would report.
    fn field_value_direct(&self, t: &mut Tokens, field: usize) -> Option<FieldValue> {
        match &self.fields[field].kind {
            FieldKind::Number { min, max, integer, .. } => {
                let n = t.number()?;
                let fits = !(*integer && n.fract() != 0.0) && min.is_none_or(|lo| n >= lo) && max.is_none_or(|hi| n <= hi);
                fits.then_some(FieldValue::Number(n))
            }
            FieldKind::Boolean => t.literal()?.map(FieldValue::Bool),
            FieldKind::Choice { options } => {
                let id = t.str()?;
                options.iter().position(|o| o.id == id).map(FieldValue::Choice)
            }
            FieldKind::MultiChoice { options } => {
                let mut set: IndexSet = 0;
                array(t, |t| {
                    let id = t.str()?;
                    set |= 1 << options.iter().position(|o| o.id == id)?;
                    Some(())
                })?;
                Some(FieldValue::Multi(set))
            }
            FieldKind::Date => Date::parse(t.str()?).map(FieldValue::Date),
            FieldKind::Certifications { kinds } => {
                let mut certs = Vec::new();
                array(t, |t| {
                    if certs.len() == MAX_CERTIFICATIONS {
                        return None;
                    }
                    let mut cert = Certification::default();
                    keyed_object(t, CERT_KEYS, |t, key| {
                        let text = t.str()?;
                        match key {
                            "kind" => cert.kind = Some(kinds.iter().position(|k| k.id == text)?),
                            "name" => cert.name = Some(text.to_string()),
                            "holder" => cert.holder = Some(text.to_string()),
                            // An empty date is a date not given, as a form sends it.
                            _ if text.is_empty() => {}
                            "earned" => cert.earned = Some(Date::parse(text)?),
                            "expires" => cert.expires = Some(Date::parse(text)?),
                            _ => return None,
                        }
                        Some(())
                    })?;
                    // The kind is required when the field declares kinds; expiry before
                    // earning is an error.
                    let kind_ok = cert.kind.is_some() || kinds.is_empty();
                    let dates_ok = !matches!((cert.earned, cert.expires), (Some(e), Some(x)) if x < e);
                    (kind_ok && dates_ok).then(|| certs.push(cert))
                })?;
                Some(FieldValue::Certs(certs))
            }
        }
    }
}
