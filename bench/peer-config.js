// vanilla-cookieconsent 3.1 on the benchmark page: the same two categories,
// texts and storage table as bench/kjeks-config.json, the same beacon gated
// by the analytics category (the <script type="text/plain"> tag on the page),
// and hideFromBots: false so that it shows in headless Chromium.
CookieConsent.run({
  hideFromBots: false,
  revision: 1,
  cookie: { name: 'cc_cookie', expiresAfterDays: 182, useLocalStorage: true },
  guiOptions: {
    consentModal: { layout: 'bar', position: 'bottom', equalWeightButtons: true },
    preferencesModal: { layout: 'box', equalWeightButtons: true },
  },
  categories: {
    necessary: { enabled: true, readOnly: true },
    analytics: { autoClear: { cookies: [{ name: 'kjeks.aid' }] } },
  },
  language: {
    default: 'en',
    translations: {
      en: {
        consentModal: {
          title: 'We use cookies',
          description: 'We use strictly necessary storage to run the site and, only if you accept, analytics to improve it. <a href="/privacy/">Cookie policy</a>',
          acceptAllBtn: 'Accept all',
          acceptNecessaryBtn: 'Reject all',
          showPreferencesBtn: 'Manage preferences',
        },
        preferencesModal: {
          title: 'Cookie settings',
          acceptAllBtn: 'Accept all',
          acceptNecessaryBtn: 'Reject all',
          savePreferencesBtn: 'Save my choices',
          closeIconLabel: 'Close',
          sections: [
            { description: 'Choose which optional storage we may use. Controller: Fjordline AS, hello@fjordline.example. You can change your mind at any time from the cookie icon.' },
            {
              title: 'Strictly necessary',
              description: 'Needed for the site to work and to remember your cookie choice. These cannot be switched off.',
              linkedCategory: 'necessary',
              cookieTable: {
                headers: { name: 'Name', purpose: 'Purpose', duration: 'Duration', kind: 'Kind' },
                body: [{ name: 'cc_cookie', purpose: 'Remembers your cookie choice.', duration: '6 months', kind: 'localStorage' }],
              },
            },
            {
              title: 'Analytics',
              description: 'Helps us understand which pages are visited, with a pseudonymous id. Only with your consent.',
              linkedCategory: 'analytics',
              cookieTable: {
                headers: { name: 'Name', purpose: 'Purpose', duration: 'Duration', kind: 'Kind' },
                body: [{ name: 'kjeks.aid', purpose: 'A random id that counts returning visits.', duration: 'Until you withdraw consent', kind: 'localStorage' }],
              },
            },
          ],
        },
      },
    },
  },
});
