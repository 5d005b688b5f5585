-- One wrk script for every scenario of bench/run; its parameters come from the environment.
--   BENCH_MODE     get | contribute | react
--   BENCH_PATH     the path to request (get, contribute)
--   BENCH_HOST     the Host header (the organization)
--   BENCH_COOKIE   Cookie header of the signed-in person (get, contribute)
--   BENCH_TOKEN    antiforgery token of that person (contribute)
--   BENCH_EXPECT   the status that means success (200 for pages, 302 after a POST)
--   BENCH_CHECK    1 to count every answer that is not BENCH_EXPECT (always on for POSTs and signed-in pages)
--   BENCH_THREADS  wrk's thread count, so threads draw disjoint request numbers
--   BENCH_PAIRS    react: file of "cookie token contributionId" lines, each a reaction never made
--   BENCH_PAIR_START, BENCH_PAIR_SPAN   react: the slice of that file this run may use
--   BENCH_TAG      a marker put in posted text, so the run's contributions can be removed afterwards
local mode = os.getenv("BENCH_MODE") or "get"
local path = os.getenv("BENCH_PATH") or "/"
local expect = tonumber(os.getenv("BENCH_EXPECT") or "200")
-- Signed-in pages are always checked: a lost session answers 302 to the login page, which wrk counts as a success.
local check = os.getenv("BENCH_CHECK") == "1" or mode ~= "get" or (os.getenv("BENCH_COOKIE") or "") ~= ""
local thread_total = tonumber(os.getenv("BENCH_THREADS") or "1")
local tag = os.getenv("BENCH_TAG") or "bench"

wrk.headers["Host"] = os.getenv("BENCH_HOST")
if (os.getenv("BENCH_COOKIE") or "") ~= "" then wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE") end

-- Main state: give each thread its number and keep the threads to add up their counts in done().
local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads - 1)
end

-- Thread state from here on.
sent = 0
unexpected = 0

local function form_encode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local pairs_list = {}
local pair_start, pair_span = 0, 0
function init(args)
  if mode == "react" then
    for line in io.lines(os.getenv("BENCH_PAIRS")) do
      local cookie, token, id = line:match("^(%S+) (%S+) (%d+)$")
      if cookie then table.insert(pairs_list, { cookie = cookie, token = token, id = id }) end
    end
    pair_start = tonumber(os.getenv("BENCH_PAIR_START") or "0")
    pair_span = tonumber(os.getenv("BENCH_PAIR_SPAN") or tostring(#pairs_list - pair_start))
  end
end

local sentences = {
  "Il faudrait plus d'arbres et de bancs à l'ombre le long de l'avenue.",
  "Les trottoirs sont trop étroits pour les poussettes et les fauteuils roulants.",
  "Un parking à vélos couvert près de la gare serait très utile aux habitants.",
  "Pourquoi ne pas ouvrir la cour de l'école le week-end pour les familles ?",
}

if mode == "contribute" then
  local token = os.getenv("BENCH_TOKEN")
  local cookie = os.getenv("BENCH_COOKIE")
  function request()
    sent = sent + 1
    local number = sent * thread_total + thread_number
    local body = string.format("[%s] Contribution de charge n° %d. %s %s", tag, number,
      sentences[number % #sentences + 1], sentences[(number + 1) % #sentences + 1])
    return wrk.format("POST", path, { ["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = cookie },
      "__RequestVerificationToken=" .. token .. "&Input.Title=" .. form_encode("Idée " .. number) ..
      "&Input.Body=" .. form_encode(body))
  end
elseif mode == "react" then
  -- Request k of the run takes pair k, threads interleaved: every reaction is a new one as long
  -- as the run stays within its slice (bench/run sizes the slice for the expected throughput).
  function request()
    local k = sent * thread_total + thread_number
    sent = sent + 1
    local pair = pairs_list[pair_start + (k % pair_span) + 1]
    return wrk.format("POST", "/contributions/" .. pair.id .. "?handler=React",
      { ["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = pair.cookie },
      "__RequestVerificationToken=" .. pair.token .. "&kind=Agree")
  end
end

-- Defined only when wanted: a response() callback makes wrk parse every body.
if check then
  function response(status, headers, body)
    -- wrk already counts 4xx and 5xx; this adds a 200 where a redirect was due (a refused form) and the like.
    if status ~= expect and status < 400 then unexpected = unexpected + 1 end
  end
end

function done(summary, latency, requests)
  local unexpected_total, sent_total = 0, 0
  for _, thread in ipairs(threads) do
    unexpected_total = unexpected_total + (thread:get("unexpected") or 0)
    sent_total = sent_total + (thread:get("sent") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    "BENCH_RESULT requests=%d duration_us=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d " ..
    "connect=%d read=%d write=%d timeout=%d status=%d unexpected=%d generated=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.timeout, e.status, unexpected_total, sent_total))
end
