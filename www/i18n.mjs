// Texts of the page itself (program texts come from the program). A language missing here
// falls back to English; numbers, currencies and dates are formatted with Intl.

import { catalogs, languages } from "./locales/index.mjs";
import { messageFormatter } from "./message-format.mjs";

export { catalogs };

/** The catalog languages, in order: what the page offers. */
export const pageLanguages = [...languages];

/**
 * Loads the catalog of `lang` (or of its base language) unless it is there: one request for
 * the partner's language only, not for every language the page offers.
 */
export async function loadCatalog(lang) {
  const base = lang?.split("-")[0];
  if (!lang || catalogs[lang] || catalogs[base] || !languages.includes(base)) return;
  catalogs[base] = (await import(`./locales/${base}.mjs`)).default;
}

/** Whether the catalog `messages(lang)` would use is loaded (English stands in until it is). */
export function catalogLoaded(lang) {
  const base = lang?.split("-")[0];
  return !lang || Boolean(catalogs[lang] || catalogs[base]) || !languages.includes(base);
}

/**
 * Adds or replaces a language at run time (a vendor's own catalog, the tests' pseudo-locale):
 * `catalog` has the keys of www/locales/en.mjs; missing ones fall back to English.
 */
export function registerCatalog(lang, catalog) {
  catalogs[lang] = catalog;
  if (!pageLanguages.includes(lang)) pageLanguages.push(lang);
}

/** Whether `lang` is written right to left (Arabic, Hebrew, Persian, Urdu...). */
export function isRightToLeft(lang) {
  if (!lang) return false;
  try {
    // getTextInfo() (textInfo in older engines) is newer than TypeScript's library types.
    const locale = /** @type {any} */ (new Intl.Locale(lang));
    const info = locale.getTextInfo?.() ?? locale.textInfo;
    if (info?.direction) return info.direction === "rtl";
  } catch {
    // not a language tag
  }
  return ["ar", "he", "fa", "ur", "ps", "sd", "yi", "dv", "ckb"].includes(lang.split("-")[0].toLowerCase());
}

/** The first of the browser's languages that `available` has (by primary subtag), else the first available. */
export function pickLanguage(available, preferred = globalThis.navigator?.languages ?? []) {
  if (!available || available.length === 0) return undefined;
  for (const want of preferred) {
    const exact = available.find((a) => a.toLowerCase() === want.toLowerCase());
    if (exact) return exact;
    const base = want.split("-")[0].toLowerCase();
    const near = available.find((a) => a.split("-")[0].toLowerCase() === base);
    if (near) return near;
  }
  return available[0];
}

/** A program text (string or {lang: text}) in `lang`, falling back to the program's first language. */
export function text(value, lang, fallbackLangs = []) {
  if (value == null) return "";
  if (typeof value === "string") return value;
  if (lang && value[lang] != null) return value[lang];
  const base = lang?.split("-")[0];
  if (base && value[base] != null) return value[base];
  for (const l of fallbackLangs) if (value[l] != null) return value[l];
  const first = Object.values(value)[0];
  return first == null ? "" : String(first);
}

/**
 * A function writing the page's own text for `key` (and the engine's messages, `{id, args}`)
 * in `lang`, with numbers, dates, lists and plurals for `locale`. `overrides` ({key: template})
 * replace single messages: a vendor's own wording.
 */
export function messages(lang, locale = lang, overrides = {}) {
  const base = lang?.split("-")[0];
  const catalog = { ...(catalogs[lang] ?? catalogs[base] ?? catalogs.en), ...overrides };
  const format = messageFormatter(locale ?? "en", catalog, catalogs.en);
  const t = (key, params = {}) => format({ id: key, args: params });
  /** An engine message ({id, args}), or its English text when none is given. */
  t.message = (message, english = "") => (message && typeof message === "object" ? format(message) : english);
  return t;
}

/** Intl formatters for the partner's locale. */
export function formatters(locale, currency) {
  const num = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const precise = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  const exact = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 10 });
  const words = new Intl.NumberFormat(locale, { notation: "compact", compactDisplay: "long", maximumFractionDigits: 3 });
  return {
    number: (n) => (typeof n === "number" && Number.isFinite(n) ? num.format(n) : String(n)),
    precise: (n) => (typeof n === "number" && Number.isFinite(n) ? precise.format(n) : String(n)),
    /** An amount in `code` (default the program's currency); whole amounts without cents. */
    money: (n, code) => {
      const f = safeCurrency(locale, code ?? currency, Number.isInteger(n));
      return f ? f.format(n) : precise.format(n);
    },
    /** "YYYY-MM-DD" as a local date text; anything else unchanged. */
    date: (iso) => {
      const m = typeof iso === "string" && /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
      return m ? date.format(new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]))) : String(iso ?? "");
    },
    /** An ISO date-time as a local date and time ("1 Dec 2026, 14:05"). */
    dateTime: (iso) => {
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? String(iso ?? "") : new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(d);
    },
    /** A number with two decimals shown, so that the decimal separator is never in doubt ("400.000,00"). */
    exact: (n) => exact.format(n),
    /** A number's size in words of the locale ("400 Tausend", "40万"). */
    inWords: (n) => words.format(n),
    /** A unit word Intl knows ("years", "months", "days", "hours", "weeks") in this locale ("Jahre", "ans", "年"); null for others. */
    unitName: (unit) => {
      const known = { years: "year", year: "year", months: "month", days: "day", hours: "hour", weeks: "week" }[String(unit).toLowerCase()];
      if (!known) return null;
      const parts = new Intl.NumberFormat(locale, { style: "unit", unit: known, unitDisplay: "long" }).formatToParts(2);
      return parts.filter((p) => p.type === "unit").map((p) => p.value).join("").trim() || null;
    },
    /** A currency's symbol in this locale, such as "€" for EUR; null when `code` is no currency. */
    currencySymbol: (code) => {
      const f = safeCurrency(locale, code);
      return f ? (f.formatToParts(0).find((p) => p.type === "currency")?.value ?? code) : null;
    },
  };
}

function safeCurrency(locale, code, whole = false) {
  if (typeof code !== "string" || !/^[A-Z]{3}$/.test(code)) return null;
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency: code, ...(whole ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {}) });
  } catch {
    return null;
  }
}
