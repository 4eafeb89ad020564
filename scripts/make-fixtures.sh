#!/usr/bin/env bash
# Regenerates the binary fixtures in test/fixtures/formats/ (see the README there).
# Needs Debian packages: python3-reportlab python3-pil python3-docx qpdf fonts-dejavu-core.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
for pkg in python3-reportlab python3-pil python3-docx qpdf fonts-dejavu-core; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if ((${#need[@]})); then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi

# Debian's python3 (not a pyenv shim) has the python3-* packages.
/usr/bin/python3 scripts/make-fixtures.py

out=test/fixtures/formats
# AES-256 with a user password: a reader cannot open it without "secret".
qpdf --encrypt secret owner-secret 256 -- "$out/statement-3-pages.pdf" "$out/encrypted.pdf"
ls -l "$out"
