// Writes a message from a catalog (www/locales/) with its arguments, in a locale: the subset of
// ICU MessageFormat the catalogs use, with every number, date, list and plural from Intl.
//
//   {name}                        the argument: a number (up to two decimals), a text, a list,
//                                 a nested message, or "not given" for null
//   {name, number}                a number; {name, percent} a number followed by the locale's %
//   {name, date}                  a YYYY-MM-DD date in the locale's medium style
//   {name, list} / list, and / list, or   a list of texts (unit, conjunction, disjunction)
//   {name, plural, one {…} other {…}}     by Intl.PluralRules; # is the number; =N matches exactly
//   {name, select, yes {…} other {…}}     by the argument's text
//
// Written here rather than taken from a library (intl-messageformat and its parser are several
// files to serve without a bundler for what fits in a page); tests/e2e/message-format.test.mjs
// compares it with intl-messageformat on every template of every catalog.

const cache = new Map();

/** The parsed form of a template: a list of text parts and placeholders (exported for tests). */
export function parse(template) {
  let parsed = cache.get(template);
  if (!parsed) {
    let at = 0;
    const text = (inPlural) => {
      const parts = [];
      let literal = "";
      while (at < template.length) {
        const ch = template[at];
        if (ch === "}") break;
        if (ch === "{") {
          if (literal) parts.push(literal);
          literal = "";
          at++;
          parts.push(placeholder());
          continue;
        }
        if (ch === "#" && inPlural) {
          if (literal) parts.push(literal);
          literal = "";
          parts.push({ pound: true });
          at++;
          continue;
        }
        literal += ch;
        at++;
      }
      if (literal) parts.push(literal);
      return parts;
    };
    const word = () => {
      while (template[at] === " ") at++;
      const start = at;
      while (at < template.length && !/[\s,{}]/.test(template[at])) at++;
      return template.slice(start, at);
    };
    const placeholder = () => {
      const name = word();
      while (template[at] === " ") at++;
      let type = null;
      let style = null;
      const options = {};
      if (template[at] === ",") {
        at++;
        type = word();
        while (template[at] === " ") at++;
        if (template[at] === ",") {
          at++;
          if (type === "plural" || type === "select") {
            for (;;) {
              const key = word();
              if (!key) break;
              while (template[at] === " ") at++;
              if (template[at] !== "{") throw new Error(`message: expected { after ${key} in ${template}`);
              at++;
              options[key] = text(type === "plural");
              at++; // }
            }
          } else style = word();
        }
      }
      while (template[at] === " ") at++;
      if (template[at] !== "}") throw new Error(`message: expected } in ${template}`);
      at++;
      return { name, type, style, options };
    };
    parsed = text(false);
    cache.set(template, parsed);
  }
  return parsed;
}

/**
 * A formatter for `locale` over `catalog` (id -> template). `fallback` is the catalog used
 * for ids this one lacks (English). `isoDates` writes dates as YYYY-MM-DD (the engine's own
 * English sentences, for the test that compares them).
 */
export function messageFormatter(locale, catalog, fallback = {}, { isoDates = false } = {}) {
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const plural = new Intl.PluralRules(locale);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  const lists = {
    unit: new Intl.ListFormat(locale, { type: "unit", style: "short" }),
    and: new Intl.ListFormat(locale, { type: "conjunction" }),
    or: new Intl.ListFormat(locale, { type: "disjunction" }),
  };
  const template = (id) => catalog[id] ?? fallback[id];
  const dateText = (iso) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso));
    return !m || isoDates ? String(iso) : date.format(new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])));
  };

  const value = (arg, type, style) => {
    if (arg === undefined) return "";
    if (arg === null) return template("value.not_given") ?? "";
    if (typeof arg === "object" && !Array.isArray(arg)) return format(arg);
    if (Array.isArray(arg)) {
      const items = arg.map((item) => (item && typeof item === "object" ? format(item) : String(item)));
      return items.length ? (lists[style] ?? lists.unit).format(items) : (template("value.none") ?? "");
    }
    if (type === "date") return dateText(arg);
    if (typeof arg === "number") return number.format(arg);
    return String(arg);
  };

  const write = (parts, args, count) => {
    let out = "";
    for (const part of parts) {
      if (typeof part === "string") out += part;
      else if (part.pound) out += number.format(count);
      else {
        const arg = args[part.name];
        if (part.type === "plural") {
          const n = typeof arg === "number" ? arg : 0;
          const branch = part.options[`=${n}`] ?? part.options[plural.select(n)] ?? part.options.other ?? [];
          out += write(branch, args, n);
        } else if (part.type === "select") {
          const key = arg === null || arg === undefined ? "null" : String(arg);
          out += write(part.options[key] ?? part.options.other ?? [], args, count);
        } else out += value(arg, part.type, part.style);
      }
    }
    return out;
  };

  /** A message `{id, args}` as text; an id no catalog has is shown as itself. */
  function format(message) {
    const t = template(message.id);
    if (t === undefined) return message.id;
    // The word for certifications: the program's own (the engine passes it) or the catalog's.
    const args = { noun_one: template("term.certification"), noun_other: template("term.certifications"), ...message.args };
    return write(parse(t), args, 0);
  }
  return format;
}
