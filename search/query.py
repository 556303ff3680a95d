"""Parse what people type into a safe, engine-neutral query, and describe a search request.

Supported: words (all must match; the last one also matches as a prefix), "quoted phrases",
-exclusions (-word, -"a phrase"). Everything else is treated as text: no operator of any engine
(FTS5's NEAR, *, ^, column filters; tsquery's & | !; Lucene syntax) survives parsing, because a
term is only ever a run of letters and digits. Versions such as 1.4.2 or V14.0.3.0 become phrases
of their parts, and Chinese/Japanese/Korean characters become phrases of single characters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from community.profiles.snapshots import PersonSnapshot
from search import conf

SORTS = ("relevance", "newest", "votes")

_CHUNK_RE = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')
_TOKEN_RE = re.compile(r"[^\W_]+")
# CJK ideographs, kana and hangul: no spaces between words, so every character is a token.
_CJK_CLASS = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_CJK_RE = re.compile(f"[{_CJK_CLASS}]")
_CJK_EDGE_RE = re.compile(f"(?<=[{_CJK_CLASS}])(?=\\S)|(?<=\\S)(?=[{_CJK_CLASS}])")
_CJK_SPACED_RE = re.compile(f"(?<=[{_CJK_CLASS}\ue000\ue001]) (?=[{_CJK_CLASS}\ue000\ue001])")
# What the SQLite index puts between CJK characters: a zero width space, a separator for FTS5's
# unicode61 tokenizer (not a letter, digit or private-use character) that nobody types, so taking
# it out of a snippet gives back the text as written ("小米13" stays "小米13", "小米 13" keeps its space).
INDEX_SEPARATOR = "\u200b"


@dataclass(frozen=True)
class Term:
    tokens: tuple[str, ...]
    prefix: bool = False

    @property
    def is_phrase(self) -> bool:
        return len(self.tokens) > 1

    @property
    def text(self) -> str:
        return " ".join(self.tokens)


@dataclass(frozen=True)
class ParsedQuery:
    terms: tuple[Term, ...] = ()
    excluded: tuple[Term, ...] = ()
    message: str = ""

    @property
    def is_empty(self) -> bool:
        return not self.terms


def segment_cjk(text: str, separator: str = " ") -> str:
    """Put ``separator`` around every CJK character, so word-based engines index them one by one.
    Engines that show snippets of the segmented text are given ``INDEX_SEPARATOR``."""
    return _CJK_EDGE_RE.sub(separator, text) if _CJK_RE.search(text) else text


def unsegment_cjk(text: str) -> str:
    """The text as written, from an engine's snippet or highlight of segmented text.

    Text indexed with ``INDEX_SEPARATOR`` loses exactly the separators. Text without one and with
    spaces between CJK characters was indexed before the separator (until ``search_reindex``): its
    spaces between CJK characters go, as they always did."""
    if INDEX_SEPARATOR in text:
        return text.replace(INDEX_SEPARATOR, "")
    return _CJK_SPACED_RE.sub("", text)


def _tokens(chunk: str) -> list[str]:
    return _TOKEN_RE.findall(segment_cjk(chunk).lower())


def clean_text(text: str) -> str:
    """Drop control characters and odd whitespace; keep everything printable."""
    text = unicodedata.normalize("NFKC", text or "")
    return "".join(ch if ch.isprintable() else " " for ch in text).strip()


def parse(text: str, *, prefix_last: bool = True) -> ParsedQuery:
    """``prefix_last``: the last bare word also matches as a prefix (as-you-type: suggestions,
    similar items). The results page searches whole words and retries with it on no results."""
    text = clean_text(text)
    notes: list[str] = []
    limit = conf.max_query_length()
    if len(text) > limit:
        text = text[:limit]
        notes.append(f"Your search was long, so only its first {limit} characters were used.")
    terms: list[Term] = []
    excluded: list[Term] = []
    last_bare: int | None = None
    for match in _CHUNK_RE.finditer(text):
        negated = bool(match.group(1) or match.group(3))
        quoted = match.group(2) is not None
        tokens = _tokens(match.group(2) if quoted else match.group(4))
        if not tokens:
            continue
        # "batt*": an explicit prefix (one word, two characters at least)
        starred = not quoted and match.group(4).endswith("*") and len(tokens) == 1 and len(tokens[0]) >= 2
        term = Term(tuple(tokens), prefix=starred and not negated)
        if negated:
            excluded.append(term)
        elif term not in terms:
            terms.append(term)
            last_bare = None if (quoted or term.is_phrase) else len(terms) - 1
    max_terms = conf.max_terms()
    if len(terms) + len(excluded) > max_terms:
        notes.append(f"Only the first {max_terms} words were used.")
        terms = terms[:max_terms]
        excluded = excluded[: max(0, max_terms - len(terms))]
        last_bare = last_bare if last_bare is not None and last_bare < len(terms) else None
    if (
        prefix_last
        and last_bare is not None
        and last_bare == len(terms) - 1
        and len(terms[last_bare].text) >= 2
    ):
        terms[last_bare] = Term(terms[last_bare].tokens, prefix=True)
    if not terms:
        if excluded:
            notes.append("Add a word to search for, not only words to leave out.")
        elif text:
            notes.append("There are no words to search for in that: try letters or numbers.")
    return ParsedQuery(tuple(terms), tuple(excluded), " ".join(notes))


@dataclass(frozen=True)
class SearchQuery:
    """One search request. Filters are ids or plain values; None/empty means "any"."""

    text: str = ""
    types: tuple[str, ...] = ()
    product_id: int | None = None
    release_id: int | None = None
    board_id: int | None = None
    status: str = ""
    author_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    owners_only: bool = False
    sort: str = "relevance"
    page: int = 1
    page_size: int = 0  # 0: conf.page_size()
    match_any: bool = False  # similar items / related: any word may match, ranked by how many
    exclude: tuple[tuple[str, int], ...] = ()  # (type, object_id) pairs to leave out
    facets: bool = True
    highlight: bool = True

    def __post_init__(self):
        if self.sort not in SORTS:
            object.__setattr__(self, "sort", "relevance")
        object.__setattr__(self, "page", min(max(1, int(self.page or 1)), conf.max_page()))
        size = int(self.page_size or conf.page_size())
        object.__setattr__(self, "page_size", min(max(1, size), 100))

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size

    @property
    def has_filters(self) -> bool:
        return any(
            (
                self.types,
                self.product_id,
                self.release_id,
                self.board_id,
                self.status,
                self.author_id,
                self.date_from,
                self.date_to,
                self.owners_only,
            )
        )


@dataclass(frozen=True)
class Hit:
    type: str
    object_id: int
    title: str
    url: str
    score: float
    title_html: str = ""
    snippet_html: str = ""
    created_at: object = None
    author_name: str = ""
    votes: int = 0
    status: str = ""
    thread_id: int | None = None
    author_username: str = ""
    author_avatar: str = ""
    author_points: int | None = None
    author_is_team: bool = False
    is_owner: bool = False  # the author owns the product the hit is about (verified owner)

    @property
    def author(self) -> PersonSnapshot | None:
        """The author for the person component; None for documents indexed without a username
        (no author, or built before the index stored people: the name alone draws its avatar)."""
        if not self.author_username:
            return None
        return PersonSnapshot(
            username=self.author_username,
            public_name=self.author_name or self.author_username,
            avatar_name=self.author_avatar or "",
            points=self.author_points,
            on_team=bool(self.author_is_team),
        )


@dataclass
class SearchResults:
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    page: int = 1
    page_size: int = 20
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    message: str = ""
    backend: str = ""
    total_is_lower_bound: bool = False  # "5,000+ results": the engine stopped counting

    @property
    def pages(self) -> int:
        return min(max(1, -(-self.total // self.page_size)), conf.max_page())

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


@dataclass(frozen=True)
class Suggestion:
    type: str
    object_id: int
    title: str
    url: str
    title_html: str = ""
