// Inputs of the JavaScript API, written by hand: the program format (README, "Program format";
// schema/program.schema.json), profiles and options. tests/typescript.rs checks that each
// options interface has exactly the keys the engine reads. Results are in types.d.ts,
// generated from the Rust types.

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
  /** The program's own words in generated texts ("accreditation" for "certification"). */
  terms?: { certification?: Text; certifications?: Text };
  sections?: { id: string; label: Text; help?: Text }[];
  fields: ProgramField[];
  /** Score categories; with a `weight` on each, the total is a category-weighted index. */
  categories?: { id: string; label: Text; help?: Text; weight?: number }[];
  /** With category weights: the top of the index (default 100). */
  score_scale?: number;
  criteria?: ProgramCriterion[];
  tiers: ProgramTier[];
  tracks?: ProgramVariant[];
  regions?: ProgramVariant[];
  paths?: ProgramVariant[];
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

export type Requirement = {
  label?: Text;
  /** A name for tracks, regions and paths to change or remove the requirement by; without it, the field or category it checks names it. */
  id?: string;
} & (
  | { field: string; op: ">=" | "<=" | "=" | "one_of" | "includes"; value: Json; /** With "includes": at least this many of the options listed (default all). */ min?: number }
  | { certifications: string; kinds?: string[]; min: number; of_which?: { kinds: string[]; min: number } }
  | { category: string; min_points: number }
  | { category: string; min_share: number }
  | { all_criteria_above_zero: true }
);

/** A track, region or scoring path: changes to criteria and tiers over the base program. */
export interface ProgramVariant {
  id: string;
  label: Text;
  help?: Text;
  criteria?: { [criterion: string]: CriterionPatch | null };
  add_criteria?: ProgramCriterion[];
  tiers?: { [tier: string]: TierPatch };
}

/**
 * A change to a tier, as a JSON merge patch. `requires` is a whole new list (requirements
 * left out are dropped, and `warnings()` names them) or a change one by one.
 */
export type TierPatch = { [K in Exclude<keyof ProgramTier, "id" | "requires">]?: ProgramTier[K] | null } & {
  requires?: Requirement[] | RequirementChange | null;
};

/**
 * A tier's requirements changed one by one, in this order: `remove` (by name: the
 * requirement's `id`, or the field or category it checks), `change` (name -> merge patch of
 * that requirement), `add`. `replace` gives the whole list on purpose, alone.
 */
export interface RequirementChange {
  replace?: Requirement[];
  remove?: string[];
  change?: { [name: string]: { [key: string]: Json | null } };
  add?: Requirement[];
}

/**
 * A change to a criterion, as a JSON merge patch (RFC 7386): the keys given replace the
 * criterion's, `null` removes one, and `rule` is merged key by key (`{ "rule": { "target":
 * 500000 } }` changes only the target). `null` for the whole criterion removes it.
 */
export type CriterionPatch = { [K in Exclude<keyof ProgramCriterion, "rule">]?: ProgramCriterion[K] | null } & { rule?: RulePatch };

/** Keys of a rule to change (`null` removes one); the rule's type may change too. */
export type RulePatch = { type?: Rule["type"]; [key: string]: Json | undefined };

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
  /** The program the profile was written for (exported profiles say so); it changes no score. */
  program?: { id?: string | null; version?: string | null } | null;
  partner?: string | null;
  region?: string | null;
  tracks?: string[] | null;
  current_tiers?: HeldTier[];
  values?: { [field: string]: FieldInput };
}

/** Options of evaluate, score and evaluateBatch. */
export interface EvalOptions {
  /** Evaluation date, YYYY-MM-DD; default today (local date). */
  as_of?: string;
  /** Only this track; default the profile's tracks, or all. */
  track?: string;
  /** Overrides the profile's region. */
  region?: string;
  /** Language of labels and explanations, such as "de" or "fr-CA". */
  lang?: string;
}

/** Options of gaps(): those of evaluate, plus the target tier and look-ahead. */
export interface GapOptions extends EvalOptions {
  /** Target tier id; default the tier above the earned one, per track. */
  target?: string;
  /** Target tier id per track id, before `target`: `{ managed_services: "premier" }`. */
  targets?: { [track: string]: string };
  /** Days ahead to look for expiring certifications; default 90, at most 3660 (ten years). */
  window_days?: number;
  /**
   * Days a plan is for; default 90, at most 3660. A certification that expires before then
   * does not count in the plan, which renews it where it needs it. 0: plans for today.
   */
  horizon_days?: number;
  /** How many alternative plans to add at most; default 3, at most 10. */
  alternatives?: number;
}

/** Options of describeChanges(). */
export interface ChangeOptions {
  /** Language of labels, such as "de"; the sentences' own words come from the catalogs (`text_i18n`). */
  lang?: string;
}

// ---------------------------------------------------------------- errors

/**
 * Thrown for a bad program, profile, options or CSV header. `issues` lists every problem;
 * for kind "csv" they are `RowError`s, which also carry row, line and column.
 *
 * ```js
 * try { scorecard.evaluate({ values: { certified_engineers: "many" } }); }
 * catch (e) { if (e instanceof ScorecardError) console.log(e.kind, e.issues[0].path); }
 * ```
 */
export class ScorecardError extends Error {
  readonly name: "ScorecardError";
  readonly kind: ErrorKind;
  readonly issues: Issue[] | RowError[];
}
