#!/usr/bin/env bash
# Usage: scripts/node.sh <line>      e.g. scripts/node.sh 24   (or an exact version: 24.22.3)
#
# Prints the bin directory of an official Node.js build of that line for this platform, fetching it
# first when it is not cached. The builds come from the npm registry (package node-<os>-<arch>, the
# bin/node of the release tarball), so a machine that reaches only the registry can run any LTS line.
# The tarball is checked against the registry's sha512 integrity before it is unpacked.
#
#   PATH="$(bash scripts/node.sh 24):$PATH" npm test
#
# Cache: $SWITCHBOARD_NODE_CACHE, else ${XDG_CACHE_HOME:-~/.cache}/switchboard/node (outside the repo).
set -euo pipefail

line=${1:?usage: scripts/node.sh <line|version>, e.g. 24}
case "$(uname -s)" in
  Linux) os=linux ;;
  Darwin) os=darwin ;;
  *) echo "scripts/node.sh: unsupported OS $(uname -s)" >&2; exit 1 ;;
esac
case "$(uname -m)" in
  x86_64 | amd64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "scripts/node.sh: unsupported CPU $(uname -m)" >&2; exit 1 ;;
esac
pkg="node-$os-$arch"
cache=${SWITCHBOARD_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/switchboard/node}

# The newest version of the line; npm prints one line per matching version, the newest last.
version=$(npm view "$pkg@$line" version 2>/dev/null | tail -n 1 | sed -E "s/^.*'([^']+)'$/\1/; s/^.*@//")
if [ -z "$version" ]; then
  # Offline: the newest cached build of the line, if any.
  version=$(ls "$cache" 2>/dev/null | grep -E "^${line//./\\.}(\\.|$)" | sort -V | tail -n 1 || true)
  [ -n "$version" ] || { echo "scripts/node.sh: no $pkg@$line in the registry or the cache" >&2; exit 1; }
fi

dir="$cache/$version"
if [ ! -x "$dir/bin/node" ]; then
  mkdir -p "$cache"
  work=$(mktemp -d "$cache/.fetch.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  npm pack "$pkg@$version" --pack-destination "$work" --silent >/dev/null
  tgz=$(ls "$work"/*.tgz)
  expected=$(npm view "$pkg@$version" dist.integrity)
  actual="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
  if [ "$expected" != "$actual" ]; then
    echo "scripts/node.sh: $pkg@$version does not match the registry's integrity ($expected)" >&2
    exit 1
  fi
  mkdir "$work/unpacked"
  tar -xzf "$tgz" -C "$work/unpacked" --strip-components=1
  "$work/unpacked/bin/node" --version >/dev/null
  rm -rf "$dir"
  mv "$work/unpacked" "$dir"
fi
echo "$dir/bin"
