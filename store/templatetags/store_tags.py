from django import template

from store.money import format_money

register = template.Library()


@register.filter
def money(amount_minor, currency):
    """``{{ order.total_minor|money:order.currency }}``: the one way templates show money."""
    if amount_minor in (None, ""):
        return ""
    return format_money(int(amount_minor), str(currency))


@register.simple_tag(takes_context=True)
def cart_count(context) -> int:
    """``{% cart_count as items %}``: how many items the request's cart holds, as the cart actions
    left it in the session (store.carts.cart_item_count); runs no query."""
    from store.carts import cart_item_count

    request = context.get("request")
    return cart_item_count(getattr(request, "session", None))
