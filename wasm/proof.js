// Proof of consent: the core sends each decision's record
// ("proof" command) to the configured consent-log endpoint. It goes with
// fetch(…, {keepalive: true}), or navigator.sendBeacon where fetch is missing.
// A send that fails, or is still under way when the page goes away, waits in
// localStorage under the outbox key and is sent again on the next page view.
// The record holds no IP address or fingerprint; an endpoint may receive a
// record twice after a retry and can tell them apart by consentId + updatedAt.
const OUTBOX_MAX = 20;

/**
 * @param {import('./storage.js').SafeStorage} local
 * @param {string} outboxKey
 */
export function createProof(local, outboxKey) {
  /** @type {string[]} */
  var sending = [];  // bodies under way on this page view

  /** @returns {string[]} */
  function read() {
    var list;
    try {
      list = JSON.parse(local.get(outboxKey) || '[]');
    } catch (e) {
      return [];
    }
    if (!Array.isArray(list)) return [];
    return list.filter(function (body) { return typeof body === 'string' && body.length <= 4096; });
  }

  /** @param {string[]} list */
  function write(list) {
    if (list.length) local.set(outboxKey, JSON.stringify(list.slice(-OUTBOX_MAX)));
    else local.remove(outboxKey);
  }

  /** @param {string} body */
  function keep(body) {
    var list = read();
    if (list.indexOf(body) < 0) write(list.concat([body]));
  }

  /** @param {string} body */
  function drop(body) {
    var list = read();
    var at = list.indexOf(body);
    if (at < 0) return;
    list.splice(at, 1);
    write(list);
  }

  /**
   * Resolves to true once the endpoint has accepted the record (2xx).
   * @param {string} endpoint
   * @param {string} body
   * @returns {Promise<boolean>}
   */
  function post(endpoint, body) {
    if (typeof fetch === 'function') {
      return fetch(endpoint, {
        'method': 'POST', 'body': body, 'keepalive': true, 'credentials': 'same-origin',
        'headers': { 'content-type': 'application/json' },
      }).then(function (response) { return response.ok; }, function () { return false; });
    }
    try {
      return Promise.resolve(navigator.sendBeacon(endpoint, new Blob([body], { 'type': 'application/json' })));
    } catch (e) {
      return Promise.resolve(false);
    }
  }

  /**
   * @param {string} endpoint
   * @param {string} body
   */
  function send(endpoint, body) {
    sending.push(body);
    post(endpoint, body).then(function (ok) {
      sending.splice(sending.indexOf(body), 1);
      if (ok) drop(body);
      else keep(body);
    });
  }

  window.addEventListener('pagehide', function () { sending.forEach(keep); });

  return {
    send: send,
    // On each page view, after start: what an earlier page view could not deliver.
    /** @param {string | undefined} endpoint */
    retry: function (endpoint) {
      if (endpoint) read().forEach(function (body) { send(endpoint, body); });
    },
  };
}
