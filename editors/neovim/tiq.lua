-- tiq lsp for Neovim, from 0.7 (Debian's) to the current release. Put this file in
-- ~/.config/nvim/plugin/tiq.lua, or `require` it from init.lua. `tiq` must be on PATH; to use
-- another binary or serve a dataset, set before this file loads:
--   vim.g.tiq_cmd = { "/path/to/tiq", "lsp", "--data", "/path/to/dataset" }
-- Tested headless on 0.7.2 by Tests/TIQCLITests/NeovimEditorTests.swift.

-- Neovim 0.7 reads vim.filetype.add only with g:do_filetype_lua; the autocommand works everywhere.
if vim.filetype and vim.filetype.add then
  vim.filetype.add({ extension = { tiq = "tiq" } })
end
vim.api.nvim_create_autocmd({ "BufRead", "BufNewFile" }, {
  pattern = "*.tiq",
  callback = function(args) vim.bo[args.buf].filetype = "tiq" end,
})

local function root_of(buf)
  if vim.fs and vim.fs.root then -- 0.10+
    return vim.fs.root(buf, { ".git" }) or vim.fn.getcwd()
  end
  if vim.fs and vim.fs.find then -- 0.8, 0.9
    local name = vim.api.nvim_buf_get_name(buf)
    local git = vim.fs.find(".git", { upward = true, path = vim.fs.dirname(name) })[1]
    return git and vim.fs.dirname(git) or vim.fn.getcwd()
  end
  return vim.fn.getcwd() -- 0.7
end

local client_id = nil -- one `tiq lsp` for every .tiq buffer (0.7 path)

local function attach(buf)
  local config = { name = "tiq", cmd = vim.g.tiq_cmd or { "tiq", "lsp" }, root_dir = root_of(buf) }
  if vim.lsp.start then -- 0.8+: reuses a running client with the same name and root
    vim.lsp.start(config)
    return
  end
  if client_id == nil or vim.lsp.get_client_by_id(client_id) == nil then
    client_id = vim.lsp.start_client(config)
  end
  if client_id then vim.lsp.buf_attach_client(buf, client_id) end
end

local function run_query_under_cursor(buf)
  local line = vim.api.nvim_win_get_cursor(0)[1] - 1 -- LSP lines are 0-based
  local params = { command = "tiq.runQuery", arguments = { vim.uri_from_bufnr(buf), line } }
  vim.lsp.buf_request(buf, "workspace/executeCommand", params, function(err, result)
    if err then
      vim.notify(err.message, vim.log.levels.ERROR) -- the diagnostic, rendered with its caret
      return
    end
    local out = vim.api.nvim_create_buf(false, true)
    vim.api.nvim_buf_set_lines(out, 0, -1, false, vim.split(result, "\n"))
    vim.cmd("botright split")
    vim.api.nvim_win_set_buf(0, out)
    vim.wo.wrap = false
  end)
end

vim.api.nvim_create_autocmd("FileType", {
  pattern = "tiq",
  callback = function(args)
    vim.bo[args.buf].commentstring = "# %s"
    vim.bo[args.buf].omnifunc = "v:lua.vim.lsp.omnifunc" -- 0.7 does not set it on attach
    attach(args.buf)
    -- Completion: <C-x><C-o>; hover: K; diagnostics: ]d / [d. Neovim 0.10 maps these itself.
    if vim.fn.has("nvim-0.10") == 0 then
      local opts = { buffer = args.buf }
      vim.keymap.set("n", "K", vim.lsp.buf.hover, opts)
      vim.keymap.set("n", "]d", vim.diagnostic.goto_next, opts)
      vim.keymap.set("n", "[d", vim.diagnostic.goto_prev, opts)
    end
    vim.keymap.set("n", "<leader>r", function() run_query_under_cursor(args.buf) end,
      { buffer = args.buf, desc = "tiq: run the query under the cursor" })
  end,
})

-- For scripts and tests: run the query around `line` (0-based) of `buf` synchronously.
return { run_query = function(buf, line, timeout_ms)
  local params = { command = "tiq.runQuery", arguments = { vim.uri_from_bufnr(buf), line } }
  return vim.lsp.buf_request_sync(buf, "workspace/executeCommand", params, timeout_ms or 10000)
end }
