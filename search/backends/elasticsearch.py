"""The Elasticsearch backend, built with ``elasticsearch.dsl``. The only module that imports elasticsearch.

- One index behind an alias (``SEARCH_ELASTICSEARCH_INDEX``, default "canopy"); a full rebuild writes a
  new timestamped index and swaps the alias atomically, so searches never see a half-built index.
- Explicit mappings and analyzers: English stemming for words; a ``cjk`` sub-field (CJK bigrams) for
  Chinese/Japanese/Korean text; a ``version`` sub-field that keeps V14.0.3.0 or 1.4.2 whole. Version
  and compound tokens are also split in the main field (char filter), matching the query parser.
- Permissions are filters inside the query (and contexts of the completion suggester).
- Every call that fails to reach the node raises SearchUnavailable; FallbackBackend answers from the
  database and logs it.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime

from django.utils.dateparse import parse_datetime
from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError
from elasticsearch.dsl import A as Agg
from elasticsearch.dsl import (
    Boolean,
    Completion,
    Date,
    Document,
    Index,
    Integer,
    Keyword,
    Long,
    Q,
    Search,
    analyzer,
    char_filter,
    token_filter,
    tokenizer,
)
from elasticsearch.dsl import Text as TextField
from elasticsearch.helpers import BulkIndexError, bulk

from search import conf
from search.backends.base import BaseBackend, IndexItem, SearchUnavailable
from search.backends.database import MARK_END, MARK_START, marked_to_html
from search.query import Hit, ParsedQuery, SearchQuery, SearchResults, Suggestion, Term
from search.registry import ACCESS_GROUPS
from search.viewer import Viewer

# --- analysis ------------------------------------------------------------------------------------
split_compounds = char_filter(
    "canopy_split_compounds",
    "pattern_replace",
    pattern=r"(?<=[\p{L}\p{N}])[._\-/:](?=[\p{L}\p{N}])",
    replacement=" ",
)
english_stemmer = token_filter("canopy_english_stemmer", "stemmer", language="english")
english_possessive = token_filter("canopy_english_possessive", "stemmer", language="possessive_english")
english_stop = token_filter("canopy_english_stop", "stop", stopwords="_english_")
text_analyzer = analyzer(
    "canopy_text",
    tokenizer="standard",
    char_filter=[split_compounds],
    filter=[english_possessive, "lowercase", "asciifolding", english_stop, english_stemmer],
)
cjk_analyzer = analyzer("canopy_cjk", tokenizer="standard", filter=["cjk_width", "lowercase", "cjk_bigram"])
version_tokenizer = tokenizer("canopy_version_tokens", "pattern", pattern=r"[vV]?\d+(?:\.\d+)+", group=0)
version_analyzer = analyzer("canopy_version", tokenizer=version_tokenizer, filter=["lowercase"])
suggest_analyzer = analyzer("canopy_suggest", tokenizer="standard", filter=["lowercase", "asciifolding"])


def _text() -> TextField:
    return TextField(
        analyzer=text_analyzer,
        fields={
            "cjk": TextField(analyzer=cjk_analyzer),
            "version": TextField(analyzer=version_analyzer),
        },
    )


class SearchDocument(Document):
    type = Keyword()
    object_id = Long()
    title = _text()
    display_title = Keyword(index=False)
    body = _text()
    url = Keyword(index=False)
    created_at = Date()
    author_id = Long()
    author_name = Keyword()
    # What the person component shows beside the name: read back with the hit, never searched
    author_username = Keyword(index=False)
    author_avatar = Keyword(index=False)
    author_points = Integer(index=False)
    author_is_team = Boolean(index=False)
    board_id = Long()
    thread_id = Long()
    status = Keyword()
    votes = Integer()
    product_ids = Long(multi=True)
    release_ids = Long(multi=True)
    access = Keyword()
    group_ids = Long(multi=True)
    is_owner = Boolean()
    indexed_at = Date()
    suggest = Completion(
        analyzer=suggest_analyzer,
        contexts=[{"name": "access", "type": "category"}],
        max_input_length=100,
    )


def build_index(name: str) -> Index:
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0, max_result_window=10_000)
    index.document(SearchDocument)
    return index


def access_contexts(access: str, group_ids) -> list[str]:
    return [f"group:{g}" for g in group_ids] if access == ACCESS_GROUPS else [access]


def viewer_contexts(viewer: Viewer) -> list[str] | None:
    if viewer.sees_everything:
        return None
    return [*viewer.plain_access(), *(f"group:{g}" for g in sorted(viewer.group_ids))]


def suggest_inputs(title: str) -> list[str]:
    """The whole title and its tails from each word, so any word of a title starts a suggestion."""
    words = title.split()
    return [title, *(" ".join(words[i:]) for i in range(1, min(len(words), 8)))]


def to_source(item: IndexItem) -> dict:
    doc = item.document
    source = {
        "type": item.type,
        "object_id": item.object_id,
        "title": doc.title if doc.index_title else "",
        "display_title": doc.title,
        "body": doc.body,
        "url": doc.url,
        "created_at": doc.created_at,
        "author_id": doc.author_id,
        "author_name": doc.author_name,
        "author_username": doc.author_username,
        "author_avatar": doc.author_avatar,
        "author_points": doc.author_points,
        "author_is_team": doc.author_is_team,
        "board_id": doc.board_id,
        "thread_id": doc.thread_id,
        "status": doc.status,
        "votes": doc.votes,
        "product_ids": list(item.product_ids),
        "release_ids": list(item.release_ids),
        "access": doc.access,
        "group_ids": list(doc.group_ids),
        "is_owner": doc.is_owner,
        "indexed_at": datetime.now(UTC),
    }
    if item.suggest and doc.index_title:
        source["suggest"] = {
            "input": suggest_inputs(doc.title),
            "weight": max(1, min(doc.votes + 1, 1000)),
            "contexts": {"access": access_contexts(doc.access, doc.group_ids)},
        }
    return source


# --- queries -------------------------------------------------------------------------------------
TEXT_FIELDS = ["title^3", "body", "title.cjk^2", "body.cjk"]


def _is_version(term: Term) -> bool:
    return term.is_phrase and all(t.isdigit() or (t[0] == "v" and t[1:].isdigit()) for t in term.tokens)


def term_query(term: Term, *, fuzzy: bool = True):
    if term.is_phrase:
        query = Q("multi_match", query=term.text, type="phrase", fields=TEXT_FIELDS)
        if _is_version(term):
            dotted = ".".join(term.tokens)
            query |= Q("multi_match", query=dotted, fields=["title.version^3", "body.version"])
        return query
    options = {"fuzziness": "AUTO", "prefix_length": 1} if fuzzy else {}
    query = Q("multi_match", query=term.text, fields=TEXT_FIELDS, **options)
    if term.prefix:
        query |= Q("multi_match", query=term.text, type="phrase_prefix", fields=["title^3", "body"])
    return query


def permission_filter(viewer: Viewer):
    if viewer.sees_everything:
        return None
    allowed = [Q("terms", access=list(viewer.plain_access()))]
    if viewer.group_ids:
        allowed.append(Q("term", access=ACCESS_GROUPS) & Q("terms", group_ids=sorted(viewer.group_ids)))
    return Q("bool", should=allowed, minimum_should_match=1)


def filter_clauses(query: SearchQuery, viewer: Viewer) -> list:
    clauses = []
    perm = permission_filter(viewer)
    if perm is not None:
        clauses.append(perm)
    for field, value in (
        ("board_id", query.board_id),
        ("author_id", query.author_id),
        ("status", query.status or None),
        ("product_ids", query.product_id),
        ("release_ids", query.release_id),
    ):
        if value is not None:
            clauses.append(Q("term", **{field: value}))
    if query.owners_only:
        clauses.append(Q("term", is_owner=True))
    if query.date_from or query.date_to:
        bounds = {}
        if query.date_from:
            bounds["gte"] = query.date_from.isoformat()
        if query.date_to:
            bounds["lte"] = query.date_to.isoformat()
        clauses.append(Q("range", created_at={**bounds, "format": "strict_date_optional_time"}))
    return clauses


def build_search(index: str, query: SearchQuery, parsed: ParsedQuery, viewer: Viewer) -> Search:
    s = Search(index=index)
    positive = [term_query(term) for term in parsed.terms]
    negative = [term_query(term, fuzzy=False) for term in parsed.excluded]
    negative += [Q("term", type=t) & Q("term", object_id=o) for t, o in query.exclude]
    if positive and query.match_any:
        text = Q("bool", should=positive, minimum_should_match=1)
    elif positive:
        text = Q("bool", must=positive)
    else:
        text = Q("match_all")
    s = s.query(Q("bool", must=[text], must_not=negative, filter=filter_clauses(query, viewer)))
    if query.types:
        s = s.post_filter("terms", type=list(query.types))  # the type facet still counts every type
    if query.sort == "newest":
        s = s.sort({"created_at": {"order": "desc"}}, "_score")
    elif query.sort == "votes":
        s = s.sort({"votes": {"order": "desc"}}, "_score", {"created_at": {"order": "desc"}})
    elif not positive:
        s = s.sort({"created_at": {"order": "desc"}})
    if query.highlight and positive:
        s = s.highlight_options(pre_tags=[MARK_START], post_tags=[MARK_END], encoder="default")
        s = s.highlight("title", "title.cjk", number_of_fragments=0)
        s = s.highlight("body", "body.cjk", fragment_size=160, number_of_fragments=1, no_match_size=160)
    if query.facets:
        s.aggs.bucket("type", Agg("terms", field="type", size=20))
        typed = s.aggs.bucket(
            "typed",
            Agg("filter", filter=Q("terms", type=list(query.types)) if query.types else Q("match_all")),
        )
        for name, field in (
            ("status", "status"),
            ("board", "board_id"),
            ("product", "product_ids"),
            ("release", "release_ids"),
        ):
            typed.bucket(name, Agg("terms", field=field, size=10))
    s = s.source(
        [
            "type",
            "object_id",
            "display_title",
            "url",
            "created_at",
            "author_name",
            "votes",
            "status",
            "thread_id",
            "author_username",
            "author_avatar",
            "author_points",
            "author_is_team",
            "is_owner",
        ]
    )
    s = s.extra(track_total_hits=True, from_=query.offset, size=query.page_size)
    return s


def build_suggest(index: str, parsed: ParsedQuery, viewer: Viewer, *, limit: int) -> Search:
    prefix = " ".join(term.text for term in parsed.terms)
    completion = {"field": "suggest", "size": limit, "skip_duplicates": True, "fuzzy": {"fuzziness": "AUTO"}}
    contexts = viewer_contexts(viewer)
    if contexts is not None:
        completion["contexts"] = {"access": contexts}
    s = Search(index=index).suggest("titles", prefix, completion=completion)
    return s.source(["type", "object_id", "display_title", "url"]).extra(size=0)


# --- the backend ---------------------------------------------------------------------------------
class ElasticsearchBackend(BaseBackend):
    name = "elasticsearch"

    def __init__(self, url: str):
        self.alias = conf.elasticsearch_index()
        self.client = Elasticsearch(
            url, request_timeout=conf.elasticsearch_timeout(), max_retries=0, retry_on_timeout=False
        )
        self._ready = False
        self._rebuild: dict | None = None

    def _refresh(self):
        return "wait_for" if conf.elasticsearch_refresh() else False

    def _call(self, fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except (TransportError, ApiError, BulkIndexError) as exc:
            raise SearchUnavailable(f"{type(exc).__name__}: {exc}") from exc

    def _create_index(self) -> str:
        name = f"{self.alias}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"
        build_index(name).create(using=self.client)
        return name

    def _ensure(self) -> None:
        if self._ready:
            return
        if not self._call(self.client.indices.exists_alias, name=self.alias):
            name = self._call(self._create_index)
            self._call(self.client.indices.put_alias, index=name, name=self.alias)
        self._ready = True

    def _targets(self) -> list[str]:
        targets = [self.alias]
        if self._rebuild and self._rebuild.get("index"):
            targets.append(self._rebuild["index"])
        return targets

    def upsert(self, items: list[IndexItem], *, fresh: bool = False) -> None:
        if not items:
            return
        self._ensure()
        actions = [
            {"_index": target, "_id": f"{item.type}:{item.object_id}", "_source": to_source(item)}
            for target in self._targets()
            for item in items
        ]
        self._call(bulk, self.client, actions, refresh=self._refresh())

    def delete(self, type_name: str, object_ids: list[int]) -> None:
        if not object_ids:
            return
        self._ensure()
        actions = [
            {"_op_type": "delete", "_index": target, "_id": f"{type_name}:{object_id}"}
            for target in self._targets()
            for object_id in object_ids
        ]
        self._call(bulk, self.client, actions, refresh=self._refresh(), raise_on_error=False)

    def clear(self, type_name: str | None = None) -> None:
        self._ensure()
        query = {"term": {"type": type_name}} if type_name else {"match_all": {}}
        self._call(
            self.client.delete_by_query,
            index=self.alias,
            query=query,
            refresh=True,
            conflicts="proceed",
        )

    def count(self, type_name: str | None = None) -> int:
        self._ensure()
        s = Search(using=self.client, index=self.alias)
        if type_name:
            s = s.filter("term", type=type_name)
        return self._call(s.count)

    def begin_rebuild(self, type_names: list[str], *, fresh: bool = False) -> None:
        from search import registry

        self._ensure()
        everything = set(type_names) >= {t.name for t in registry.all_types()}
        self._rebuild = {
            "index": self._call(self._create_index) if everything else None,
            "types": list(type_names),
            "started": datetime.now(UTC),
        }

    def finish_rebuild(self) -> None:
        rebuild, self._rebuild = self._rebuild, None
        if not rebuild:
            return
        if rebuild["index"]:
            # Swap the alias to the new index in one atomic step, then drop the old ones.
            old = list(self._call(self.client.indices.get_alias, name=self.alias).keys())
            actions = [{"remove": {"index": name, "alias": self.alias}} for name in old]
            actions.append({"add": {"index": rebuild["index"], "alias": self.alias}})
            self._call(self.client.indices.update_aliases, actions=actions)
            for name in old:
                self._call(self.client.indices.delete, index=name, ignore_unavailable=True)
            return
        stale = Q("terms", type=rebuild["types"]) & Q(
            "range", indexed_at={"lt": rebuild["started"].isoformat()}
        )
        self._call(
            self.client.delete_by_query,
            index=self.alias,
            query=stale.to_dict(),
            refresh=True,
            conflicts="proceed",
        )

    def abort_rebuild(self) -> None:
        rebuild, self._rebuild = self._rebuild, None
        if rebuild and rebuild["index"]:
            with contextlib.suppress(TransportError, ApiError):
                self.client.indices.delete(index=rebuild["index"], ignore_unavailable=True)

    def search(self, query: SearchQuery, parsed: ParsedQuery, viewer: Viewer) -> SearchResults:
        results = SearchResults(page=query.page, page_size=query.page_size, message=parsed.message)
        results.backend = self.name
        if parsed.is_empty and not query.has_filters:
            return results
        self._ensure()
        s = build_search(self.alias, query, parsed, viewer).using(self.client)
        try:
            response = self._call(s.execute)
        except SearchUnavailable as exc:
            if isinstance(exc.__cause__, NotFoundError):
                self._ready = False
            raise
        results.total = response.hits.total.value
        results.hits = [self._hit(h) for h in response.hits]
        if query.facets:
            results.facets = self._facets(response)
        return results

    @staticmethod
    def _hit(h) -> Hit:
        highlight = getattr(h.meta, "highlight", None)
        title_marked = body_marked = None
        if highlight is not None:
            title_marked = (
                list(getattr(highlight, "title", [])) or list(getattr(highlight, "title.cjk", [])) or [None]
            )[0]
            bodies = list(getattr(highlight, "body", [])) or list(getattr(highlight, "body.cjk", []))
            body_marked = " … ".join(bodies) if bodies else None
        created_at = getattr(h, "created_at", None)
        if isinstance(created_at, str):
            created_at = parse_datetime(created_at)
        return Hit(
            type=h.type,
            object_id=int(h.object_id),
            title=h.display_title,
            url=h.url,
            score=float(h.meta.score or 0),
            title_html=marked_to_html(title_marked) or marked_to_html(h.display_title),
            snippet_html=marked_to_html(body_marked),
            created_at=created_at,
            author_name=getattr(h, "author_name", "") or "",
            votes=int(getattr(h, "votes", 0) or 0),
            status=getattr(h, "status", "") or "",
            thread_id=getattr(h, "thread_id", None),
            author_username=getattr(h, "author_username", "") or "",
            author_avatar=getattr(h, "author_avatar", "") or "",
            author_points=getattr(h, "author_points", None),
            author_is_team=bool(getattr(h, "author_is_team", False)),
            is_owner=bool(getattr(h, "is_owner", False)),
        )

    @staticmethod
    def _facets(response) -> dict[str, list[tuple[str, int]]]:
        aggs = response.aggregations
        facets = {"type": [(b.key, b.doc_count) for b in aggs.type.buckets]}
        for name in ("status", "board", "product", "release"):
            buckets = [(str(b.key), b.doc_count) for b in getattr(aggs.typed, name).buckets]
            if buckets:
                facets[name] = buckets
        return facets

    def suggest(self, parsed: ParsedQuery, viewer: Viewer, *, limit: int) -> list[Suggestion]:
        if parsed.is_empty:
            return []
        self._ensure()
        response = self._call(
            build_suggest(self.alias, parsed, viewer, limit=limit).using(self.client).execute
        )
        out = []
        for option in response.suggest.titles[0].options:
            source = option._source
            out.append(
                Suggestion(
                    type=source.type,
                    object_id=int(source.object_id),
                    title=source.display_title,
                    url=source.url,
                    title_html=marked_to_html(source.display_title),
                )
            )
        return out
