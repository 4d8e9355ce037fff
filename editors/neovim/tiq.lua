-- tiq lsp for Neovim (0.10 or later). Put this file in ~/.config/nvim/plugin/tiq.lua,
-- or `require` it from init.lua. `tiq` must be on PATH (or write its full path in `cmd`).

vim.filetype.add({ extension = { tiq = "tiq" } })

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
    vim.lsp.start({
      name = "tiq",
      cmd = { "tiq", "lsp" }, -- add "--data", "/path/to/dataset" to serve a dataset instead of the demo
      root_dir = vim.fs.root(args.buf, { ".git" }) or vim.fn.getcwd(),
    })
    -- Completion: <C-x><C-o> (omnifunc is set by vim.lsp); hover: K; diagnostics: ]d / [d.
    vim.keymap.set("n", "<leader>r", function() run_query_under_cursor(args.buf) end,
      { buffer = args.buf, desc = "tiq: run the query under the cursor" })
  end,
})
