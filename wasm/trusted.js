// Trusted Types. On a page that enforces them (require-trusted-types-for
// 'script'), a script's src and its text must be trusted values. The policy
// named 'kjeks' passes exactly two kinds of value: the beacon's URL, which the
// core took from the validated config, and the src (http or https) or text of
// a gated script that the page itself marked. The policy object never leaves
// this module, so nothing else on the page can use it; every other value
// stays blocked. Without Trusted Types the values pass as they are.

const POLICY = 'kjeks';

/**
 * @typedef {{ scriptUrl(url: string): any, script(text: string): any }} Trusted
 * @param {(message: string) => void} report  told once when the page's CSP refuses the policy
 * @returns {Trusted}
 */
export function createTrusted(report) {
  const factory = /** @type {any} */ (window).trustedTypes;
  /** @type {any} */
  let policy = null;
  let refused = false;
  if (factory && factory.createPolicy) {
    try {
      policy = factory.createPolicy(POLICY, {
        createScriptURL: (/** @type {string} */ url) => {
          const parsed = new URL(url, location.href);
          if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
            throw new TypeError('Kjeks loads scripts over http(s) only');
          }
          return url;
        },
        createScript: (/** @type {string} */ text) => text,
      });
    } catch (e) {
      refused = true;
    }
  }

  function refusedOnce() {
    if (!refused) return;
    refused = false;
    report("the Trusted Types policy '" + POLICY + "' is not allowed by the page's CSP (add it to " +
      'trusted-types): gated scripts and the analytics beacon cannot run');
  }

  return {
    scriptUrl: (url) => {
      refusedOnce();
      return policy ? policy.createScriptURL(url) : url;
    },
    script: (text) => {
      refusedOnce();
      return policy ? policy.createScript(text) : text;
    },
  };
}
