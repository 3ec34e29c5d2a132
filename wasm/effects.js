// Carries out the core's commands (include/kjeks/bridge_protocol.hpp) and
// turns clicks and keys on Kjeks's own nodes into actions for the core.
// It creates only the nodes the core's view trees describe.
function kjeksCreateEffects(env) {
  // env: base, nonce, local (safe storage), send(name, category, checked, source), changed(detail),
  // gating (wasm/gating.js), proof (wasm/proof.js)
  var icon = null;
  var banner = null;
  var bannerSize = null;
  var overlay = null;
  var opener = null;
  var inerted = [];
  var beaconLoaded = false;
  var root = document.documentElement;

  function placeIcon(el) {
    var host = document.querySelector('[data-kjeks-icon]') || document.querySelector('footer');
    if (host) {
      host.appendChild(el);
    } else {
      // Fixed in the corner, but inside the main landmark when there is one,
      // so that all content stays in a landmark.
      el.classList.add('kjeks-icon--corner');
      (document.querySelector('main,[role="main"]') || document.body).appendChild(el);
    }
  }

  // The banner goes first in the page, so it comes early in the focus order
  // (and to screen readers), right after any leading skip links: those stay
  // the first stop, as visitors who use them expect.
  function isSkipLinks(el) {
    if (el.matches('a[href^="#"]')) return true;
    var links = el.querySelectorAll('a[href^="#"]');
    if (!links.length || el.querySelector('button,input,select,textarea,iframe,a:not([href^="#"])')) return false;
    var text = '';
    for (var i = 0; i < links.length; i++) text += links[i].textContent;
    return el.textContent.replace(/\s+/g, '') === text.replace(/\s+/g, '');
  }

  function bannerPlace() {
    var el = document.body.firstElementChild;
    while (el && (isSkipLinks(el) || el.matches('script,style,link,template,noscript'))) el = el.nextElementSibling;
    return el;
  }

  // Keeps focused elements clear of the fixed banner (WCAG 2.4.11): the
  // banner's height becomes the page's bottom scroll padding (via CSSOM,
  // which a strict CSP allows).
  function trackBannerHeight() {
    if (!window.ResizeObserver) return;
    bannerSize = new ResizeObserver(function () {
      if (banner) root.style.setProperty('--kjeks-banner-height', banner.offsetHeight + 'px');
    });
    bannerSize.observe(banner);
  }

  function removeBanner() {
    if (!banner) return;
    var hadFocus = banner.contains(document.activeElement);
    if (bannerSize) bannerSize.disconnect();
    banner.remove();
    banner = null;
    root.classList.remove('kjeks-banner-open');
    root.style.removeProperty('--kjeks-banner-height');
    if (!root.getAttribute('style')) root.removeAttribute('style');
    if (hadFocus && icon) icon.focus();
  }

  function setBackgroundInert(on) {
    if (on) {
      var children = document.body.children;
      for (var i = 0; i < children.length; i++) {
        var child = children[i];
        if (child !== overlay && !child.inert) {
          child.inert = true;
          inerted.push(child);
        }
      }
    } else {
      inerted.forEach(function (el) { el.inert = false; });
      inerted = [];
    }
  }

  function removeOverlay() {
    if (!overlay) return;
    overlay.remove();
    overlay = null;
    setBackgroundInert(false);
    root.classList.remove('kjeks-dialog-open');
  }

  function dialogBox() {
    return overlay && overlay.querySelector('[role="dialog"]');
  }

  function loadBeacon(beacon) {
    if (beaconLoaded) {
      if (window.KjeksBeacon) window.KjeksBeacon.start();
      return;
    }
    beaconLoaded = true;
    var script = document.createElement('script');
    script.src = new URL(beacon.src, env.base).href;
    script.async = true;
    if (beacon.integrity) {
      script.integrity = beacon.integrity;
      script.crossOrigin = 'anonymous';
    }
    if (env.nonce) script.nonce = env.nonce;
    script.setAttribute('data-endpoint', beacon.endpoint || '/api/collect');
    document.head.appendChild(script);
  }

  function deleteItem(item) {
    if (item.kind === 'cookie') {
      kjeksDeleteCookie(item.name);
      return;
    }
    try {
      window[item.kind].removeItem(item.name);
    } catch (e) { /* storage unavailable: nothing was kept there */ }
  }

  var ops = {
    icon: function (c) {
      var el = kjeksBuild(c.node);
      if (icon && icon.parentNode) icon.parentNode.replaceChild(el, icon);
      else placeIcon(el);
      icon = el;
    },
    banner: function (c) {
      removeBanner();
      banner = kjeksBuild(c.node);
      document.body.insertBefore(banner, bannerPlace());
      root.classList.add('kjeks-banner-open');
      trackBannerHeight();
    },
    hideBanner: removeBanner,
    dialog: function (c) {
      var active = document.activeElement;
      if (!overlay || !overlay.contains(active)) {
        opener = active && active !== document.body ? active : null;
      }
      removeOverlay();
      overlay = kjeksBuild(c.node);
      document.body.appendChild(overlay);
      setBackgroundInert(true);
      root.classList.add('kjeks-dialog-open');
    },
    hideDialog: removeOverlay,
    focus: function (c) {
      if (c.target === 'dialog') {
        var box = dialogBox();
        if (!box) return;
        var first = kjeksFocusables(box)[0];
        (first || box).focus();
        return;
      }
      var target = opener && opener.isConnected ? opener : icon;
      opener = null;
      if (target) target.focus();
    },
    store: function (c) { env.local.set(c.key, c.text); },
    remove: function (c) { env.local.remove(c.key); },
    load: function (c) {
      if (c.beacon) loadBeacon(c.beacon);
      env.gating.load(c['category']);
    },
    stop: function (c) {
      if (c.beacon && window.KjeksBeacon) window.KjeksBeacon.stop();
      (c.storage || []).forEach(deleteItem);
      env.gating.stop(c['category']);
    },
    proof: function (c) { env.proof.send(c['endpoint'], c['body']); },
    change: function (c) {
      kjeksConsentMode('update', c['consentMode']);
      env.changed(c);
    },
  };

  function actionOf(target) {
    var control = target && target.closest && target.closest('[data-kjeks-action]');
    if (!control || !control.closest('.kjeks')) return null;
    var view = control.closest('[data-kjeks-view]');
    return {
      el: control,
      name: control.getAttribute('data-kjeks-action'),
      category: control.getAttribute('data-kjeks-category') || '',
      source: view ? view.getAttribute('data-kjeks-view') : '',
    };
  }

  document.addEventListener('click', function (event) {
    if (overlay && event.target === overlay) {
      // The second click of a double click that opened the dialog lands on
      // its backdrop: only a click of its own closes it.
      if (event.detail < 2) env.send('close', '', false, 'dialog');
      return;
    }
    var action = actionOf(event.target);
    if (!action || action.name === 'toggle') return;
    env.send(action.name, action.category, false, action.source);
  });

  document.addEventListener('change', function (event) {
    var action = actionOf(event.target);
    if (action && action.name === 'toggle') {
      env.send('toggle', action.category, action.el.checked, action.source);
    }
  });

  document.addEventListener('keydown', function (event) {
    var box = dialogBox();
    if (!box) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      env.send('close', '', false, 'dialog');
      return;
    }
    if (event.key !== 'Tab') return;
    var focusables = kjeksFocusables(box);
    if (!focusables.length) return;
    var first = focusables[0];
    var last = focusables[focusables.length - 1];
    var active = document.activeElement;
    if (event.shiftKey && (active === first || !box.contains(active))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !box.contains(active))) {
      event.preventDefault();
      first.focus();
    }
  });

  return {
    // Loads run last, so scripts see the consent of the whole batch.
    apply: function (json) {
      var commands = JSON.parse(json);
      var loads = [];
      commands.forEach(function (command) {
        if (command.op === 'load') loads.push(command);
        else if (ops[command.op]) ops[command.op](command);
      });
      loads.forEach(ops.load);
    },
  };
}
