// Numbers as people type them in their locale: "400.000" is four hundred thousand in German,
// "400 000" in French, "４００，０００" in a Japanese input method, "1,234.5" in English. The
// separators come from Intl for the locale; an entry that could mean two numbers is read the
// locale's way and says so, and an entry that only reads another way (an English "82.5" on a
// German page) is read that way and says so too. Nothing here guesses silently.

/** Digits of other scripts (full-width, Arabic-Indic, Persian, Devanagari) as ASCII. */
const DIGIT_ZEROS = [0xff10, 0x0660, 0x06f0, 0x0966];
const FULL_WIDTH = { "，": ",", "．": ".", "－": "-", "＋": "+", "％": "%" };

function asciiDigits(text) {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0);
    const zero = DIGIT_ZEROS.find((z) => code >= z && code <= z + 9);
    out += zero === undefined ? (FULL_WIDTH[ch] ?? ch) : String(code - zero);
  }
  return out;
}

/** The locale's decimal and grouping separators, from Intl. */
export function separators(locale) {
  const parts = new Intl.NumberFormat(locale, { useGrouping: true }).formatToParts(1234567.5);
  return {
    decimal: parts.find((p) => p.type === "decimal")?.value ?? ".",
    group: parts.find((p) => p.type === "group")?.value ?? ",",
  };
}

/** Whether `groups` (the digit runs between grouping separators) are grouped as numbers are: 1-3 digits first, then runs of 3 (or of 2 before the last 3, as in India's 12,34,567). */
function validGrouping(groups) {
  if (groups.length < 2 || !/^\d{1,3}$/.test(groups[0]) || groups.at(-1).length !== 3) return false;
  return groups.slice(1).every((g) => /^\d{2,3}$/.test(g)) && groups.slice(1, -1).every((g, i, all) => g.length === all[0].length);
}

/**
 * Reads `raw` as a number written in `locale`.
 * Returns `{ value }` for a plain reading; `{ value, note: "ambiguous", other }` when the text
 * could also mean `other` (a single separator followed by three digits); `{ value, note:
 * "foreign" }` when it only reads with the other convention's separators; `{ empty: true }` for
 * nothing; `{ error: true }` for text that is no number.
 */
export function parseNumber(raw, locale) {
  const { decimal } = separators(locale);
  // Currency signs and codes, percent signs and every kind of space people paste go; so do
  // apostrophes, Swiss grouping.
  let text = asciiDigits(String(raw ?? ""))
    .replace(/[\p{Sc}%‰]/gu, "")
    .replace(/\b[A-Z]{3}\b/g, "")
    .replace(/[\s\u00a0\u202f\u2009'’]/g, "")
    .replace(/^\u2212/, "-");
  if (text === "") return { empty: true };
  let sign = 1;
  if (/^[+-]/.test(text)) {
    sign = text[0] === "-" ? -1 : 1;
    text = text.slice(1);
  }
  if (/^\d+(\.\d+)?e[+-]?\d+$/i.test(text)) return { value: sign * Number(text) };
  // ",5" is a half wherever the comma is the decimal separator (and ".5" elsewhere).
  if (/^[.,]\d+$/.test(text)) text = `0${text}`;
  // "12," while the partner is still typing "12,5": the number so far.
  if (/^\d[\d.,]*\d[.,]$|^\d[.,]$/.test(text)) text = text.slice(0, -1);
  if (!/^\d([\d.,]*\d)?$/.test(text)) return { error: true };
  const localeDecimal = decimal === "," ? "," : ".";
  const dots = text.split(".").length - 1;
  const commas = text.split(",").length - 1;
  const number = (intPart, fraction) => sign * Number(`${intPart || "0"}${fraction === undefined ? "" : `.${fraction}`}`);

  if (dots === 0 && commas === 0) return { value: number(text) };
  if (dots > 0 && commas > 0) {
    // Both: the last one is the decimal separator, the other groups.
    const last = text.lastIndexOf(".") > text.lastIndexOf(",") ? "." : ",";
    const groupChar = last === "." ? "," : ".";
    const [whole, fraction] = [text.slice(0, text.lastIndexOf(last)), text.slice(text.lastIndexOf(last) + 1)];
    if (whole.includes(last) || !validGrouping(whole.split(groupChar)) || !/^\d+$/.test(fraction)) return { error: true };
    const value = number(whole.split(groupChar).join(""), fraction);
    return last === localeDecimal ? { value } : { value, note: "foreign" };
  }
  const sep = dots > 0 ? "." : ",";
  const parts = text.split(sep);
  if (parts.length > 2) {
    // Repeated: only grouping can repeat.
    if (!validGrouping(parts)) return { error: true };
    const value = number(parts.join(""));
    return sep === localeDecimal ? { value, note: "foreign" } : { value };
  }
  const [whole, fraction] = parts;
  const asDecimal = number(whole, fraction);
  const canGroup = validGrouping(parts);
  if (!canGroup) return sep === localeDecimal ? { value: asDecimal } : { value: asDecimal, note: "foreign" };
  // One separator before exactly three digits: "400.000" groups in German and is a decimal in
  // English. Read the locale's way and say that it could be read the other way.
  const asGrouped = number(whole + fraction);
  return sep === localeDecimal ? { value: asDecimal, note: "ambiguous", other: asGrouped } : { value: asGrouped, note: "ambiguous", other: asDecimal };
}

/** A number as an editable text in `locale`: its decimal separator, no grouping, every digit kept. */
export function editableNumber(value, locale) {
  return new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: 20 }).format(value);
}
