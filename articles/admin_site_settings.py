"""The admin for :class:`SiteSettings`: one page, no list, nothing to add or delete.

Imported by ``articles/admin.py``. Editors (the group) may change it; the
migration that grants this is ``articles/migrations/*_editors_site_settings``.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.models import SiteSettings


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    fieldsets = [
        (
            _("Adblock notice"),
            {
                "description": _(
                    "A notice asking readers whose browser blocks ads to support the site. It appears "
                    "only to readers with JavaScript, never to staff, and it closes with one click or Escape."
                ),
                "fields": [
                    "adblock_notice_enabled",
                    "adblock_notice_heading",
                    "adblock_notice_text",
                    "adblock_notice_delay_seconds",
                    ("adblock_notice_frequency", "adblock_notice_every_days"),
                ],
            },
        ),
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # A list of one row is noise: go straight to the form.
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        SiteSettings.objects.get_or_create(pk=1)
        return redirect(reverse(f"{self.admin_site.name}:{self.opts.app_label}_sitesettings_change", args=[1]))
