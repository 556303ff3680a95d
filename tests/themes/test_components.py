"""The design system's components (themes/base/templates/components/) render what their documented
parameters say, accessibly, and without queries."""

from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string

from community.templatetags.ui import page_window
from tests.factories import UserFactory

COMPONENTS = Path(settings.BASE_DIR) / "themes" / "base" / "templates" / "components"


def render(component: str, **context) -> str:
    return render_to_string(f"components/{component}.html", context)


def test_every_component_documents_its_parameters_at_the_top():
    for path in COMPONENTS.glob("*.html"):
        source = path.read_text()
        assert source.startswith("{% comment %}"), path.name
        assert "{% endcomment %}" in source.split("\n\n")[0] or "{% endcomment %}" in source, path.name


def test_an_icon_is_hidden_or_named():
    decorative = render("icon", name="bell")
    named = render("icon", name="bell", label="Notifications", size="lg")
    assert 'aria-hidden="true"' in decorative and "role=" not in decorative and "#bell" in decorative
    assert 'role="img" aria-label="Notifications"' in named and "<title>Notifications</title>" in named
    assert 'width="24" height="24"' in named


@pytest.mark.django_db
def test_an_avatar_has_its_size_fixed_and_runs_no_query(django_assert_num_queries):
    person = UserFactory(username="lena", display_name="Lena Ito")
    with django_assert_num_queries(0):
        html = render("avatar", person=person, size="lg")
    assert 'class="avatar avatar--lg avatar--c' in html and 'aria-hidden="true"' in html
    assert 'data-initials="LI"></span>' in html  # drawn by CSS: decoration, not a link's words
    named = render("avatar", person=person, size="md", alt="Lena Ito")
    assert 'role="img" aria-label="Lena Ito"' in named
    assert 'data-initials="?"></span>' in render("avatar", person=None)


@pytest.mark.django_db
def test_a_person_links_to_the_profile_and_loads_the_card(django_assert_num_queries):
    person = UserFactory(username="ravi", display_name="Ravi")
    html = render("person", person=person, owner=True, card=True)
    assert 'href="/people/ravi/"' in html and 'data-card="/people/ravi/card/"' in html
    assert "Verified owner" in html and "mark--team" not in html
    assert "data-card" not in render("person", person=person, card=False)
    former = render("person", person=None)
    assert "A former member" in former and "href" not in former


def test_buttons_links_and_icon_only_buttons_have_names():
    assert render("button", label="Go", href="/x").startswith(
        '<a class="btn btn--primary btn--md" href="/x">'
    )
    icon_only = render("button", label="Bookmark", icon="bookmark", icon_only=True, type="submit")
    assert (
        'aria-label="Bookmark"' in icon_only
        and 'type="submit"' in icon_only
        and "<span>Bookmark" not in icon_only
    )
    assert "disabled" in render("button", label="No", disabled=True)


def test_a_status_chip_says_its_status_in_words():
    html = render("status_chip", label="Planned", tone="progress")
    assert "chip--progress" in html and "Planned" in html


def test_an_empty_state_offers_the_next_action():
    html = render("empty_state", title="No threads yet", action_label="Start one", action_href="/new/")
    assert "No threads yet" in html and 'href="/new/"' in html and "Start one" in html
    assert "btn" not in render("empty_state", title="Nothing")


@pytest.mark.parametrize(
    ("page", "pages", "window"),
    [
        (1, 1, [1]),
        (1, 3, [1, 2, 3]),
        (5, 12, [1, None, 4, 5, 6, None, 12]),
        (3, 12, [1, 2, 3, 4, None, 12]),
        (12, 12, [1, None, 11, 12]),
        (99, 4, [1, 2, 3, 4]),
        ("x", 4, []),
    ],
)
def test_the_page_window(page, pages, window):
    assert page_window(page, pages) == window


def test_pagination_marks_the_current_page_and_hides_for_one_page():
    html = render("pagination", page=2, pages=3, url="?page=")
    assert '<a href="?page=2" aria-current="page">2</a>' in html
    assert 'rel="prev" href="?page=1"' in html and 'rel="next" href="?page=3"' in html
    assert render("pagination", page=1, pages=1, url="?page=").strip() == ""


def test_tabs_mark_the_current_one():
    html = render(
        "tabs",
        label="Sections",
        tabs=[{"label": "A", "url": "?a", "active": True}, {"label": "B", "url": "?b"}],
    )
    assert 'aria-label="Sections"' in html and '<a class="tabs__tab" href="?a" aria-current="page">' in html


def test_an_error_toast_is_announced_at_once():
    assert 'role="alert"' in render("toast", message="Failed", tone="error")
    assert 'role="status"' in render("toast", message="Saved", tone="success")
