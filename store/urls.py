app_name = "store"

urlpatterns: list = []
