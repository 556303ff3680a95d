"""A small forum, feedback board, store and a member with a token, made through the actions, for the
API's contract and fuzz tests."""

from dataclasses import dataclass

from django.contrib.auth.models import Group

from community.teams import team_group_name
from forum.limits import limits_off
from forum.models import Board
from tests.factories import UserFactory
from tests.forum.factories import BoardFactory, make_replies, make_thread
from tests.forum.feedback.factories import make_item, make_release
from tests.store.factories import ProductFactory, VariantFactory, place_test_order


@dataclass
class ApiData:
    member: object
    token: str
    board: Board
    thread: object
    posts: list
    product: object
    variant: object
    feedback_board: Board
    item: object
    release: object
    order: object
    team_token: str = ""  # a product team member's, with feedback:triage


def seed_api_data() -> ApiData:
    from api.actions.tokens import create_token

    member = UserFactory(username="apimember")
    other = UserFactory(username="apiother")
    board = BoardFactory(slug="general", name="General")
    thread = make_thread(board=board, author=other, title="How do I pair the remote?")
    posts = make_replies(thread, 3, authors=[other, member])
    product = ProductFactory(name="Aurora 14", slug="aurora-14")
    variant = VariantFactory(product=product, sku="A14-BLK")
    feedback_board = BoardFactory(
        slug="aurora-14-feedback", name="Aurora 14 feedback", kind=Board.Kind.FEEDBACK, product=product
    )
    release = make_release(product=product, version="1.4.2", live=True, changelog="## Fixed\n- Pairing")
    item = make_item(board=feedback_board, author=other, title="Battery drains overnight on standby")
    with limits_off():
        order = place_test_order(user=member, variant=variant, email=member.email)
    _, token = create_token(user=member, name="fuzz", scopes=["read", "write"])
    team = UserFactory(username="apiteam")
    team.groups.add(Group.objects.get(name=team_group_name()))
    _, team_token = create_token(user=team, name="fuzz", scopes=["read", "write", "feedback:triage"])
    return ApiData(
        member,
        token,
        board,
        thread,
        posts,
        product,
        variant,
        feedback_board,
        item,
        release,
        order,
        team_token,
    )
