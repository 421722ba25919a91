#!/usr/bin/env python3
"""Convert between a Deno notebook (.ipynb) and its readable "percent" TypeScript text form.

Usage:
  nbpercent.py unpack NB.ipynb [-o FILE.ts]   (default FILE: NB.ts; "-" for stdout)
  nbpercent.py pack FILE.ts [-o NB.ipynb]     (default NB: FILE.ipynb)

The text form is a sequence of cells, each opened by a marker line:

  // %%                                 a code cell
  // %% [markdown]                      a markdown cell (also [raw])
  // %% tags=["parameters"]             cell metadata as key=JSON pairs
  // %% [markdown] tags=["intro"]

A code cell's lines follow verbatim. A markdown or raw cell's lines are written as `// ` comments
and un-commented on pack. Cells are separated by one blank line; trailing blank lines of a cell
are not kept.

Pack writes an nbformat 4.5 notebook with no outputs and the metadata `deno jupyter` sets. Cell
ids are derived from each cell's index and content, except when packing over an existing
notebook with the same number of cells: then its ids are kept, as is its notebook metadata
(nothing else of it is).
"""

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

import common

common.require_modules("nbformat")

import nbformat  # noqa: E402

MARKER = "// %%"
COMMENTED_TYPES = ("markdown", "raw")
KERNELSPEC = {"display_name": "Deno", "language": "typescript", "name": "deno"}
# As the Deno kernel reports it in kernel_info, minus the TypeScript version, which a run adds.
LANGUAGE_INFO = {
    "codemirror_mode": "typescript",
    "file_extension": ".ts",
    "mimetype": "text/x.typescript",
    "name": "typescript",
    "nbconvert_exporter": "script",
    "pygments_lexer": "typescript",
}
_TYPE = re.compile(r"\[(code|markdown|raw)\]\s*")
_KEY = re.compile(r"([A-Za-z_][\w.-]*)=")


class FormatError(Exception):
    """The input cannot be converted; the message says where and why."""


def marker_line(cell):
    """The `// %%` line that opens `cell`, with its type and metadata."""
    parts = [MARKER]
    if cell.cell_type != "code":
        parts.append(f"[{cell.cell_type}]")
    for key, value in cell.metadata.items():
        parts.append(f"{key}={json.dumps(value, ensure_ascii=False, separators=(',', ':'))}")
    return " ".join(parts)


def unpack(nb):
    """The percent text of notebook `nb`."""
    chunks = []
    for index, cell in enumerate(nb.cells):
        lines = cell.source.split("\n")
        if cell.cell_type in COMMENTED_TYPES:
            lines = [f"// {line}" if line else "//" for line in lines]
        elif any(line.startswith(MARKER) for line in lines):
            raise FormatError(f"cell [{index}]: a code line starts with {MARKER!r}")
        chunks.append("\n".join([marker_line(cell), *lines]).rstrip("\n") + "\n")
    return "\n".join(chunks)


def parse_marker(line, lineno):
    """The cell type and metadata dict of a marker line."""
    rest = line[len(MARKER):].strip()
    cell_type = "code"
    match = _TYPE.match(rest)
    if match:
        cell_type, rest = match.group(1), rest[match.end():]
    metadata = {}
    decoder = json.JSONDecoder()
    while rest:
        key = _KEY.match(rest)
        if not key:
            raise FormatError(f"line {lineno}: expected key=JSON in the cell marker, got {rest!r}")
        try:
            value, end = decoder.raw_decode(rest, key.end())
        except json.JSONDecodeError as error:
            raise FormatError(f"line {lineno}: bad JSON for {key.group(1)!r}: {error}") from None
        metadata[key.group(1)] = value
        rest = rest[end:].lstrip()
    return cell_type, metadata


def uncomment(line, lineno):
    """A markdown or raw line without its `// ` prefix."""
    if not line.strip():
        return ""
    if not line.startswith("//"):
        raise FormatError(f"line {lineno}: a markdown or raw line must start with '//'")
    return line[3:] if line.startswith("// ") else line[2:]


def cell_source(cell_type, numbered_lines):
    """The source of a cell from its (lineno, line) pairs, without trailing blank lines."""
    while numbered_lines and not numbered_lines[-1][1].strip():
        numbered_lines.pop()
    if cell_type in COMMENTED_TYPES:
        return "\n".join(uncomment(line, lineno) for lineno, line in numbered_lines)
    return "\n".join(line for _, line in numbered_lines)


def parse(text):
    """The cells of a percent text as (cell_type, metadata, source) tuples."""
    cells = []
    for lineno, line in enumerate(text.split("\n"), start=1):
        if line.startswith(MARKER):
            cell_type, metadata = parse_marker(line, lineno)
            cells.append((cell_type, metadata, []))
        elif cells:
            cells[-1][2].append((lineno, line))
        elif line.strip():
            raise FormatError(f"line {lineno}: expected a {MARKER!r} cell marker first")
    return [(kind, meta, cell_source(kind, lines)) for kind, meta, lines in cells]


def derived_id(index, cell_type, source):
    """A stable cell id from the cell's position and content."""
    digest = hashlib.sha1(f"{index}\0{cell_type}\0{source}".encode("utf-8")).hexdigest()
    return f"c{index:02d}-{digest[:8]}"


def pack(text, existing=None):
    """A notebook from percent `text`, keeping the metadata and (when the cell count matches)
    the cell ids of the `existing` notebook, if any."""
    new_cell = {
        "code": nbformat.v4.new_code_cell,
        "markdown": nbformat.v4.new_markdown_cell,
        "raw": nbformat.v4.new_raw_cell,
    }
    parsed = parse(text)
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": KERNELSPEC, "language_info": LANGUAGE_INFO}
    old_ids = None
    if existing is not None:
        nb.metadata.update(existing.metadata)
        nb.metadata["kernelspec"] = KERNELSPEC
        if len(existing.cells) == len(parsed):
            old_ids = [cell.get("id") for cell in existing.cells]
    for index, (cell_type, metadata, source) in enumerate(parsed):
        cell = new_cell[cell_type](source=source, metadata=metadata)
        cell.id = (old_ids and old_ids[index]) or derived_id(index, cell_type, source)
        nb.cells.append(cell)
    nbformat.validate(nb)
    return nb


def main(argv=None):
    """Run the unpack or pack command; return the exit status."""
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for name, source, target in (
        ("unpack", "NB.ipynb", "FILE.ts"),
        ("pack", "FILE.ts", "NB.ipynb"),
    ):
        command = commands.add_parser(name, help=f"{source} -> {target}")
        command.add_argument("input", type=Path, metavar=source)
        command.add_argument("-o", "--output", metavar=target, help="'-' for stdout")
    args = parser.parse_args(argv)

    suffix = ".ts" if args.command == "unpack" else ".ipynb"
    output = args.output or str(args.input.with_suffix(suffix))
    try:
        if args.command == "unpack":
            result = unpack(nbformat.read(args.input, as_version=4))
        else:
            target = Path(output)
            existing = nbformat.read(target, as_version=4) if target.is_file() else None
            result = nbformat.writes(pack(args.input.read_text(encoding="utf-8"), existing)) + "\n"
    except (OSError, FormatError, nbformat.ValidationError) as error:
        print(f"{args.input}: {error}", file=sys.stderr)
        return 1
    if output == "-":
        sys.stdout.write(result)
    else:
        Path(output).write_text(result, encoding="utf-8")
        print(f"wrote {output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
