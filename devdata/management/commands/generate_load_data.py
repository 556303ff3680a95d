import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from community.models import LoadDataRun, User
from devdata.loadgen import (
    DEFAULT_POSTS,
    DEFAULT_SEED,
    TEAM_USERNAME,
    LoadContext,
    Sizes,
    generate,
    load_password,
    username,
)


class Command(BaseCommand):
    help = (
        "Generate a large deterministic community for load tests (people, products, orders, boards, "
        "threads, posts, votes, feedback) with bulk inserts that keep every stored counter right, then "
        "index it. Use a throwaway database."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--posts", type=int, default=DEFAULT_POSTS, help="Posts to write (default 200000)."
        )
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Same seed, same rows.")
        parser.add_argument(
            "--reuse",
            action="store_true",
            help="Do nothing (exit 0) when load data of the same size and seed is already there.",
        )
        parser.add_argument(
            "--force", action="store_true", help="Generate even though the database already has people."
        )

    def handle(self, *args, posts: int, seed: int, reuse: bool, force: bool, **options):
        if settings.CANOPY_ENV == "production":
            raise CommandError("Refusing to generate load data with production settings.")
        if posts < 2:
            raise CommandError("Generate at least 2 posts.")
        sizes = Sizes.for_posts(posts)
        existing = LoadDataRun.objects.order_by("-pk").first()
        if existing is not None:
            if reuse and existing.posts == sizes.posts and existing.seed == seed:
                self.stdout.write(
                    f"Load data is already there ({existing.posts:,} posts, seed {existing.seed}); nothing to do."
                )
                return
            raise CommandError(
                f"Load data is already there ({existing.posts:,} posts, seed {existing.seed}); "
                "use a fresh database (or --reuse with the same --posts and --seed)."
            )
        if User.objects.filter(username__in=[username(1), TEAM_USERNAME]).exists():
            raise CommandError("Load data people (load0001...) already exist: use a fresh database.")
        if not force and User.objects.exists():
            raise CommandError("The database already has people; use a fresh one (or --force to add to it).")

        self.stdout.write(
            f"Generating {sizes.posts:,} posts in {sizes.threads:,} threads over {sizes.boards} boards, "
            f"{sizes.people:,} people, a thread of {sizes.big_thread_posts:,} posts (seed {seed})."
        )
        ctx = LoadContext(sizes=sizes, seed=seed, stdout=self.stdout)
        began = time.perf_counter()
        results = generate(ctx)
        seconds = time.perf_counter() - began
        LoadDataRun.objects.create(
            posts=sizes.posts,
            seed=seed,
            rows={result.name: result.rows for result in results},
            seconds=round(seconds, 3),
            created_at=timezone.now(),
        )
        self.stdout.write(self.style.SUCCESS(f"Load data ready in {seconds:.1f} s."))
        for line in ctx.data.get("summary", []):
            self.stdout.write(f"  {line}")
        self.stdout.write(
            f"  sign in as {username(1)}..{username(sizes.people)} or {TEAM_USERNAME} (product team), "
            f"password {load_password()}"
        )
