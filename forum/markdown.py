"""Markdown to safe HTML, once, at write time.

markdown-it-py ("commonmark", raw HTML off) renders; nh3 sanitises with an allow-list. Links get
``rel="nofollow ugc noopener"``; only http, https and mailto URLs survive (relative URLs too).
``RENDERER_VERSION`` goes up whenever the output for the same input changes; posts store the version
they were rendered with, and ``forum_synchronize --rerender`` renders older ones again.
"""

import re

import nh3
from markdown_it import MarkdownIt

RENDERER_VERSION = 1

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "a", "img", "span",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "span": {"data-product-card"},
}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"

_md = (
    MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    .enable("strikethrough")
    .enable("table")
)

MENTION_RE = re.compile(r"(?<![\w@/])@([A-Za-z0-9_.+-]{2,150})\b")
PRODUCT_TOKEN_RE = re.compile(r"\[\[product:([a-z0-9][a-z0-9-]{0,119})\]\]")
LINK_RE = re.compile(r"<a\s", re.IGNORECASE)
IMAGE_RE = re.compile(r"<img\s", re.IGNORECASE)


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        link_rel=LINK_REL,
        url_schemes=URL_SCHEMES,
        strip_comments=True,
    )


def _product_placeholders(html: str) -> str:
    """``[[product:slug]]`` becomes a placeholder that the thread page swaps for a live product card."""
    return PRODUCT_TOKEN_RE.sub(lambda m: f'<span data-product-card="{m.group(1)}">{m.group(1)}</span>', html)


def render_markdown(text: str) -> str:
    return sanitise(_product_placeholders(_md.render(text)))


def mentioned_usernames(text: str) -> set[str]:
    """Usernames written as @name outside code spans and blocks."""
    tokens = _md.parse(text)
    plain: list[str] = []
    for token in tokens:
        if token.type == "inline" and token.children:
            plain.extend(child.content for child in token.children if child.type == "text")
    return {match.group(1).rstrip(".").lower() for part in plain for match in MENTION_RE.finditer(part)}


def count_links_and_images(html: str) -> tuple[int, int]:
    return len(LINK_RE.findall(html)), len(IMAGE_RE.findall(html))


def product_slugs(html: str) -> list[str]:
    return re.findall(r'data-product-card="([a-z0-9-]+)"', html)


def quote_markdown(*, author_name: str, body: str, post_number: int) -> str:
    """The markdown a quote of a post (or a selection of it) starts with."""
    lines = body.strip().splitlines() or [""]
    quoted = "\n".join(f"> {line}" if line else ">" for line in lines)
    return f"> **{author_name}** wrote in #{post_number}:\n>\n{quoted}\n\n"
