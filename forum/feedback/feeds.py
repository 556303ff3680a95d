"""The changelog of a product as an Atom feed."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from forum.feedback.queries import releases_of
from forum.feedback.views.helpers import get_product
from forum.markdown import render_markdown


class ChangelogFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, product: str):
        return get_product(product)

    def title(self, product):
        return f"{product.name} changelog"

    def link(self, product):
        from django.urls import reverse

        return reverse("forum:feedback:changelog", kwargs={"product": product.slug})

    def subtitle(self, product):
        return f"Releases of {product.name}"

    def items(self, product):
        return list(releases_of(product)[:20])

    def item_title(self, release):
        return f"{release.version} ({release.get_channel_display()})"

    def item_description(self, release):
        return render_markdown(release.changelog)

    def item_link(self, release):
        return release.get_absolute_url()

    def item_pubdate(self, release):
        return timezone.make_aware(datetime.combine(release.released_on, time(12)))

    def item_updateddate(self, release):
        return release.last_published_at or self.item_pubdate(release)
