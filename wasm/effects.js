// Carries out the core's commands (include/kjeks/bridge_protocol.hpp), in
// the order the core gives them, and turns clicks and keys on Kjeks's own
// nodes into actions for the core. It creates only the nodes the core's view
// trees describe, and decides nothing: a command it does not know is a fault.
import { focusables } from './dom.js';
import { loadButtonService } from './load-buttons.js';
import { placeIcon, replaceIcon } from './placement.js';
import { deleteCookie } from './storage.js';
import { consentMode } from './gating.js';

/**
 * @typedef {{
 *   base: string,
 *   nonce: string,
 *   local: import('./storage.js').SafeStorage,
 *   send: import('./api.js').Send,
 *   changed: (change: any) => void,
 *   gating: ReturnType<typeof import('./gating.js').createGating>,
 *   proof: ReturnType<typeof import('./proof.js').createProof>,
 *   trusted: import('./trusted.js').Trusted,
 *   fatal: (reason: unknown) => void,
 *   shown: { banner: import('./placement.js').PlacedBanner | null },
 *   bridge: import('./first-entry.js').Bridge,
 * }} EffectsEnv
 * @typedef {{ op: string, [field: string]: any }} Command
 */

/** @param {EffectsEnv} env */
export function createEffects(env) {
  const { buildElement, showBanner, appendBeacon } = env.bridge;
  /** @type {HTMLElement | null} */
  let icon = null;
  // The banner the first-visit start showed, if any: the core's commands
  // keep it, or replace it in place.
  /** @type {import('./placement.js').PlacedBanner | null} */
  let banner = env.shown.banner;
  /** @type {HTMLElement | null} */
  let overlay = null;
  /** @type {HTMLElement | null} */
  let previous = null;  // what had focus before the dialog opened
  /** @type {HTMLElement[]} */
  let inerted = [];
  let halted = false;
  const root = document.documentElement;

  function removeBanner() {
    if (!banner) return;
    banner.remove();
    banner = null;
  }

  /** @param {boolean} on */
  function setBackgroundInert(on) {
    if (on) {
      const children = document.body.children;
      for (let i = 0; i < children.length; i++) {
        const child = /** @type {HTMLElement} */ (children[i]);
        if (child !== overlay && !child.inert) {
          child.inert = true;
          inerted.push(child);
        }
      }
    } else {
      inerted.forEach((el) => { el.inert = false; });
      inerted = [];
    }
  }

  function removeOverlay() {
    if (!overlay) return;
    overlay.remove();
    overlay = null;
    setBackgroundInert(false);
    root.classList.remove('kjeks-dialog-open');
  }

  function dialogBox() {
    return overlay && overlay.querySelector('[role="dialog"]');
  }

  /** @param {string} target */
  function focusTarget(target) {
    if (target === 'dialog') {
      const box = dialogBox();
      return box ? focusables(box)[0] || /** @type {HTMLElement} */ (box) : null;
    }
    if (target === 'bannerSettings') {
      return banner && /** @type {HTMLElement | null} */ (banner.el.querySelector('[data-kjeks-action="open_settings"]'));
    }
    if (target === 'previous' && previous && previous.isConnected) return previous;
    return icon && icon.isConnected ? icon : null;
  }

  /** @param {{ name: string, kind: string }} item */
  function deleteItem(item) {
    if (item.kind === 'cookie') {
      deleteCookie(item.name);
      return;
    }
    try {
      /** @type {Storage} */ (/** @type {any} */ (window)[item.kind]).removeItem(item.name);
    } catch (e) { /* storage unavailable: nothing was kept there */ }
  }

  function beacon() {
    return /** @type {any} */ (window).KjeksBeacon;
  }

  /** @type {Record<string, (command: Command) => void>} */
  const ops = {
    icon: (c) => {
      const el = buildElement(c.node);
      if (icon && icon.parentNode) {
        replaceIcon(icon, el);
        icon = el;
      } else {
        icon = placeIcon(el, c.corner === true) ? el : null;
      }
    },
    banner: (c) => {
      banner = showBanner(c.node, banner);
    },
    hideBanner: removeBanner,
    dialog: (c) => {
      const active = /** @type {HTMLElement | null} */ (document.activeElement);
      if (!overlay || !overlay.contains(active)) {
        previous = active && active !== document.body ? active : null;
      }
      removeOverlay();
      overlay = buildElement(c.node);
      document.body.appendChild(overlay);
      setBackgroundInert(true);
      root.classList.add('kjeks-dialog-open');
    },
    hideDialog: removeOverlay,
    focus: (c) => {
      const active = document.activeElement;
      if (c.onlyIfLost && active && active !== document.body) return;
      const el = focusTarget(c.target);
      if (c.target !== 'dialog') previous = null;
      if (el) el.focus();
    },
    store: (c) => { env.local.set(c.key, c.text); },
    load: (c) => { env.gating.load(c.category); },
    stop: (c) => {
      (c.storage || []).forEach(deleteItem);
      env.gating.stop(c.category);
    },
    loadService: (c) => { env.gating.loadService(c.service); },
    stopService: (c) => {
      (c.storage || []).forEach(deleteItem);
      env.gating.stopService(c.service);
    },
    // The dialog's switches, by id: true, false or "mixed" (indeterminate).
    toggles: (c) => {
      if (!overlay) return;
      for (const id in c.states) {
        const input = /** @type {HTMLInputElement | null} */ (overlay.querySelector('#' + CSS.escape(id)));
        if (!input) continue;
        const mixed = c.states[id] === 'mixed';
        input.checked = c.states[id] === true;
        input.indeterminate = mixed;
        if (mixed) input.setAttribute('aria-checked', 'mixed');
        else input.removeAttribute('aria-checked');
      }
    },
    beacon: (c) => { appendBeacon(/** @type {any} */ (c), env.base, env.nonce, env.trusted); },
    restartBeacon: () => { if (beacon()) beacon().start(); },
    stopBeacon: () => { if (beacon()) beacon().stop(); },
    proof: (c) => { env.proof.send(c.endpoint, c.body); },
    change: (c) => {
      consentMode('update', c.consentMode);
      env.changed(c);
    },
  };

  /** @param {Event} event */
  function actionOf(event) {
    const target = /** @type {Element | null} */ (event.target);
    const control = target && target.closest && target.closest('[data-kjeks-action]');
    if (!control || !control.closest('.kjeks')) return null;
    const view = control.closest('[data-kjeks-view]');
    return {
      el: /** @type {HTMLInputElement} */ (control),
      name: control.getAttribute('data-kjeks-action') || '',
      // A service's controls name the service (its id is no category's).
      category: control.getAttribute('data-kjeks-service') || control.getAttribute('data-kjeks-category') || '',
      source: view ? view.getAttribute('data-kjeks-view') || '' : '',
    };
  }

  /** @param {string} name */
  function isToggle(name) {
    return name === 'toggle' || name === 'toggle_service';
  }

  /** @param {Event} event */
  function loadClicked(event) {
    const service = loadButtonService(event.target);
    if (service !== null) send('grant_service', service, false, 'page');
  }

  /** @type {import('./api.js').Send} */
  function send(name, category, checked, source) {
    if (!halted) env.send(name, category, checked, source);
  }

  document.addEventListener('click', (event) => {
    if (overlay && event.target === overlay) {
      // The second click of a double click that opened the dialog lands on
      // its backdrop: only a click of its own closes it.
      if (event.detail < 2) send('close', '', false, 'dialog');
      return;
    }
    const action = actionOf(event);
    if (!action) {
      loadClicked(event);
      return;
    }
    if (isToggle(action.name)) return;
    send(action.name, action.category, false, action.source);
  });

  document.addEventListener('change', (event) => {
    const action = actionOf(event);
    if (action && isToggle(action.name)) send(action.name, action.category, action.el.checked, action.source);
  });

  document.addEventListener('keydown', (event) => {
    const box = dialogBox();
    if (!box) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      send('close', '', false, 'dialog');
      return;
    }
    if (event.key !== 'Tab') return;
    const all = focusables(box);
    if (!all.length) return;
    const first = all[0];
    const last = all[all.length - 1];
    const active = document.activeElement;
    if (event.shiftKey && (active === first || !box.contains(active))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !box.contains(active))) {
      event.preventDefault();
      first.focus();
    }
  });

  return {
    /**
     * Runs one transition's commands in order. A batch with a command this
     * layer does not know runs not at all: the runtime halts (fail closed).
     * @param {string} json
     */
    apply(json) {
      if (halted) return;
      /** @type {Command[]} */
      const commands = JSON.parse(json);
      const unknown = commands.find((command) => !Object.prototype.hasOwnProperty.call(ops, command.op));
      if (unknown) {
        env.fatal(new Error('the core sent a command this page does not know: "' + String(unknown.op) + '"'));
        return;
      }
      commands.forEach((command) => {
        try {
          ops[command.op](command);
        } catch (error) {
          // A refused script (Trusted Types, CSP) fails closed and says why;
          // the other commands of the decision still run.
          console.error('Kjeks: the "' + command.op + '" command failed: ' + /** @type {Error} */ (error).message);
        }
      });
    },
    // Nothing more runs: the beacon stops, gated scripts and embeds are off.
    halt() {
      halted = true;
      if (beacon()) beacon().stop();
      env.gating.halt();
    },
  };
}
