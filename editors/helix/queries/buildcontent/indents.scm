; Lines after a continuation are indented one level under the command's keyword.
[
  (component_instruction)
  (run_instruction)
  (env_instruction)
  (label_instruction)
  (copy_instruction)
  (cmd_instruction)
  (entrypoint_instruction)
] @indent
