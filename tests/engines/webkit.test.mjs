// The core journeys in WebKitGTK (MiniBrowser, WebKitWebDriver, selenium-webdriver, Xvfb).
import { defineJourneys } from './journeys.mjs';
import { launchWebKit } from './webkit.mjs';

defineJourneys('WebKit', launchWebKit);
