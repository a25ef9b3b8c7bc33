#!/usr/bin/env bash
# Regenerates stdlib/types/catalogue.bin. See stdlib/types/README.md.
#
#   tools/gen-types/regenerate.sh [--add <folder/provider[/api-version]>]... 
#
# BICEPC_TYPES_GENERATED: the bicep-types-az `generated/` directory (default: the full upstream
#   checkout at /tmp/upstream-types/generated if present, else ../shared/types/bicep-types-az/generated).
#   Every types.json there contributes type *names* (for BCP081); bodies come from the files
#   listed in stdlib/types/bodies.txt.
# BICEPC_TYPES_BUILD: build directory to (re)build bicepc-gen-types in (default: build-types).
# --add PREFIX appends PREFIX to stdlib/types/bodies.txt (if not yet there) before generating:
#   adding a provider is `tools/gen-types/regenerate.sh --add redis/microsoft.cache/2024-11-01`.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
manifest="$root/stdlib/types/bodies.txt"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --add)
      prefix="${2%/}"
      grep -qxF "$prefix" "$manifest" || echo "$prefix" >> "$manifest"
      shift 2 ;;
    *) echo "usage: $0 [--add <folder/provider[/api-version]>]..." >&2; exit 2 ;;
  esac
done
generated="${BICEPC_TYPES_GENERATED:-}"
if [[ -z "$generated" ]]; then
  if [[ -d /tmp/upstream-types/generated ]]; then generated=/tmp/upstream-types/generated
  else generated="$root/../shared/types/bicep-types-az/generated"; fi
fi
build="${BICEPC_TYPES_BUILD:-$root/build-types}"
[[ -f "$build/build.ninja" ]] || cmake -S "$root" -B "$build" -G Ninja >/dev/null
ninja -C "$build" bicepc-gen-types >/dev/null
"$build/tools/gen-types/bicepc-gen-types" --generated "$generated" --bodies "$manifest" \
  --out "$root/stdlib/types/catalogue.bin" --stats
