// The first-visit module's bytes as kjeks.js carries them: a string literal
// of printable ASCII, one or two characters per byte, decoded in one pass
// with no await. Each byte is rotated by ROTATION (the module's most common
// bytes then land on plain characters); a plain character stands for
// itself, any other value is an escape character and a plain one. A byte
// always becomes the same characters, so the page's gzip still finds the
// module's repeats: under gzip this is about as small as base64 of the
// gzipped module, and the module compiles in the task that reads it.
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

/**
 * @param {string} text
 * @returns {Uint8Array<ArrayBuffer>}
 */
export function decodeModuleText(text) {
  const { plain, other } = alphabet();
  /** @type {number[]} */
  const index = [];
  plain.forEach((code, at) => { index[code] = at; });
  const first = ESCAPES.charCodeAt(0);
  const second = ESCAPES.charCodeAt(1);
  const bytes = new Uint8Array(text.length);
  let size = 0;
  for (let i = 0; i < text.length; i++) {
    let value = text.charCodeAt(i);
    if (value === first || value === second) {
      value = other[(value === first ? 0 : plain.length) + index[text.charCodeAt(++i)]];
    }
    bytes[size++] = value - ROTATION;
  }
  return bytes.slice(0, size);
}
