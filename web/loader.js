// The rest of the start, in kjeksBoot's task (see web/entry.js, which has
// already posted the module's fetch and compile): reads the site config,
// starts the WebAssembly core and connects it to the page. If anything stops
// the core from starting, the page keeps working and nothing optional ever
// loads (fail closed).
//
// Requesting the stylesheet, reading the config and opening the storage area
// (the browser does that on first use) each cost a few ms, more on a slow
// device: they run in tasks of their own.
var kjeksStyles = kjeksInNextTask(kjeksLoadStyles);
// The inline config may come after this script in the page: without defer
// (async, or a plain tag in <head>) it is only there once the page is parsed.
var kjeksConfigText = kjeksDomReady().then(function () { return kjeksInNextTask(kjeksReadConfig); });
var kjeksLocal = kjeksInNextTask(function () {
  return kjeksSafeStorage(function () { return window.localStorage; });
});
var kjeksFailed = false;
var kjeksConfigUnavailable = false;  // the data-config fetch failed (already reported)
kjeksFatal = kjeksFail;  // declared by the wrapper scripts/assemble.mjs writes around this file

function kjeksFail(reason) {
  if (kjeksFailed) return;
  kjeksFailed = true;
  var message = reason && reason.message ? reason.message : String(reason);
  console.error('Kjeks could not start, so no optional cookies or analytics are used: ' + message);
  kjeksApi.failed(new Error(message));
}

function kjeksReadConfig() {
  var inline = document.getElementById('kjeks-config');
  if (inline) return Promise.resolve(inline.textContent);
  var url = kjeksScript && kjeksScript.getAttribute('data-config');
  if (!url) return Promise.resolve('');
  return fetch(new URL(url, location.href).href, { credentials: 'same-origin' })
    .then(function (response) {
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.text();
    })
    .catch(function (error) {
      console.error('Kjeks: could not load the config from ' + url + ' (' + error.message +
        '); using the default texts with analytics off.');
      kjeksConfigUnavailable = true;
      return 'null';  // not a config: the core fails closed
    });
}

function kjeksLoadStyles() {
  return new Promise(function (resolve) {
    var link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = kjeksBase + 'kjeks.css';
    link.onload = link.onerror = function () { resolve(); };
    document.head.appendChild(link);
  });
}

function kjeksRandomId() {
  var bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.prototype.map.call(bytes, function (b) {
    return (b < 16 ? '0' : '') + b.toString(16);
  }).join('');
}

function kjeksDomReady() {
  if (document.readyState !== 'loading') return Promise.resolve();
  return new Promise(function (resolve) {
    document.addEventListener('DOMContentLoaded', function () { resolve(); }, { once: true });
  });
}

// Calls an exported function with JS strings (null stays a null pointer).
// The browser's own UTF-8 encoder is much faster than a loop in JS on a
// config of a few kilobytes (and turns lone surrogates into U+FFFD).
var kjeksUtf8 = new TextEncoder();
function kjeksCall(fn, args) {
  var pointers = [];
  var converted = args.map(function (arg) {
    if (typeof arg !== 'string') return arg === null ? 0 : arg;
    var bytes = kjeksUtf8.encode(arg);
    var ptr = _malloc(bytes.length + 1);
    HEAPU8.set(bytes, ptr);  // after malloc: a grown memory has a new buffer
    HEAPU8[ptr + bytes.length] = 0;
    pointers.push(ptr);
    return ptr;
  });
  try {
    return fn.apply(null, converted);
  } finally {
    pointers.forEach(function (ptr) { _free(ptr); });
  }
}

// Reads the site config into the core and connects the bridge; returns the
// start, which needs the page and the stylesheet.
function kjeksConfigure(configText, local) {
  Module['kjeksConfigErrors'] = function (message, loadingDisabled) {
    if (kjeksConfigUnavailable) return;
    console.error(loadingDisabled
      ? 'Kjeks: the site config has errors, so the default config is used and analytics stays off ' +
        '(nothing optional is loaded):' + message
      : 'Kjeks: the site config has errors in its texts; the default texts are used for these:' + message);
  };
  kjeksCall(_kjeks_configure, [configText]);
  var now = function () { return Date.now(); };
  var effects;
  var send = function (name, category, checked, source) {
    kjeksCall(_kjeks_action, [name, category, checked ? 1 : 0, source, now()]);
  };
  var key = UTF8ToString(_kjeks_storage_key());
  // Consent Mode's default goes to dataLayer before anything can load.
  var setup = JSON.parse(UTF8ToString(_kjeks_setup()));
  kjeksConsentMode('default', setup['consentDefault']);
  var gating = kjeksCreateGating(function (provider, category, terms) {
    return UTF8ToString(kjeksCall(_kjeks_placeholder, [provider, category, terms]));
  });
  var proof = kjeksCreateProof(local, key + '.outbox');
  effects = kjeksCreateEffects({
    base: kjeksBase,
    nonce: kjeksScript ? kjeksScript.nonce : '',
    local: local,
    send: send,
    changed: kjeksApi.changed,
    gating: gating,
    proof: proof,
  });
  // The core hands over its commands while a call into it runs. Those of
  // the start are held and carried out in a task of their own (see start()).
  var held = null;
  Module['kjeksApply'] = function (json) {
    if (held) held.push(json);
    else effects.apply(json);
  };

  // Registered now, used once started (the start reads the record itself):
  // adding the first listener of a kind costs the browser a few ms.
  var started = false;
  window.addEventListener('storage', function (event) {
    if (started && (event.key === key || event.key === null)) {
      kjeksCall(_kjeks_storage_changed, [local.get(key), now(), kjeksRandomId()]);
    }
  });
  window.addEventListener('pageshow', function (event) {
    if (started && event.persisted) kjeksCall(_kjeks_storage_changed, [local.get(key), now(), kjeksRandomId()]);
  });
  document.addEventListener('visibilitychange', function () {
    if (started && document.visibilityState === 'visible') kjeksCall(_kjeks_tick, [now(), kjeksRandomId()]);
  });
  var freshId = kjeksRandomId();

  // The start is two tasks: the core decides (and builds the banner's view)
  // in the first, the page gets the nodes in the second. Together they were
  // the longest task of the start. Commands that come in between, from
  // another tab, wait in line behind the start's own; the page's API calls
  // wait for Kjeks.ready, which settles after both.
  return function start() {
    var languages = (navigator.languages || [navigator.language || '']).join(',');
    held = [];
    kjeksCall(_kjeks_start, [local.get(key), now(), navigator.globalPrivacyControl === true ? 1 : 0,
      document.documentElement.lang || '', languages, freshId]);
    started = true;
    return kjeksInNextTask(function () {
      while (held.length) effects.apply(held.shift());
      held = null;
      gating.start();
      proof.retry(setup['consentLog']);
      kjeksApi.started(send, JSON.parse(UTF8ToString(_kjeks_consent())));
    });
  };
}

Module['print'] = function () {};
Module['printErr'] = function () {};
Module['onAbort'] = kjeksFail;
Module['instantiateWasm'] = function (imports, receive) {
  kjeksModule
    .then(function (module) {
      return WebAssembly.instantiate(module, imports).then(function (instance) { receive(instance, module); });
    })
    .catch(function (error) {
      kjeksFail(/WebAssembly support/.test(error.message) ? error : 'kjeks.wasm did not load (' + error.message + ')');
    });
  return {};
};

// Each step runs in a task of its own, because V8 compiles each wasm function
// on its first call: in one task, the steps made one long task. The embedded
// default config (it fills in the texts a site config leaves out) is read as
// soon as the core is there, in two steps (its JSON text, then the Config:
// together they made the longest task); the site config as soon as it is
// read, while the page and the stylesheet may still load. The start waits
// for both.
var kjeksCoreReady = new Promise(function (resolve) { Module['onRuntimeInitialized'] = resolve; })
  .then(function () { return kjeksInNextTask(function () { _kjeks_prepare(0); }); })
  .then(function () { return kjeksInNextTask(function () { _kjeks_prepare(1); }); });
var kjeksConfigured = Promise.all([kjeksCoreReady, kjeksConfigText, kjeksLocal])
  .then(function (results) {
    return kjeksInNextTask(function () { return kjeksConfigure(results[1], results[2]); });
  });
Promise.all([kjeksConfigured, kjeksStyles, kjeksDomReady()])
  .then(function (results) { return kjeksInNextTask(results[0]); })
  .catch(kjeksFail);
