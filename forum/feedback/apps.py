from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    """Bug reports and suggestions on forum threads, statuses, releases and the changelog (issue 6)."""

    name = "forum.feedback"
    label = "feedback"
    verbose_name = "Feedback and releases"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from community import hooks
        from forum.feedback import signals
        from forum.feedback.demo import seed_feedback_demo
        from forum.feedback.loadgen import generate_feedback

        signals.connect()
        hooks.register("demo.seed", seed_feedback_demo, order=30)
        hooks.register("loadgen.generate", generate_feedback, order=30)
