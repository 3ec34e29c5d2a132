// Code that runs inside the benchmarked page: the probe installed before any
// page script, and what the bench reads from it once a visit has settled.
// Each function is serialized by Playwright, so it may use nothing from here.

// The probe tells the banner's arrival through the console: waiting with
// page.waitForFunction would evaluate Playwright's own script in the page
// (about 20 ms of main thread at 1x) while the runtime is still starting.
export const BANNER_SIGNAL = 'kjeks-bench: banner visible';

// Long tasks, layout shifts, largest-contentful-paint candidates, wasm
// memories, and the first animation frame in which the banner is visible.
export function probe({ selector, signal }) {
  const m = { longTasks: [], scripts: [], cls: 0, lcp: [], memories: [], bannerAt: null };
  window.__bench = m;
  const observe = (type, onEntry) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(onEntry)).observe({ type, buffered: true });
    } catch (e) { /* not supported */ }
  };
  observe('longtask', (e) => m.longTasks.push({ start: e.startTime, duration: e.duration }));
  // Long animation frames name the scripts that ran in them (those over 5 ms):
  // a long task is the runtime's when a runtime script ran inside it.
  observe('long-animation-frame', (frame) => {
    for (const s of frame.scripts || []) m.scripts.push({ start: s.startTime, end: s.startTime + s.duration, url: s.sourceURL || '' });
  });
  observe('layout-shift', (e) => { if (!e.hadRecentInput) m.cls += e.value; });
  // The entries themselves, to ask later whether their element is in the banner.
  observe('largest-contentful-paint', (e) => m.lcp.push(e));
  // Remembers the linear memory of every wasm instance the page creates.
  const keep = (result) => {
    const instance = result && (result.instance || result);
    for (const value of Object.values((instance && instance.exports) || {})) {
      if (value instanceof WebAssembly.Memory) m.memories.push(value);
    }
    return result;
  };
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = WebAssembly[name];
    if (original) WebAssembly[name] = function () { return original.apply(this, arguments).then(keep); };
  }
  // And the instances made synchronously (kjeks.js's first-visit module).
  const Instance = WebAssembly.Instance;
  WebAssembly.Instance = function (module, imports) { return keep(new Instance(module, imports)); };
  WebAssembly.Instance.prototype = Instance.prototype;
  function visible(el) {
    const rect = el.getBoundingClientRect();
    if (rect.width <= 0 || rect.height <= 0 || rect.bottom <= 0 || rect.top >= innerHeight ||
        rect.right <= 0 || rect.left >= innerWidth) return false;
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.display === 'none' || style.visibility === 'hidden' || !(parseFloat(style.opacity) > 0)) return false;
    }
    return true;
  }
  function check() {
    if (!selector) return;  // the page without a runtime
    const el = document.querySelector(selector);
    if (el && visible(el)) {
      m.bannerAt = performance.now();
      console.debug(signal);
      return;
    }
    requestAnimationFrame(check);
  }
  requestAnimationFrame(check);
}

// A first visit, read once the banner has shown and the page has settled.
// dir is the runtime's own directory (/runtime/kjeks/), null for the page alone.
export function readFirstVisit({ selector, dir, settleMs }) {
  const m = window.__bench;
  const describe = (el) => el && (el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    [...el.classList].map((c) => '.' + c).join(''));
  // The last candidate up to settleMs after the banner (after the load for the
  // page alone): later candidates, if any, would not be counted.
  const until = (m.bannerAt ?? performance.now()) + settleMs;
  const lcp = m.lcp.filter((e) => e.startTime <= until).pop() || null;
  const banner = selector ? document.querySelector(selector) : null;
  const own = (e) => dir !== null && new URL(e.name).pathname.startsWith(dir);
  // Resource entries from the HTTP cache have transferSize 0: count their body then.
  const beforeBanner = m.bannerAt === null ? null : performance.getEntriesByType('resource')
    .filter((e) => own(e) && e.startTime < m.bannerAt);
  return {
    bannerAt: m.bannerAt,
    longTasks: m.longTasks.map((t) => ({ ...t, runtime: m.scripts.some((s) =>
      s.url.includes('/runtime/') && s.start < t.start + t.duration && s.end > t.start) })),
    cls: m.cls,
    fcp: (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime ?? null,
    lcp: lcp && lcp.startTime,
    lcpElement: lcp && describe(lcp.element),
    lcpInBanner: selector && lcp ? !!(banner && lcp.element && banner.contains(lcp.element)) : null,
    bytesBeforeBanner: beforeBanner && beforeBanner.reduce((sum, e) => sum + (e.transferSize || e.encodedBodySize), 0),
    filesBeforeBanner: beforeBanner && beforeBanner.map((e) => new URL(e.name).pathname.slice(dir.length)),
  };
}

// A returning visit, read once the pageview has been sent.
export function readReturningVisit() {
  const entries = performance.getEntriesByType('resource');
  const script = entries.find((e) => e.name.endsWith('/beacon.js'));
  const collect = entries.find((e) => new URL(e.name).pathname === '/api/collect');
  return {
    beaconScript: script ? script.startTime : null,
    beaconPageview: collect ? collect.startTime : null,
    // 0 when every runtime file came from the HTTP cache.
    runtimeBytesFromNetwork: entries.filter((e) => new URL(e.name).pathname.startsWith('/runtime/'))
      .reduce((sum, e) => sum + e.transferSize, 0),
  };
}

export function wasmMemorySizes() {
  return window.__bench.memories.map((memory) => memory.buffer.byteLength);
}
