-- Neovim's built-in LSP client on one note: attach `notelint lsp`, read the diagnostics, delete
-- the line with the gift, read them again, write both to NOTELINT_OUT as JSON, and quit.
-- Uses only what Neovim 0.7 has (Debian 12's), so it runs on the distribution's package.
local client = vim.lsp.start_client({
  name = "notelint",
  cmd = { vim.env.NOTELINT_PYTHON, "-m", "notelint", "lsp" },
  root_dir = vim.fn.getcwd(),
  init_options = { debounceMs = 50 },
})
vim.cmd("edit " .. vim.fn.fnameescape(vim.env.NOTELINT_NOTE))
vim.lsp.buf_attach_client(0, client)

local function read()
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(found, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, source = d.source, message = d.message,
      code = d.code or lsp.code,
    })
  end
  return found
end

local opened = vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 20)
local after_open = read()
local gift = tonumber(vim.env.NOTELINT_GIFT_LINE)
vim.api.nvim_buf_set_lines(0, gift, gift + 1, false, {})
local edited = vim.wait(30000, function() return #vim.diagnostic.get(0) == #after_open - 1 end, 20)

local file = io.open(vim.env.NOTELINT_OUT, "w")
file:write(vim.fn.json_encode({
  opened = opened, edited = edited, after_open = after_open, after_edit = read(),
}))
file:close()
vim.cmd("qa!")
