// window.Kjeks: the small public API, and the kjeks:ready / kjeks:change
// DOM events. Calls made before the runtime has started wait for it.

/**
 * @typedef {(name: string, category: string, checked: boolean, source: string) => void} Send
 * @typedef {Record<string, any>} Consent  (category ids to booleans, and services: {id: boolean} when configured)
 * @typedef {{ consent: Consent, decided: boolean, method: string | null, id: string | null, gpc: boolean }} Change
 */

/** @param {string} version */
export function createApi(version) {
  /** @type {Record<string, Function[]>} */
  var listeners = { ready: [], change: [] };
  /** @type {Consent} */
  var snapshot = { necessary: true };
  /** @type {{ send: Send } | null} */
  var core = null;
  /** @type {(consent: Consent) => void} */
  var resolveReady = function () {};
  /** @type {(error: Error) => void} */
  var rejectReady = function () {};
  /** @type {Promise<Consent>} */
  var ready = new Promise(function (resolve, reject) {
    resolveReady = resolve;
    rejectReady = reject;
  });
  // A failed start is reported once on the console; awaiting code still sees the rejection.
  ready.catch(function () {});

  /**
   * @template T
   * @param {T} object
   * @returns {T}
   */
  function copy(object) {
    return JSON.parse(JSON.stringify(object));
  }

  /**
   * @param {string} name
   * @param {object} detail
   */
  function emit(name, detail) {
    document.dispatchEvent(new CustomEvent('kjeks:' + name, { detail: copy(detail) }));
    listeners[name].slice().forEach(function (fn) {
      try {
        fn(copy(detail));
      } catch (e) {
        console.error(e);
      }
    });
  }

  /** @param {string} action */
  function whenStarted(action) {
    return function () {
      return ready.then(function () {
        /** @type {{ send: Send }} */ (core).send(action, '', false, 'api');
        return copy(snapshot);
      });
    };
  }

  var api = {
    version: version,
    ready: ready,
    consent: function () {
      return copy(snapshot);
    },
    acceptAll: whenStarted('accept_all'),
    declineAll: whenStarted('decline_all'),
    showSettings: whenStarted('open_settings'),
    // on('change', fn) or on('kjeks:change', fn); a 'ready' listener added
    // after the start is called at once (asynchronously).
    /**
     * @param {string} name
     * @param {Function} fn
     */
    on: function (name, fn) {
      name = String(name).replace(/^kjeks:/, '');
      if (!listeners[name] || typeof fn !== 'function') {
        throw new TypeError('Kjeks.on: unknown event "' + name + '" or no function');
      }
      listeners[name].push(fn);
      if (name === 'ready' && core) {
        ready.then(function (consent) {
          if (listeners.ready.indexOf(fn) >= 0) fn({ consent: consent });
        });
      }
      return function off() {
        listeners[name] = listeners[name].filter(function (other) { return other !== fn; });
      };
    },
  };

  return {
    api: api,
    /**
     * @param {Send} send
     * @param {Consent} consent
     */
    started: function (send, consent) {
      core = { send: send };
      snapshot = consent;
      resolveReady(copy(snapshot));
      emit('ready', { consent: snapshot });
    },
    // The consent in force as the first-visit start read it, before the
    // core has started (no event: the core announces it when it starts).
    /** @param {Record<string, boolean>} consent */
    known: function (consent) {
      if (!core) snapshot = consent;
    },
    /** @param {Change} change */
    changed: function (change) {
      snapshot = change.consent;
      var detail = {
        consent: snapshot, services: snapshot.services || {}, decided: change.decided, method: change.method,
        consentId: change.id, gpc: change.gpc,
      };
      if (core) emit('change', detail);
    },
    // A halt: nothing optional is in force any more (a beacon the first
    // visit started asks Kjeks.consent() before each pageview).
    /** @param {Error} error */
    failed: function (error) {
      for (var id in snapshot) {
        if (id !== 'services') snapshot[id] = id === 'necessary';
      }
      var services = /** @type {Record<string, boolean>} */ (/** @type {any} */ (snapshot).services || {});
      for (var service in services) services[service] = false;
      rejectReady(error);
    },
  };
}
