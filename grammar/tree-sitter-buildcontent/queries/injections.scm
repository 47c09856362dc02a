; Shell-form RUN, CMD and ENTRYPOINT run in the shell; continuations and interior comment lines
; are part of the node, as the shell reads them.
((shell_command) @injection.content
  (#set! injection.language "bash")
  (#set! injection.include-children))

; The exec form is a JSON array of strings.
((exec_form) @injection.content
  (#set! injection.language "json")
  (#set! injection.include-children))
