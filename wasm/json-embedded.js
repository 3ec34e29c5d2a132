// What kjeks-json.js carries besides its code: the JSON config reader's
// module (gzip, base64). scripts/assemble.mjs puts it in place of the marker
// after minifying, which is why it is read as a property: the minifier does
// not fold that into a constant.
const embedded = {
  'module': '__KJEKS_JSON_MODULE__',
};

/** @returns {string} */
export function jsonModuleBytes() {
  return embedded['module'];
}
