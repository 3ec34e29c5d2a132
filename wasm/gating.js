// What third-party code on the page may do, by consent category. Only the
// core's "load" and "stop" commands change what is granted (strictly
// necessary too: the core loads it at the start); nothing here runs on its
// own, so if Kjeks cannot start, nothing gated ever runs.
//
// Scripts: <script type="text/plain" data-kjeks-category="analytics" src="…">
// (or with inline code) runs once its category is granted, once per page
// view: it is replaced in place by a real script with the same attributes
// (type from data-kjeks-type if given), the same nonce and the same code.
// Scripts run in document order: external ones load in parallel but execute
// in order (async = false) unless marked async, and an inline script waits
// for the external ones before it.
//
// Embeds: <iframe data-kjeks-category="external" data-kjeks-src="…"
// data-kjeks-provider="…" data-kjeks-terms="…"> stays empty and hidden behind
// the core's placeholder (view.hpp, build_placeholder) until its category is
// granted, then loads data-kjeks-src (http, https or relative; any other URL is
// refused and the frame stays empty). When the category is withdrawn it is
// emptied and the placeholder comes back.
//
// Services: with data-kjeks-service="booking" beside data-kjeks-category, a
// script or embed is gated on that one service (the core's "loadService" and
// "stopService"), and on its category as well. The placeholder of such an
// embed grants just that service.
//
// Scripts and embeds added to the page later are handled the same way.


// Google Consent Mode: gtag('consent', kind, types) as the gtag snippet does it
// (an arguments object pushed to dataLayer). types comes from the core.
function gtag() {
  const page = /** @type {any} */ (window);
  const layer = page['dataLayer'] = page['dataLayer'] || [];
  layer.push(arguments);
}

/**
 * @param {'default' | 'update'} kind
 * @param {object | undefined} types
 */
export function consentMode(kind, types) {
  // @ts-ignore: gtag takes its arguments as an arguments object, as Google's snippet does
  if (types) gtag('consent', kind, types);
}

/**
 * placeholder(provider, category, terms): the node tree JSON of the core's
 * placeholder, in the visitor's language.
 * @param {(provider: string, category: string, terms: string) => string} placeholder
 * @param {import('./trusted.js').Trusted} trusted
 * @param {import('./first-entry.js').Bridge['buildElement']} buildElement
 */
export function createGating(placeholder, trusted, buildElement) {
  /** @type {Record<string, boolean>} */
  var granted = Object.create(null);
  /** @type {Record<string, boolean>} */
  var services = Object.create(null);
  var started = false;
  var scheduled = false;
  /** @type {HTMLScriptElement[]} */
  var queue = [];      // gated scripts to run, in order
  var waiting = 0;     // ordered external scripts still loading
  /** @type {Map<HTMLIFrameElement, { placeholder: HTMLElement | null, hidden: boolean }>} */
  var frames = new Map();

  /** @param {Element} el */
  function categoryOf(el) {
    return el.getAttribute('data-kjeks-category') || '';
  }

  /** @param {Element} el */
  function serviceOf(el) {
    return el.getAttribute('data-kjeks-service') || '';
  }

  // Its category granted, and its service if it names one.
  /** @param {Element} el */
  function allowed(el) {
    var service = serviceOf(el);
    return granted[categoryOf(el)] === true && (!service || services[service] === true);
  }

  // Both are only asked about elements with data-kjeks-category.
  /**
   * @param {Element} el
   * @returns {el is HTMLScriptElement}
   */
  function isScript(el) {
    return el instanceof HTMLScriptElement && (el.getAttribute('type') || '').toLowerCase() === 'text/plain';
  }

  /**
   * @param {Element} el
   * @returns {el is HTMLIFrameElement}
   */
  function isFrame(el) {
    return el instanceof HTMLIFrameElement && el.hasAttribute('data-kjeks-src');
  }

  /**
   * The gated elements in root (root included), in document order.
   * @param {Node} node
   * @returns {Element[]}
   */
  function gatedIn(node) {
    /** @type {Element[]} */
    var out = [];
    if (node.nodeType !== 1) return out;
    var root = /** @type {Element} */ (node);
    if (root.hasAttribute('data-kjeks-category')) out.push(root);
    var inside = root.querySelectorAll('[data-kjeks-category]');
    for (var i = 0; i < inside.length; i++) out.push(inside[i]);
    return out;
  }

  // ---- Scripts ----

  // The page marked `old` for its category: its src and code pass the
  // Trusted Types policy (wasm/trusted.js).
  /** @param {HTMLScriptElement} old */
  function runnable(old) {
    var script = document.createElement('script');
    var attrs = old.attributes;
    for (var i = 0; i < attrs.length; i++) {
      var name = attrs[i].name;
      if (name === 'src') script.setAttribute(name, trusted.scriptUrl(attrs[i].value));
      else if (name !== 'type' && name !== 'nonce') script.setAttribute(name, attrs[i].value);
    }
    var type = old.getAttribute('data-kjeks-type');
    if (type) script.setAttribute('type', type);
    // The nonce attribute reads as "" once the browser has hidden it; the property keeps it.
    if (old.nonce) script.nonce = old.nonce;
    if (!old.hasAttribute('src')) script.text = trusted.script(old.text);
    return script;
  }

  function settled() {
    waiting--;
    pump();
  }

  function pump() {
    while (queue.length) {
      var old = queue[0];
      var external = old.hasAttribute('src');
      if (!external && waiting) return;
      queue.shift();
      // Gone from the page, already run, or withdrawn while waiting: skip.
      if (!old.parentNode || !isScript(old) || !allowed(old)) continue;
      var script;
      try {
        script = runnable(old);
      } catch (error) {
        console.error('Kjeks: a gated script was not run: ' + /** @type {Error} */ (error).message);
        continue;
      }
      if (external && !old.hasAttribute('async')) {
        script.async = false;
        waiting++;
        script.addEventListener('load', settled);  // not onload: an onload attribute stays the page's
        script.addEventListener('error', settled);
      }
      old.parentNode.replaceChild(script, old);
    }
  }

  // ---- Embeds ----

  /** @param {HTMLIFrameElement} frame */
  function frameUrl(frame) {
    var url;
    try {
      url = new URL(frame.getAttribute('data-kjeks-src') || '', location.href);
    } catch (e) {
      return '';
    }
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : '';
  }

  /**
   * Empties and hides the frame; state is "placeholder" or "refused" (a src that is not http(s)).
   * @param {HTMLIFrameElement} frame
   * @param {string} state
   */
  function empty(frame, state) {
    var entry = frames.get(frame) || { placeholder: null, hidden: frame.hidden === true };
    frames.set(frame, entry);
    if (frame.getAttribute('src')) frame.setAttribute('src', 'about:blank');
    frame.hidden = true;
    frame.setAttribute('data-kjeks-state', state);
    return entry;
  }

  /** @param {HTMLIFrameElement} frame */
  function refuse(frame) {
    empty(frame, 'refused');
    console.error('Kjeks: embed refused, data-kjeks-src must be http(s) or relative');
  }

  /**
   * @param {HTMLIFrameElement} frame
   * @param {string} url
   */
  function showPlaceholder(frame, url) {
    var height = frame.offsetHeight;  // the placeholder keeps the frame's room: no layout shift
    var entry = empty(frame, 'placeholder');
    if (entry.placeholder || !frame.parentNode) return;
    var provider = frame.getAttribute('data-kjeks-provider') || new URL(url).hostname;
    var terms = frame.getAttribute('data-kjeks-terms') || '';
    entry.placeholder = buildElement(JSON.parse(placeholder(provider, serviceOf(frame) || categoryOf(frame), terms)));
    if (height) entry.placeholder.style.setProperty('min-height', height + 'px');
    frame.parentNode.insertBefore(entry.placeholder, frame);
  }

  /**
   * @param {HTMLIFrameElement} frame
   * @param {string} url
   */
  function loadFrame(frame, url) {
    var entry = frames.get(frame);
    var hadFocus = false;
    if (entry) {
      if (entry.placeholder) {
        hadFocus = entry.placeholder.contains(document.activeElement);
        entry.placeholder.remove();
        entry.placeholder = null;
      }
      frame.hidden = entry.hidden;
    }
    frame.setAttribute('data-kjeks-state', 'loaded');
    frame.setAttribute('src', url);
    if (hadFocus) frame.focus();
  }

  /** @param {HTMLIFrameElement} frame */
  function syncFrame(frame) {
    var state = frame.getAttribute('data-kjeks-state');
    var url = frameUrl(frame);
    if (!url) {
      if (state !== 'refused') refuse(frame);
    } else if (allowed(frame)) {
      if (state !== 'loaded') loadFrame(frame, url);
    } else if (state !== 'placeholder') {
      showPlaceholder(frame, url);
    }
  }

  // ---- Both ----

  /** @param {Element[]} elements */
  function handle(elements) {
    elements.forEach(function (el) {
      if (isScript(el)) {
        if (allowed(el) && queue.indexOf(el) < 0) queue.push(el);
      } else if (isFrame(el)) {
        syncFrame(el);
      }
    });
    pump();
  }

  function scan() {
    scheduled = false;
    handle(gatedIn(document.documentElement));
  }

  // Commands of one batch (accept all: several loads) are handled together,
  // so scripts of different categories still run in document order.
  function schedule() {
    if (!started || scheduled) return;
    scheduled = true;
    Promise.resolve().then(scan);
  }

  return {
    /** @param {string} category */
    load: function (category) {
      granted[category] = true;
      schedule();
    },
    /** @param {string} category */
    stop: function (category) {
      delete granted[category];
      schedule();
    },
    /** @param {string} service */
    loadService: function (service) {
      services[service] = true;
      schedule();
    },
    /** @param {string} service */
    stopService: function (service) {
      delete services[service];
      schedule();
    },
    // Nothing gated runs any more, and loaded embeds are emptied again.
    halt: function () {
      granted = Object.create(null);
      services = Object.create(null);
      queue = [];
      schedule();
    },
    // After the core's first commands: placeholders for every embed not
    // granted, the granted scripts, and from now on everything added later.
    start: function () {
      if (started) return;
      started = true;
      schedule();
      new MutationObserver(function (records) {
        /** @type {Element[]} */
        var added = [];
        records.forEach(function (record) {
          for (var i = 0; i < record.addedNodes.length; i++) {
            added = added.concat(gatedIn(record.addedNodes[i]));
          }
        });
        if (added.length) handle(added);
      }).observe(document.documentElement, { 'childList': true, 'subtree': true });
    },
  };
}
