// The page's own <button data-kjeks-load="chat">: a click on it grants that
// service (the core records it and loads what is gated on it). Read by the
// full bridge (wasm/effects.js) and, before the core is there, by kjeks.js.

/**
 * The service a click on `target` asks for, or null.
 * @param {EventTarget | null} target
 * @returns {string | null}
 */
export function loadButtonService(target) {
  const el = /** @type {Element | null} */ (target);
  const control = el && el.closest && el.closest('[data-kjeks-load]');
  return control ? control.getAttribute('data-kjeks-load') || '' : null;
}
