// ---------------------------------------------------------------- program lab

/** Options of Lab.segment(). */
export interface LabOptions {
  /** Evaluation date, YYYY-MM-DD; default today (local date). */
  as_of?: string;
  lang?: string;
  /** Category ids of the two axes; default the program's first two categories. */
  x?: string;
  y?: string;
  /** "High" on an axis from this share of the category's maximum, in percent; default 50. */
  x_threshold?: number;
  y_threshold?: number;
  /** The track the two-category view shows; default the first. */
  track?: string;
  /** Within reach: points missing for the next tier at most this percent of its minimum score; default 10. */
  reach_percent?: number;
  /** How many partners within reach are listed (closest first); default 200. */
  reach_limit?: number;
  /** How many of them come with a plan; default 20 (see Lab.plans()). */
  plan_limit?: number;
  /** Certifications expiring within this many days; default 90. */
  expiry_days?: number;
  /** How many expiring certifications and row errors are listed; default 200 each. */
  expiry_limit?: number;
  error_limit?: number;
}

export interface LabCounts {
  rows: number;
  evaluated: number;
  skipped: number;
}

/** Partners per tier held (in the order of LabSummary.tiers), unranked, and in all. */
export interface TierCounts {
  tiers: number[];
  unranked: number;
  partners: number;
}

export interface Movement {
  promoted: number;
  demoted: number;
  unchanged: number;
  held_grace: number;
  held_anniversary: number;
  /** Ranked now, no tier before. */
  new: number;
  /** No tier before and none now. */
  unranked: number;
}

export interface TrackSummary extends TierCounts {
  track: string | null;
  label: string | null;
  /** Per region; region null: partners without one. */
  regions: (TierCounts & { region: string | null; label: string })[];
  movement: Movement;
  average_score: number;
}

export interface ReachEntry {
  partner: string | null;
  row: number;
  line: number;
  track: string | null;
  region: string | null;
  total: number;
  /** The tier held, after retention rules. */
  tier: string | null;
  /** The tier earned on its own; differs from `tier` while one is held by grace or until the anniversary. */
  earned_tier: string | null;
  /** The next tier above the earned one. */
  next_tier: string;
  next_min_score: number;
  deficit: number;
  plan: string | null;
  effort: number | null;
  blocked: string | null;
  /** False until the plan is worked out (Lab.plans()). */
  planned: boolean;
}

export interface ExpiringEntry {
  partner: string | null;
  row: number;
  line: number;
  field: string;
  kind: string | null;
  name: string | null;
  holder: string | null;
  expires: string;
  days_left: number;
}

export interface Listing<T> {
  /** How many in all; `shown` holds the first. */
  total: number;
  shown: T[];
}

export interface LabSummary {
  as_of: string;
  counts: { rows: number; evaluated: number; skipped: number; results: number };
  tiers: { id: string; label: string }[];
  tracks: TrackSummary[];
  segments: {
    track: string | null;
    x: { category: string; label: string; threshold: number };
    y: { category: string; label: string; threshold: number };
    high_high: number;
    /** High on x, low on y. */
    high_low: number;
    low_high: number;
    low_low: number;
  };
  within_reach: Listing<ReachEntry>;
  expiring: Listing<ExpiringEntry>;
  errors: Listing<RowIssue>;
}

/** Options of generatePartners(). */
export interface SynthOptions {
  /** Default 1000, at most 500,000 (and 256 MB of CSV): more is a ScorecardError of kind "options" at "rows". */
  rows?: number;
  /** A whole number from 0 to 4,294,967,295; default 1. The same seed, program and date give the same CSV. */
  seed?: number;
  /** Default today (local date). */
  as_of?: string;
}
