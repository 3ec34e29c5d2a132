-- wrk: POST /api/collect, a pageview as web/beacon.js sends it.
wrk.method = "POST"
wrk.path = "/api/collect"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"type":"pageview","path":"/en/services/","referrer":"https://www.example.com","screen":"m",' ..
  '"id":"0123456789abcdef0123456789abcdef"}'
