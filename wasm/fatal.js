// The one way the runtime reports a fault it cannot carry on from: a start
// that fails, a command or action the core does not know. It is reported
// once on the console, Kjeks.ready rejects, and whatever was set to run on a
// halt runs (the beacon stops, nothing gated runs any more): fail closed.

/**
 * @param {(error: Error) => void} rejectReady
 * @returns {{ (reason: unknown): void, onHalt(fn: () => void): void, halted(): boolean, started(): void }}
 */
export function createFatal(rejectReady) {
  let halted = false;
  let started = false;
  /** @type {Array<() => void>} */
  const onHalt = [];
  /** @param {unknown} reason */
  function fatal(reason) {
    if (halted) return;
    halted = true;
    const error = reason instanceof Error ? reason : new Error(String(reason));
    console.error((started ? 'Kjeks stopped' : 'Kjeks could not start') +
      ', so no optional cookies or analytics are used: ' + error.message);
    rejectReady(error);
    onHalt.forEach((fn) => {
      try {
        fn();
      } catch (e) { /* halting goes on */ }
    });
  }
  fatal.onHalt = (/** @type {() => void} */ fn) => { onHalt.push(fn); };
  fatal.halted = () => halted;
  fatal.started = () => { started = true; };
  return fatal;
}
