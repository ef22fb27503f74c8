"""The admin for :class:`~comments.models.Announcement`: the notice above every comment thread for a set time.

Imported by ``comments/admin.py``. Editors and Moderators (the groups) may
write them; saving or deleting one purges readers' cached pages
(:mod:`comments.announcements`).
"""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comments.models import Announcement


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    list_display = ["__str__", "starts_at", "ends_at", "is_running"]
    fields = ["text", "starts_at", "ends_at"]
    date_hierarchy = "starts_at"

    @admin.display(boolean=True, description=_("shown now"))
    def is_running(self, announcement):
        return announcement.starts_at <= timezone.now() < announcement.ends_at
