"""Entity linking: products by name, alias and SKU; release versions per product's version pattern."""

import pytest
from django.contrib.auth.models import Group

from forum.models import Board
from search import api, linking
from search.models import EntityLink
from search.query import SearchQuery
from search.registry import Entity
from tests.search.factories import make_board, make_product, make_reply, make_thread

NIMBUS = Entity(kind="product", id=1, names=("Nimbus Phone", "NPhone", "NB-128-BLK"), product_id=1)
ORBIT = Entity(kind="product", id=2, names=("Orbit",), product_id=2, version_pattern=r"V\d+(\.\d+){3}")
RELEASES = [
    Entity(kind="release", id=10, product_id=1, version="1.4.2"),
    Entity(kind="release", id=11, product_id=2, version="V14.0.3.0"),
    Entity(kind="release", id=12, product_id=2, version="1.4.2"),
]


def found(text, **kwargs):
    linker = linking.Linker([NIMBUS, ORBIT, *RELEASES])
    return {(link.kind, link.id) for link in linker.find(text, **kwargs)}


def test_products_by_name_alias_and_sku_case_insensitive_whole_words():
    assert found("My nimbus phone is hot") == {("product", 1)}
    assert found("the NPHONE again") == {("product", 1)}
    assert found("bought NB-128-BLK yesterday") == {("product", 1)}
    assert found("Nimbus Phones everywhere") == set()
    assert found("orbital mechanics") == set()


def test_the_ascii_shortcut_finds_what_the_pattern_finds():
    # ASCII texts are tested for the lowered names first; other texts go straight to the pattern
    linker = linking.Linker([NIMBUS, ORBIT, *RELEASES])
    pattern_only = linking.Linker([NIMBUS, ORBIT, *RELEASES])
    pattern_only._ascii_names = None
    texts = [
        "NIMBUS phone, NiMbUs PhOnE and nb-128-blk",
        "nothing to see here",
        "Caf\u00e9 talk about the Orbit V14.0.3.0",
        "\u212aiosk Nimbu\u017f Phone",
        "NPhones and xNPhone",
        "",
    ]
    for text in texts:
        assert linker.find(text, product_ids=(2,)) == pattern_only.find(text, product_ids=(2,)), text
    assert found("NIMBUS phone, NiMbUs PhOnE") == {("product", 1)}


def test_versions_link_only_to_releases_of_a_mentioned_product_with_its_pattern():
    assert found("Nimbus Phone on 1.4.2 crashes") == {("product", 1), ("release", 10)}
    assert found("Orbit on V14.0.3.0 bootloops") == {("product", 2), ("release", 11)}
    # Orbit's pattern is V-style: a semantic version in Orbit text is not an Orbit release
    assert found("Orbit 1.4.2") == {("product", 2)}
    assert found("just 1.4.2 without a product") == set()
    assert found("1.4.2 in a product board", product_ids=(1,)) == {("release", 10)}
    assert found("Nimbus Phone 1.4.20") == {("product", 1)}


def test_a_broken_version_pattern_falls_back_to_semantic_versions():
    broken = Entity(kind="product", id=3, names=("Halo",), product_id=3, version_pattern="(unclosed")
    linker = linking.Linker([broken, Entity(kind="release", id=30, product_id=3, version="2.0.1")])
    assert {(link.kind, link.id) for link in linker.find("Halo 2.0.1")} == {("product", 3), ("release", 30)}


@pytest.fixture
def linked(reindex_all):
    from tests.forum.feedback.factories import make_release

    phone = make_product("Nimbus Phone", aliases=["NPhone"])
    release = make_release(product=phone, version="1.4.2", live=True)
    public = make_board("General")
    insiders = Group.objects.create(name="Insiders")
    private = make_board("Insiders", read_access=Board.Access.GROUP, group=insiders)
    thread = make_thread(public, "Screen flicker", "my nphone flickers since 1.4.2", score=4)
    reply = make_reply(make_thread(public, "Camera", "nothing"), "the Nimbus Phone camera is fine")
    secret = make_thread(private, "Secret NPhone prototype", "unreleased nphone")
    unrelated = make_thread(public, "Cooking tips", "pasta")
    reindex_all()
    return locals()


@pytest.mark.django_db
def test_links_are_stored_and_become_filters(linked):
    phone, release, thread = linked["phone"], linked["release"], linked["thread"]
    links = EntityLink.objects.filter(object_id=thread.pk, search_type="thread")
    assert {(link.entity_kind, link.entity_id) for link in links} == {
        ("product", phone.pk),
        ("release", release.pk),
    }
    by_product = api.search(SearchQuery(product_id=phone.pk, types=("thread", "post")))
    assert {hit.title for hit in by_product.hits} == {"Screen flicker", "Camera"}
    by_release = api.search(SearchQuery(release_id=release.pk, types=("thread",)))
    assert [hit.title for hit in by_release.hits] == ["Screen flicker"]
    assert api.entity_links(thread) == [
        {
            "kind": "product",
            "id": phone.pk,
            "title": "Nimbus Phone",
            "url": phone.get_absolute_url(),
            "text": "nphone",
        },
        {
            "kind": "release",
            "id": release.pk,
            "title": str(release),
            "url": release.get_absolute_url(),
            "text": "1.4.2",
        },
    ]


@pytest.mark.django_db
def test_product_panel_lists_discussions_the_viewer_may_see(linked, rf):
    phone = linked["phone"]
    from django.contrib.auth.models import AnonymousUser

    from search.panels import product_discussions

    request = rf.get("/")
    request.user = AnonymousUser()
    html = product_discussions(product_id=phone.pk, request=request, product_name=phone.name)
    assert "Screen flicker" in html and "Camera" in html
    assert "Secret" not in html and "Cooking" not in html
    mentions = api.mentions(product_id=phone.pk)
    assert [hit.title for hit in mentions] == ["Screen flicker", "Camera"]  # most votes first, one per thread


@pytest.mark.django_db
def test_editing_text_replaces_links(linked, django_capture_on_commit_callbacks):
    from search.indexing import index_later

    thread = linked["thread"]
    post = thread.first_post
    post.body = "no product named here"
    post.save()
    with django_capture_on_commit_callbacks(execute=True):
        index_later(thread)
    assert not EntityLink.objects.filter(object_id=thread.pk, search_type="thread").exists()


def test_spans_say_where_a_text_names_things_without_overlaps():
    linker = linking.Linker([NIMBUS, ORBIT, *RELEASES])
    text = "My Nimbus Phone (NB-128-BLK) on 1.4.2; Orbit V14.0.3.0"
    spans = [(text[s.start : s.end], s.entity.kind, s.entity.id) for s in linker.spans(text)]
    assert spans == [
        ("Nimbus Phone", "product", 1),
        ("NB-128-BLK", "product", 1),
        ("1.4.2", "release", 10),  # Nimbus is named, so its 1.4.2 (Orbit's 1.4.2 is id 12)
        ("Orbit", "product", 2),
        ("V14.0.3.0", "release", 11),
    ]
    # a bare version belongs to the product given as context only
    assert [s.entity.id for s in linker.spans("since 1.4.2", product_ids=(1,))] == [10]
    assert linker.spans("since 1.4.2") == []
    assert linker.entity_names("product", [1]) == ["nb-128-blk", "nimbus phone", "nphone"]
