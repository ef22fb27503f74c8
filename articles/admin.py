"""The editors' admin for articles, authors and sections.

Who sees and may do what is decided in :mod:`articles.roles`: desk editors
(``newsroom_articles.publish_article``) work on every article and may publish;
writers see only their own articles and can move them between draft and
review, nothing more. The publish time and status are the desk's: for a
writer they are read-only, an approved (published or scheduled) article is
read-only as a whole, bylines and picks included, and ``save_model`` refuses
whatever slips past the form.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles import (
    admin_live,  # noqa: F401  (registers the live entries' pages)
    admin_site_settings,  # noqa: F401  (registers the site settings page)
    related,
    review,
    revisions,
    roles,
)
from articles.admin_corrections import CorrectionInline, CorrectionsAdminMixin
from articles.admin_review import ReviewAdminMixin, StatusFilter
from articles.admin_revisions import RevisionsAdminMixin
from articles.models import Article, Author, Byline, Category, RelatedPick


def _asked_once(request, question, article):
    """``question(request.user, article)``, answered once per request, article and status.

    The change form asks a dozen times (the page, then each inline's add,
    change and delete), and for a writer bylined rather than the creator
    each answer is a query.
    """
    if not hasattr(request, "_article_role_answers"):
        request._article_role_answers = {}
    key = (question, article.pk, article.status)
    if key not in request._article_role_answers:
        request._article_role_answers[key] = question(request.user, article)
    return request._article_role_answers[key]


class ArticleInline(admin.TabularInline):
    """An inline of the article form, editable exactly when the article itself is."""

    def _article_editable(self, request, obj):
        # A new article (no row yet, or not saved: the add view asks with the unsaved instance) is its writer's.
        return obj is None or obj.pk is None or _asked_once(request, roles.may_edit, obj)

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and self._article_editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._article_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._article_editable(request, obj)


class BylineInline(ArticleInline):
    model = Byline
    fields = ["author", "position"]
    autocomplete_fields = ["author"]
    extra = 0
    verbose_name = _("byline")
    verbose_name_plural = _("bylines (lowest position first)")


class RelatedPickInline(ArticleInline):
    model = RelatedPick
    fk_name = "article"
    fields = ["picked", "position"]
    autocomplete_fields = ["picked"]
    extra = 0
    verbose_name = _("editor's pick")
    verbose_name_plural = _('editor\'s picks for "You may also like" (shown before the automatic suggestions)')

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if roles.can_publish(request.user):
            return queryset
        # A pick the desk made of an article this user may not read stays, unseen and untouched.
        return queryset.filter(picked__in=roles.visible_articles(request.user, Article.objects.all()).values("pk"))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "picked":
            # The choices validate a posted id and label the selected option: only what the user may read,
            # or an id typed into the form would come back as a colleague's draft headline.
            kwargs["queryset"] = roles.visible_articles(request.user, Article.objects.all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Article)
class ArticleAdmin(ReviewAdminMixin, RevisionsAdminMixin, CorrectionsAdminMixin, admin.ModelAdmin):
    list_display = ["headline", "status", "publish_at", "category", "byline_names"]
    list_filter = [StatusFilter, "category", "authors", "publish_at"]
    list_select_related = ["category"]
    # Filtering shows "3 results"; the extra COUNT(*) of the whole archive is skipped.
    show_full_result_count = False
    search_fields = ["headline", "standfirst"]
    # No date_hierarchy: its year links cost a DISTINCT over every article's date (1.3 s at
    # 100,000 articles on SQLite). The publish_at filter (today, past 7 days, month, year) is cheap.
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["category"]
    readonly_fields = ["on_the_site", "automatic_suggestions", "visible_suggestions", "live_entries"]
    inlines = [BylineInline, RelatedPickInline, CorrectionInline]
    actions = ["publish", "unpublish", "submit_for_review"]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "standfirst", "body"]}),
        (_("Section and tags"), {"fields": ["category", "tags"]}),
        (_("Publishing"), {"fields": ["status", "publish_at", "on_the_site"]}),
        (
            _("Lead image"),
            {"fields": ["lead_image", "lead_image_alt", "lead_image_caption", "lead_image_credit"]},
        ),
        (
            _("Comments"),
            {"fields": ["comments_enabled", "comments_closed_message", "comments_premoderated", "reader_prompt"]},
        ),
        (_("Live coverage"), {"fields": ["coverage_start", "coverage_end", "live_entries"]}),
        (_("Search engines"), {"fields": ["seo_description"], "classes": ["collapse"]}),
        (_("You may also like"), {"fields": ["exclude_from_related", "automatic_suggestions"]}),
    ]

    def get_queryset(self, request):
        queryset = (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("bylines", queryset=Byline.objects.select_related("author")))
        )
        view = request.resolver_match.url_name if request.resolver_match else None
        if view == "newsroom_articles_article_changelist":
            queryset = queryset.defer("body")  # the heaviest column, and the list never shows it
        if roles.can_publish(request.user):
            return queryset
        if view == "autocomplete":
            # Picking a "You may also like" article: their own, or anything readers can already see.
            return roles.visible_articles(request.user, queryset)
        return roles.articles_for(request.user, queryset)

    def has_publish_permission(self, request):
        return roles.can_publish(request.user)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or _asked_once(request, roles.may_edit, obj))

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or _asked_once(request, roles.may_view, obj))

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not roles.can_publish(request.user):
            # When readers see the article is the desk's call, on a draft too: the publish action keeps a
            # future time, so a writer's date would become an embargo (or a back-dated story) unasked.
            fields.append("publish_at")
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        status = form.base_fields.get("status")
        if status is not None and not roles.can_publish(request.user):
            status.choices = [(value, label) for value, label in status.choices if value in roles.UNPUBLISHED_STATUSES]
        return form

    def save_model(self, request, obj, form, change):
        if not roles.can_publish(request.user):
            # The form offers no "Published", no publish time and nothing at all of an approved article
            # (has_change_permission); this guards every other way in.
            before = Article.objects.filter(pk=obj.pk).values("status", "publish_at").first() if change else None
            if change and (
                before is None
                or before["status"] not in roles.UNPUBLISHED_STATUSES
                or before["publish_at"] != obj.publish_at
            ):
                raise PermissionDenied
            if obj.status not in roles.UNPUBLISHED_STATUSES:
                raise PermissionDenied
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("Bylines"))
    def byline_names(self, obj):
        return ", ".join(byline.author.name for byline in obj.ordered_bylines)

    @admin.display(description=_("On the site"))
    def on_the_site(self, obj):
        if obj.pk is None:
            return _("Save the article to preview it.")
        url = obj.get_absolute_url()
        if obj.is_published:
            return format_html('<a href="{}">{}</a>', url, _("View on site"))
        return format_html(
            '<a href="{}">{}</a> ({})', url, _("Preview"), _("only staff can see it until it is published")
        )

    @admin.display(description=_("Live entries"))
    def live_entries(self, obj):
        """Links to post an entry to this live article and to list its entries (articles.admin_live)."""
        if obj.pk is None or not obj.is_live:
            return _("Set when the coverage starts and save: entries are added from here.")
        entries = reverse("admin:newsroom_articles_liveentry_changelist")
        add = reverse("admin:newsroom_articles_liveentry_add")
        return format_html(
            '<a href="{}?article={}">{}</a> · <a href="{}?article__id__exact={}">{}</a>',
            add,
            obj.pk,
            _("Add an entry"),
            entries,
            obj.pk,
            _("All entries"),
        )

    @admin.display(description=_("Automatic suggestions"))
    def automatic_suggestions(self, obj):
        """Every stored suggestion, linked to its admin page, with those readers cannot see now marked."""
        return _suggestions_table(
            (s, reverse("admin:newsroom_articles_article_change", args=[s.suggested_id]), _hidden_note(s.suggested))
            for s in related.suggestions_with_reasons(obj)
        )

    @admin.display(description=_("Automatic suggestions"))
    def visible_suggestions(self, obj):
        """What writers see: only suggestions already public (no colleague's scheduled headline), linked to the site."""
        return _suggestions_table(
            (s, s.suggested.get_absolute_url(), "")
            for s in related.suggestions_with_reasons(obj)
            if s.suggested.is_published and not s.suggested.exclude_from_related
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if roles.can_publish(request.user):
            return fieldsets
        swap = {"automatic_suggestions": "visible_suggestions"}
        return [(name, {**opts, "fields": [swap.get(f, f) for f in opts["fields"]]}) for name, opts in fieldsets]

    @admin.action(description=_("Publish the selected articles"), permissions=["publish"])
    def publish(self, request, queryset):
        now = timezone.now()
        published = 0
        for article in queryset.exclude(status=Article.Status.PUBLISHED).select_related("category"):
            before = article.status
            with revisions.recorded(user=request.user, comment=_("Published (list action).")):
                review.publish(article, now=now)  # a draft written last week goes out as today's news, not back-dated
            review.record_status_change(article, by=request.user, before=before)  # in review: approved
            published += 1
        self.message_user(
            request,
            ngettext("Published %d article.", "Published %d articles.", published) % published,
            messages.SUCCESS,
        )

    @admin.action(description=_("Unpublish the selected articles (back to draft)"), permissions=["publish"])
    def unpublish(self, request, queryset):
        unpublished = 0
        for article in queryset.filter(status=Article.Status.PUBLISHED).select_related("category"):
            article.status = Article.Status.DRAFT
            with revisions.recorded(user=request.user, comment=_("Unpublished (list action).")):
                article.save()
            unpublished += 1
        self.message_user(
            request,
            ngettext("Unpublished %d article.", "Unpublished %d articles.", unpublished) % unpublished,
            messages.SUCCESS,
        )


def _suggestions_table(rows):
    """``(suggestion, link, note)`` rows as a table of headline, score and reasons."""
    rows = list(rows)
    if not rows:
        return _("None yet: they are worked out when the article is saved.")
    body = format_html_join(
        "",
        '<tr><td>{}</td><td><a href="{}">{}</a>{}</td><td>{}</td><td>{}</td></tr>',
        (
            (s.rank + 1, link, s.suggested.headline, note, f"{s.score:.2f}", describe_reasons(s.reasons))
            for s, link, note in rows
        ),
    )
    return format_html(
        "<table><thead><tr><th>#</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>{}</tbody></table>",
        _("Article"),
        _("Score"),
        _("Why"),
        body,
    )


def _hidden_note(article):
    if article.exclude_from_related:
        return format_html(" <em>({})</em>", _("excluded from related lists"))
    if not article.is_published:
        return format_html(" <em>({})</em>", _("not visible to readers now"))
    return ""


def describe_reasons(reasons):
    """``reasons`` JSON as a short line for editors: tags, section, words and age."""
    parts = []
    if reasons.get("shared_tags"):
        parts.append(_("tags: %s") % ", ".join(reasons["shared_tags"]))
    if reasons.get("section") == "same":
        parts.append(_("same section"))
    elif reasons.get("section") == "near":
        parts.append(_("near section (%s)") % reasons.get("shared_path", ""))
    if reasons.get("shared_terms"):
        parts.append(_("words: %s") % ", ".join(reasons["shared_terms"]))
    if "age_days" in reasons:
        parts.append(_("%d days apart") % reasons["age_days"])
    return " · ".join(str(p) for p in parts)


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "job_title", "user"]
    list_select_related = ["user"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]

    # Who logs in as whom is for those who manage authors: writers (view only) need the public name, not a
    # colleague's login name, which is half of what a password guesser needs.
    def get_list_display(self, request):
        fields = super().get_list_display(request)
        return fields if self.has_change_permission(request) else [f for f in fields if f != "user"]

    def get_exclude(self, request, obj=None):
        exclude = list(super().get_exclude(request, obj) or [])
        return exclude if self.has_change_permission(request) else [*exclude, "user"]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["indented_name", "path", "position"]
    ordering = ["path"]
    search_fields = ["name", "path"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    readonly_fields = ["path"]

    @admin.display(description=_("Section"), ordering="path")
    def indented_name(self, obj):
        return format_html("{}{}", "— " * obj.depth, obj.name)
