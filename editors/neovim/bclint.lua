-- bclint for Neovim 0.7+: filetypes for ECS Image Builder templates and the `bclint lsp` client.
-- Copy to ~/.config/nvim/lua/bclint.lua and call require("bclint").setup() (see README.md).
local M = {}

-- Filetype → LSP languageId. Manifests are "toml.imagepipeline" and "toml.imagecomponent", and
-- YAML components "yaml.imagecomponent", so TOML and YAML syntax still apply.
local LANGUAGE_IDS = {
  buildcontent = "buildcontent",
  testcontent = "testcontent",
  imagecomponent = "imagecomponent",
  ["toml.imagepipeline"] = "imagepipeline-toml",
  ["toml.imagecomponent"] = "imagecomponent-toml",
  ["yaml.imagecomponent"] = "yaml",
}

local function set_filetype(ft)
  return function(args)
    vim.bo[args.buf].filetype = ft
  end
end

--- Registers the file kinds. vim.filetype.add only takes effect by default from Neovim 0.8 on.
function M.filetypes()
  if vim.filetype and vim.filetype.add and vim.fn.has("nvim-0.8") == 1 then
    vim.filetype.add({
      extension = { buildcontent = "buildcontent", testcontent = "testcontent", imagecomponent = "imagecomponent" },
      filename = { ["imagepipeline.toml"] = "toml.imagepipeline" },
      pattern = {
        [".*%.imagepipeline%.toml"] = "toml.imagepipeline",
        [".*%.imagecomponent%.toml"] = "toml.imagecomponent",
        [".*%.imagecomponent%.ya?ml"] = "yaml.imagecomponent",
      },
    })
  else
    local group = vim.api.nvim_create_augroup("bclint_filetypes", { clear = true })
    local patterns = {
      ["*.buildcontent"] = "buildcontent",
      ["*.testcontent"] = "testcontent",
      ["*.imagecomponent"] = "imagecomponent",
      ["imagepipeline.toml"] = "toml.imagepipeline",
      ["*.imagepipeline.toml"] = "toml.imagepipeline",
      ["*.imagecomponent.toml"] = "toml.imagecomponent",
      ["*.imagecomponent.yaml"] = "yaml.imagecomponent",
      ["*.imagecomponent.yml"] = "yaml.imagecomponent",
    }
    for pattern, ft in pairs(patterns) do
      vim.api.nvim_create_autocmd({ "BufRead", "BufNewFile" }, { group = group, pattern = pattern, callback = set_filetype(ft) })
    end
  end
end

-- The nearest directory holding imagepipeline.toml or .git, else the file's own directory.
local function root_dir(bufnr)
  local file = vim.api.nvim_buf_get_name(bufnr)
  local dir = vim.fn.fnamemodify(file, ":p:h")
  local manifest = vim.fn.findfile("imagepipeline.toml", dir .. ";")
  if manifest ~= "" then
    return vim.fn.fnamemodify(manifest, ":p:h")
  end
  local git = vim.fn.finddir(".git", dir .. ";")
  if git ~= "" then
    return vim.fn.fnamemodify(git, ":p:h:h")
  end
  return dir
end

local started = {} -- root_dir → client id, for Neovim without vim.lsp.start

--- Starts (or reuses) the client for this buffer's root and attaches it.
function M.attach(bufnr, opts)
  local root = root_dir(bufnr)
  local severity = { bclint = { severity = opts.severity or {} } }
  local config = {
    name = "bclint",
    cmd = opts.cmd or { opts.path or "bclint", "lsp" },
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
    init_options = severity,
    settings = severity, -- sent as workspace/didChangeConfiguration after initialize
    capabilities = opts.capabilities,
    on_attach = opts.on_attach,
    get_language_id = function(_, filetype)
      return LANGUAGE_IDS[filetype] or filetype
    end,
  }
  if vim.lsp.start then
    return vim.lsp.start(config, { bufnr = bufnr })
  end
  local id = started[root]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client(config)
    started[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

local TEMPLATE_FILETYPES = { "buildcontent", "testcontent", "imagecomponent" }

--- Registers the buildcontent tree-sitter grammar (grammar/tree-sitter-buildcontent of a bclint
--- checkout, `grammar_dir`) for the three template filetypes: the parser with nvim-treesitter, so
--- `:TSInstall buildcontent` builds it, and the queries of the checkout. Needs Neovim 0.9+
--- (vim.treesitter.language.register, vim.treesitter.query.set); returns false on older ones.
function M.treesitter(grammar_dir)
  if not (vim.treesitter.language and vim.treesitter.language.register and vim.treesitter.query.set) then
    return false
  end
  vim.treesitter.language.register("buildcontent", TEMPLATE_FILETYPES)
  local install_info = { url = grammar_dir, files = { "src/parser.c", "src/scanner.c" } }
  local ok, parsers = pcall(require, "nvim-treesitter.parsers")
  if ok and parsers.get_parser_configs then
    -- nvim-treesitter's master branch.
    parsers.get_parser_configs().buildcontent = { install_info = install_info, filetype = "buildcontent" }
  elseif ok then
    -- nvim-treesitter's main branch reads its parser table again on this event.
    vim.api.nvim_create_autocmd("User", {
      pattern = "TSUpdate",
      callback = function()
        require("nvim-treesitter.parsers").buildcontent = { install_info = { path = grammar_dir, queries = "queries" } }
      end,
    })
  end
  for _, query in ipairs({ "highlights", "injections", "folds", "indents", "textobjects" }) do
    local file = io.open(grammar_dir .. "/queries/" .. query .. ".scm")
    if file then
      vim.treesitter.query.set("buildcontent", query, file:read("*a"))
      file:close()
    end
  end
  return true
end

--- Highlights with tree-sitter when the parser is installed, else with Neovim's Dockerfile syntax,
--- which covers the shared keywords and comments.
local function highlight(bufnr, use_treesitter)
  if use_treesitter and pcall(vim.treesitter.start, bufnr, "buildcontent") then
    return
  end
  vim.bo[bufnr].syntax = "dockerfile"
end

--- opts: path (default "bclint") or cmd, severity ({ BC301 = "off" }), on_attach, capabilities,
--- grammar_dir (grammar/tree-sitter-buildcontent of a bclint checkout, for tree-sitter).
function M.setup(opts)
  opts = opts or {}
  M.filetypes()
  local use_treesitter = opts.grammar_dir ~= nil and M.treesitter(opts.grammar_dir)
  local group = vim.api.nvim_create_augroup("bclint_lsp", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = vim.tbl_keys(LANGUAGE_IDS),
    callback = function(args)
      local ft = vim.bo[args.buf].filetype
      if vim.tbl_contains(TEMPLATE_FILETYPES, ft) then
        highlight(args.buf, use_treesitter)
        vim.bo[args.buf].commentstring = "# %s"
      end
      M.attach(args.buf, opts)
    end,
  })
end

return M
