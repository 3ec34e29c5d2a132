// The core journeys in Firefox ESR (puppeteer-core, WebDriver BiDi, headless).
import { defineJourneys } from './journeys.mjs';
import { launchFirefox } from './firefox.mjs';

defineJourneys('Firefox', launchFirefox);
