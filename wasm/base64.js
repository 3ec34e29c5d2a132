// Bytes from base64, decoded natively where the browser can: at 4x CPU,
// 7 ms for the core module where a loop over a string of one character per
// byte took 35 ms.
/**
 * @param {string} base64
 * @returns {Uint8Array<ArrayBuffer>}
 */
export function decodeBase64(base64) {
  const native = /** @type {any} */ (Uint8Array).fromBase64;
  if (native) return native(base64);
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}
