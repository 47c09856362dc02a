; Capture names common to Helix and nvim-treesitter.

[
  "COMPONENT"
  "RESTART"
  "RUN"
  "ENV"
  "WORKDIR"
  "COPY"
  "USER"
  "LABEL"
  "CMD"
  "ENTRYPOINT"
] @keyword

; FROM is deprecated: the service ignores it (BC201).
"FROM" @keyword.deprecated

(comment) @comment
(suppression) @keyword.directive

(line_continuation) @string.escape

(variable_name) @variable
(label_key) @attribute
(env_pair "=" @operator)
(label_pair "=" @operator)
(value) @string

(component_reference) @constant
(parameter_name) @variable.parameter

(exec_form ["[" "]"] @punctuation.bracket)
(exec_form "," @punctuation.delimiter)
(json_string) @string
(bare_element) @error

((word) @string.special.url
  (#match? @string.special.url "^(https?|ftp)://"))
