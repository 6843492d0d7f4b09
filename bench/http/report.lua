-- Shared by health.lua and post.lua: at the end of a wrk run, one line of JSON with the exact
-- figures (wrk's own text rounds them), prefixed so that run_http.py can find it:
--   WRK_JSON {"requests":…, "duration_us":…, "errors":{…}, "latency_us":{"min":…, "p50":…, …}}
-- Latencies are wrk's: from writing the request to reading the whole response, in microseconds.

function done(summary, latency, requests)
   local p = {}
   for _, q in ipairs({50, 75, 90, 99, 99.9}) do
      p[#p + 1] = string.format('"p%s":%d', tostring(q):gsub("%.", "_"), latency:percentile(q))
   end
   local e = summary.errors
   io.write(string.format(
      'WRK_JSON {"requests":%d,"duration_us":%d,"bytes":%d,' ..
      '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
      '"latency_us":{"min":%d,"max":%d,"mean":%.2f,"stdev":%.2f,%s}}\n',
      summary.requests, summary.duration, summary.bytes,
      e.connect, e.read, e.write, e.status, e.timeout,
      latency.min, latency.max, latency.mean, latency.stdev, table.concat(p, ",")))
end
