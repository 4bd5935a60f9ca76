// The form the element draws from the program's form description: the partner's name,
// region, tracks and tiers held today, then every field by section, with help, units and
// certification rows. Drawing only: what is typed goes into `ctx.profile` and `ctx.update`
// evaluates it.
import { h } from "./scorecard-dom.mjs";
import { setOrDelete } from "./scorecard-profile.mjs";

/**
 * @typedef {object} FormContext
 * @property {any} form  the engine's form description (Scorecard.form())
 * @property {any} profile  the profile being edited, changed in place
 * @property {(key: string, values?: object) => string} t  message in the element's language
 * @property {ReturnType<typeof import("./i18n.mjs").formatters>} fmt  number and date formats
 * @property {(value: any) => string} txt  a program text in the element's language
 * @property {string} id  the element's id prefix for form controls
 * @property {string | undefined} lang  the element's language
 * @property {(event?: Event) => void} update  evaluates the profile after an edit
 * @property {HTMLFormElement} $form  where the form is drawn
 */

export function renderForm(ctx) {
  const form = ctx.form;
  const t = ctx.t;
  const p = ctx.profile;
  const parts = [];

  const meta = [textControl(ctx, "partner", t("partner"), p.partner ?? "", (v) => setOrDelete(p, "partner", v))];
  if (form.regions.length > 0) {
    const id = `${ctx.id}-region`;
    meta.push(
      h("div", { class: "field", "data-field": "region" },
        h("label", { for: id }, t("region")),
        h("select", { id, "data-path": "region", "aria-describedby": `${id}-err`, oninput: (e) => { setOrDelete(p, "region", e.target.value); ctx.update(e); } },
          h("option", { value: "" }, t("anyRegion")),
          form.regions.map((r) => h("option", { value: r.id, selected: p.region === r.id }, ctx.txt(r.label)))),
        helpFor(ctx, null), h("p", { class: "error", id: `${id}-err`, hidden: true })),
    );
  }
  if (form.tracks.length > 0) {
    const chosen = p.tracks ?? form.tracks.map((tr) => tr.id);
    const onTrack = (e) => {
      p.tracks = [...ctx.$form.querySelectorAll("input[data-track]")].filter((c) => c.checked).map((c) => c.dataset.track);
      ctx.update(e);
    };
    meta.push(
      h("fieldset", { class: "field choices", "data-field": "tracks", "data-path": "tracks", "aria-describedby": `${ctx.id}-tracks-help` },
        h("legend", {}, t("tracks")),
        h("p", { class: "help", id: `${ctx.id}-tracks-help` }, t("tracksHelp")),
        form.tracks.map((tr) => {
          const id = `${ctx.id}-track-${tr.id}`;
          return h("div", { class: "check" },
            h("input", { type: "checkbox", id, "data-track": tr.id, checked: chosen.includes(tr.id), oninput: onTrack }),
            h("label", { for: id }, ctx.txt(tr.label)),
            tr.help ? h("span", { class: "help" }, " – ", ctx.txt(tr.help)) : null);
        }),
        h("p", { class: "error", hidden: true })),
    );
  }
  if (form.retention) meta.push(heldTiers(ctx, form));
  parts.push(h("fieldset", { class: "section" }, h("legend", {}, t("about")), meta));

  const sections = [...form.sections.map((s) => ({ ...s, fields: [] })), { id: null, label: t("other"), fields: [] }];
  for (const field of form.fields) (sections.find((s) => s.id === field.section) ?? sections.at(-1)).fields.push(field);
  for (const section of sections) {
    if (section.fields.length === 0) continue;
    const helpId = section.help ? `${ctx.id}-s-${section.id}-help` : null;
    parts.push(
      h("fieldset", { class: "section", "aria-describedby": helpId },
        h("legend", {}, ctx.txt(section.label)),
        section.help ? h("p", { class: "help", id: helpId }, ctx.txt(section.help)) : null,
        section.fields.map((f) => field(ctx, f))),
    );
  }
  ctx.$form.replaceChildren(...parts);
}

/**
 * The tier the partner holds today, per track, and since when: with it the engine applies
 * the program's retention (a tier kept by grace or until the anniversary).
 */
function heldTiers(ctx, form) {
  const t = ctx.t;
  const p = ctx.profile;
  const tracks = form.tracks.length > 0 ? form.tracks : [null];
  const rowId = (track) => `${ctx.id}-held-${track?.id ?? "program"}`;
  const read = (track) => {
    const base = rowId(track);
    const get = (suffix) => ctx.$form.querySelector(`#${base}-${suffix}`)?.value ?? "";
    const entry = { tier: get("tier") };
    if (track) entry.track = track.id;
    if (get("since")) entry.since = get("since");
    if (get("short")) entry.short_since = get("short");
    return entry;
  };
  const onInput = (e) => {
    const held = tracks.map(read).filter((entry) => entry.tier);
    if (held.length > 0) p.current_tiers = held;
    else delete p.current_tiers;
    ctx.update(e);
  };
  const retention = form.retention;
  const help = retention.grace_days != null ? t("heldHelpGrace", { days: retention.grace_days }) : t("heldHelpAnniversary", { day: retention.until_anniversary });
  const helpId = `${ctx.id}-held-help`;
  return h("fieldset", { class: "field held", "data-field": "current_tiers", "data-path": "current_tiers", "aria-describedby": helpId },
    h("legend", {}, t("heldTier")),
    h("p", { class: "help", id: helpId }, help),
    tracks.map((track) => {
      const base = rowId(track);
      const now = (p.current_tiers ?? []).find((x) => (x.track ?? null) === (track?.id ?? null)) ?? {};
      const name = track ? t("tierIn", { track: ctx.txt(track.label) }) : t("tier");
      return h("div", { class: "held-row" },
        h("div", {},
          h("label", { for: `${base}-tier` }, name),
          h("select", { id: `${base}-tier`, oninput: onInput },
            h("option", { value: "" }, t("noTierHeld")),
            form.tiers.map((tier) => h("option", { value: tier.id, selected: now.tier === tier.id }, ctx.txt(tier.label))))),
        h("div", {},
          h("label", { for: `${base}-since` }, t("heldSince")),
          h("input", { type: "date", id: `${base}-since`, value: now.since ?? "", oninput: onInput })),
        h("div", {},
          h("label", { for: `${base}-short` }, t("shortSince")),
          h("input", { type: "date", id: `${base}-short`, value: now.short_since ?? "", oninput: onInput })));
    }),
    h("p", { class: "error", hidden: true }));
}

function helpFor(ctx, field) {
  if (!field?.help) return null;
  return h("p", { class: "help", id: `${ctx.id}-f-${field.id}-help` }, ctx.txt(field.help));
}

function describedBy(ctx, field) {
  return [field.help ? `${ctx.id}-f-${field.id}-help` : null, `${ctx.id}-f-${field.id}-err`].filter(Boolean).join(" ");
}

function textControl(ctx, key, label, value, set) {
  const id = `${ctx.id}-${key}`;
  return h("div", { class: "field", "data-field": key },
    h("label", { for: id }, label),
    h("input", { id, type: "text", autocomplete: "organization", "data-path": key, value, "aria-describedby": `${id}-err`, oninput: (e) => { set(e.target.value); ctx.update(e); } }),
    h("p", { class: "error", id: `${id}-err`, hidden: true }));
}

function field(ctx, field) {
  const values = ctx.profile.values;
  const id = `${ctx.id}-f-${field.id}`;
  const path = `values.${field.id}`;
  const label = ctx.txt(field.label);
  const err = h("p", { class: "error", id: `${id}-err`, hidden: true });
  const common = { id, "data-path": path, "aria-describedby": describedBy(ctx, field) };
  const current = values[field.id];
  const set = (v, e) => {
    setOrDelete(values, field.id, v);
    ctx.update(e);
  };

  switch (field.type) {
    case "number": {
      const unit = unitLabel(ctx, field.unit);
      // How the entry was read, for the partner to check: the amount in its currency, and for
      // an entry that could mean two numbers (or only reads the other convention's way) the
      // number written out in the locale. Read by screen readers as the field's description.
      const preview = h("output", { class: "preview", for: id, id: `${id}-read`, "aria-live": "polite" });
      const showPreview = (read) => {
        const v = read?.value;
        const money = typeof v === "number" && ctx.fmt.currencySymbol(field.unit) ? ctx.fmt.money(v, field.unit) : "";
        const note = read?.note ? ctx.t("readAs", { value: ctx.fmt.exact(v) }) + (Math.abs(v) >= 1000 ? ` (${ctx.fmt.inWords(v)})` : "") : "";
        preview.textContent = note || money;
      };
      showPreview(typeof current === "number" ? { value: current } : null);
      const input = h("input", {
        ...common, type: "text", inputmode: field.integer ? "numeric" : "decimal", autocomplete: "off",
        "aria-describedby": `${id}-read ${common["aria-describedby"]}`,
        value: current == null ? "" : typeof current === "number" ? ctx.editableNumber(current) : String(current),
        oninput: (e) => {
          const read = ctx.readNumber(e.target.value);
          showPreview(read);
          // Text that is no number goes to the engine as written, which marks the field.
          set(read.empty ? undefined : read.error ? e.target.value.trim() : read.value, e);
        },
      });
      return h("div", { class: "field", "data-field": field.id },
        h("label", { for: id }, label, unit ? h("span", { class: "sr-only" }, ` ${ctx.t("field.unitSpoken", { unit: unit.spoken })}`) : null),
        h("div", { class: "with-unit" }, input, unit ? h("span", { class: "unit", "aria-hidden": "true" }, ctx.t("field.unit", { unit: unit.shown })) : null, preview),
        helpFor(ctx, field), err);
    }
    case "boolean":
      return h("div", { class: "field check", "data-field": field.id },
        h("input", { ...common, type: "checkbox", checked: current === true, oninput: (e) => set(e.target.checked, e) }),
        h("label", { for: id }, label),
        helpFor(ctx, field), err);
    case "date":
      return h("div", { class: "field", "data-field": field.id },
        h("label", { for: id }, label),
        h("input", { ...common, type: "date", value: typeof current === "string" ? current : "", oninput: (e) => set(e.target.value || undefined, e) }),
        helpFor(ctx, field), err);
    case "choice":
      return h("div", { class: "field", "data-field": field.id },
        h("label", { for: id }, label),
        h("select", { ...common, oninput: (e) => set(e.target.value || undefined, e) },
          h("option", { value: "" }, ctx.t("notGiven")),
          field.options.map((o) => h("option", { value: o.id, selected: current === o.id }, ctx.txt(o.label)))),
        helpFor(ctx, field), err);
    case "multi_choice": {
      const chosen = Array.isArray(current) ? current : [];
      const onPick = (e) => {
        const picked = field.options.map((o) => o.id).filter((o) => ctx.$form.querySelector(`[data-option="${CSS.escape(field.id)}:${CSS.escape(o)}"]`)?.checked);
        set(picked.length ? picked : undefined, e);
      };
      return h("fieldset", { class: "field choices", "data-field": field.id, "data-path": path, "aria-describedby": describedBy(ctx, field) },
        h("legend", {}, label),
        helpFor(ctx, field),
        h("div", { class: "options" },
          field.options.map((o, i) => {
            const oid = `${id}-${i}`;
            return h("div", { class: "check" },
              h("input", { type: "checkbox", id: oid, "data-option": `${field.id}:${o.id}`, "data-path": `${path}[${chosen.indexOf(o.id)}]`, checked: chosen.includes(o.id), oninput: onPick }),
              h("label", { for: oid }, ctx.txt(o.label)));
          })),
        err);
    }
    case "certifications":
      return certifications(ctx, field, err);
    default:
      return h("div", { class: "field", "data-field": field.id }, h("p", {}, label, ": ", field.type), err);
  }
}

function certifications(ctx, field, err) {
  const t = ctx.t;
  const values = ctx.profile.values;
  const id = `${ctx.id}-f-${field.id}`;
  const rows = h("ol", { class: "cert-rows" });
  const add = h("button", { type: "button", class: "add", id: `${id}-add` }, t("addCert"));
  const fieldset = h("fieldset", { class: "field certs", "data-field": field.id, "data-path": `values.${field.id}`, "aria-describedby": describedBy(ctx, field) },
    h("legend", {}, ctx.txt(field.label)), helpFor(ctx, field), rows, add, err);

  const list = () => (Array.isArray(values[field.id]) ? values[field.id] : []);
  const draw = () => {
    const certs = list();
    rows.replaceChildren(...certs.map((cert, i) => certRow(ctx, field, cert, i, draw)));
    if (certs.length === 0) rows.append(h("li", { class: "empty" }, t("noCerts")));
  };
  add.addEventListener("click", (e) => {
    values[field.id] = [...list(), {}];
    draw();
    ctx.update(e);
    rows.querySelector("li:last-child select, li:last-child input")?.focus();
  });
  draw();
  return fieldset;
}

function certRow(ctx, field, cert, i, redraw) {
  const t = ctx.t;
  const values = ctx.profile.values;
  const base = `${ctx.id}-f-${field.id}-${i}`;
  const path = `values.${field.id}[${i}]`;
  const describedBy = `${ctx.id}-f-${field.id}-err`;
  const edit = (key) => (e) => {
    const v = e.target.value.trim();
    if (v) cert[key] = v;
    else delete cert[key];
    ctx.update(e);
  };
  const cell = (key, label, control) => h("div", { class: `cell cell-${key}` }, h("label", { for: `${base}-${key}` }, label), control);
  const n = i + 1;
  return h("li", { class: "cert", "aria-label": t("certRow", { n }) },
    field.kinds.length > 0
      ? cell("kind", t("certKind"),
        h("select", { id: `${base}-kind`, "data-path": `${path}.kind`, "aria-describedby": describedBy, oninput: edit("kind") },
          h("option", { value: "" }, t("notGiven")),
          field.kinds.map((k) => h("option", { value: k.id, selected: cert.kind === k.id }, ctx.txt(k.label))),
          cert.kind && !field.kinds.some((k) => k.id === cert.kind) ? h("option", { value: cert.kind, selected: true }, cert.kind) : null))
      : null,
    cell("name", t("certName"), h("input", { id: `${base}-name`, type: "text", "data-path": `${path}.name`, "aria-describedby": describedBy, value: cert.name ?? "", oninput: edit("name") })),
    cell("holder", t("certHolder"), h("input", { id: `${base}-holder`, type: "text", "data-path": `${path}.holder`, "aria-describedby": describedBy, value: cert.holder ?? "", oninput: edit("holder") })),
    cell("earned", t("certEarned"), h("input", { id: `${base}-earned`, type: "date", "data-path": `${path}.earned`, "aria-describedby": describedBy, value: cert.earned ?? "", oninput: edit("earned") })),
    cell("expires", t("certExpires"), h("input", { id: `${base}-expires`, type: "date", "data-path": `${path}.expires`, "aria-describedby": describedBy, value: cert.expires ?? "", oninput: edit("expires") })),
    h("button", {
      type: "button", class: "remove", "aria-label": t("removeCert", { n }), title: t("removeCert", { n }),
      onclick: (e) => {
        const next = (values[field.id] ?? []).filter((_, j) => j !== i);
        setOrDelete(values, field.id, next.length ? next : undefined);
        redraw();
        ctx.update(e);
        ctx.$form.querySelector(`#${CSS.escape(`${ctx.id}-f-${field.id}-add`)}`)?.focus();
      },
    }, "×"),
  );
}

function unitLabel(ctx, unit) {
  if (!unit) return null;
  const symbol = ctx.fmt.currencySymbol(unit);
  if (symbol) return { shown: symbol, spoken: unit };
  if (unit === "percent") return { shown: "%", spoken: "%" };
  // Units Intl knows ("years", "days", ...) in the partner's language; other words are the program's own.
  const word = ctx.fmt.unitName(unit) ?? unit;
  return { shown: word, spoken: word };
}
