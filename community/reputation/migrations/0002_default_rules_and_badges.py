from django.db import migrations


def create_defaults(apps, schema_editor):
    from community.reputation.badges import DEFAULT_BADGES
    from community.reputation.rules import DEFAULT_RULES

    Rule = apps.get_model("reputation", "ReputationRule")
    Badge = apps.get_model("reputation", "Badge")
    for position, rule in enumerate(DEFAULT_RULES):
        Rule.objects.get_or_create(
            code=rule.code,
            defaults={
                "name": rule.name,
                "description": rule.description,
                "points": rule.points,
                "daily_cap": rule.daily_cap,
                "position": position,
            },
        )
    for position, badge in enumerate(DEFAULT_BADGES):
        Badge.objects.get_or_create(
            code=badge.code,
            defaults={
                "name": badge.name,
                "icon": badge.icon,
                "description": badge.description,
                "threshold": badge.threshold,
                "position": position,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("reputation", "0001_initial")]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
