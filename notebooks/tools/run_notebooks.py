#!/usr/bin/env python3
"""Execute the course notebooks top to bottom, each in a fresh Deno kernel.

Usage: run_notebooks.py [--check] [--timeout SECONDS] [notebook ...]
       run_notebooks.py [--check] [--timeout SECONDS] --jobs FILE

`deno task notebooks` (notebooks/tools/notebooks.ts) does the set-up, then runs this with the
right Python. With no paths, every notebooks/*.ipynb is run, sorted. Each notebook runs with its
own folder as the working directory (so `../lib/mod.ts` and the import map of the repository's
deno.json resolve) and NO_COLOR=1. --jobs reads a JSON list of {"source", "cwd", "output",
"name"}: the notebook to read, the kernel's working directory, where to save it (null: in place)
and the name to report; notebooks.ts writes it for runs with parameters (-p) or --output.

Write mode (the default) saves each executed notebook, unless a cell fails: then nothing is
written. --check (CI) writes nothing; it also fails when a notebook's kernelspec is not "deno",
its saved outputs are missing or contain an error, or a cell's output is an execute_result (a
trailing expression, which the Deno kernel may publish after the cell has gone idle: the
notebooks show everything with `await show(...)`). A cell tagged "raises-exception" may raise,
as in Jupyter.

Exit status 1 if any notebook failed.
"""

import argparse
import asyncio
import inspect
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from queue import Empty

import common

common.require_modules("nbclient", "nbformat", "jupyter_client")

import nbformat  # noqa: E402
from jupyter_client.kernelspec import KernelSpecManager  # noqa: E402
from nbclient import NotebookClient  # noqa: E402
from nbclient.exceptions import (  # noqa: E402
    CellExecutionComplete,
    CellExecutionError,
    CellTimeoutError,
    DeadKernelError,
)
from nbclient.util import ensure_async  # noqa: E402

ALLOW_ERROR_TAG = "raises-exception"
INJECTED_TAG = "injected-parameters"
TRAILING_HINT = (
    "show it with `await show(...)` instead of ending the cell with it: the Deno kernel may"
    " publish a trailing expression's result after the cell has gone idle, and Jupyter then"
    " drops it or shows it under the next cell (README, Notebook conventions)"
)
# The Deno kernel sometimes publishes a cell's last stream or execute_result messages a few
# milliseconds after its "idle" status, where nbclient stops listening, so they would be lost.
# Those messages are added to their cell while later cells run; after the last cell, IOPub is
# read until it has been quiet this long (seconds).
IOPUB_SETTLE = 0.25
STDERR_TAIL_LINES = 20
# The kernel answers "Error: Execution failed" with no traceback when an import cannot be
# loaded, e.g. an npm package that is not in deno.json and the frozen deno.lock.
NO_DETAILS_HINT = (
    "(no traceback: usually an import that cannot be loaded, such as an npm package missing\n"
    " from deno.json or the frozen deno.lock; try the import with `deno run` in this folder)"
)


class DenoNotebookClient(NotebookClient):
    """An nbclient NotebookClient that keeps the outputs the Deno kernel sends after "idle"."""

    def reset_execution_trackers(self):
        """Also forget which request belonged to which cell."""
        super().reset_execution_trackers()
        self.cells_by_request = {}

    def is_last_to_run(self, cell_index):
        """Whether no cell after `cell_index` will be executed."""
        return not any(
            cell.cell_type == "code" and cell.source.strip()
            for cell in self.nb.cells[cell_index + 1:]
        )

    async def _async_poll_output_msg(self, parent_msg_id, cell, cell_index):
        """Collect IOPub messages until the running cell is idle (and, after the last cell,
        until IOPub has been quiet for IOPUB_SETTLE seconds), adding each message to the cell
        whose request it answers."""
        assert self.kc is not None
        self.cells_by_request[parent_msg_id] = (cell, cell_index)
        timeout = None
        while True:
            try:
                msg = await ensure_async(self.kc.iopub_channel.get_msg(timeout=timeout))
            except Empty:
                return
            target = self.cells_by_request.get(msg["parent_header"].get("msg_id"))
            if target is None:
                continue
            try:
                self.process_message(msg, *target)
            except CellExecutionComplete:
                if target[0] is not cell:
                    continue
                if not self.is_last_to_run(cell_index):
                    return
                timeout = IOPUB_SETTLE


def client_problem():
    """Why DenoNotebookClient cannot work with the installed nbclient, or None.

    DenoNotebookClient overrides nbclient's private `_async_poll_output_msg` (as in Debian's
    0.7.2; later releases kept its signature). An nbclient that renamed it or changed its
    parameters would silently lose the late outputs, so this says so instead."""
    import nbclient

    expected = ["self", "parent_msg_id", "cell", "cell_index"]
    for name in ("_async_poll_output_msg", "process_message", "reset_execution_trackers"):
        if not callable(getattr(NotebookClient, name, None)):
            return f"nbclient {nbclient.__version__} has no NotebookClient.{name}"
    found = list(inspect.signature(NotebookClient._async_poll_output_msg).parameters)
    if found != expected:
        return (
            f"nbclient {nbclient.__version__}: NotebookClient._async_poll_output_msg takes"
            f" ({', '.join(found)}), not ({', '.join(expected)}); update DenoNotebookClient"
        )
    return None


class Failure(Exception):
    """A notebook failed; the message says where and why."""


def kernel_problem():
    """A message saying why the Deno kernel cannot be started, or None if it can."""
    specs = KernelSpecManager().find_kernel_specs()
    if common.KERNEL_NAME not in specs:
        return (
            f'The Deno Jupyter kernel is not installed (no kernelspec named "{common.KERNEL_NAME}"'
            f" among: {', '.join(sorted(specs)) or 'none'}).\nRun `deno task notebooks:setup`."
        )
    argv0 = KernelSpecManager().get_kernel_spec(common.KERNEL_NAME).argv[0]
    if not os.access(argv0, os.X_OK):
        return (
            f"The Deno kernelspec at {specs[common.KERNEL_NAME]} runs {argv0}, which is missing."
            "\nRun `deno task notebooks:setup` to reinstall it."
        )
    return None


def first_line(source):
    """The first non-blank line of a cell's source, shortened for messages."""
    line = next((line.strip() for line in source.splitlines() if line.strip()), "")
    return line if len(line) <= 80 else line[:77] + "..."


def saved_output_problems(nb):
    """What is wrong with a notebook's saved kernelspec and outputs (for --check)."""
    problems = []
    code = [(i, cell) for i, cell in enumerate(nb.cells) if cell.cell_type == "code"]
    unrun = [
        i for i, cell in code
        if cell.source.strip() and cell.get("execution_count") is None
        and INJECTED_TAG not in cell.metadata.get("tags", [])
    ]
    if unrun:
        problems.append(f"cells {unrun} have no saved execution (execution_count is null)")
    if not any(cell.get("outputs") for _, cell in code):
        problems.append("no code cell has saved outputs")
    for i, cell in code:
        if ALLOW_ERROR_TAG in cell.metadata.get("tags", []):
            continue
        for out in cell.get("outputs", []):
            if out.output_type == "error":
                problems.append(f"cell [{i}] has a saved error: {out.ename}: {out.evalue}")
    problems.extend(trailing_results(nb))
    if problems:
        problems.append("run `deno task notebooks` and commit the executed notebooks")
    kernel = nb.metadata.get("kernelspec", {}).get("name")
    if kernel != common.KERNEL_NAME:
        problems.insert(
            0, f'kernelspec is "{kernel}", not "{common.KERNEL_NAME}" (pick the Deno kernel)'
        )
    return problems


def trailing_results(nb):
    """A problem for each code cell of `nb` with an execute_result output (a trailing
    expression's value)."""
    return [
        f"cell [{i}] `{first_line(cell.source)}` ends with an expression whose value is shown"
        f" (an execute_result); {TRAILING_HINT}"
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code"
        and any(out.output_type == "execute_result" for out in cell.get("outputs", []))
    ]


def describe_cell_error(nb, cell_index, reply):
    """A message naming the failed cell and the error of its execute reply."""
    traceback = common.strip_ansi("\n".join(reply.get("traceback") or [])) or NO_DETAILS_HINT
    return (
        f"cell [{cell_index}] `{first_line(nb.cells[cell_index].source)}` raised "
        f"{reply.get('ename', 'an error')}: {common.strip_ansi(reply.get('evalue', ''))}\n"
        + "\n".join("    " + line for line in traceback.splitlines())
    )


def tail(stream, lines=STDERR_TAIL_LINES):
    """The last `lines` lines written to the kernel's stderr file, indented."""
    stream.seek(0)
    text = common.strip_ansi(stream.read().decode("utf-8", "replace"))
    return "\n".join("    " + line for line in text.splitlines()[-lines:])


def execute(nb, path, timeout, env=None, cwd=None):
    """Run every cell of `nb` in place in a fresh Deno kernel started in `cwd` (default: the
    notebook's folder), with `env` added to the environment.

    Raises Failure naming the cell, the error and its traceback."""
    state = {"index": None, "reply": None}

    def on_cell_execute(cell, cell_index):
        state["index"] = cell_index

    def on_cell_error(cell, cell_index, execute_reply):
        state["reply"] = execute_reply["content"]

    client = DenoNotebookClient(
        nb,
        kernel_name=common.KERNEL_NAME,
        timeout=timeout,
        record_timing=False,
        resources={"metadata": {"path": str(cwd or path.parent)}},
        on_cell_execute=on_cell_execute,
        on_cell_error=on_cell_error,
    )
    with tempfile.TemporaryFile() as stderr:
        try:
            client.execute(env={**os.environ, "NO_COLOR": "1", **(env or {})}, stderr=stderr)
        except CellExecutionError:
            raise Failure(describe_cell_error(nb, state["index"], state["reply"])) from None
        except CellTimeoutError:
            index = state["index"]
            raise Failure(
                f"cell [{index}] `{first_line(nb.cells[index].source)}` timed out after"
                f" {timeout} s (raise it with --timeout)"
            ) from None
        except (DeadKernelError, RuntimeError, asyncio.TimeoutError) as error:
            where = "while starting" if state["index"] is None else f"in cell [{state['index']}]"
            raise Failure(
                f"the kernel died {where}: {error}\n  kernel stderr (last lines):\n{tail(stderr)}"
            ) from None


class Job:
    """One notebook to run: read from `source`, the kernel started in `cwd`, saved to `output`
    (default: `source`), reported as `name`."""

    def __init__(self, source, cwd=None, output=None, name=None):
        self.source = Path(source)
        self.cwd = Path(cwd) if cwd else self.source.parent
        self.output = Path(output) if output else self.source
        self.name = name or common.display_path(self.source)


def read_jobs(path):
    """The jobs listed in the JSON file `path` (see the module's docstring)."""
    try:
        entries = json.loads(Path(path).read_text(encoding="utf-8"))
        return [Job(e["source"], e.get("cwd"), e.get("output"), e.get("name")) for e in entries]
    except (OSError, ValueError, KeyError, TypeError) as error:
        sys.exit(f"error: cannot read the jobs file {path}: {error}")


def run_one(job, check, timeout):
    """Check (with `check`) and execute one notebook; save it unless `check`.

    Returns the status word for the summary; raises Failure."""
    try:
        nb = nbformat.read(job.source, as_version=4)
    except (OSError, ValueError) as error:
        raise Failure(f"cannot read it: {error}") from None
    if check:
        problems = saved_output_problems(nb)
        if problems:
            raise Failure("not ready: " + "\n  - ".join(problems))
    execute(nb, job.source, timeout, cwd=job.cwd)
    trailing = trailing_results(nb)
    if check:
        if trailing:
            raise Failure("\n  - ".join(["a cell shows a trailing expression:", *trailing]))
        return "ok"
    for problem in trailing:
        print(f"{job.name}: warning: {problem}", file=sys.stderr)
    text = nbformat.writes(nb) + "\n"
    where = "" if job.output == job.source else f" to {common.display_path(job.output)}"
    if job.output.is_file() and job.output.read_text(encoding="utf-8") == text:
        return f"ok (unchanged{where})"
    job.output.parent.mkdir(parents=True, exist_ok=True)
    job.output.write_text(text, encoding="utf-8")
    return f"ok (saved{where})"


def main(argv=None):
    """Run the notebooks named on the command line (or all); return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="CI: execute and verify, write nothing"
    )
    parser.add_argument("--timeout", type=int, default=600, help="per-cell timeout in seconds")
    parser.add_argument("--jobs", help="a JSON file listing the notebooks to run (see above)")
    parser.add_argument("notebooks", nargs="*", help="default: notebooks/*.ipynb")
    args = parser.parse_args(argv)

    if args.jobs and args.notebooks:
        parser.error("give notebooks or --jobs, not both")
    jobs = read_jobs(args.jobs) if args.jobs else [
        Job(path) for path in common.notebook_paths(args.notebooks)
    ]
    if not jobs:
        print(f"no notebooks in {common.display_path(common.NOTEBOOKS_DIR)}/: nothing to run")
        return 0
    problem = client_problem() or kernel_problem()
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1

    results = []
    width = max(len(job.name) for job in jobs)
    for job in jobs:
        name = job.name
        start = time.monotonic()
        try:
            status = run_one(job, args.check, args.timeout)
        except Failure as failure:
            status = "FAILED: " + first_line(str(failure))
            print(f"{name}: {failure}", file=sys.stderr, flush=True)
        seconds = time.monotonic() - start
        results.append((name, seconds, status))
        print(f"{name:<{width}}  {seconds:6.1f} s  {status}", flush=True)

    failed = [name for name, _, status in results if status.startswith("FAILED")]
    print(f"\n{'notebook':<{width}}  {'time':>8}  status")
    for name, seconds, status in results:
        print(f"{name:<{width}}  {seconds:6.1f} s  {status}")
    verdict = f"{len(failed)} of {len(results)} failed" if failed else "all ok"
    print(f"{len(results)} notebook(s), {sum(s for _, s, _ in results):.1f} s, {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
