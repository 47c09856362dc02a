#!/usr/bin/env bash
# Scaling of `bclint check`: one file of 1, 2, 4, 8 and 16 KB (each checked 200 times in one
# process run over 200 copies), and 10 … 10,000 files of 2 KB. Wall time via /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build -q --release -p bclint -p bench_corpus
corpus=target/bench-corpus/scaling
rm -rf "$corpus"
for kb in 1 2 4 8 16; do
  target/release/bench-corpus --out "$corpus/size-$kb" --count 200 --size $((kb * 1024))
  /usr/bin/time -f "200 files of $kb KB: %e s wall, %M KB peak RSS" \
    target/release/bclint check --no-config --exit-zero "$corpus/size-$kb" >/dev/null
done
for n in 10 100 1000 10000; do
  target/release/bench-corpus --out "$corpus/count-$n" --count "$n" --size 2048
  /usr/bin/time -f "$n files of 2 KB: %e s wall, %M KB peak RSS" \
    target/release/bclint check --no-config --exit-zero "$corpus/count-$n" >/dev/null
done
