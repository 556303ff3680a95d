from django.apps import AppConfig


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = "Forum"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from community import hooks
        from forum import people
        from forum.demo import seed_forum_demo
        from forum.home import announcements, featured_boards
        from forum.loadgen import generate_forum, generate_reputation
        from forum.queries import visible_notification_keys

        hooks.register("demo.seed", seed_forum_demo, order=20)
        hooks.register("loadgen.generate", generate_forum, order=20)
        hooks.register("loadgen.generate", generate_reputation, order=25)
        hooks.register("home.featured_boards", featured_boards)
        hooks.register("home.announcements", announcements)
        hooks.register("notifications.visible_keys", visible_notification_keys)
        hooks.register("profiles.activity_tabs", people.activity_tabs)
        hooks.register("profiles.feed_items", people.feed_items)
        hooks.register("profiles.export", people.export)
        hooks.register("profiles.account_deleted", people.account_deleted)
