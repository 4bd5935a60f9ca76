//! Building a prepared program: the whole file read in order, tracks, regions and paths
//! merged into their variants, and the checks that need more than one part of the program.

use super::parse::*;
use super::settings::{parse_retention, parse_terms};
use crate::limits::*;
use crate::program::model::*;
use crate::text::error::join_key;
use crate::text::error::{join_index, Issue};
use crate::text::format::fmt_num;
use crate::text::read::{describe, too_many, Object, Reader};
use crate::text::value::Value;
use crate::util::{IdMap, SmallSet};

/// One JSON object patched over another (RFC 7386 merge patch): keys in the patch replace,
/// `null` removes, nested objects merge.
pub(super) fn merge_patch(target: &mut Value, patch: &Value) {
    match (target, patch) {
        (Value::Object(target_map), Value::Object(patch_map)) => {
            for (key, patch_value) in patch_map {
                if patch_value.is_null() {
                    target_map.remove(key);
                } else {
                    merge_patch(target_map.get_or_insert_null(key), patch_value);
                }
            }
        }
        (target, patch) => *target = patch.clone(),
    }
}

/// A tier as the check of the tiers' order sees it.
pub(super) struct TierOrder {
    id: String,
    min_score: Option<f64>,
    has_requirements: bool,
}

/// A JSON value together with where it came from, most recent patch first, so that an
/// error in a merged criterion or tier points at the line the program manager wrote.
pub(super) struct Layered<'a> {
    pub(super) merged: Value,
    pub(super) sources: Vec<(String, &'a Value)>,
    /// Each requirement with its own sources, once a variant edited the requirements one by
    /// one (`requires.change`, `.add`, ...): positions no longer match any source's list.
    pub(super) requirements: Option<Vec<Layered<'a>>>,
}

/// The source of a value no layer wrote whole (see `Layered::source_of`).
static NOTHING: Value = Value::Null;

impl<'a> Layered<'a> {
    /// Whether a track, region or path (not the base program) gave the value at `relative`.
    pub(super) fn is_patched(&self, relative: &str) -> bool {
        self.sources.len() > 1 && self.sources.last().is_some_and(|(base, _)| self.locate(relative) != join_key(base, relative))
    }

    pub(super) fn new(path: &str, value: &'a Value) -> Self {
        Layered { merged: value.clone(), sources: vec![(path.to_string(), value)], requirements: None }
    }

    /// Where the value at `relative` was written, and that value as written (`NOTHING` when
    /// no one source holds it whole, as for a merged object).
    pub(super) fn source_of(&self, relative: &str) -> (String, &'a Value) {
        let segments = split_path(relative);
        let whole = self.sources.iter().find(|(_, source)| matching_depth(source, &segments) > segments.len());
        let value = whole.and_then(|(_, source)| {
            segments.iter().try_fold(*source, |current, segment| match (segment, current) {
                (Segment::Key(k), Value::Object(map)) => map.get(k),
                (Segment::Index(i), Value::Array(items)) => items.get(*i),
                _ => None,
            })
        });
        (self.locate(relative), value.unwrap_or(&NOTHING))
    }

    pub(super) fn locate(&self, relative: &str) -> String {
        if let (Some(requirements), Some(rest)) = (&self.requirements, relative.strip_prefix("requires[")) {
            let end = rest.find(']').unwrap_or(rest.len());
            if let Some(requirement) = rest.get(..end).and_then(|i| i.parse::<usize>().ok()).and_then(|i| requirements.get(i)) {
                let inner = rest.get(end + 1..).unwrap_or("");
                return requirement.locate(inner.strip_prefix('.').unwrap_or(inner));
            }
        }
        let segments = split_path(relative);
        let mut best: Option<(usize, &str)> = None;
        for (prefix, source) in &self.sources {
            let depth = matching_depth(source, &segments);
            if best.is_none_or(|(d, _)| depth > d) {
                best = Some((depth, prefix));
            }
        }
        let prefix = best.map_or("", |(_, p)| p);
        if relative.is_empty() {
            prefix.to_string()
        } else if relative.starts_with('[') || prefix.is_empty() {
            format!("{prefix}{relative}")
        } else {
            format!("{prefix}.{relative}")
        }
    }
}

pub(super) enum Segment {
    Key(String),
    Index(usize),
}

pub(super) fn split_path(path: &str) -> Vec<Segment> {
    let mut segments = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('[') {
            if let Some(after_quote) = after.strip_prefix('"') {
                // A byte search, not `find("\"]")`: see `variant_context`.
                let end = after_quote.as_bytes().windows(2).position(|w| w == b"\"]").unwrap_or(after_quote.len());
                segments.push(Segment::Key(after_quote.get(..end).unwrap_or_default().to_string()));
                rest = after_quote.get(end + 2..).unwrap_or("");
            } else {
                let end = after.find(']').unwrap_or(after.len());
                segments.push(Segment::Index(after.get(..end).and_then(|i| i.parse().ok()).unwrap_or(usize::MAX)));
                rest = after.get(end + 1..).unwrap_or("");
            }
        } else {
            let rest_trimmed = rest.strip_prefix('.').unwrap_or(rest);
            let end = rest_trimmed.find(['.', '[']).unwrap_or(rest_trimmed.len());
            segments.push(Segment::Key(rest_trimmed.get(..end).unwrap_or_default().to_string()));
            rest = rest_trimmed.get(end..).unwrap_or_default();
        }
    }
    segments
}

pub(super) fn matching_depth(value: &Value, segments: &[Segment]) -> usize {
    let mut current = value;
    for (depth, segment) in segments.iter().enumerate() {
        let next = match (segment, current) {
            (Segment::Key(k), Value::Object(map)) => map.get(k),
            (Segment::Index(i), Value::Array(items)) => items.get(*i),
            _ => None,
        };
        match next {
            Some(v) => current = v,
            None => return depth,
        }
    }
    segments.len() + 1
}

/// Tracks, regions and paths as read, with their patches still as JSON.
pub(super) struct VariantDef<'a> {
    info: VariantInfo,
    path: String,
    criteria_patches: Vec<(String, String, &'a Value)>,
    added_criteria: Vec<(String, &'a Value)>,
    tier_patches: Vec<(String, String, &'a Value)>,
}

#[derive(Default)]
pub(super) struct Builder {
    pub(super) reader: Reader,
    variant_error_paths: SmallSet<String>,
    /// What is allowed but probably not meant (see `Program::warnings`), once per place.
    pub(super) warnings: Vec<Issue>,
}

/// Maps ids to positions; with duplicate ids (already reported) the first one counts.
pub(super) fn index_of<'a>(ids: impl Iterator<Item = &'a str>) -> IdMap<usize> {
    let mut index = IdMap::new();
    for (i, id) in ids.enumerate() {
        if !index.contains_key(id) {
            index.insert(id.to_string(), i);
        }
    }
    index
}

/// Ids declared under `key` (fields, categories) that did not make it into `read`.
pub(super) fn unreadable<'a>(root: &'a Object, key: &str, read: &IdMap<usize>) -> impl Iterator<Item = String> + 'a {
    let read: SmallSet<String> = read.keys().cloned().collect();
    root.get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|item| item.get("id").and_then(Value::as_str))
        .filter(move |id| !read.contains(&id.to_string()))
        .map(str::to_string)
}

impl Builder {
    pub(super) fn build(&mut self, value: &Value) -> Option<Program> {
        let r = &mut self.reader;
        let root = r.object(value, "", "a program", PROGRAM_KEYS)?;
        // Sizes first: everything below takes time and memory in proportion to them.
        if !within_limits(r, root) {
            return None;
        }

        match root.get("format") {
            None => r.error("format", format!("\"format\" is required: add \"format\": {FORMAT_VERSION} so the file keeps working with later versions of the engine")),
            Some(v) => match v.as_f64().filter(|n| n.fract() == 0.0 && *n >= 0.0 && *n < 1e15).map(|n| n as u64) {
                Some(FORMAT_VERSION) => {}
                Some(n) if n > FORMAT_VERSION => r.error(
                    "format",
                    format!("this file uses format {n}, which is newer than this engine understands (format {FORMAT_VERSION}); update partner-scorecard"),
                ),
                _ => r.error("format", format!("unknown format {}; this engine reads format {FORMAT_VERSION}", describe(v))),
            },
        }
        let id = root.get("id").and_then(|v| r.id(v, "id")).unwrap_or_default();
        let name = r.required(root, "", "name").and_then(|v| r.text(v, "name")).unwrap_or_default();
        let description = root.get("description").and_then(|v| r.text(v, "description"));
        let version = root.get("version").and_then(|v| r.string(v, "version"));
        let currency = root.get("currency").and_then(|v| {
            let c = r.string(v, "currency")?;
            if c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()) {
                Some(c)
            } else {
                r.error("currency", format!("\"{c}\" is not an ISO 4217 currency code such as \"USD\" or \"EUR\""));
                None
            }
        });
        let effort_unit = root.get("effort_unit").and_then(|v| r.text(v, "effort_unit"));
        let languages = r.items(root.get("languages"), "languages").into_iter().filter_map(|(p, v)| r.string(v, &p)).collect();
        let retention = root.get("retention").and_then(|v| parse_retention(r, v));
        let terms = root.given("terms").map(|v| parse_terms(r, v)).unwrap_or_default();

        let sections = self.sections(root);
        let fields = self.fields(root, &sections);
        let field_index = index_of(fields.iter().map(|f| f.id.as_str()));
        let categories = self.categories(root);
        let category_index = index_of(categories.iter().map(|c| c.id.as_str()));
        let category_index_weights = self.category_index_weights(root, &categories);
        let broken: SmallSet<String> =
            unreadable(root, "fields", &field_index).chain(unreadable(root, "categories", &category_index)).collect();
        let ctx = Context {
            fields: &fields,
            field_index: &field_index,
            category_index: &category_index,
            category_count: categories.len(),
            broken: &broken,
            category_index_weights,
        };

        let r = &mut self.reader;
        let base_criteria: Vec<(String, &Value)> = r.items(root.get("criteria"), "criteria");
        let base_tiers: Vec<(String, &Value)> = match root.given("tiers") {
            None => {
                r.error("tiers", "\"tiers\" is required: a program needs at least one tier");
                Vec::new()
            }
            Some(v) => r.items(Some(v), "tiers"),
        };
        if base_tiers.is_empty() && root.get("tiers").is_some_and(|v| v.as_array().is_some_and(|a| a.is_empty())) {
            r.error("tiers", "a program needs at least one tier");
        }
        let criterion_ids = unique_ids(r, &base_criteria, "criterion");
        let tier_ids = unique_ids(r, &base_tiers, "tier");

        let tracks = self.variant_defs(root, "tracks", "a track", TRACK_KEYS);
        let regions = self.variant_defs(root, "regions", "a region", TRACK_KEYS);
        let paths = self.variant_defs(root, "paths", "a scoring path", PATH_KEYS);

        // Patch targets must exist somewhere, or the patch is a silent no-op.
        let mut all_criterion_ids: SmallSet<&str> = criterion_ids.iter().map(String::as_str).collect();
        for def in tracks.iter().chain(&regions).chain(&paths) {
            for (path, item) in &def.added_criteria {
                if let Some(id) = item.get("id").and_then(Value::as_str) {
                    if !all_criterion_ids.insert(id) && criterion_ids.iter().any(|c| c == id) {
                        self.reader.error(
                            &join_key(path, "id"),
                            format!("criterion \"{id}\" already exists in the base program; patch it under \"criteria\" instead"),
                        );
                    }
                }
            }
        }
        for def in tracks.iter().chain(&regions).chain(&paths) {
            for (id, path, _) in &def.criteria_patches {
                if !all_criterion_ids.contains(&id.as_str()) {
                    self.reader.error(
                        path,
                        format!("no criterion \"{id}\" to change; known criteria: {}", list(all_criterion_ids.iter().copied())),
                    );
                }
            }
            for (id, path, _) in &def.tier_patches {
                if !tier_ids.contains(id) {
                    self.reader
                        .error(path, format!("no tier \"{id}\" to change; known tiers: {}", list(tier_ids.iter().map(String::as_str))));
                }
            }
        }

        let track_slots: Vec<Option<&VariantDef>> = if tracks.is_empty() { vec![None] } else { tracks.iter().map(Some).collect() };
        let region_slots: Vec<Option<&VariantDef>> = std::iter::once(None).chain(regions.iter().map(Some)).collect();
        let path_slots: Vec<Option<&VariantDef>> = if paths.is_empty() { vec![None] } else { paths.iter().map(Some).collect() };

        let mut variants = Vec::with_capacity(track_slots.len() * region_slots.len() * path_slots.len());
        for track in &track_slots {
            for region in &region_slots {
                for path in &path_slots {
                    let layers: Vec<&VariantDef> = [track, region, path].into_iter().flatten().copied().collect();
                    variants.push(self.variant(&ctx, &base_criteria, &base_tiers, &layers));
                }
            }
        }

        if !self.reader.issues.is_empty() {
            return None;
        }
        Some(Program {
            id,
            name,
            description,
            version,
            currency,
            effort_unit,
            languages,
            retention,
            terms,
            sections,
            tier_ids,
            variants,
            tracks: tracks.into_iter().map(|t| t.info).collect(),
            regions: regions.into_iter().map(|t| t.info).collect(),
            paths: paths.into_iter().map(|t| t.info).collect(),
            fields,
            categories,
            field_index,
            warnings: Vec::new(),
        })
    }

    pub(super) fn sections(&mut self, root: &Object) -> Vec<Section> {
        let r = &mut self.reader;
        let items = r.items(root.get("sections"), "sections");
        unique_ids(r, &items, "section");
        items
            .iter()
            .filter_map(|(path, v)| {
                let obj = r.object(v, path, "a section", SECTION_KEYS)?;
                let id = r.required(obj, path, "id").and_then(|v| r.id(v, &join_key(path, "id")));
                let label = r.required(obj, path, "label").and_then(|v| r.text(v, &join_key(path, "label")));
                let help = obj.get("help").and_then(|v| r.text(v, &join_key(path, "help")));
                Some(Section { id: id?, label: label?, help })
            })
            .collect()
    }

    pub(super) fn fields(&mut self, root: &Object, sections: &[Section]) -> Vec<Field> {
        let r = &mut self.reader;
        let items = r.items(root.get("fields"), "fields");
        if items.is_empty() {
            r.error("fields", "a program needs at least one profile field for partners to fill in");
        }
        unique_ids(r, &items, "field");
        items.iter().filter_map(|(path, v)| parse_field(r, v, path, sections)).collect()
    }

    pub(super) fn categories(&mut self, root: &Object) -> Vec<Category> {
        let r = &mut self.reader;
        let items = r.items(root.get("categories"), "categories");
        unique_ids(r, &items, "category");
        items
            .iter()
            .filter_map(|(path, v)| {
                let obj = r.object(v, path, "a category", CATEGORY_KEYS)?;
                let id = r.required(obj, path, "id").and_then(|v| r.id(v, &join_key(path, "id")));
                let label = r.required(obj, path, "label").and_then(|v| r.text(v, &join_key(path, "label")));
                let help = obj.get("help").and_then(|v| r.text(v, &join_key(path, "help")));
                let weight = match obj.get("weight") {
                    Some(v) => Some(r.non_negative(v, &join_key(path, "weight"))?),
                    None => None,
                };
                Some(Category { id: id?, label: label?, help, weight })
            })
            .collect()
    }

    /// The weights of a category-weighted index and its scale, when categories have weights:
    /// every category or none, and `score_scale` only with them.
    pub(super) fn category_index_weights(&mut self, root: &Object, categories: &[Category]) -> Option<(Vec<f64>, f64)> {
        let r = &mut self.reader;
        let scale = root.get("score_scale").and_then(|v| r.positive(v, "score_scale"));
        let weighted = categories.iter().filter(|c| c.weight.is_some()).count();
        if weighted == 0 {
            if scale.is_some() {
                r.error(
                    "score_scale",
                    "\"score_scale\" is the top of a category-weighted index; give the categories a \"weight\" to use it, or leave it out",
                );
            }
            return None;
        }
        if let Some((i, unweighted)) = categories.iter().enumerate().find(|(_, c)| c.weight.is_none()) {
            let example = categories.iter().find(|c| c.weight.is_some()).map_or(String::new(), |c| c.id.clone());
            r.error(
                &join_index("categories", i),
                format!("category \"{}\" has no \"weight\" while \"{example}\" has one: in a category-weighted index every category needs a weight (0 to leave it out)", unweighted.id),
            );
            return None;
        }
        Some((categories.iter().map(|c| c.weight.unwrap_or(0.0)).collect(), scale.unwrap_or(100.0)))
    }

    pub(super) fn variant_defs<'a>(&mut self, root: &'a Object, key: &str, what: &str, keys: &[&str]) -> Vec<VariantDef<'a>> {
        let r = &mut self.reader;
        let items = r.items(root.get(key), key);
        unique_ids(r, &items, what.strip_prefix("a ").unwrap_or(what));
        let mut defs = Vec::new();
        for (path, v) in items {
            let Some(obj) = r.object(v, &path, what, keys) else { continue };
            let id = r.required(obj, &path, "id").and_then(|v| r.id(v, &join_key(&path, "id")));
            let label = r.required(obj, &path, "label").and_then(|v| r.text(v, &join_key(&path, "label")));
            let help = obj.get("help").and_then(|v| r.text(v, &join_key(&path, "help")));
            let criteria_patches = patches(r, obj, &path, "criteria", true);
            let tier_patches = patches(r, obj, &path, "tiers", false);
            let added_criteria = r.items(obj.get("add_criteria"), &join_key(&path, "add_criteria"));
            let (Some(id), Some(label)) = (id, label) else { continue };
            defs.push(VariantDef { info: VariantInfo { id, label, help }, path, criteria_patches, added_criteria, tier_patches });
        }
        defs
    }

    /// Merges the base criteria and tiers with each layer's patches, parses the result and
    /// checks what only makes sense for the whole combination (tier order, reachability).
    pub(super) fn variant(
        &mut self,
        ctx: &Context,
        base_criteria: &[(String, &Value)],
        base_tiers: &[(String, &Value)],
        layers: &[&VariantDef],
    ) -> Variant {
        let mut criteria_layers: Vec<(String, Layered)> = base_criteria
            .iter()
            .map(|(path, v)| {
                // A criterion without a readable id is still parsed, so that its errors are reported.
                let id = v.get("id").and_then(Value::as_str).unwrap_or_default().to_string();
                (id, Layered::new(path, v))
            })
            .collect();
        let mut tier_layers: Vec<Layered> = base_tiers.iter().map(|(path, v)| Layered::new(path, v)).collect();
        for layer in layers {
            for (path, added) in &layer.added_criteria {
                if let Some(id) = added.get("id").and_then(Value::as_str) {
                    criteria_layers.push((id.to_string(), Layered::new(path, added)));
                }
            }
            for (id, path, patch) in &layer.criteria_patches {
                if let Some(position) = criteria_layers.iter().position(|(cid, _)| cid == id) {
                    if patch.is_null() {
                        criteria_layers.remove(position);
                    } else {
                        let entry = &mut criteria_layers[position].1;
                        merge_patch(&mut entry.merged, patch);
                        entry.sources.insert(0, (path.clone(), *patch));
                    }
                }
            }
        }
        let context = variant_context(layers);
        for (k, layer) in layers.iter().enumerate() {
            // A change is about the combination up to the layer that wrote it ("in track
            // x", not "in track x, path y" for a track's change).
            let written_in = variant_context(&layers[..=k]);
            for (id, path, patch) in &layer.tier_patches {
                let position = base_tiers.iter().position(|(_, v)| v.get("id").and_then(Value::as_str) == Some(id));
                if let Some(entry) = position.and_then(|p| tier_layers.get_mut(p)) {
                    self.patch_tier(entry, id, path, patch, &written_in);
                }
            }
        }

        let mut criteria: Vec<Criterion> = Vec::new();
        let mut all_criteria_read = true;
        // The most the criteria with mistakes could score, as far as they say, in all and by
        // category.
        let mut unread_max = Some(0.0);
        let mut unread_category_max = Some(vec![0.0; ctx.category_count]);
        for (_, layered) in &criteria_layers {
            let mut local = Reader::default();
            let parsed = parse_criterion(&mut local, &layered.merged, ctx);
            for issue in local.issues {
                self.reader.relocated(&layered.locate(&issue.path), issue);
            }
            if parsed.is_none() {
                all_criteria_read = false;
                let most = written_max(&layered.merged);
                unread_max = unread_max.zip(most).map(|(a, b)| a + b);
                let category = layered.merged.get("category").and_then(Value::as_str).and_then(|c| ctx.category_index.get(c));
                unread_category_max = match (unread_category_max, category, most) {
                    (Some(mut maxima), Some(&c), Some(most)) => {
                        maxima[c] += most;
                        Some(maxima)
                    }
                    _ => None,
                };
            }
            criteria.extend(parsed);
        }
        let mut category_max = vec![0.0; ctx.category_count];
        for c in &criteria {
            category_max[c.category] += c.max;
        }
        if let (Some((weights, scale)), true) = (&ctx.category_index_weights, all_criteria_read) {
            // A category-weighted index: each category's share of its maximum, weighted among
            // the categories that have criteria here, scaled to `score_scale`. Folded into the
            // criteria's weights, so that the total stays a sum of criterion points (and the
            // plan search stays exact).
            let total_weight: f64 = (0..category_max.len()).filter(|&i| category_max[i] > 0.0).map(|i| weights[i]).sum();
            if total_weight > 0.0 {
                for c in &mut criteria {
                    let category_points = category_max[c.category];
                    let factor = if category_points > 0.0 { scale * weights[c.category] / (total_weight * category_points) } else { 0.0 };
                    c.weight *= factor;
                    c.max *= factor;
                }
                category_max = vec![0.0; ctx.category_count];
                for c in &criteria {
                    category_max[c.category] += c.max;
                }
            } else if !criteria.is_empty() {
                self.variant_error("categories", format!("{context}every category with criteria has weight 0, so the index is always 0"));
            }
        }
        let max_total: f64 = criteria.iter().map(|c| c.max).sum();
        // Maxima are only known when every criterion could be read; otherwise a criterion's
        // own mistake would also be reported as unreachable tiers.
        // A tier minimum above the maximum is still reported when the criteria with mistakes
        // say what they could score at most (not in an index, whose scaling needs them all).
        let (check_category_max, check_max_total) = if all_criteria_read {
            (category_max.clone(), max_total)
        } else {
            let unscaled = ctx.category_index_weights.is_none();
            let known_max = unread_max.filter(|_| unscaled).map_or(f64::INFINITY, |m| max_total + m);
            let known_category_max = match unread_category_max.filter(|_| unscaled) {
                Some(unread) => category_max.iter().zip(unread).map(|(read, unread)| read + unread).collect(),
                None => vec![f64::INFINITY; category_max.len()],
            };
            (known_category_max, known_max)
        };
        if all_criteria_read && !criteria.is_empty() && max_total == 0.0 {
            self.variant_error("criteria", format!("{context}every criterion is worth 0 points, so scores cannot tell partners apart"));
        }

        let mut tiers = Vec::new();
        // What the order of tiers needs, read from every tier, also those with a mistake
        // elsewhere: an order error is known at once, not after the other mistakes are fixed.
        // (A tier that is not even an object, or has no readable id, has its own error.)
        let order: Vec<Option<TierOrder>> = tier_layers
            .iter()
            .map(|layered| {
                let tier = layered.merged.as_object()?;
                Some(TierOrder {
                    id: tier.get("id").and_then(Value::as_str)?.to_string(),
                    min_score: tier.get("min_score").and_then(Value::as_f64).filter(|m| m.is_finite()),
                    has_requirements: tier.get("requires").and_then(Value::as_array).is_some_and(|r| !r.is_empty()),
                })
            })
            .collect();
        for layered in &tier_layers {
            let mut local = Reader::default();
            let parsed = parse_tier(&mut local, &layered.merged, ctx, &criteria, &check_category_max, check_max_total);
            for issue in local.issues {
                let path = layered.locate(&issue.path);
                if issue.message.starts_with("can never") {
                    self.variant_error(&path, format!("{context}{}", issue.message));
                } else {
                    self.reader.relocated(&path, issue);
                }
            }
            if let Some(tier) = parsed {
                tiers.push(tier);
            }
        }
        self.check_tier_order(&order, &tier_layers, &context);
        Variant { criteria, tiers, category_max, max_total }
    }

    /// Something allowed but probably not meant, once per place (the first combination
    /// found names where it happens).
    pub(super) fn warning(&mut self, path: &str, message: String) {
        if self.warnings.len() < MAX_ISSUES && !self.warnings.iter().any(|w| w.path == path) {
            self.warnings.push(Issue::new(path, message));
        }
    }

    /// Reports a problem that depends on the track/region/path combination once per place,
    /// not once per combination: the first combination found names where it happens.
    pub(super) fn variant_error(&mut self, path: &str, message: String) {
        if self.variant_error_paths.insert(path.to_string()) {
            self.reader.error(path, message);
        }
    }

    pub(super) fn check_tier_order(&mut self, tiers: &[Option<TierOrder>], layers: &[Layered], context: &str) {
        let mut previous: Option<(usize, f64)> = None;
        for (i, tier) in tiers.iter().enumerate() {
            let Some(tier) = tier else { continue };
            if i > 0 && tier.min_score.is_none() && !tier.has_requirements {
                self.variant_error(
                    &layers[i].locate(""),
                    format!("{context}tier \"{}\" has no minimum score and no requirements, so every partner would hold it and no tier below it could ever be held", tier.id),
                );
            }
            let Some(min) = tier.min_score else { continue };
            if let Some((j, previous_min)) = previous {
                let Some(lower) = &tiers[j] else { continue };
                // Point at the minimum a track or region changed, since that is what broke the order.
                let at = if layers[j].is_patched("min_score") && !layers[i].is_patched("min_score") {
                    layers[j].locate("min_score")
                } else {
                    layers[i].locate("min_score")
                };
                if min < previous_min {
                    self.variant_error(
                        &at,
                        format!("{context}tiers are out of order: \"{}\" needs {} points but comes after \"{}\", which needs {}; list tiers from lowest to highest", tier.id, fmt_num(min), lower.id, fmt_num(previous_min)),
                    );
                } else if min == previous_min && !tier.has_requirements {
                    self.variant_error(
                        &at,
                        format!("{context}tier \"{}\" overlaps \"{}\": both need {} points and \"{}\" adds no requirement, so \"{}\" could never be held", tier.id, lower.id, fmt_num(min), tier.id, lower.id),
                    );
                }
            }
            previous = Some((i, min));
        }
    }
}

/// Checks the sizes that preparation's work grows with (README, "Limits"), before any of it.
pub(super) fn within_limits(r: &mut Reader, root: &Object) -> bool {
    let before = r.issues.len();
    let len = |value: Option<&Value>| value.and_then(Value::as_array).map_or(0, Vec::len);
    let check = |r: &mut Reader, path: &str, found: usize, max: usize, what: &str| {
        if found > max {
            r.error(path, too_many(found, max, what));
        }
    };
    for (key, max, what) in [
        ("fields", MAX_FIELDS, "fields"),
        ("sections", MAX_FIELDS, "sections"),
        ("categories", MAX_LIST, "categories"),
        ("criteria", MAX_CRITERIA, "criteria"),
        ("tiers", MAX_TIERS, "tiers"),
        ("tracks", MAX_TRACKS, "tracks"),
        ("regions", MAX_REGIONS, "regions"),
        ("paths", MAX_PATHS, "scoring paths"),
    ] {
        check(r, key, len(root.get(key)), max, what);
    }
    let mut criteria = len(root.get("criteria"));
    for key in ["tracks", "regions", "paths"] {
        for (i, variant) in root.get(key).and_then(Value::as_array).into_iter().flatten().enumerate().take(MAX_REGIONS) {
            let path = join_index(key, i);
            let added = len(variant.get("add_criteria"));
            criteria += added;
            let patches = |k: &str| variant.get(k).and_then(Value::as_object).map_or(0, Object::len);
            check(r, &join_key(&path, "add_criteria"), added, MAX_CRITERIA, "added criteria");
            check(r, &join_key(&path, "criteria"), patches("criteria"), MAX_CRITERIA, "criterion changes");
            check(r, &join_key(&path, "tiers"), patches("tiers"), MAX_TIERS, "tier changes");
        }
    }
    check(r, "criteria", criteria, MAX_CRITERIA, "criteria in all (with those tracks, regions and paths add)");
    let variants = len(root.get("tracks")).max(1) * (len(root.get("regions")) + 1) * len(root.get("paths")).max(1);
    check(r, "", variants, MAX_VARIANTS, "track × region × path combinations (regions count one more, for none)");
    if variants <= MAX_VARIANTS {
        let prepared = variants * (criteria + len(root.get("tiers")));
        check(r, "", prepared, MAX_PREPARED, "criteria and tiers to prepare over all track × region × path combinations");
    }
    r.issues.len() == before
}

pub(super) fn variant_context(layers: &[&VariantDef]) -> String {
    if layers.is_empty() {
        return String::new();
    }
    // "tracks[0]" names a track: the list's key without its plural s. (Text searches with a
    // `&str` pattern link core's substring search and, through its panic message, Unicode
    // tables: kilobytes of wasm for three words.)
    let names: Vec<String> = layers
        .iter()
        .map(|l| {
            let list = l.path.split('[').next().unwrap_or("");
            format!("{} \"{}\"", list.strip_suffix('s').unwrap_or(list), l.info.id)
        })
        .collect();
    format!("in {}: ", names.join(", "))
}

pub(super) fn patches<'a>(r: &mut Reader, obj: &'a Object, path: &str, key: &str, allow_remove: bool) -> Vec<(String, String, &'a Value)> {
    let Some(value) = obj.get(key) else { return Vec::new() };
    let path = join_key(path, key);
    let Value::Object(map) = value else {
        r.error(
            &path,
            format!("expected an object of {} id -> changes, found {}", if key == "tiers" { "tier" } else { "criterion" }, describe(value)),
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for (id, patch) in map {
        let patch_path = join_key(&path, id);
        match patch {
            Value::Object(fields) => {
                if fields.contains_key("id") {
                    r.error(&join_key(&patch_path, "id"), "a change cannot rename; ids stay as in the base program");
                }
                out.push((id.clone(), patch_path, patch));
            }
            Value::Null if allow_remove => out.push((id.clone(), patch_path, patch)),
            other => r.error(
                &patch_path,
                format!(
                    "expected an object of changes{}, found {}",
                    if allow_remove { " (or null to drop the criterion)" } else { "" },
                    describe(other)
                ),
            ),
        }
    }
    out
}
