; Lines after a continuation are indented one level under the command (nvim-treesitter names;
; editors/helix/queries has the Helix ones).
[
  (component_instruction)
  (run_instruction)
  (env_instruction)
  (label_instruction)
  (copy_instruction)
  (cmd_instruction)
  (entrypoint_instruction)
] @indent.begin
