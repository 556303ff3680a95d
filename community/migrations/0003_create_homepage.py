from django.db import migrations


def create_homepage(apps, schema_editor):
    """Replace Wagtail's default welcome page with Canopy's home page, as `wagtail start` does."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("community.HomePage")
    Locale = apps.get_model("wagtailcore.Locale")

    Page.objects.filter(depth=2, slug="home", content_type__app_label="wagtailcore").delete()
    if HomePage.objects.exists():
        return
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="community")
    root = Page.objects.get(depth=1)
    locale = Locale.objects.first()
    homepage = HomePage.objects.create(
        title="Home",
        draft_title="Home",
        slug="home",
        content_type=content_type,
        path=f"{root.path}0001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        live=True,
        body=[],
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.filter(is_default_site=True).delete()
    Site.objects.create(hostname="localhost", root_page=homepage, is_default_site=True, site_name="Canopy")


def remove_homepage(apps, schema_editor):
    apps.get_model("community.HomePage").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0002_homepage_sitesettings"),
    ]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
