"""Every commenter rule on the site, in one list: ``…/newsroom_comments/commenterrule/``.

Coral's list of banned users, for all kinds of rules: what each trusts,
holds or bans, until when, whether it is in force, lifted or over, who made
it and when; filtered by kind and by whether it is in force, searched by
e-mail address, domain or address range (an account's rules by its address
or name). The list only reads: rules are made and lifted on the commenter's
record page (:mod:`comments.admin_commenters`), which writes the history, so
each row that names an account or an address links there. A domain or a
range has no record page. Imported by ``comments/admin.py``; the Moderators
group may view it (``newsroom_comments.view_commenterrule``).
"""

from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from comments.admin_commenters import commenter_url
from comments.models import CommenterRule


class InForceFilter(admin.SimpleListFilter):
    """In force now, or not (lifted, or past its end)."""

    title = _("in force")
    parameter_name = "in_force"

    def lookups(self, request, model_admin):
        return [("yes", _("In force")), ("no", _("Lifted or over"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.in_force()
        if self.value() == "no":
            return queryset.filter(ends_at__lte=timezone.now())
        return queryset


@admin.register(CommenterRule)
class CommenterRuleAdmin(admin.ModelAdmin):
    """Read-only: the rules are made and lifted on the commenter's record page."""

    list_display = ["kind", "names", "reason_code", "ends_at", "state", "made_by", "created_at", "record"]
    list_display_links = None
    list_filter = ["kind", InForceFilter]
    list_select_related = ["user"]
    search_fields = ["email_key", "email_domain", "network", "user__email", "user__username"]
    actions = None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("matches"))
    def names(self, rule):
        return rule.names()

    @admin.display(description=_("in force"))
    def state(self, rule):
        if rule.lifted_at is not None:
            return _("lifted by %(name)s") % {"name": rule.lifted_by_label}
        return _("in force") if rule.in_force() else _("over")

    @admin.display(description=_("created by"), ordering="created_by_label")
    def made_by(self, rule):
        return rule.created_by_label

    @admin.display(description=_("record"))
    def record(self, rule):
        if not (rule.user_id or rule.email_key):
            return "—"
        url = commenter_url(user_id=rule.user_id, email=rule.email_key, current_app=self.admin_site.name)
        return format_html('<a href="{}">{}</a>', url, _("the commenter's record"))
