// Helper processes the engine drivers start (Xvfb, WebKitWebDriver): started
// here so they are stopped even when the test process ends without closing
// them.
import { spawn } from 'node:child_process';

const running = new Set();
const stopAll = () => {
  for (const child of running) signal(child, 'SIGKILL');
};
process.once('exit', stopAll);
// The test runner stops a file that runs too long with a signal, which skips 'exit'.
for (const name of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
  process.once(name, () => {
    stopAll();
    process.kill(process.pid, name);
  });
}

function signal(child, name) {
  try {
    // A group leader's browsers are in its process group: they go with it.
    if (child.ownGroup) process.kill(-child.pid, name);
    else child.kill(name);
  } catch { /* already gone */ }
}

// ownGroup: start it as the leader of a new process group.
export function spawnHelper(command, args, { ownGroup = false, ...options } = {}) {
  const child = spawn(command, args, { ...options, detached: ownGroup });
  child.ownGroup = ownGroup;
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

const hasExited = (child) => child.exitCode !== null || child.signalCode !== null;

// SIGTERM, then SIGKILL if it has not exited within five seconds.
export async function stopHelper(child) {
  if (hasExited(child)) {
    if (child.ownGroup) signal(child, 'SIGTERM');  // whatever is left of its group
    return;
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  signal(child, 'SIGTERM');
  const timer = setTimeout(() => signal(child, 'SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

// The last `limit` characters a stream wrote (read continuously, so a
// child never blocks on a full pipe).
export function tail(stream, limit = 4000) {
  let text = '';
  stream.on('data', (chunk) => { text = (text + chunk).slice(-limit); });
  return () => text.trim();
}
