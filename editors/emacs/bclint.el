;;; bclint.el --- Major modes for ECS Image Builder templates, with the bclint language server  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "27.1"))
;; Keywords: languages, tools
;; URL: https://github.com/bclint/bclint

;;; Commentary:

;; One major mode per file kind: `bclint-buildcontent-mode' (*.buildcontent),
;; `bclint-testcontent-mode' (*.testcontent) and `bclint-imagecomponent-mode'
;; (*.imagecomponent).  They highlight with font-lock from the keyword table below, or, on
;; Emacs 29+ with the buildcontent tree-sitter grammar installed, with `treesit' (the shell inside
;; RUN then stays plain: Emacs has no injection support for this grammar).
;;
;; Diagnostics, quick fixes, completion, hover and formatting come from `bclint lsp'.  Eglot
;; (built into Emacs 29) is registered here; run M-x eglot in a template, or add
;; `eglot-ensure' to `bclint-base-mode-hook'.  lsp-mode is registered too when it is loaded.
;;
;;   (add-to-list 'load-path "/path/to/bclint/editors/emacs")
;;   (require 'bclint)

;;; Code:

(require 'rx)

(defgroup bclint nil
  "ECS Image Builder templates and the bclint language server."
  :group 'languages
  :prefix "bclint-")

(defcustom bclint-executable "bclint"
  "The bclint executable: a name looked up in `exec-path', or a file name."
  :type 'string)

(defconst bclint-keywords
  '("COMPONENT" "RESTART" "RUN" "ENV" "WORKDIR" "COPY" "USER" "LABEL" "CMD" "ENTRYPOINT" "FROM")
  "Every command keyword, matched case-insensitively.
The same list as grammar/buildcontent.ebnf, the TextMate and tree-sitter
grammars and bclint's parser; editors/tree-sitter/keywords.py checks that
they agree.")

(defconst bclint--language-ids
  '((bclint-buildcontent-mode . "buildcontent")
    (bclint-testcontent-mode . "testcontent")
    (bclint-imagecomponent-mode . "imagecomponent"))
  "Major mode to the LSP languageId bclint expects.")

;;;; Syntax

(defvar bclint-base-mode-syntax-table
  (let ((table (make-syntax-table)))
    ;; `#' starts a comment only as the first non-blank character of a line (see
    ;; `bclint--syntax-propertize'); elsewhere it is text, as in "RUN echo a#b".
    (modify-syntax-entry ?# "." table)
    (modify-syntax-entry ?\n ">" table)
    (modify-syntax-entry ?\' "\"" table)
    (modify-syntax-entry ?_ "_" table)
    (modify-syntax-entry ?- "_" table)
    table)
  "Syntax table of the bclint modes.")

(defconst bclint--syntax-propertize
  (syntax-propertize-rules ((rx line-start (* blank) (group "#")) (1 "<")))
  "Mark a `#' that starts a line as a comment starter.")

;;;; Font-lock

(defvar bclint--continuation-face
  ;; `font-lock-escape-face' is new in Emacs 29.
  (if (facep 'font-lock-escape-face) 'font-lock-escape-face 'font-lock-builtin-face)
  "The face of a line continuation's backslash.")

(defconst bclint--keyword-regexp
  (rx-to-string `(seq line-start (* blank)
                      (group (or ,@(remove "FROM" bclint-keywords)))
                      (or blank "\\" line-end))
                t)
  "A keyword that starts a line, except the deprecated FROM.")

(defconst bclint-font-lock-keywords
  `(;; Suppressions: "# bclint: ignore=BC301 -- reason".
    (,(rx line-start (* blank) "#" (* blank) (group "bclint:" (* blank) (or "ignore-file" "ignore")))
     (1 font-lock-preprocessor-face t))
    (,bclint--keyword-regexp (1 font-lock-keyword-face))
    (,(rx line-start (* blank) (group "FROM") (or blank line-end)) (1 font-lock-warning-face))
    ;; ENV and LABEL pairs: the name before "=".
    (,(rx (or line-start blank) (group (any alpha "_") (* (any alnum "_.-"))) "=")
     (1 font-lock-variable-name-face))
    ;; COMPONENT references and parameters.
    (,(rx (or line-start blank) (group "ic-" (+ (any lower digit))) word-boundary)
     (1 font-lock-constant-face))
    (,(rx (or line-start blank) (group "acs:ecs:" (+ (not (any blank "\n")))))
     (1 font-lock-constant-face))
    (,(rx (or line-start blank) (group "--" (any alpha "_") (* (any alnum "_.-"))))
     (1 font-lock-builtin-face))
    ;; Shell variables.
    (,(rx "$" (or (seq "{" (+ (not (any "}\n"))) "}") (seq (any alpha "_") (* (any alnum "_")))))
     (0 font-lock-variable-name-face))
    ;; A continuation backslash.
    (,(rx (group "\\") (* blank) line-end) (1 bclint--continuation-face)))
  "Font-lock rules of the bclint modes, matched ignoring case.")

;;;; Tree-sitter (Emacs 29+)

(declare-function treesit-ready-p "treesit.c")
(declare-function treesit-parser-create "treesit.c")
(declare-function treesit-font-lock-rules "treesit")
(declare-function treesit-major-mode-setup "treesit")
(defvar treesit-font-lock-settings)
(defvar treesit-font-lock-feature-list)
(defvar treesit-language-source-alist)

(defun bclint--treesit-font-lock-settings ()
  "Highlighting rules over the buildcontent tree-sitter grammar."
  (treesit-font-lock-rules
   :language 'buildcontent
   :feature 'comment
   '((comment) @font-lock-comment-face
     (suppression) @font-lock-preprocessor-face)
   :language 'buildcontent
   :feature 'keyword
   `([,@(remove "FROM" bclint-keywords)] @font-lock-keyword-face
     "FROM" @font-lock-warning-face)
   :language 'buildcontent
   :feature 'definition
   '((variable_name) @font-lock-variable-name-face
     (label_key) @font-lock-property-name-face
     (parameter_name) @font-lock-builtin-face)
   :language 'buildcontent
   :feature 'string
   '((value) @font-lock-string-face
     (json_string) @font-lock-string-face)
   :language 'buildcontent
   :feature 'constant
   '((component_reference) @font-lock-constant-face
     (line_continuation) @font-lock-escape-face)))

(defun bclint--treesit-setup ()
  "Use tree-sitter for highlighting when the grammar is installed.
Return non-nil if it is used."
  (when (and (fboundp 'treesit-ready-p) (treesit-ready-p 'buildcontent t))
    (treesit-parser-create 'buildcontent)
    (setq-local treesit-font-lock-settings (bclint--treesit-font-lock-settings))
    (setq-local treesit-font-lock-feature-list '((comment keyword) (definition string constant) ()))
    (treesit-major-mode-setup)
    t))

;; M-x treesit-install-language-grammar RET buildcontent builds the grammar from this repository.
(with-eval-after-load 'treesit
  (add-to-list 'treesit-language-source-alist
               '(buildcontent "https://github.com/bclint/bclint" nil "grammar/tree-sitter-buildcontent/src")))

;;;; Modes

;;;###autoload
(define-derived-mode bclint-base-mode prog-mode "BuildContent"
  "Parent mode of the bclint modes: comments, highlighting and indentation."
  :syntax-table bclint-base-mode-syntax-table
  (setq-local comment-start "# ")
  (setq-local comment-start-skip "^[ \t]*#+[ \t]*")
  (setq-local syntax-propertize-function bclint--syntax-propertize)
  (unless (bclint--treesit-setup)
    (setq-local font-lock-defaults '(bclint-font-lock-keywords nil t))))

;;;###autoload
(define-derived-mode bclint-buildcontent-mode bclint-base-mode "BuildContent"
  "Major mode for ECS Image Builder build templates (*.buildcontent).")

;;;###autoload
(define-derived-mode bclint-testcontent-mode bclint-base-mode "TestContent"
  "Major mode for ECS Image Builder test templates (*.testcontent).")

;;;###autoload
(define-derived-mode bclint-imagecomponent-mode bclint-base-mode "ImageComponent"
  "Major mode for Dockerfile-format image components (*.imagecomponent).")

;;;###autoload
(progn
  (add-to-list 'auto-mode-alist '("\\.buildcontent\\'" . bclint-buildcontent-mode))
  (add-to-list 'auto-mode-alist '("\\.testcontent\\'" . bclint-testcontent-mode))
  (add-to-list 'auto-mode-alist '("\\.imagecomponent\\'" . bclint-imagecomponent-mode)))

;;;; Language servers

(defun bclint--server-command (&rest _)
  "The command that starts the language server."
  (list bclint-executable "lsp"))

(defvar eglot-server-programs)
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               `(,(mapcar (lambda (entry) (list (car entry) :language-id (cdr entry)))
                          bclint--language-ids)
                 . bclint--server-command)))

(declare-function lsp-register-client "lsp-mode")
(declare-function make-lsp-client "lsp-mode")
(declare-function lsp-stdio-connection "lsp-mode")
(declare-function lsp-activate-on "lsp-mode")
(defvar lsp-language-id-configuration)
(with-eval-after-load 'lsp-mode
  (dolist (entry bclint--language-ids)
    (add-to-list 'lsp-language-id-configuration entry))
  (lsp-register-client
   (make-lsp-client :new-connection (lsp-stdio-connection #'bclint--server-command)
                    :activation-fn (lsp-activate-on "buildcontent" "testcontent" "imagecomponent")
                    :server-id 'bclint)))

(provide 'bclint)
;;; bclint.el ends here
