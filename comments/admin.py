"""The moderators' queue: every comment, newest first, the pending ones by default.

Each row shows what a moderator needs to decide without opening it: an
excerpt, the article (or other object) it is on, who wrote it (name, e-mail,
IP, how many of their comments were approved before), the spam filter's score
and reasons, and one-click buttons (approve, spam, not spam, trash, restore,
check again).
The same verbs work as bulk actions. Every decision goes through
:mod:`comments.status`, so it is written to the comment's history.

A removal records why (a :class:`~comments.models.RejectionReason`, Coral's
list): each row has a reason menu (``reason_code_<pk>``: all rows share the
change list's form) that its Trash and Spam buttons send, the action bar has
one for bulk removals, and the comment's page one with a short explanation
for the writer. Left at "default", Trash records "other" and Spam "spam", so
a one-click (or ``r`` / ``s`` key) removal needs no extra step. The reason
shows in the history and on removed rows; the comment's page links to the
statement of reasons its writer is sent (:mod:`comments.statement`).

Who may do it: ``newsroom_comments.moderate_comment`` (the Moderators group has it,
with view/change on comments and view on their history and reports). Nobody
adds comments here; deleting is for superusers (and the privacy tools).
"""

import json
from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME, ActionForm
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator, get_text_list
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_comments.models import Comment as ContribComment
from django_comments_xtd.models import XtdComment

from comments import (
    admin_announcements,  # noqa: F401  (registers the announcements' admin)
    admin_commenters,
    admin_rules,  # noqa: F401  (registers the site-wide list of commenter rules)
    commenters,
    conf,
    featured,
    notifications,
    premoderation,
    privacy,
    reactions,
    statement,
    status,
    targets,
    visible,
)
from comments.models import Comment, CommentEvent, CommentReport, RejectionReason
from comments.spam.normalise import text_hash

MODERATE_PERMISSION = "newsroom_comments.moderate_comment"


# The verbs of moderation: (label, what it does). A verb is offered on a row
# when the comment's status is in ``OFFERED``; the view accepts any verb whose
# transition is valid (a stale page gets a polite refusal, not an error).
def _to(to_status):
    # ``details``: a removal's reason_code and reason (see REMOVAL_VERBS).
    return lambda comment, user, **details: status.change_status(comment, to_status, by=user, **details)


def _restore(comment, user):
    return status.restore(comment, by=user)


def _keep(comment, user):
    return reactions.keep(comment, by=user)


def _check_again(comment, user):
    """Run the spam checks again (Akismet may have been down) and apply their verdict as the filter's own."""
    verdict = premoderation.apply_to_stored(commenters.recheck(comment, reason="moderator"), comment=comment)
    to_status = verdict.band.status
    if to_status != comment.status:
        status.change_status(
            comment,
            to_status,
            by_label=status.SPAM_FILTER_LABEL,
            reason=f"checked again for {user.get_username()}; {status.describe_verdict(verdict)}",
            reason_code=status.reason_code_for(verdict),
        )
    return comment


VERBS = {
    "approve": (_("Approve"), _to(Comment.Status.APPROVED)),
    "spam": (_("Spam"), _to(Comment.Status.SPAM)),
    "not_spam": (_("Not spam"), _to(Comment.Status.APPROVED)),
    "trash": (_("Trash"), _to(Comment.Status.TRASH)),
    "restore": (_("Restore"), _restore),
    "check_again": (_("Check again"), _check_again),
    "keep": (_("Keep, reports read"), _keep),
    "feature": (_("Feature"), lambda comment, user: featured.feature(comment, by=user)),
    "unfeature": (_("Unfeature"), lambda comment, user: featured.unfeature(comment, by=user)),
}
# The verbs that remove a comment, and where to: they take a reason code and an explanation from the form.
REMOVAL_VERBS = {"spam": Comment.Status.SPAM, "trash": Comment.Status.TRASH}
# The reason menus' first choice: the verb's own default (trash → "other", spam → "spam", see comments.status),
# said beside each menu, so that a one-click or one-key removal records what the moderator expects.
DEFAULT_REASON = ("", _("Default reason"))
REASON_HINT = _("Trash records “Other” and Spam records “Spam” unless you choose a reason.")
OFFERED = {
    Comment.Status.PENDING: ["approve", "spam", "trash", "check_again"],
    Comment.Status.APPROVED: ["spam", "trash"],
    Comment.Status.SPAM: ["not_spam", "trash", "check_again"],
    Comment.Status.TRASH: ["restore", "spam"],
}
DONE = {
    "approve": _("approved"),
    "spam": _("marked as spam"),
    "not_spam": _("marked as not spam and published"),
    "trash": _("moved to the trash"),
    "restore": _("restored"),
    "check_again": _("checked again"),
    "keep": _("kept; its reports are closed"),
    "feature": _("featured"),
    "unfeature": _("no longer featured"),
}


def status_counts(request):
    """Comments per status, one query per request (shared by the tabs and the filter).

    The same query counts the comments with open readers' reports (see :func:`reported_count`), in a
    part of its own: the counts per status come from the ``(status, ...)`` index alone and the reported
    ones from the partial index of comments with reports, so the database reads no comment's row (counted
    together, every row was read: most of a second at a million comments).
    """
    if not hasattr(request, "_comment_status_counts"):
        per_status = Comment.objects.order_by().values_list("status").annotate(n=Count("pk"))
        reported = (
            Comment.objects.reported()
            .order_by()
            .annotate(kind=Value(REPORTED))
            .values_list("kind")
            .annotate(n=Count("pk"))
        )
        counts = dict.fromkeys(Comment.Status.values, 0)
        counts.update(per_status.union(reported, all=True).order_by())  # no model ordering on the union
        request._comment_reported_count = counts.pop(REPORTED, 0)
        request._comment_status_counts = counts
    return request._comment_status_counts


# The reported comments' row in status_counts() and the filter's choice: no status is called that.
REPORTED = "reported"


def reported_count(request):
    """Comments in the "reported" view: published or queued, with reports no moderator has dealt with."""
    status_counts(request)
    return request._comment_reported_count


def _featuring(status, featured_at):
    """The featuring verb a comment offers: "unfeature" if featured, "feature" if approved, else none."""
    if featured_at is not None:
        return ["unfeature"]
    return ["feature"] if status == Comment.Status.APPROVED else []


class StatusFilter(admin.SimpleListFilter):
    """Pending first: the queue is what a moderator opens the page for."""

    title = _("status")
    parameter_name = "status"
    ALL = "all"
    # Comments readers reported that no moderator has looked at since, whatever
    # their status: a comment kept despite earlier reports stays published and
    # comes back here only.
    REPORTED = REPORTED
    DEFAULT = Comment.Status.PENDING

    def lookups(self, request, model_admin):
        counts = status_counts(request)
        choices = [(s.value, f"{s.label} ({counts[s.value]})") for s in Comment.Status]
        reported = (self.REPORTED, _("Reported (%(count)d)") % {"count": reported_count(request)})
        return [*choices, reported, (self.ALL, _("All"))]

    def value(self):
        return super().value() or self.DEFAULT

    def queryset(self, request, queryset):
        value = self.value()
        if value == self.ALL:
            return queryset
        if value == self.REPORTED:
            open_reports = CommentReport.objects.open().order_by("created_at", "pk")
            return queryset.reported().prefetch_related(Prefetch("reports", open_reports, to_attr="open_reports"))
        if value in Comment.Status.values:
            return queryset.filter(status=value)
        return queryset.none()

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }


class CommentedObjectFilter(admin.SimpleListFilter):
    """What the comments are on: the most recently commented objects, plus the one chosen.

    ``?on=<content type>-<pk>`` is typed by whoever holds the page, so it is
    named only when it is an object of a model that takes comments
    (:mod:`comments.targets`) that the moderator could read anyway
    (:meth:`~comments.targets.Commentable.nameable_by`: for articles,
    published ones or theirs to see in the articles admin). Anything else is
    never looked up by name; another content type lists nothing, an object
    they may not see lists its comments (which the queue shows them anyway)
    without a label.
    """

    parameter_name = "on"
    RECENT = 15

    @property
    def title(self):
        """The models that take comments: "article", "article or recipe"."""
        return get_text_list(sorted(str(c.model._meta.verbose_name) for c in targets.registered()), _("or"))

    def lookups(self, request, model_admin):
        keys = []
        recent = Comment.objects.order_by("-pk").values_list("content_type_id", "object_pk")[: self.RECENT * 20]
        for key in recent:
            if key not in keys:
                keys.append(key)
            if len(keys) == self.RECENT:
                break
        chosen = self._parse(self.value())
        if chosen and chosen not in keys:
            keys.insert(0, chosen)
        objects = _objects_for(keys, request.user)
        titles = {key: Truncator(targets.title_of(obj)).chars(60) for key, obj in objects.items()}
        return [(f"{ct}-{pk}", titles[ct, pk]) for ct, pk in keys if (ct, pk) in titles]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        chosen = self._parse(self.value())
        if chosen is None or targets.by_content_type_id(chosen[0]) is None:
            return queryset.none()
        return queryset.filter(content_type_id=chosen[0], object_pk=chosen[1])

    @staticmethod
    def _parse(value):
        # ASCII digits only: str.isdigit() also passes "²", which int() refuses.
        ct, _sep, pk = (value or "").partition("-")
        return (int(ct), pk) if ct.isascii() and ct.isdigit() and pk else None


def _objects_for(keys, user):
    """{(content_type_id, object_pk): object} for the keys naming an object ``user`` may read, a query per model.

    Keys of a model that takes no comments, or of an object ``user`` may not
    see (a colleague's draft, a scheduled scoop), are left out: a typed-in key
    must not turn a headline or a user name into a label.
    """
    wanted = {}  # {commentable: {pk, ...}}
    for ct, object_pk in keys:
        commentable = targets.by_content_type_id(ct)
        pk = commentable.parse_pk(object_pk) if commentable is not None else None
        if pk is not None:
            wanted.setdefault(commentable, set()).add(pk)
    found = {}
    for commentable, pks in wanted.items():
        ct = commentable.content_type.pk
        found.update(((ct, str(pk)), obj) for pk, obj in commentable.nameable_by(user).in_bulk(pks).items())
    return found


def reason_choices():
    """The reason menus' choices: the default, then Coral's list."""
    return [DEFAULT_REASON, *RejectionReason.choices]


def reason_menu(name, *, pk):
    """The reason menu of one comment's removal buttons (``<select name="reason_code_<pk>">``), default first."""
    return format_html(
        ' <select name="{}" class="nr-reason-menu" title="{}" aria-label="{}" data-nr-reason>{}</select>',
        name,
        REASON_HINT,
        _("Reason for removing comment #%(id)s") % {"id": pk},
        format_html_join("", '<option value="{}">{}</option>', reason_choices()),
    )


class RemovalActionForm(ActionForm):
    """The action bar, with a reason and an explanation for the bulk removals (spam, trash); other actions ignore them.

    The code is checked by the action (``comments.status.check_reason_code``), not here: Django answers an
    invalid action form with "No action selected.", which would not say what was wrong.
    """

    removal_reason_code = forms.CharField(
        label=_("Reason for spam or trash:"),
        required=False,
        widget=forms.Select(choices=reason_choices, attrs={"title": REASON_HINT}),
    )
    # No max_length: an invalid action form is "No action selected."; the history keeps the first 500 characters.
    removal_explanation = forms.CharField(
        label=_("Explanation for the writer:"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("optional"), "size": 24, "maxlength": 500}),
    )


def removal_details(data, *, code_field, explanation_field):
    """``{"reason_code", "reason"}`` for a removal from the fields named so (``comments.status`` checks the code)."""
    return {
        "reason_code": (data.get(code_field) or "").strip(),
        "reason": " ".join((data.get(explanation_field) or "").split()),
    }


class QueueCountPaginator(Paginator):
    """A paginator told the total in advance (from the per-status counts), saving a COUNT over the queue."""

    def __init__(self, *args, known_count=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._known_count = known_count

    @cached_property
    def count(self):
        if self._known_count is not None:
            return self._known_count
        return super().count


class EventInline(admin.TabularInline):
    model = CommentEvent
    fields = ["created_at", "actor_label", "action", "from_status", "to_status", "reason_code", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name = _("history line")
    verbose_name_plural = _("history")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReportInline(admin.TabularInline):
    model = CommentReport
    fields = ["created_at", "reason", "details"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("readers' reports")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CommentAdmin(admin.ModelAdmin):
    list_display = ["excerpt", "on", "writer", "spam_verdict", "readers_reports", "moderation"]
    list_display_links = ["excerpt"]
    list_filter = [StatusFilter, CommentedObjectFilter]
    search_fields = ["user_name", "user_email", "ip_address", "comment"]
    ordering = ["-pk"]
    list_per_page = 50
    show_full_result_count = False
    action_form = RemovalActionForm
    actions = [
        "approve_selected",
        "spam_selected",
        "not_spam_selected",
        "trash_selected",
        "restore_selected",
        "check_again_selected",
        "keep_selected",
        "feature_selected",
        "unfeature_selected",
        "export_personal_data",
        "erase_personal_data",
    ]
    inlines = [EventInline, ReportInline]
    fieldsets = [
        (None, {"fields": ["comment", "user_url"]}),
        (
            _("Decision"),
            {
                "fields": [
                    "status",
                    "previous_status",
                    "status_changed_at",
                    "featured_at",
                    "spam_explained",
                    "statement_of_reasons",
                ]
            },
        ),
        (
            _("Writer"),
            {
                "fields": [
                    "user_name",
                    "email_and_others",
                    "user",
                    "ip_address",
                    "user_agent",
                    "referrer",
                    "personal_data_trimmed_at",
                ]
            },
        ),
        (
            _("Where and when"),
            {
                "fields": [
                    "target",
                    "submit_date",
                    "reply_to",
                    "followup",
                    "reader_prompt",
                    "like_count",
                    "report_count",
                ]
            },
        ),
    ]
    readonly_fields = [
        "status",
        "previous_status",
        "status_changed_at",
        "featured_at",
        "spam_explained",
        "statement_of_reasons",
        "user_name",
        "email_and_others",
        "user",
        "ip_address",
        "user_agent",
        "referrer",
        "personal_data_trimmed_at",
        "target",
        "submit_date",
        "reply_to",
        "followup",
        "reader_prompt",
        "like_count",
        "report_count",
    ]

    class Media:
        css = {"all": ["comments/moderation.css"]}
        # Keyboard moderation (j/k, a/s/r/f, ?): presses the rows' own buttons.
        js = ["comments/moderation_keys.js"]

    # Queries -----------------------------------------------------------------

    def get_queryset(self, request):
        earlier_approved = (
            Comment.objects.filter(
                email_key=OuterRef("email_key"), status=Comment.Status.APPROVED, pk__lt=OuterRef("pk")
            )
            .exclude(email_key="")
            .order_by()
            .values("email_key")
            .annotate(n=Count("pk"))
            .values("n")
        )
        # A removed comment's reason: that of the history line that moved it to its status (spam, trash).
        removal_code = (
            CommentEvent.objects.filter(
                comment=OuterRef("pk"), to_status=OuterRef("status"), action=CommentEvent.Action.STATUS
            )
            .order_by("-pk")
            .values("reason_code")[:1]
        )
        return (
            super()
            .get_queryset(request)
            .select_related("content_type")
            .prefetch_related("content_object")
            .annotate(
                approved_before_count=Coalesce(Subquery(earlier_approved), 0),
                removal_reason_code=Subquery(removal_code),
            )
        )

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        known = None
        params = {k for k in request.GET if k not in {"p", "o"}}
        if params <= {StatusFilter.parameter_name}:
            chosen = request.GET.get(StatusFilter.parameter_name) or StatusFilter.DEFAULT
            counts = status_counts(request)
            if chosen == StatusFilter.ALL:
                known = sum(counts.values())
            elif chosen == StatusFilter.REPORTED:
                known = reported_count(request)
            elif chosen in counts:
                known = counts[chosen]
        return QueueCountPaginator(queryset, per_page, orphans, allow_empty_first_page, known_count=known)

    # Permissions -------------------------------------------------------------

    def has_moderate_permission(self, request):
        return request.user.has_perm(MODERATE_PERMISSION)

    def has_add_permission(self, request):
        return False

    def get_actions(self, request, action_location=None):
        # Django 6.1 says where the actions are offered (change list or change form) and deprecates an
        # override that does not take it; Django before 6.1 passes nothing.
        where = {} if action_location is None else {"action_location": action_location}
        actions = super().get_actions(request, **where)
        if not request.user.is_superuser:
            actions.pop("delete_selected", None)
        return actions

    # Columns -----------------------------------------------------------------

    @admin.display(description=_("comment"))
    def excerpt(self, obj):
        return Truncator(" ".join(obj.comment.split())).chars(160) or _("(empty)")

    @admin.display(description=_("on"))
    def on(self, obj):
        target = obj.content_object
        if target is None:
            return "—"
        only_this = self._changelist_url(on=f"{obj.content_type_id}-{obj.object_pk}", status=StatusFilter.ALL)
        title = Truncator(targets.title_of(target)).chars(60)
        if hasattr(target, "get_absolute_url"):
            # django-contrib-comments' redirect view finds the page, so the
            # list need not build every article's address (a query each).
            return format_html(
                '<a href="{}">{}</a> <a href="{}" class="nr-open" title="{}">↗</a>',
                only_this,
                title,
                obj.get_absolute_url(),
                _("Open on the site"),
            )
        return format_html('<a href="{}">{}</a>', only_this, title)

    @admin.display(description=_("writer"))
    def writer(self, obj):
        return format_html(
            '{}<br>{}<br><span class="nr-quiet">{} · {}</span><br><span class="nr-history">{}</span>',
            obj.user_name or "—",
            self._others_link(obj),
            obj.ip_address or _("no IP address"),
            date_format(timezone.localtime(obj.submit_date), "SHORT_DATETIME_FORMAT") if obj.submit_date else "",
            ngettext("%(count)d approved before", "%(count)d approved before", obj.approved_before_count)
            % {"count": obj.approved_before_count},
        )

    @admin.display(description=_("spam filter"))
    def spam_verdict(self, obj):
        if obj.spam_score is None and not obj.spam_reasons:
            return "—"
        score = "" if obj.spam_score is None else f"{obj.spam_score:.2f}"
        reasons = format_html_join("", "<li>{}</li>", ((self._reason(r),) for r in obj.spam_reasons or []))
        return format_html(
            '<span class="nr-band nr-band-{}">{}</span> {}<ul class="nr-reasons">{}</ul>',
            obj.spam_band or "none",
            obj.get_spam_band_display() or "",
            score,
            reasons,
        )

    @admin.display(description=_("status"), ordering="status")
    def moderation(self, obj):
        # Buttons inside the change list's own form (which carries the CSRF
        # token), each posting to its own address through ``formaction``.
        # The data attributes are for comments/moderation_keys.js: which comment and
        # writer a row is (for the screen reader's announcement), which verb a button is.
        # A row that offers a removal has its reason menu, which the removal buttons send.
        offered = self._offered(obj)
        return format_html(
            '<span class="nr-status nr-status-{}">{}</span>{}{}'
            '<span class="nr-mod-actions" data-nr-comment="{}" data-nr-writer="{}">{}{}</span>',
            obj.status,
            obj.get_status_display(),
            self._removal_reason(obj),
            format_html(' <span class="nr-featured-mark">{}</span>', _("Featured")) if obj.featured_at else "",
            obj.pk,
            obj.user_name or "—",
            format_html_join(
                "",
                '<button type="submit" class="button" formaction="{}" data-nr-verb="{}">{}</button>',
                ((self._moderate_url(obj, verb), verb, VERBS[verb][0]) for verb in offered),
            ),
            reason_menu(f"reason_code_{obj.pk}", pk=obj.pk) if REMOVAL_VERBS.keys() & set(offered) else "",
        )

    @staticmethod
    def _removal_reason(obj):
        """ "· Harassment" beside a removed comment's status: the reason its removal recorded."""
        code = getattr(obj, "removal_reason_code", "") if obj.status in status.REMOVALS else ""
        if code not in RejectionReason.values:
            return ""
        return format_html(' <span class="nr-reason-code">· {}</span>', RejectionReason(code).label)

    @admin.display(description=_("readers' reports"))
    def readers_reports(self, obj):
        """In the "reported" view, the open reports by reason and in the readers' words; elsewhere how many ever."""
        open_reports = getattr(obj, "open_reports", None)
        if open_reports is None:
            return obj.report_count or "—"
        summary = format_html_join("", "<li>{} ×{}</li>", reactions.summarise(open_reports))
        words = format_html_join("", "<li>“{}”</li>", ((r.details,) for r in open_reports if r.details))
        return format_html(
            '{}<ul class="nr-reasons">{}{}</ul>',
            ngettext("%(count)d open report", "%(count)d open reports", len(open_reports))
            % {"count": len(open_reports)},
            summary,
            words,
        )

    @staticmethod
    def _offered(obj):
        # "Keep" closes the open reports of a published comment; the rows of
        # the "reported" view carry their open reports.
        return [
            *OFFERED[obj.status],
            *(["keep"] if getattr(obj, "open_reports", None) else []),
            *_featuring(obj.status, obj.featured_at),
        ]

    # Change view fields -----------------------------------------------------

    @admin.display(description=_("spam filter's reasons"))
    def spam_explained(self, obj):
        return self.spam_verdict(obj)

    @admin.display(description=_("e-mail"))
    def email_and_others(self, obj):
        return self._others_link(obj)

    @admin.display(description=_("on"))
    def target(self, obj):
        return self.on(obj)

    @admin.display(description=_("statement of reasons"))
    def statement_of_reasons(self, obj):
        """For a removed comment, the page its writer is (or can be) sent: what was removed, why, how to object."""
        event = statement.removal(obj)
        if event is None:
            return "—"
        mailed = statement.should_mail(
            comment=obj,
            from_status=event.from_status,
            to_status=event.to_status,
            by_person=statement.by_person(event),
            by_rule=event.rule_id is not None,
        )
        days = conf.get("NEWSROOM_COMMENTS_STATEMENT_LINK_MAX_AGE") // 86_400
        if mailed:
            note = _("Mailed to the writer when it was removed. The link works for %(days)d days.")
        elif event.rule_id is not None:
            note = _(
                "Removed with a ban: not mailed on its own (a ban by address or account mails one statement about "
                "the ban); send the writer this link if they ask. It works for %(days)d days."
            )
        else:
            note = _("Not mailed to the writer; send them this link if they ask. It works for %(days)d days.")
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a><br><span class="nr-quiet">{}</span>',
            notifications.absolute_url(statement.page_url(event)),
            _("Why was it removed? The statement for its writer"),
            note % {"days": days},
        )

    @admin.display(description=_("in reply to"))
    def reply_to(self, obj):
        if not obj.parent_id or obj.parent_id == obj.pk:
            return "—"
        return format_html(
            '<a href="{}">#{}</a>',
            reverse("admin:newsroom_comments_comment_change", args=[obj.parent_id]),
            obj.parent_id,
        )

    def save_model(self, request, obj, form, change):
        # Only the text and the website are editable. Written through
        # comments.visible: with update(), so django-comments-xtd's pre_save
        # handler (which copies this comment's visibility onto its replies)
        # does not run, and with a purge, so readers see the edit at once.
        changes = {name: getattr(obj, name) for name in form.changed_data if name in {"comment", "user_url"}}
        if "comment" in changes:
            changes["text_hash"] = text_hash(obj.comment)
        if changes:
            visible.update(obj, **changes)

    # One-click moderation ---------------------------------------------------

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "commenter/",
                self.admin_site.admin_view(self.commenter_view),
                name="{}_{}_commenter".format(*info),
            ),
            path(
                "<path:object_id>/moderate/<str:verb>/",
                self.admin_site.admin_view(self.moderate_view),
                name="{}_{}_moderate".format(*info),
            ),
            *super().get_urls(),
        ]

    def commenter_view(self, request):
        """The commenter's record: counts, rejections, notes, rules and history (:mod:`comments.admin_commenters`)."""
        return admin_commenters.commenter_view(self, request)

    def moderate_view(self, request, object_id, verb):
        """Apply one verb to one comment (POST only), then go back where the moderator was."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_moderate_permission(request):
            raise PermissionDenied
        if verb not in VERBS or not object_id.isdigit():
            raise Http404
        comment = get_object_or_404(Comment, pk=object_id)
        label, apply = VERBS[verb]
        # The row's (or the comment page's) reason menu and explanation, named by the comment.
        fields = {"code_field": f"reason_code_{object_id}", "explanation_field": f"reason_{object_id}"}
        details = removal_details(request.POST, **fields) if verb in REMOVAL_VERBS else {}
        try:
            with transaction.atomic():
                apply(comment, request.user, **details)
        except status.InvalidTransition as refusal:
            self.message_user(request, str(refusal), messages.WARNING)
        else:
            message = _("Comment #%(id)s %(done)s.") % {"id": comment.pk, "done": DONE[verb]}
            if verb in REMOVAL_VERBS:
                code = details["reason_code"] or status.REMOVALS[REMOVAL_VERBS[verb]]
                message += " " + _("Reason: %(reason)s.") % {"reason": RejectionReason(code).label}
            self.message_user(request, message, messages.SUCCESS)
        return HttpResponseRedirect(self._back(request))

    def _apply_to_selected(self, request, queryset, verb):
        done = skipped = 0
        apply = VERBS[verb][1]
        details = {}
        if verb in REMOVAL_VERBS:
            # The action bar's reason and explanation (RemovalActionForm), checked once for all the comments.
            details = removal_details(
                request.POST, code_field="removal_reason_code", explanation_field="removal_explanation"
            )
            try:
                status.check_reason_code(REMOVAL_VERBS[verb], details["reason_code"])
            except status.InvalidReasonCode as refusal:
                self.message_user(request, str(refusal), messages.WARNING)
                return
        with transaction.atomic():
            # Lock by primary key: the changelist's queryset joins nullable tables,
            # and PostgreSQL refuses FOR UPDATE across an outer join.
            selected = Comment.objects.select_for_update().filter(pk__in=list(queryset.values_list("pk", flat=True)))
            for comment in selected.order_by("pk"):
                try:
                    with transaction.atomic():
                        apply(comment, request.user, **details)
                except status.InvalidTransition:
                    skipped += 1
                else:
                    done += 1
        message = ngettext("%(count)d comment %(done)s.", "%(count)d comments %(done)s.", done) % {
            "count": done,
            "done": DONE[verb],
        }
        if skipped:
            message += " " + ngettext(
                "%(count)d skipped (already there).", "%(count)d skipped (already there).", skipped
            ) % {"count": skipped}
        self.message_user(request, message, messages.SUCCESS if done else messages.WARNING)

    @admin.action(permissions=["moderate"], description=_("Approve selected comments"))
    def approve_selected(self, request, queryset):
        self._apply_to_selected(request, queryset, "approve")

    @admin.action(permissions=["moderate"], description=_("Mark selected comments as spam"))
    def spam_selected(self, request, queryset):
        self._apply_to_selected(request, queryset, "spam")

    @admin.action(permissions=["moderate"], description=_("Mark selected comments as not spam (publish)"))
    def not_spam_selected(self, request, queryset):
        self._apply_to_selected(request, queryset, "not_spam")

    @admin.action(permissions=["moderate"], description=_("Move selected comments to the trash"))
    def trash_selected(self, request, queryset):
        self._apply_to_selected(request, queryset, "trash")

    @admin.action(permissions=["moderate"], description=_("Restore selected comments (undo the last change)"))
    def restore_selected(self, request, queryset):
        self._apply_to_selected(request, queryset, "restore")

    @admin.action(permissions=["moderate"], description=_("Check selected comments again with the spam filter"))
    def check_again_selected(self, request, queryset):
        self._apply_to_selected(request, queryset, "check_again")

    @admin.action(permissions=["moderate"], description=_("Keep selected comments published, their reports read"))
    def keep_selected(self, request, queryset):
        self._apply_to_selected(request, queryset, "keep")

    @admin.action(permissions=["moderate"], description=_("Feature selected comments (approved ones only)"))
    def feature_selected(self, request, queryset):
        self._apply_to_selected(request, queryset, "feature")

    @admin.action(permissions=["moderate"], description=_("Stop featuring selected comments"))
    def unfeature_selected(self, request, queryset):
        self._apply_to_selected(request, queryset, "unfeature")

    # Privacy ------------------------------------------------------------------

    @admin.action(permissions=["moderate"], description=_("Export the writers' personal data (JSON)"))
    def export_personal_data(self, request, queryset):
        emails = sorted({email.lower() for email in queryset.values_list("user_email", flat=True) if email})
        if not emails:
            self.message_user(request, _("The selected comments have no e-mail addresses."), messages.WARNING)
            return None
        data = {"exports": [privacy.export_for_email(email) for email in emails]}
        response = HttpResponse(
            json.dumps(data, indent=2, ensure_ascii=False, default=str), content_type="application/json"
        )
        stamp = timezone.now().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="comment-data-{stamp}.json"'
        return response

    @admin.action(permissions=["moderate"], description=_("Erase the writers' personal data…"))
    def erase_personal_data(self, request, queryset):
        emails = sorted({email.lower() for email in queryset.values_list("user_email", flat=True) if email})
        may_delete = self.has_delete_permission(request)
        modes = ["anonymise", "delete"] if may_delete else ["anonymise"]
        mode = request.POST.get("mode")
        if request.POST.get("confirmed") == "yes" and mode in modes and emails:
            totals = {"anonymised": 0, "deleted": 0}
            for email in emails:
                for key, n in privacy.erase_for_email(email, mode=mode, by_label=request.user.get_username()).items():
                    totals[key] += n
            self.message_user(
                request,
                _(
                    "Personal data erased for %(people)d address(es): "
                    "%(anonymised)d comments anonymised, %(deleted)d deleted."
                )
                % {"people": len(emails), **totals},
                messages.SUCCESS,
            )
            return None
        if not emails:
            self.message_user(request, _("The selected comments have no e-mail addresses."), messages.WARNING)
            return None
        people = [(email, privacy.comments_for_email(email).count()) for email in emails]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Erase personal data"),
            "opts": self.opts,
            "people": people,
            "modes": modes,
            "selected": request.POST.getlist(ACTION_CHECKBOX_NAME),
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
            "select_across": request.POST.get("select_across", "0"),
        }
        return TemplateResponse(request, "admin/newsroom_comments/comment/erase_personal_data.html", context)

    # Page context -------------------------------------------------------------

    def changelist_view(self, request, extra_context=None):
        counts = status_counts(request)
        chosen = request.GET.get(StatusFilter.parameter_name) or StatusFilter.DEFAULT
        tabs = [
            (s.label, counts[s.value], self._changelist_url(status=s.value), chosen == s.value) for s in Comment.Status
        ]
        reported = StatusFilter.REPORTED
        tabs.append((_("Reported"), reported_count(request), self._changelist_url(status=reported), chosen == reported))
        tabs.append((_("All"), sum(counts.values()), self._changelist_url(status=StatusFilter.ALL), chosen == "all"))
        context = {"status_tabs": tabs, "keyboard_moderation": self.has_moderate_permission(request)}
        return super().changelist_view(request, {**context, **(extra_context or {})})

    def change_view(self, request, object_id, form_url="", extra_context=None):
        verbs = []
        if object_id.isdigit() and self.has_moderate_permission(request):
            row = Comment.objects.filter(pk=object_id).values_list("status", "featured_at").first()
            current, featured_at = row or (None, None)
            offered = OFFERED.get(current, [])
            if current == Comment.Status.APPROVED and Comment.objects.reported().filter(pk=object_id).exists():
                offered = [*offered, "keep"]
            offered = [*offered, *_featuring(current, featured_at)]
            verbs = [(self._moderate_url_for(object_id, verb), VERBS[verb][0]) for verb in offered]
        context = {"moderation_verbs": verbs}
        if verbs and REMOVAL_VERBS.keys() & set(offered):
            # What the Spam and Trash buttons send along (see moderate_view).
            context["removal_reason_menu"] = reason_menu(f"reason_code_{object_id}", pk=object_id)
            context["removal_explanation_name"] = f"reason_{object_id}"
        return super().change_view(request, object_id, form_url, {**context, **(extra_context or {})})

    # Helpers ------------------------------------------------------------------

    def _moderate_url(self, obj, verb):
        return self._moderate_url_for(obj.pk, verb)

    def _moderate_url_for(self, pk, verb):
        return reverse("admin:newsroom_comments_comment_moderate", args=[pk, verb], current_app=self.admin_site.name)

    def _changelist_url(self, **params):
        url = reverse("admin:newsroom_comments_comment_changelist", current_app=self.admin_site.name)
        return f"{url}?{urlencode(params)}" if params else url

    def _others_link(self, obj):
        """The writer's address (their other comments) and their record, by account or by address."""
        record = self._record_link(obj)
        if not obj.user_email:
            return record or "—"
        return format_html(
            '<a href="{}" title="{}">{}</a> {}',
            self._changelist_url(user_email=obj.user_email, status=StatusFilter.ALL),
            _("This writer's comments"),
            obj.user_email,
            record,
        )

    def _record_link(self, obj):
        if not (obj.user_id or obj.email_key):
            return ""
        url = admin_commenters.commenter_url(user_id=obj.user_id, email=obj.email_key, current_app=self.admin_site.name)
        return format_html(
            '<a href="{}" class="nr-record" title="{}">{}</a>', url, _("The commenter's record"), _("record")
        )

    @staticmethod
    def _reason(reason):
        if isinstance(reason, dict):
            if reason.get("label"):
                return reason["label"]
            score = reason.get("score")
            text = reason.get("reason", "")
            return f"{text} ({score:+.2f})" if isinstance(score, int | float) else text
        return str(reason)

    def _back(self, request):
        referer = request.META.get("HTTP_REFERER", "")
        if referer and url_has_allowed_host_and_scheme(
            referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return referer
        return self._changelist_url()


admin.site.register(Comment, CommentAdmin)

# With a custom comment model neither library registers its own admin; should a
# version ever do so, remove it: moderation goes through the status machine only.
for _model in (XtdComment, ContribComment):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
