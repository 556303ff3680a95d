"""Demo data for the forum: boards for the demo products and believable threads (forum/demo_content.py)."""

from django.contrib.auth.models import Group
from django.db import transaction

from community.models import User
from community.teams import team_group_name
from forum.models import Board
from store.models import Product

BETA_GROUP = "Beta testers"


def _board(slug: str, **fields) -> Board:
    board, _ = Board.objects.get_or_create(slug=slug, defaults=fields)
    return board


@transaction.atomic
def ensure_boards() -> dict[str, Board]:
    beta, _ = Group.objects.get_or_create(name=BETA_GROUP)
    boards: dict[str, Board] = {}
    boards["community"] = _board("community", name="Community", kind=Board.Kind.SECTION, position=0)
    boards["announcements"] = _board(
        "announcements",
        name="Announcements",
        kind=Board.Kind.ANNOUNCEMENTS,
        parent=boards["community"],
        position=0,
        description="News from the Canopy team: releases, events and changes to the community.",
    )
    boards["lounge"] = _board(
        "lounge",
        name="Lounge",
        parent=boards["community"],
        position=1,
        description="Introduce yourself, share your setup, talk about anything that is not a bug report.",
    )
    boards["beta"] = _board(
        "beta-lab",
        name="Beta lab",
        parent=boards["community"],
        position=2,
        read_access=Board.Access.GROUP,
        start_access=Board.Access.GROUP,
        reply_access=Board.Access.GROUP,
        access_group=beta,
        description="Pre-release builds and their rough edges. Only beta testers can see this board.",
    )
    products = list(Product.objects.filter(status=Product.Status.ACTIVE).order_by("name")[:6])
    if products:
        boards["products"] = _board("products", name="Products", kind=Board.Kind.SECTION, position=1)
    for index, product in enumerate(products):
        boards[f"{product.slug}"] = _board(
            product.slug,
            name=product.name,
            parent=boards["products"],
            position=index,
            product=product,
            description=f"Questions, tips and discussion about the {product.name}.",
        )
        boards[f"{product.slug}-feedback"] = _board(
            f"{product.slug}-feedback",
            name=f"{product.name}: bugs and ideas",
            parent=boards[product.slug],
            kind=Board.Kind.FEEDBACK,
            position=0,
            product=product,
            description=f"Report a bug or suggest a feature for the {product.name}. Vote for what matters to you.",
        )
    for username in ("leo", "kenji"):  # two members test pre-release builds
        member = User.objects.filter(username=username).first()
        if member is not None:
            member.groups.add(beta)
    team = User.objects.filter(groups__name=team_group_name()).first()
    if team is not None:
        for board in boards.values():
            board.moderators.add(team)
    return boards


def seed_forum_demo(stdout=None) -> None:
    from forum.demo_content import seed_threads

    boards = ensure_boards()
    created = seed_threads(boards)
    if stdout is not None:
        stdout.write(f"Forum: {len(boards)} boards, {created} new demo threads.")
