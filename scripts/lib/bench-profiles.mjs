// The conditions the benchmark loads its pages in.
//
// Each profile lists its passes of first visits (a bucket of samples each) and
// the conditions of its returning visits; `roles` names the bucket that the
// report takes a figure from: `visit` for the main first-visit figures, `cpu4x`
// for those at 4x CPU. Network throttling is DevTools emulation: latency is
// added to every request (not per round trip), throughput is in bytes/s.

// Lighthouse's mobile preset ("slow 4G" and a mid-range phone) in DevTools
// units: 150 ms RTT x 3.75 per request, 1.6 Mbit/s x 0.9 down, 750 kbit/s x 0.9
// up (kbit = 1024 bit), 4x CPU slowdown.
export const LIGHTHOUSE_MOBILE_NETWORK = {
  latency: 562.5,
  downloadThroughput: (1474.56 * 1024) / 8,
  uploadThroughput: (675 * 1024) / 8,
};

export const PROFILES = {
  loopback: {
    description: '127.0.0.1, no network throttling',
    defaultRuns: 20,
    firstVisits: [
      { bucket: 'first1x', name: 'first visits at 1x CPU', cpu: 1, network: null },
      { bucket: 'first4x', name: 'first visits at 4x CPU', cpu: 4, network: null },
    ],
    returning: { cpu: 1, network: null },
    roles: { visit: 'first1x', cpu4x: 'first4x' },
  },
  // About 2-3 s per load, so fewer loads by default.
  mobile: {
    description: "Lighthouse's mobile throttling: +562.5 ms per request, 1,474.56 kbit/s down, 675 kbit/s up, 4x CPU",
    defaultRuns: 8,
    firstVisits: [
      { bucket: 'first', name: 'first visits', cpu: 4, network: LIGHTHOUSE_MOBILE_NETWORK },
    ],
    returning: { cpu: 4, network: LIGHTHOUSE_MOBILE_NETWORK },
    roles: { visit: 'first', cpu4x: 'first' },
  },
};

// Before the page navigates, on a CDP session of that page: the settings hold
// for every request and task of the page from its first navigation on.
export async function applyConditions(context, page, { cpu, network }) {
  const cdp = await context.newCDPSession(page);
  if (network) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...network });
  }
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  return cdp;
}
