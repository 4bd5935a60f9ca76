// Texts of the page itself (program texts come from the program). A language missing here
// falls back to English; numbers, currencies and dates are formatted with Intl.

const STRINGS = {
  en: {
    partner: "Partner name",
    region: "Region",
    anyRegion: "No region (base program)",
    tracks: "Tracks you take part in",
    tracksHelp: "Each track is scored on its own and gets its own tab.",
    heldTier: "Tier you hold today",
    heldHelpGrace: "A partner that falls short keeps its tier for {days} days. Leave empty if you hold no tier yet.",
    heldHelpAnniversary: "A partner that falls short keeps its tier until the next program anniversary ({day}, month-day). Leave empty if you hold no tier yet.",
    noTierHeld: "— none —",
    tierIn: "Tier in {track}",
    heldSince: "Held since",
    shortSince: "Fell short on (if known)",
    about: "About you",
    other: "Other",
    notGiven: "— not given —",
    addCert: "Add certification",
    removeCert: "Remove certification {n}",
    certKind: "Kind",
    certName: "Certification",
    certHolder: "Holder",
    certEarned: "Earned",
    certExpires: "Expires",
    certRow: "Certification {n}",
    noCerts: "No certifications entered.",
    points: "{total} of {max} points",
    noScore: "No score: each tier is reached by its requirements",
    pointsShort: "{points} / {max}",
    readAs: "read as {value}",
    notANumber: "Enter a number as you write it, such as {example}",
    notRanked: "Not ranked yet",
    tier: "Tier",
    nextTier: "Next tier: {tier}",
    toNext: "{points} more points for {tier}",
    toNextReqs: "{n} requirement(s) still open for {tier}",
    topTier: "Top tier reached",
    categories: "Score by category",
    criteria: "Score by criterion",
    checklist: "What {tier} needs",
    minScore: "Score at least {min}",
    met: "met",
    notMet: "not met",
    actual: "you have {actual}",
    needed: "needed {needed}",
    plan: "Least-effort plan to {tier}",
    planEffort: "effort {effort}",
    planOutcome: "Then {tier} with {total} points",
    alternatives: "Alternatives",
    noPlan: "No plan reaches {tier}",
    planPending: "Working out the least-effort plan…",
    planFailed: "The plan could not be worked out: {message}",
    engineRestarted: "The scorecard engine stopped on this input and was restarted; your entries are kept. ({message})",
    expiry: "Expiry warnings",
    expiresOn: "{what} expires on {date} ({days} days)",
    expired: "{what} expired on {date}",
    noExpiry: "Nothing expires in the next {days} days.",
    retentionEnds: "Your current tier is held until {date}.",
    paths: "Scoring paths",
    pathCounts: "counts",
    programErrors: "This program file cannot be used ({n} problem(s)):",
    profileErrors: "Entries marked as invalid are left out of the score until they are fixed.",
    asOf: "Evaluated on {date}",
    yes: "yes",
    no: "no",
    tabs: "Tracks",
  },
  de: {
    partner: "Name des Partners",
    region: "Region",
    anyRegion: "Keine Region (Basisprogramm)",
    tracks: "Ihre Tracks",
    tracksHelp: "Jeder Track wird einzeln bewertet und hat einen eigenen Reiter.",
    heldTier: "Heute gehaltene Stufe",
    heldHelpGrace: "Wer die Anforderungen nicht mehr erfüllt, behält seine Stufe {days} Tage lang. Leer lassen, wenn Sie noch keine Stufe halten.",
    heldHelpAnniversary: "Wer die Anforderungen nicht mehr erfüllt, behält seine Stufe bis zum nächsten Programmjahrestag ({day}, Monat-Tag). Leer lassen, wenn Sie noch keine Stufe halten.",
    noTierHeld: "— keine —",
    tierIn: "Stufe in {track}",
    heldSince: "Gehalten seit",
    shortSince: "Nicht mehr erfüllt seit (falls bekannt)",
    about: "Über Sie",
    other: "Weiteres",
    notGiven: "— keine Angabe —",
    addCert: "Zertifizierung hinzufügen",
    removeCert: "Zertifizierung {n} entfernen",
    certKind: "Art",
    certName: "Zertifizierung",
    certHolder: "Inhaber",
    certEarned: "Erworben",
    certExpires: "Gültig bis",
    certRow: "Zertifizierung {n}",
    noCerts: "Keine Zertifizierungen eingetragen.",
    points: "{total} von {max} Punkten",
    noScore: "Ohne Punkte: jede Stufe wird über ihre Anforderungen erreicht",
    pointsShort: "{points} / {max}",
    readAs: "gelesen als {value}",
    notANumber: "Bitte eine Zahl eingeben, etwa {example}",
    notRanked: "Noch keine Stufe",
    tier: "Stufe",
    nextTier: "Nächste Stufe: {tier}",
    toNext: "Noch {points} Punkte bis {tier}",
    toNextReqs: "{n} Anforderung(en) für {tier} offen",
    topTier: "Höchste Stufe erreicht",
    categories: "Punkte je Kategorie",
    criteria: "Punkte je Kriterium",
    checklist: "Was {tier} verlangt",
    minScore: "Mindestens {min} Punkte",
    met: "erfüllt",
    notMet: "nicht erfüllt",
    actual: "Sie haben {actual}",
    needed: "nötig {needed}",
    plan: "Kleinster Aufwand bis {tier}",
    planEffort: "Aufwand {effort}",
    planOutcome: "Dann {tier} mit {total} Punkten",
    alternatives: "Alternativen",
    noPlan: "Kein Plan erreicht {tier}",
    planPending: "Der Plan mit dem kleinsten Aufwand wird berechnet…",
    planFailed: "Der Plan konnte nicht berechnet werden: {message}",
    engineRestarted: "Die Bewertung ist bei dieser Eingabe abgebrochen und wurde neu gestartet; Ihre Eingaben bleiben erhalten. ({message})",
    expiry: "Ablaufwarnungen",
    expiresOn: "{what} läuft am {date} ab ({days} Tage)",
    expired: "{what} ist am {date} abgelaufen",
    noExpiry: "In den nächsten {days} Tagen läuft nichts ab.",
    retentionEnds: "Ihre aktuelle Stufe gilt bis {date}.",
    paths: "Bewertungswege",
    pathCounts: "zählt",
    programErrors: "Diese Programmdatei ist nicht verwendbar ({n} Problem(e)):",
    profileErrors: "Als ungültig markierte Angaben zählen erst, wenn sie korrigiert sind.",
    asOf: "Bewertet am {date}",
    yes: "ja",
    no: "nein",
    tabs: "Tracks",
  },
};

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

/** A function returning the page's own text for `key` in `lang`, with {placeholders} filled. */
export function messages(lang) {
  const table = STRINGS[lang?.split("-")[0]] ?? STRINGS.en;
  return (key, params = {}) => {
    const template = table[key] ?? STRINGS.en[key] ?? key;
    return template.replace(/\{(\w+)\}/g, (_, name) => (params[name] == null ? "" : String(params[name])));
  };
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
    /** A number with two decimals shown, so that the decimal separator is never in doubt ("400.000,00"). */
    exact: (n) => exact.format(n),
    /** A number's size in words of the locale ("400 Tausend", "40万"). */
    inWords: (n) => words.format(n),
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
