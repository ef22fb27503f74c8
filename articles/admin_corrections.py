"""Corrections and updates in the article form: an inline for desk editors.

Only whoever may publish (:func:`articles.roles.can_publish`) adds, changes
or deletes a note: a correction speaks for the publication, and the notes
belong on published articles, which are read-only to writers anyway.
Writers see the notes on their own articles, read-only. Every change to a
note is part of the article's revision (:mod:`articles.revisions`), so the
history shows who changed or deleted which note, and when.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from articles import roles
from articles.models import Correction


class CorrectionInline(admin.StackedInline):
    model = Correction
    fields = ["kind", "text", "published_at"]
    extra = 0
    verbose_name = _("correction or update")
    verbose_name_plural = _("corrections and updates (shown to readers on the article and the corrections page)")

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and roles.can_publish(request.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and roles.can_publish(request.user)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and roles.can_publish(request.user)


class CorrectionsAdminMixin:
    """Names the editor who added each note (``Correction.created_by``)."""

    def save_formset(self, request, form, formset, change):
        if formset.model is Correction:
            for note_form in formset.forms:
                if note_form.instance.pk is None:
                    note_form.instance.created_by = request.user
        super().save_formset(request, form, formset, change)
