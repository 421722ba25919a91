#!/usr/bin/env bash
# Check what the notebooks need (Deno, Jupyter with nbclient, nbformat, ipykernel and nbconvert),
# say how to install whatever is missing, then register the Deno kernel with Jupyter.
# Usage: bash notebooks/tools/setup.sh   (or: deno task notebooks:setup)
set -euo pipefail

DENO_VERSION=2.9.6
MODULES=(nbclient nbformat ipykernel)
# The Python the tools end up using: `python3`, else a system one that has the modules
# (the same fallbacks as notebooks/tools/common.py, for when python3 is a pyenv or venv shim).
PYTHONS=(python3 /usr/bin/python3 /usr/local/bin/python3 /opt/homebrew/bin/python3)

missing=()
python=""
for candidate in "${PYTHONS[@]}"; do
  if command -v "$candidate" >/dev/null 2>&1 &&
    "$candidate" -c "import $(IFS=,; echo "${MODULES[*]}")" 2>/dev/null; then
    python=$(command -v "$candidate")
    break
  fi
done

if ! command -v deno >/dev/null 2>&1; then
  missing+=("deno")
fi
if ! command -v jupyter >/dev/null 2>&1; then
  missing+=("the jupyter command")
fi
if [ -z "$python" ]; then
  if command -v python3 >/dev/null 2>&1; then
    for module in "${MODULES[@]}"; do
      python3 -c "import $module" 2>/dev/null || missing+=("the Python module $module")
    done
  else
    missing+=("python3")
  fi
fi
if command -v jupyter >/dev/null 2>&1 && ! jupyter nbconvert --version >/dev/null 2>&1; then
  missing+=("jupyter nbconvert")
fi

if [ ${#missing[@]} -gt 0 ]; then
  for piece in "${missing[@]}"; do
    echo "missing: $piece" >&2
  done
  echo >&2
  if [[ " ${missing[*]} " == *" deno "* ]]; then
    echo "Install Deno: npm install -g deno@$DENO_VERSION" >&2
    echo "          or: curl -fsSL https://deno.land/install.sh | sh" >&2
  fi
  if [ "${missing[*]}" != "deno" ]; then
    if [ "$(uname -s)" = Darwin ]; then
      echo "Install Jupyter (macOS): pip3 install nbclient nbconvert ipykernel" >&2
    else
      echo "Install Jupyter (Debian/Ubuntu):" \
        "sudo apt-get install -y jupyter-nbconvert python3-nbclient python3-ipykernel" >&2
      echo "  (macOS: pip3 install nbclient nbconvert ipykernel)" >&2
    fi
  fi
  echo >&2
  echo "Then run this again: deno task notebooks:setup" >&2
  exit 1
fi

echo "deno:    $(command -v deno) ($(deno --version | head -1))"
echo "jupyter: $(command -v jupyter) (nbconvert $(jupyter nbconvert --version))"
echo "python:  $python (with ${MODULES[*]})"

# --force overwrites an existing kernelspec, so it always points at the current deno binary.
NO_COLOR=1 deno jupyter --install --force
spec=$("$python" -c '
from jupyter_client.kernelspec import KernelSpecManager
print(KernelSpecManager().find_kernel_specs().get("deno", ""))')
if [ -z "$spec" ]; then
  echo "error: \`deno jupyter --install\` ran but Jupyter finds no \"deno\" kernelspec" >&2
  exit 1
fi
echo "Deno kernelspec: $spec"
