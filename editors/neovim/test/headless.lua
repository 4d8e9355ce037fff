-- Drives tiq.lua in a headless Neovim, as a user would: open a .tiq file, wait for the
-- diagnostics, hover an indicator, complete after `| `, run the query under the cursor. Writes
-- what Neovim received as JSON to $TIQ_NVIM_OUT. Run by Tests/TIQCLITests/NeovimEditorTests.swift:
--   TIQ_NVIM_OUT=out.json nvim --headless -u NONE -i NONE \
--     --cmd "let g:tiq_cmd = ['/path/to/tiq', 'lsp']" \
--     -c "luafile editors/neovim/tiq.lua" -c "luafile editors/neovim/test/headless.lua" file.tiq
local out = { version = vim.version and tostring(vim.version().major .. "." .. vim.version().minor) }
local buf = vim.api.nvim_get_current_buf()
local function finish()
  local f = io.open(os.getenv("TIQ_NVIM_OUT"), "w")
  f:write(vim.fn.json_encode(out))
  f:close()
  vim.cmd("qall!")
end
out.filetype = vim.bo[buf].filetype

local attached = vim.wait(120000, function() return next(vim.lsp.buf_get_clients(buf)) ~= nil end, 50)
out.attached = attached
if not attached then return finish() end

vim.wait(120000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
out.diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  table.insert(out.diagnostics, { line = d.lnum, col = d.col, code = d.code, message = d.message })
end

local function position(line, col)
  return { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = line, character = col } }
end
local hover_line = tonumber(os.getenv("TIQ_NVIM_HOVER_LINE"))
local hover_col = tonumber(os.getenv("TIQ_NVIM_HOVER_COL"))
local replies = vim.lsp.buf_request_sync(buf, "textDocument/hover", position(hover_line, hover_col), 60000) or {}
for _, r in pairs(replies) do
  if r.result and r.result.contents then
    local c = r.result.contents
    out.hover = type(c) == "table" and (c.value or c[1]) or c
  end
end

local complete_line = tonumber(os.getenv("TIQ_NVIM_COMPLETE_LINE"))
local complete_col = tonumber(os.getenv("TIQ_NVIM_COMPLETE_COL"))
replies = vim.lsp.buf_request_sync(buf, "textDocument/completion", position(complete_line, complete_col), 60000) or {}
out.completions = {}
for _, r in pairs(replies) do
  local items = r.result and (r.result.items or r.result) or {}
  for _, item in ipairs(items) do table.insert(out.completions, item.label) end
end

local run_line = tonumber(os.getenv("TIQ_NVIM_RUN_LINE"))
local tiq = dofile(os.getenv("TIQ_NVIM_PLUGIN"))
replies = tiq.run_query(buf, run_line, 120000) or {}
for _, r in pairs(replies) do
  out.table = r.result
  out.run_error = r.err and r.err.message
end
finish()
