// kjeks-core.js: the full core, an ES module that kjeks.js imports
// (wasm/first-entry.js) and hands what it has shown and set up. Taking over
// posts the module's compile first; the rest of the start (wasm/boot.js)
// runs in tasks of its own. kjeks.js hands over its bridge functions too
// (first-entry.js's Bridge), so kjeks-core.js does not carry them again.
import { boot } from './boot.js';
import { compileCore } from './core.js';
import { moduleBytes } from './embedded.js';
import { inNextTask } from './tasks.js';

/** @param {import('./first-entry.js').Handover} handover */
export function takeOver(handover) {
  const { fatal } = handover;
  // Compiling the module is the longest step of the start.
  const module = inNextTask(() => compileCore(moduleBytes()));
  module.catch(() => {});  // reported once, where the module is instantiated
  inNextTask(() => boot(handover, module)).catch(fatal);
}
