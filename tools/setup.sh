#!/usr/bin/env bash
# Installs the Debian 12 packages that building and testing bicepc need, when they are missing.
# Idempotent and quiet when everything is present; uses sudo only when not root.
set -euo pipefail

packages=(cmake g++ ninja-build antlr4 libantlr4-runtime-dev nlohmann-json3-dev libfmt-dev libcli11-dev
          librange-v3-dev doctest-dev libyaml-dev pkg-config default-jre-headless)

missing=()
for pkg in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ $status == "install ok installed" ]] || missing+=("$pkg")
done
# antlr4 needs a Java runtime; any installed one will do.
if [[ " ${missing[*]} " == *" default-jre-headless "* ]] && command -v java >/dev/null 2>&1; then
  missing=("${missing[@]/default-jre-headless/}")
  read -r -a missing <<<"${missing[*]}"
fi
((${#missing[@]} == 0)) && exit 0

echo "setup: installing ${missing[*]}" >&2
sudo=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null 2>&1 || { echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
