// What kjeks-core.js carries besides its code: the core module's bytes
// (gzip, base64), the dialog's stylesheet and the site's config as JSON text after the line
// "KJEKS-SITE-CONFIG" (`kjeks-check build` puts it there; empty: the
// default config). scripts/assemble.mjs puts them in place of the markers
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

/** The compiled site config's JSON text, '' for the default. */
export function siteConfig() {
  const text = embedded['config'];
  return text.slice(text.indexOf('\n') + 1);
}
