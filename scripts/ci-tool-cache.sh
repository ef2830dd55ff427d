#!/usr/bin/env bash
# The static checks' and the build's own caches, kept outside the checkout between CI runs on one machine (beside
# node_modules' copy, scripts/node-modules-cache.sh), so a clean checkout does not redo what an earlier run did:
#   bash scripts/ci-tool-cache.sh restore   # before the checks and the build
#   bash scripts/ci-tool-cache.sh save      # after they passed
#   bash scripts/ci-tool-cache.sh passed <check>   # exit 0 when <check> passed before on exactly these inputs
#   bash scripts/ci-tool-cache.sh pass <check>     # records that <check> passed on these inputs
# tsc's and Next's are caches the tool itself checks against the files it reads, so what changed is checked again:
# - tsc's incremental state (tsconfig.tsbuildinfo; tsc compares each file's content hash and re-checks what changed
#   and what depends on it): typecheck 64 → 24 CPU-s with nothing changed, in another folder (measured 2026-12-06).
# - Next's build cache (.next/cache, Turbopack's persistent cache; Next's docs advise keeping it between CI builds):
#   build 107 → 58 CPU-s with nothing changed.
# ESLint's and Prettier's own caches name files by absolute path (a clone in another folder misses them all), and
# ESLint's per-file cache cannot see that a typed rule's verdict on one file depends on another's types
# (typescript-eslint advises against it). So for these two only the verdict is kept: "passed on inputs with this
# hash" — every file the check reads, its configuration and the lock file (the tools' versions). Any change to any
# of them runs the whole check again (lint 159 CPU-s, format:check 35).
# DOITONG_CI_CACHE names the folder (default ~/.cache/doitong-ci), DOITONG_CI_CACHE=off turns it off. A missing
# cache is no failure: the tools start cold.
set -euo pipefail
cd "$(dirname "$0")/.."
root="${DOITONG_CI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/doitong-ci}"
if [ "$root" = off ]; then
  # Nothing is kept or restored, and no check counts as passed before.
  [ "${1:-}" = passed ] && exit 1
  exit 0
fi
tools="$root/tools"

# The hash of what a check reads. ESLint: every source (typed rules see across files) and its configuration;
# Prettier: every file it formats (all files git does not ignore) and its configuration. The lock file pins both
# tools' versions; package.json and the configurations are inside both sets.
inputs_key() {
  local files
  case "$1" in
    lint) files=(git ls-files -z --cached --others --exclude-standard -- '*.ts' '*.tsx' '*.mts' '*.cts' '*.js' '*.mjs' '*.cjs' 'package.json' 'package-lock.json' 'tsconfig.json') ;;
    format:check) files=(git ls-files -z --cached --others --exclude-standard) ;;
    *) echo "no verdict is kept for $1" >&2; return 2 ;;
  esac
  { echo "$1"; "${files[@]}" | sort -z | xargs -0 sha256sum; } | sha256sum | cut -c1-16
}

case "${1:-}" in
  restore)
    [ -d "$tools" ] || exit 0
    [ -f "$tools/tsconfig.tsbuildinfo" ] && cp "$tools/tsconfig.tsbuildinfo" tsconfig.tsbuildinfo
    if [ -d "$tools/next-cache" ]; then
      mkdir -p "${NEXT_DIST_DIR:-.next}"
      cp -a "$tools/next-cache" "${NEXT_DIST_DIR:-.next}/cache"
    fi
    exit 0
    ;;
  save)
    mkdir -p "$tools"
    # Copied under a temporary name and renamed, so a run stopped half way leaves the last complete copy.
    keep() { [ -e "$1" ] || return 0; rm -rf "$tools/.tmp-$2"; cp -a "$1" "$tools/.tmp-$2"; rm -rf "${tools:?}/$2"; mv -T "$tools/.tmp-$2" "$tools/$2"; }
    keep tsconfig.tsbuildinfo tsconfig.tsbuildinfo
    keep "${NEXT_DIST_DIR:-.next}/cache" next-cache
    ;;
  passed)
    [ -f "$tools/passed-$2-$(inputs_key "$2")" ]
    ;;
  pass)
    mkdir -p "$tools"
    # Only the latest verdict per check: an older tree's is of no use to the next run.
    rm -f "$tools/passed-$2-"*
    date -u +%FT%TZ >"$tools/passed-$2-$(inputs_key "$2")"
    ;;
  *)
    echo "usage: $0 restore|save|passed <check>|pass <check>" >&2
    exit 2
    ;;
esac
