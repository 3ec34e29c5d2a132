// Turns the core's node trees into DOM nodes, as text and attributes only:
// no innerHTML, no event handler attributes, no inline styles.
const SVG_NS = 'http://www.w3.org/2000/svg';
const UNSAFE_URL = /^[\s\u0000-\u001f]*(javascript|data|vbscript):/i;
// Element names a view may have: a script element (which Trusted Types and
// a strict CSP guard) is never one of them.
const NOT_BUILT = /^(script|iframe|object|embed|frame|base|meta|link|style)$/i;

/**
 * @typedef {string | [string, Record<string, string>, ...any[]]} ViewNode
 */

/**
 * @param {string} name
 * @param {string} value
 */
function attributeAllowed(name, value) {
  if (/^on/i.test(name) || name === 'style' || name === 'srcdoc') return false;
  if ((name === 'href' || name === 'src' || name === 'action') && UNSAFE_URL.test(value)) return false;
  return true;
}

/**
 * @param {ViewNode} node
 * @param {boolean} [inSvg]
 * @returns {Node}
 */
export function build(node, inSvg) {
  if (typeof node === 'string') return document.createTextNode(node);
  const tag = node[0];
  if (NOT_BUILT.test(tag)) throw new Error('a view may not hold a <' + tag + '> element');
  const svg = inSvg || tag === 'svg';
  const el = svg ? document.createElementNS(SVG_NS, tag) : document.createElement(tag);
  const attrs = node[1];
  for (const name in attrs) {
    if (attributeAllowed(name, attrs[name])) el.setAttribute(name, attrs[name]);
  }
  // A switch the core shows as partly on: its visible state too.
  if (attrs['aria-checked'] === 'mixed' && el instanceof HTMLInputElement) el.indeterminate = true;
  for (let i = 2; i < node.length; i++) el.appendChild(build(node[i], svg));
  return el;
}

/**
 * @param {ViewNode} node
 * @returns {HTMLElement}
 */
export function buildElement(node) {
  return /** @type {HTMLElement} */ (build(node));
}

const FOCUSABLE = 'a[href],button:not([disabled]),input:not([disabled]),select:not([disabled]),textarea:not([disabled]),[tabindex]:not([tabindex="-1"])';

/**
 * @param {Element} root
 * @returns {HTMLElement[]}
 */
export function focusables(root) {
  const all = root.querySelectorAll(FOCUSABLE);
  /** @type {HTMLElement[]} */
  const out = [];
  for (let i = 0; i < all.length; i++) {
    if (all[i].getClientRects().length) out.push(/** @type {HTMLElement} */ (all[i]));
  }
  return out;
}
