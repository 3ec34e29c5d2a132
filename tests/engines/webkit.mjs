// WebKitGTK's MiniBrowser, driven by selenium-webdriver through
// WebKitWebDriver, on an Xvfb display of its own.
import webdriver from 'selenium-webdriver';
import { Executor, HttpClient } from 'selenium-webdriver/http/index.js';
import { createSession } from './session.mjs';
import { startXvfb } from './xvfb.mjs';
import { startWebKitWebDriver } from './webkit-webdriver.mjs';

const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const CAPABILITIES = {
  'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
  timeouts: { pageLoad: 30000, script: 20000 },
};
const WINDOW = { x: 0, y: 0, width: 1280, height: 800 };

// Each WebDriver session is a new MiniBrowser with its own ephemeral storage.
async function openBrowser(serverUrl) {
  const driver = webdriver.WebDriver.createSession(new Executor(new HttpClient(serverUrl)),
    new webdriver.Capabilities(CAPABILITIES));
  await driver.getSession();
  await driver.manage().window().setRect(WINDOW);
  return driver;
}

export async function launchWebKit() {
  const xvfb = await startXvfb();
  let server;
  try {
    server = await startWebKitWebDriver({ DISPLAY: xvfb.display });
    // A first session proves that the browser starts and tells its version.
    const probe = await openBrowser(server.url).catch((error) => {
      throw new Error(`MiniBrowser did not start: ${error.message}\n${server.output()}`);
    });
    const version = `WebKitGTK ${(await probe.getCapabilities()).get('browserVersion')}`;
    await probe.quit();
    return {
      version,
      async newSession() {
        const driver = await openBrowser(server.url);
        return createSession({
          goto: (url) => driver.get(url),
          reload: () => driver.navigate().refresh(),
          evaluate: (expression) => driver.executeScript(`return ${expression};`),
          element: (expression) => driver.executeScript(`return ${expression};`),
          click: (element) => element.click(),
          close: () => driver.quit(),
        });
      },
      async close() {
        await server.stop();
        await xvfb.stop();
      },
    };
  } catch (error) {
    if (server) await server.stop();
    await xvfb.stop();
    throw error;
  }
}
