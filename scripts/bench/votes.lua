-- The votes of `hemicycle bench votes`, sent by wrk (a C load generator) to a running server, to check the bench
-- against another client. Usage (BENCHMARKS.md, citizen consultations):
--   VOTE_PATH=/cese-fr/consultations/1 STATEMENTS="1 2 3 4 5 6" wrk -t1 -c64 -d10s -s scripts/bench/votes.lua http://127.0.0.1:8090
-- against `TRUST_FORWARDED_FOR=true hemicycle serve --port 8090` on a fresh demo database.
-- Each request: a random participant (own cookie and address), a random statement, a random vote.
local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
local tokens = {}
local participants = tonumber(os.getenv("PARTICIPANTS") or "5000")
local statements = {}
local path = os.getenv("VOTE_PATH")
for s in string.gmatch(os.getenv("STATEMENTS"), "%d+") do statements[#statements + 1] = s end
math.randomseed(os.time() + tonumber(string.sub(tostring({}), 8), 16) % 100000)
for i = 1, participants do
  local t = {}
  for j = 1, 43 do local k = math.random(1, 64); t[j] = string.sub(alphabet, k, k) end
  tokens[i] = table.concat(t)
end
wrk.method = "POST"
request = function()
  local i = math.random(1, participants)
  local token = tokens[i]
  local body = "_csrf=" .. token .. "&vote=" .. (math.random(0, 2) - 1)
  local headers = {
    ["Cookie"] = "hemicycle_csrf=" .. token .. "; hemicycle_participant=" .. token,
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["X-Forwarded-For"] = "10." .. (math.floor(i / 65536) % 256) .. "." .. (math.floor(i / 256) % 256) .. "." .. (i % 256),
  }
  return wrk.format("POST", path .. "/statements/" .. statements[math.random(1, #statements)] .. "/vote", headers, body)
end
done = function(summary, latency, requests)
  io.write(string.format("p50 %.1f ms, p99 %.1f ms\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
