from django.db import migrations

SEED = [
    ("new", "New", "OPEN"),
    ("needs-info", "Needs info", "OPEN"),
    ("acknowledged", "Acknowledged", "OPEN"),
    ("planned", "Planned", "PLANNED"),
    ("in-progress", "In progress", "IN_PROGRESS"),
    ("fixed", "Fixed", "DONE"),
    ("wont-fix", "Won't fix", "CLOSED"),
    ("duplicate", "Duplicate", "CLOSED"),
    ("closed", "Closed", "CLOSED"),
]


def seed(apps, schema_editor):
    Status = apps.get_model("feedback", "Status")
    for position, (key, name, category) in enumerate(SEED):
        Status.objects.get_or_create(key=key, defaults={"name": name, "category": category, "position": position})


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
