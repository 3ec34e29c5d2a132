// The first-visit module (wasm/first_main.cpp): compiled from the bytes
// kjeks.js carries, and run once on the compiled config and the stored record.
import { decodeModuleText } from './module-text.js';

/**
 * @typedef {{ lang: string, consent: Record<string, boolean>, commands: Array<{ op: string, [field: string]: any }> }} FirstVisit
 * @typedef {{ stored: string | null, pageLang: string, browserLangs: string, now: number, gpc: boolean }} FirstVisitInput
 * @typedef {{ run(input: FirstVisitInput): FirstVisit | null }} FirstVisitModule
 */

/**
 * Compiled and instantiated in the calling task: the decision then needs no
 * task of its own, and a returning visitor's beacon starts at once. An
 * engine that refuses a synchronous compile (a RangeError) gets the
 * asynchronous one.
 * @param {string} text  the module's bytes (wasm/module-text.js)
 * @param {BufferSource} decoder  their decoder's
 * @returns {Promise<WebAssembly.Instance>}
 */
function instantiate(text, decoder) {
  return new Promise((resolve) => {
    const bytes = decodeModuleText(text, decoder);
    try {
      resolve(new WebAssembly.Instance(new WebAssembly.Module(bytes)));
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      resolve(WebAssembly.instantiate(bytes).then((result) => result.instance));
    }
  });
}

/**
 * @param {string} text  the module's bytes (wasm/module-text.js)
 * @param {BufferSource} decoder  their decoder's
 * @param {string} blob  the compiled config
 * @returns {Promise<FirstVisitModule>}
 */
export function startFirstVisitModule(text, decoder, blob) {
  if (typeof WebAssembly !== 'object' || !WebAssembly.Module) {
    return Promise.reject(new Error('this browser has no WebAssembly support'));
  }
  return instantiate(text, decoder).then((instance) => {
    const exports = /** @type {Record<string, Function>} */ (/** @type {unknown} */ (instance.exports));
    const memory = /** @type {WebAssembly.Memory} */ (/** @type {unknown} */ (exports['memory']));
    exports['_initialize']();
    const encoder = new TextEncoder();
    const blobBytes = encoder.encode(blob);
    const capacity = exports['kjeks_first_input_capacity']();

    /** @param {Uint8Array[]} parts */
    function write(parts) {
      const heap = new Uint8Array(memory.buffer);
      let at = exports['kjeks_first_input']();
      if (parts.reduce((size, part) => size + part.length, 0) > capacity) return false;
      parts.forEach((part) => {
        heap.set(part, at);
        at += part.length;
      });
      return true;
    }

    /** @param {number} length */
    function output(length) {
      const at = exports['kjeks_first_output']();
      return new TextDecoder().decode(new Uint8Array(memory.buffer, at, length));
    }

    return {
      // The decision and what to show first; null when the module has
      // nothing to say: then the full core decides alone.
      run(input) {
        const parts = [blobBytes, input.stored || '', input.pageLang, input.browserLangs]
          .map((part) => (typeof part === 'string' ? encoder.encode(part) : part));
        if (!write(parts)) return null;
        const length = exports['kjeks_first_run'](parts[0].length, input.stored === null ? -1 : parts[1].length,
          parts[2].length, parts[3].length, input.now, input.gpc ? 1 : 0);
        return length ? JSON.parse(output(length)) : null;
      },
    };
  });
}
