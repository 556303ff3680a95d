"""The Elasticsearch backend's mappings, analyzers and queries, checked offline through to_dict().

No server runs here; the same backend runs the contract suite when ELASTICSEARCH_URL is set.
"""

from datetime import date

from search.backends.base import IndexItem
from search.backends.elasticsearch import (
    build_index,
    build_search,
    build_suggest,
    suggest_inputs,
    to_source,
    viewer_contexts,
)
from search.query import SearchQuery, parse
from search.registry import Document
from search.viewer import Viewer

MEMBER_OF_3 = Viewer(is_authenticated=True, group_ids=frozenset({3}))


def search_body(text="", viewer=MEMBER_OF_3, **kwargs):
    return build_search("canopy", SearchQuery(text=text, **kwargs), parse(text), viewer).to_dict()


def test_mapping_declares_every_field_explicitly():
    mapping = build_index("canopy-1").to_dict()["mappings"]["properties"]
    assert mapping["type"] == {"type": "keyword"}
    assert mapping["created_at"] == {"type": "date"}
    assert mapping["group_ids"] == {"type": "long"}
    assert mapping["url"] == {"type": "keyword", "index": False}
    assert mapping["display_title"] == {"type": "keyword", "index": False}
    title = mapping["title"]
    assert title["analyzer"] == "canopy_text"
    assert title["fields"]["cjk"]["analyzer"] == "canopy_cjk"
    assert title["fields"]["version"]["analyzer"] == "canopy_version"
    assert mapping["suggest"]["type"] == "completion"
    assert mapping["suggest"]["contexts"] == [{"name": "access", "type": "category"}]


def test_analyzers_stem_english_bigram_cjk_and_keep_versions_whole():
    analysis = build_index("canopy-1").to_dict()["settings"]["analysis"]
    text = analysis["analyzer"]["canopy_text"]
    assert "canopy_english_stemmer" in text["filter"]
    assert analysis["filter"]["canopy_english_stemmer"] == {"type": "stemmer", "language": "english"}
    assert analysis["analyzer"]["canopy_cjk"]["filter"][-1] == "cjk_bigram"
    version = analysis["tokenizer"]["canopy_version_tokens"]
    assert version["type"] == "pattern" and version["group"] == 0
    import re

    pattern = re.compile(version["pattern"])
    assert pattern.findall("fixed in V14.0.3.0 and 1.4.2, not 14") == ["V14.0.3.0", "1.4.2"]
    assert analysis["char_filter"]["canopy_split_compounds"]["type"] == "pattern_replace"


def test_permissions_are_filters_inside_the_query():
    body = search_body("battery")
    allowed = body["query"]["bool"]["filter"][0]["bool"]
    assert allowed["minimum_should_match"] == 1
    assert {"terms": {"access": ["public", "members"]}} in allowed["should"]
    assert {"bool": {"must": [{"term": {"access": "groups"}}, {"terms": {"group_ids": [3]}}]}} in allowed[
        "should"
    ]
    anonymous = search_body("battery", viewer=Viewer())
    assert anonymous["query"]["bool"]["filter"][0]["bool"]["should"] == [{"terms": {"access": ["public"]}}]
    superuser = search_body("battery", viewer=Viewer(is_authenticated=True, is_superuser=True))
    assert "filter" not in superuser["query"]["bool"]


def test_words_are_fuzzy_phrases_exact_exclusions_must_not():
    body = search_body('batery "screen flicker" -charger')
    must = body["query"]["bool"]["must"][0]["bool"]["must"]
    assert must[0]["multi_match"]["fuzziness"] == "AUTO"
    assert must[1]["multi_match"]["type"] == "phrase"
    assert must[1]["multi_match"]["query"] == "screen flicker"
    assert body["query"]["bool"]["must_not"][0]["multi_match"]["query"] == "charger"
    assert "fuzziness" not in body["query"]["bool"]["must_not"][0]["multi_match"]


def test_last_word_is_also_a_prefix_and_versions_use_the_version_field():
    body = search_body("camera V14.0.3.0 batt")
    must = body["query"]["bool"]["must"][0]["bool"]["must"]
    version = must[1]["bool"]["should"][1]["multi_match"]
    assert version == {"query": "v14.0.3.0", "fields": ["title.version^3", "body.version"]}
    assert must[2]["bool"]["should"][1]["multi_match"]["type"] == "phrase_prefix"


def test_filters_sorts_and_pagination():
    body = search_body(
        "battery",
        board_id=4,
        product_id=7,
        release_id=9,
        status="FIXED",
        author_id=2,
        owners_only=True,
        date_from=date(2026, 1, 1),
        date_to=date(2026, 2, 1),
        sort="votes",
        page=3,
        page_size=10,
    )
    filters = body["query"]["bool"]["filter"]
    for clause in (
        {"term": {"board_id": 4}},
        {"term": {"product_ids": 7}},
        {"term": {"release_ids": 9}},
        {"term": {"status": "FIXED"}},
        {"term": {"author_id": 2}},
        {"term": {"is_owner": True}},
    ):
        assert clause in filters
    assert {
        "range": {
            "created_at": {"gte": "2026-01-01", "lte": "2026-02-01", "format": "strict_date_optional_time"}
        }
    } in filters
    assert body["sort"][0] == {"votes": {"order": "desc"}}
    assert body["from"] == 20 and body["size"] == 10 and body["track_total_hits"] is True


def test_type_filter_is_a_post_filter_so_type_facets_stay_complete():
    body = search_body("battery", types=("thread",))
    assert body["post_filter"] == {"terms": {"type": ["thread"]}}
    assert body["aggs"]["type"] == {"terms": {"field": "type", "size": 20}}
    typed = body["aggs"]["typed"]
    assert typed["filter"] == {"terms": {"type": ["thread"]}}
    assert set(typed["aggs"]) == {"status", "board", "product", "release"}


def test_highlighting_uses_private_markers_escaped_later():
    body = search_body("battery")
    assert body["highlight"]["pre_tags"] == ["\ue000"]
    assert body["highlight"]["fields"]["body"]["no_match_size"] == 160


def test_similar_items_match_any_word_and_exclude_the_item_itself():
    body = build_search(
        "canopy",
        SearchQuery(text="battery drain", match_any=True, exclude=(("thread", 5),)),
        parse("battery drain"),
        Viewer(),
    ).to_dict()
    text = body["query"]["bool"]["must"][0]["bool"]
    assert text["minimum_should_match"] == 1 and len(text["should"]) == 2
    assert {"bool": {"must": [{"term": {"type": "thread"}}, {"term": {"object_id": 5}}]}} in body["query"][
        "bool"
    ]["must_not"]


def test_completion_suggestions_carry_permission_contexts():
    body = build_suggest("canopy", parse("batt"), MEMBER_OF_3, limit=6).to_dict()
    completion = body["suggest"]["titles"]["completion"]
    assert body["suggest"]["titles"]["prefix"] == "batt"
    assert completion["contexts"] == {"access": ["public", "members", "group:3"]}
    assert completion["fuzzy"] == {"fuzziness": "AUTO"}
    assert viewer_contexts(Viewer(is_superuser=True, is_authenticated=True)) is None


def test_documents_carry_their_access_as_suggestion_contexts():
    item = IndexItem(
        type="thread",
        object_id=5,
        document=Document(title="Battery drains overnight", access="groups", group_ids=(3, 4), votes=4),
        product_ids=(7,),
        release_ids=(),
        suggest=True,
    )
    source = to_source(item)
    assert source["suggest"]["contexts"] == {"access": ["group:3", "group:4"]}
    assert source["suggest"]["weight"] == 5
    assert source["product_ids"] == [7]
    assert suggest_inputs("Battery drains overnight") == [
        "Battery drains overnight",
        "drains overnight",
        "overnight",
    ]


def test_documents_carry_the_authors_person_fields_and_hits_read_them_back():
    # Given a reply by a team member with an uploaded avatar, who owns the product it is about
    from elasticsearch.dsl.response import Hit as RawHit

    from search.backends.elasticsearch import ElasticsearchBackend

    document = Document(
        title="Battery drains overnight",
        author_id=9,
        author_name="Mira Chen",
        author_username="mira",
        author_avatar="avatars/u9-abc123-256.png",
        author_points=420,
        author_is_team=True,
        is_owner=True,
    )
    item = IndexItem(
        type="post", object_id=5, document=document, product_ids=(), release_ids=(), suggest=False
    )
    mapping = build_index("canopy-1").to_dict()["mappings"]["properties"]
    # When it is written, searched and read back
    source = to_source(item)
    requested = search_body("battery")["_source"]
    hit = ElasticsearchBackend._hit(RawHit({"_score": 1.0, "_source": {**source, "created_at": None}}))
    # Then the mapping stores the person fields without indexing them, the page asks for them, and
    # the hit draws the same person as everywhere else
    assert mapping["author_username"] == {"type": "keyword", "index": False}
    assert mapping["author_avatar"] == {"type": "keyword", "index": False}
    assert mapping["author_points"] == {"type": "integer", "index": False}
    assert mapping["author_is_team"] == {"type": "boolean", "index": False}
    fields = ("author_username", "author_avatar", "author_points", "author_is_team", "is_owner")
    assert [source[name] for name in fields] == ["mira", "avatars/u9-abc123-256.png", 420, True, True]
    assert set(fields) <= set(requested)
    assert hit.is_owner is True
    assert hit.author.username == "mira" and hit.author.public_name == "Mira Chen"
    assert hit.author.avatar_name == "avatars/u9-abc123-256.png"
    assert hit.author.points == 420 and hit.author.on_team is True
