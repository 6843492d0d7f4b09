-- wrk script for GET requests (GET /health): the default request, plus the JSON summary.
-- Usage: wrk -t2 -c32 -d10s --latency -s bench/http/health.lua http://127.0.0.1:PORT/health
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")

-- Optional pacing for the soak run: AIBAND_BENCH_DELAY_MS milliseconds between a connection's
-- requests (unset or 0: as fast as the server answers).
local pause = tonumber(os.getenv("AIBAND_BENCH_DELAY_MS") or "0")
if pause > 0 then
   function delay() return pause end
end
