-- wrk: POST /api/consent, every request a new decision (a new consentId), so
-- each one is a real insert and a commit to disk.
local counter = 0
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

function request()
  counter = counter + 1
  local now = os.time() * 1000
  local id = string.format("%08x%08x", thread_id, counter) .. string.rep("0", 16)
  local body = '{"schema":1,"consentId":"' .. id .. '","givenAt":' .. now .. ',"updatedAt":' .. now ..
    ',"revision":"2026-12","language":"en","choices":{"analytics":true,"external":false,"necessary":true},' ..
    '"method":"custom","gpc":false}'
  return wrk.format("POST", "/api/consent", { ["Content-Type"] = "application/json" }, body)
end
