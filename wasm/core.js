// A WebAssembly module built like the core (wasm/main.cpp, and the JSON
// config reader wasm/json_main.cpp: without Emscripten's JavaScript glue):
// compiles the bytes a file carries, instantiates the module with its
// imports, and calls its exports with JS strings.
import { moduleFrom } from './module-bytes.js';

/**
 * Compiles a module; WebAssembly.compile does its work off the main thread.
 * @param {string} packed  the module as the file carries it (module-bytes.js)
 * @returns {Promise<WebAssembly.Module>}
 */
export function compileCore(packed) {
  if (typeof WebAssembly !== 'object' || !WebAssembly.compile) {
    return Promise.reject(new Error('this browser has no WebAssembly support'));
  }
  return moduleFrom(packed).then((bytes) => WebAssembly.compile(bytes));
}

/**
 * @typedef {{ apply(commands: string): void }} CoreHandlers
 * @typedef {{ call(name: string, args?: Array<string|number|null>): number, text(name: string, args?: Array<string|number|null>): string }} Core
 */

/**
 * handlers receive what the core hands over while one of its calls runs.
 * @param {WebAssembly.Module} module
 * @param {CoreHandlers} handlers
 * @returns {Promise<Core>}
 */
export function instantiateCore(module, handlers) {
  /** @type {WebAssembly.Memory | null} */
  let memory = null;
  /** @type {Uint8Array | null} */
  let heap = null;
  // A grown memory has a new buffer, so the view is made anew on first use.
  const bytes = () => {
    if (!heap || heap.buffer !== /** @type {WebAssembly.Memory} */ (memory).buffer) {
      heap = new Uint8Array(/** @type {WebAssembly.Memory} */ (memory).buffer);
    }
    return heap;
  };
  const decoder = new TextDecoder();
  // The browser's own UTF-8 encoder is much faster than a loop in JS on a
  // config of a few kilobytes (and turns lone surrogates into U+FFFD).
  const encoder = new TextEncoder();

  /** @param {number} ptr */
  function readText(ptr) {
    if (!ptr) return '';
    const view = bytes();
    let end = ptr;
    while (view[end]) end++;
    return decoder.decode(view.subarray(ptr, end));
  }

  const imports = {
    'env': {
      'kjeks_js_apply': (/** @type {number} */ ptr) => handlers.apply(readText(ptr)),
      'emscripten_notify_memory_growth': () => { heap = null; },
    },
    'wasi_snapshot_preview1': {
      'proc_exit': (/** @type {number} */ code) => { throw new Error('kjeks.wasm stopped (exit ' + code + ')'); },
    },
  };

  return WebAssembly.instantiate(module, imports).then((instance) => {
    const exports = /** @type {Record<string, Function>} */ (/** @type {unknown} */ (instance.exports));
    memory = /** @type {WebAssembly.Memory} */ (/** @type {unknown} */ (exports['memory']));
    exports['_initialize']();

    /** @type {Core['call']} */
    function call(name, args = []) {
      /** @type {number[]} */
      const pointers = [];
      const converted = args.map((arg) => {
        if (typeof arg !== 'string') return arg === null ? 0 : arg;
        const text = encoder.encode(arg);
        const ptr = exports['malloc'](text.length + 1);
        const view = bytes();  // after malloc, which may grow the memory
        view.set(text, ptr);
        view[ptr + text.length] = 0;
        pointers.push(ptr);
        return ptr;
      });
      try {
        return exports[name](...converted);
      } finally {
        pointers.forEach((ptr) => exports['free'](ptr));
      }
    }
    return {
      call,
      text: (name, args) => readText(call(name, args)),
    };
  });
}
