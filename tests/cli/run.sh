#!/usr/bin/env bash
# Command-line tests of the real bicepc binary: flags, official messages, exit codes, output files.
# Usage: bash tests/cli/run.sh path/to/bicepc      (registered in ctest as cli/bicepc, label cli)
set -uo pipefail
bicepc=$(realpath "${1:?usage: run.sh path/to/bicepc}")
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

failures=0
checks=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# run ARGS...: runs bicepc, sets $rc, $out, $err
run() {
  "$bicepc" "$@" >"$work/.out" 2>"$work/.err"
  rc=$?
  out=$(cat "$work/.out")
  err=$(cat "$work/.err")
}

# expect CODE "STDERR TEXT" ARGS...: exit code and exact stderr (one line)
expect() {
  local code=$1 message=$2
  shift 2
  checks=$((checks + 1))
  run "$@"
  [[ $rc == "$code" ]] || fail "bicepc $*: exit $rc, expected $code (stderr: $err)"
  [[ $err == "$message" ]] || fail "bicepc $*: stderr '$err', expected '$message'"
}

# ---- root ----
run --version
checks=$((checks + 1))
[[ $rc == 0 && $out =~ ^bicepc\ CLI\ version\ [0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "--version: rc=$rc out='$out'"
run -v
[[ $rc == 0 && $out =~ ^bicepc\ CLI\ version ]] || fail "-v: rc=$rc out='$out'"
expect 1 'Unrecognized arguments "frobnicate now" specified. Use "bicepc --help" to view available options.' frobnicate now
run --help
[[ $rc == 0 && $out == *build* && $out == *lint* ]] || fail "--help: rc=$rc"

# ---- build: usage errors (official texts) ----
expect 1 'Either the input file path or the --pattern parameter must be specified' build
expect 1 'Either the input file path or the --pattern parameter must be specified' build --stdout
expect 1 'The input file path and the --pattern parameter cannot both be specified' build foo.bicep --pattern '*.bicep'
expect 1 'The --pattern parameter expects an argument' build --pattern
expect 1 'The --stdout parameter cannot be used with the --pattern parameter' build --pattern '*.bicep' --stdout
expect 1 'The --outfile parameter cannot be used with the --pattern parameter' build --pattern '*.bicep' --outfile foo
expect 1 'The input file path cannot be specified multiple times' build file1 file2
expect 1 'Unrecognized parameter "--wibble"' build --wibble
expect 1 'The --outdir parameter expects an argument' build --outdir
expect 1 'The --outdir parameter cannot be specified twice' build --outdir dir1 --outdir dir2
expect 1 'The --outfile parameter expects an argument' build --outfile
expect 1 'The --outfile parameter cannot be specified twice' build --outfile dir1 --outfile dir2
expect 1 'The --outfile and --stdout parameters cannot both be used' build --stdout --outfile dir1 file1
expect 1 'The --outdir and --stdout parameters cannot both be used' build --stdout --outdir dir1 file1
expect 1 'The --outdir and --outfile parameters cannot both be used' build --outfile dir1 --outdir dir2 file1
expect 1 "The specified input \"$work/notes.txt\" was not recognized as a Bicep file. Bicep files must use the .bicep extension." build notes.txt
expect 1 "The specified output directory \"$work/nowhere\" does not exist." build --outdir nowhere x.bicep
expect 1 'The --diagnostics-format parameter only accepts these values: Default | Sarif' build --diagnostics-format xml x.bicep

# ---- lint: usage errors ----
expect 1 'Either the input file path or the --pattern parameter must be specified' lint
expect 1 'The input file path and the --pattern parameter cannot both be specified' lint foo.bicep --pattern '*.bicep'
expect 1 'The --pattern parameter expects an argument' lint --pattern
expect 1 'Unrecognized parameter "--fake"' lint --fake
expect 1 "The specified input \"$work/x.json\" was not recognized as a Bicep or Bicep Parameters file. Valid files must either the .bicep or .bicepparam extension" lint x.json

# ---- diagnostics: absolute paths, official line format, SARIF streams ----
checks=$((checks + 1))
run build missing.bicep
[[ $rc == 1 ]] || fail "build missing.bicep: exit $rc"
[[ $err =~ ^$work/missing\.bicep\(1,1\)\ :\ Error\ BCX[0-9]+:\ .*\ \[https://.*\]$ ]] || fail "diagnostic line format: '$err'"
run build missing.bicep --diagnostics-format sarif
[[ $rc == 1 && -z $out && $err == *'"version": "2.1.0"'* && $err == *'"ruleId"'* ]] ||
  fail "build --diagnostics-format sarif must write SARIF to stderr (rc=$rc)"
run lint missing.bicep --diagnostics-format SARIF
[[ $rc == 1 && $out == *'"version": "2.1.0"'* && -z $err ]] || fail "lint --diagnostics-format sarif must write SARIF to stdout (rc=$rc)"
run lint missing.bicep
[[ $rc == 1 && -z $out && $err == *"missing.bicep(1,1) : Error"* ]] || fail "lint: default diagnostics go to stderr (rc=$rc)"

# ---- a failed build writes nothing and leaves an existing output untouched ----
checks=$((checks + 1))
mkdir -p broken
printf '#\nvar x = \n' >broken/main.bicep
printf 'previous\n' >broken/main.json
run build broken/main.bicep
[[ $rc == 1 ]] || fail "a template with errors must fail the build (exit $rc)"
[[ $(cat broken/main.json) == previous ]] || fail "a failed build changed the existing output file"
run build missing.bicep --outfile broken/main.json
[[ $rc == 1 && $(cat broken/main.json) == previous ]] || fail "a failed build (unreadable input) changed --outfile"
leftovers=$(find "$work" -name '.*.tmp.*' | wc -l)
[[ $leftovers == 0 ]] || fail "temporary files left behind: $leftovers"

# ---- --pattern ----
checks=$((checks + 1))
mkdir -p pat/sub
run lint --pattern 'pat/**/*.bicep'
[[ $rc == 1 && $err == 'No files matched the pattern "pat/**/*.bicep".' ]] || fail "empty --pattern: rc=$rc err='$err'"
run build --pattern 'pat/*.bicep' --outdir nowhere
[[ $rc == 1 ]] || fail "--pattern with a missing --outdir must fail"

# ---- successful builds (need the emitter) ----
checks=$((checks + 1))
mkdir -p ok out
cp "$root/examples/hello/main.bicep" ok/main.bicep
run build ok/main.bicep --stdout
stdout_json=$out
[[ $rc == 0 && $stdout_json == '{'*'"$schema"'* ]] || fail "build --stdout: exit $rc, stderr: $err"
run build ok/main.bicep
[[ $rc == 0 && -f ok/main.json ]] || fail "build: default output ok/main.json not written (exit $rc, stderr: $err)"
[[ -f ok/main.json && $(cat ok/main.json) == "$stdout_json" ]] || fail "build: the file differs from --stdout"
printf 'stale\n' >out/custom.json
chmod 640 out/custom.json
run build ok/main.bicep --outfile out/custom.json
[[ $rc == 0 && $(cat out/custom.json) == "$stdout_json" ]] || fail "build --outfile did not replace the file"
[[ $(stat -c %a out/custom.json) == 640 ]] || fail "build --outfile did not keep the file's permissions"
run build ok/main.bicep --outdir out
[[ $rc == 0 && -f out/main.json ]] || fail "build --outdir: out/main.json not written"
cp ok/main.bicep pat/a.bicep
cp ok/main.bicep pat/sub/b.bicep
run build --pattern 'pat/**/*.bicep'
[[ $rc == 0 && -f pat/a.json && -f pat/sub/b.json ]] || fail "build --pattern 'pat/**/*.bicep' did not build both files (exit $rc)"
leftovers=$(find "$work" -name '.*.tmp.*' | wc -l)
[[ $leftovers == 0 ]] || fail "temporary files left behind: $leftovers"

echo "cli: $checks groups of checks, $failures failures"
((failures == 0))
