import pytest

from community.reputation import badges, rules
from community.reputation.actions.badges import award_badge
from community.reputation.models import ReputationRule

pytestmark = pytest.mark.django_db


def test_the_rules_page_shows_the_table_the_team_edits(client):
    ReputationRule.objects.filter(code=rules.VOTE_RECEIVED).update(points=3, daily_cap=30)

    page = client.get("/reputation/rules/").content.decode()

    assert "Vote received" in page and "+3" in page and "30 a day" in page
    assert "Newcomer" in page and "Post links" in page


def test_the_team_edits_rules_in_the_wagtail_admin(admin_client):
    rule = ReputationRule.objects.get(code=rules.POST_CREATED)
    assert admin_client.get("/cms/reputation/rules/").status_code == 200
    response = admin_client.post(
        f"/cms/reputation/rules/edit/{rule.pk}/",
        {
            "name": "Post written",
            "description": "",
            "points": 2,
            "daily_cap": 8,
            "is_active": "on",
            "position": 1,
        },
    )
    assert response.status_code == 302
    rule.refresh_from_db()
    assert (rule.points, rule.daily_cap) == (2, 8)


def test_badge_page_lists_who_earned_it(client, member):
    award_badge(user=member, code=badges.BETA_TESTER)

    assert "Beta tester" in client.get("/reputation/badges/").content.decode()
    page = client.get("/reputation/badges/beta-tester/").content.decode()
    assert member.public_name in page and "/people/member/" in page
    assert client.get("/reputation/badges/nope/").status_code == 404


def test_check_in_button(member_client, member):
    response = member_client.post("/reputation/check-in/", {"next": "/people/member/"})
    assert response.status_code == 302 and response.url == "/people/member/"
    assert member.checkins.count() == 1
    assert member_client.post("/reputation/check-in/", {"next": "https://evil.example/"}).url == "/"


def test_leaderboard_page(client, member, admin_user):
    from community.reputation.actions.ledger import award_points

    award_points(actor=admin_user, user=member, points=5, reason="Thanks")
    for period in ("week", "month", "all", "bogus"):
        response = client.get(f"/reputation/leaderboard/?period={period}&product=x")
        assert response.status_code == 200 and member.public_name in response.content.decode()
