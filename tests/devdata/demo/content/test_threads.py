"""The threads the demo's members wrote (devdata.demo.content: aurora, boards, chinese) name real
people and products and answer posts that exist. Plain data: no database."""

import re

import pytest

from devdata.demo.content import T
from devdata.demo.forum import BOARD_CONTENT, CHINESE_BOARD, PLACEHOLDER
from devdata.demo.people import EVERYONE
from devdata.demo.store import PRODUCTS

USERNAMES = {person.username for person in EVERYONE}
SLUGS = {spec["slug"] for spec in PRODUCTS}
CJK = re.compile(r"[\u4e00-\u9fff]")
THREADS = [(board, spec) for board, specs in BOARD_CONTENT.items() for spec in specs]


@pytest.mark.parametrize(("board", "spec"), THREADS, ids=[spec.title[:40] for _, spec in THREADS])
def test_a_thread_names_real_people_and_products_and_answers_earlier_posts(board: str, spec: T):
    assert spec.author in USERNAMES
    texts = [spec.body]
    for number, reply in enumerate(spec.replies, start=2):
        assert reply.author is None or reply.author in USERNAMES
        for earlier in (reply.quote, reply.reply_to):
            assert earlier is None or 1 <= earlier < number, (spec.title, number)
        texts.append(reply.text)
    for text in texts:
        for name in PLACEHOLDER.findall(text):
            assert name in {"op", "prev"} | USERNAMES, (spec.title, name)
        for slug in re.findall(r"\[\[product:([a-z0-9-]+)\]\]", text):
            assert slug in SLUGS
    assert 0 < spec.days_ago <= 45


def test_titles_are_unique_per_board_and_the_chinese_board_is_in_chinese():
    for board, specs in BOARD_CONTENT.items():
        titles = [spec.title for spec in specs]
        assert len(titles) == len(set(titles)), board
    chinese = BOARD_CONTENT[CHINESE_BOARD]
    assert len(chinese) >= 5 and all(CJK.search(spec.title) and CJK.search(spec.body) for spec in chinese)
    with_cards = sum("[[product:" in spec.body for _, spec in THREADS)
    assert with_cards >= 10
