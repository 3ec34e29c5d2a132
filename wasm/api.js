// window.Kjeks: the small public API, and the kjeks:ready / kjeks:change
// DOM events. Calls made before the runtime has started wait for it.
function kjeksCreateApi(version) {
  var listeners = { ready: [], change: [] };
  var snapshot = { necessary: true };
  var core = null;
  var resolveReady;
  var rejectReady;
  var ready = new Promise(function (resolve, reject) {
    resolveReady = resolve;
    rejectReady = reject;
  });
  // A failed start is reported once on the console; awaiting code still sees the rejection.
  ready.catch(function () {});

  function copy(object) {
    return JSON.parse(JSON.stringify(object));
  }

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

  function whenStarted(action) {
    return function () {
      return ready.then(function () {
        core.send(action, '', false, 'api');
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
    started: function (send, consent) {
      core = { send: send };
      snapshot = consent;
      resolveReady(copy(snapshot));
      emit('ready', { consent: snapshot });
    },
    changed: function (change) {
      snapshot = change.consent;
      var detail = {
        consent: snapshot, decided: change.decided, method: change.method,
        consentId: change.id, gpc: change.gpc,
      };
      if (core) emit('change', detail);
    },
    failed: function (error) {
      rejectReady(error);
    },
  };
}
