#!/usr/bin/env bash
# A copy of node_modules kept outside the checkout between CI runs on one machine, found by the hash of
# package-lock.json and package.json's dependency fields with Node's and npm's versions (npm runs no install
# scripts here — package.json's allowScripts — so a tree unpacked once is the same tree in any folder).
#   bash scripts/node-modules-cache.sh restore   # copies a matching one into ./node_modules; exit 1 when there is none
#   bash scripts/node-modules-cache.sh save      # copies ./node_modules there for the next run (keeps the last 2)
# A clean `npm install` here unpacks ~1,300 packages: ~110 s and ~180 CPU-seconds; copying a finished tree back takes
# a fraction of that. `npm install` still runs after a restore and confirms the tree (or mends it: npm moves a
# package's old folder aside before it unpacks the new one, so a linked file is never written through).
# DOITONG_CI_CACHE names the folder (default ~/.cache/doitong-ci); DOITONG_CI_CACHE=off turns it off.
set -euo pipefail
cd "$(dirname "$0")/.."
root="${DOITONG_CI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/doitong-ci}"
[ "$root" = off ] && exit 1
# What the install depends on: the lock file and package.json's dependency fields, not its scripts (a changed
# `start` script would otherwise cost a run a whole install, ~100 s; CI of 2026-12-07). npm install still runs after
# a restore and mends anything the key missed.
key=$({ node -e 'const p = require("./package.json"); console.log(JSON.stringify([p.dependencies, p.devDependencies, p.optionalDependencies, p.overrides, p.allowScripts]))'; cat package-lock.json; } | sha256sum | cut -c1-16)-$(node --version)-npm$(npm --version)
entry="$root/node_modules-$key"

case "${1:-}" in
  restore)
    [ ! -e node_modules ] && [ -f "$entry/complete" ] || exit 1
    # Hard links where the cache and the checkout share a file system: the 1.6 GB tree appears in about a second
    # instead of ~11 s and ~6 CPU-s of copying. A run writes new files beside the packages (.vite, .cache), never
    # into them; the one file it rewrites is npm's own record of the tree, which gets a copy of its own. Anywhere
    # else, a real copy.
    if cp -al "$entry/node_modules" node_modules 2>/dev/null; then
      cp --remove-destination "$entry/node_modules/.package-lock.json" node_modules/.package-lock.json
    else
      rm -rf node_modules
      cp -a "$entry/node_modules" node_modules
    fi
    ;;
  save)
    [ -d node_modules ] && [ ! -f "$entry/complete" ] || exit 0
    mkdir -p "$root"
    # A save that a stopped run left half done.
    find "$root" -maxdepth 1 -name '.saving-*' -mmin +60 -exec rm -rf {} +
    tmp=$(mktemp -d "$root/.saving-XXXXXX")
    trap 'rm -rf "$tmp"' EXIT
    cp -a node_modules "$tmp/node_modules"
    # Caches that tools write later in a run (vitest's results, Vite's, Next's) are not part of the install.
    rm -rf "$tmp/node_modules/.vite" "$tmp/node_modules/.cache" "$tmp/node_modules/.experimental-vitest-cache"
    touch "$tmp/complete"
    rm -rf "$entry"
    mv -T "$tmp" "$entry"
    trap - EXIT
    # Keep the two newest.
    ls -1dt "$root"/node_modules-* 2>/dev/null | tail -n +3 | xargs -r rm -rf
    ;;
  *)
    echo "usage: $0 restore|save" >&2
    exit 2
    ;;
esac
