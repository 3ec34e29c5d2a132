// Kjeks's stylesheets as constructed stylesheets (no request, and allowed by
// a strict CSP): kjeks.js carries the banner's, kjeks-core.js the dialog's.
// Where a browser cannot adopt one, kjeks.css (both) from beside kjeks.js.

/**
 * Adopts `css`; false when this browser cannot.
 * @param {string} css
 */
export function adoptStyles(css) {
  if (!('adoptedStyleSheets' in Document.prototype) || !('replaceSync' in CSSStyleSheet.prototype)) return false;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  return true;
}

/**
 * kjeks.css, settled once it has loaded (or failed to).
 * @param {string} base
 * @returns {Promise<void>}
 */
export function linkStylesheet(base) {
  return new Promise((resolve) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = base + 'kjeks.css';
    link.onload = link.onerror = () => { resolve(); };
    document.head.appendChild(link);
  });
}
