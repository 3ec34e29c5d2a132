// Waiting for conditions instead of sleeping: polls until the check returns
// something truthy. A check that throws (a page in the middle of navigating,
// an element replaced between finding and clicking it) is tried again; its
// last error is in the timeout message.
export const DEFAULT_TIMEOUT = 20000;

export async function waitUntil(check, message, timeout = DEFAULT_TIMEOUT) {
  const deadline = Date.now() + timeout;
  let lastError;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeout / 1000} s: ${message}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// The promise's outcome, or an error naming what did not finish in time (a
// browser that stops answering fails the test instead of hanging it).
export function withTimeout(promise, timeout, what) {
  let timer;
  const expired = new Promise((resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${timeout / 1000} s`)), timeout);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}
