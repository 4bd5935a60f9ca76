/** Text for people: one string, or one per language (`{"en": "Gold", "de": "Gold"}`). */
export type Text = string | { [lang: string]: string };

/** Any JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// ---------------------------------------------------------------- program (input)

/** A partner program file, format 1 (see README "Program format"). */
export interface Program {
  $schema?: string;
  format: 1;
  id?: string;
  name: Text;
  description?: Text;
  version?: string;
  /** ISO 4217 code, such as "EUR". */
  currency?: string;
  languages?: string[];
  retention?: { grace_days: number } | { until_anniversary: string };
  sections?: { id: string; label: Text; help?: Text }[];
  fields: ProgramField[];
  categories?: { id: string; label: Text; help?: Text }[];
  criteria?: ProgramCriterion[];
  tiers: ProgramTier[];
  tracks?: ProgramVariant[];
  regions?: ProgramVariant[];
  paths?: { id: string; label: Text; help?: Text; criteria?: { [criterion: string]: Partial<ProgramCriterion> | null } }[];
}

export type ProgramField = {
  id: string;
  label: Text;
  help?: Text;
  section?: string;
  /** Effort of one unit of change, for least-effort plans. */
  effort?: number;
  /** False for facts a partner cannot change. Default true. */
  actionable?: boolean;
} & (
  | { type: "number"; min?: number; max?: number; integer?: boolean; unit?: string }
  | { type: "boolean" }
  | { type: "choice" | "multi_choice"; options: { id: string; label: Text }[] }
  | { type: "date" }
  | { type: "certifications"; kinds?: { id: string; label: Text }[] }
);

export interface ProgramCriterion {
  id: string;
  label: Text;
  help?: Text;
  category: string;
  field: string;
  weight?: number;
  rule: Rule;
}

export type Rule =
  | { type: "linear"; points: number; target: number; from?: number }
  | { type: "per_unit"; per: number; cap: number }
  | { type: "bands"; bands: { min: number; points: number }[] }
  | { type: "yes_no"; points: number }
  | { type: "options"; points: { [option: string]: number }; cap?: number }
  | { type: "certifications"; kinds?: string[]; per: number; cap: number }
  | { type: "log"; points: number; target: number; scale?: number };

export interface ProgramTier {
  id: string;
  label: Text;
  help?: Text;
  min_score?: number;
  requires?: Requirement[];
  benefits?: Text[];
}

export type Requirement = { label?: Text } & (
  | { field: string; op: ">=" | "<=" | "=" | "one_of" | "includes"; value: Json }
  | { certifications: string; kinds?: string[]; min: number; of_which?: { kinds: string[]; min: number } }
  | { category: string; min_points: number }
  | { category: string; min_share: number }
  | { all_criteria_above_zero: true }
);

/** A track or region: changes to criteria and tiers over the base program. */
export interface ProgramVariant {
  id: string;
  label: Text;
  help?: Text;
  criteria?: { [criterion: string]: Partial<ProgramCriterion> | null };
  add_criteria?: ProgramCriterion[];
  tiers?: { [tier: string]: Partial<ProgramTier> };
}

// ---------------------------------------------------------------- profile (input)

/** One certification; dates are YYYY-MM-DD, `expires` is the last valid day. */
export interface Certification {
  kind?: string | null;
  name?: string | null;
  holder?: string | null;
  earned?: string | null;
  expires?: string | null;
}

/** A field's value: number, boolean, option id, option ids, date "YYYY-MM-DD", certifications; null = not filled in. */
export type FieldInput = number | boolean | string | string[] | Certification[] | null;

/** The tier a partner holds today, as the vendor recorded it. */
export interface HeldTier {
  /** Required when the program has tracks. */
  track?: string | null;
  tier: string;
  since?: string | null;
  /** When the partner first fell short of the tier: the grace period counts from here. */
  short_since?: string | null;
}

/** A partner's profile: field id -> value, plus region, tracks and current tiers. */
export interface Profile {
  partner?: string | null;
  region?: string | null;
  tracks?: string[] | null;
  current_tiers?: HeldTier[];
  values?: { [field: string]: FieldInput };
}

/** Options of evaluate, score and evaluateBatch. */
export interface EvaluateOptions {
  /** Evaluation date, YYYY-MM-DD; default today (local date). */
  as_of?: string;
  /** Only this track; default the profile's tracks, or all. */
  track?: string;
  /** Overrides the profile's region. */
  region?: string;
  /** Language of labels and explanations, such as "de" or "fr-CA". */
  lang?: string;
}

// ---------------------------------------------------------------- results

export interface TierRef {
  id: string;
  label: string;
  /** 1 for the lowest tier. */
  rank: number;
}

export interface Evaluation {
  as_of: string;
  partner: string | null;
  region: string | null;
  tracks: TrackResult[];
  /** The highest tier across tracks. */
  best: { track: string | null; tier: TierRef } | null;
}

export interface TrackResult {
  /** null when the program has no tracks. */
  track: string | null;
  label: string | null;
  /** The scoring path whose total counted, when the program has paths. */
  path: string | null;
  path_totals: { path: string; label: string; total: number; max: number }[];
  total: number;
  max: number;
  categories: { id: string; label: string; points: number; max: number; share: number }[];
  criteria: CriterionResult[];
  /** Tier held after retention rules; null when unranked. */
  tier: TierRef | null;
  /** Tier the profile earns on its own. */
  earned_tier: TierRef | null;
  retention: { kind: "grace" | "anniversary"; until: string; message: string } | null;
  tiers: TierCheck[];
  next_tier: NextTier | null;
}

export interface CriterionResult {
  id: string;
  label: string;
  category: string;
  field: string;
  points: number;
  max: number;
  /** The value used (number of valid certifications for certification rules). */
  input: Json;
  /** Such as "3 Certified engineers × 4 = 12 of 20". */
  explanation: string;
}

export interface TierCheck {
  id: string;
  label: string;
  min_score: number | null;
  score_met: boolean | null;
  met: boolean;
  requirements: { description: string; met: boolean; actual: Json; needed: Json }[];
}

export interface NextTier {
  id: string;
  label: string;
  rank: number;
  min_score: number | null;
  point_deficit: number;
  unmet_requirements: number;
}

/** Score and tier of one partner in one track. */
export interface CompactResult {
  /** Row of the batch (0 for score()). */
  row: number;
  /** CSV line where the row starts; null for profiles given as objects. */
  line: number | null;
  partner: string | null;
  region: string | null;
  track: string | null;
  total: number;
  tier: string | null;
  earned_tier: string | null;
  held_by_retention: boolean;
  next_tier: string | null;
  /** Points missing for the next tier's minimum score. */
  point_deficit: number | null;
}

/** One problem, at one place: `tiers[2].requires[0].field`, `values.certified_engineers`. */
export interface Issue {
  path: string;
  message: string;
}

/** A problem in a batch: a CSV cell (line and column from 1) or an array element (row). */
export interface RowIssue extends Issue {
  /** Data row from 0; null for the CSV header. */
  row: number | null;
  line: number | null;
  column: number | null;
}

export interface BatchResult {
  results: CompactResult[];
  errors: RowIssue[];
  counts: { rows: number; evaluated: number; skipped: number; results: number };
}

// ---------------------------------------------------------------- gaps

/** Options of gaps(): those of evaluate, plus the target tier and look-ahead. */
export interface GapOptionsInput extends EvaluateOptions {
  /** Target tier id; default the tier above the earned one, per track. */
  target?: string;
  /** Days ahead to look for expiring certifications; default 90, at most 3660 (ten years). */
  window_days?: number;
  /** How many alternative plans to add at most; default 3, at most 10. */
  alternatives?: number;
}

export interface GapReport {
  as_of: string;
  tracks: TrackGaps[];
}

export interface TrackGaps {
  track: string | null;
  label: string | null;
  total: number;
  tier: TierRef | null;
  earned_tier: TierRef | null;
  target: TierRef | null;
  /** "plan": a plan reaches the target; "top": top tier held; "reached": target already met; "blocked": no change reaches it. */
  status: "plan" | "top" | "reached" | "blocked";
  point_deficit: number;
  unmet: { description: string; actual: Json; needed: Json; change: string }[];
  plan: Plan | null;
  /** Other plans that change a different set of fields, cheapest first. */
  alternatives: Plan[];
  blocked: { requirement: string; reason: string } | null;
  at_top: { tier: TierRef; margin: number | null; message: string } | null;
  outlook: Outlook;
}

export interface Plan {
  effort: number;
  changes: { field: string; label: string; from: Json; to: Json; effort: number; description: string }[];
  path: string | null;
  total_after: number;
  tier_after: TierRef;
  summary: string;
  /** False only when the search hit its effort limit. */
  optimal: boolean;
}

export interface Outlook {
  window_days: number;
  expiring: { field: string; kind: string | null; name: string | null; holder: string | null; expires: string; days_left: number }[];
  /** The first expiry within the window that would lower the earned tier. */
  tier_drop: { date: string; tier: TierRef | null; message: string } | null;
  /** Last day of a tier held by grace or until the anniversary. */
  retention_ends: string | null;
}

// ---------------------------------------------------------------- form

export interface Choice {
  id: string;
  label: Text;
}

export type FormField = {
  id: string;
  label: Text;
  help?: Text;
  section?: string;
  effort?: number;
  actionable: boolean;
} & (
  | { type: "number"; min?: number; max?: number; integer: boolean; unit?: string }
  | { type: "boolean" }
  | { type: "choice" | "multi_choice"; options: Choice[] }
  | { type: "date" }
  | { type: "certifications"; kinds: Choice[] }
);

export interface Form {
  id: string;
  name: Text;
  description?: Text;
  version?: string;
  currency?: string;
  languages: string[];
  sections: { id: string; label: Text; help?: Text }[];
  fields: FormField[];
  categories: { id: string; label: Text; help?: Text }[];
  tracks: { id: string; label: Text; help?: Text }[];
  regions: { id: string; label: Text; help?: Text }[];
  tiers: { id: string; label: Text; help?: Text; benefits: Text[]; min_score?: number }[];
  max_score: number;
  /** Present when the program lets partners keep a tier for a while after falling short. */
  retention?: { grace_days: number } | { until_anniversary: string };
}

// ---------------------------------------------------------------- errors

export type ErrorKind = "program" | "profile" | "options" | "csv";

/**
 * Thrown for a bad program, profile, options or CSV header. `issues` lists every problem;
 * for kind "csv" they also carry line and column.
 *
 * ```js
 * try { scorecard.evaluate({ values: { certified_engineers: "many" } }); }
 * catch (e) { if (e instanceof ScorecardError) console.log(e.kind, e.issues[0].path); }
 * ```
 */
export class ScorecardError extends Error {
  readonly name: "ScorecardError";
  readonly kind: ErrorKind;
  readonly issues: Issue[] | RowIssue[];
}
