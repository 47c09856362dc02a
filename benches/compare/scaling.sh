#!/usr/bin/env bash
# Scaling of `bclint check` (full output, code frames included): 200 files of 1, 2, 4, 8 and
# 16 KB, and 10 … 10,000 files of 2 KB, all full-flavour templates (every command, many
# findings). Mean wall time from hyperfine (10 ms is below /usr/bin/time's resolution), peak RSS
# from /usr/bin/time.
# Usage: benches/compare/scaling.sh   (from the repository root; needs hyperfine and GNU time)
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v hyperfine >/dev/null || apt-get install -y hyperfine
command -v /usr/bin/time >/dev/null || apt-get install -y time
cargo build -q --release -p bclint -p bench_corpus
corpus=target/bench-corpus/scaling
rm -rf "$corpus"
measure() { # label, directory
  local check=(target/release/bclint check --no-config --exit-zero "$2")
  hyperfine -N --warmup 3 --min-runs 10 --export-json "$corpus/run.json" "${check[*]}" >/dev/null 2>&1
  local mean
  mean=$(python3 -c 'import json,sys; print("%.1f" % (json.load(open(sys.argv[1]))["results"][0]["mean"] * 1000))' "$corpus/run.json")
  /usr/bin/time -f "%M" "${check[@]}" >/dev/null 2>"$corpus/rss.txt"
  printf '%-24s %8s ms mean wall   %6s KB peak RSS\n' "$1" "$mean" "$(tail -1 "$corpus/rss.txt")"
}
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
for kb in 1 2 4 8 16; do
  target/release/bench-corpus --out "$corpus/size-$kb" --count 200 --size $((kb * 1024))
  measure "200 files of $kb KB" "$corpus/size-$kb"
done
for n in 10 100 1000 10000; do
  target/release/bench-corpus --out "$corpus/count-$n" --count "$n" --size 2048
  measure "$n files of 2 KB" "$corpus/count-$n"
done
