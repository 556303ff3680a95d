import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError

from community.notifications.models import Notification
from community.profiles import models as profile_models
from community.profiles import testers
from community.profiles.actions import testers as tester_actions
from community.reputation import badges, rules
from community.reputation.actions.ledger import award
from tests.community.reputation.factories import thread_source
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
Status = profile_models.TesterApplication.Status


@pytest.fixture
def programme(db):
    return profile_models.TesterProgramme.objects.create(
        name="Weekly beta", slug="weekly-beta", product_id=5, rules="Be kind."
    )


@pytest.fixture
def team(db):
    person = UserFactory(username="teamlead")
    person.user_permissions.add(Permission.objects.get(codename="manage_testers"))
    return person


def notices(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).order_by("id").values_list("text", flat=True))


def test_apply_then_admit_joins_the_group_with_a_notice_and_the_badge(member, programme, team):
    application = tester_actions.apply_to_programme(
        user=member, programme=programme, motivation="I test a lot", setup="Phone 2"
    )
    assert application.status == Status.PENDING
    assert (
        tester_actions.apply_to_programme(user=member, programme=programme, motivation="again").pk
        == application.pk
    )

    tester_actions.admit_tester(actor=team, application=application)

    application.refresh_from_db()
    programme.refresh_from_db()
    assert application.status == Status.ADMITTED and application.decided_by == team
    assert member.groups.filter(pk=programme.group_id).exists()
    assert member.badge_awards.filter(badge__code=badges.BETA_TESTER).exists()
    assert notices(member) == ["Welcome to Weekly beta: your application was accepted."]
    assert set(Notification.objects.filter(recipient=member).values_list("kind", flat=True)) == {"PROGRAMME"}


def test_decline_needs_a_reason_and_tells_the_applicant(member, programme, team):
    application = tester_actions.apply_to_programme(user=member, programme=programme, motivation="Please")
    with pytest.raises(ValidationError):
        tester_actions.decline_application(actor=team, application=application, reason=" ")

    tester_actions.decline_application(actor=team, application=application, reason="Full this month")

    application.refresh_from_db()
    assert (application.status, application.reason) == (Status.DECLINED, "Full this month")
    assert notices(member) == ["Your application to Weekly beta was declined: Full this month"]
    assert (
        tester_actions.apply_to_programme(user=member, programme=programme, motivation="Next month?").status
        == Status.PENDING
    )


def test_removal_only_with_a_reason_and_a_notice(member, programme, team):
    application = tester_actions.admit_tester(
        actor=team,
        application=tester_actions.apply_to_programme(user=member, programme=programme, motivation="Yes"),
    )
    with pytest.raises(ValidationError):
        tester_actions.remove_tester(actor=team, application=application, reason="")
    assert member.groups.exists()

    tester_actions.remove_tester(actor=team, application=application, reason="Shared a beta build")

    application.refresh_from_db()
    assert application.status == Status.REMOVED and not member.groups.exists()
    assert notices(member)[-1] == "You were removed from Weekly beta: Shared a beta build"
    assert testers.beta_tester_holders() == {badges.BETA_TESTER: {member.pk}}  # the badge is kept


def test_only_the_team_decides(member, other_member, programme):
    application = tester_actions.apply_to_programme(user=member, programme=programme, motivation="Yes")
    with pytest.raises(PermissionDenied):
        tester_actions.admit_tester(actor=other_member, application=application)


def test_a_closed_programme_takes_no_applications(member, programme):
    programme.is_open = False
    programme.save()
    with pytest.raises(ValidationError):
        tester_actions.apply_to_programme(user=member, programme=programme, motivation="Yes")


def test_contribution_score_counts_product_points_since_admission(member, other_member, programme, team):
    award(
        user=member, rule=rules.BUG_ACKNOWLEDGED, source=thread_source(), product_id=5
    )  # before: not counted
    for person in (member, other_member):
        tester_actions.admit_tester(
            actor=team,
            application=tester_actions.apply_to_programme(user=person, programme=programme, motivation="Yes"),
        )
    award(user=member, rule=rules.FEEDBACK_FIXED, source=thread_source(), product_id=5)
    award(user=member, rule=rules.FEEDBACK_FIXED, source=thread_source(), product_id=9)  # other product

    scores = {row.user.username: row.score for row in testers.testers(programme)}

    assert scores == {"member": 20, "other": 0}
    assert testers.top_testers(product_id=5, limit=1) == [member.pk]
