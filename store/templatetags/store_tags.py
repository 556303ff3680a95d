from django import template

from store.money import format_money

register = template.Library()


@register.filter
def money(amount_minor, currency):
    """``{{ order.total_minor|money:order.currency }}``: the one way templates show money."""
    if amount_minor in (None, ""):
        return ""
    return format_money(int(amount_minor), str(currency))
