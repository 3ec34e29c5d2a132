// The engine-neutral page session the journeys use. It is built on what
// each engine driver provides: evaluate an expression in the page, get a
// native element handle from an expression, click such a handle, navigate.
import { findByRole, whenClickable } from './role-query.mjs';
import { waitUntil, withTimeout } from './wait.mjs';

const OPERATION_TIMEOUT = 45000;

// A RegExp name goes to the page as { source, flags }.
function forPage(query) {
  const name = query.name instanceof RegExp ? { source: query.name.source, flags: query.name.flags } : query.name;
  return { ...query, name, within: query.within && forPage(query.within) };
}

export function describeQuery(query) {
  const name = query.name === undefined ? '' : ` ${query.name instanceof RegExp ? query.name : JSON.stringify(query.name)}`;
  return `${query.role}${name}${query.within ? ' in ' + describeQuery(query.within) : ''}`;
}

const call = (fn, ...args) => `(${fn})(${args.map((arg) => JSON.stringify(arg)).join(', ')})`;
const find = (query) => call(findByRole, forPage(query));

// Every operation of the driver, failing when the browser stops answering.
function guarded(driver) {
  const within = (what, promise) => withTimeout(promise, OPERATION_TIMEOUT, what);
  return {
    goto: (url) => within(`loading ${url}`, driver.goto(url)),
    reload: () => within('reloading the page', driver.reload()),
    evaluate: (expression) => within('a script in the page', driver.evaluate(expression)),
    element: (expression) => within('finding an element', driver.element(expression)),
    click: (element) => within('a click', driver.click(element)),
    close: () => within('closing the session', driver.close()),
  };
}

// engineDriver: { goto(url), reload(), evaluate(expression),
// element(expression), click(element), close() }; goto and reload return
// after the load event.
export function createSession(engineDriver) {
  const driver = guarded(engineDriver);
  const session = {
    goto: (url) => driver.goto(url),
    reload: () => driver.reload(),
    close: () => driver.close(),

    // fn(...args) in the page (fn is sent as source: it sees only the page).
    evaluate: (fn, ...args) => driver.evaluate(call(fn, ...args)),

    // Waits until fn(...args) in the page is truthy and returns its value.
    waitFor: (fn, args, message, timeout) => waitUntil(() => session.evaluate(fn, ...args), message, timeout),

    // fn(element) in the page for the element of the query, or null if none.
    inspect: (query, fn) => driver.evaluate(`((el) => el && (${fn})(el))(${find(query)})`),
    has: (query) => driver.evaluate(`${find(query)} !== null`),
    waitForRole: (query, timeout) => waitUntil(() => session.has(query), `${describeQuery(query)} shown`, timeout),
    waitForNoRole: (query, timeout) =>
      waitUntil(async () => !(await session.has(query)), `${describeQuery(query)} gone`, timeout),

    // A native click (the engine's own pointer input) on the element of the query.
    click: (query, timeout) => waitUntil(async () => {
      const element = await driver.element(`(${whenClickable})(${find(query)})`);
      if (!element) return false;
      await driver.click(element);
      return true;
    }, `click ${describeQuery(query)}`, timeout),

    // localStorage and sessionStorage as objects, and document.cookie.
    storage: () => session.evaluate(() => {
      const dump = (area) => Object.fromEntries(Object.keys(area).map((key) => [key, area.getItem(key)]));
      return { local: dump(localStorage), session: dump(sessionStorage), cookie: document.cookie };
    }),
  };
  return session;
}
