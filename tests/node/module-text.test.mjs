// wasm/module-text.js: the first-visit module's bytes as printable text, and
// its decoder (wasm/module-text-decoder.wat, as built).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import zopfli from '@gfx/zopfli';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeModuleText, encodeModuleText } from '../../wasm/module-text.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

// A deterministic byte sequence (xorshift), so that a failure repeats.
function bytesFrom(seed, length) {
  const bytes = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 255;
  }
  return bytes;
}

const decoder = readFileSync(join(root, 'build', 'wasm', 'wasm', 'kjeks-text-decoder.wasm'));
const roundTrip = (bytes) => decodeModuleText(encodeModuleText(bytes), decoder);

test('every byte value, alone and between any other, comes back', () => {
  for (let a = 0; a < 256; a++) {
    assert.deepEqual(roundTrip(Uint8Array.of(a)), Uint8Array.of(a));
    for (let b = 0; b < 256; b += 17) {
      assert.deepEqual(roundTrip(Uint8Array.of(b, a, b)), Uint8Array.of(b, a, b));
    }
  }
  assert.deepEqual(roundTrip(new Uint8Array(0)), new Uint8Array(0));
  for (let seed = 1; seed < 20; seed++) {
    const bytes = bytesFrom(seed, 4096);
    assert.deepEqual(roundTrip(bytes), bytes);
  }
});

test('a text larger than the decoder\'s memory is an error, not a module', () => {
  const bytes = bytesFrom(3, 70000);
  assert.throws(() => roundTrip(bytes), /larger than its decoder's memory/);
});

test('the shipped module fits the decoder with room to grow, and kjeks.js carries the decoder as built', () => {
  const wasm = readFileSync(join(root, 'build', 'wasm', 'wasm', 'kjeks-first.wasm'));
  const memory = new WebAssembly.Instance(new WebAssembly.Module(decoder)).exports.memory;
  assert.ok(encodeModuleText(wasm).length * 2 < memory.buffer.byteLength - 512);
  const script = readFileSync(join(root, 'dist', 'kjeks.js'), 'utf8');
  assert.ok(script.includes(JSON.stringify(decoder.toString('base64'))));
  assert.ok(decoder.length < 400, `the decoder is ${decoder.length} bytes`);
});

test('the text is printable ASCII with no quote, backslash or "<", one or two characters a byte', () => {
  const all = Uint8Array.from({ length: 256 }, (_, i) => i);
  const text = encodeModuleText(all);
  assert.match(text, /^[\x20-\x7e]*$/);
  assert.doesNotMatch(text, /["\\<]/);
  assert.ok(text.length > 256 && text.length <= 512);
  // So it can sit in a double-quoted literal as it is.
  assert.equal(JSON.stringify(text), '"' + text + '"');
});

test('a byte always becomes the same characters, whatever comes before it', () => {
  const single = Array.from({ length: 256 }, (_, i) => encodeModuleText(Uint8Array.of(i)));
  const bytes = bytesFrom(7, 1000);
  assert.equal(encodeModuleText(bytes), Array.from(bytes, (b) => single[b]).join(''));
});

// What the format is for: in kjeks.js, under the page's gzip, the module as
// text costs no more than base64 of its Zopfli gzip (the form kjeks-core.js
// uses) did.
test('in kjeks.js the module as text gzips no larger than base64 of its Zopfli gzip', async () => {
  const wasm = readFileSync(join(root, 'build', 'wasm', 'wasm', 'kjeks-first.wasm'));
  const script = readFileSync(join(root, 'dist', 'kjeks.js'), 'utf8');
  const literal = JSON.stringify(encodeModuleText(wasm));
  assert.ok(script.includes(literal), 'kjeks.js carries the built module');
  const base64 = Buffer.from(await zopfli.gzipAsync(wasm, { numiterations: 15 })).toString('base64');
  const asText = gzipSync(script, { level: 9 }).length;
  const asBase64 = gzipSync(script.replace(literal, () => JSON.stringify(base64)), { level: 9 }).length;
  assert.ok(asText <= asBase64, `as text ${asText} B, as base64 of gzip ${asBase64} B`);
});
