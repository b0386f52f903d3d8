#!/usr/bin/env bash
# Every test, in every runtime users run the library in:
#   native Rust (unit, data-driven cases, property test, doctests)
#   wasm in Node and in headless Chromium (wasm-bindgen-test)
#   the built npm package in Node (ESM + CJS) and in workerd (Miniflare)
#   the profile sandbox Worker under wrangler dev (workerd + Durable Objects)
#   TypeScript types of the package (tsc --strict)
#   the npm pack tarball installed into fresh projects: Node, Deno, tsc,
#   webpack, esbuild, Vite, wrangler, an import map page (tests/packaging)
#   the preview page end to end (playwright-core + Debian chromium)
#   a short fuzz run of every cargo-fuzz target (when nightly is installed)
# Setup is idempotent: a fresh machine gets the wasm target, wasm-bindgen,
# npm dev tools and Chromium first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

step() { printf '\n=== %s\n' "$*"; }

step "native: cargo test"
cargo test --quiet

step "Handlebars.js parity: handlebars_spec_*/parity cases against the handlebars devDependency"
node tests/handlebars_parity/check.mjs

step "native: clippy (no unwrap/expect/panicking index in src/)"
cargo clippy --quiet --lib -- -D warnings

step "native: rustdoc (no broken links)"
RUSTDOCFLAGS="-D warnings" cargo doc --quiet --no-deps

step "wasm in Node: wasm-bindgen-test"
cargo test --target wasm32-unknown-unknown --test wasm_node
# Its own instance: it grows the wasm memory to 4 GiB (reserved, not written).
cargo test --target wasm32-unknown-unknown --test wasm_oom
cargo test --target wasm32-unknown-unknown --test wasm_oom_compile

step "wasm in headless Chromium: wasm-bindgen-test"
cargo test --target wasm32-unknown-unknown --test wasm_browser

step "build the npm package"
bash scripts/build.sh

step "package in Node (ESM + CJS) and workerd (Miniflare)"
for dir in tests/js tests/types; do
  mkdir -p "$dir/node_modules"
  ln -sfn ../../../pkg "$dir/node_modules/profile-preview"
done
node --test tests/js/

step "profile sandbox on Workers: wrangler dev --local on 127.0.0.1 (Durable Objects, SQLite)"
mkdir -p worker/node_modules
ln -sfn ../../pkg worker/node_modules/profile-preview
node --test tests/worker/

step "TypeScript types"
tsc -p tests/types/tsconfig.json

step "packaging: the npm pack tarball in every bundler and runtime (tests/packaging)"
# Pinned tools installed once into target/packaging/tools (skipped while the
# lockfile is unchanged), pkg/ packed; then one fresh project per row, the
# test files in parallel.
node tests/packaging/prepare.mjs
node --test --test-concurrency=3 tests/packaging/

step "preview page end to end (playwright-core + chromium)"
node --test tests/e2e/

if rustup toolchain list | grep -q nightly; then
  # A fixed number of runs from a fixed seed, not a time budget: the same
  # commit fuzzes the same inputs on every CI machine, so the result is
  # reproducible (a crash here is a crash on any machine).
  step "fuzz smoke run: 100k seeded executions per cargo-fuzz target (longer runs: scripts/fuzz.sh)"
  FUZZ_RUNS=100000 bash scripts/fuzz.sh all
fi

echo
echo "all tests passed"
