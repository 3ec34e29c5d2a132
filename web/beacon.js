// Kjeks's first-party analytics beacon. Kjeks injects it only after the
// visitor has accepted analytics. It sends one pageview per page view (and
// per in-page navigation) with a random pseudonymous id kept under its own
// localStorage key, and stops at once when told to or when consent changes.
(function () {
  'use strict';
  var ID_KEY = 'kjeks.aid';
  var script = document.currentScript;
  var endpoint = (script && script.getAttribute('data-endpoint')) || '/api/collect';
  var active = true;
  var sessionId = null;

  function randomId() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return (b < 16 ? '0' : '') + b.toString(16);
    }).join('');
  }

  function visitorId() {
    try {
      var id = localStorage.getItem(ID_KEY);
      if (!/^[0-9a-f]{32}$/.test(id || '')) {
        id = randomId();
        localStorage.setItem(ID_KEY, id);
      }
      return id;
    } catch (e) {
      return sessionId || (sessionId = randomId());
    }
  }

  function widthBucket() {
    var w = window.innerWidth || 0;
    return w < 480 ? 'xs' : w < 768 ? 's' : w < 1024 ? 'm' : w < 1440 ? 'l' : 'xl';
  }

  function referrerOrigin() {
    try {
      return document.referrer ? new URL(document.referrer).origin : '';
    } catch (e) {
      return '';
    }
  }

  function consented() {
    var kjeks = window.Kjeks;
    return !kjeks || !kjeks.consent || kjeks.consent().analytics === true;
  }

  function pageview() {
    if (!active || !consented()) return;
    var body = JSON.stringify({
      type: 'pageview',
      path: location.pathname,
      referrer: referrerOrigin(),
      screen: widthBucket(),
      id: visitorId(),
    });
    navigator.sendBeacon(endpoint, new Blob([body], { type: 'application/json' }));
  }

  function stop() {
    active = false;
    sessionId = null;
    try {
      localStorage.removeItem(ID_KEY);
    } catch (e) { /* nothing stored */ }
  }

  var pushState = history.pushState;
  history.pushState = function () {
    var result = pushState.apply(this, arguments);
    pageview();
    return result;
  };
  window.addEventListener('popstate', pageview);
  document.addEventListener('kjeks:change', function (event) {
    if (!event.detail || !event.detail.consent || event.detail.consent.analytics !== true) stop();
  });

  window.KjeksBeacon = {
    start: function () {
      if (active) return;
      active = true;
      pageview();
    },
    stop: stop,
  };
  pageview();
})();
