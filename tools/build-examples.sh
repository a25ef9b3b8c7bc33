#!/usr/bin/env bash
# Sets up, builds bicepc (Release) and compiles every top-level template in examples/:
# each examples/<name>/main.bicep (or, when a folder has no main.bicep, its .bicep files),
# and any .bicep file directly in examples/. The JSON goes to OUT_DIR (default build-release/examples-json),
# mirroring the examples tree (examples/hello/main.bicep -> build-release/examples-json/hello/main.json), so
# files kept next to the templates are never overwritten.
# Usage: bash tools/build-examples.sh [EXAMPLES_DIR]      (BUILD_DIR default build-release)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD_DIR:-$root/build-release}
examples=${1:-$root/examples}
jobs=${JOBS:-$(nproc)}
bash "$root/tools/setup.sh"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j "$jobs" --target bicepc
bicepc=$build/tools/bicepc
out_dir=${OUT_DIR:-$build/examples-json}

if [[ ! -d $examples ]]; then
  echo "build-examples: no examples directory at $examples; nothing to compile."
  exit 0
fi

templates=()
while IFS= read -r -d '' file; do templates+=("$file"); done < <(find "$examples" -maxdepth 1 -name '*.bicep' -type f -print0 | sort -z)
while IFS= read -r -d '' dir; do
  if [[ -f $dir/main.bicep ]]; then
    templates+=("$dir/main.bicep")
  else
    while IFS= read -r -d '' file; do templates+=("$file"); done < <(find "$dir" -maxdepth 1 -name '*.bicep' -type f -print0 | sort -z)
  fi
done < <(find "$examples" -mindepth 1 -maxdepth 1 -type d -print0 | sort -z)

if ((${#templates[@]} == 0)); then
  echo "build-examples: no .bicep templates under $examples; nothing to compile."
  exit 0
fi

ok=0
failed=0
for template in "${templates[@]}"; do
  relative=${template#"$examples"/}
  out=$out_dir/${relative%.bicep}.json
  mkdir -p "$(dirname "$out")"
  if "$bicepc" build "$template" --outfile "$out"; then
    echo "ok      ${template#"$root"/} -> $out"
    ok=$((ok + 1))
  else
    echo "FAILED  ${template#"$root"/}"
    failed=$((failed + 1))
  fi
done
echo "build-examples: $ok compiled, $failed failed; the JSON is in $out_dir"
((failed == 0))
