// Imports kjeks-core.js. A function of its own so that the bundler leaves
// the import() to the browser (the URL is only known at run time).
/**
 * @param {string} url
 * @returns {Promise<any>}
 */
export function importCore(url) {
  return import(url);
}
