from django.apps import AppConfig


class DevdataConfig(AppConfig):
    """Development data, kept out of the apps: the demo community (``manage.py seed_demo``) and the
    load-test generator (``manage.py generate_load_data``). Installed for its management commands;
    it has no models, and no app imports it."""

    name = "devdata"
    verbose_name = "Development data"
