-- POSTs one GraphQL operation per request. BODY is the JSON body with %s where a person's id
-- goes; IDS a file of ids, one per line, picked at random. HEADERS: "Name: value" pairs split by |.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "headers.lua")
local body = os.getenv("BODY")
local ids = {}
local file = os.getenv("IDS")
if file then for line in io.lines(file) do ids[#ids + 1] = line end end

request = function()
  if #ids > 0 then
    return wrk.format(nil, nil, nil, string.format(body, ids[math.random(#ids)]))
  end
  return wrk.format(nil, nil, nil, body)
end

-- count answers that are not 200 or that carry GraphQL errors, so a fast failure is not a result;
-- each thread has its own Lua state, so the counts are gathered from the threads at the end
local threads = {}
setup = function(thread) table.insert(threads, thread) end
errors = 0
response = function(status, headers, text)
  if status ~= 200 or string.find(text, '"errors"', 1, true) then errors = errors + 1 end
end

done = function(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("errors") end
  io.write(string.format("graphql-errors: %d\n", total))
end
