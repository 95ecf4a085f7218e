#!/usr/bin/env bash
# Builds every example contract with AssemblyScript into build/<name>.wasm (committed), or into
# DIR with --out DIR, and prints the sizes. The output is byte-for-byte reproducible: the
# compiler comes from package-lock.json, the flags below are fixed, and no debug info, names
# section or source map (which would carry paths) is emitted.
#
#   -O3s                    optimise for speed at level 3 with a little shrinking: about a quarter
#                           smaller than -O3 for the same code, so cheaper to store and compile
#   --runtime stub          bump allocator that never frees; every call gets a fresh instance
#   --noAssert              assert() is compiled out: contracts must revert explicitly, never assert
#   --disable nontrapping-f2i
#                           stay inside the host's feature set (ABI v1: mutable-globals, sign-ext,
#                           bulk-memory, multi-value); SIMD and reference types are off by default
#
# assemblyscript 0.28 asks for Node >= 20 but runs on Debian 12's Node 18 with the same output.
set -euo pipefail

out=
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=${2:?--out needs a directory}; shift 2 ;;
    *) echo "usage: build.sh [--out DIR]" >&2; exit 2 ;;
  esac
done

if [ -n "$out" ]; then
  mkdir -p "$out"
  out=$(cd "$out" && pwd)
fi
cd "$(dirname "$0")"
out=${out:-build}

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "error: node and npm are required (Debian: apt-get install nodejs npm)" >&2
  exit 1
fi
if [ ! -x node_modules/.bin/asc ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

mkdir -p "$out"
flags=(-O3s --runtime stub --noAssert --disable nontrapping-f2i)
for dir in examples/*/; do
  name=$(basename "$dir")
  # Relative source paths: asc names files in its diagnostics only, but keep the input identical anyway.
  node_modules/.bin/asc "examples/$name/index.ts" "${flags[@]}" -o "$out/$name.wasm"
  printf '%-12s %7d bytes\n' "$name" "$(wc -c < "$out/$name.wasm")"
done
