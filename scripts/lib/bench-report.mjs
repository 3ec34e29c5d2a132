// The benchmark's figures from its samples (medians with min and max, the
// Kjeks/peer ratio of medians, shares for yes/no figures), as tables in plain
// text and Markdown, and the targets of the size and speed work.

// role: which bucket of the profile a figure comes from (bench-profiles.mjs),
// 'returning', or 'static' (from the files); share: a yes/no per load.
// only: the profiles that have the figure (all when absent); in the mobile
// profile every first visit is at 4x CPU, so it has no separate 1x/4x rows.
const FIGURES = [
  { key: 'bytesGzip', label: 'first-visit bytes, gzip (runtime files, on the wire)', unit: 'B', role: 'visit', field: 'wireBody', digits: 0 },
  { key: 'bytesBrotli', label: 'first-visit bytes, brotli q11 (from the files)', unit: 'B', role: 'static', field: 'brotli', digits: 0 },
  { key: 'bytesBeforeBanner', label: 'runtime bytes transferred before the banner showed (gzip)', unit: 'B', role: 'visit', field: 'bytesBeforeBanner', digits: 0 },
  { key: 'banner', label: 'navigation start to banner visible', unit: 'ms', role: 'visit', field: 'banner', digits: 1 },
  { key: 'fcp', label: 'navigation start to first contentful paint', unit: 'ms', role: 'visit', field: 'fcp', digits: 1 },
  { key: 'lcp', label: 'navigation start to largest contentful paint', unit: 'ms', role: 'visit', field: 'lcp', digits: 1 },
  { key: 'lcpInBanner', label: 'banner is the LCP element (share of loads)', unit: '', role: 'visit', field: 'lcpInBanner', share: true },
  { key: 'longTaskCount1x', label: 'long tasks at 1x CPU (count)', unit: '', role: 'visit', field: 'longTaskCount', digits: 0, only: ['loopback'] },
  { key: 'longTaskMs1x', label: 'long tasks at 1x CPU (total)', unit: 'ms', role: 'visit', field: 'longTaskMs', digits: 1, only: ['loopback'] },
  { key: 'longTaskCount4x', label: 'long tasks at 4x CPU throttling (count)', unit: '', role: 'cpu4x', field: 'longTaskCount', digits: 0, only: ['loopback'] },
  { key: 'longTaskMs4x', label: 'long tasks at 4x CPU throttling (total)', unit: 'ms', role: 'cpu4x', field: 'longTaskMs', digits: 1, only: ['loopback'] },
  { key: 'runtimeLongTaskCount4x', label: 'long tasks at 4x with runtime script in them (count)', unit: '', role: 'cpu4x', field: 'runtimeLongTaskCount', digits: 0, only: ['loopback'] },
  { key: 'runtimeLongTaskMs4x', label: 'long tasks at 4x with runtime script in them (total)', unit: 'ms', role: 'cpu4x', field: 'runtimeLongTaskMs', digits: 1, only: ['loopback'] },
  { key: 'longTaskCount4x', label: 'long tasks at the profile\'s 4x CPU (count)', unit: '', role: 'cpu4x', field: 'longTaskCount', digits: 0, only: ['mobile'] },
  { key: 'longTaskMs4x', label: 'long tasks at the profile\'s 4x CPU (total)', unit: 'ms', role: 'cpu4x', field: 'longTaskMs', digits: 1, only: ['mobile'] },
  { key: 'runtimeLongTaskCount4x', label: 'long tasks with runtime script in them (count)', unit: '', role: 'cpu4x', field: 'runtimeLongTaskCount', digits: 0, only: ['mobile'] },
  { key: 'runtimeLongTaskMs4x', label: 'long tasks with runtime script in them (total)', unit: 'ms', role: 'cpu4x', field: 'runtimeLongTaskMs', digits: 1, only: ['mobile'] },
  { key: 'banner4x', label: 'banner visible at 4x CPU throttling', unit: 'ms', role: 'cpu4x', field: 'banner', digits: 1, only: ['loopback'] },
  { key: 'cls', label: 'cumulative layout shift', unit: '', role: 'visit', field: 'cls', digits: 4 },
  { key: 'wasmMemory', label: 'wasm linear memory after the banner', unit: 'B', role: 'visit', field: 'memory', digits: 0 },
  { key: 'wasmMemoryReturning', label: 'wasm linear memory, returning visitor', unit: 'B', role: 'returning', field: 'memory', digits: 0 },
  { key: 'returningBeacon', label: 'returning visitor (accepted): to the beacon script request', unit: 'ms', role: 'returning', field: 'beaconScript', digits: 1 },
  { key: 'returningPageview', label: 'returning visitor (accepted): to the pageview request', unit: 'ms', role: 'returning', field: 'beaconPageview', digits: 1 },
  { key: 'returningBytes', label: 'returning visitor: runtime bytes from the network (0: all from the HTTP cache)', unit: 'B', role: 'returning', field: 'runtimeBytesFromNetwork', digits: 0 },
];

function stats(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = Math.floor(v.length / 2);
  const median = v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  return { median, min: v[0], max: v[v.length - 1], n: v.length };
}

function share(values) {
  const v = values.filter((x) => typeof x === 'boolean');
  if (!v.length) return null;
  const count = v.filter(Boolean).length;
  return { share: count / v.length, count, n: v.length };
}

// samples: runtime -> bucket -> [sample]; sizes: runtime -> fileSizes()
export function figures(profileName, profile, samples, sizes) {
  const out = {};
  for (const { key, label, unit, role, field, digits, share: isShare, only } of FIGURES) {
    if (only && !only.includes(profileName)) continue;
    const bucket = role === 'returning' || role === 'static' ? role : profile.roles[role];
    const entry = { label, unit, digits, source: bucket, ...(isShare ? { share: true } : {}) };
    for (const runtime of Object.keys(samples)) {
      if (role === 'static') {
        const value = sizes[runtime][field];
        entry[runtime] = { median: value, min: value, max: value, n: 1 };
      } else {
        const values = samples[runtime][bucket].map((s) => s[field]);
        entry[runtime] = isShare ? share(values) : stats(values);
      }
    }
    const k = entry.kjeks && entry.kjeks.median;
    const p = entry.peer && entry.peer.median;
    entry.ratio = typeof k === 'number' && typeof p === 'number' && p !== 0 ? k / p : null;
    out[key] = entry;
  }
  return out;
}

function fmt(value, digits) {
  if (value === null || value === undefined) return '–';
  return Number(value).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function table(figs) {
  const rows = [['figure', 'Kjeks median (min–max)', 'peer median (min–max)', 'Kjeks/peer', 'page alone']];
  for (const entry of Object.values(figs)) {
    const cell = (s) => {
      if (!s) return '–';
      if (entry.share) return `${Math.round(s.share * 100)}% (${s.count} of ${s.n})`;
      return `${fmt(s.median, entry.digits)} (${fmt(s.min, entry.digits)}–${fmt(s.max, entry.digits)})`;
    };
    const unit = entry.unit ? ` [${entry.unit}]` : '';
    const alone = entry.source === 'static' || entry.share || !entry.baseline ? '–' : fmt(entry.baseline.median, entry.digits);
    rows.push([entry.label + unit, cell(entry.kjeks), cell(entry.peer), entry.ratio === null ? '–' : entry.ratio.toFixed(2) + 'x', alone]);
  }
  return rows;
}

export function markdown(rows) {
  const line = (cells) => '| ' + cells.join(' | ') + ' |';
  return [line(rows[0]), line(rows[0].map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.slice(1).map(line)].join('\n');
}

export function plain(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')).join('\n');
}

// The targets of the size and speed work, per profile: the banner at most
// 0.6x the peer's on loopback and 0.9x on a phone; bytes before the banner
// at most 0.75x; all first-visit bytes at most 1.0x with the config compiled
// ahead and 1.5x with a JSON config in the page; the returning visitor's
// beacon no later than the peer's; no runtime long task at 4x; CLS 0.
export function targets(figs, profile, kjeksConfig) {
  const r = (key) => figs[key].ratio;
  const atMost = (key, limit) => r(key) !== null && r(key) <= limit;
  const max = (key) => (figs[key].kjeks ? figs[key].kjeks.max : null);
  const bannerLimit = profile === 'mobile' ? 0.9 : 0.6;
  const bytesLimit = kjeksConfig === 'inline' ? 1.5 : 1.0;
  return [
    { target: `banner visible <= ${bannerLimit}x the peer`, value: r('banner'), met: atMost('banner', bannerLimit) },
    { target: 'runtime bytes before the banner <= 0.75x the peer', value: r('bytesBeforeBanner'),
      met: atMost('bytesBeforeBanner', 0.75) },
    { target: `all first-visit gzip bytes <= ${bytesLimit}x the peer (config ${kjeksConfig})`, value: r('bytesGzip'),
      met: atMost('bytesGzip', bytesLimit) },
    { target: 'returning visitor: beacon requested <= 1.0x the peer', value: r('returningBeacon'),
      met: atMost('returningBeacon', 1.0) },
    { target: 'no long task caused by the runtime at 4x throttling (max over loads)',
      value: max('runtimeLongTaskCount4x'), met: max('runtimeLongTaskCount4x') === 0 },
    { target: 'CLS 0', value: max('cls'), met: max('cls') === 0 },
    { target: 'wasm linear memory <= 1 MiB', value: max('wasmMemory'),
      met: max('wasmMemory') !== null && max('wasmMemory') <= 1024 * 1024 },
  ];
}

export function targetLines(list) {
  return list.map((t) => `${t.met ? 'met    ' : 'NOT met'}  ${t.target}: ` +
    (typeof t.value === 'number' ? (Number.isInteger(t.value) ? String(t.value) : t.value.toFixed(2)) : '–'));
}
