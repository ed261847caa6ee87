-- POSTs release records to the intake, each record once. RECORDS is a file of JSON bodies, one per
-- line; THREADS the number of wrk threads: thread n sends lines n, n + THREADS, n + 2 * THREADS, ...
-- and, once its share is used up, its last line again (answered DUPLICATE, not counted as filed).
-- HEADERS: "Name: value" pairs split by |. Prints how many answers were 200 ACCEPTED and how many were anything else.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "headers.lua")

local threads = {}
setup = function(thread)
  thread:set("first", #threads + 1)
  table.insert(threads, thread)
end

local records = {}
for line in io.lines(os.getenv("RECORDS")) do records[#records + 1] = line end
local stride = tonumber(os.getenv("THREADS"))
local line = nil

request = function()
  -- first is this thread's own global, set by setup() before its first request
  if line == nil then
    line = first
  elseif line + stride <= #records then
    line = line + stride
  end
  return wrk.format(nil, nil, nil, records[line])
end

accepted = 0
refused = 0
response = function(status, headers, text)
  if status == 200 and string.find(text, '"ACCEPTED"', 1, true) then
    accepted = accepted + 1
  else
    refused = refused + 1
  end
end

done = function(summary, latency, requests)
  local filed, other = 0, 0
  for _, thread in ipairs(threads) do
    filed = filed + thread:get("accepted")
    other = other + thread:get("refused")
  end
  io.write(string.format("intake-accepted: %d\nintake-other: %d\n", filed, other))
end
