"""Icons are the Lucide sprite's (components/icon.html), never emoji: fonts without an emoji drew
empty boxes in their place (issue #14)."""

import re
from pathlib import Path

from django.conf import settings

THEMES = Path(settings.BASE_DIR) / "themes"
SPRITE = THEMES / "base" / "static" / "base" / "icons.svg"
# Emoji and the pictographic symbols used as emoji: the emoji blocks, dingbats and miscellaneous
# symbols (★ ✅ ☀), geometric shapes (▲ ◐), miscellaneous technical (⌛ ⏰), arrows-and-symbols
# (⬆ ⭐), regional indicators (flags) and the emoji variation selector. Typographic arrows (→) and
# punctuation stay allowed.
EMOJI = re.compile(
    "[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff\u25a0-\u25ff\ufe0f\U0001f1e6-\U0001f1ff]"
)
ICON_NAME = re.compile(r"""(?:components/icon\.html"\s+with|\{%\s*icon)\s+(?:[^%]*\s)?name="([^"]+)\"""")


def templates():
    return sorted(path for path in THEMES.glob("*/templates/**/*") if path.is_file())


def test_no_template_uses_an_emoji_as_an_icon():
    found = [
        f"{path.relative_to(THEMES)}:{number}: {match.group()!r}"
        for path in templates()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        for match in EMOJI.finditer(line)
    ]
    assert found == [], "Use components/icon.html instead of emoji:\n" + "\n".join(found)


def test_the_scan_would_catch_the_emoji_that_were_there():
    for glyph in ["🔔", "🔥", "📍", "✅", "▲", "★", "◐", "✍️", "🐞"]:
        assert EMOJI.search(glyph), glyph
    assert not EMOJI.search("Next → page — “quoted” · 3")


def test_every_icon_a_template_names_is_in_the_sprite():
    symbols = set(re.findall(r'<symbol id="([^"]+)"', SPRITE.read_text()))
    named = {
        (path.relative_to(THEMES).as_posix(), name)
        for path in templates()
        for name in ICON_NAME.findall(path.read_text(encoding="utf-8"))
    }
    assert named, "the scan found no icon at all"
    missing = sorted(f"{where}: {name}" for where, name in named if name not in symbols)
    assert missing == [], "Add these to scripts/icons.txt and run scripts/build-icons:\n" + "\n".join(missing)


def test_the_sprite_carries_its_licence():
    assert "ISC License" in (SPRITE.parent / "icons.LICENSE").read_text()
    assert "lucide-static" in SPRITE.read_text().splitlines()[0]
