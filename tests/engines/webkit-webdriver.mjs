// WebKitWebDriver on a free loopback port, ready for sessions. It starts the
// browser of each session itself, so it leads a process group of its own
// and stopping the group stops those browsers too.
import { createServer } from 'node:net';
import { spawnHelper, stopHelper, tail } from './processes.mjs';

const WEBKIT_WEBDRIVER = '/usr/bin/WebKitWebDriver';
const START_TIMEOUT = 20000;
const ATTEMPTS = 3;

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function isReady(url) {
  try {
    const response = await fetch(`${url}/status`);
    return response.ok && (await response.json()).value.ready === true;
  } catch {
    return false;
  }
}

// One attempt: the server, or null when the port was taken before it bound it.
async function startOn(port, env) {
  const child = spawnHelper(WEBKIT_WEBDRIVER, ['--host=127.0.0.1', `--port=${port}`], {
    ownGroup: true, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = [tail(child.stdout), tail(child.stderr)];
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + START_TIMEOUT;
  let failure = null;
  child.once('error', (error) => { failure = error; });
  while (!failure && child.exitCode === null && child.signalCode === null) {
    if (await isReady(url)) return { url, output: () => output.map((read) => read()).join('\n').trim(), stop: () => stopHelper(child) };
    if (Date.now() > deadline) {
      await stopHelper(child);
      throw new Error(`WebKitWebDriver not ready within ${START_TIMEOUT / 1000} s: ${output.map((read) => read()).join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stopHelper(child);
  if (failure) throw failure;
  const said = output.map((read) => read()).join('\n').trim();
  if (/unable to listen/i.test(said)) return null;
  throw new Error(`WebKitWebDriver exited (${child.signalCode || child.exitCode}): ${said}`);
}

// env: added to the driver's environment (and so its browsers'), e.g. DISPLAY.
export async function startWebKitWebDriver(env) {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const server = await startOn(await freePort(), env);
    if (server) return server;
  }
  throw new Error(`WebKitWebDriver could not bind a free port in ${ATTEMPTS} attempts`);
}
