// The rest of the full core's start, in tasks of its own after
// kjeks-core.js was evaluated (wasm/entry.js, which has already posted the
// module's compile): reads the site config (compiled, or JSON through
// kjeks-json.js), starts the WebAssembly core with
// the same Start the first-visit module answered, and connects it to the
// page, adopting what kjeks.js already showed. If anything stops the core
// from starting, the page keeps working and nothing optional ever loads
// (fail closed).
//
// Reading the config costs a few ms, more on a slow device: it runs in a task
// of its own. The storage area is the one kjeks.js opened.
import { instantiateCore } from './core.js';
import { createEffects } from './effects.js';
import { dialogStylesheet, siteConfig } from './embedded.js';
import { createGating, consentMode } from './gating.js';
import { createProof } from './proof.js';
import { adoptStyles } from './styles.js';
import { domReady, inNextTask } from './tasks.js';

function randomId() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.prototype.map.call(bytes, (/** @type {number} */ b) => (b < 16 ? '0' : '') + b.toString(16)).join('');
}

/**
 * The site config's JSON text, inline (#kjeks-config) or from data-config;
 * null when the page gives none (the config compiled into kjeks-core.js is
 * used). A data-config that cannot be fetched gives 'null' (not a config:
 * the reader fails closed, with the default texts and analytics off).
 * @param {HTMLScriptElement | null} script
 * @returns {Promise<{ json: string, fetched: boolean } | null>}
 */
function pageConfigText(script) {
  const inline = document.getElementById('kjeks-config');
  if (inline) return Promise.resolve({ json: inline.textContent || '', fetched: true });
  const url = script && script.getAttribute('data-config');
  if (!url) return Promise.resolve(null);
  return fetch(new URL(url, location.href).href, { credentials: 'same-origin' })
    .then((response) => {
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.text();
    })
    .then((json) => ({ json, fetched: true }), (error) => {
      console.error('Kjeks: could not load the config from ' + url + ' (' + error.message +
        '); using the default texts with analytics off.');
      return { json: 'null', fetched: false };
    });
}

/**
 * The config in its compiled form (the core reads no JSON): the page's JSON
 * config through kjeks-json.js, or the one compiled into kjeks-core.js.
 * @param {import('./first-entry.js').Handover} ctx
 * @returns {Promise<string>}
 */
function readConfig(ctx) {
  return pageConfigText(ctx.script).then((page) => {
    if (!page) return siteConfig();
    if (!ctx.configReader) throw new Error('the page has a JSON config, but kjeks-json.js was not loaded');
    return ctx.configReader.then((reader) => reader['compileConfig'](page.json), (error) => {
      throw new Error('kjeks-json.js could not be loaded from ' + ctx.base + ' (' + error.message + ')');
    })
      .then((/** @type {{ form: string, errors: string, loadingDisabled: boolean }} */ compiled) => {
        if (compiled.errors && page.fetched) {
          console.error(compiled.loadingDisabled
            ? 'Kjeks: the site config has errors, so the default config is used and analytics stays off ' +
              '(nothing optional is loaded):' + compiled.errors
            : 'Kjeks: the site config has errors in its texts; the default texts are used for these:' + compiled.errors);
        }
        return compiled.form;
      });
  });
}

/**
 * @param {import('./first-entry.js').Handover} ctx
 * @param {Promise<WebAssembly.Module>} module
 */
export function boot(ctx, module) {
  const { api, base, script, fatal, trusted, bridge } = ctx;
  // The JSON config reader compiles while the core does.
  if (ctx.configReader) ctx.configReader.then((reader) => reader['prepareConfigReader'](), () => {});
  // Without constructed stylesheets, kjeks.js linked kjeks.css, which has these too.
  inNextTask(() => adoptStyles(dialogStylesheet())).catch(fatal);
  // The inline config may come after this script in the page: without defer
  // (async, or a plain tag in <head>) it is only there once the page is parsed.
  const configForm = domReady().then(() => inNextTask(() => readConfig(ctx)));

  // The core hands over its commands while a call into it runs; until the
  // bridge is set up there is nowhere for them to go (and none come).
  /** @type {(json: string) => void} */
  let apply = () => {};
  const core = module.then((module) => instantiateCore(module, {
    apply: (json) => apply(json),
  }), (error) => {
    throw /WebAssembly support/.test(error.message) ? error
      : new Error('the WebAssembly core did not compile (' + error.message + ')');
  });

  // The config is read in a task of its own as soon as the core is there,
  // while the page and the stylesheet may still load. The start waits for both.
  const configured = Promise.all([core, configForm])
    .then(([wasm, form]) => inNextTask(() => configure(wasm, form, ctx.storage)));
  Promise.all([configured, domReady()])
    .then(([start]) => inNextTask(start))
    .catch(fatal);

  /**
   * Reads the site config into the core and connects the bridge; returns the
   * start, which needs the page and the stylesheet.
   * @param {import('./core.js').Core} wasm
   * @param {string} form
   * @param {import('./storage.js').SafeStorage} storage
   */
  function configure(wasm, form, storage) {
    if (wasm.call('kjeks_configure', [form]) !== 0) {
      throw new Error('the compiled config cannot be read (was it built by another version of kjeks-check?)');
    }
    const now = () => Date.now();
    // Calls into the core from page events: a fault there halts the runtime.
    /** @param {() => void} fn */
    const guarded = (fn) => {
      try {
        fn();
      } catch (error) {
        fatal(error);
      }
    };
    /** @type {import('./api.js').Send} */
    const send = (name, category, checked, source) => guarded(() => {
      if (wasm.call('kjeks_action', [name, category, checked ? 1 : 0, source, now()]) !== 0) {
        throw new Error('the core does not know the action "' + name + '"');
      }
    });
    const key = wasm.text('kjeks_storage_key');
    // Consent Mode's default goes to dataLayer before anything can load.
    const setup = JSON.parse(wasm.text('kjeks_setup'));
    consentMode('default', setup['consentDefault']);
    const gating = createGating(
      (provider, category, terms) => wasm.text('kjeks_placeholder', [provider, category, terms]), trusted,
      bridge.buildElement);
    const proof = createProof(storage, key + '.outbox');
    const effects = createEffects({
      base,
      nonce: script ? script.nonce : '',
      local: storage,
      send,
      changed: api.changed,
      gating,
      proof,
      trusted,
      fatal,
      shown: ctx.shown,
      bridge,
    });
    fatal.onHalt(() => effects.halt());
    // The commands of the start are held and carried out in a task of their
    // own (see start()).
    /** @type {string[] | null} */
    let held = null;
    apply = (json) => {
      if (held) held.push(json);
      else effects.apply(json);
    };

    // Registered now, used once started (the start reads the record itself):
    // adding the first listener of a kind costs the browser a few ms.
    let started = false;
    const storageChanged = () => guarded(() => {
      wasm.call('kjeks_storage_changed', [storage.get(key), now(), randomId()]);
    });
    window.addEventListener('storage', (event) => {
      if (started && (event.key === key || event.key === null)) storageChanged();
    });
    window.addEventListener('pageshow', (event) => {
      if (started && event.persisted) storageChanged();
    });
    document.addEventListener('visibilitychange', () => {
      if (started && document.visibilityState === 'visible') guarded(() => { wasm.call('kjeks_tick', [now(), randomId()]); });
    });
    const freshId = randomId();

    // The start is two tasks: the core decides (and builds the banner's view)
    // in the first, the page gets the nodes in the second. Together they were
    // the longest task of the start. Commands that come in between, from
    // another tab, wait in line behind the start's own; the page's API calls
    // wait for Kjeks.ready, which settles after both.
    return function start() {
      const languages = (navigator.languages || [navigator.language || '']).join(',');
      held = [];
      wasm.call('kjeks_start', [storage.get(key), now(),
        /** @type {any} */ (navigator).globalPrivacyControl === true ? 1 : 0,
        document.documentElement.lang || '', languages, freshId, ctx.beaconInjected ? 1 : 0]);
      started = true;
      return inNextTask(() => {
        const queue = /** @type {string[]} */ (held);
        while (queue.length) effects.apply(/** @type {string} */ (queue.shift()));
        held = null;
        if (fatal.halted()) return;
        gating.start();
        proof.retry(setup['consentLog']);
        fatal.started();
        api.started(send, JSON.parse(wasm.text('kjeks_consent')));
        // Clicks on the first-visit banner before the core was there.
        ctx.takeClicks().forEach(([name, category, source]) => send(name, category, false, source));
      });
    };
  }
}
