-- Appended to every benchmark's wrk script: counts non-2xx answers in each thread and, when the
-- run ends, prints one JSON line (BENCH_RESULT=...) that bench/load.py reads. Latencies are in
-- microseconds, as wrk keeps them.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  -- wrk.init calls this, then builds the request once from wrk.method/body/headers.
  non2xx = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local non2xx_total = 0
  for _, thread in ipairs(threads) do
    non2xx_total = non2xx_total + (thread:get("non2xx") or 0)
  end
  local errors = summary.errors
  io.write(string.format(
    'BENCH_RESULT={"requests":%d,"duration_us":%d,"bytes":%d,"non2xx":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d},' ..
    '"latency_us":{"mean":%.1f,"max":%d,"p50":%d,"p90":%d,"p95":%d,"p99":%d}}\n',
    summary.requests, summary.duration, summary.bytes, non2xx_total,
    errors.connect, errors.read, errors.write, errors.timeout,
    latency.mean, latency.max, latency:percentile(50), latency:percentile(90),
    latency:percentile(95), latency:percentile(99)))
end
