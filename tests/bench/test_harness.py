"""The page benchmark's harness (make bench) on a tiny community: it finds every page, every page
answers 200 for every visitor, SQL queries are counted, targets are judged, and the JSON is complete."""

import json

import pytest

from community.teams import ensure_team_group
from forum.models import Board
from tests.bench import inprocess, report, run
from tests.bench.pages import ANONYMOUS, MEMBER, TEAM, Page, discover
from tests.factories import UserFactory
from tests.forum.factories import BoardFactory, bulk_posts, make_thread
from tests.store.factories import ProductFactory, VariantFactory

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # builds and measures every page: make test-slow and CI run it

PAGES = {
    "board_index",
    "board_first",
    "board_deep",
    "thread_first",
    "thread_last",
    "product",
    "triage",
    "search",
}


@pytest.fixture
def tiny_community(settings):
    """Six threads on a product's board (three listing pages of two), one with twelve posts (three
    pages of five), a generated-style member and a product team member."""
    settings.FORUM_THREADS_PER_PAGE = 2
    settings.FORUM_POSTS_PER_PAGE = 5
    product = ProductFactory(name="Aurora 14", slug="aurora-14")
    VariantFactory(product=product)
    board = BoardFactory(slug="aurora", name="Aurora", kind=Board.Kind.DISCUSSION, product=product)
    BoardFactory(slug="quiet", name="Quiet")
    member = UserFactory(username="load0001")
    team = UserFactory(username="loadteam")
    team.groups.add(ensure_team_group())
    threads = [
        make_thread(board=board, author=member, title=f"Battery drain after update {i}") for i in range(6)
    ]
    bulk_posts(threads[2], 11, authors=[member, team])
    return {"board": board, "long_thread": threads[2], "member": member, "team": team}


def test_discovery_finds_the_busiest_board_its_deep_page_and_the_longest_thread(tiny_community):
    discovery = discover(deep_page=3)

    pages = {page.key: page for page in discovery.pages}
    assert set(pages) == PAGES
    assert pages["board_first"].url == "/forum/b/aurora/"
    assert "?after=" in pages["board_deep"].url and pages["board_deep"].label == "board listing, page 3"
    assert pages["thread_first"].url == tiny_community["long_thread"].get_absolute_url()
    assert pages["thread_last"].url.endswith("?page=3")
    assert pages["product"].url == "/store/aurora-14/"
    assert pages["search"].url == "/search/?q=battery"
    assert pages["triage"].visitors == (TEAM,)
    assert discovery.people == {MEMBER: tiny_community["member"], TEAM: tiny_community["team"]}
    assert discovery.data["posts"] == 17 and discovery.data["thread"]["pages"] == 3


def test_the_deep_page_stops_at_the_last_page_there_is(tiny_community):
    deep = next(page for page in discover(deep_page=50).pages if page.key == "board_deep")

    assert deep.label == "board listing, page 3" and "only 3 pages" in deep.note


def test_in_process_run_writes_every_page_for_every_visitor_with_queries_counted(tiny_community, tmp_path):
    out = tmp_path / "results.json"

    status = run.main(
        ["--out", str(out), "--iterations", "2", "--warmup", "1", "--deep-page", "2", "--no-http"]
    )

    assert status == 0
    result = json.loads(out.read_text())
    assert result["status"] == "complete"
    measured = {(row["page"], row["visitor"]) for row in result["in_process"]}
    expected = {(key, visitor) for key in PAGES - {"triage"} for visitor in (ANONYMOUS, MEMBER)}
    assert measured == expected | {("triage", TEAM)}
    for row in result["in_process"]:
        assert row["samples"] == 2 and row["median_ms"] > 0 and row["p95_ms"] >= row["median_ms"]
        assert row["queries"] == len(row["sql"]) and row["bytes"] > 1000
        assert row["targets"]["max_queries"] == (5 if row["visitor"] == ANONYMOUS else 8)
        assert row["ok"] == (not row["missed"])
    thread_rows = [row for row in result["in_process"] if row["page"] == "thread_first"]
    assert all(row["queries"] > 0 for row in thread_rows)  # the thread page reads its posts
    assert result["data"]["posts"] == 17 and result["machine"]["cpus"] >= 1
    assert result["http"] == []


def test_a_page_that_does_not_answer_200_stops_the_run(tiny_community):
    discovery = discover(deep_page=2)
    discovery.pages = [Page("gone", "a missing board", "/forum/b/no-such-board/")]

    with pytest.raises(inprocess.PageError, match="answered 404"):
        inprocess.run(discovery, iterations=1, warmup=0)


def test_a_page_that_answers_200_but_logs_an_error_stops_the_run(tiny_community, monkeypatch):
    from django.db import DatabaseError

    import search.api

    def broken(*args, **kwargs):
        raise DatabaseError("no such column: tags")

    monkeypatch.setattr(search.api, "run_search", broken)
    discovery = discover(deep_page=2)
    discovery.pages = [page for page in discovery.pages if page.key == "search"]

    with pytest.raises(inprocess.PageError, match="answered 200 but logged an error"):
        inprocess.run(discovery, iterations=1, warmup=0)


def test_setup_fails_with_status_2_when_there_is_nothing_to_measure(tmp_path):
    assert run.main(["--out", str(tmp_path / "r.json"), "--no-http"]) == 2


def test_targets_are_judged_per_visitor():
    anonymous = report.targets_in_process("thread_first", ANONYMOUS)
    signed_in = report.targets_in_process("thread_last", MEMBER)

    assert report.judge({"median_ms": 9.9, "queries": 5}, anonymous) == []
    assert report.judge({"median_ms": 10.0, "queries": 6}, anonymous) == ["median", "queries"]
    assert report.judge({"median_ms": 14.0, "queries": 8}, signed_in) == []
    assert report.targets_in_process("product", TEAM) == {"max_queries": 8}
    assert report.judge({"rps": 149.9}, report.targets_http("thread_first", ANONYMOUS)) == ["rps"]
    assert report.targets_http("search", ANONYMOUS) == {}
