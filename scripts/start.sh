#!/usr/bin/env bash
# Main job: set up, build the package, and serve the template-preview page
# (www/, with built-in sample data) on http://127.0.0.1:${PORT:-8080}/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
bash scripts/site.sh
PORT="${PORT:-8080}"
echo "profile-preview: open http://127.0.0.1:$PORT/ (Ctrl-C to stop)"
exec python3 -m http.server "$PORT" --bind 127.0.0.1 --directory target-site
