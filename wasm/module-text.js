// The first-visit module's bytes as kjeks.js carries them: a string literal
// of printable ASCII, one or two characters per byte, decoded in one pass
// with no await. Each byte is rotated by ROTATION (the module's most common
// bytes then land on plain characters); a plain character stands for
// itself, any other value is an escape character and a plain one. A byte
// always becomes the same characters, so the page's gzip still finds the
// module's repeats: under gzip this is about as small as base64 of the
// gzipped module, and the module compiles in the task that reads it. The
// decoding is wasm/module-text-decoder.wat's; this file writes the text.
//
// Not plain: the quote and the backslash (the literal), '<' (the file may
// be put inline in a page) and the two escape characters.

const ROTATION = 40;
const ESCAPES = '{}';
const NOT_PLAIN = '"\\<' + ESCAPES;

function alphabet() {
  /** @type {number[]} */
  const plain = [];
  /** @type {number[]} */
  const other = [];
  for (let code = 0; code < 256; code++) {
    (code > 31 && code < 127 && NOT_PLAIN.indexOf(String.fromCharCode(code)) < 0 ? plain : other).push(code);
  }
  return { plain, other };
}

/**
 * @param {Uint8Array} bytes
 * @returns {string}
 */
export function encodeModuleText(bytes) {
  const { plain, other } = alphabet();
  let text = '';
  for (const byte of bytes) {
    const value = (byte + ROTATION) & 255;
    const at = other.indexOf(value);
    text += at < 0 ? String.fromCharCode(value)
      : ESCAPES[Math.floor(at / plain.length)] + String.fromCharCode(plain[at % plain.length]);
  }
  return text;
}

// Where the decoder (wasm/module-text-decoder.wat) takes the text and leaves
// the bytes.
const DECODER_TEXT_AT = 512;

/**
 * The bytes, decoded by the decoder module: a loop over the text in
 * JavaScript is slow on a phone, on the way to the banner and to a returning
 * visitor's beacon.
 * @param {string} text
 * @param {BufferSource} decoder  the decoder module's bytes
 * @returns {Uint8Array<ArrayBuffer>}
 */
export function decodeModuleText(text, decoder) {
  const exports = /** @type {any} */ (new WebAssembly.Instance(new WebAssembly.Module(decoder)).exports);
  const heap = new Uint8Array(exports['memory'].buffer);
  const copied = new TextEncoder().encodeInto(text, heap.subarray(DECODER_TEXT_AT));
  if (copied.read < text.length) throw new Error('the module text is larger than its decoder\'s memory');
  return heap.slice(DECODER_TEXT_AT, DECODER_TEXT_AT + exports['decode'](copied.written));
}
