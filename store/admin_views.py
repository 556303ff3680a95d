"""The team's order pages in the Wagtail admin: an order's details, history and the forms that call
actions (pack, ship, deliver, refund), and the shipments list that moves many orders at once."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import ngettext

from store import queries
from store.actions.fulfilment import (
    can_move,
    mark_order_delivered,
    mark_order_packed,
    mark_order_shipped,
    move_orders,
)
from store.actions.pipeline import can_transition
from store.actions.refunds import refund_order
from store.actions.rights_grants import grant_purchase_rights_to_top_contributors
from store.carriers import CARRIERS
from store.errors import StoreError
from store.forms import GrantRightsForm, RefundForm, ShipForm, ShipmentsForm
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
            if action == "pack":
                if mark_order_packed(order_id=order.pk, actor=request.user):
                    messages.success(request, f"Order {order.number} marked packed.")
                return redirect(request.path)
            elif action == "ship":
                ship_form = ShipForm(request.POST, prefix="ship")
                if ship_form.is_valid():
                    if mark_order_shipped(
                        order_id=order.pk,
                        actor=request.user,
                        carrier=ship_form.cleaned_data["carrier"],
                        tracking_number=ship_form.cleaned_data["tracking_number"],
                    ):
                        messages.success(
                            request, f"Order {order.number} marked shipped; the buyer is e-mailed."
                        )
                    return redirect(request.path)
            elif action == "deliver":
                if mark_order_delivered(order_id=order.pk, actor=request.user):
                    messages.success(request, f"Order {order.number} marked delivered.")
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
            else:
                messages.error(request, "Choose what to do with the order.")
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
            "carriers": CARRIERS,
            "can_pack": can_move(order, Order.Fulfilment.PACKED),
            "can_ship": can_move(order, Order.Fulfilment.SHIPPED),
            "can_deliver": can_move(order, Order.Fulfilment.DELIVERED),
            "can_refund": order.refundable_minor > 0 and can_transition(order, Order.Status.REFUNDED),
            "page_title": f"Order {order.number}",
            "header_icon": "list-ul",
        },
    )


SHIPMENT_TABS = [
    ("UNFULFILLED", "To pack"),
    ("PACKED", "Packed"),
    ("SHIPPED", "Shipped"),
    ("DELIVERED", "Delivered"),
]


def shipments(request):
    """Paid orders by where their parcel is, with checkboxes to pack, ship or deliver many at once."""
    if not can_manage_orders(request.user):
        raise PermissionDenied
    state = request.GET.get("state", "UNFULFILLED")
    if state not in dict(SHIPMENT_TABS):
        state = "UNFULFILLED"
    form = ShipmentsForm(initial={"move": NEXT_MOVE.get(state, "PACKED")})
    if request.method == "POST":
        posted = [value for value in request.POST.getlist("orders") if value.isdigit()]
        form = ShipmentsForm(
            request.POST,
            order_ids=Order.objects.filter(pk__in=posted[:500]).values_list("pk", flat=True),
        )
        if form.is_valid():
            tracking = {
                pk: request.POST.get(f"tracking-{pk}", "")[:200] for pk in form.cleaned_data["orders"]
            }
            outcome = move_orders(
                actor=request.user,
                order_ids=form.cleaned_data["orders"],
                to=form.cleaned_data["move"],
                carrier=form.cleaned_data["carrier"],
                tracking_numbers=tracking,
            )
            _report(request, outcome, form.cleaned_data["move"])
            return redirect(f"{request.path}?state={state}")
        messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
    page = queries.shipments_page(state=state, page=request.GET.get("p"))
    counts = queries.shipment_counts()
    return render(
        request,
        "store/admin/shipments.html",
        {
            "tabs": [(key, label, counts.get(key, 0)) for key, label in SHIPMENT_TABS],
            "state": state,
            "moves": [(key, label) for key, label in ShipmentsForm.MOVES if key in TAB_MOVES[state]],
            "page": page,
            "form": form,
            "carriers": CARRIERS,
            "page_title": "Shipments",
            "header_icon": "tasks",
        },
    )


NEXT_MOVE = {"UNFULFILLED": "PACKED", "PACKED": "SHIPPED", "SHIPPED": "DELIVERED"}
# The moves each tab offers (the actions still decide, order by order).
TAB_MOVES = {
    "UNFULFILLED": ("PACKED", "SHIPPED"),
    "PACKED": ("SHIPPED",),
    "SHIPPED": ("DELIVERED",),
    "DELIVERED": (),
}
MOVED = {"PACKED": "packed", "SHIPPED": "shipped (each buyer is e-mailed)", "DELIVERED": "delivered"}


def _report(request, outcome, move: str) -> None:
    if outcome.moved:
        messages.success(
            request,
            ngettext(
                "%(n)d order marked %(what)s: %(list)s",
                "%(n)d orders marked %(what)s: %(list)s",
                len(outcome.moved),
            )
            % {"n": len(outcome.moved), "what": MOVED[move], "list": ", ".join(outcome.moved)},
        )
    if outcome.unchanged:
        messages.info(
            request, f"Already {MOVED[move].split(' ')[0]}, left as they were: {', '.join(outcome.unchanged)}"
        )
    for number, reason in outcome.refused:
        messages.error(request, f"{number}: {reason}")


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
