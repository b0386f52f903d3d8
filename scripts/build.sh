#!/usr/bin/env bash
# Build the npm package into pkg/: cargo (release, wasm32) -> wasm-bindgen
# (nodejs + web targets) -> wasm-opt -Oz (npm binaryen) -> entries from
# pkg-template/. Prints the wasm size, raw and gzip.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

cargo build --quiet --lib --release --target wasm32-unknown-unknown
WASM=target/wasm32-unknown-unknown/release/profile_preview.wasm

rm -rf pkg
mkdir -p pkg
for target in nodejs web; do
  out=pkg/$([ "$target" = nodejs ] && echo node || echo web)
  wasm-bindgen "$WASM" --target "$target" --out-dir "$out" --no-typescript
  # wasm-opt after wasm-bindgen (never strip before: it needs the custom sections).
  node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$out/profile_preview_bg.wasm" -o "$out/profile_preview_bg.wasm"
done
node scripts/package.mjs
