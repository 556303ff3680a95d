"""The search pages over HTTP: results, empty and no-results states, facets, suggestions, OpenSearch."""

import pytest
from django.contrib.auth.models import Group

from forum.models import Board
from tests.search.factories import make_board, make_product, make_thread
from tests.search.test_contract import BAD_QUERIES

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(reindex_all):
    secret = Group.objects.create(name="Insiders")
    public = make_board("General")
    private = make_board("Insiders", read_access=Board.Access.GROUP, group=secret)
    make_thread(public, "Battery drains overnight", "battery battery since 1.4.2", score=3)
    make_thread(public, "Charger advice", "a battery question")
    make_thread(private, "Secret battery prototype", "do not leak")
    make_thread(public, "Hidden battery rant", "rant", is_hidden=True)
    make_product("Nimbus Phone")
    reindex_all()
    return {"public": public, "private": private}


def test_empty_state_explains_the_syntax(client, db):
    response = client.get("/search/")
    assert response.status_code == 200
    assert b"Use quotes for an exact phrase" in response.content


def test_results_page_shows_highlighted_hits_and_facets(client, site):
    response = client.get("/search/", {"q": "battery"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "<mark>Battery</mark> drains overnight" in content
    assert "2 results" in content
    assert "Secret battery prototype" not in content and "Hidden battery rant" not in content
    assert "General" in content  # the board facet is labelled by the forum's labeler
    assert 'rel="search"' in content and "/search/opensearch.xml" in content


def test_no_results_state_offers_ways_forward(client, site):
    response = client.get("/search/", {"q": "zeppelin", "board": site["public"].pk})
    content = response.content.decode()
    assert "No results for “zeppelin”" in content
    assert "Search again without filters" in content


def test_pagination_links(client, site, reindex_all):
    for n in range(25):
        make_thread(site["public"], f"Speaker buzz {n}", "speaker")
    reindex_all("thread")
    first = client.get("/search/", {"q": "speaker"}).content.decode()
    assert "Page 1 of 2" in first and 'rel="next"' in first
    second = client.get("/search/", {"q": "speaker", "page": "2"}).content.decode()
    assert 'rel="prev"' in second and second.count('class="search-hit ') == 5


@pytest.mark.parametrize("text", BAD_QUERIES)
def test_bad_queries_never_500(client, site, text):
    response = client.get("/search/", {"q": text})
    assert response.status_code == 200
    assert client.get("/search/suggest/", {"q": text}).status_code == 200
    assert client.get("/search/similar/", {"title": text}).status_code == 200


@pytest.mark.parametrize(
    "params",
    [
        {"q": "battery", "page": "-1"},
        {"q": "battery", "page": "999999999999999999999"},
        {"q": "battery", "board": "abc"},
        {"q": "battery", "product": "1e9"},
        {"q": "battery", "from": "yesterday"},
        {"q": "battery", "from": "2026-13-40"},
        {"q": "battery", "type": "nonsense"},
        {"q": "battery", "sort": "DROP"},
        {"q": "battery", "status": "x" * 500},
    ],
)
def test_bad_parameters_are_ignored_with_a_note(client, site, params):
    response = client.get("/search/", params)
    assert response.status_code == 200


def test_suggestions_fragment_is_keyboard_ready_and_permission_aware(client, site):
    content = client.get("/search/suggest/", {"q": "batt"}).content.decode()
    assert 'role="listbox"' in content and 'role="option"' in content
    assert "<mark>Battery</mark> drains overnight" in content
    assert "Secret" not in content
    assert client.get("/search/suggest/", {"q": "secret"}).content.strip() == b""


def test_similar_items_while_typing_a_title(client, site):
    content = client.get("/search/similar/", {"title": "battery drains at night"}).content.decode()
    assert "drains</mark> overnight" in content
    assert "Secret" not in content
    assert client.get("/search/similar/", {"title": "ab"}).content.strip() == b""


def test_related_threads_fragment(client, site):
    from forum.models import Thread

    thread = Thread.objects.get(title="Battery drains overnight")
    content = client.get(f"/search/related/thread/{thread.pk}/").content.decode()
    assert "Charger advice" in content and "Secret" not in content
    assert "Battery drains overnight" not in content
    assert client.get("/search/related/nonsense/1/").status_code == 404


def test_opensearch_description(client, db):
    response = client.get("/search/opensearch.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/opensearchdescription+xml")
    assert b"{searchTerms}" in response.content
    assert client.get("/search/opensearch/suggest/", {"q": "x"}).json() == ["x", []]


def test_header_box_asks_for_suggestions(client, db):
    content = client.get("/search/").content.decode()
    assert 'hx-get="/search/suggest/"' in content and 'aria-controls="site-search-suggestions"' in content


def _steady_state_queries(client, url: str, params: dict) -> list[str]:
    """SQL of a warmed-up visit, savepoints left out: the test's own transaction makes a search take
    a savepoint that a request in autocommit does not (search.api)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url, params)  # the first visit creates the site settings row
    client.get(url, params)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params).status_code == 200
    return [q["sql"] for q in ctx.captured_queries if "SAVEPOINT" not in q["sql"]]


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
def test_results_page_stays_in_query_budget(client, site, member, signed_in):
    # Given results with type, board and product facets to label
    if signed_in:
        client.force_login(member)
    # When the page is served in steady state, then issue #8's budget holds: 5 anonymous, 8 signed in
    queries = _steady_state_queries(client, "/search/", {"q": "battery"})
    assert len(queries) <= (8 if signed_in else 5), "\n".join(q[:150] for q in queries)


def test_the_viewers_groups_follow_a_membership_change(site, member):
    from search.viewer import Viewer

    # Given a member whose groups were read (and cached) once
    insiders = Group.objects.get(name="Insiders")
    assert insiders.pk not in Viewer.from_user(member).group_ids
    # When the member joins a group, then the next viewer carries it
    insiders.user_set.add(member)
    assert insiders.pk in Viewer.from_user(member).group_ids


def test_a_member_of_the_access_group_finds_the_groups_threads(client, site, member):
    # Given a member who joins the group a private board is open to
    Group.objects.get(name="Insiders").user_set.add(member)
    client.force_login(member)
    # Then its threads are found, and still not by other people
    assert (
        "Secret battery <mark>prototype</mark>" in client.get("/search/", {"q": "prototype"}).content.decode()
    )
    client.logout()
    assert "Secret battery" not in client.get("/search/", {"q": "prototype"}).content.decode()


def test_a_renamed_board_shows_its_new_name_in_the_facets(client, site):
    assert "General" in client.get("/search/", {"q": "battery"}).content.decode()
    board = site["public"]
    board.name = "Everyday talk"
    board.save(update_fields=["name"])
    content = client.get("/search/", {"q": "battery"}).content.decode()
    assert "Everyday talk" in content


@pytest.mark.parametrize("params", [{}, {"q": "battery"}, {"q": "zeppelin"}], ids=["empty", "results", "none"])
def test_every_state_has_one_level_one_heading_and_the_search_landmarks_are_told_apart(client, site, params):
    import re

    content = client.get("/search/", params).content.decode()

    assert len(re.findall(r"<h1[\s>]", content)) == 1
    searches = re.findall(r'<form [^>]*role="search"[^>]*>', content)
    labels = [re.search(r'aria-label="([^"]+)"', form) for form in searches]
    assert len(searches) == 2 and all(labels), searches
    assert len({label.group(1) for label in labels}) == 2


# ---- Hits show their authors as every other list does (issue #14) --------------------------------


@pytest.fixture
def author_site(reindex_all):
    """A public board with one thread by a member and one reply by someone else, indexed."""
    from community.profiles.actions import profile as profile_actions
    from tests.community.profiles.actions.test_profile import png
    from tests.factories import UserFactory
    from tests.search.factories import make_reply

    member = UserFactory(username="amara", display_name="Amara Okafor")
    other = UserFactory(username="kenji")
    profile_actions.set_avatar(user=member, upload=png(300, 300))
    board = make_board("General")
    thread = make_thread(board, "Battery drains overnight", "since 1.4.2", author=member)
    make_reply(thread, "zeppelin noises from the speaker", author=other)
    reindex_all()
    return {"member": member, "other": other}


def _hit_html(client, q: str) -> str:
    content = client.get("/search/", {"q": q}).content.decode()
    start = content.index('<li class="search-hit')
    return content[start : content.index("</li>", start)]


def test_a_hit_shows_the_authors_uploaded_avatar_with_its_srcset(client, author_site):
    from django.contrib.auth import get_user_model

    from community.profiles import avatars

    # Given a thread by a member who uploaded an avatar
    stored = get_user_model().objects.get(username="amara").profile.avatar.name
    # When the results page shows it
    hit = _hit_html(client, "battery")
    # Then the hit draws the person component: the uploaded image at the hit's size with its copies,
    # the name linking to the profile and the level the person has
    assert 'class="avatar avatar--xs"' in hit and 'width="20" height="20"' in hit
    assert avatars.variant_name(stored, 64).split("/")[-1] in hit
    assert 'srcset="' in hit and "256w" in hit and 'sizes="20px"' in hit
    assert 'class="person__name" href="/people/amara/"' in hit and "Amara Okafor" in hit
    assert "Lv 1 · Newcomer" in hit
    assert "mark--team" not in hit


def test_a_team_members_hit_shows_the_team_mark(client, author_site, django_capture_on_commit_callbacks):
    from community.teams import ensure_team_group

    # Given the reply's author joins the product team (in the admin: a group membership)
    with django_capture_on_commit_callbacks(execute=True):
        author_site["other"].groups.add(ensure_team_group())
    # When their reply is found
    hit = _hit_html(client, "zeppelin")
    # Then it carries the team mark, with the generated avatar of someone who uploaded none
    assert "mark--team" in hit and "Team" in hit
    assert 'class="avatar avatar--xs avatar--c' in hit


def test_after_an_avatar_change_the_hit_shows_the_new_one(client, author_site, django_capture_on_commit_callbacks):
    from community.profiles.actions import profile as profile_actions
    from community.profiles.models import Profile
    from tests.community.profiles.test_avatars import coloured_png

    member = author_site["member"]
    old = Profile.objects.get(user=member).avatar.name.split("/")[-1].removesuffix("-256.png")
    assert old and old in _hit_html(client, "battery")
    # When the member uploads another picture (the index task runs after the commit)
    with django_capture_on_commit_callbacks(execute=True):
        new = profile_actions.set_avatar(user=member, upload=coloured_png("purple")).avatar.name
    hit = _hit_html(client, "battery")
    # Then the hit shows the new picture, not the old one
    assert new.split("/")[-1].removesuffix("-256.png") in hit
    assert old not in hit


def test_a_level_change_reaches_the_hit(client, author_site, django_capture_on_commit_callbacks):
    from community.reputation.actions.ledger import award_points
    from tests.factories import UserFactory

    admin = UserFactory(username="boss", is_staff=True, is_superuser=True)
    # When the member earns enough points for the next level
    with django_capture_on_commit_callbacks(execute=True):
        award_points(actor=admin, user=author_site["member"], points=25, reason="thanks")
    # Then their hit shows it
    assert "Lv 2 · Member" in _hit_html(client, "battery")
