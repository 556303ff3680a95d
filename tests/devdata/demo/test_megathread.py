"""The megathread holds together the way a real one does (checked on the whole composed text, which
needs no database), and is written at small scale with exact counters."""

import random
import re
from datetime import timedelta
from itertools import pairwise

import pytest
from django.utils import timezone

from devdata.demo import megathread
from devdata.demo.bulk import History
from devdata.demo.megathread import (
    CITY_COUNTRY,
    COUNTRY_NETWORKS,
    ISSUES,
    POSTS,
    QUESTIONS,
    TITLE,
    compose,
    write_megathread,
)
from devdata.demo.people import EVERYONE
from devdata.demo.runtime import DemoClock, days_ago, latest_moment
from forum.actions.synchronize import synchronize_all
from forum.models import Board, Post, Thread, ThreadWatch
from tests.factories import UserFactory

VOICES = [person.username for person in EVERYONE if person.username not in ("admin", "mira")]
HOMES = {person.username: person.location for person in EVERYONE}
VARIANT = re.compile(r"(?:Midnight Black|Forest Green) \d+ GB")


def pattern(template: str) -> re.Pattern:
    return re.compile(re.sub(r"\\\{\w+\\\}", ".+?", re.escape(template)))


def composed(seed=7):
    rng = random.Random(seed)
    start = timezone.now() - timedelta(days=5)
    steps = sorted(rng.random() ** 1.4 for _ in range(POSTS - 1))
    times = {1: start} | {n: start + timedelta(days=5) * step for n, step in enumerate(steps, start=2)}
    return {n: post for n, post in enumerate(compose(rng, VOICES, "mira", times, HOMES), start=2)}, times


@pytest.fixture(scope="module")
def thread_text():
    return composed()


def issue_of(text: str) -> str | None:
    found = [key for key, (_, sentence, _) in ISSUES.items() if pattern(sentence).search(text)]
    return found[-1] if found else None


def test_every_post_is_different_and_nobody_answers_themselves(thread_text):
    posts, _ = thread_text
    assert len(posts) == POSTS - 1 and len({post.body for post in posts.values()}) == POSTS - 1
    authors = [post.author for _, post in sorted(posts.items())]
    assert all(a != b for a, b in pairwise(authors))
    assert len(set(authors)) > 40


def test_people_keep_their_phone_rom_and_carrier_from_where_they_live(thread_text):
    posts, _ = thread_text
    phones: dict[str, set[str]] = {}
    for post in posts.values():
        phones.setdefault(post.author, set()).update(VARIANT.findall(post.body.split("wrote in #")[0]))
        country = CITY_COUNTRY.get(HOMES.get(post.author, ""))
        if country and re.search(r" ROM\b|/ region ", post.body):  # a first report's device line
            region, carriers = COUNTRY_NETWORKS[country]
            assert f"{region} ROM" in post.body or f"region {region} " in post.body, post.body
            assert any(carrier in post.body for carrier in carriers), (post.author, post.body)
    assert all(len(found) <= 1 for found in phones.values()), phones


def test_nobody_claims_more_time_on_the_build_than_has_passed(thread_text):
    posts, times = thread_text
    for number, post in posts.items():
        elapsed = (times[number] - times[1]).total_seconds() / 3600
        for hours in re.findall(r"(\d+) hours (?:ago|in|of normal use)", post.body):
            assert int(hours) <= elapsed, (number, post.body)
        for day in re.findall(r"^Day (\d+) on", post.body):
            assert int(day) <= elapsed // 24 + 1
        if match := re.search(r"Got the OTA (yesterday )?at (\d\d):(\d\d)", post.body):
            written = timezone.localtime(times[number])
            ota = written.replace(hour=int(match[2]), minute=int(match[3])) - timedelta(days=bool(match[1]))
            assert times[1] - timedelta(minutes=5) <= ota <= written


def test_answers_fit_what_they_answer(thread_text):
    posts, _ = thread_text
    checked = {"agreements": 0, "quotes": 0, "team answers": 0}
    for post in posts.values():
        if post.reply_to is None:
            continue
        target = posts[post.reply_to].body
        if post.author == "mira":
            (index,) = [i for i, (question, _) in enumerate(QUESTIONS) if pattern(question).fullmatch(target)]
            assert post.body.endswith(QUESTIONS[index][1])
            checked["team answers"] += 1
        elif "the team answered that in #" in post.body:
            answer = posts[int(post.body.rsplit("#", 1)[1].rstrip("."))]
            asked_first = posts[answer.reply_to].body
            assert answer.author == "mira"
            assert any(pattern(q).fullmatch(target) and pattern(q).fullmatch(asked_first) for q, _ in QUESTIONS)
        else:
            issue = issue_of(target)
            assert issue is not None, target
            assert any(pattern(answer).fullmatch(post.body) for answer in ISSUES[issue][2]), (target, post.body)
            checked["agreements"] += 1
            if post.quote:
                assert post.quote[0] == post.reply_to and post.quote[1] in target
                checked["quotes"] += 1
    assert min(checked.values()) >= 5, checked


@pytest.mark.django_db
def test_written_small_with_exact_counters(monkeypatch):
    monkeypatch.setattr(megathread, "POSTS", 40)
    names = ["mira", "leo", "amara", "jonas", "sofia", "kenji", "chen_yu", "priya.k"]
    people = {name: UserFactory(username=name) for name in names}
    board = Board.objects.create(slug="aurora-14", name="Aurora 14")
    clock = DemoClock(days_ago(45))
    history = History()
    with clock.running():
        clock.at(days_ago(5, hour=8))
        thread = write_megathread(
            board=board, clock=clock, people=people, voices=names[1:], team="mira", seed=3, history=history
        )
        history.finish(clock)

    assert Thread.objects.get(title=TITLE) == thread
    posts = list(Post.objects.filter(thread=thread).order_by("number"))
    assert len(posts) == 40 and posts[-1].created_at <= latest_moment()
    assert ThreadWatch.objects.filter(thread=thread).count() == len(names)
    assert synchronize_all() == {}
    with clock.running():
        assert write_megathread(
            board=board, clock=clock, people=people, voices=names[1:], team="mira", seed=3, history=History()
        ) is None
