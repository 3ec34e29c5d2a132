// What kjeks.js carries besides its code, so that a first visit shows the
// banner after one request: the first-visit module's bytes (wasm/module-text.js) and
// their decoder (wasm/module-text-decoder.wat, as base64), the
// compiled config (include/kjeks/first_visit_blob.hpp's form; `kjeks-check
// build` puts a site's own in its place) and the banner's stylesheet. scripts/assemble.mjs
// puts them in place of the markers after minifying, which is why they are
// read as properties: the minifier does not fold those into constants.
// The module last: its bytes compress apart from the text before it.
const embedded = {
  'config': '__KJEKS_COMPILED_CONFIG__',
  'stylesheet': '__KJEKS_EMBEDDED_STYLESHEET__',
  'decoder': '__KJEKS_TEXT_DECODER__',
  'module': '__KJEKS_FIRST_VISIT_MODULE__',
};

/** @returns {string} */
export function firstVisitModule() {
  return embedded['module'];
}

/** @returns {Uint8Array<ArrayBuffer>} */
export function moduleTextDecoder() {
  return Uint8Array.from(atob(embedded['decoder']), (char) => char.charCodeAt(0));
}

/** @returns {string} */
export function compiledConfig() {
  return embedded['config'];
}

/** @returns {string} */
export function stylesheet() {
  return embedded['stylesheet'];
}

/**
 * The storage key of a compiled config: its fifth field
 * (include/kjeks/first_visit_blob.hpp). kjeks.js reads the stored choice
 * with it before the module compiles, and the module decides on it; a blob
 * the module cannot read has it decide nothing.
 * @param {string} blob
 * @returns {string}
 */
export function compiledStorageKey(blob) {
  return blob.split('\x1f')[4] || '';
}
