"""The team's order page in the Wagtail admin: details, history, and the forms that call actions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import ngettext

from store.actions.orders import mark_order_completed, mark_order_shipped
from store.actions.pipeline import can_transition
from store.actions.refunds import refund_order
from store.actions.rights_grants import grant_purchase_rights_to_top_contributors
from store.errors import StoreError
from store.forms import GrantRightsForm, RefundForm, ShipForm
from store.models import Drop, Order, PurchaseRight
from store.permissions import can_manage_orders


def order_manage(request, pk):
    if not can_manage_orders(request.user):
        raise PermissionDenied
    order = get_object_or_404(Order.objects.select_related("user"), pk=pk)
    ship_form, refund_form = ShipForm(prefix="ship"), RefundForm(prefix="refund")
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "ship":
                ship_form = ShipForm(request.POST, prefix="ship")
                if ship_form.is_valid():
                    mark_order_shipped(
                        order_id=order.pk,
                        actor=request.user,
                        tracking_number=ship_form.cleaned_data["tracking_number"],
                    )
                    messages.success(request, f"Order {order.number} marked shipped; the buyer was e-mailed.")
                    return redirect(request.path)
            elif action == "complete":
                mark_order_completed(order_id=order.pk, actor=request.user)
                messages.success(request, f"Order {order.number} completed.")
                return redirect(request.path)
            elif action == "refund":
                refund_form = RefundForm(request.POST, prefix="refund")
                if refund_form.is_valid():
                    refund_order(
                        order_id=order.pk,
                        actor=request.user,
                        amount_minor=refund_form.cleaned_data["amount_minor"],
                        reason=refund_form.cleaned_data["reason"],
                    )
                    messages.success(request, f"Refund recorded for order {order.number}.")
                    return redirect(request.path)
        except StoreError as exc:
            messages.error(request, exc.text)
        order.refresh_from_db()
    return render(
        request,
        "store/admin/order_manage.html",
        {
            "order": order,
            "lines": list(order.lines.order_by("id")),
            "events": list(order.events.select_related("actor").order_by("created_at", "id")),
            "refunds": list(order.refunds.order_by("created_at", "id")),
            "ship_form": ship_form,
            "refund_form": refund_form,
            "can_ship": can_transition(order, Order.Status.SHIPPED),
            "can_complete": can_transition(order, Order.Status.COMPLETED),
            "can_refund": order.refundable_minor > 0 and can_transition(order, Order.Status.REFUNDED),
            "page_title": f"Order {order.number}",
            "header_icon": "list-ul",
        },
    )


def drop_grant_rights(request, pk):
    """Grant a drop's one-use purchase-right codes to the top people of its product."""
    if not can_manage_orders(request.user):
        raise PermissionDenied
    drop = get_object_or_404(Drop.objects.select_related("product"), pk=pk)
    form = GrantRightsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = grant_purchase_rights_to_top_contributors(
                actor=request.user,
                drop=drop,
                product_id=drop.product_id,
                source=form.cleaned_data["source"],
                count=form.cleaned_data["count"],
                period=form.cleaned_data["period"],
            )
        except StoreError as exc:
            messages.error(request, exc.text)
        else:
            messages.success(
                request,
                ngettext("Granted %(n)d new code", "Granted %(n)d new codes", len(result.granted))
                % {"n": len(result.granted)}
                + f" for {drop.title}; "
                f"{len(result.already_held)} of the people chosen already held one.",
            )
            return redirect(request.path)
    return render(
        request,
        "store/admin/drop_grant_rights.html",
        {
            "drop": drop,
            "form": form,
            "rights": list(
                PurchaseRight.objects.filter(drop=drop)
                .select_related("user")
                .order_by("-granted_at", "-id")[:200]
            ),
            "page_title": f"Grant purchase rights: {drop.title}",
            "header_icon": "key",
        },
    )
