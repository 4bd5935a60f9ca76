// Profiles as the element keeps them: numbers typed, keys set or removed, entries the engine
// rejected left out.
import { clone } from "./scorecard-dom.mjs";

export function setOrDelete(object, key, value) {
  if (value === undefined || value === "") delete object[key];
  else object[key] = value;
}

export function normalizeProfile(p) {
  const out = p && typeof p === "object" && !Array.isArray(p) ? p : {};
  if (!out.values || typeof out.values !== "object" || Array.isArray(out.values)) out.values = {};
  return out;
}

/** The profile without the entries the engine rejected (a field's whole value, or a top-level key). */
export function withoutInvalid(profile, issues) {
  const out = clone(profile);
  for (const { path } of issues) {
    const field = fieldOf(path);
    if (field !== null) delete out.values[field];
    else if (path === "values") out.values = {};
    else if (path) delete out[path.split(/[.[]/)[0]];
  }
  return out;
}

/** The field id of a path into `values` (`values.csat`, `values["deal-regs"][0]`), or null. */
export function fieldOf(path) {
  const m = /^values(?:\.([^.[]+)|\[("(?:[^"\\]|\\.)*")\])/.exec(path);
  if (!m) return null;
  return m[1] ?? JSON.parse(m[2]);
}

/** Whether a profile holds anything the partner entered. */
export function hasEntries(profile) {
  return Object.keys(profile.values ?? {}).length > 0 || ["partner", "region", "tracks"].some((k) => profile[k] != null) || (profile.current_tiers?.length ?? 0) > 0;
}

export function safeParse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
