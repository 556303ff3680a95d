"""Receivers for write paths the store does not own: allauth / Django log-in."""

import logging

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from store.actions.cart import merge_session_cart
from store.carts import find_cart, remember_item_count

logger = logging.getLogger(__name__)


@receiver(user_logged_in, dispatch_uid="store.merge_session_cart")
def merge_cart_on_login(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    try:
        merge_session_cart(user=user, session=request.session)
        # The header's cart count follows the member's cart from now on (store.carts).
        remember_item_count(request.session, find_cart(user=user, session=request.session))
    except Exception:  # a cart problem must never block a log-in
        logger.exception("could not merge the visitor's cart into %s's", user.pk)
