from django.http import Http404

from forum.feedback.models import FeedbackItem, Release
from forum.feedback.queries import active_product, release_by_version
from forum.permissions import check_see_thread
from store.models import Product


def get_item(user, thread_pk: int) -> FeedbackItem:
    item = (
        FeedbackItem.objects.filter(thread_id=thread_pk)
        .select_related(
            "thread__board__product",
            "thread__author",
            "status",
            "product",
            "variant",
            "affected_release",
            "fixed_in",
            "duplicate_of__thread",
        )
        .first()
    )
    if item is None:
        raise Http404("No such feedback.")
    check_see_thread(user, item.thread)
    return item


def get_product(slug: str) -> Product:
    return active_product(slug)


def get_release(user, product_slug: str, version: str, *, include_drafts: bool = False) -> Release:
    return release_by_version(product_slug, version, include_drafts=include_drafts)
