-- wrk script of bench/run: one request kind per run, chosen by environment variables.
--
--   BENCH_MODE      get | activity | create | append | replay
--   BENCH_KEY       API key (Authorization: Bearer)
--   BENCH_IDS       how many loaded sessions to pick from (ids: BENCH_ID_PREFIX .. 18-digit number,
--                   the same ids the pgbench baselines compute as PREFIX * 10^18 + n)
--   BENCH_ID_PREFIX first digit of the ids (default 1)
--   BENCH_RATE      requests/s over all threads; 0 or unset = as fast as the connections go.
--                   wrk has no open-loop mode (wrk2 is not in Debian): with a rate, each thread keeps
--                   a fixed schedule of send times and delay() holds a connection until its slot.
--   BENCH_THREADS   the -t given to wrk (to split the rate)
--   BENCH_STATS     file for the summary (key=value lines)
--   BENCH_HIST      optional file for the latency histogram ("microseconds count" lines), so that
--                   bench/run can merge runs and compute exact percentiles over several windows
--   BENCH_BODY      request body for create/activity/append

local mode = os.getenv("BENCH_MODE") or "get"
local key = os.getenv("BENCH_KEY") or ""
local ids = tonumber(os.getenv("BENCH_IDS") or "1")
local prefix = os.getenv("BENCH_ID_PREFIX") or "1"
local rate = tonumber(os.getenv("BENCH_RATE") or "0")
local threads = tonumber(os.getenv("BENCH_THREADS") or "1")
local stats_file = os.getenv("BENCH_STATS")
local hist_file = os.getenv("BENCH_HIST")
local body = os.getenv("BENCH_BODY")

local headers = { ["Authorization"] = "Bearer " .. key, ["Accept"] = "application/json" }
if mode == "replay" then
   headers["Accept"] = "text/event-stream"
end
if body ~= nil and body ~= "" then
   headers["Content-Type"] = "application/json"
end

local counter = 0

function setup(thread)
   counter = counter + 1
   thread:set("seed", counter * 7919 + os.time())
end

function init(args)
   math.randomseed(seed or os.time())
   math.random(); math.random()
end

local function session_id()
   return prefix .. string.format("%018d", math.random(1, ids))
end

function request()
   if mode == "get" then
      return wrk.format("GET", "/sessions/" .. session_id(), headers)
   elseif mode == "activity" then
      return wrk.format("POST", "/sessions/" .. session_id() .. "/activity", headers, body)
   elseif mode == "create" then
      return wrk.format("POST", "/sessions", headers, body)
   elseif mode == "append" then
      return wrk.format("POST", "/sessions/" .. session_id() .. "/streams/bench/events", headers, body)
   elseif mode == "replay" then
      return wrk.format("GET", "/sessions/" .. session_id() .. "/streams/bench/events", headers)
   end
   error("unknown BENCH_MODE " .. mode)
end

if rate > 0 then
   local ffi = require("ffi")
   ffi.cdef [[
      typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
      int clock_gettime(int clk_id, bench_timespec *tp);
   ]]
   local ts = ffi.new("bench_timespec")
   local function now_ms()
      ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
      return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
   end
   local interval = 1000 * threads / rate -- ms between two sends of this thread
   local start = nil
   local sent = 0

   function delay()
      local now = now_ms()
      if start == nil then
         start = now
      end
      sent = sent + 1
      local wait = start + sent * interval - now
      if wait < 0 then
         return 0
      end
      return math.floor(wait)
   end
end

function done(summary, latency, requests)
   if stats_file ~= nil and stats_file ~= "" then
      local f = assert(io.open(stats_file, "w"))
      f:write(string.format("requests=%d\n", summary.requests))
      f:write(string.format("duration_us=%d\n", summary.duration))
      f:write(string.format("bytes=%d\n", summary.bytes))
      f:write(string.format("errors_status=%d\n", summary.errors.status))
      f:write(string.format("errors_connect=%d\n", summary.errors.connect))
      f:write(string.format("errors_read=%d\n", summary.errors.read))
      f:write(string.format("errors_write=%d\n", summary.errors.write))
      f:write(string.format("errors_timeout=%d\n", summary.errors.timeout))
      f:write(string.format("p50_us=%d\n", latency:percentile(50)))
      f:write(string.format("p90_us=%d\n", latency:percentile(90)))
      f:write(string.format("p99_us=%d\n", latency:percentile(99)))
      f:write(string.format("p999_us=%d\n", latency:percentile(99.9)))
      f:write(string.format("max_us=%d\n", latency.max))
      f:write(string.format("mean_us=%.1f\n", latency.mean))
      f:close()
   end
   if hist_file ~= nil and hist_file ~= "" then
      local f = assert(io.open(hist_file, "w"))
      -- wrk 4.1: #latency is the number of distinct values, latency(i) the i-th value and its count
      for i = 1, #latency do
         local value, count = latency(i)
         f:write(string.format("%d %d\n", value, count))
      end
      f:close()
   end
end
