// The tests' own pages, served by the site wrapper on the demo server's
// origin, so /kjeks/* still comes from dist/. Built with the Chromium tests'
// page fixture. The CSP, Trusted Types and /t/first pages have no config of
// their own: kjeks.js starts with the compiled default config and imports
// kjeks-core.en.js (the pages are in English) after the banner; the others carry one as JSON, which the
// JSON config reader (kjeks-json.js, imported beside the core) reads for
// the core from the start.
import { pageHtml, siteConfig } from '../browser/fixtures/fail-closed.mjs';

export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'";

// The CSP forbids inline scripts, so the violation recorder is a file of
// its own, the first script of the page.
const RECORD_VIOLATIONS = `window.__violations = [];
document.addEventListener('securitypolicyviolation', function (event) {
  window.__violations.push(event.violatedDirective + ' ' + event.blockedURI);
});
`;

const GATED_SCRIPTS = `<script type="text/plain" data-kjeks-category="analytics" src="/t/gated.js"></script>
<script type="text/plain" data-kjeks-category="analytics">window.__gatedInline = (window.__gatedInline || 0) + 1;</script>
`;

const SCRIPT = 'text/javascript; charset=utf-8';

export const testPages = {
  '/t/violations.js': { type: SCRIPT, body: RECORD_VIOLATIONS },
  '/t/csp': {
    headers: { 'content-security-policy': STRICT_CSP },
    body: pageHtml({ head: '<script src="/t/violations.js"></script>\n' }),
  },
  '/t/first': { body: pageHtml({ tag: 'async' }) },
  '/t/gated': { body: pageHtml({ config: siteConfig(), body: GATED_SCRIPTS }) },
  '/t/trusted-types': {
    headers: { 'content-security-policy': `${STRICT_CSP}; require-trusted-types-for 'script'; trusted-types kjeks` },
    body: pageHtml({
      head: '<script src="/t/violations.js"></script>\n',
      body: '<script type="text/plain" data-kjeks-category="analytics" src="/t/gated.js"></script>\n',
    }),
  },
  '/t/gated.js': { type: SCRIPT, body: 'window.__gatedExternal = (window.__gatedExternal || 0) + 1;\n' },
};
