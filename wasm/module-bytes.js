// The core module's bytes as kjeks-core.js carries them: gzip, then base64.
// The browser decodes both natively: base64 with Uint8Array.fromBase64 (or
// atob), gzip with DecompressionStream. gzip first makes kjeks-core.js about
// 15 KB smaller than base64 of the raw module. (The small first-visit module
// is carried as text instead: wasm/module-text.js.)

/**
 * @param {string} base64
 * @returns {Uint8Array<ArrayBuffer>}
 */
function decodeBase64(base64) {
  const native = /** @type {any} */ (Uint8Array).fromBase64;
  if (native) return native(base64);
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * The module's bytes.
 * @param {string} base64  gzip, then base64
 * @returns {Promise<ArrayBuffer>}
 */
export function moduleFrom(base64) {
  if (typeof DecompressionStream !== 'function') {
    return Promise.reject(new Error('this browser has no DecompressionStream'));
  }
  // A Response's body, not a Blob's stream: a Blob's bytes are read back
  // through the browser process, a round trip on the banner's path.
  const stream = /** @type {ReadableStream<BufferSource>} */ (new Response(decodeBase64(base64)).body)
    .pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).arrayBuffer();
}
