-- Shared by the scripts here: every request is a JSON POST with the headers of HEADERS, "Name: value"
-- pairs split by |.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
for pair in string.gmatch(os.getenv("HEADERS") or "", "[^|]+") do
  local name, value = string.match(pair, "^%s*([^:]+):%s*(.*)$")
  if name then wrk.headers[name] = value end
end
