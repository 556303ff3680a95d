"""The demo people's standing: members across levels with badges (ledger rows from check-ins and the
team's awards, all made through the actions), profiles, follows and a running tester programme with
applicants. Idempotent: each part is skipped when it is already there."""

from datetime import timedelta

from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from community.models import User
from community.profiles.actions.profile import follow, update_profile
from community.profiles.actions.testers import admit_tester, apply_to_programme
from community.profiles.models import Profile, TesterApplication, TesterProgramme
from community.reputation.actions.badges import backfill_badges, ensure_badges
from community.reputation.actions.checkins import check_in
from community.reputation.actions.ledger import award_points
from community.reputation.actions.rules import ensure_rules
from community.reputation.models import CheckIn, ManualAward
from community.reputation.queries import product_choices
from community.teams import team_group_name

# username: (check-in days in a row ending yesterday, team awards, bio, location)
DEMO_STANDING = {
    "leo": (
        31,
        [
            (400, "Bisected the 1.4 boot loop to one commit"),
            (350, "Kept the battery megathread readable for months"),
            (300, "Wrote the flashing guide the team now links to"),
        ],
        "Tinkerer. I run every beta on two devices and report what breaks.",
        "Berlin",
    ),
    "amara": (
        9,
        [(200, "Crash report with logs that made 1.4.2 possible"), (120, "Translated the release notes")],
        "Photographer; I care about the camera app.",
        "Lagos",
    ),
    "jonas": (4, [(100, "Reproduced the Wi-Fi drop on three routers")], "", "Hamburg"),
    "sofia": (3, [(20, "Helpful answers in the help board")], "New here, mostly reading.", ""),
    "kenji": (2, [], "", "Osaka"),
}
PROGRAMME_SLUG = "weekly-beta"
FOLLOWS = [("leo", "amara"), ("amara", "leo"), ("jonas", "leo"), ("sofia", "amara"), ("kenji", "leo")]


def _team_member() -> User | None:
    return (
        User.objects.filter(username="mira").first()
        or User.objects.filter(is_superuser=True).order_by("pk").first()
    )


def _grant_manage_testers() -> None:
    """What the team needs here beyond community.teams (harmless when it already grants them)."""
    group = Group.objects.filter(name=team_group_name()).first()
    if group is not None:
        wanted = {
            "profiles": [
                "manage_testers",
                "add_testerprogramme",
                "change_testerprogramme",
                "view_testerprogramme",
            ],
            "reputation": [
                "add_manualaward",
                "change_reputationrule",
                "view_reputationrule",
                "change_badge",
                "view_badge",
            ],
        }
        for app_label, codenames in wanted.items():
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
            )


def _seed_person(user: User, team: User | None, spec) -> None:
    days, awards, bio, location = spec
    if not CheckIn.objects.filter(user=user).exists():
        now = timezone.now()
        for back in range(days, 0, -1):
            check_in(user=user, now=now - timedelta(days=back))
    if team is not None and not ManualAward.objects.filter(user=user).exists():
        for points, reason in awards:
            award_points(actor=team, user=user, points=points, reason=reason)
    if not Profile.objects.filter(user=user).exists():
        update_profile(
            user=user,
            display_name=user.display_name,
            bio=bio,
            location=location,
            links=[],
            details_visibility="EVERYONE",
            show_owned_products=True,
            show_activity=True,
            show_follows=True,
        )


def _seed_programme(team: User | None, people: dict[str, User]) -> None:
    choices = product_choices()
    product_id = choices[0][0] if choices else None
    if (
        product_id is not None
        and TesterProgramme.objects.filter(product_id=product_id).exclude(slug=PROGRAMME_SLUG).exists()
    ):
        product_id = None
    programme, _ = TesterProgramme.objects.get_or_create(
        slug=PROGRAMME_SLUG,
        defaults={
            "name": "Weekly beta",
            "product_id": product_id,
            "summary": "Get the weekly beta build every Friday and tell us what broke before everyone else sees it.",
            "rules": "Install each weekly build within three days.\n"
            "File what breaks in the beta board, with steps and logs.\n"
            "Keep builds and screenshots of unreleased features private.\n"
            "Testers who stay silent for a month, or share builds, are removed with a notice and the reason.",
            "minimum_score": 10,
        },
    )
    applications = [
        ("leo", "I already run nightlies and file detailed bugs.", "Pixel 8, beta channel", True),
        ("amara", "I test the camera app every day for work.", "Two phones, stable and beta", True),
        ("jonas", "Happy to test Wi-Fi fixes on my routers.", "Home lab with three routers", False),
        ("sofia", "I'd like to help and learn.", "One phone", False),
    ]
    for username, motivation, setup, admit in applications:
        user = people.get(username)
        if user is None or TesterApplication.objects.filter(programme=programme, user=user).exists():
            continue
        application = apply_to_programme(user=user, programme=programme, motivation=motivation, setup=setup)
        if admit and team is not None:
            admit_tester(actor=team, application=application)


FOLLOWS += [
    ("chen_yu", "lin_xiao"), ("lin_xiao", "chen_yu"), ("zhang_min", "chen_yu"), ("wang.hao", "zhou_tao"),
    ("priya.k", "leo"), ("marco_r", "amara"), ("ingrid", "jonas"), ("yuki_t", "kenji"), ("mei_ling", "yuki_t"),
    ("wei_zhang", "leo"), ("elena_p", "leo"), ("omar.h", "jonas"), ("diego.s", "sofia"), ("hannah.b", "ingrid"),
]  # fmt: skip


def seed_standing(people: dict[str, User], everyone) -> None:
    """``people`` by username; ``everyone`` the DemoPerson list (for bios and locations)."""
    ensure_rules()
    ensure_badges()
    _grant_manage_testers()
    team = people.get("mira") or people.get("admin")
    for username, spec in DEMO_STANDING.items():
        if username in people:
            _seed_person(people[username], team, spec)
    for person in everyone:
        user = people.get(person.username)
        if user is None or person.username in DEMO_STANDING or Profile.objects.filter(user=user).exists():
            continue
        if person.bio or person.location:
            update_profile(
                user=user,
                display_name=user.display_name,
                bio=person.bio,
                location=person.location,
                links=[],
                details_visibility="EVERYONE",
                show_owned_products=True,
                show_activity=True,
                show_follows=True,
            )
    for follower, followed in FOLLOWS:
        if follower in people and followed in people:
            follow(follower=people[follower], followed=people[followed])
    _seed_programme(team, people)
    backfill_badges()
