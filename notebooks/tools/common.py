"""Shared helpers for the notebook tools: repository paths, notebook discovery, and finding a
Python that has the Jupyter modules.

Only the standard library is imported here, so that `require_modules` can run before the
Jupyter modules are known to be importable.
"""

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
KERNEL_NAME = "deno"
SETUP_HINT = "run `deno task notebooks:setup` (it installs what is missing, or says how)"

# Interpreters to fall back on when `python3` on PATH (a pyenv shim, a virtualenv) lacks the
# Jupyter modules: the project's .venv/ (made by `deno task notebooks:setup` where apt-get
# cannot be used), then the system ones that apt or Homebrew installed them for. The same list
# as SYSTEM_PYTHONS in setup.ts.
_FALLBACK_PYTHONS = (
    str(REPO_ROOT / ".venv" / "bin" / "python"),
    "/usr/bin/python3",
    "/usr/local/bin/python3",
    "/opt/homebrew/bin/python3",
)
_REEXEC_MARK = "NOTEBOOK_TOOLS_REEXEC"
_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")


def require_modules(*names):
    """Make sure every module in `names` is importable, re-running the current script under a
    fallback system Python that has them if this interpreter does not; exit 1 if none does."""
    missing = [name for name in names if importlib.util.find_spec(name) is None]
    if not missing:
        return
    if not os.environ.get(_REEXEC_MARK):
        check = "import " + ", ".join(names)
        here = os.path.realpath(sys.executable)
        for python in _FALLBACK_PYTHONS:
            if not os.access(python, os.X_OK) or os.path.realpath(python) == here:
                continue
            if subprocess.run([python, "-c", check], capture_output=True).returncode == 0:
                os.environ[_REEXEC_MARK] = "1"
                os.execv(python, [python, *sys.argv])
    sys.exit(
        f"error: Python modules missing: {', '.join(missing)} (interpreter {sys.executable}).\n"
        f"To fix it, {SETUP_HINT}."
    )


def strip_ansi(text):
    """Remove ANSI colour and cursor escape sequences from `text`."""
    return _ANSI.sub("", text)


def notebook_paths(args):
    """The notebooks to process: the paths in `args` (relative ones resolved against the
    directory `deno task` was started from, else the current directory), or, with no `args`,
    every `notebooks/*.ipynb`, sorted."""
    if not args:
        return sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
    base = Path(os.environ.get("INIT_CWD") or os.getcwd())
    return [(base / arg).resolve() for arg in args]


def display_path(path):
    """`path` relative to the repository root when it lies inside it, else absolute."""
    path = Path(path).resolve()
    try:
        return str(path.relative_to(REPO_ROOT))
    except ValueError:
        return str(path)
