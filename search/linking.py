"""Entity linking: find products (names, aliases, SKUs) and release versions in discussion text.

Entities come from ``registry.register_entities`` loaders (store registers products; releases plug
in the same way when they land). Versions are matched per product with that product's
``version_pattern`` (semantic versions when empty), only for products the text mentions or the
document is already about (its board's product), so "1.4.2" links to the right product's release.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass

from django.core.cache import cache

from search import registry
from search.registry import Entity

logger = logging.getLogger("search")

DEFAULT_VERSION_PATTERN = r"v?\d+\.\d+\.\d+(?:\.\d+)?"
GENERATION_KEY = "search:linker:generation"
MIN_NAME_LENGTH = 2


@dataclass(frozen=True)
class Link:
    kind: str
    id: int
    product_id: int | None
    matched_text: str
    mentions: int


def _version_key(version: str) -> str:
    return version.strip().lower().removeprefix("v")


def _compile_version_pattern(pattern: str) -> re.Pattern:
    try:
        return re.compile(rf"(?<![\w.])(?:{pattern or DEFAULT_VERSION_PATTERN})(?![\w]|\.\w)", re.IGNORECASE)
    except re.error:
        logger.warning("invalid version pattern %r, using semantic versions", pattern)
        return re.compile(rf"(?<![\w.])(?:{DEFAULT_VERSION_PATTERN})(?![\w]|\.\w)", re.IGNORECASE)


@dataclass(frozen=True)
class Span:
    """Where a text names an entity: ``text[start:end]``."""

    start: int
    end: int
    entity: Entity


class Linker:
    def __init__(self, entities: list[Entity]):
        self.entities: dict[tuple[str, int], Entity] = {(e.kind, e.id): e for e in entities}
        self._by_name: dict[str, list[Entity]] = {}
        self._versions: dict[int, dict[str, Entity]] = {}
        self._patterns: dict[int, re.Pattern] = {}
        for entity in entities:
            for name in entity.names:
                key = name.strip().lower()
                if len(key) >= MIN_NAME_LENGTH:
                    self._by_name.setdefault(key, []).append(entity)
            if entity.kind == "product":
                self._patterns[entity.id] = _compile_version_pattern(entity.version_pattern)
            if entity.version and entity.product_id is not None:
                self._versions.setdefault(entity.product_id, {})[_version_key(entity.version)] = entity
        names = sorted(self._by_name, key=len, reverse=True)
        # The lookahead on the names' first characters changes no match; it lets most positions of
        # a text fail on one character-set test instead of the lookbehind and every alternative.
        firsts = "".join(sorted({re.escape(name[0]) for name in names}))
        # ASCII names in an ASCII text can only match where the lowered text contains them: one
        # plain search for any of them spares most texts the pattern (non-ASCII case folding is left
        # to the pattern).
        self._ascii_names = (
            re.compile("|".join(re.escape(n) for n in names)) if all(n.isascii() for n in names) else None
        )
        self._name_re = (
            re.compile(
                rf"(?=[{firsts}])(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)",
                re.IGNORECASE,
            )
            if names
            else None
        )

    def _may_name(self, text: str) -> bool:
        if self._ascii_names is None or not text.isascii():
            return True
        return self._ascii_names.search(text.lower()) is not None  # any name as a plain substring

    def find(self, text: str, *, product_ids: tuple[int, ...] = ()) -> list[Link]:
        if not text:
            return []
        found: dict[tuple[str, int], list[str]] = {}
        if self._name_re is not None and self._may_name(text):
            for match in self._name_re.finditer(text):
                for entity in self._by_name.get(match.group(0).lower(), ()):
                    found.setdefault((entity.kind, entity.id), []).append(match.group(0))
        candidates = {eid for kind, eid in found if kind == "product"} | set(product_ids)
        for product_id in candidates:
            releases = self._versions.get(product_id)
            pattern = self._patterns.get(product_id)
            if not releases or pattern is None:
                continue
            for match in pattern.finditer(text):
                release = releases.get(_version_key(match.group(0)))
                if release is not None:
                    found.setdefault((release.kind, release.id), []).append(match.group(0))
        links = []
        for (kind, eid), matches in found.items():
            entity = self.entities[(kind, eid)]
            text_counts = Counter(matches)
            product_id = entity.id if kind == "product" else entity.product_id
            links.append(Link(kind, eid, product_id, text_counts.most_common(1)[0][0][:120], len(matches)))
        return sorted(links, key=lambda link: (link.kind, link.id))

    def spans(self, text: str, *, product_ids: tuple[int, ...] = ()) -> list[Span]:
        """Where ``text`` names an entity, left to right, never overlapping (the longest name wins
        where two start together): names, aliases and SKUs anywhere; versions of ``product_ids``
        and of the products this text names. For rendering links (forum.markdown)."""
        if not text:
            return []
        found: list[Span] = []
        if self._name_re is not None and self._may_name(text):
            for match in self._name_re.finditer(text):
                entities = self._by_name.get(match.group(0).lower())
                if entities:
                    found.append(Span(match.start(), match.end(), entities[0]))
        named = {span.entity.id for span in found if span.entity.kind == "product"}
        for product_id in sorted(named | set(product_ids)):
            releases = self._versions.get(product_id)
            pattern = self._patterns.get(product_id)
            if not releases or pattern is None:
                continue
            for match in pattern.finditer(text):
                release = releases.get(_version_key(match.group(0)))
                if release is not None:
                    found.append(Span(match.start(), match.end(), release))
        spans: list[Span] = []
        for span in sorted(found, key=lambda s: (s.start, s.start - s.end)):
            if not spans or span.start >= spans[-1].end:
                spans.append(span)
        return spans

    def entity_names(self, kind: str, ids) -> list[str]:
        """The names and versions by which these entities can be named (lowered), for finding texts
        that may name them."""
        names: set[str] = set()
        for entity_id in ids:
            entity = self.entities.get((kind, entity_id))
            if entity is None:
                continue
            names.update(
                name.strip().lower() for name in entity.names if len(name.strip()) >= MIN_NAME_LENGTH
            )
            if entity.version:
                names.add(_version_key(entity.version))
        return sorted(names)


_state: dict[str, object] = {"generation": None, "linker": None}


def get_linker() -> Linker:
    generation = cache.get(GENERATION_KEY, 0)
    linker = _state["linker"]
    if linker is None or _state["generation"] != generation:
        entities: list[Entity] = []
        for kind, loader in registry.entity_sources().items():
            try:
                entities += list(loader())
            except Exception:  # a broken source must not stop indexing of everything else
                logger.exception("entity source %s failed", kind)
        linker = Linker(entities)
        _state.update(generation=generation, linker=linker)
    return linker  # type: ignore[return-value]


def invalidate() -> None:
    """Products or releases changed: every process rebuilds its linker on next use."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, timeout=None)
    _state.update(generation=None, linker=None)
