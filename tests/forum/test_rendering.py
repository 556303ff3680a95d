"""Posts link the products and releases they name, also those that appear after the post was written."""

import pytest

from forum.models import Post
from search import linking
from search.index import sync_ids
from tests.forum.factories import make_thread
from tests.store.factories import ProductFactory, VariantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_linker():
    linking.invalidate()
    yield
    linking.invalidate()


def test_a_new_product_links_from_the_posts_that_already_name_it(
    client, board, member, django_capture_on_commit_callbacks
):
    # Given posts written before the product existed
    naming = make_thread(board=board, author=member, title="Waiting", body="Is the Orbit Watch out yet?")
    other = make_thread(board=board, author=member, title="Other", body="Nothing to see")
    client.get(naming.get_absolute_url())  # the post's core is cached
    assert "entity-link" not in Post.objects.get(pk=naming.first_post.pk).body_html
    other_html = Post.objects.get(pk=other.first_post.pk).body_html
    # When the product appears and is indexed (what saving it in the admin does after commit)
    watch = ProductFactory(name="Orbit Watch", slug="orbit-watch")
    VariantFactory(product=watch, sku="ORB-W1")
    with django_capture_on_commit_callbacks(execute=True):
        sync_ids(model_label="store.product", ids=[watch.pk])
    # Then the post naming it links to it, on the page too, and the others are untouched
    html = Post.objects.get(pk=naming.first_post.pk).body_html
    assert f'<a href="{watch.get_absolute_url()}" class="entity-link" title="Orbit Watch"' in html
    assert Post.objects.get(pk=other.first_post.pk).body_html == other_html
    page = client.get(naming.get_absolute_url()).content.decode()
    assert f'href="{watch.get_absolute_url()}" class="entity-link"' in page


def test_a_published_release_links_from_posts_on_its_products_board(
    board, member, django_capture_on_commit_callbacks
):
    from tests.forum.feedback.factories import make_release

    phone = ProductFactory(name="Nimbus Phone", slug="nimbus-phone")
    board.product = phone
    board.save()
    thread = make_thread(board=board, author=member, title="Bootloop", body="Bootloops since V2.0.1 here")
    release = make_release(product=phone, version="2.0.1", live=True)
    with django_capture_on_commit_callbacks(execute=True):
        sync_ids(model_label="feedback.release", ids=[release.pk])
    html = Post.objects.get(pk=thread.first_post.pk).body_html
    assert f'href="{release.get_absolute_url()}"' in html and ">V2.0.1</a>" in html
