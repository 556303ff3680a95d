"""Build an SVG sprite of the Lucide icons named in a list (called by scripts/build-icons).

Usage: build_icons.py <lucide-static package folder> <icons.txt> <output folder>

Each icon becomes a <symbol id="<name>" viewBox="0 0 24 24"> holding the icon's shapes; the stroke
settings Lucide puts on each <svg> are set once by the .icon class in components.css, so the
icons take the text colour (currentColor). The package's licence is copied beside the sprite.
"""

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.sax.saxutils import quoteattr

SVG_NS = "http://www.w3.org/2000/svg"


def icon_names(listing: Path) -> list[str]:
    names = []
    for line in listing.read_text().splitlines():
        name = line.split("#", 1)[0].strip()
        if name and name not in names:
            names.append(name)
    return names


def symbol(name: str, source: Path) -> str:
    root = ET.fromstring(source.read_text())
    shapes = []
    for child in root:
        tag = child.tag.removeprefix(f"{{{SVG_NS}}}")
        attrs = "".join(f" {key}={quoteattr(value)}" for key, value in child.attrib.items())
        if len(child):
            raise SystemExit(f"{name}: nested shapes are not expected in Lucide icons")
        shapes.append(f"<{tag}{attrs}/>")
    view_box = root.attrib.get("viewBox", "0 0 24 24")
    return f'<symbol id="{name}" viewBox="{view_box}">{"".join(shapes)}</symbol>'


def main(package: Path, listing: Path, out_dir: Path) -> None:
    icons = package / "icons"
    version = json.loads((package / "package.json").read_text())["version"]
    missing = [name for name in icon_names(listing) if not (icons / f"{name}.svg").is_file()]
    if missing:
        raise SystemExit(f"Not in lucide-static {version}: {', '.join(missing)}")
    symbols = [symbol(name, icons / f"{name}.svg") for name in icon_names(listing)]
    sprite = (
        f"<!-- Lucide icons (lucide-static {version}, ISC licence: icons.LICENSE), "
        f"built by scripts/build-icons from scripts/icons.txt -->\n"
        f'<svg xmlns="{SVG_NS}">\n' + "\n".join(symbols) + "\n</svg>\n"
    )
    (out_dir / "icons.svg").write_text(sprite)
    (out_dir / "icons.LICENSE").write_text((package / "LICENSE").read_text())
    print(f"{len(symbols)} icons from lucide-static {version} -> {out_dir / 'icons.svg'}")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
