// What kjeks.js carries besides its code, so that a first visit needs one
// request after the page: the WebAssembly module's bytes (base64) and the
// stylesheet. scripts/assemble.mjs puts them
// in place of the two markers after minifying, which is why they are read
// as properties: the minifier does not fold those into constants.
const embedded = {
  'module': '__KJEKS_EMBEDDED_MODULE__',
  'stylesheet': '__KJEKS_EMBEDDED_STYLESHEET__',
};

/** @returns {string} */
export function moduleBytes() {
  return embedded['module'];
}

/** @returns {string} */
export function stylesheet() {
  return embedded['stylesheet'];
}
