;;; eglot-test.el --- Headless eglot test of bclint.el against the real server  -*- lexical-binding: t; -*-

;; Run by run.sh. Prints "ok - ..." / "not ok - ..." per assertion and exits non-zero on any
;; failure. Opens a broken template, waits for bclint's diagnostics through eglot and flymake, and
;; checks their codes and positions, like editors/neovim/test/lsp_test.lua.

;;; Code:

(require 'cl-lib)
(require 'package)
;; Debian's elpa-eglot lives in the site ELPA directory, which -Q does not activate.
(dolist (dir '("/usr/share/emacs/site-lisp/elpa" "/usr/share/emacs/site-lisp/elpa-src"))
  (when (file-directory-p dir) (add-to-list 'package-directory-list dir)))
(package-initialize)
(require 'eglot)
(require 'flymake)
(require 'bclint)

(defvar bclint-test-passes 0)
(defvar bclint-test-failures 0)

(defun bclint-test-check (ok description &optional detail)
  "Records and prints one assertion; returns OK."
  (if ok
      (progn (cl-incf bclint-test-passes) (princ (format "ok - %s\n" description)))
    (cl-incf bclint-test-failures)
    (princ (format "not ok - %s%s\n" description (if detail (format ": %S" detail) ""))))
  ok)

(defun bclint-test-finish ()
  (princ (format "%d passed, %d failed\n" bclint-test-passes bclint-test-failures))
  (kill-emacs (if (zerop bclint-test-failures) 0 1)))

(defun bclint-test-wait (predicate seconds)
  "Runs the event loop until PREDICATE returns non-nil or SECONDS pass; returns its value."
  (let ((deadline (+ (float-time) seconds)) value)
    (while (and (not (setq value (funcall predicate))) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    value))

(defun bclint-test-diagnostics ()
  "The current buffer's flymake diagnostics as (CODE LINE COLUMN END-LINE END-COLUMN), sorted.
Lines and columns are 0-based, as in LSP."
  (sort (mapcar (lambda (d)
                  (let ((beg (flymake-diagnostic-beg d)) (end (flymake-diagnostic-end d)))
                    (list (bclint-test-code d)
                          (1- (line-number-at-pos beg)) (save-excursion (goto-char beg) (current-column))
                          (1- (line-number-at-pos end)) (save-excursion (goto-char end) (current-column)))))
                (flymake-diagnostics))
        (lambda (a b) (string< (car a) (car b)))))

(defun bclint-test-code (diagnostic)
  "The rule code of DIAGNOSTIC: eglot keeps the LSP diagnostic, older versions only the text."
  (let* ((data (flymake-diagnostic-data diagnostic))
         (lsp (and (listp data) (plist-get data :eglot-lsp-diag)))
         (code (and lsp (plist-get lsp :code))))
    (or code
        (and (string-match "BC[0-9]\\{3\\}" (flymake-diagnostic-text diagnostic))
             (match-string 0 (flymake-diagnostic-text diagnostic))))))

(defun bclint-test-main ()
  (setq bclint-executable (getenv "BCLINT"))
  (let ((file (expand-file-name "build.buildcontent" (getenv "BCLINT_TEST_DIR"))))
    ;; FROM first, so BC201 is the plain "deprecated" warning; `run' is BC301; ADD is BC002.
    (with-temp-file file (insert "FROM IMAGE:m-123\nrun echo hi\nADD a b\nRESTART\n"))
    (find-file file))
  (bclint-test-check (eq major-mode 'bclint-buildcontent-mode) "major mode is bclint-buildcontent-mode" major-mode)
  (bclint-test-check (equal comment-start "# ") "comment syntax is #")
  (font-lock-ensure)
  (bclint-test-check (eq (get-text-property (point-min) 'face) 'font-lock-warning-face) "FROM is highlighted as deprecated"
                     (get-text-property (point-min) 'face))
  (goto-char (point-min))
  (forward-line 1)
  (bclint-test-check (eq (get-text-property (point) 'face) 'font-lock-keyword-face) "lower-case run is a keyword"
                     (get-text-property (point) 'face))
  ;; What M-x eglot does, without the questions.
  (apply #'eglot (eglot--guess-contact))
  (bclint-test-check (bclint-test-wait (lambda () (eglot-current-server)) 10) "eglot connected to bclint lsp")
  (let ((got (bclint-test-wait
              (lambda ()
                (flymake-start)
                (let ((d (bclint-test-diagnostics)))
                  (and (= (length d) 3) d)))
              20)))
    (bclint-test-check got "flymake shows three bclint diagnostics" (bclint-test-diagnostics))
    (when got
      (bclint-test-check (equal (assoc "BC002" got) '("BC002" 2 0 2 3)) "BC002 covers ADD (2:0-2:3)" (assoc "BC002" got))
      (bclint-test-check (equal (assoc "BC301" got) '("BC301" 1 0 1 3)) "BC301 covers run (1:0-1:3)" (assoc "BC301" got))
      (bclint-test-check (member (assoc "BC201" got) '(("BC201" 0 0 0 16) ("BC201" 0 0 1 0))) "BC201 covers the FROM line"
                         (assoc "BC201" got))))
  (eglot-shutdown (eglot-current-server)))

(condition-case err
    (bclint-test-main)
  (error (bclint-test-check nil "test script error" err)))
(bclint-test-finish)

;;; eglot-test.el ends here
