; A command is a function-sized unit: `]f`/`[f` move between commands, `maf`/`mif` select one or
; its shell text; `]a`/`maa` work on ENV/LABEL pairs and COMPONENT parameters.
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
] @function.around

(shell_command) @function.inside
(exec_form) @function.inside

[(comment) (suppression)] @comment.around

[(env_pair) (label_pair) (parameter)] @parameter.around
(env_pair value: (_) @parameter.inside)
(label_pair value: (_) @parameter.inside)
(parameter value: (_) @parameter.inside)
