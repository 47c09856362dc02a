#!/usr/bin/env bash
# Headless Emacs against the real server: BCLINT=/path/to/bclint editors/emacs/test/run.sh
# Needs Emacs 29+ (eglot built in) or Debian's emacs-nox with elpa-eglot.
set -euo pipefail
if [[ -z "${BCLINT:-}" ]]; then
  echo "not ok - BCLINT is not set: run as BCLINT=/path/to/bclint $0" >&2
  exit 1
fi
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export BCLINT BCLINT_TEST_DIR="$work"
# The byte compiler catches mistakes in the mode that loading alone would not (unknown
# functions, wrong arity); its warnings fail the test.
emacs --batch -Q -L "$here/.." --eval '(setq byte-compile-error-on-warn t)' \
  --eval "(setq byte-compile-dest-file-function (lambda (_) \"$work/bclint.elc\"))" \
  -f batch-byte-compile "$here/../bclint.el"
# -Q: no user or site configuration beyond Debian's package paths, so only bclint.el decides
# the modes and the server. The timeout is a backstop: the test's own waits end far earlier.
timeout 120 emacs --batch -Q -L "$here/.." -l "$here/eglot-test.el"
