"""The site-wide announcement above every comment thread, shown only within its time window.

Editors write one in the admin ("Comment announcements": text, shown from, shown
until); every comment section shows the announcements running at that moment::

    announcements.current()   # [<Announcement: Comments are moderated slowly this weekend.>]

Pages with comment sections are cached (:mod:`articles.pagecache`), so an
announcement must neither stay on a cached page after its end nor wait for the
cache's max age to appear at its start. Saving or deleting one purges every
cached page (``connect()``), and :func:`next_change` tells the page cache
when the next one starts or ends: no cached page, and no shared part such as
the list itself, outlives that moment. The list is worked out once per
page-cache generation (one query, none on a cache hit), the database's clock
deciding what runs now.
"""

from django.db.models import Min, Q
from django.utils import timezone

from articles import pagecache, prepared
from comments.models import Announcement


def current():
    """The announcements running now, earliest start first (shared by every page until the next start or end)."""
    return pagecache.shared("comments:announcements", _read, read_only=True)


def _read():
    # Its SQL compiled once per process: with the page cache off this runs on every page with comments.
    return prepared.objects("comments:announcements", Announcement.objects.current)


def next_change():
    """When the announcements shown next differ by themselves: the soonest future start or end (``None``: never)."""
    now = timezone.now()
    soonest = Announcement.objects.aggregate(
        start=Min("starts_at", filter=Q(starts_at__gt=now)), end=Min("ends_at", filter=Q(ends_at__gt=now))
    )
    times = [when for when in soonest.values() if when is not None]
    return min(times, default=None)


def connect():
    """Purge readers' pages when an announcement changes, and expire them when one starts or ends.

    Called from ``CommentsConfig.ready()``.
    """
    pagecache.purge_when_changed(Announcement)
    pagecache.changes_at(next_change)
