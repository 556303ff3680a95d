"""A release's changelog as its page shows it: the team's Markdown once, each ``#<thread id>``
reference to feedback the reader can see turned into a link to the item with its status and votes
(the page used to list the referenced items and then the changelog naming them again)."""

import re

from django.utils.translation import ngettext

from forum.feedback.models import FeedbackItem
from forum.feedback.models.releases import ITEM_REF_RE
from forum.markdown import render_markdown

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~])")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_WORDS = re.compile(r"[^\W\d_]")  # a letter: the line says something besides its references


def _escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def _reference(item: FeedbackItem, *, titled: bool) -> str:
    votes = item.thread.score
    counted = ngettext("%(n)d vote", "%(n)d votes", votes) % {"n": votes}
    text = f"#{item.thread_id} {_escape(item.thread.title)}" if titled else f"#{item.thread_id}"
    return f"[{text}]({item.get_absolute_url()}) · {_escape(item.status_label)} · {counted}"


def _link_line(line: str, items: dict[int, FeedbackItem]) -> str:
    # a line that is nothing but references ("- #12") gets the items' titles
    titled = not _WORDS.search(ITEM_REF_RE.sub("", line))
    parts = line.split("`")
    for i in range(0, len(parts), 2):  # outside `code spans`
        parts[i] = ITEM_REF_RE.sub(
            lambda m: (
                _reference(items[int(m.group(1))], titled=titled) if int(m.group(1)) in items else m.group(0)
            ),
            parts[i],
        )
    return "`".join(parts)


def linked_changelog(changelog: str, items: dict[int, FeedbackItem]) -> str:
    """Safe HTML of ``changelog``; ``items`` by thread id are those the reader may see (others stay
    plain ``#123`` text, as the team wrote them)."""
    lines, fenced = [], False
    for line in changelog.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
        lines.append(line if fenced or _FENCE.match(line) else _link_line(line, items))
    return render_markdown("\n".join(lines))
