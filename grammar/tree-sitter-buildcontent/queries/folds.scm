; A command continued over several lines folds to its first line.
[
  (component_instruction)
  (run_instruction)
  (env_instruction)
  (label_instruction)
  (copy_instruction)
  (cmd_instruction)
  (entrypoint_instruction)
  (exec_form)
] @fold
