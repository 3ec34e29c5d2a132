// What evaluating <script src=".../kjeks.js" async> does, and all it does:
// window.Kjeks exists from here on, the module's fetch and compile is posted
// first, and the rest of the start (wasm/boot.js) runs in a task of its own.
// With defer or a plain tag the evaluation runs inside the page's own work (a
// deferred script inside the browser's task that finishes parsing the page,
// often long already on a slow device): the runtime adds as little to it as
// it can. A page that includes kjeks.js twice gets one runtime.
import { createApi } from './api.js';
import { boot } from './boot.js';
import { compileCore } from './core.js';
import { moduleBytes } from './embedded.js';
import { createFatal } from './fatal.js';
import { inNextTask, nextTask } from './tasks.js';

const page = /** @type {any} */ (window);
if (!page['Kjeks']) {
  const api = createApi('0.1.0');
  const fatal = createFatal(api.failed);
  try {
    const script = /** @type {HTMLScriptElement | null} */ (document.currentScript);
    const base = new URL('.', (script && script.src) || location.href).href;
    page['Kjeks'] = api.api;
    // Compiling the module is the longest step of the start.
    const module = inNextTask(() => compileCore(moduleBytes()));
    module.catch(() => {});  // reported once, where the module is instantiated
    nextTask(() => {
      try {
        boot({ api, base, script, module, fatal });
      } catch (error) {
        fatal(error);
      }
    });
  } catch (error) {
    fatal(error);
  }
}
