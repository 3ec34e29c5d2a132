// Runs fn in a task of its own. With a task scheduler, at the ordinary
// priority: 'user-blocking' runs the steps ahead of the page's own rendering,
// and the page's first paint came later for it, while the banner (which
// cannot show before that frame) came no sooner.
/** @param {() => void} fn */
export function nextTask(fn) {
  const scheduler = /** @type {any} */ (window).scheduler;
  if (scheduler && scheduler.postTask) {
    scheduler.postTask(fn, { priority: 'user-visible' });
    return;
  }
  const channel = new MessageChannel();
  channel.port1.onmessage = () => { fn(); };
  channel.port2.postMessage(null);
}

/**
 * A promise of fn's result, run in the next task.
 * @template T
 * @param {() => T | PromiseLike<T>} fn
 * @returns {Promise<T>}
 */
export function inNextTask(fn) {
  return new Promise((resolve, reject) => {
    nextTask(() => {
      try {
        resolve(fn());
      } catch (error) {
        reject(error);
      }
    });
  });
}

/**
 * Settles once the page is parsed: at once if it is, or else in a task after
 * DOMContentLoaded's. The parser's last task also lays the page out, so work
 * done in it made the page's own long task longer; `inParsersTask` settles
 * in that task all the same, for work that must not wait for another.
 * @param {boolean=} inParsersTask
 */
export function domReady(inParsersTask) {
  if (document.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => resolve(undefined);
    document.addEventListener('DOMContentLoaded', () => { inParsersTask ? done() : nextTask(done); }, { once: true });
  });
}

/**
 * Settles after the next frame has been painted, or after `ms` where no frame
 * comes (a page opened in a background tab paints none).
 * @param {number} ms
 */
export function afterNextPaint(ms) {
  return new Promise((resolve) => {
    const done = () => resolve(undefined);
    requestAnimationFrame(() => { nextTask(done); });
    setTimeout(done, ms);
  });
}
