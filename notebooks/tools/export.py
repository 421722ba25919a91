#!/usr/bin/env python3
"""Export the executed notebooks: as HTML pages, or their figures as standalone SVG files.

Usage: export.py (--html | --svg) [notebook ...]   (default: every notebooks/*.ipynb)

--html  runs `jupyter nbconvert --to html` into out/html/, dropping the input of cells tagged
        `hide-input` (nbconvert's TagRemovePreprocessor): a computed sentence shows once, as
        its output, not also as the code that made it.
--svg   runs each notebook again (as `deno task notebooks` does, without saving it) with
        COURSE_FIGURE_SVG=1, which makes every lib/plot figure also emit its standalone SVG
        (title, legend and caption drawn in SVG), and writes each figure to
        out/svg/<notebook>/<NN>-<slug>.svg. --saved skips the run and uses the saved outputs:
        faster, but there each <figure> only gives its plot's <svg>, without the legend (Plot
        draws legends in HTML).
"""

import argparse
import html
import html.entities
import re
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser

import common

common.require_modules("nbformat")

import nbformat  # noqa: E402
import run_notebooks  # noqa: E402

OUT_DIR = common.REPO_ROOT / "out"
GALLERY_DIR = common.NOTEBOOKS_DIR / "gallery"
# The README's gallery: (notebook, figure number) of the course's key figures.
GALLERY = [
    ("00_ideal_properties", 1),
    ("01_sigmoid", 3),
    ("02_relu", 15),
    ("03_leaky_relu", 9),
    ("04_prelu", 4),
    ("05_elu", 5),
    ("06_choosing", 4),
]
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_ENTITIES = {"amp", "lt", "gt", "quot", "apos"}
_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]*);")
_SVG_OPEN = re.compile(r"<svg\b[^>]*>", re.IGNORECASE)


class ExportError(Exception):
    """A figure could not be exported; the message says which and why."""


class FigureParser(HTMLParser):
    """Finds the top-level <svg> elements of an HTML fragment and the <figure> each is in.

    `svgs` holds (figure number or None, start, end), offsets into the fragment; `titles` maps a
    figure number to the text of the figure's first heading: an <h2> (Observable Plot's title)
    or an element with role="heading"."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.text = text
        self.svgs = []
        self.titles = {}
        self.figures = []  # numbers of the open <figure> elements, innermost last
        self.heading = None  # [tag, nesting] of the heading whose text is being collected
        self.svg_depth = 0
        self.svg_start = None

    def position(self):
        """The offset in the fragment of the tag being parsed."""
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag == "svg":
            if self.svg_depth == 0:
                self.svg_start = self.position()
            self.svg_depth += 1
        elif self.svg_depth:
            return
        elif tag == "figure":
            self.figures.append(len(self.titles) + 1)
            self.titles[self.figures[-1]] = None
        elif self.heading is not None:
            if tag == self.heading[0]:
                self.heading[1] += 1
        elif self.figures and self.titles[self.figures[-1]] is None and (
            tag == "h2" or dict(attrs).get("role") == "heading"
        ):
            self.heading = [tag, 1]
            self.titles[self.figures[-1]] = ""

    def handle_startendtag(self, tag, attrs):
        if tag == "svg" and self.svg_depth == 0:
            start = self.position()
            self.add(start, self.text.index(">", start) + 1)

    def handle_endtag(self, tag):
        if tag == "svg" and self.svg_depth:
            self.svg_depth -= 1
            if self.svg_depth == 0:
                self.add(self.svg_start, self.text.index(">", self.position()) + 1)
        elif self.svg_depth:
            return
        elif self.heading is not None and tag == self.heading[0]:
            self.heading[1] -= 1
            if self.heading[1] == 0:
                self.heading = None
        elif tag == "figure" and self.figures:
            self.figures.pop()

    def handle_data(self, data):
        if self.heading is not None and self.figures:
            self.titles[self.figures[-1]] += data

    def add(self, start, end):
        """Record the top-level <svg> found at text[start:end]."""
        self.svgs.append((self.figures[-1] if self.figures else None, start, end))


def svg_area(svg):
    """width × height of an <svg> element's opening tag (0 when not given in pixels)."""
    opening = _SVG_OPEN.search(svg).group(0)
    sizes = [re.search(rf'(?<![\w:-]){name}="([\d.]+)"', opening) for name in ("width", "height")]
    return float(sizes[0].group(1)) * float(sizes[1].group(1)) if all(sizes) else 0.0


def html_figures(fragment):
    """(title, svg) of each figure in an HTML fragment, in order: the largest <svg> of each
    <figure>, and every top-level <svg> outside a figure (but progress bars)."""
    parser = FigureParser(fragment)
    parser.feed(fragment)
    parser.close()
    chosen = {}  # figure key -> its largest svg; a dict keeps keys in first-seen order
    for order, (number, start, end) in enumerate(parser.svgs):
        svg = fragment[start:end]
        if 'role="progressbar"' in _SVG_OPEN.search(svg).group(0):
            continue
        key = number if number is not None else ("svg", order)
        if key not in chosen or svg_area(svg) > svg_area(chosen[key]):
            chosen[key] = svg
    return [
        (" ".join((parser.titles.get(key) or "").split()), svg) for key, svg in chosen.items()
    ]


def standalone_svg(svg):
    """`svg` (from its <svg> tag on) as a well-formed SVG document that a browser opens on its
    own."""
    opening = _SVG_OPEN.search(svg)
    if opening is None:
        raise ExportError("no <svg> element")
    svg, opening = svg[opening.start():], opening.group(0)
    attrs = ""
    if "xmlns=" not in opening:
        attrs += f' xmlns="{SVG_NS}"'
    if "xlink:" in svg and "xmlns:xlink=" not in opening:
        attrs += f' xmlns:xlink="{XLINK_NS}"'
    svg = opening[:4] + attrs + svg[4:]

    def numeric(match):
        """An HTML named entity as XML numeric references (XML knows only five names)."""
        name = match.group(1)
        if name in XML_ENTITIES or name + ";" not in html.entities.html5:
            return match.group(0)
        return "".join(f"&#{ord(char)};" for char in html.entities.html5[name + ";"])

    svg = _ENTITY.sub(numeric, svg)
    try:
        ElementTree.fromstring(svg)
    except ElementTree.ParseError as error:
        raise ExportError(f"not well-formed XML ({error})") from None
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + svg + "\n"


def slug(title):
    """A file-name slug of a figure title ("" if it has no letters or digits)."""
    text = unicodedata.normalize("NFKC", title).lower()
    return re.sub(r"[^\w]+", "-", text).strip("-_")[:60].rstrip("-_")


def notebook_figures(nb):
    """(cell index, title, svg) of every figure in the outputs of notebook `nb`."""
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/svg+xml" in data:
                svg = data["image/svg+xml"]
                match = re.search(r"<title>(.*?)</title>", svg, re.DOTALL)
                yield index, html.unescape(match.group(1)) if match else "", svg
            elif "text/html" in data:
                for title, svg in html_figures(data["text/html"]):
                    yield index, title, svg


def export_svg(paths, rerun=True):
    """Write the figures of each notebook in `paths` (run again first, with `rerun`); return the
    number of failures."""
    failures = 0
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        if rerun:
            try:
                run_notebooks.execute(nb, path, timeout=600, env={"COURSE_FIGURE_SVG": "1"})
            except run_notebooks.Failure as failure:
                failures += 1
                print(f"{common.display_path(path)}: {failure}", file=sys.stderr)
                continue
        target = OUT_DIR / "svg" / path.stem
        for stale in target.glob("*.svg"):
            stale.unlink()
        count = 0
        for number, (index, title, svg) in enumerate(notebook_figures(nb), start=1):
            name = f"{number:02d}-{slug(title) or 'figure'}.svg"
            try:
                document = standalone_svg(svg)
            except ExportError as error:
                failures += 1
                print(f"{common.display_path(path)}: cell [{index}] figure {number}: {error}",
                      file=sys.stderr)
                continue
            target.mkdir(parents=True, exist_ok=True)
            (target / name).write_text(document, encoding="utf-8")
            print(f"wrote {common.display_path(target / name)}")
            count += 1
        print(f"{common.display_path(path)}: {count} figure(s)")
    return failures


def copy_gallery():
    """Copy the GALLERY figures from out/svg/ to notebooks/gallery/; return the failures."""
    GALLERY_DIR.mkdir(exist_ok=True)
    for stale in GALLERY_DIR.glob("*.svg"):
        stale.unlink()
    failures = 0
    for stem, number in GALLERY:
        found = sorted((OUT_DIR / "svg" / stem).glob(f"{number:02d}-*.svg"))
        if not found:
            failures += 1
            print(f"gallery: no figure {number} in out/svg/{stem}/", file=sys.stderr)
            continue
        target = GALLERY_DIR / f"{stem}.svg"
        target.write_text(found[0].read_text(encoding="utf-8"), encoding="utf-8")
        print(f"wrote {common.display_path(target)}")
    return failures


def export_html(paths):
    """Convert each notebook in `paths` to out/html/<name>.html; return the exit status."""
    command = [
        "jupyter",
        "nbconvert",
        "--to",
        "html",
        "--output-dir",
        str(OUT_DIR / "html"),
        "--TagRemovePreprocessor.enabled=True",
        "--TagRemovePreprocessor.remove_input_tags=hide-input",
    ]
    try:
        return subprocess.run([*command, *map(str, paths)]).returncode
    except FileNotFoundError:
        print(f"error: `jupyter` not found; {common.SETUP_HINT}", file=sys.stderr)
        return 1


def main(argv=None):
    """Run the export named on the command line; return the exit status."""
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    kind = parser.add_mutually_exclusive_group(required=True)
    kind.add_argument("--html", action="store_true", help="HTML pages into out/html/")
    kind.add_argument("--svg", action="store_true", help="figures into out/svg/<notebook>/")
    parser.add_argument(
        "--saved", action="store_true", help="with --svg: use the saved outputs, do not re-run"
    )
    parser.add_argument(
        "--gallery", action="store_true",
        help="with --svg: also copy the README's key figures into notebooks/gallery/",
    )
    parser.add_argument("notebooks", nargs="*", help="default: notebooks/*.ipynb")
    args = parser.parse_args(argv)

    paths = common.notebook_paths(args.notebooks)
    if not paths:
        print(f"no notebooks in {common.display_path(common.NOTEBOOKS_DIR)}/: nothing to export")
        return 0
    missing = [str(path) for path in paths if not path.is_file()]
    if missing:
        print(f"error: no such notebook: {', '.join(missing)}", file=sys.stderr)
        return 1
    if args.html:
        return export_html(paths)
    failures = export_svg(paths, rerun=not args.saved)
    if args.gallery:
        failures += copy_gallery()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
