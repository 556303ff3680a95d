"""Markdown to safe HTML, once, at write time.

markdown-it-py ("commonmark", raw HTML off) parses; the token stream is then given what a post
shows beyond markdown, and nh3 sanitises the HTML with an allow-list. Links get
``rel="nofollow ugc noopener"``; only http, https and mailto URLs survive (relative URLs too).

What the renderer adds, never inside code, links or headings:

- ``[[product:slug]]`` becomes a placeholder that the thread page swaps for the live product card
  (forum/cards.py), in place: standing in a paragraph's text it splits the paragraph and becomes a
  block ``<div data-product-card="slug">slug</div>``; inside emphasis, a heading or a table cell an
  inline ``<span data-product-card="slug">slug</span>``. The slug is the placeholder's text, so a
  slug that names no product reads as plain text.
- ``@name`` of an existing member links to their profile (``class="mention"``).
- Products, SKUs and release versions that the entity linker (search.linking) finds link to their
  pages (``class="entity-link"``); a bare version links when the post's board is about the product
  (``product_id``) or the post names the product.

``RENDERER_VERSION`` goes up whenever the output for the same input changes; posts store the version
they were rendered with, and ``forum_synchronize --rerender`` renders older ones again. Posts are
also rendered again when a product or release they may name appears (forum/rendering.py).
"""

import re
from dataclasses import dataclass

import nh3
from django.db.models import Q
from markdown_it import MarkdownIt
from markdown_it.token import Token

RENDERER_VERSION = 2

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "a", "img", "span", "div",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "span": {"data-product-card"},
    "div": {"data-product-card"},
}
# Classes only the renderer writes (members cannot write HTML); any other class is dropped.
MENTION_CLASS = "mention"
ENTITY_CLASS = "entity-link"
ALLOWED_CLASSES = {"a": {MENTION_CLASS, ENTITY_CLASS}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"
MAX_MENTION_LINKS = 50

_md = (
    MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    .enable("strikethrough")
    .enable("table")
)

MENTION_RE = re.compile(r"(?<![\w@/])@([A-Za-z0-9_.+-]{2,150})\b")
PRODUCT_TOKEN_RE = re.compile(r"\[\[product:([a-z0-9][a-z0-9-]{0,119})\]\]")
# Links a member wrote (the renderer's own mention and entity links do not count against limits).
LINK_RE = re.compile(rf'<a\s(?![^>]*class="(?:{MENTION_CLASS}|{ENTITY_CLASS})")', re.IGNORECASE)
IMAGE_RE = re.compile(r"<img\s", re.IGNORECASE)
CARD_SLUG_RE = re.compile(r'data-product-card="([a-z0-9-]+)"')


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        link_rel=LINK_REL,
        url_schemes=URL_SCHEMES,
        strip_comments=True,
    )


# --- product cards -------------------------------------------------------------------------------


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def _html(content: str, *, block: bool) -> Token:
    token = Token("html_block" if block else "html_inline", "", 0)
    token.content = content
    return token


def _inline_card(slug: str) -> Token:
    return _html(f'<span data-product-card="{slug}">{slug}</span>', block=False)


def _split_text(content: str, make) -> list[Token]:
    """A text token's content with each product token replaced by ``make(slug)``."""
    out: list[Token] = []
    at = 0
    for match in PRODUCT_TOKEN_RE.finditer(content):
        if match.start() > at:
            out.append(_text(content[at : match.start()]))
        out.append(make(match.group(1)))
        at = match.end()
    if at < len(content):
        out.append(_text(content[at:]))
    return out


def _is_blank(children: list[Token]) -> bool:
    return all(
        c.type in {"softbreak", "hardbreak"} or (c.type == "text" and not c.content.strip()) for c in children
    )


def _paragraph_with_cards(opening: Token, inline: Token, closing: Token) -> list[Token] | None:
    """The paragraph split around the product tokens in its top-level text: paragraphs of the text
    between them and a block placeholder where each token stood. None when it has no such token."""
    if not any(c.type == "text" and PRODUCT_TOKEN_RE.search(c.content) for c in inline.children or []):
        return None
    pieces: list[list[Token] | str] = [[]]  # runs of inline children, and slugs between them
    depth = 0
    for child in inline.children or []:
        if child.type == "text" and depth == 0 and PRODUCT_TOKEN_RE.search(child.content):
            for part in _split_text(child.content, lambda slug: slug):
                if isinstance(part, str):
                    pieces += [part, []]
                else:
                    pieces[-1].append(part)
            continue
        if child.type == "text" and depth > 0:
            pieces[-1].extend(_split_text(child.content, _inline_card))
            continue
        depth += child.nesting
        pieces[-1].append(child)
    out: list[Token] = []
    for piece in pieces:
        if isinstance(piece, str):
            out.append(_html(f'<div data-product-card="{piece}">{piece}</div>\n', block=True))
            continue
        while piece and piece[0].type in {"softbreak", "hardbreak"}:
            piece.pop(0)
        while piece and piece[-1].type in {"softbreak", "hardbreak"}:
            piece.pop()
        if not piece or _is_blank(piece):
            continue
        if piece[0].type == "text":
            piece[0] = _text(piece[0].content.lstrip())
        if piece[-1].type == "text":
            piece[-1] = _text(piece[-1].content.rstrip())
        paragraph = Token("inline", "", 0, children=piece, content="".join(c.content for c in piece))
        paragraph.map = inline.map
        out += [opening, paragraph, closing]
    return out


def _place_product_cards(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "paragraph_open" and i + 2 < len(tokens) and tokens[i + 1].type == "inline":
            replaced = _paragraph_with_cards(token, tokens[i + 1], tokens[i + 2])
            if replaced is not None:
                out += replaced
                i += 3
                continue
        if token.type == "inline" and token.children:
            children: list[Token] = []
            for child in token.children:
                if child.type == "text" and PRODUCT_TOKEN_RE.search(child.content):
                    children.extend(_split_text(child.content, _inline_card))
                else:
                    children.append(child)
            token.children = children
        out.append(token)
        i += 1
    return out


# --- mentions and named things -------------------------------------------------------------------


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    href: str
    css_class: str
    title: str = ""


def _linkable_texts(tokens: list[Token]) -> list[tuple[Token, int]]:
    """(inline token, child index) of every text that may get links: not in a heading, a link or code
    (code spans and blocks are not text tokens)."""
    found = []
    in_heading = False
    for token in tokens:
        if token.type == "heading_open":
            in_heading = True
        elif token.type == "heading_close":
            in_heading = False
        elif token.type == "inline" and token.children and not in_heading:
            in_link = 0
            for index, child in enumerate(token.children):
                if child.type == "link_open":
                    in_link += 1
                elif child.type == "link_close":
                    in_link -= 1
                elif child.type == "text" and not in_link and child.content.strip():
                    found.append((token, index))
    return found


def _existing_members(names: set[str]) -> dict[str, str]:
    """{lowered name: username} for the names that are active members' usernames: one query."""
    if not names:
        return {}
    from community.models import User

    condition = Q()
    for name in sorted(names)[:MAX_MENTION_LINKS]:
        condition |= Q(username__iexact=name)
    rows = User.objects.filter(condition, is_active=True).values_list("username", flat=True)
    return {username.lower(): username for username in rows}


def _profile_url(username: str) -> str:
    from django.urls import reverse

    return reverse("profiles:profile", kwargs={"username": username})


def _mention_spans(text: str, members: dict[str, str]) -> list[_Span]:
    spans = []
    for match in MENTION_RE.finditer(text):
        name = match.group(1).rstrip(".")
        username = members.get(name.lower())
        if username is not None:
            end = match.start(1) + len(name)
            spans.append(_Span(match.start(), end, _profile_url(username), MENTION_CLASS, ""))
    return spans


def _entity_spans(text: str, linker, product_ids: tuple[int, ...]) -> list[_Span]:
    if linker is None:
        return []
    return [
        _Span(span.start, span.end, span.entity.url, ENTITY_CLASS, span.entity.title)
        for span in linker.spans(text, product_ids=product_ids)
        if span.entity.url
    ]


def _link_token(span: _Span, text: str) -> list[Token]:
    opening = Token("link_open", "a", 1)
    opening.attrs = {"href": span.href, "class": span.css_class}
    if span.title:
        opening.attrs["title"] = span.title
    return [opening, _text(text), Token("link_close", "a", -1)]


def _with_links(content: str, spans: list[_Span]) -> list[Token]:
    out: list[Token] = []
    at = 0
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if span.start < at:  # overlaps an earlier link
            continue
        if span.start > at:
            out.append(_text(content[at : span.start]))
        out += _link_token(span, content[span.start : span.end])
        at = span.end
    if at < len(content):
        out.append(_text(content[at:]))
    return out


def _get_linker():
    from search.linking import get_linker

    return get_linker()


def _link_names(tokens: list[Token], *, product_id: int | None) -> None:
    texts = _linkable_texts(tokens)
    if not texts:
        return
    contents = [token.children[index].content for token, index in texts]
    wanted = {m.group(1).rstrip(".").lower() for c in contents if "@" in c for m in MENTION_RE.finditer(c)}
    members = _existing_members(wanted)
    linker = _get_linker()
    context = (product_id,) if product_id else ()
    # a bare version links for the board's product and for any product the post names
    named = {
        link.id for link in linker.find("\n".join(contents), product_ids=context) if link.kind == "product"
    }
    product_ids = tuple(sorted(named | set(context)))
    replacements: dict[int, dict[int, list[Token]]] = {}
    for (token, index), content in zip(texts, contents, strict=True):
        spans = _mention_spans(content, members) + _entity_spans(content, linker, product_ids)
        if spans:
            replacements.setdefault(id(token), {})[index] = _with_links(content, spans)
    for token, _ in texts:
        changes = replacements.pop(id(token), None)
        if changes:
            children = []
            for index, child in enumerate(token.children):
                children.extend(changes.get(index, [child]))
            token.children = children


def render_markdown(text: str, *, product_id: int | None = None, links: bool = True) -> str:
    """Safe HTML for a post (or a changelog): ``product_id`` is what the post's board is about, so a
    bare version links to that product's release; ``links=False`` leaves mentions and names as text."""
    tokens = _place_product_cards(_md.parse(text))
    if links:
        _link_names(tokens, product_id=product_id)
    return sanitise(_md.renderer.render(tokens, _md.options, {}))


def mentioned_usernames(text: str) -> set[str]:
    """Usernames written as @name outside code spans and blocks."""
    tokens = _md.parse(text)
    plain: list[str] = []
    for token in tokens:
        if token.type == "inline" and token.children:
            plain.extend(child.content for child in token.children if child.type == "text")
    return {match.group(1).rstrip(".").lower() for part in plain for match in MENTION_RE.finditer(part)}


def count_links_and_images(html: str) -> tuple[int, int]:
    """Links and images a member wrote (the renderer's mention and entity links are not counted)."""
    return len(LINK_RE.findall(html)), len(IMAGE_RE.findall(html))


def product_slugs(html: str) -> list[str]:
    return CARD_SLUG_RE.findall(html)


def quote_markdown(*, author_name: str, body: str, post_number: int) -> str:
    """The markdown a quote of a post (or a selection of it) starts with."""
    lines = body.strip().splitlines() or [""]
    quoted = "\n".join(f"> {line}" if line else ">" for line in lines)
    return f"> **{author_name}** wrote in #{post_number}:\n>\n{quoted}\n\n"


def plain_text(text: str) -> str:
    """Markdown as the plain text a reader sees (excerpts, quotes of a post, meta descriptions):
    formatting marks gone, a product card as its slug, white space folded. No database lookups."""
    from html import unescape

    from django.utils.html import strip_tags

    html = _md.render(PRODUCT_TOKEN_RE.sub(lambda match: match.group(1), text))
    return " ".join(unescape(strip_tags(html)).split())
