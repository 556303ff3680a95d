from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from store import conf
from store.actions.checkout import ShippingAddress, place_order
from store.errors import StoreError
from store.forms import CheckoutForm
from store.views.cart import cart_summary

GUEST_ORDERS_KEY = "store_orders"


def remember_order(request, order) -> None:
    numbers = [n for n in request.session.get(GUEST_ORDERS_KEY, []) if n != order.number]
    request.session[GUEST_ORDERS_KEY] = [order.number, *numbers][:20]


@require_http_methods(["GET", "POST"])
def checkout(request):
    rows, quote, problem = cart_summary(request)
    if not rows and request.method != "POST":
        messages.info(request, "Your cart is empty.")
        return redirect("store:cart")
    initial = {"email": request.user.email} if request.user.is_authenticated else {}
    initial["checkout_key"] = CheckoutForm.new_checkout_key()
    if quote:
        initial["expected_total_minor"] = quote.total_minor
    form = CheckoutForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                # A repeated submission of this form (same checkout_key) returns the first order.
                order = place_order(
                    user=request.user,
                    session=request.session,
                    email=data["email"],
                    address=ShippingAddress(
                        name=data["name"],
                        line1=data["line1"],
                        line2=data["line2"],
                        city=data["city"],
                        postal_code=data["postal_code"],
                        country=data["country"],
                    ),
                    expected_total_minor=data["expected_total_minor"],
                    purchase_code=data["purchase_code"],
                    checkout_key=data["checkout_key"],
                )
            except StoreError as exc:
                messages.error(request, exc.text)
                rows, quote, problem = cart_summary(request)
                if not rows:
                    return redirect("store:cart")
                data = request.POST.copy()
                data["expected_total_minor"] = quote.total_minor if quote else ""
                form = CheckoutForm(data)
                form.is_valid()
                status = 409
            else:
                remember_order(request, order)
                return redirect("store:pay", number=order.number)
        elif not rows:
            messages.info(request, "Your cart is empty.")
            return redirect("store:cart")
        else:
            status = 400
    return render(
        request,
        "store/checkout.html",
        {
            "form": form,
            "rows": rows,
            "quote": quote,
            "problem": problem,
            "stripe_enabled": conf.stripe_enabled(),
        },
        status=status,
    )
