// The page's languages: one catalog file each. To add a language, add its file here (keys as
// in en.mjs; a key it lacks falls back to English, and a test lists what is missing).
import en from "./en.mjs";
import de from "./de.mjs";
import fr from "./fr.mjs";
import es from "./es.mjs";
import ja from "./ja.mjs";

export const catalogs = { en, de, fr, es, ja };
