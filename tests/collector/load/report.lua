-- wrk: one summary line per run, with the responses that were not 2xx and the socket errors.
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("requests %d in %.1f s: %.0f requests/s, latency p50 %.2f ms, p99 %.2f ms, max %.2f ms; " ..
    "%d non-2xx; socket errors connect/read/write/timeout %d/%d/%d/%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect, e.read, e.write, e.timeout))
end
