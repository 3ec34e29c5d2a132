// What kjeks-core.js carries besides its code: the core module's bytes
// (gzip, base64), the dialog's stylesheet and the site's config in its
// compiled form (config_form.hpp) after the line "KJEKS-SITE-CONFIG"
// (scripts/assemble.mjs puts the default config's there, `kjeks-check build`
// a site's). scripts/assemble.mjs puts them in place of the markers
// after minifying, which is why they are read as properties: the minifier
// does not fold those into constants.
const embedded = {
  'module': '__KJEKS_EMBEDDED_MODULE__',
  'config': '__KJEKS_SITE_CONFIG__',
  'stylesheet': '__KJEKS_DIALOG_STYLESHEET__',
};

/** @returns {string} */
export function dialogStylesheet() {
  return embedded['stylesheet'];
}

/** @returns {string} */
export function moduleBytes() {
  return embedded['module'];
}

/** The compiled site config. */
export function siteConfig() {
  const text = embedded['config'];
  return text.slice(text.indexOf('\n') + 1);
}
