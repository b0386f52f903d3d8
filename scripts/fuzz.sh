#!/usr/bin/env bash
# Coverage-guided fuzzing with cargo-fuzz (nightly toolchain).
#   bash scripts/fuzz.sh TARGET [SECONDS]   one target (default 600 s)
#   bash scripts/fuzz.sh all [SECONDS]      every target in turn
#   bash scripts/fuzz.sh list               the targets
#   FUZZ_RUNS=N bash scripts/fuzz.sh all     N executions per target with a
#                                            fixed seed instead of a time budget:
#                                            reproducible, as CI needs (a clean
#                                            clone starts from the same seeds).
# Seeds come from tests/cases (fuzz/seed.mjs); findings are written to
# fuzz/artifacts/TARGET/ (reproduce: cargo +nightly fuzz run TARGET FILE).
# Debug assertions stay on (-a) with optimisation (-O): overflow panics are
# caught. No sanitizer by default (-s none, faster): the crate's only unsafe
# code is json::write::append (short copies) and the wasm allocator, which
# native builds do not use. FUZZ_SANITIZER=address checks append's memory
# accesses (run before landing a change to it).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

targets() { sed -n 's/^name = "\(.*\)"$/\1/p' fuzz/Cargo.toml | grep -v '^profile-preview-fuzz$'; }

if [ "${1:-}" = list ]; then targets; exit 0; fi
target=${1:?usage: scripts/fuzz.sh TARGET|all|list [SECONDS]}
seconds=${2:-600}

rustup toolchain list | grep -q nightly || { echo "fuzz.sh: needs a nightly toolchain (rustup toolchain install nightly)" >&2; exit 1; }
cargo fuzz --version >/dev/null 2>&1 || cargo install cargo-fuzz
node fuzz/seed.mjs >/dev/null

run() {
  local t=$1 log
  log=$(mktemp)
  mkdir -p "fuzz/corpus/$t"
  # -timeout: an input taking over 2 s is a finding (a hang or quadratic path).
  local budget=(-max_total_time="$seconds")
  [ -n "${FUZZ_RUNS:-}" ] && budget=(-runs="$FUZZ_RUNS" -seed=1)
  if cargo +nightly fuzz run -O -a -s "${FUZZ_SANITIZER:-none}" "$t" "fuzz/corpus/$t" -- \
      "${budget[@]}" -timeout=2 -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1; then
    printf '%-20s ok   %s\n' "$t" "$(grep -o 'Done [0-9]* runs in [0-9]* second(s)' "$log" | tail -1)"
  else
    tail -40 "$log"
    printf '%-20s FAIL (see fuzz/artifacts/%s/)\n' "$t" "$t"
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
}

if [ "$target" = all ]; then
  status=0
  for t in $(targets); do run "$t" || status=1; done
  exit $status
fi
run "$target"
