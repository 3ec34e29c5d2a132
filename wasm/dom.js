// Turns the core's node trees into DOM nodes, as text and attributes only:
// no innerHTML, no event handler attributes, no inline styles.
var KJEKS_SVG_NS = 'http://www.w3.org/2000/svg';
var KJEKS_UNSAFE_URL = /^[\s\u0000-\u001f]*(javascript|data|vbscript):/i;

function kjeksAttributeAllowed(name, value) {
  if (/^on/i.test(name) || name === 'style' || name === 'srcdoc') return false;
  if ((name === 'href' || name === 'src' || name === 'action') && KJEKS_UNSAFE_URL.test(value)) return false;
  return true;
}

function kjeksBuild(node, inSvg) {
  if (typeof node === 'string') return document.createTextNode(node);
  var tag = node[0];
  var svg = inSvg || tag === 'svg';
  var el = svg ? document.createElementNS(KJEKS_SVG_NS, tag) : document.createElement(tag);
  var attrs = node[1];
  for (var name in attrs) {
    if (kjeksAttributeAllowed(name, attrs[name])) el.setAttribute(name, attrs[name]);
  }
  for (var i = 2; i < node.length; i++) el.appendChild(kjeksBuild(node[i], svg));
  return el;
}

var KJEKS_FOCUSABLE = 'a[href],button:not([disabled]),input:not([disabled]),select:not([disabled]),textarea:not([disabled]),[tabindex]:not([tabindex="-1"])';

function kjeksFocusables(root) {
  var all = root.querySelectorAll(KJEKS_FOCUSABLE);
  var out = [];
  for (var i = 0; i < all.length; i++) {
    if (all[i].getClientRects().length) out.push(all[i]);
  }
  return out;
}
