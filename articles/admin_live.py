"""The admin for live entries (:mod:`articles.live`): a short form to post one, and each article's list.

Imported by ``articles/admin.py``. A live article's change form links here:
"Add an entry" opens this form with the article chosen and the time set to
now, and "Save and add another" keeps the editor on it for the next. The
entries are never an inline of the article form: posting one must not send
(and overwrite) the whole article while a colleague edits its standfirst.

Who may do what follows :mod:`articles.roles`, as for bylines: desk editors
post to every live article; a writer may prepare the entries of their own
live article while it is a draft or in review, and once the desk approves it
its entries are the desk's (read-only for the writer, who no longer sees the
article in the form's choices).
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from articles import roles
from articles.models import Article, LiveEntry


@admin.register(LiveEntry)
class LiveEntryAdmin(admin.ModelAdmin):
    list_display = ["published_at", "summary", "article", "author"]
    list_select_related = ["article", "author"]
    list_filter = ["published_at"]
    search_fields = ["headline", "text", "article__headline"]
    # The article is a plain choice of the few live ones this user may post to (postable_articles).
    autocomplete_fields = ["author"]
    show_full_result_count = False
    fields = ["article", "published_at", "headline", "text", "author", "image", "image_alt"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if roles.can_publish(request.user):
            return queryset
        return queryset.filter(article__in=roles.articles_for(request.user, Article.objects.all()).values("pk"))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "article":
            kwargs["queryset"] = postable_articles(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or roles.may_edit(request.user, obj.article))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or roles.may_edit(request.user, obj.article))

    def save_model(self, request, obj, form, change):
        # The form offers only articles this user may post to; this guards every other way in.
        if not roles.may_edit(request.user, obj.article) or not obj.article.is_live:
            raise PermissionDenied
        if change:
            before = LiveEntry.objects.filter(pk=obj.pk).select_related("article").first()
            if before is None or not roles.may_edit(request.user, before.article):
                raise PermissionDenied
        super().save_model(request, obj, form, change)

    @admin.display(description=_("Entry"))
    def summary(self, obj):
        return obj.headline or Truncator(strip_tags(obj.text)).chars(80)


def postable_articles(user):
    """The live articles ``user`` may add entries to: every one for a desk editor, else their own unapproved ones."""
    live = Article.objects.filter(coverage_start__isnull=False)
    if roles.can_publish(user):
        return live
    return roles.articles_for(user, live).filter(status__in=roles.UNPUBLISHED_STATUSES)
