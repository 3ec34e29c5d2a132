// What a visitor does and sees on the demo site, in terms of the
// engine-neutral session (session.mjs) and the recording site (site.mjs).
import assert from 'node:assert/strict';

export const BANNER = { role: 'region', name: /informasjonskapsler|cookies/i };
export const bannerButton = (name) => ({ role: 'button', name, within: BANNER });
export const NB = { accept: 'Godta alle', decline: 'Avslå alle', title: 'Vi bruker informasjonskapsler' };
export const EN = { accept: 'Accept all', decline: 'Decline all', title: 'We use cookies' };
export const BEACON = '/kjeks/beacon.js';
export const COLLECT = '/api/collect';

// Kjeks.ready's outcome once it has settled: { consent } or { failed }.
function kjeksReadyOutcome() {
  if (!window.Kjeks || !window.Kjeks.ready) return null;
  if (!window.__kjeksReady) {
    window.__kjeksReady = { pending: true };
    window.Kjeks.ready.then(
      (consent) => { window.__kjeksReady = { consent }; },
      (error) => { window.__kjeksReady = { failed: String((error && error.message) || error) }; });
  }
  return window.__kjeksReady.pending ? null : window.__kjeksReady;
}

// What the page and the server saw, for a failure message.
async function pageState(site, page) {
  const inPage = await page.evaluate(() => ({
    url: location.href, readyState: document.readyState, kjeks: typeof window.Kjeks,
    ready: window.__kjeksReady || null, views: [...document.querySelectorAll('[data-kjeks-view]')].map((el) => el.dataset.kjeksView),
  })).catch((error) => ({ error: error.message }));
  return JSON.stringify({ ...inPage, requests: site.requests.map((r) => `${r.method} ${r.path}`) });
}

export async function kjeksReady(site, page) {
  const outcome = await page.waitFor(kjeksReadyOutcome, [], 'Kjeks.ready settled').catch(async (error) => {
    throw new Error(`${error.message}; state: ${await pageState(site, page)}`);
  });
  assert.equal(outcome.failed, undefined, `Kjeks.ready rejected: ${outcome.failed}`);
  return outcome.consent;
}

export async function visit(site, page, path) {
  await page.goto(site.origin + path);
  return kjeksReady(site, page);
}

export const storedRecord = async (page) => {
  const text = (await page.storage()).local['kjeks.consent'];
  return text ? JSON.parse(text) : null;
};

// First visit to the Norwegian home page, Accept in the banner: returns the pageview.
export async function acceptOnHomePage(site, page) {
  await visit(site, page, '/');
  await page.click(bannerButton(NB.accept));
  await site.waitForRequests(BEACON);
  const [pageview] = await site.waitForPageviews(1);
  await page.waitForNoRole(BANNER);
  return pageview;
}
