// Kjeks's stylesheets as constructed stylesheets (no request, and allowed by
// a strict CSP): kjeks.js carries the banner's, kjeks-core.js the dialog's.
// Every browser Kjeks runs in (it needs DecompressionStream) can adopt one.

/** @param {string} css */
export function adoptStyles(css) {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
