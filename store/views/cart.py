from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from community.parsing import parse_id
from store import pricing
from store.actions.cart import add_to_cart, parse_quantity, set_cart_quantity
from store.carts import cart_rows, find_cart, priced_lines
from store.errors import StoreError


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def cart_summary(request):
    rows = cart_rows(find_cart(user=request.user, session=request.session))
    quote, problem = None, ""
    if rows:
        try:
            lines, currency = priced_lines(rows)
            quote = pricing.quote(lines=lines, currency=currency)
        except StoreError as exc:
            problem = exc.text
    return rows, quote, problem


def cart(request):
    rows, quote, problem = cart_summary(request)
    return render(request, "store/cart.html", {"rows": rows, "quote": quote, "problem": problem})


@require_POST
def add(request):
    fallback = reverse("store:cart")
    try:
        quantity = parse_quantity(request.POST.get("quantity"))
        line = add_to_cart(
            user=request.user,
            session=request.session,
            variant_id=request.POST.get("variant"),
            quantity=quantity,
            source_thread_id=parse_id(request.POST.get("source_thread_id")),
        )
    except StoreError as exc:
        messages.error(request, exc.text)
        return redirect(_safe_next(request, fallback))
    if request.POST.get("buy_now"):
        return redirect("store:checkout")
    messages.success(request, f"Added {quantity} x {line.variant} to your cart.")
    return redirect(_safe_next(request, fallback))


@require_POST
def update(request):
    try:
        raw = request.POST.get("quantity")
        quantity = 0 if request.POST.get("remove") or str(raw).strip() == "0" else parse_quantity(raw)
        set_cart_quantity(
            user=request.user,
            session=request.session,
            variant_id=request.POST.get("variant"),
            quantity=quantity,
        )
    except StoreError as exc:
        messages.error(request, exc.text)
    else:
        messages.success(request, "Cart updated.")
    return redirect("store:cart")
