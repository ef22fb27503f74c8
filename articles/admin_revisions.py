"""The article admin's revisions: the history list, a comparison of two revisions, and restoring one.

:class:`RevisionsAdminMixin` goes before ``admin.ModelAdmin`` in the article
admin's bases. Every add and change in the form is recorded as one revision
by the user, commented with Django's change message (which fields changed,
which bylines or corrections were added, changed or deleted); the history
page lists them newest first with the fields each one changed, and compares
any two.

Who may do what follows :mod:`articles.roles` through the admin's own
permission methods: the history and comparisons of an article are for
whoever may open the article; restoring one is for whoever may change it
now, so a writer can restore revisions of their own draft but not of an
article the desk has approved. Restoring is a POST with the CSRF token and
is itself a revision (:func:`articles.revisions.restore`).
"""

import reversion
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponseBadRequest, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _

from articles import revisions


class RevisionsAdminMixin:
    """Revisions for a ``ModelAdmin`` of articles: recorded on every save, listed, compared and restored."""

    revision_history_template = "articles/admin/revision_history.html"
    revision_compare_template = "articles/admin/revision_compare.html"
    #: Revisions per page of the history (each is read in full, the body included, to tell what it changed).
    revisions_per_page = 50

    def add_view(self, request, form_url="", extra_context=None):
        if request.method != "POST":
            return super().add_view(request, form_url, extra_context)
        with revisions.recorded(user=request.user):
            return super().add_view(request, form_url, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method != "POST":  # a GET saves nothing: no revision to open
            return super().change_view(request, object_id, form_url, extra_context)
        with revisions.recorded(user=request.user):
            return super().change_view(request, object_id, form_url, extra_context)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        _comment(entry.get_change_message() or _("Added."))
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        _comment(entry.get_change_message() or _("Saved with no changes."))
        return entry

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/history/compare/", view(self.compare_view), name=self._url_name("compare")),
            path(
                "<path:object_id>/history/<int:version_id>/restore/",
                view(self.restore_view),
                name=self._url_name("restore"),
            ),
            *super().get_urls(),
        ]

    def _article_or_404(self, request, object_id, *, change=False):
        """The article, if this user may open it (``change``: may change it now); 403 or 404 otherwise.

        As the change form answers: no permission on articles at all is a 403; an article that is not
        there, or not this user's to see, a 404.
        """
        obj = self.get_object(request, unquote(object_id))
        if not (self.has_change_permission if change else self.has_view_or_change_permission)(request, obj):
            raise PermissionDenied
        if obj is None:
            raise Http404
        return obj

    def _context(self, request, obj, title):
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "subtitle": None,
            "object": obj,
            "opts": self.opts,
            "module_name": str(self.opts.verbose_name_plural),
            "preserved_filters": self.get_preserved_filters(request),
            "may_restore": self.has_change_permission(request, obj),
        }

    def history_view(self, request, object_id, extra_context=None):
        """The revisions, newest first, a page at a time: when, by whom, the comment, the fields each changed."""
        obj = self._article_or_404(request, object_id)
        versions = revisions.versions_of(obj)
        paginator = Paginator(versions, self.revisions_per_page)
        try:
            page = paginator.page(request.GET.get("p") or 1)
        except InvalidPage as exc:
            raise Http404 from exc
        # The page's revisions and the one before its oldest, to tell what that one changed.
        start = (page.number - 1) * paginator.per_page
        shots = revisions.snapshots(versions[start : start + paginator.per_page + 1])
        rows = [
            {"snapshot": shot, "changed": revisions.changed_fields(older, shot), "latest": start + i == 0}
            for i, (shot, older) in enumerate(zip(shots, [*shots[1:], None], strict=True))
        ][: paginator.per_page]
        context = {
            **self._context(request, obj, _("History: %s") % obj),
            "rows": rows,
            "page_obj": page,
            "compare_url": self._url("compare", obj),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.revision_history_template, context)

    def compare_view(self, request, object_id):
        """Two revisions side by side, field by field: ``?from=<version>&to=<version>`` (by default the last two)."""
        obj = self._article_or_404(request, object_id)
        try:
            wanted = [int(request.GET[name]) for name in ("from", "to") if request.GET.get(name)]
        except ValueError:
            return HttpResponseBadRequest(_("Choose two revisions to compare."))
        versions = revisions.versions_of(obj)
        if wanted:
            if len(wanted) != 2:
                return HttpResponseBadRequest(_("Choose two revisions to compare."))
            found = {version.pk: version for version in versions.filter(pk__in=wanted)}
            if len(found) != len(set(wanted)):
                raise Http404
            pair = sorted(found.values(), key=lambda version: version.pk)
            if len(pair) == 1:
                pair = pair * 2
        else:
            pair = list(reversed(versions[:2]))
            if len(pair) < 2:
                raise Http404(_("This article has only one revision."))
        latest = versions.values_list("pk", flat=True).first()
        older, newer = revisions.snapshots(pair)
        context = {
            **self._context(request, obj, _("Compare revisions: %s") % obj),
            "older": older,
            "newer": newer,
            "diffs": revisions.compare(older, newer),
            "latest": latest,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.revision_compare_template, context)

    def restore_view(self, request, object_id, version_id):
        """Restore one revision (POST): a new revision with its text, section, bylines and tags."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self._article_or_404(request, object_id, change=True)
        version = revisions.versions_of(obj).filter(pk=version_id).first()
        if version is None:
            raise Http404
        try:
            revisions.restore(version, user=request.user)
        except revisions.RestoreError as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(self._url("history", obj))
        messages.success(
            request,
            _("Restored the revision of %(when)s as a new revision.")
            % {"when": f"{version.revision.date_created:%Y-%m-%d %H:%M}"},
        )
        return HttpResponseRedirect(self._url("change", obj))

    def _url_name(self, view):
        return f"{self.opts.app_label}_{self.opts.model_name}_{view}"

    def _url(self, view, obj):
        return reverse(f"{self.admin_site.name}:{self._url_name(view)}", args=[obj.pk])


def _comment(message):
    """Comment the revision being recorded, if one is (an admin save outside the views above records none)."""
    if reversion.is_active():
        reversion.set_comment(message)
