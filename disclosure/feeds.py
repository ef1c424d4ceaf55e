"""An Atom feed of newly published decisions (masked records only)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from . import selectors


class DecisionFeed(Feed):
    feed_type = Atom1Feed
    title = _("Published enforcement decisions")
    subtitle = _("Administrative penalty and permit decisions as they are published.")

    def link(self):
        return reverse("disclosure:decisions")

    def items(self):
        return selectors.public_decisions().order_by("-published_on", "-id")[:50]

    def item_title(self, item):
        record = item.public_data
        return f"{record.get('decision_number', '')} {record.get('party_name', '')}"

    def item_description(self, item):
        record = item.public_data
        if item.status == "withdrawn":
            return str(_("Withdrawn: %(reason)s")) % {"reason": record.get("withdrawal_reason", "")}
        return f"{record.get('violation_type', '')}。{record.get('penalty_content', '')}"

    def item_link(self, item):
        return reverse("disclosure:decision", args=[item.pk])

    def item_pubdate(self, item):
        import datetime as dt

        from django.utils import timezone

        return timezone.make_aware(dt.datetime.combine(item.published_on, dt.time(8, 0)))
