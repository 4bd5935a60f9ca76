// Generated from the Rust types by `cargo test --features typescript --test typescript`
// (UPDATE_TYPES=1 rewrites it); do not edit by hand: change the Rust type instead.

/** A program text: one string, or one per language tag (`{"en": "Gold", "de": "Gold-Partner"}`). */
export type Text = string | { [lang: string]: string };

/** Any JSON value (a field's value as given, a requirement's threshold). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A message argument: a number, a text, a list of texts, `null` for "not given", a nested message (dates are `value.date` messages), or a list of messages. */
export type MessageArg = number | string | string[] | null | Message | Message[];

/**
 * One problem, at one place. `path` uses JavaScript accessor syntax relative to the
 * document root (`tiers[2].requires[0].field`); the root itself is the empty string.
 */
export type Issue = {
  path: string,
  message: string,
  /**
   * `message` as a message for the page's catalogs (www/locales/), for the mistakes a
   * partner can make in a form (a number out of range, a date, a certification's dates).
   */
  message_i18n?: Message,
};

/**
 * What kind of document the issues are about.
 */
export type ErrorKind = "program" | "profile" | "options" | "csv" | "plan";

/**
 * One sentence: the catalog key and the values it needs.
 */
export type Message = {
  /**
   * The catalog key, such as `"criterion.per_unit"`.
   */
  id: string,
  /**
   * Argument name -> value: numbers, texts (program labels already in the evaluation's
   * language), lists of texts, dates (`YYYY-MM-DD`), `null` for "not given", or a nested
   * message.
   */
  args: { [name: string]: MessageArg },
};

export type Evaluation = {
  as_of: string,
  partner: string | null,
  region: string | null,
  tracks: Array<TrackResult>,
  /**
   * The highest tier across tracks (ties: the higher total).
   */
  best: BestTier | null,
};

export type BestTier = {
  track: string | null,
  tier: TierRef,
};

export type TrackResult = {
  /**
   * Track id; null when the program has no tracks.
   */
  track: string | null,
  label: string | null,
  /**
   * The alternative scoring path whose total counted, when the program has paths.
   */
  path: string | null,
  path_totals: Array<PathTotal>,
  total: number,
  max: number,
  /**
   * False when the track's criteria can give no points at all (a checklist program, whose
   * tiers are reached by their requirements alone): `total` and `max` are then 0 and say
   * nothing, and a page should say there is no score rather than "0 of 0".
   */
  scored: boolean,
  categories: Array<CategoryResult>,
  criteria: Array<CriterionResult>,
  /**
   * The tier the partner holds, after retention rules; null when unranked.
   */
  tier: TierRef | null,
  /**
   * The tier the partner's profile earns on its own.
   */
  earned_tier: TierRef | null,
  retention: RetentionResult | null,
  tiers: Array<TierCheck>,
  /**
   * The tier above the earned one, and what is missing for it.
   */
  next_tier: NextTier | null,
};

export type TierRef = {
  id: string,
  label: string,
  /**
   * 1 for the first (lowest) tier.
   */
  rank: number,
};

export type PathTotal = {
  path: string,
  label: string,
  total: number,
  max: number,
};

export type RetentionResult = {
  kind: Retained,
  /**
   * Grace: the last day the tier is held without qualifying again. Anniversary: the
   * review day, on which the earned tier applies (the tier is held through the day before).
   */
  until: string,
  message: string,
  /**
   * `message` as a message for the page's catalogs (www/locales/).
   */
  message_i18n: Message,
};

/**
 * Why a partner keeps a tier it no longer earns.
 */
export type Retained = "grace" | "anniversary";

export type CategoryResult = {
  id: string,
  label: string,
  points: number,
  max: number,
  /**
   * Percent of the category's maximum.
   */
  share: number,
};

export type CriterionResult = {
  id: string,
  label: string,
  category: string,
  field: string,
  points: number,
  max: number,
  /**
   * The value used (valid certification count for certification rules).
   */
  input: Json,
  explanation: string,
  /**
   * `explanation` as a message for the page's catalogs (www/locales/).
   */
  explanation_i18n: Message,
};

export type TierCheck = {
  id: string,
  label: string,
  min_score: number | null,
  score_met: boolean | null,
  met: boolean,
  requirements: Array<RequirementCheck>,
};

export type RequirementCheck = {
  description: string,
  /**
   * `description` as a message for the page's catalogs (www/locales/).
   */
  description_i18n: Message,
  met: boolean,
  actual: Json,
  needed: Json,
};

export type NextTier = {
  id: string,
  label: string,
  rank: number,
  min_score: number | null,
  point_deficit: number,
  unmet_requirements: number,
};

/**
 * Score and tier of one partner in one track, with ids resolved for people and exports.
 */
export type CompactResult = {
  /**
   * Index of the data row the result belongs to.
   */
  row: number,
  line: number | null,
  partner: string | null,
  region: string | null,
  /**
   * Track id; `None` when the program has no tracks.
   */
  track: string | null,
  total: number,
  /**
   * The tier held after retention rules; `None` when unranked.
   */
  tier: string | null,
  /**
   * The tier the profile earns on its own.
   */
  earned_tier: string | null,
  held_by_retention: boolean,
  /**
   * The tier above the earned one.
   */
  next_tier: string | null,
  /**
   * Points missing for the next tier's minimum score (0 when only requirements are missing).
   */
  point_deficit: number | null,
};

export type BatchResult = {
  results: Array<CompactResult>,
  errors: Array<RowError>,
  counts: BatchCounts,
};

/**
 * One problem with one row of a batch (or with the header, when `row` is `None`).
 */
export type RowError = {
  /**
   * Index of the data row (0 for the first row after the header); `None` for the header.
   */
  row: number | null,
  /**
   * Line of the CSV text where the record starts, counting from 1; `None` for arrays.
   */
  line: number | null,
  /**
   * Column, counting from 1; `None` when the problem is with the whole row.
   */
  column: number | null,
  /**
   * The column's header (`engineers`, `@region`), or a path inside it (`certs[1].expires`);
   * for arrays, the path inside the profile (`values.engineers`).
   */
  path: string,
  message: string,
  /**
   * For a workbook's sheet: the cell at fault (`"F7"`), or the row's first cell when the
   * problem is with the whole row; `line` is then the sheet's row number.
   * (Boxed: a result whose error is a row error stays small.)
   */
  cell?: string,
  /**
   * `message` as a message for the page's catalogs, for the mistakes a profile's reader
   * names that way (numbers out of range, dates, ...).
   */
  message_i18n?: Message,
};

export type BatchCounts = {
  /**
   * Data rows read (blank lines not counted).
   */
  rows: number,
  /**
   * Rows evaluated.
   */
  evaluated: number,
  /**
   * Rows skipped because of errors.
   */
  skipped: number,
  /**
   * Results (one per row and track).
   */
  results: number,
};

/**
 * The description of a program that a form generator needs.
 */
export type Form = {
  id: string,
  name: Text,
  description?: Text,
  version?: string,
  currency?: string,
  /**
   * What one unit of plan effort is, in the program's words ("hours of work").
   */
  effort_unit?: Text,
  languages: Array<string>,
  sections: Array<Section>,
  fields: Array<Field>,
  categories: Array<Category>,
  tracks: Array<VariantInfo>,
  regions: Array<VariantInfo>,
  tiers: Array<FormTier>,
  max_score: number,
  /**
   * How long a partner keeps a tier it no longer earns; the form asks for the tier held
   * today only when this is set.
   */
  retention?: { grace_days: number } | { until_anniversary: string },
};

export type FormTier = {
  id: string,
  label: Text,
  help?: Text,
  benefits: Array<Text>,
  min_score?: number,
};

export type Section = {
  id: string,
  label: Text,
  help?: Text,
};

/**
 * A profile field as the form shows it.
 */
export type Field = {
  id: string,
  label: Text,
  help?: Text,
  section?: string,
  /**
   * Effort of one unit of change, for least-effort plans (see README).
   */
  effort?: number,
  /**
   * False for facts a partner cannot change (region, years in business).
   */
  actionable: boolean,
} & ({ "type": "number", min?: number, max?: number, integer: boolean, unit?: string, } | { "type": "boolean" } | { "type": "choice", options: Array<Choice>, } | { "type": "multi_choice", options: Array<Choice>, } | { "type": "date" } | { "type": "certifications", kinds: Array<Choice>, });

/**
 * What a profile field holds, with its constraints.
 */
export type FieldKind = {
  "type": "number",
  min?: number,
  max?: number,
  integer: boolean,
  unit?: string,
} | {
  "type": "boolean"
} | {
  "type": "choice",
  options: Array<Choice>,
} | {
  "type": "multi_choice",
  options: Array<Choice>,
} | {
  "type": "date"
} | {
  "type": "certifications",
  kinds: Array<Choice>,
};

export type Choice = {
  id: string,
  label: Text,
};

export type Category = {
  id: string,
  label: Text,
  help?: Text,
  /**
   * The category's weight in a category-weighted index: the total is the weighted mean of
   * the categories' shares, scaled to `score_scale`. Every category has one or none does.
   */
  weight?: number,
};

/**
 * A track, region or alternative scoring path, as the page lists them.
 */
export type VariantInfo = {
  id: string,
  label: Text,
  help?: Text,
};

export type GapReport = {
  as_of: string,
  tracks: Array<TrackGaps>,
};

export type TrackGaps = {
  track: string | null,
  label: string | null,
  total: number,
  tier: TierRef | null,
  earned_tier: TierRef | null,
  target: TierRef | null,
  status: GapStatus,
  /**
   * Points missing for the target's minimum score (0 when it has none or it is met).
   */
  point_deficit: number,
  /**
   * The target's requirements that do not hold yet, with the change each needs.
   */
  unmet: Array<UnmetRequirement>,
  plan: Plan | null,
  /**
   * Cheaper-first plans that change a different set of fields.
   */
  alternatives: Array<Plan>,
  blocked: Blocked | null,
  at_top: TopMargin | null,
  outlook: Outlook,
};

export type GapStatus = "plan" | "top" | "reached" | "blocked";

export type UnmetRequirement = {
  description: string,
  /**
   * `description` as a message for the page's catalogs (www/locales/).
   */
  description_i18n: Message,
  actual: Json,
  needed: Json,
  /**
   * The smallest change that meets this requirement on its own.
   */
  change: string,
  /**
   * `change` as a message for the page's catalogs.
   */
  change_i18n: Message,
};

export type Plan = {
  effort: number,
  changes: Array<Change>,
  /**
   * The alternative scoring path the plan relies on, when the program has paths.
   */
  path: string | null,
  total_after: number,
  tier_after: TierRef,
  summary: string,
  /**
   * `summary` as a message for the page's catalogs (the changes' messages as a list).
   */
  summary_i18n: Message,
  /**
   * False only when the search hit its effort limit (very large programs).
   */
  optimal: boolean,
};

export type Change = {
  field: string,
  label: string,
  from: Json,
  to: Json,
  effort: number,
  description: string,
  /**
   * `description` as a message for the page's catalogs (www/locales/).
   */
  description_i18n: Message,
  /**
   * Points this change alone adds to the total (0 for a change that only meets a
   * requirement).
   */
  points: number,
  /**
   * How many of the target tier's open requirements this change alone meets.
   */
  meets: number,
  /**
   * For a certifications field: one entry per certification to add, its kind's id (`null`
   * where the field declares no kinds). Empty for other fields.
   */
  add_certifications: Array<string | null>,
  /**
   * For a certifications field: the expired certifications to renew, by name as in the
   * profile (`null` for an unnamed one). Empty for other fields.
   */
  renew_certifications: Array<string | null>,
};

export type Blocked = {
  /**
   * The requirement (or "Minimum score") that no plan can meet.
   */
  requirement: string,
  reason: string,
  /**
   * `requirement` and `reason` as messages for the page's catalogs (www/locales/).
   */
  requirement_i18n: Message,
  reason_i18n: Message,
};

export type TopMargin = {
  tier: TierRef,
  /**
   * Points above the top tier's minimum score: how far the total may slip.
   */
  margin: number | null,
  message: string,
  /**
   * `message` as a message for the page's catalogs.
   */
  message_i18n: Message,
};

export type Outlook = {
  window_days: number,
  expiring: Array<Expiring>,
  /**
   * The first expiry within the window that would lower the earned tier.
   */
  tier_drop: TierDrop | null,
  /**
   * Last day of a tier held by grace or until the anniversary.
   */
  retention_ends: string | null,
};

export type Expiring = {
  field: string,
  kind: string | null,
  name: string | null,
  holder: string | null,
  expires: string,
  days_left: number,
};

export type TierDrop = {
  /**
   * First day on which the tier is lower.
   */
  date: string,
  tier: TierRef | null,
  message: string,
  /**
   * `message` as a message for the page's catalogs.
   */
  message_i18n: Message,
};

/**
 * The rows of a partner base: read, evaluated (valid) and skipped (with errors).
 */
export type BaseCounts = {
  rows: number,
  evaluated: number,
  skipped: number,
};

export type SegmentSummary = {
  as_of: string,
  counts: BatchCounts,
  /**
   * Tier ids and labels, lowest first; the counts below follow this order.
   */
  tiers: Array<Label>,
  tracks: Array<TrackSummary>,
  segments: Segments,
  within_reach: ReachListing,
  expiring: Listing<ExpiringEntry>,
  errors: Listing<RowError>,
  /**
   * The program now against the program as opened (set by the lab, `Lab.segment()`).
   */
  versus_baseline?: Comparison,
};

export type Label = {
  id: string,
  label: string,
};

export type Listing<T> = {
  /**
   * How many there are in all; `shown` holds the first of them.
   */
  total: number,
  shown: Array<T>,
};

export type TierCounts = {
  /**
   * Partners per tier held, in the order of `SegmentSummary::tiers`.
   */
  tiers: Array<number>,
  unranked: number,
  partners: number,
};

export type RegionCounts = {
  /**
   * `None` for partners without a region.
   */
  region: string | null,
  label: string,
  /**
   * Partners per tier held, in the order of `SegmentSummary::tiers`.
   */
  tiers: Array<number>,
  unranked: number,
  partners: number,
};

/**
 * Tier held now against the tier held before (the CSV's `@tier`).
 */
export type Movement = {
  promoted: number,
  demoted: number,
  unchanged: number,
  /**
   * Kept a tier it no longer earns, by the grace period.
   */
  held_grace: number,
  /**
   * Kept a tier it no longer earns, until the program's anniversary.
   */
  held_anniversary: number,
  /**
   * Ranked now, no tier before.
   */
  new: number,
  /**
   * No tier before and none now.
   */
  unranked: number,
};

export type TrackSummary = {
  track: string | null,
  label: string | null,
  regions: Array<RegionCounts>,
  movement: Movement,
  average_score: number,
  /**
   * Partners per tier held, in the order of `SegmentSummary::tiers`.
   */
  tiers: Array<number>,
  unranked: number,
  partners: number,
};

export type Axis = {
  category: string,
  label: string,
  threshold: number,
};

/**
 * Two categories as axes: how many partners are high (at or above the threshold) on each.
 */
export type Segments = {
  track: string | null,
  x: Axis,
  y: Axis,
  high_high: number,
  /**
   * High on x, low on y.
   */
  high_low: number,
  low_high: number,
  low_low: number,
};

export type ReachEntry = {
  partner: string | null,
  row: number,
  line: number,
  track: string | null,
  region: string | null,
  total: number,
  /**
   * The tier held, after retention rules.
   */
  tier: string | null,
  /**
   * The tier the profile earns on its own; differs from `tier` while one is retained.
   */
  earned_tier: string | null,
  /**
   * The next tier above the earned one.
   */
  next_tier: string,
  next_min_score: number,
  deficit: number,
  /**
   * The next tier's requirements that do not hold yet: what blocks the partner besides points.
   */
  open: Array<RequirementCheck>,
  /**
   * The least-effort plan's one-line summary; `None` when no plan reaches the tier.
   */
  plan: string | null,
  /**
   * `plan` as a message for the page's catalogs.
   */
  plan_i18n?: Message,
  effort: number | null,
  /**
   * Why no plan reaches the tier.
   */
  blocked: string | null,
  /**
   * `blocked` as a message for the page's catalogs.
   */
  blocked_i18n?: Message,
};

/**
 * The partners within reach of their next tier: close on points (at most `percent` of its
 * minimum score missing) and with a least-effort plan to it of at most `effort`. Candidates
 * close on points are checked a batch at a time (`Lab.checkReach`), closest first; `total`
 * counts those found so far, final when `complete`.
 */
export type ReachListing = {
  total: number,
  /**
   * Cheapest plan first, then closest on points, then file order; each with its plan.
   */
  shown: Array<ReachEntry>,
  /**
   * Results close on points, and how many of them have been checked for a plan.
   */
  candidates: number,
  checked: number,
  complete: boolean,
  effort: number,
  percent: number,
};

/**
 * One setting changed between the program as opened and the tuned one.
 */
export type Edit = {
  /**
   * Where in the program file, as errors name places: `tiers[1].min_score`.
   */
  path: string,
  /**
   * The tier, criterion, field, track or region the setting belongs to (its label in the
   * language asked for), when the path names one.
   */
  subject: string | null,
  /**
   * The setting within it: `min_score`, `weight`, `rule.target`; the whole path otherwise.
   */
  setting: string,
  before: unknown,
  after: unknown,
};

/**
 * Why each listed partner moved, in the order of `versus_baseline.moved.shown`.
 */
export type MoveReasons = {
  edits: Array<Edit>,
  /**
   * How many settings differ in all (`edits` lists the first 200).
   */
  edit_count: number,
  moved: Array<MoveReason>,
};

export type MoveReason = {
  /**
   * Indexes into `edits` of the edits that move this partner on their own.
   */
  because: Array<number>,
  /**
   * No single edit moves it: the edits together do (or edits beyond the first 30).
   */
  together: boolean,
};

export type ExpiringEntry = {
  partner: string | null,
  row: number,
  line: number,
  field: string,
  kind: string | null,
  name: string | null,
  holder: string | null,
  expires: string,
  days_left: number,
};

export type Comparison = {
  /**
   * Per track: partners per tier held (in the order of `SegmentSummary::tiers`, unranked
   * last) with the baseline and now.
   */
  tracks: Array<TrackComparison>,
  /**
   * Results whose tier held is higher now, or lower, than with the baseline.
   */
  promoted: number,
  demoted: number,
  /**
   * The results whose tier changed, in file order (the first 200).
   */
  moved: { total: number, shown: Array<Moved> },
  /**
   * Each number field summed over the partners of each tier of the first track (unranked
   * last), with the baseline and now: the revenue each tier stands for.
   */
  sums: Array<FieldSums>,
};

export type TrackComparison = {
  track: string | null,
  label: string | null,
  before: Array<number>,
  after: Array<number>,
};

export type Moved = {
  partner: string | null,
  /**
   * Data row (`Lab.profile(row)`) and file line.
   */
  row: number,
  line: number,
  track: string | null,
  /**
   * Tier labels held with the baseline and now; `None` for unranked.
   */
  from: string | null,
  to: string | null,
};

export type FieldSums = {
  field: string,
  label: string,
  before: Array<number>,
  after: Array<number>,
};

/**
 * How a CSV file is written: what was detected (or given), for the page to show and let the
 * reader override.
 */
export type CsvFormat = {
  encoding: Encoding,
  /**
   * The file starts with a byte order mark (skipped).
   */
  bom: boolean,
  /**
   * `","`, `";"`, `"\t"` or `"|"`.
   */
  separator: "," | ";" | "\t" | "|",
  /**
   * `"."` or `","`: the mark between a number's whole part and its decimals.
   */
  decimal: "." | ",",
};

/**
 * The text encoding of a file's bytes.
 */
export type Encoding = "utf-8" | "windows-1252";

/**
 * How one header of a file was read: the field or meta column it is, and how that was found.
 */
export type ColumnMatch = {
  header: string,
  /**
   * The field id or meta column; `None` for a column left out or not recognised.
   */
  target: string | null,
  /**
   * `"id"` (the header is the id), `"label"` (a label of the field, in any of the program's
   * languages, ignoring case, spaces and signs), `"mapping"` (given), `"ignored"` (given as
   * left out) or `"unknown"`.
   */
  how: string,
  /**
   * For an unknown header, the field it probably means (a near id or label).
   */
  suggestion?: string,
  /**
   * For a workbook's sheet: the header's cell (`"B3"`).
   */
  cell?: string,
};

/**
 * The changes from the program as opened to the edited one, in the order of the program file.
 */
export type ProgramChanges = {
  /**
   * In the order of the program file: its keys as the file as opened has them (new keys
   * last), the items of each list in their edited order, what was removed where it was;
   * at most 500.
   */
  changes: Array<ProgramChange>,
  /**
   * How many changes there are in all: more than `changes` holds when the list was cut.
   */
  total: number,
};

/**
 * One change: an item added, removed or moved, or one setting of an item changed.
 */
export type ProgramChange = {
  kind: ChangeKind,
  /**
   * Where, as errors name places (`tiers[2].min_score`, `regions[0].tiers.gold.min_score`):
   * in the edited file, or in the file as opened for what was removed.
   */
  path: string,
  /**
   * The item changed: a tier, criterion, field, requirement, ... (the program itself for
   * its own settings).
   */
  subject: ChangeSubject,
  /**
   * The items it belongs to, outermost first: the region of a tier's change in a region,
   * the tier of a requirement, the field of an option.
   */
  within: Array<ChangeSubject>,
  /**
   * The setting changed within the subject (`min_score`, `rule.target`, `label.de`), or
   * the list an entry was added to or removed from (`benefits`); none when the subject
   * itself was added, removed or moved.
   */
  setting?: string,
  /**
   * The value before and after (`null`: none; also when larger than 4,096 values and
   * characters). For a moved item, its position (from 0) before and after; in a track,
   * region or path, a setting it now changes is shown against the base program's value.
   */
  before: Json,
  after: Json,
  /**
   * In English, for a program manager: "Tier Gold: minimum score 70 → 75".
   */
  text: string,
  /**
   * `text` as a message for the page's catalogs (`changes.*`).
   */
  text_i18n: Message,
};

export type ChangeKind = "added" | "removed" | "changed" | "moved";

/**
 * A thing of the program, by kind and label.
 */
export type ChangeSubject = {
  kind: ChangeSubjectKind,
  /**
   * Its id; for a requirement without one, the name it is known by (the field, category or
   * certifications field it checks).
   */
  id?: string,
  /**
   * Its label in the language asked for (a requirement: what it asks for), at most 100
   * characters; the id when it has none.
   */
  label: string,
};

export type ChangeSubjectKind = "program" | "section" | "field" | "option" | "certification_kind" | "category" | "criterion" | "tier" | "requirement" | "track" | "region" | "path";
