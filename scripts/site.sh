#!/usr/bin/env bash
# Assemble the static site in target-site/: www/ plus the web build of pkg/.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf target-site
mkdir -p target-site
cp -r www/. target-site/
mkdir -p target-site/pkg
cp -r pkg/. target-site/pkg/
