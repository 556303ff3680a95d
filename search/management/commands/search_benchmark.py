"""Benchmark the search backends on a generated corpus: indexing throughput and query latency.

    DATABASE_URL=sqlite:////tmp/search-bench.sqlite3 .venv/bin/python manage.py migrate
    DATABASE_URL=sqlite:////tmp/search-bench.sqlite3 .venv/bin/python manage.py search_benchmark --posts 200000

Documents go through the same path as real ones (entity linker, then the backend's bulk write)
under their own types ("bench_thread", "bench_post"), which are removed afterwards unless --keep.
Use a throwaway database: the benchmark writes a lot of rows.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from datetime import UTC, datetime, timedelta

from django.core.management.base import BaseCommand, CommandError

from search import conf, linking
from search.api import run_search
from search.backends import database_backend
from search.backends.base import IndexItem, SearchUnavailable
from search.query import SearchQuery, parse
from search.registry import ACCESS_MEMBERS, ACCESS_PUBLIC, Document, Entity
from search.viewer import Viewer
from search.wordlist import FILLER, WORDS

PRODUCTS = [("Nimbus Phone", ("NPhone",)), ("Orbit Watch", ("Orbit",)), ("Aurora Tab", ("ATab",))]
VERSIONS = ["1.4.2", "1.4.3", "1.5.0", "2.0.1"]
ONE_WORD = ["battery", "camera", "wifi", "bootloop", "fingerprint", "stabilization", "earbuds", "lag"]
TWO_WORDS = [
    "battery drain",
    "camera night",
    "wifi signal",
    "screen flicker",
    "bluetooth pairing",
    "charger heat",
]
OTHER = ['"battery drain"', "camera -night", "1.4.2", "Nimbus Phone battery"]
SUGGEST = ["ba", "bat", "batt", "cam", "came", "wif", "scr", "blue", "fing", "nimb"]


SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ne",
    "ru",
    "ta",
    "shi",
    "po",
    "ve",
    "da",
    "ni",
    "ko",
    "ra",
    "se",
    "tu",
    "la",
    "mo",
    "be",
    "ga",
    "fi",
]


class Corpus:
    """Words drawn like real text: a long Zipf tail of ordinary words, filler words everywhere, and
    domain words (battery, camera...) each in a few percent of posts, the commonest in about 10%."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        rng = random.Random(seed + 1)
        common = {
            "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(30_000)
        } - set(WORDS)
        self.common = sorted(common)
        rng.shuffle(self.common)
        self.common_cum = list(_accumulate(1 / (rank + 1) for rank in range(len(self.common))))
        self.domain = WORDS
        self.domain_cum = list(_accumulate(1 / (rank + 1) ** 0.6 for rank in range(len(WORDS))))
        self.fill_cum = list(_accumulate(1 / (rank + 1) for rank in range(len(FILLER))))

    def title_words(self) -> list[str]:
        """Titles say what the thread is about: one to three domain words among ordinary ones."""
        rng = self.rng
        words = rng.choices(self.domain, cum_weights=self.domain_cum, k=rng.randint(1, 3))
        words += rng.choices(self.common, cum_weights=self.common_cum, k=rng.randint(2, 5))
        rng.shuffle(words)
        return words

    def words(self, n: int) -> list[str]:
        rng = self.rng
        n_domain = sum(1 for _ in range(n) if rng.random() < 0.03) or (1 if rng.random() < 0.5 else 0)
        n_filler = int(n * 0.45)
        out = rng.choices(self.common, cum_weights=self.common_cum, k=max(0, n - n_domain - n_filler))
        out += rng.choices(FILLER, cum_weights=self.fill_cum, k=n_filler)
        out += rng.choices(self.domain, cum_weights=self.domain_cum, k=n_domain)
        rng.shuffle(out)
        if rng.random() < 0.15:
            name, aliases = rng.choice(PRODUCTS)
            out.insert(rng.randrange(len(out) + 1), rng.choice((name, *aliases)))
        if rng.random() < 0.08:
            out.insert(rng.randrange(len(out) + 1), rng.choice(VERSIONS))
        return out


def _accumulate(values):
    total = 0.0
    for value in values:
        total += value
        yield total


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]


class Command(BaseCommand):
    help = "Generate a corpus, index it and report indexing throughput and query latency per backend."

    def add_arguments(self, parser):
        parser.add_argument("--posts", type=int, default=200_000, help="posts to generate (1M on request)")
        parser.add_argument("--posts-per-thread", type=int, default=10)
        parser.add_argument("--repeat", type=int, default=15, help="runs of the fixed query set")
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument("--keep", action="store_true", help="leave the corpus in the index")
        parser.add_argument(
            "--candidates", type=int, default=None, help="override SEARCH_CANDIDATES (SQLite ranking window)"
        )
        parser.add_argument(
            "--backend",
            choices=["all", "database", "elasticsearch"],
            default="all",
            help="which backends to run",
        )

    def handle(self, *args, posts, posts_per_thread, repeat, batch_size, seed, keep, backend, **options):
        if options.get("candidates"):
            from django.conf import settings

            settings.SEARCH_CANDIDATES = options["candidates"]
        if posts < 100:
            raise CommandError("--posts must be at least 100")
        backends = []
        if backend in ("all", "database"):
            backends.append(database_backend())
        if backend in ("all", "elasticsearch") and conf.elasticsearch_url():
            from search.backends.elasticsearch import ElasticsearchBackend

            backends.append(ElasticsearchBackend(conf.elasticsearch_url()))
        elif backend == "elasticsearch":
            raise CommandError("ELASTICSEARCH_URL is not set")
        for engine in backends:
            try:
                self.run(engine, posts, posts_per_thread, repeat, batch_size, seed, keep)
            except SearchUnavailable as exc:
                self.stderr.write(f"{engine.name}: not available ({exc})")

    def linker(self) -> linking.Linker:
        entities = [
            Entity(kind="product", id=900_000 + i, names=(name, *aliases), product_id=900_000 + i)
            for i, (name, aliases) in enumerate(PRODUCTS)
        ]
        entities += [
            Entity(kind="release", id=910_000 + i * 10 + j, product_id=900_000 + i, version=v)
            for i in range(len(PRODUCTS))
            for j, v in enumerate(VERSIONS)
        ]
        return linking.Linker(entities)

    def documents(self, posts: int, per_thread: int, seed: int):
        corpus = Corpus(seed)
        start = datetime(2025, 1, 1, tzinfo=UTC)
        thread_id = 0
        title = ""
        for n in range(posts):
            is_first = n % per_thread == 0
            if is_first:
                thread_id += 1
                title = " ".join(corpus.title_words()).capitalize()
            body = " ".join(corpus.words(corpus.rng.randint(25, 90)))
            access = ACCESS_MEMBERS if thread_id % 10 == 0 else ACCESS_PUBLIC
            document = Document(
                title=title,
                body=body,
                url=f"/bench/{thread_id}/{n}",
                created_at=start + timedelta(minutes=n),
                author_id=n % 500,
                board_id=thread_id % 12,
                thread_id=thread_id,
                votes=corpus.rng.randint(0, 50) if is_first else 0,
                access=access,
                index_title=is_first,  # as forum replies: shown with their thread's title, not searched by it
            )
            yield (is_first, thread_id if is_first else n, document)

    @staticmethod
    def item(linker: linking.Linker, is_first: bool, object_id: int, document: Document) -> IndexItem:
        links = linker.find(f"{document.title}\n{document.body}")
        return IndexItem(
            type="bench_thread" if is_first else "bench_post",
            object_id=object_id,
            document=document,
            product_ids=tuple(sorted({link.product_id for link in links if link.product_id})),
            release_ids=tuple(sorted(link.id for link in links if link.kind == "release")),
            suggest=is_first,
        )

    def run(self, engine, posts, per_thread, repeat, batch_size, seed, keep):
        write = self.stdout.write
        load = " ".join(f"{x:.1f}" for x in os.getloadavg())
        write(f"== {engine.name}: {posts} posts ({posts // per_thread} threads); load average {load} ==")
        # Timed: entity linking, building index items, the backend's bulk write and its final merge,
        # as `search_reindex --fresh` does. Not timed: generating the random text.
        started = time.perf_counter()
        engine.begin_rebuild(["bench_thread", "bench_post"], fresh=True)
        elapsed = time.perf_counter() - started
        done = 0
        documents = self.documents(posts, per_thread, seed)
        linker = self.linker()
        while done < posts:
            raw = [next(documents) for _ in range(min(batch_size, posts - done))]
            started = time.perf_counter()
            engine.upsert([self.item(linker, *args) for args in raw], fresh=True)
            elapsed += time.perf_counter() - started
            done += len(raw)
            self.stderr.write(f"\rindexed {done}/{posts}", ending="")
        started = time.perf_counter()
        engine.finish_rebuild()
        elapsed += time.perf_counter() - started
        self.stderr.write("")
        write(
            f"indexing: {done} posts in {elapsed:.1f}s = {done / elapsed:,.0f} posts/s (linking + write + merge)"
        )
        self.optimize(engine)
        viewer = Viewer()
        groups = {
            "one word": ONE_WORD,
            "two words": TWO_WORDS,
            "phrase/exclusion/version/3 words": OTHER,
        }
        # Queries run as the results page runs them (api.run_search: whole words, and the last word
        # as a prefix only when that finds nothing), with facets and highlights.
        for label, queries in groups.items():
            samples = self.measure(repeat, queries, lambda q: run_search(engine, SearchQuery(text=q), viewer))
            self.report(label, samples)
        samples = self.measure(repeat, SUGGEST, lambda q: engine.suggest(parse(q), viewer, limit=8))
        self.report("suggestions", samples)
        samples = self.measure(
            repeat, ONE_WORD, lambda q: run_search(engine, SearchQuery(text=q, sort="newest"), viewer)
        )
        self.report("one word, newest first", samples)
        # The retry path (and similar items): the last word as a prefix ("battery*").
        samples = self.measure(
            repeat, ONE_WORD, lambda q: engine.search(SearchQuery(text=q), parse(q, prefix_last=True), viewer)
        )
        self.report("one word as a prefix", samples)
        self.write_load()
        if not keep:
            for type_name in ("bench_thread", "bench_post"):
                engine.clear(type_name)

    def write_load(self) -> None:
        load = " ".join(f"{x:.1f}" for x in os.getloadavg())
        self.stdout.write(f"load average after the queries: {load} ({os.cpu_count()} CPUs)")

    def optimize(self, engine) -> None:
        """What a deployment does after a bulk load: update the planner's statistics."""
        from django.db import connection

        with connection.cursor() as cursor:
            if engine.name == "sqlite":
                cursor.execute("ANALYZE")
            elif engine.name == "postgresql":
                cursor.execute("ANALYZE search_indexentry")
                cursor.execute("ANALYZE search_indextag")

    @staticmethod
    def measure(repeat: int, queries: list[str], run) -> list[float]:
        for q in queries:  # warm caches once, as a running site has them warm
            run(q)
        samples = []
        for _ in range(repeat):
            for q in queries:
                started = time.perf_counter()
                run(q)
                samples.append((time.perf_counter() - started) * 1000)
        return samples

    def report(self, label: str, samples: list[float]) -> None:
        self.stdout.write(
            f"{label:<34} n={len(samples):<4} p50={percentile(samples, 50):6.1f} ms  "
            f"p95={percentile(samples, 95):6.1f} ms  p99={percentile(samples, 99):6.1f} ms  "
            f"mean={statistics.fmean(samples):6.1f} ms"
        )
