// Imports of the wasm module (an Emscripten --js-library). They only hand the
// core's output to the bridge (wasm/effects.js), which runs in the same scope.
mergeInto(LibraryManager.library, {
  kjeks_js_apply: function (ptr) {
    Module['kjeksApply'](UTF8ToString(ptr));
  },
  kjeks_js_config_errors: function (ptr, loadingDisabled) {
    Module['kjeksConfigErrors'](UTF8ToString(ptr), loadingDisabled !== 0);
  },
});
