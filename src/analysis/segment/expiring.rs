//! Certifications about to expire, listed by the lab's summary: they depend on the date and
//! the window, not on the program's scoring, so they are kept between scorings.

use super::{ExpiringEntry, Listing, PartnerBase, SegmentOptions};
use crate::program::model::FieldKind;
use crate::program::profile::FieldValue;
use crate::program::Program;

impl PartnerBase {
    /// Certifications valid today that expire within the window, soonest first.
    pub(super) fn expiring_soon(&self, sc: &Program, options: &SegmentOptions) -> Listing<ExpiringEntry> {
        let lang = options.lang.as_deref();
        let mut labels = String::new();
        for f in sc.fields().iter().filter(|f| matches!(f.kind, FieldKind::Certifications { .. })) {
            for kind in f.options() {
                labels.push_str(kind.label.get(lang));
                labels.push('\n');
            }
        }
        let key = (options.as_of, options.expiry_days, options.expiry_limit, options.lang.clone(), labels);
        if let Some((k, listing)) = &*self.expiring.borrow() {
            if *k == key {
                return listing.clone();
            }
        }
        let listing = find_expiring(sc, self, options);
        *self.expiring.borrow_mut() = Some((key, listing.clone()));
        listing
    }
}

fn find_expiring(sc: &Program, base: &PartnerBase, options: &SegmentOptions) -> Listing<ExpiringEntry> {
    let as_of = options.as_of;
    let cert_fields: Vec<usize> =
        sc.fields().iter().enumerate().filter(|(_, f)| matches!(f.kind, FieldKind::Certifications { .. })).map(|(i, _)| i).collect();
    // (days left, partner, field, certification): cheap to sort, turned into entries only for those shown.
    let mut found: Vec<(i64, u32, u16, u16)> = Vec::new();
    for (p, profile) in base.profiles.iter().enumerate() {
        for &f in &cert_fields {
            if let FieldValue::Certs(certs) = profile.value(f) {
                for (c, cert) in certs.iter().enumerate() {
                    if let Some(expires) = cert.expires.filter(|_| cert.is_valid_on(as_of)) {
                        let days = as_of.days_until(expires);
                        if days <= i64::from(options.expiry_days) {
                            found.push((days, p as u32, f as u16, c as u16));
                        }
                    }
                }
            }
        }
    }
    found.sort_unstable();
    let lang = options.lang.as_deref();
    let shown = found
        .iter()
        .take(options.expiry_limit)
        .map(|&(days, p, f, c)| {
            let profile = &base.profiles[p as usize];
            let field = &sc.fields()[f as usize];
            let FieldValue::Certs(certs) = profile.value(f as usize) else { unreachable!("found above") };
            let cert = &certs[c as usize];
            let (row, line) = base.places[p as usize];
            ExpiringEntry {
                partner: profile.partner.clone(),
                row: row as usize,
                line: line as usize,
                field: field.id.clone(),
                kind: cert.kind.and_then(|k| field.options().get(k)).map(|k| k.label.get(lang).to_string()),
                name: cert.name.clone(),
                holder: cert.holder.clone(),
                expires: cert.expires.unwrap_or(as_of),
                days_left: days,
            }
        })
        .collect();
    Listing { total: found.len(), shown }
}
