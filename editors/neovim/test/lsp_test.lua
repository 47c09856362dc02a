-- Run by run.sh. Prints "ok - …" / "not ok - …" per assertion; exits non-zero on any failure.
-- Uses only APIs present in Neovim 0.7 (Debian's package): no vim.lsp.start, no vim.fs.
local passes, failures = 0, 0

local function out(line)
  io.stdout:write(line .. "\n")
end

local function check(ok, description, detail)
  if ok then
    passes = passes + 1
    out("ok - " .. description)
  else
    failures = failures + 1
    out("not ok - " .. description .. (detail and (": " .. detail) or ""))
  end
  return ok
end

local function finish()
  out(string.format("%d passed, %d failed", passes, failures))
  vim.cmd(failures == 0 and "qall!" or "cquit!")
end

-- A fatal check: later steps cannot run without it.
local function require_ok(ok, description, detail)
  if not check(ok, description, detail) then
    error("stopped") -- ends main(); finish() reports and exits
  end
end

local function clients(bufnr)
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ bufnr = bufnr })
  end
  return vim.tbl_values(vim.lsp.buf_get_clients(bufnr))
end

-- The diagnostics exactly as the server published them, per URI: vim.diagnostic converts them and
-- (on 0.7) drops ranges and source, so record the raw params before the default handler runs.
local published = {}
local default_handler = vim.lsp.handlers["textDocument/publishDiagnostics"]
vim.lsp.handlers["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
  published[result.uri] = result.diagnostics
  return default_handler(err, result, ctx, config)
end

local function lsp_diagnostics(bufnr)
  local result = vim.deepcopy(published[vim.uri_from_bufnr(bufnr)] or {})
  table.sort(result, function(a, b)
    return tostring(a.code) < tostring(b.code)
  end)
  return result
end

local function find(diagnostics, code)
  for _, d in ipairs(diagnostics) do
    if d.code == code then
      return d
    end
  end
end

local function codes(diagnostics)
  return table.concat(vim.tbl_map(function(d)
    return tostring(d.code)
  end, diagnostics), ",")
end

local function range_text(r)
  return string.format("%d:%d-%d:%d", r.start.line, r.start.character, r["end"].line, r["end"].character)
end

-- Client methods became colon-called in 0.11; 0.7 has plain closures.
local function request_sync(client, method, params, bufnr)
  if vim.fn.has("nvim-0.11") == 1 then
    return client:request_sync(method, params, 5000, bufnr)
  end
  return client.request_sync(method, params, 5000, bufnr)
end

-- Asks for the quick fix of one diagnostic and applies its WorkspaceEdit like a user accepting it.
local function apply_quick_fix(client, bufnr, diagnostic)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = diagnostic.range,
    context = { diagnostics = { diagnostic }, only = { "quickfix" } },
  }
  local response, err = request_sync(client, "textDocument/codeAction", params, bufnr)
  require_ok(response and not response.err, "codeAction request for " .. diagnostic.code, vim.inspect(err or (response and response.err)))
  local action
  for _, a in ipairs(response.result or {}) do
    if a.kind == "quickfix" and (a.edit or a.data) then
      action = a
      break
    end
  end
  require_ok(action ~= nil, "a quickfix CodeAction for " .. diagnostic.code, vim.inspect(response.result))
  if not action.edit then
    local resolved = request_sync(client, "codeAction/resolve", action, bufnr)
    action = resolved and resolved.result or action
  end
  require_ok(action.edit ~= nil, "the " .. diagnostic.code .. " quick fix carries a WorkspaceEdit", vim.inspect(action))
  vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or "utf-16")
end

-- Waits until the published diagnostics have exactly these codes (comma-separated, sorted).
local function wait_for_codes(bufnr, expected)
  vim.wait(10000, function()
    return codes(lsp_diagnostics(bufnr)) == expected
  end, 50)
  local got = lsp_diagnostics(bufnr)
  require_ok(codes(got) == expected, "diagnostics are [" .. expected .. "]", "got [" .. codes(got) .. "] " .. vim.inspect(got))
  return got
end

local function write(path, text)
  local file = assert(io.open(path, "w"))
  file:write(text)
  file:close()
end

-- A template calling a local YAML component (issue #12): a misspelt parameter (BC701), a missing
-- required one (BC702) and a Test component in a build template (BC704), where `bclint check`
-- reports them.
-- The files are written before the server starts: Neovim 0.7 cannot watch files, so the
-- server's project index sees what is on disk when it is built.
local function write_linked_files()
  local dir = os.getenv("BCLINT_TEST_DIR")
  write(dir .. "/ssh.imagecomponent.yaml", "Parameters:\n  port:\n    Type: Number\nTasks:\n  - Name: configure\n    Action: RunShellCommand\n    Properties:\n      commandContent: echo {{ port }}\n")
  write(dir .. "/ssh.imagecomponent.toml", 'name = "ssh"\nversion = "1.0.0"\ncomponent_type = "Test"\n')
  write(dir .. "/web.buildcontent", "RUN echo hi\nCOMPONENT acs:ecs:cn-hangzhou:123:imagecomponent/ssh/1.0.0 --prot 22\n")
end

local function linked_component()
  local path = os.getenv("BCLINT_TEST_DIR") .. "/web.buildcontent"
  vim.cmd("edit " .. vim.fn.fnameescape(path))
  local bufnr = vim.api.nvim_get_current_buf()
  local diagnostics = wait_for_codes(bufnr, "BC701,BC702,BC704")
  local cli = vim.fn.json_decode(vim.fn.system({ os.getenv("BCLINT"), "check", "--output-format", "json", path }))
  for _, finding in ipairs(cli) do
    local d = find(diagnostics, finding.code)
    local start = finding.location.start
    check(
      d ~= nil and d.range.start.line + 1 == start.line and d.range.start.character + 1 == start.column,
      finding.code .. " where bclint check reports it (" .. start.line .. ":" .. start.column .. ")",
      d and range_text(d.range)
    )
  end
  check(#cli == 3, "bclint check reports the same three findings", vim.inspect(cli))
end

local function main()
  -- Setup: the plugin from this repository, the server from $BCLINT.
  vim.cmd("filetype on")
  -- grammar_dir: tree-sitter where Neovim has it (0.9+), Dockerfile syntax on older ones.
  local plugin = dofile(os.getenv("BCLINT_NVIM_PLUGIN"))
  plugin.setup({ cmd = { os.getenv("BCLINT"), "lsp" }, grammar_dir = os.getenv("BCLINT_GRAMMAR_DIR") })
  write_linked_files()
  local path = os.getenv("BCLINT_TEST_DIR") .. "/build.buildcontent"
  local file = assert(io.open(path, "w"))
  -- FROM first, so BC201 is the plain "deprecated" warning whose fix deletes the line.
  file:write("FROM IMAGE:m-123\nrun echo hi\nRESTART\n")
  file:close()
  vim.cmd("edit " .. vim.fn.fnameescape(path))
  local bufnr = vim.api.nvim_get_current_buf()

  require_ok(vim.bo[bufnr].filetype == "buildcontent", "filetype is buildcontent", vim.bo[bufnr].filetype)
  if vim.fn.has("nvim-0.9") == 0 then
    check(plugin.treesitter(os.getenv("BCLINT_GRAMMAR_DIR")) == false, "no tree-sitter registration before Neovim 0.9")
    check(vim.bo[bufnr].syntax == "dockerfile", "Dockerfile syntax without tree-sitter", vim.bo[bufnr].syntax)
  end
  vim.wait(5000, function()
    return #clients(bufnr) > 0
  end, 50)
  local client = clients(bufnr)[1]
  require_ok(client ~= nil, "bclint lsp attached to the buffer")

  local diagnostics = wait_for_codes(bufnr, "BC201,BC301")
  local bc301, bc201 = find(diagnostics, "BC301"), find(diagnostics, "BC201")
  check(bc301.source == "bclint", "BC301 source is bclint", tostring(bc301.source))
  check(bc201.source == "bclint", "BC201 source is bclint", tostring(bc201.source))
  check(range_text(bc301.range) == "1:0-1:3", "BC301 covers `run` (1:0-1:3)", range_text(bc301.range))
  -- "The whole line": up to the end of its text or to the start of the next line.
  local from_range = range_text(bc201.range)
  check(from_range == "0:0-0:16" or from_range == "0:0-1:0", "BC201 covers the FROM line", from_range)

  apply_quick_fix(client, bufnr, bc301)
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  check(lines[2] == "RUN echo hi", "BC301 fix upper-cased the keyword", vim.inspect(lines))

  bc201 = find(wait_for_codes(bufnr, "BC201"), "BC201")
  apply_quick_fix(client, bufnr, bc201)
  lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  check(vim.deep_equal(lines, { "RUN echo hi", "RESTART" }), "BC201 fix deleted the FROM line", vim.inspect(lines))
  wait_for_codes(bufnr, "")
  linked_component()
end

local ok, err = xpcall(main, debug.traceback)
if not ok and not tostring(err):find("stopped") then
  check(false, "test script error", err)
end
finish()
