// kjeks.js: what the page's one script tag runs. It shows what a first visit
// needs first, from the first-visit module and the compiled config it
// carries: the banner, or, for a returning visitor who accepted, the
// beacon. Then it imports the full core (kjeks-core.js, beside
// it, an ES module), which takes over with the same decision and does everything else: the
// icon, the dialog, gating, proofs, the API's actions. Clicks on the banner, and on the
// page's data-kjeks-load buttons, before the core is there wait for it. With a config in the page (inline or
// data-config), only the full core can decide, with the JSON config reader
// (kjeks-json.js) beside it: kjeks.js loads both at once.
// If anything stops the start, the page keeps working and nothing optional
// ever loads (fail closed).
import { createApi } from './api.js';
import { buildElement } from './dom.js';
import { createFatal } from './fatal.js';
import { startFirstVisitModule } from './first-core.js';
import { compiledConfig, compiledStorageKey, firstVisitModule, moduleTextDecoder, stylesheet } from './first-embedded.js';
import { importCore } from './import-core.js';
import { loadButtonService } from './load-buttons.js';
import { appendBeacon, showBanner } from './placement.js';
import { safeStorage } from './storage.js';
import { adoptStyles } from './styles.js';
import { afterNextPaint, domReady, inNextTask } from './tasks.js';
import { createTrusted } from './trusted.js';

/**
 * The bridge functions kjeks.js carries and kjeks-core.js uses as they are,
 * rather than carrying them a second time.
 * @typedef {{
 *   buildElement: typeof buildElement,
 *   showBanner: typeof showBanner,
 *   appendBeacon: typeof appendBeacon,
 * }} Bridge
 */

/**
 * What kjeks-core.js takes over (wasm/entry.js).
 * @typedef {{
 *   api: ReturnType<typeof createApi>,
 *   fatal: ReturnType<typeof createFatal>,
 *   trusted: import('./trusted.js').Trusted,
 *   storage: import('./storage.js').SafeStorage,
 *   bridge: Bridge,
 *   base: string,
 *   script: HTMLScriptElement | null,
 *   pageConfig: boolean,
 *   configReader?: Promise<any>,
 *   shown: { banner: import('./placement.js').PlacedBanner | null },
 *   beaconInjected: boolean,
 *   takeClicks(): Array<[string, string, string]>,
 * }} Handover
 */

const page = /** @type {any} */ (window);
if (!page['Kjeks']) {
  const api = createApi('0.2.0');
  const fatal = createFatal(api.failed);
  try {
    start(api, fatal);
  } catch (error) {
    fatal(error);
  }
}

/**
 * @param {ReturnType<typeof createApi>} api
 * @param {ReturnType<typeof createFatal>} fatal
 */
function start(api, fatal) {
  const script = /** @type {HTMLScriptElement | null} */ (document.currentScript);
  const base = new URL('.', (script && script.src) || location.href).href;
  const nonce = script ? script.nonce : '';
  page['Kjeks'] = api.api;
  // kjeks-core.js needs it: without it nothing starts, not even a banner the
  // core could never answer.
  if (typeof DecompressionStream !== 'function') throw new Error('this browser has no DecompressionStream');
  const trusted = createTrusted((message) => console.error('Kjeks: ' + message));

  /** @type {Array<[string, string, string]> | null} */
  let clicks = [];
  document.addEventListener('click', (event) => {
    const target = /** @type {Element | null} */ (event.target);
    const service = loadButtonService(target);
    if (clicks && service !== null) clicks.push(['grant_service', service, 'page']);
    const control = target && target.closest && target.closest('[data-kjeks-action]');
    if (!clicks || !control || !control.closest('.kjeks')) return;
    const view = control.closest('[data-kjeks-view]');
    clicks.push([control.getAttribute('data-kjeks-action') || '', control.getAttribute('data-kjeks-category') || '',
      view ? view.getAttribute('data-kjeks-view') || '' : '']);
  });

  // The stored choice is read before the module compiles (below); the core
  // takes this storage area over.
  const storage = safeStorage(() => window.localStorage);

  /** @type {Handover} */
  const handover = {
    api, fatal, trusted, base, script, storage,
    bridge: { buildElement, showBanner, appendBeacon },
    pageConfig: false,
    shown: { banner: null },
    beaconInjected: false,
    takeClicks() {
      const taken = clicks || [];
      clicks = null;
      return taken;
    },
  };

  // On a halt the beacon the first visit started stops with everything else,
  // and a banner no core will ever answer goes (the full core keeps its own).
  fatal.onHalt(() => {
    if (page['KjeksBeacon']) page['KjeksBeacon'].stop();
    if (clicks && handover.shown.banner) handover.shown.banner.remove();
  });

  let loading = false;
  // An ES module import: no script element, so no Trusted Types value is
  // needed, and the hand-over is a plain call. With the language the
  // first-visit module picked, the core that carries that language's texts
  // only (kjeks-core.<lang>.js); without one (a config in the page, or a
  // compiled config the module cannot read) the one that carries them all.
  /** @param {string} lang */
  function loadCore(lang) {
    if (loading || fatal.halted()) return;
    loading = true;
    // A JSON config is read by kjeks-json.js, fetched beside the core
    // (which reports a failure).
    if (handover.pageConfig) (handover.configReader = importCore(base + 'kjeks-json.js')).catch(() => {});
    const file = lang ? 'kjeks-core.' + lang + '.js' : 'kjeks-core.js';
    importCore(base + file).then((core) => core['takeOver'](handover), (error) => {
      fatal(new Error(file + ' could not be loaded from ' + base + ' (' + error.message + ')'));
    });
  }

  /** @param {{ op: string, [field: string]: any }} command */
  function run(command) {
    if (command.op === 'banner') {
      handover.shown.banner = showBanner(command.node, null);
    } else if (command.op === 'beacon') {
      handover.beaconInjected = true;
      appendBeacon(/** @type {any} */ (command), base, nonce, trusted);
    } else {
      throw new Error('unknown command "' + command.op + '"');
    }
  }

  // With a stored choice (a returning visitor, whose beacon waits for no
  // other task) the module compiles at once and decides as soon as the page
  // is parsed, in the parser's last task. On a first visit each step has a
  // task of its own (compiling and deciding with this script's evaluation,
  // or with the parser's work, made long tasks on a slow phone).
  const blob = compiledConfig();
  const stored = storage.get(compiledStorageKey(blob));
  const compile = () => startFirstVisitModule(firstVisitModule(), moduleTextDecoder(), blob);
  const module = (stored !== null ? compile() : inNextTask(compile)).catch((error) => {
    throw /WebAssembly support/.test(error.message) ? error
      : new Error('the WebAssembly core did not compile (' + error.message + ')');
  });
  module.catch(() => {});  // reported once, where it is used
  // The banner's stylesheet, in a task of its own; the core's banner needs it too.
  /** @type {Promise<void> | null} */
  let styles = null;
  const adoptBannerStyles = () => styles || (styles = inNextTask(() => adoptStyles(stylesheet())));

  /**
   * Runs the commands in order: the beacon at once, the elements after the
   * stylesheet is adopted, in a task of their own (on a slow phone deciding
   * and building the banner in one task made a long one). Whether a banner
   * is shown.
   * @param {import('./first-core.js').FirstVisit} first
   * @returns {Promise<boolean>}
   */
  function show(first) {
    api.known(first.consent);
    const commands = first.commands.slice();
    while (commands.length && commands[0].op === 'beacon') run(/** @type {any} */ (commands.shift()));
    return adoptBannerStyles().then(() => commands.length > 0 && inNextTask(() => {
      commands.forEach(run);
      return commands.some((command) => command.op === 'banner');
    }));
  }

  /**
   * What the module decides; null when it has nothing to say (a compiled
   * config it cannot read): the full core then decides alone. With a stored
   * choice (which may start the beacon) in this task; without one in a task
   * of its own.
   * @param {import('./first-core.js').FirstVisitModule} first
   * @returns {import('./first-core.js').FirstVisit | null | Promise<import('./first-core.js').FirstVisit | null>}
   */
  function decide(first) {
    const run = () => first.run({
      stored,
      pageLang: document.documentElement.lang || '',
      browserLangs: (navigator.languages || [navigator.language || '']).join(','),
      now: Date.now(),
      gpc: /** @type {any} */ (navigator).globalPrivacyControl === true,
    });
    return stored === null ? inNextTask(run) : run();
  }

  domReady(stored !== null).then(() => {
    // The inline config may come after this script in the page: it is only
    // sure to be there once the page is parsed.
    handover.pageConfig = !!document.getElementById('kjeks-config') || !!(script && script.getAttribute('data-config'));
    if (handover.pageConfig) return adoptBannerStyles().then(() => loadCore(''));
    /** @type {string} */
    let lang = '';
    return module.then(decide)
      .then((decided) => {
        if (!decided) return adoptBannerStyles().then(() => false);
        lang = /^[a-z]{2,3}$/.test(decided.lang) ? decided.lang : '';
        return show(decided);
      })
      // The core loads once the banner is painted: it must not delay it.
      .then((shown) => (shown ? afterNextPaint(500) : undefined))
      .then(() => loadCore(lang));
  }).catch(fatal);
}
