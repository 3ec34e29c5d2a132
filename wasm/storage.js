// Web storage that never throws. When the browser refuses a read or a write
// (private modes, disabled storage, quota), the value is kept in memory for
// this page view, so a decision still holds while the page is open.
/**
 * @typedef {{ get(key: string): string | null, set(key: string, value: string): boolean, remove(key: string): void }} SafeStorage
 * @param {() => Storage | null} getArea
 * @returns {SafeStorage}
 */
export function safeStorage(getArea) {
  /** @type {Record<string, string>} */
  var memory = Object.create(null);
  /** @type {Storage | null} */
  var area = null;
  try {
    area = getArea();
    if (area) area.getItem('kjeks.probe');
  } catch (e) {
    area = null;
  }
  return {
    get: function (key) {
      if (key in memory) return memory[key];
      try {
        return area ? area.getItem(key) : null;
      } catch (e) {
        return null;
      }
    },
    set: function (key, value) {
      try {
        if (!area) throw new Error('no storage');
        area.setItem(key, value);
        delete memory[key];
        return true;
      } catch (e) {
        memory[key] = value;
        return false;
      }
    },
    remove: function (key) {
      delete memory[key];
      try {
        if (area) area.removeItem(key);
      } catch (e) { /* nothing stored there to lose */ }
    },
  };
}

// Deletes a cookie on this host and on each parent domain it may have been
// set for, on the root path. Where cookies are blocked (document.cookie
// throws in a sandboxed frame) there is nothing to delete.
/** @param {string} name */
export function deleteCookie(name) {
  var labels = location.hostname.split('.');
  var expire = name + '=; Max-Age=0; path=/';
  try {
    document.cookie = expire;
    for (var i = 0; i < labels.length - 1; i++) {
      document.cookie = expire + '; domain=.' + labels.slice(i).join('.');
    }
  } catch (e) { /* cookies blocked: none were set */ }
}
