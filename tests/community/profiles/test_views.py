import pytest
from django.contrib.auth.models import Permission

from community import hooks
from community.profiles import models as profile_models
from community.profiles import testers
from community.profiles.actions import profile as actions
from community.profiles.queries import ActivityItem, ActivityTab
from community.reputation import badges
from community.reputation.actions.badges import award_badge
from community.reputation.actions.ledger import award_points
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PROFILE_QUERIES = 16  # session, viewer, site and its settings, person, levels (2), badges, products,
# programmes, is-following, the open tab (2), the header's unread count, and the store's hooks:
# profiles.owned_products (1) and community.product_names for the declared products (1)


def enrich(person, admin_user, *, n: int) -> None:
    for code in [b.code for b in badges.DEFAULT_BADGES][:n]:
        award_badge(user=person, code=code)
    for product_id in range(1, n + 1):
        actions.declare_product(user=person, product_id=product_id)
    for fan in UserFactory.create_batch(n):
        actions.follow(follower=fan, followed=person)
    for i in range(n):
        award_points(actor=admin_user, user=person, points=i + 1, reason=f"thanks {i}")


def count_queries(client, url, django_assert_max_num_queries) -> int:
    with django_assert_max_num_queries(PROFILE_QUERIES) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_profile_page_runs_a_fixed_number_of_queries(
    client, member, other_member, admin_user, django_assert_max_num_queries
):
    enrich(member, admin_user, n=1)
    enrich(other_member, admin_user, n=6)
    viewer = UserFactory(username="viewer")
    client.force_login(viewer)
    client.get("/reputation/rules/")  # the first request of a site creates its settings rows
    client.get("/people/member/")  # and the first page that checks board access caches it

    small = count_queries(client, "/people/member/", django_assert_max_num_queries)
    large = count_queries(client, "/people/other/", django_assert_max_num_queries)

    assert small == large


def test_profile_shows_level_badges_products_and_points(client, member, admin_user):
    enrich(member, admin_user, n=2)

    page = client.get("/people/member/").content.decode()

    assert "First post" in page and "First accepted feedback" in page
    assert "Product #1" in page and "self-declared" in page
    assert "Level 1" in page and "thanks 1" in page
    assert "2 followers" in page


def test_verified_products_and_activity_tabs_come_from_hooks(client, member):
    actions.declare_product(user=member, product_id=8)

    def owned(user):
        return [{"product_id": 8, "name": "Canopy Phone", "url": "/store/p/phone/"}]

    def tabs(*, user, viewer):
        return [
            ActivityTab(
                "hooked",
                "Hooked",
                lambda limit: [ActivityItem("My thread", "/forum/t/1/", user.date_joined)],
            )
        ]

    hooks.register(hooks.Hook.PROFILES_OWNED_PRODUCTS, owned)
    hooks.register(hooks.Hook.PROFILES_ACTIVITY_TABS, tabs)
    try:
        page = client.get("/people/member/?tab=hooked").content.decode()
    finally:
        hooks.unregister(hooks.Hook.PROFILES_OWNED_PRODUCTS, owned)
        hooks.unregister(hooks.Hook.PROFILES_ACTIVITY_TABS, tabs)

    assert "Canopy Phone" in page and "Verified owner" in page
    assert "self-declared" not in page  # verified wins over the declaration
    assert "My thread" in page


def test_privacy_settings_hide_details_from_others_but_not_from_the_person(client, member, other_member):
    actions.update_profile(
        user=member,
        display_name="M",
        bio="secret bio",
        location="Hidden town",
        links=[],
        details_visibility="ONLY_ME",
        show_owned_products=False,
        show_activity=False,
        show_follows=False,
    )
    actions.declare_product(user=member, product_id=2)

    anonymous = client.get("/people/member/").content.decode()
    client.force_login(member)
    own = client.get("/people/member/").content.decode()

    assert "secret bio" not in anonymous and "Product #2" not in anonymous and "Points" not in anonymous
    assert "secret bio" in own and "Product #2" in own


def test_members_only_details(client, member, other_member):
    actions.update_profile(
        user=member,
        display_name="M",
        bio="members bio",
        location="",
        links=[],
        details_visibility="MEMBERS",
        show_owned_products=True,
        show_activity=True,
        show_follows=True,
    )
    assert "members bio" not in client.get("/people/member/").content.decode()
    client.force_login(other_member)
    assert "members bio" in client.get("/people/member/").content.decode()


def test_follow_and_feed(client, member, other_member):
    client.force_login(member)
    client.post("/people/other/follow/")
    award_badge(user=other_member, code=badges.VERIFIED_OWNER)

    feed = client.get("/people/me/feed/").content.decode()

    assert "Verified owner" in feed and other_member.public_name in feed
    client.post("/people/other/follow/", {"action": "unfollow"})
    assert "Nothing yet" in client.get("/people/me/feed/").content.decode()


def test_edit_profile_and_avatar(client, member):
    from tests.community.profiles.actions.test_profile import png

    client.force_login(member)
    assert client.get("/people/me/edit/").status_code == 200
    response = client.post(
        "/people/me/edit/",
        {
            "display_name": "Mem",
            "bio": "hi",
            "location": "",
            "links": "https://a.example/\n",
            "details_visibility": "EVERYONE",
            "show_activity": "on",
            "avatar": png(300, 300),
        },
    )
    assert response.status_code == 302
    avatar = client.get("/people/member/avatar/")
    assert avatar.status_code == 302 and "avatars/" in avatar.url
    assert client.get("/people/other/avatar/").status_code == 404
    bad = client.post("/people/me/edit/", {"details_visibility": "EVERYONE", "links": "javascript:x"})
    assert bad.status_code == 200


def test_generated_avatar_for_people_without_one(client, other_member):
    response = client.get("/people/other/avatar/")
    assert response["Content-Type"] == "image/svg+xml" and b"<svg" in response.content


def test_programme_pages_apply_and_manage(client, member, other_member):
    programme = profile_models.TesterProgramme.objects.create(
        name="Weekly beta", slug="weekly-beta", rules="Test weekly."
    )
    client.force_login(member)
    assert "Test weekly." in client.get("/people/programmes/weekly-beta/").content.decode()
    client.post("/people/programmes/weekly-beta/", {"motivation": "I love betas", "setup": "Phone"})
    application = profile_models.TesterApplication.objects.get(user=member)
    assert client.get("/people/programmes/weekly-beta/manage/").status_code == 403

    other_member.user_permissions.add(Permission.objects.get(codename="manage_testers"))
    client.force_login(other_member)
    assert "I love betas" in client.get("/people/programmes/weekly-beta/manage/").content.decode()
    no_reason = client.post(
        "/people/programmes/weekly-beta/manage/", {"application": application.pk, "decision": "decline"}
    )
    assert no_reason.status_code == 200
    client.post(
        "/people/programmes/weekly-beta/manage/", {"application": application.pk, "decision": "admit"}
    )
    application.refresh_from_db()
    assert application.status == "ADMITTED"
    assert member.public_name in client.get("/people/programmes/weekly-beta/").content.decode()
    assert "Weekly beta" in client.get("/people/programmes/").content.decode()
    assert testers.testers(programme)[0].user == member


def test_the_team_awards_points_from_a_profile(client, member, admin_user):
    client.force_login(admin_user)
    assert "Team award" in client.get("/people/member/").content.decode()

    client.post("/people/member/award/", {"points": "15", "reason": "Great logs"})
    client.post("/people/member/award/", {"points": "x", "reason": "Bad"})
    client.post("/people/member/award/", {"points": "5", "reason": ""})

    assert member.reputation_entries.get().points == 15
    client.force_login(member)
    assert "Team award" not in client.get("/people/admin/").content.decode()
    assert client.post("/people/admin/award/", {"points": "5", "reason": "me"}).status_code == 403


# The person card's endpoint: the site and its settings (the theme middleware), the card query (3),
# and signed in the reader (the session is signed cookies).
CARD_QUERIES = {False: 5, True: 6}


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_person_card_endpoint_runs_an_exact_number_of_queries(
    client, member, other_member, admin_user, signed_in, django_assert_num_queries
):
    enrich(other_member, admin_user, n=3)
    if signed_in:
        client.force_login(member)
    client.get("/people/other/card/")  # the level table is cached by the first card of the site
    with django_assert_num_queries(CARD_QUERIES[signed_in]):
        response = client.get("/people/other/card/", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert other_member.public_name in html and "First post" in html and "3 followers" in html
    assert ('action="/people/other/follow/"' in html) is signed_in


def test_the_person_card_of_nobody_is_404_and_follow_shows_its_state(client, member, other_member):
    assert client.get("/people/nobody-at-all/card/").status_code == 404
    client.force_login(member)
    actions.follow(follower=member, followed=other_member)
    html = client.get("/people/other/card/").content.decode()
    assert "Following" in html and 'value="unfollow"' in html
    assert "Follow</span>" not in client.get("/people/member/card/").content.decode()  # not yourself
