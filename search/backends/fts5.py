"""FTS5 match expressions for the SQLite backend: the words people typed, and filter tags.

Every document's filter values are words of its ``tags`` column (see :func:`tag_words`), so
permissions and the common filters (type, board, status, product, release, author, owners) are part
of the full-text match: pages, counts and windows need no join back to the entries table. What
tags cannot express (date ranges, left-out documents) stays SQL on the entries table
(:func:`entry_filters`).

Tag words survive the ``porter unicode61`` tokenizer unchanged and cannot collide with each other:
a one-letter kind, then digits (ids) or the hex of the value's UTF-8 bytes followed by ``0``
(strings), so they end in a digit and no stemming rule applies. Typed words never reach the tags
column: text is always matched in ``{title body}``.
"""

from __future__ import annotations

from django.db import connection

from search.backends.database import _day_start
from search.query import ParsedQuery, SearchQuery, Term
from search.registry import ACCESS_CHOICES, ACCESS_GROUPS

TEXT = "title body"


def fts_term(term: Term) -> str:
    # Tokens are runs of letters and digits only (see query.parse): quoting them is always safe.
    return '"' + " ".join(term.tokens) + '"' + ("*" if term.prefix else "")


def fts_positive(parsed: ParsedQuery, *, match_any: bool = False) -> str:
    return (" OR " if match_any else " AND ").join(fts_term(term) for term in parsed.terms)


def fts_match(
    parsed: ParsedQuery, *, match_any: bool = False, title_only: bool = False, text: str = TEXT
) -> str:
    """The typed words, in ``text`` columns (the title only: ``title_only``); exclusions always
    look at all of ``text``."""
    expression = f"{{{'title' if title_only else text}}} : ({fts_positive(parsed, match_any=match_any)})"
    for term in parsed.excluded:
        expression = f"({expression}) NOT {{{text}}} : ({fts_term(term)})"
    return expression


def fts_tiers(parsed: ParsedQuery, *, match_any: bool = False) -> tuple[str, str]:
    """Relevance ranks in two tiers: matches in the title first, then matches elsewhere (each by bm25).

    Besides being what people expect, it keeps frequent words fast: bm25 runs over the title tier
    (small) for the first pages instead of over every document that mentions the word.
    """
    title_tier = fts_match(parsed, match_any=match_any, title_only=True)
    positive = fts_positive(parsed, match_any=match_any)
    rest = f"({fts_match(parsed, match_any=match_any)}) NOT ({{title}} : ({positive}))"
    return title_tier, rest


def _text_word(kind: str, value: str) -> str:
    return f"{kind}{value.encode().hex()}0"


def tag_words(item) -> str:
    """The ``tags`` column of an index item."""
    doc = item.document
    words = [_text_word("t", item.type)]
    words.append(_text_word("a", doc.access))
    if doc.access == ACCESS_GROUPS:
        words += [f"g{int(group_id)}" for group_id in sorted(set(doc.group_ids))]
    if doc.board_id is not None:
        words.append(f"b{int(doc.board_id)}")
    if doc.status:
        words.append(_text_word("s", doc.status))
    words += [f"p{int(v)}" for v in item.product_ids]
    words += [f"r{int(v)}" for v in item.release_ids]
    if doc.author_id is not None:
        words.append(f"u{int(doc.author_id)}")
    if doc.is_owner:
        words.append("o1")
    return " ".join(words)


def _any(words: list[str]) -> str:
    return "(" + " OR ".join(f'"{w}"' for w in words) + ")"


def tag_filter(query: SearchQuery, viewer) -> tuple[str, str]:
    """Permissions and filters on the tags column: (words every result has, words no result has).

    Filters are selective words (one board, one author...), so requiring them is cheap. Permission
    is the opposite: nearly every document is visible, and requiring "public" would walk that word's
    huge list on every query. So it is written as what the viewer may NOT see (members-only, staff,
    groups the viewer is not in), which is rare. Types, frequent as well, stay SQL (entry_filters).
    """
    required: list[str] = []
    for kind, value in (
        ("b", query.board_id),
        ("p", query.product_id),
        ("r", query.release_id),
        ("u", query.author_id),
    ):
        if value is not None:
            required.append(_any([f"{kind}{int(value)}"]))
    if query.status:
        required.append(_any([_text_word("s", query.status)]))
    if query.owners_only:
        required.append(_any(["o1"]))
    hidden = ""
    if not viewer.sees_everything:
        plain = set(viewer.plain_access())
        parts = [f'"{_text_word("a", a)}"' for a in ACCESS_CHOICES if a not in plain and a != ACCESS_GROUPS]
        groups = f'"{_text_word("a", ACCESS_GROUPS)}"'
        if viewer.group_ids:
            groups = f"({groups} NOT {_any([f'g{int(g)}' for g in sorted(viewer.group_ids)])})"
        hidden = "{tags} : (" + " OR ".join([*parts, groups]) + ")"
    return " AND ".join("{tags} : " + words for words in required), hidden


def both(text: str, tags: tuple[str, str]) -> str:
    """The text match narrowed by ``tag_filter``'s required and hidden words."""
    required, hidden = tags
    expression = f"({text}) AND ({required})" if required else text
    return f"({expression}) NOT ({hidden})" if hidden else expression


def entry_filters(query: SearchQuery, alias: str = "e", *, with_types: bool = True) -> tuple[list[str], list]:
    """WHERE parts on the entries table for what tags do not express: types, dates, exclusions."""
    parts: list[str] = []
    params: list = []
    if with_types and query.types:
        parts.append(f"{alias}.type IN ({', '.join(['%s'] * len(query.types))})")
        params += list(query.types)
    adapt = connection.ops.adapt_datetimefield_value
    if query.date_from:
        parts.append(f"{alias}.created_at >= %s")
        params.append(adapt(_day_start(query.date_from)))
    if query.date_to:
        from datetime import timedelta

        parts.append(f"{alias}.created_at < %s")
        params.append(adapt(_day_start(query.date_to) + timedelta(days=1)))
    for type_name, object_id in query.exclude:
        parts.append(f"NOT ({alias}.type = %s AND {alias}.object_id = %s)")
        params += [type_name, object_id]
    return parts, params
