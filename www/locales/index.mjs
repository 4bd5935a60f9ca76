// The page's languages: one catalog file each, loaded when a page needs it (English always, as
// the fallback). To add a language, add its file (keys as in en.mjs; a key it lacks falls back
// to English, and a test lists what is missing) and its code here.
import en from "./en.mjs";

export const languages = ["en", "de", "fr", "es", "ja"];

/** The catalogs loaded so far (`loadCatalog` in ../i18n.mjs adds the others). */
export const catalogs = { en };
