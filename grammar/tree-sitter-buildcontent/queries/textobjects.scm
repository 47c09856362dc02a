; nvim-treesitter-textobjects names (editors/helix/queries has the Helix ones). A command is a
; function-sized unit: `]f`/`[f` move between commands, `af` selects one.
[
  (component_instruction)
  (restart_instruction)
  (run_instruction)
  (env_instruction)
  (workdir_instruction)
  (copy_instruction)
  (user_instruction)
  (label_instruction)
  (cmd_instruction)
  (entrypoint_instruction)
  (from_instruction)
] @function.outer

(shell_command) @function.inner
(exec_form) @function.inner

[(comment) (suppression)] @comment.outer

[(env_pair) (label_pair) (parameter)] @parameter.outer
(env_pair value: (_) @parameter.inner)
(label_pair value: (_) @parameter.inner)
(parameter value: (_) @parameter.inner)
