// What evaluating <script src=".../kjeks.js" async> does, and all it does:
// window.Kjeks exists from here on, the module's fetch and compile is posted
// first, and the rest of the runtime (Emscripten's glue, the bridge and
// web/loader.js, wrapped by scripts/assemble.mjs into kjeksBoot) runs in a
// task of its own. With defer or a plain tag the evaluation runs inside the
// page's own work (a deferred script inside the browser's task that finishes
// parsing the page, often long already on a slow device): the runtime adds as
// little to it as it can.
var kjeksScript = document.currentScript;
var kjeksBase = new URL('.', (kjeksScript && kjeksScript.src) || location.href).href;
var kjeksApi = kjeksCreateApi('0.1.0');
window['Kjeks'] = kjeksApi.api;
// Fetching and compiling the module is the longest step of the start.
var kjeksModule = kjeksInNextTask(function () { return kjeksCompileCore(kjeksBase + 'kjeks.wasm'); });
kjeksModule.catch(function () {});  // reported once, where the module is instantiated
kjeksNextTask(kjeksBoot);

function kjeksCompileCore(url) {
  if (typeof WebAssembly !== 'object' || !WebAssembly.compileStreaming) {
    return Promise.reject(new Error('this browser has no WebAssembly support'));
  }
  return WebAssembly.compileStreaming(fetch(url, { credentials: 'same-origin' }));
}

// Runs fn in a task of its own. With a task scheduler, at the ordinary
// priority: 'user-blocking' runs the steps ahead of the page's own rendering,
// and the page's first paint came later for it, while the banner (which
// cannot show before that frame) came no sooner.
function kjeksNextTask(fn) {
  if (window.scheduler && scheduler.postTask) {
    scheduler.postTask(fn, { priority: 'user-visible' });
    return;
  }
  var channel = new MessageChannel();
  channel.port1.onmessage = function () { fn(); };
  channel.port2.postMessage(null);
}

// A promise of fn's result, run in the next task.
function kjeksInNextTask(fn) {
  return new Promise(function (resolve, reject) {
    kjeksNextTask(function () {
      try {
        resolve(fn());
      } catch (error) {
        reject(error);
      }
    });
  });
}
