// Where Kjeks's own views go in the page, shared by the first-visit start
// (wasm/first-entry.js) and the full bridge (wasm/effects.js).

import { buildElement } from './dom.js';
import { afterNextPaint } from './tasks.js';

const root = document.documentElement;
const CORNER = 'kjeks-icon--corner';

/**
 * The icon goes into the page's [data-kjeks-icon] or first <footer>;
 * without either, into the corner when the config allows it. False when
 * it has no place.
 * @param {HTMLElement} el
 * @param {boolean} corner
 */
export function placeIcon(el, corner) {
  const host = document.querySelector('[data-kjeks-icon]') || document.querySelector('footer');
  if (host) {
    host.appendChild(el);
    return true;
  }
  if (!corner) return false;
  // Fixed in the corner, but inside the main landmark when there is one,
  // so that all content stays in a landmark.
  el.classList.add(CORNER);
  (document.querySelector('main,[role="main"]') || document.body).appendChild(el);
  return true;
}

/**
 * A new icon in the old one's place (in the corner too, if it was), with
 * focus if the old one had it.
 * @param {HTMLElement} old
 * @param {HTMLElement} el
 */
export function replaceIcon(old, el) {
  if (old.classList.contains(CORNER)) el.classList.add(CORNER);
  const focused = document.activeElement === old;
  old.replaceWith(el);
  if (focused) el.focus();
}

// The banner goes first in the page, so it comes early in the focus order
// (and to screen readers), right after any leading skip links: those stay
// the first stop, as visitors who use them expect.
/** @param {Element} el */
function isSkipLinks(el) {
  if (el.matches('a[href^="#"]')) return true;
  const links = el.querySelectorAll('a[href^="#"]');
  if (!links.length || el.querySelector('button,input,select,textarea,iframe,a:not([href^="#"])')) return false;
  let text = '';
  for (let i = 0; i < links.length; i++) text += links[i].textContent;
  return (el.textContent || '').replace(/\s+/g, '') === text.replace(/\s+/g, '');
}

function bannerPlace() {
  let el = document.body.firstElementChild;
  while (el && (isSkipLinks(el) || el.matches('script,style,link,template,noscript'))) el = el.nextElementSibling;
  return el;
}

/**
 * @typedef {{
 *   el: HTMLElement,
 *   view: string,
 *   remove(keepRoom?: boolean): void,
 *   roomMade(): boolean,
 *   height(): number,
 * }} PlacedBanner
 */

const OPEN = 'kjeks-banner-open';

function dropRoom() {
  root.classList.remove(OPEN);
  root.style.removeProperty('--kjeks-banner-height');
  if (!root.getAttribute('style')) root.removeAttribute('style');
}

/**
 * Shows the banner the core describes in its place. Focused elements stay
 * clear of the fixed banner (WCAG 2.4.11): its height becomes the page's
 * bottom scroll padding (via CSSOM, which a strict CSP allows), and room
 * below the page's end. That room is made after the banner's first frame:
 * the height is an inherited custom property on the root, and setting it
 * restyles the whole page, which would otherwise delay that frame.
 * `replacing` is a banner already shown. When it shows the same view (the
 * full core takes over the first-visit banner this way) it stays as it is:
 * nothing is built, laid out or restyled. Otherwise the new one takes its
 * place and its room, with its height until the new one's is measured (in a
 * frame, after layout: reading it now would force one), and the control that
 * had focus in it (the same action) keeps focus.
 * @param {import('./dom.js').ViewNode} node
 * @param {PlacedBanner | null} replacing
 * @returns {PlacedBanner}
 */
export function showBanner(node, replacing) {
  const view = JSON.stringify(node);
  if (replacing && replacing.view === view && replacing.el.isConnected) return replacing;
  const el = buildElement(node);
  const active = document.activeElement;
  const focused = replacing && active && replacing.el.contains(active) ? active.getAttribute('data-kjeks-action') : null;
  const carried = replacing && replacing.roomMade() ? replacing.height() : -1;
  if (replacing) replacing.remove(true);
  document.body.insertBefore(el, bannerPlace());
  /** @type {ResizeObserver | null} */
  let size = null;
  let removed = false;
  let room = false;
  let height = carried;
  // Set only when it changes: the observer's first call comes in the frame
  // that lays the page out with the room, and would restyle it once more.
  const keepHeight = () => {
    const now = el.isConnected ? el.offsetHeight : height;
    if (now === height) return;
    height = now;
    root.style.setProperty('--kjeks-banner-height', now + 'px');
  };
  const makeRoom = () => {
    if (removed || room) return;
    room = true;
    if (height < 0 || !window.ResizeObserver) keepHeight();
    root.classList.add(OPEN);
    if (!window.ResizeObserver) return;
    size = new ResizeObserver(keepHeight);
    size.observe(el);
  };
  if (carried >= 0) makeRoom();
  else afterNextPaint(500).then(makeRoom);
  if (focused) {
    const same = /** @type {HTMLElement | null} */ (el.querySelector('[data-kjeks-action="' + focused + '"]'));
    if (same) same.focus();
  }
  return {
    el,
    view,
    roomMade: () => room,
    height: () => height,
    remove(keepRoom) {
      removed = true;
      if (size) size.disconnect();
      el.remove();
      if (!keepRoom) dropRoom();
    },
  };
}

/**
 * The analytics beacon's script element, added to the page.
 * @param {{ src: string, endpoint: string, integrity?: string }} command
 * @param {string} base
 * @param {string} nonce
 * @param {import('./trusted.js').Trusted} trusted
 */
export function appendBeacon(command, base, nonce, trusted) {
  appendScript(trusted.scriptUrl(new URL(command.src, base).href), nonce, command.integrity, (script) => {
    script.setAttribute('data-endpoint', command.endpoint);
  });
}

/**
 * An async script element of Kjeks's own, added to the page's head.
 * @param {any} src  a URL, or a TrustedScriptURL
 * @param {string} nonce
 * @param {string | undefined} integrity
 * @param {(script: HTMLScriptElement) => void} [prepare]
 * @returns {HTMLScriptElement}
 */
export function appendScript(src, nonce, integrity, prepare) {
  const script = document.createElement('script');
  script.src = src;
  script.async = true;
  if (integrity) {
    script.integrity = integrity;
    script.crossOrigin = 'anonymous';
  }
  if (nonce) script.nonce = nonce;
  if (prepare) prepare(script);
  document.head.appendChild(script);
  return script;
}
