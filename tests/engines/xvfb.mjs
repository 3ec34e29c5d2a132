// A virtual X display for a browser that needs one: Xvfb picks a free
// display number itself (-displayfd) and writes it to stdout.
import { spawnHelper, stopHelper, tail } from './processes.mjs';

const XVFB = '/usr/bin/Xvfb';
const START_TIMEOUT = 20000;

export async function startXvfb() {
  const child = spawnHelper(XVFB, ['-displayfd', '1', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr = tail(child.stderr);
  try {
    const display = await new Promise((resolve, reject) => {
      let stdout = '';
      const timer = setTimeout(() => reject(new Error(`Xvfb gave no display within ${START_TIMEOUT / 1000} s: ${stderr()}`)),
        START_TIMEOUT);
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        if (stdout.includes('\n')) { clearTimeout(timer); resolve(':' + stdout.trim()); }
      });
      child.once('error', (error) => { clearTimeout(timer); reject(error); });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`Xvfb exited (${signal || code}) before it was ready: ${stderr()}`));
      });
    });
    return { display, stop: () => stopHelper(child) };
  } catch (error) {
    await stopHelper(child);
    throw error;
  }
}
