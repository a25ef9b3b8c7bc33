#!/usr/bin/env bash
# Validates the JSON bicepc emits against the official ARM schemas with ../shared/tools/validate-arm.mjs:
# every template in examples/ and every realworld sample of ../shared/corpus that builds.
# Usage: bash tests/schema/validate.sh path/to/bicepc   (ctest schema/validate-arm, label schema)
# Skips (exit 0, with a message) when node/npm or ../shared is absent.
set -uo pipefail
bicepc=$(realpath "${1:?usage: validate.sh path/to/bicepc}")
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
shared="$root/../shared"
tools="$shared/tools"
if [[ ! -f "$tools/validate-arm.mjs" ]]; then
  echo "skipped: $tools/validate-arm.mjs not found"
  exit 0
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "skipped: node and npm are needed to run validate-arm.mjs"
  exit 0
fi
if [[ ! -d "$tools/node_modules/ajv" ]]; then
  npm ci --prefix "$tools" --no-audit --no-fund >/dev/null 2>&1 || { echo "skipped: npm ci failed in $tools"; exit 0; }
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Build: examples (each main.bicep / single-file template) and the realworld entry files.
n=0
built=0
build() {  # build SOURCE [OFFICIAL.json]: compile to $work/<n>.json when it builds
  n=$((n + 1))
  if "$bicepc" build "$1" --outfile "$work/$n.json" >/dev/null 2>&1; then
    built=$((built + 1))
    echo "$1" >"$work/$n.source"
    [[ -n ${2:-} && -f $2 ]] && cp "$2" "$work/official/$n.json"
  fi
}
mkdir -p "$work/official"
while IFS= read -r f; do build "$f"; done < <(find "$root/examples" -name '*.bicep' -not -path '*/modules/*' | sort)
manifest="$shared/corpus/realworld/MANIFEST.tsv"
if [[ -f "$manifest" ]]; then
  while IFS=$'\t' read -r sample entry expected _; do
    [[ $sample == sample_path ]] && continue
    build "$shared/corpus/realworld/$sample/$entry" "$shared/corpus/realworld/$sample/$expected"
  done <"$manifest"
fi

files=("$work"/*.json)
report=$(node "$tools/validate-arm.mjs" --quiet --max-errors 5 "${files[@]}" 2>&1)
# An error the official compiler's own output for the same sample also has comes from the source
# (e.g. a hand-written nested template), not from bicepc: it does not count.
official=$(cd "$work/official" && ls *.json 2>/dev/null | xargs -r node "$tools/validate-arm.mjs" --quiet --max-errors 5 2>&1)
ours=0
inherited=0
failures=""
while IFS= read -r line; do
  [[ $line == *": error "* ]] || continue
  file=${line%%: *}
  rest=${line#*: }
  if grep -qxF "$(basename "$file"): $rest" <<<"$official"; then
    inherited=$((inherited + 1))
  else
    ours=$((ours + 1))
    failures+="$(cat "${file%.json}.source"): $rest"$'\n'
  fi
done <<<"$report"
echo "compiled $built of $n templates; validated ${#files[@]} against the ARM schemas;" \
  "errors from bicepc output: $ours; errors the official output has too: $inherited"
if [[ $ours -ne 0 ]]; then
  printf '%s' "$failures" | head -40
  exit 1
fi
