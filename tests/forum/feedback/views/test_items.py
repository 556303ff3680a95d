import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from forum.feedback.models import Attachment, EnvironmentSchema, FeedbackItem, InternalNote, Status
from tests.factories import UserFactory
from tests.forum.feedback.factories import make_release

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 64


def new_url(board):
    return reverse("forum:feedback:new", kwargs={"slug": board.slug})


def test_filing_through_the_form(client, reporter, feedback_board, product):
    release = make_release(product=product, version="V14.0.3.0", live=True)
    EnvironmentSchema.objects.create(
        product=product,
        fields=[
            {"name": "region", "label": "Region", "type": "choice", "choices": ["EU", "US"], "required": True}
        ],
    )
    client.force_login(reporter)
    assert client.get(new_url(feedback_board)).status_code == 200
    response = client.post(
        new_url(feedback_board),
        {
            "kind": "BUG",
            "title": "Screen flickers at low brightness",
            "description": "Flicker below 10%.",
            "release": release.pk,
            "steps": "Lower brightness",
            "actual": "Flicker",
            "frequency": "ALWAYS",
            "env_region": "EU",
            "attachments": [SimpleUploadedFile("shot.png", PNG, "image/png")],
        },
    )
    item = FeedbackItem.objects.get()
    assert response.status_code == 302 and response.url == item.get_absolute_url()
    assert item.affected_release == release and item.environment == {"region": "EU"}
    assert Attachment.objects.get().content_type == "image/png"
    page = client.get(item.get_absolute_url())
    assert page.status_code == 200 and "Screen flickers" in page.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"kind": "BUG", "title": "x", "description": ""},
        {"kind": "NOPE", "title": "A reasonable title", "description": "d"},
        {"kind": "BUG", "title": "A reasonable title", "description": "no steps or actual"},
        {"kind": "SUGGESTION", "title": "A reasonable title", "description": "d", "release": "999"},
        {
            "kind": "SUGGESTION",
            "title": "A reasonable title",
            "description": "d",
            "attachments": [SimpleUploadedFile("evil.exe", b"MZ", "application/octet-stream")],
        },
        {
            "kind": "SUGGESTION",
            "title": "A reasonable title",
            "description": "d",
            "attachments": [SimpleUploadedFile("fake.png", b"not a png", "image/png")],
        },
    ],
)
def test_bad_input_gives_form_errors_never_500(client, reporter, feedback_board, data):
    client.force_login(reporter)
    response = client.post(new_url(feedback_board), data)
    assert response.status_code == 400
    assert FeedbackItem.objects.count() == 0
    form = response.context["form"]
    assert form.errors or form.non_field_errors()


def test_plain_boards_have_no_filing_form(client, reporter, board):
    client.force_login(reporter)
    assert client.get(new_url(board)).status_code == 404


def test_status_change_and_notes_from_the_item_page(client, team, reporter, item):
    client.force_login(team)
    url = item.get_absolute_url()
    client.post(
        reverse("forum:feedback:status", args=[item.thread_id]),
        {"status": Status.objects.get(key="planned").pk, "comment": "Soon"},
    )
    client.post(reverse("forum:feedback:note", args=[item.thread_id]), {"body": "Secret repro"})
    assert FeedbackItem.objects.get().status.key == "planned"
    assert "Secret repro" in client.get(url).content.decode()
    client.force_login(reporter)
    page = client.get(url).content.decode()
    assert "Soon" in page and "Secret repro" not in page and InternalNote.objects.count() == 1
    # the reporter cannot plan, only close; bad input is a message, not a 500
    assert (
        client.post(
            reverse("forum:feedback:status", args=[item.thread_id]),
            {"status": Status.objects.get(key="fixed").pk, "comment": "x"},
        ).status_code
        == 403
    )
    assert (
        client.post(reverse("forum:feedback:status", args=[item.thread_id]), {"status": "abc"}).status_code
        == 302
    )
    client.post(
        reverse("forum:feedback:status", args=[item.thread_id]),
        {"status": Status.objects.get(key="closed").pk, "comment": "Fine now"},
    )
    assert FeedbackItem.objects.get().status.key == "closed"


def test_merged_duplicate_redirects_to_the_survivor(client, team, feedback_board, item):
    from tests.forum.feedback.factories import make_item

    other = make_item(
        board=feedback_board, title="Same battery problem again", author=UserFactory(username="again")
    )
    client.force_login(team)
    response = client.post(
        reverse("forum:feedback:merge", args=[other.thread_id]), {"survivor": item.thread_id}
    )
    assert response.url == item.get_absolute_url()
    client.force_login(other.thread.author)
    assert client.get(other.get_absolute_url()).url == item.get_absolute_url()
    assert (
        client.post(reverse("forum:feedback:merge", args=[item.thread_id]), {"survivor": "x"}).status_code
        == 403
    )


def test_the_status_chip_on_a_feedback_thread_links_to_its_item(client, reporter, feedback_board):
    # Given an item whose row id differs from its thread's id (another thread came first)
    from tests.forum.factories import make_thread
    from tests.forum.feedback.factories import make_item

    make_thread()
    make_thread()
    item = make_item(board=feedback_board, author=reporter)
    assert item.pk != item.thread_id
    # When the thread is opened, then its "Bug · New" chip opens the item page, which answers
    page = client.get(item.thread.get_absolute_url()).content.decode()
    assert f'href="{item.get_absolute_url()}" title="Open the feedback item"' in page
    assert client.get(item.get_absolute_url()).status_code == 200


def test_the_item_page_shows_the_description_through_the_post_sanitiser(client, reporter, feedback_board):
    from tests.forum.feedback.factories import make_item

    item = make_item(
        board=feedback_board,
        author=reporter,
        description="Since **V14.0.3** the phone is flat by morning.<script>alert(1)</script>",
    )
    page = client.get(item.get_absolute_url()).content.decode()
    assert "<h2>Description</h2>" in page
    assert "Since <strong>V14.0.3</strong> the phone is flat by morning." in page
    assert "<script>alert(1)" not in page  # shown as text, never run
    # the sections filed apart are not repeated inside it
    assert page.count("Charge to 100%") == 1


def test_environment_shows_the_labels_the_product_defines(client, reporter, feedback_board, product):
    from tests.forum.feedback.factories import make_item

    EnvironmentSchema.objects.create(
        product=product,
        fields=[
            {"name": "region", "label": "Region", "type": "choice", "choices": ["EU", "US"]},
            {"name": "carrier", "label": "Mobile carrier", "type": "text"},
        ],
    )
    item = make_item(
        board=feedback_board, author=reporter, environment={"carrier": "Vodafone", "region": "EU"}
    )
    # a field the product stopped asking for keeps a readable label
    FeedbackItem.objects.filter(pk=item.pk).update(
        environment={"carrier": "Vodafone", "region": "EU", "sim_slot": "2"}
    )
    page = client.get(item.get_absolute_url()).content.decode()
    assert "<dt>Region</dt><dd>EU</dd>" in page
    assert "<dt>Mobile carrier</dt><dd>Vodafone</dd>" in page
    assert "<dt>Sim slot</dt><dd>2</dd>" in page
    assert "<dt>region</dt>" not in page and "<dt>carrier</dt>" not in page


def test_items_filed_before_descriptions_were_stored_get_theirs_back(reporter, feedback_board):
    import importlib

    from django.apps import apps

    from tests.forum.feedback.factories import make_item

    migration = importlib.import_module("forum.feedback.migrations.0003_feedbackitem_description")
    with_sections = make_item(board=feedback_board, author=reporter, description="Flat by *morning*.")
    suggestion = make_item(
        board=feedback_board, author=reporter, kind="SUGGESTION", title="Dark boot animation",
        description="Make it dark.", steps="",
    )  # fmt: skip
    FeedbackItem.objects.update(description="")

    migration.backfill_descriptions(apps, None)

    with_sections.refresh_from_db()
    suggestion.refresh_from_db()
    assert with_sections.description == "Flat by *morning*."
    assert suggestion.description == "Make it dark."


def test_the_reporter_closes_their_report_from_the_item_page(client, reporter, item):
    # Given the reporter on their item's page
    client.force_login(reporter)
    html = client.get(item.get_absolute_url()).content.decode()
    # Then its close form carries the closed status (read with the item), and posting it closes it
    closed = Status.objects.get(key="closed")
    assert f'<input type="hidden" name="status" value="{closed.pk}">' in html
    client.post(
        reverse("forum:feedback:status", args=[item.thread_id]), {"status": closed.pk, "comment": "Gone"}
    )
    assert FeedbackItem.objects.get(pk=item.pk).status.key == "closed"
    assert "Close my report" not in client.get(item.get_absolute_url()).content.decode()
