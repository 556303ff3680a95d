from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from store import queries
from store.actions.orders import cancel_order_by_buyer
from store.actions.payments import settle_demo_payment, start_stripe_checkout
from store.errors import StoreError
from store.models import Order
from store.payments.stripe_gateway import PaymentGatewayError
from store.permissions import check_can_view_order
from store.timeline import order_timeline


def _visible_order(request, number) -> Order:
    order = queries.order_detail(number=number)
    if not check_can_view_order(user=request.user, session=request.session, order=order):
        raise Http404("No such order")  # not allowed looks like not found
    return order


@login_required
def order_list(request):
    return render(request, "store/order_list.html", {"orders": queries.order_history(user=request.user)})


def order_detail(request, number):
    order = _visible_order(request, number)
    returned_from_checkout = request.GET.get("checkout") == "success" and order.status == Order.Status.PENDING
    return render(
        request,
        "store/order_detail.html",
        {
            "order": order,
            "lines": list(order.lines.all()),
            "events": sorted(order.events.all(), key=lambda e: (e.created_at, e.pk)),
            "timeline": order_timeline(order),  # from the prefetched events: no query of its own
            "returned_from_checkout": returned_from_checkout,
        },
    )


@require_http_methods(["GET", "POST"])
def pay(request, number):
    order = _visible_order(request, number)
    if order.status != Order.Status.PENDING:
        return redirect(order)
    if order.provider == Order.Provider.STRIPE:
        if request.method != "POST":
            return render(
                request, "store/pay_stripe.html", {"order": order, "lines": list(order.lines.all())}
            )
        detail_url = request.build_absolute_uri(order.get_absolute_url())
        try:
            url = start_stripe_checkout(
                order=order,
                success_url=f"{detail_url}?checkout=success",
                cancel_url=request.build_absolute_uri(reverse("store:pay", kwargs={"number": order.number})),
            )
        except StoreError as exc:
            messages.error(request, exc.text)
            return redirect(order)
        except PaymentGatewayError as exc:
            # Stripe refused or cannot be reached (logged by the gateway): the order keeps its stock
            # hold, and the pay page offers the button again.
            messages.error(request, str(exc))
            return redirect("store:pay", number=order.number)
        return redirect(url)
    if request.method == "POST":
        outcome = request.POST.get("outcome")
        if outcome not in {"success", "failure"}:
            messages.error(request, "Choose whether the demo payment succeeds or fails.")
        else:
            try:
                settle_demo_payment(order=order, succeed=outcome == "success", actor=request.user)
            except StoreError as exc:
                messages.error(request, exc.text)
            else:
                if outcome == "success":
                    messages.success(
                        request, "Demo payment succeeded. No money moved. Your order is confirmed."
                    )
                else:
                    messages.warning(request, "Demo payment failed. No money moved; the order was cancelled.")
            return redirect(order)
    return render(request, "store/pay_demo.html", {"order": order, "lines": list(order.lines.all())})


@require_POST
def cancel(request, number):
    order = _visible_order(request, number)
    try:
        cancel_order_by_buyer(order=order, user=request.user)
    except StoreError as exc:
        messages.error(request, exc.text)
    else:
        messages.success(request, "Order cancelled; nothing was charged.")
    return redirect(order)
