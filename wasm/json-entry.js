// kjeks-json.js: the JSON config reader, an ES module that kjeks.js imports
// beside kjeks-core.js only when the page gives its config as JSON (inline or
// data-config). It reads and checks the JSON as kjeks-check does and gives
// the full core the config in its compiled form, with the errors. Each step
// runs in a task of its own: V8 compiles each wasm function on its first
// call, and in one task the steps made a long one on a slow phone.
import { compileCore, instantiateCore } from './core.js';
import { jsonModuleBytes } from './json-embedded.js';
import { inNextTask } from './tasks.js';

/**
 * @typedef {{ form: string, errors: string, loadingDisabled: boolean }} CompiledConfig
 */

/** @type {Promise<import('./core.js').Core> | null} */
let prepared = null;

// The module, with the embedded default config read (a site config's texts
// are merged over it): the parser's code, the default's JSON text, then its Config.
function reader() {
  if (prepared) return prepared;
  /** @param {number} step */
  const prepare = (step) => (/** @type {import('./core.js').Core} */ wasm) =>
    inNextTask(() => { wasm.call('kjeks_prepare', [step]); return wasm; });
  prepared = compileCore(jsonModuleBytes())
    .catch((error) => {
      throw new Error('the JSON config reader did not compile (' + error.message + ')');
    })
    .then((module) => instantiateCore(module, { apply: () => {} }))
    .then(prepare(0)).then(prepare(1)).then(prepare(2));
  return prepared;
}

/**
 * Starts compiling the module, before the config's text is there.
 */
export function prepareConfigReader() {
  reader().catch(() => {});  // reported by compileConfig
}

/**
 * @param {string} json  the config's JSON text ('null' when it could not be fetched)
 * @returns {Promise<CompiledConfig>}
 */
export function compileConfig(json) {
  return reader().then((wasm) => inNextTask(() => {
    const count = wasm.call('kjeks_compile_config', [json]);
    return {
      form: wasm.text('kjeks_config_form'),
      errors: count > 0 ? wasm.text('kjeks_config_errors') : '',
      loadingDisabled: wasm.call('kjeks_config_loading_disabled') !== 0,
    };
  }));
}
