-- wrk script for POST /api/generate (or any JSON POST): the body is read from the file named by
-- AIBAND_BENCH_BODY (default: tests/data/seed_example.json, the README's example: bass + drums).
-- Usage:
--   AIBAND_BENCH_BODY=tests/data/seed_example.json \
--     wrk -t1 -c1 -d10s --latency -s bench/http/post.lua http://127.0.0.1:PORT/api/generate
-- Every request is the same body, so the server writes two new files per request.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")

local path = os.getenv("AIBAND_BENCH_BODY") or (here .. "../../tests/data/seed_example.json")
local file = assert(io.open(path, "rb"), "cannot read the POST body " .. path)
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"

local pause = tonumber(os.getenv("AIBAND_BENCH_DELAY_MS") or "0")
if pause > 0 then
   function delay() return pause end
end
