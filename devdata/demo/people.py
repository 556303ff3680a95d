# ruff: noqa: RUF001  (natural-language text: full-width punctuation and letters of other alphabets)
"""The demo's people: the seven logins the README names (admin, mira of the product team, and five
members) and a community of members from several countries, so threads have many voices.

Everyone shares the demo password (``DEMO_PASSWORD`` or ``canopy-demo-2026``); its hash is computed
once (hashing is deliberately slow, and fifty people would take most of the seed's time)."""

import os
import zlib
from dataclasses import dataclass
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from community.models import User

EMAIL_DOMAIN = "canopy.localhost"


@dataclass(frozen=True)
class DemoPerson:
    username: str
    display_name: str
    role: str  # "admin", "team" or "member"
    location: str = ""
    bio: str = ""

    @property
    def email(self) -> str:
        return f"{self.username.replace('_', '.')}@{EMAIL_DOMAIN}"


LOGINS = [
    DemoPerson("admin", "Site Admin", "admin"),
    DemoPerson("mira", "Mira Chen (Product team)", "team", "Singapore", "Product manager for the Aurora line. I read every feedback board."),
    DemoPerson("leo", "Leo Park", "member", "Berlin"),
    DemoPerson("amara", "Amara Okafor", "member", "Lagos"),
    DemoPerson("jonas", "Jonas Weber", "member", "Hamburg"),
    DemoPerson("sofia", "Sofía Ruiz", "member", "Madrid"),
    DemoPerson("kenji", "Kenji Sato", "member", "Osaka"),
]  # fmt: skip

# The wider community: (username, display name, location, bio)
COMMUNITY = [
    ("chen_yu", "陈宇", "深圳", "数码爱好者，每周都刷内测版。"),
    ("lin_xiao", "林晓", "上海", "摄影党，主要关注相机和续航。"),
    ("wang.hao", "王浩", "北京", "程序员，智能家居折腾中。"),
    ("zhang_min", "张敏", "杭州", "Aurora 14 森林绿，用了三个月。"),
    ("liu_yang", "刘洋", "成都", ""),
    ("huang_jing", "黄静", "广州", "喜欢安静的降噪耳机。"),
    ("zhou_tao", "周涛", "武汉", "家里二十多个 Zigbee 设备。"),
    ("xu_lei", "徐磊", "南京", ""),
    ("mei_ling", "Mei-Ling Tan", "Kuala Lumpur", "Night photography and long hikes."),
    ("wei_zhang", "Wei Zhang", "Vancouver", "Android developer. I break betas for fun."),
    ("priya.k", "Priya Kumar", "Bengaluru", "Battery nerd. I log screen-on time every day."),
    ("arjun_m", "Arjun Mehta", "Pune", ""),
    ("marco_r", "Marco Rossi", "São Paulo", "Commuter, podcast addict, Buds Pro daily."),
    ("lucia.f", "Lucía Fernández", "Buenos Aires", ""),
    ("ingrid", "Ingrid Larsen", "Oslo", "Smart-home tinkerer. Thread and Matter everything."),
    ("tomasz", "Tomasz Nowak", "Kraków", "Repair before replace."),
    ("yuki_t", "Yuki Tanaka", "Tokyo", "Street photographer."),
    ("hiro.n", "Hiroshi Nakamura", "Nagoya", ""),
    ("minji", "Kim Min-ji", "Seoul", "Mobile games at 120 Hz, always."),
    ("fatima_z", "Fatima Zahra", "Casablanca", ""),
    ("omar.h", "Omar Haddad", "Amman", "Network engineer; Wi-Fi bugs are my hobby."),
    ("chloe_m", "Chloé Martin", "Lyon", ""),
    ("pierre.d", "Pierre Dubois", "Montréal", ""),
    ("anna_k", "Anna Kowalski", "Warsaw", "Accessibility tester."),
    ("diego.s", "Diego Santos", "Lisbon", "Long-time reader, first bug fixed in two weeks."),
    ("nkechi", "Nkechi Eze", "Abuja", ""),
    ("kwame_a", "Kwame Asante", "Accra", "Runner. Buds Pro on every run."),
    ("sara.l", "Sara Lindqvist", "Stockholm", ""),
    ("mateo_g", "Mateo García", "Valencia", ""),
    ("elena_p", "Elena Popescu", "Bucharest", "QA by day, beta tester by night."),
    ("raj_p", "Raj Patel", "Leicester", ""),
    ("hannah.b", "Hannah Becker", "Munich", "Home Hub since 2.0."),
    ("lars_v", "Lars Visser", "Utrecht", ""),
    ("aisha_b", "Aisha Bello", "Kano", ""),
    ("nguyen_an", "Nguyễn An", "Hà Nội", "Dual SIM, always travelling."),
    ("sophie.w", "Sophie Walker", "Manchester", ""),
    ("gabriel_o", "Gabriel Oliveira", "Porto Alegre", ""),
    ("emre_y", "Emre Yılmaz", "İzmir", "Camera settings obsessive."),
    ("noor_a", "Noor Al-Sayed", "Dubai", ""),
    ("ravi_s", "Ravi Shankar", "Chennai", ""),
    ("jake_t", "Jake Thompson", "Denver", "Old phones, new batteries."),
    ("olga_v", "Olga Volkova", "Tbilisi", ""),
    ("tariq", "Tariq Mahmood", "Lahore", ""),
    ("isabel_c", "Isabel Costa", "Rio de Janeiro", ""),
]

MEMBERS = [DemoPerson(u, name, "member", where, bio) for u, name, where, bio in COMMUNITY]
EVERYONE = LOGINS + MEMBERS
CHINESE_SPEAKERS = ["chen_yu", "lin_xiao", "wang.hao", "zhang_min", "liu_yang", "huang_jing", "zhou_tao", "xu_lei", "mira", "wei_zhang", "mei_ling"]  # fmt: skip


def joined_days_ago(person: DemoPerson) -> int:
    """Members of a community with history joined months or years ago (a new account may not upload
    images or post links: the demo's regulars are not new). Deterministic per username."""
    return 90 + zlib.crc32(person.username.encode()) % 640


def demo_password() -> str:
    return os.environ.get("DEMO_PASSWORD") or "canopy-demo-2026"


def ensure_people(team_group) -> tuple[dict[str, User], list[DemoPerson]]:
    """Everyone, by username; and the logins created by this run."""
    existing = {user.username: user for user in User.objects.filter(username__in=[p.username for p in EVERYONE])}
    password_hash = None
    created = []
    for person in EVERYONE:
        if person.username in existing:
            continue
        password_hash = password_hash or make_password(demo_password())
        user = User.objects.create(
            username=person.username,
            email=person.email,
            display_name=person.display_name,
            password=password_hash,
            is_staff=person.role in {"admin", "team"},
            is_superuser=person.role == "admin",
            date_joined=timezone.now() - timedelta(days=joined_days_ago(person)),
        )
        if person.role == "team":
            user.groups.add(team_group)
        EmailAddress.objects.create(user=user, email=person.email, verified=True, primary=True)
        existing[person.username] = user
        created.append(person)
    return existing, created
