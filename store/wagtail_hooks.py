"""The store in the Wagtail admin: catalog, drops and purchase rights as model viewsets, and orders
with filters and a manage page (pack, ship, deliver, refund through Stripe) that calls actions, and the
shipments list where the team moves many paid orders at once."""

from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets import Button

import community.parsing  # noqa: F401  (registers the <id:...> path converter)
from store import admin_views
from store.actions.drops import create_drop, update_drop
from store.models import Category, Drop, Order, Product, PurchaseRight
from store.permissions import can_manage_orders


class ProductViewSet(ModelViewSet):
    model = Product
    name = "store_products"
    url_prefix = "store/products"
    icon = "pick"
    menu_label = "Products"
    list_display = ["name", "slug", "category", "status", "updated_at"]
    list_filter = ["status", "category"]
    search_fields = ["name", "slug"]
    copy_view_enabled = False
    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("slug"), FieldPanel("category"), FieldPanel("status")],
            heading="Product",
        ),
        FieldPanel("description"),
        MultiFieldPanel([FieldPanel("aliases"), FieldPanel("version_pattern")], heading="Community links"),
        FieldPanel("max_per_order"),
        InlinePanel("variants", heading="Variants (SKU, options, price in minor units, stock)", min_num=1),
        InlinePanel(
            "images",
            heading="Gallery (drag to order; the first picture is the product card's)",
            label="Picture",
            panels=[FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("option_value")],
        ),
    ]


class CategoryViewSet(ModelViewSet):
    model = Category
    name = "store_categories"
    url_prefix = "store/categories"
    icon = "folder-open-inverse"
    menu_label = "Categories"
    list_display = ["name", "slug", "position"]
    form_fields = ["name", "slug", "position"]
    copy_view_enabled = False


class DropForm(WagtailAdminModelForm):
    """The team's drop form saves through the drop actions: ``remaining`` follows ``quantity``."""

    def save(self, commit=True):
        drop = super().save(commit=False)
        if not commit:
            return drop
        if drop.pk is None:
            return create_drop(drop=drop)
        return update_drop(
            drop=drop,
            fields=list(self.cleaned_data),
            previous_quantity=self.initial.get("quantity", drop.quantity),
        )


class DropEditView(EditView):
    @cached_property
    def header_more_buttons(self):
        return [
            Button(
                "Grant purchase rights to top people",
                url=reverse("store_drops:grant_rights", args=[self.object.pk]),
                icon_name="key",
                priority=5,
            ),
            *super().header_more_buttons,
        ]


class DropViewSet(ModelViewSet):
    model = Drop
    edit_view_class = DropEditView
    name = "store_drops"
    url_prefix = "store/drops"
    icon = "time"
    menu_label = "Limited drops"
    list_display = [
        "title",
        "product",
        "starts_at",
        "quantity",
        "remaining",
        "per_person_limit",
        "requires_code",
    ]
    list_filter = ["requires_code"]
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("product"),
            FieldPanel("title"),
            FieldPanel("slug"),
            FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
            FieldRowPanel([FieldPanel("quantity"), FieldPanel("per_person_limit")]),
            FieldPanel("requires_code"),
        ],
        base_form_class=DropForm,
    )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("grant-rights/<id:pk>/", admin_views.drop_grant_rights, name="grant_rights"),
        ]


class PurchaseRightViewSet(ModelViewSet):
    model = PurchaseRight
    name = "store_purchase_rights"
    url_prefix = "store/purchase-rights"
    icon = "key"
    menu_label = "Purchase rights"
    list_display = ["code", "drop", "user", "granted_at", "used_at"]
    list_filter = ["drop"]
    search_fields = ["code"]
    form_fields = ["drop", "user", "code"]
    copy_view_enabled = False


class OrderViewSet(ModelViewSet):
    """Orders are read and moved here, never edited as raw fields: the edit URL is the manage page."""

    model = Order
    name = "store_orders"
    url_prefix = "store/orders"
    icon = "list-ul"
    menu_label = "Orders"
    list_display = [
        "number",
        "email",
        "status",
        "fulfilment_status",
        "total_display",
        "provider",
        "source_thread_id",
        "created_at",
    ]
    list_filter = ["status", "fulfilment_status", "provider", "created_at"]
    search_fields = ["number", "email", "shipping_name"]
    form_fields = ["carrier", "tracking_number"]
    copy_view_enabled = False
    list_per_page = 50

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("edit/<id:pk>/", admin_views.order_manage, name="edit"),
        ]

    def get_queryset(self, request):
        return Order.objects.order_by("-created_at", "-id")

    def get_index_view_kwargs(self, **kwargs):
        # Orders are created by checkout only, and never deleted from the admin.
        return super().get_index_view_kwargs(
            add_url_name=None, delete_url_name=None, copy_url_name=None, **kwargs
        )


class ShipmentsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_orders(request.user)


class ShipmentViewSet(ViewSet):
    """Paid orders by where their parcel is; the team packs, ships and delivers them in bulk."""

    name = "store_shipments"
    url_prefix = "store/shipments"
    icon = "tasks"
    menu_label = "Shipments"
    menu_item_class = ShipmentsMenuItem

    def get_urlpatterns(self):
        return [path("", admin_views.shipments, name="index")]


class StoreViewSetGroup(ModelViewSetGroup):
    menu_label = "Store"
    menu_icon = "pick"
    menu_order = 250
    items = (
        OrderViewSet,
        ShipmentViewSet,
        ProductViewSet,
        CategoryViewSet,
        DropViewSet,
        PurchaseRightViewSet,
    )


@hooks.register("register_admin_viewset")
def register_store_viewsets():
    return StoreViewSetGroup()
