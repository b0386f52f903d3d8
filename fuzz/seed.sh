#!/usr/bin/env bash
# Seed fuzz/corpus/<target>/ from tests/cases (data cases): template
# sources and contexts, JSON values, patch documents and operations, preview
# requests. Idempotent; the corpus is not committed (see .gitignore).
set -euo pipefail
cd "$(dirname "$0")"
exec node seed.mjs
