from django.urls import path

from store.views import cart, catalog, checkout, orders, stripe_webhook

app_name = "store"

urlpatterns = [
    path("", catalog.catalog, name="catalog"),
    path("cart/", cart.cart, name="cart"),
    path("cart/add/", cart.add, name="cart_add"),
    path("cart/update/", cart.update, name="cart_update"),
    path("checkout/", checkout.checkout, name="checkout"),
    path("orders/", orders.order_list, name="orders"),
    path("orders/<str:number>/", orders.order_detail, name="order"),
    path("orders/<str:number>/pay/", orders.pay, name="pay"),
    path("orders/<str:number>/cancel/", orders.cancel, name="order_cancel"),
    path("drops/<slug:slug>/", catalog.drop, name="drop"),
    path("stripe/webhook/", stripe_webhook.stripe_webhook, name="stripe_webhook"),
    path("<slug:slug>/", catalog.product, name="product"),
]
