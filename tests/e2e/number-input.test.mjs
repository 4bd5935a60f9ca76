// The number reader of the element (www/scorecard-number.mjs) on its own, in Node's Intl:
// how people in each locale write numbers, what could mean two numbers, and what is no number.
// Every expected value is the number the writer meant, written out.
import { test } from "node:test";
import assert from "node:assert/strict";
import { editableNumber, parseNumber } from "../../www/scorecard-number.mjs";

const CASES = [
  // locale, text, reading
  ["de-DE", "400.000", { value: 400000, note: "ambiguous", other: 400 }],
  ["de-DE", "82,5", { value: 82.5 }],
  ["de-DE", "1.234.567,89", { value: 1234567.89 }],
  ["de-DE", "400000", { value: 400000 }],
  ["de-DE", "82.5", { value: 82.5, note: "foreign" }], // only a decimal point can be read here
  ["de-DE", "1,234.5", { value: 1234.5, note: "foreign" }],
  ["de-DE", "1.2.3", { error: true }],
  ["de-DE", "12 €", { value: 12 }],
  ["de-CH", "1’234.5", { value: 1234.5 }],
  ["fr-FR", "400\u202f000", { value: 400000 }],
  ["fr-FR", "400 000,5", { value: 400000.5 }],
  ["fr-FR", "400\u00a0000", { value: 400000 }],
  ["es-ES", "1.234,5", { value: 1234.5 }],
  ["ja-JP", "４００，０００", { value: 400000, note: "ambiguous", other: 400 }],
  ["ja-JP", "８２．５", { value: 82.5 }],
  ["ja-JP", "¥1,200", { value: 1200, note: "ambiguous", other: 1.2 }],
  ["en-US", "400,000", { value: 400000, note: "ambiguous", other: 400 }],
  ["en-US", "82.5", { value: 82.5 }],
  ["en-US", "82,5", { value: 82.5, note: "foreign" }],
  ["en-US", "1,23", { value: 1.23, note: "foreign" }],
  ["en-US", "$ 1,200,000", { value: 1200000 }],
  ["en-US", "USD 250", { value: 250 }],
  ["en-US", "30 %", { value: 30 }],
  ["en-US", "-5", { value: -5 }],
  ["en-US", "\u22125", { value: -5 }],
  ["en-US", ".5", { value: 0.5 }],
  ["en-US", "1e6", { value: 1000000 }],
  ["en-IN", "12,34,567", { value: 1234567 }],
  ["ar-EG", "١٢٣", { value: 123 }],
  ["en-US", "", { empty: true }],
  ["en-US", "  ", { empty: true }],
  ["en-US", "abc", { error: true }],
  ["en-US", "1..2", { error: true }],
  ["en-US", "1,2,3", { error: true }],
  ["en-US", "12.", { value: 12 }], // still typing "12.5"
  ["de-DE", "12,", { value: 12 }],
];

test("numbers read as written in each locale", () => {
  for (const [locale, text, expected] of CASES) assert.deepEqual(parseNumber(text, locale), expected, `${locale} ${JSON.stringify(text)}`);
});

test("a number shown for editing reads back as itself in its locale", () => {
  for (const locale of ["de-DE", "fr-FR", "ja-JP", "en-US", "es-ES", "de-CH", "en-IN"]) {
    for (const n of [0, 7, 82.5, 1234.5, 400000, 1234567.891, 0.001, -3.25]) {
      const text = editableNumber(n, locale);
      assert.equal(parseNumber(text, locale).value, n, `${locale}: ${n} shown as ${text}`);
    }
  }
});
