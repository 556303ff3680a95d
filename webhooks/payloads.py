"""What a delivery says about an event, for one subscriber: ``build(event, owner, **ids)`` returns the
``data`` of the payload, or None when the subscription's owner could not read it on the site (a thread
in a board they cannot see, an order when they may not manage orders). The checks are the pages' own
permission functions (forum.permissions, forum.feedback.queries, store.permissions).

Each payload describes the event as it was committed; it carries what a page shows, never more:
no internal notes, no shipping address, no payment ids."""

from collections.abc import Callable

from django.urls import reverse

from community.events import Event
from community.sites import absolute_url
from forum.feedback.models import FeedbackItem, Release, StatusChange
from forum.feedback.queries import visible_items
from forum.models import Post, Thread
from forum.permissions import access_for, can_see_post, can_see_thread
from store.models import Order, Refund
from store.permissions import can_manage_orders


def _when(value) -> str | None:
    return value.isoformat() if value is not None else None


def person(user) -> dict | None:
    if user is None:
        return None
    return {"username": user.username, "name": user.public_name}


def board_data(board) -> dict:
    return {"id": board.pk, "slug": board.slug, "name": board.name}


def thread_data(thread: Thread) -> dict:
    return {
        "id": thread.pk,
        "title": thread.title,
        "url": absolute_url(thread.get_absolute_url()),
        "board": board_data(thread.board),
        "author": person(thread.author),
        "created_at": _when(thread.created_at),
        "is_approved": thread.is_approved,
    }


def post_data(post: Post) -> dict:
    return {
        "id": post.pk,
        "number": post.number,
        "url": absolute_url(post.get_absolute_url()),
        "author": person(post.author),
        "body": post.body,
        "created_at": _when(post.created_at),
        "reply_to": post.reply_to_id,
        "is_approved": post.is_approved,
    }


def product_data(product) -> dict:
    return {"id": product.pk, "slug": product.slug, "name": product.name}


def status_data(status) -> dict | None:
    return None if status is None else {"key": status.key, "name": status.name, "category": status.category}


def item_data(item: FeedbackItem) -> dict:
    return {
        "id": item.thread_id,
        "title": item.thread.title,
        "url": absolute_url(item.get_absolute_url()),
        "kind": item.kind,
        "product": product_data(item.product),
        "status": status_data(item.status),
        "affected_release": item.affected_release.version if item.affected_release_id else None,
        "fixed_in": item.fixed_in.version if item.fixed_in_id else None,
        "reporter": person(item.thread.author),
        "created_at": _when(item.created_at),
    }


def order_data(order: Order) -> dict:
    return {
        "number": order.number,
        "status": order.status,
        "provider": order.provider,
        "email": order.email,
        "currency": order.currency,
        "subtotal_minor": order.subtotal_minor,
        "shipping_minor": order.shipping_minor,
        "tax_minor": order.tax_minor,
        "total_minor": order.total_minor,
        "refunded_minor": order.refunded_minor,
        "created_at": _when(order.created_at),
        "paid_at": _when(order.paid_at),
        "source_thread_id": order.source_thread_id,
        "admin_url": absolute_url(reverse("store_orders:edit", args=[order.pk])),
        "lines": [
            {
                "sku": line.sku,
                "title": line.title,
                "quantity": line.quantity,
                "unit_price_minor": line.unit_price_minor,
                "total_minor": line.total_minor,
            }
            for line in order.lines.order_by("id")
        ],
    }


_THREAD = ("board", "author")
_ITEM = ("thread__board", "thread__author", "product", "status", "affected_release", "fixed_in")


def _thread_started(owner, *, thread_id: int) -> tuple[str, dict] | None:
    thread = Thread.objects.select_related(*_THREAD, "first_post__author").filter(pk=thread_id).first()
    if thread is None or not can_see_thread(owner, thread):
        return None
    return f"thread:{thread.pk}", {"thread": thread_data(thread), "post": post_data(thread.first_post)}


def _post_created(owner, *, post_id: int) -> tuple[str, dict] | None:
    post = Post.objects.select_related("author", "thread__board", "thread__author").filter(pk=post_id).first()
    if post is None or not can_see_post(owner, post):
        return None
    return f"post:{post.pk}", {"thread": thread_data(post.thread), "post": post_data(post)}


def _readable_item(owner, pk: int) -> FeedbackItem | None:
    return visible_items(owner).select_related(*_ITEM).filter(pk=pk).first()


def _feedback_filed(owner, *, item_id: int) -> tuple[str, dict] | None:
    item = _readable_item(owner, item_id)
    if item is None:
        return None
    return f"feedback:{item.thread_id}", {
        "item": item_data(item),
        "description": item.description,
        "steps": item.steps,
        "expected": item.expected,
        "actual": item.actual,
    }


def _status_changed(owner, *, change_id: int) -> tuple[str, dict] | None:
    change = (
        StatusChange.objects.select_related("from_status", "to_status", "actor", "release")
        .filter(pk=change_id)
        .first()
    )
    item = change and _readable_item(owner, change.item_id)
    if item is None:
        return None
    return f"feedback:{item.thread_id}", {
        "item": item_data(item),
        "from_status": status_data(change.from_status),
        "to_status": status_data(change.to_status),
        "comment": change.comment,
        "release": change.release.version if change.release_id else None,
        "actor": person(change.actor),
        "changed_at": _when(change.created_at),
    }


def _merged(owner, *, duplicate_id: int, survivor_id: int) -> tuple[str, dict] | None:
    survivor = _readable_item(owner, survivor_id)
    duplicate = (
        FeedbackItem.objects.select_related(*_ITEM).filter(pk=duplicate_id).first() if survivor else None
    )
    # The duplicate's thread is closed by the merge (moderators still read it): its board must be
    # one the owner reads.
    if duplicate is None or not access_for(owner).can_read(duplicate.thread.board_id):
        return None
    return f"feedback:{survivor.thread_id}", {
        "duplicate": item_data(duplicate),
        "survivor": item_data(survivor),
    }


def _release_published(owner, *, release_id: int) -> tuple[str, dict] | None:
    release = Release.objects.select_related("product").filter(pk=release_id, live=True).first()
    if release is None:
        return None
    fixed = (
        visible_items(owner)
        .select_related(*_ITEM)
        .filter(fixed_in=release, duplicate_of__isnull=True)
        .order_by("thread_id")
    )
    return f"release:{release.pk}", {
        "release": {
            "id": release.pk,
            "product": product_data(release.product),
            "version": release.version,
            "channel": release.channel,
            "released_on": release.released_on.isoformat(),
            "published_at": _when(release.published_at),
            "url": absolute_url(release.get_absolute_url()),
            "changelog": release.changelog,
        },
        "fixed": [item_data(item) for item in fixed],
    }


def _order_paid(owner, *, order_id: int) -> tuple[str, dict] | None:
    order = Order.objects.filter(pk=order_id).first() if can_manage_orders(owner) else None
    if order is None:
        return None
    return f"order:{order.pk}", {"order": order_data(order)}


def _order_refunded(owner, *, order_id: int, refund_id: int) -> tuple[str, dict] | None:
    refund = (
        Refund.objects.select_related("order").filter(pk=refund_id, order_id=order_id).first()
        if can_manage_orders(owner)
        else None
    )
    if refund is None:
        return None
    return f"order:{order_id}", {
        "order": order_data(refund.order),
        "refund": {
            "amount_minor": refund.amount_minor,
            "currency": refund.order.currency,
            "reason": refund.reason,
            "created_at": _when(refund.created_at),
        },
    }


BUILDERS: dict[Event, Callable[..., tuple[str, dict] | None]] = {
    Event.THREAD_STARTED: _thread_started,
    Event.POST_CREATED: _post_created,
    Event.FEEDBACK_FILED: _feedback_filed,
    Event.FEEDBACK_STATUS_CHANGED: _status_changed,
    Event.FEEDBACK_MERGED: _merged,
    Event.RELEASE_PUBLISHED: _release_published,
    Event.ORDER_PAID: _order_paid,
    Event.ORDER_REFUNDED: _order_refunded,
}


def build(event: Event | str, owner, **ids: int) -> tuple[str, dict] | None:
    """``(subject, data)`` of ``event`` as ``owner`` may read it, or None when they may not (or the
    rows are gone)."""
    return BUILDERS[Event(event)](owner, **ids)


# Lists a payload carries whose rows are checked one by one (a release's fixed items).
_LISTED = {Event.RELEASE_PUBLISHED: ("fixed",)}


def readable_now(event: Event | str, owner, ids: dict, sent: dict) -> bool:
    """Whether ``owner`` may still read everything in ``sent`` (the ``data`` of a payload built when
    the event happened from ``ids``): the event's rows must still be readable by them, and so must
    every row of a list it carried (an item that moved to a private board since)."""
    event = Event(event)
    built = build(event, owner, **ids)
    if built is None:
        return False
    _, data = built
    for key in _LISTED.get(event, ()):
        readable = {row["id"] for row in data.get(key, [])}
        if any(row["id"] not in readable for row in sent.get(key, [])):
            return False
    return True
