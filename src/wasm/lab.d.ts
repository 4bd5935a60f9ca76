// ---------------------------------------------------------------- program lab

/** Options of Lab.segment(). */
export interface SegmentOptions {
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
  /** Within reach: the least-effort plan to the next tier costs at most this; default 5. */
  reach_effort?: number;
  /** How many partners within reach are listed (closest first); default 200. */
  reach_limit?: number;
  /** How many partners close on points segment() checks for a plan before it returns; default 20 (Lab.checkReach() checks the rest). */
  plan_limit?: number;
  /** Certifications expiring within this many days; default 90. */
  expiry_days?: number;
  /** How many expiring certifications and row errors are listed; default 200 each. */
  expiry_limit?: number;
  error_limit?: number;
}

/** How to read a partner file (Lab, inspectCsv): each detected when not given. */
export interface CsvReadOptions {
  /** "," (default when none splits the header better), ";", "\t" or "|". */
  separator?: "," | ";" | "\t" | "|";
  /** "." or ","; detected from the numbers of a file not separated by commas. */
  decimal?: "." | ",";
  /** Of bytes: "utf-8" (detected when valid, a byte order mark skipped) or "windows-1252". */
  encoding?: "utf-8" | "windows-1252";
  /** Header -> field id or meta column ("@partner"), or null to leave the column out. */
  columns?: { [header: string]: string | null };
  /** Of an Excel workbook (.xlsx): the sheet to read; default the first visible one. */
  sheet?: string;
}

/** The sheet of a workbook a partner base is read from. */
export interface WorkbookInfo {
  sheet: string;
  /** Visible sheets in workbook order, then hidden ones. */
  sheets: string[];
  /** The first cell of the sheet's used range ("B3"), where the header is. */
  first_cell: string;
}

/** How inspectCsv() would read a file. */
export interface CsvInspection {
  format: CsvFormat;
  columns: ColumnMatch[];
  /** Set when the file is an Excel workbook: the sheet read and the sheets to choose from. */
  workbook?: WorkbookInfo;
}

/** Options of generatePartners(). */
export interface SynthOptions {
  /** Default 1000, at most 500,000 (and 256 MB of CSV): more is a ScorecardError of kind "options" at "rows". */
  rows?: number;
  /** A whole number from 0 to 4,294,967,295; default 1. The same seed, program and date give the same CSV. */
  seed?: number;
  /** Default today (local date). */
  as_of?: string;
  /** "csv" (default) or "xlsx": an Excel workbook with one sheet, "Partners". */
  format?: "csv" | "xlsx";
}
