"""Articles' revisions: every save kept, two compared field by field, an old one restored.

Kept with django-reversion. An article's revision holds the article with its
bylines, its tags (the tagging rows) and its corrections and updates, as
they were after the save, with who saved and a comment::

    from articles import revisions

    with revisions.recorded(user=request.user, comment="Published."):
        article.save()

The admin records a revision around every add and change (the comment is
Django's change message: "Changed Headline and Body. Added correction …"),
and one per article for the publish and unpublish actions. Any other save
(the shell, a management command, a task) of an article, its bylines or its
corrections is recorded once its transaction commits, as "Saved outside the
admin".

:func:`snapshots` reads revisions back as plain values, :func:`compare`
turns two of them into a per-field, HTML-escaped diff (word by word for
text), and :func:`restore` brings an old revision's text, section, bylines
and tags back as a new revision. A restore never changes whether or when
readers see the article (status, publish time, address): that stays the
desk's decision. Corrections and updates are not restored either: a note
readers have seen is part of the public record, and only an editor editing
the note itself changes it (which is a revision too).
"""

import contextlib
import difflib
import html
import re
from dataclasses import dataclass, field

import reversion
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.html import conditional_escape, format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reversion.models import Version
from taggit.models import Tag, TaggedItem

from articles.models import Article, Author, Byline, Category, Correction

#: Fields a restore leaves alone: whether, when and where readers see the article is the desk's to change, and so
#: are a running live coverage and the comment switches (comments closed for a legal reason stay closed).
KEPT_ON_RESTORE = frozenset(
    {
        "id",
        "slug",
        "status",
        "publish_at",
        "coverage_start",
        "coverage_end",
        "comments_enabled",
        "comments_closed_message",
        "comments_premoderated",
    }
)

#: The fields a comparison shows, in the order of the article form (``(name, label)``).
COMPARED = (
    ("headline", gettext_lazy("Headline")),
    ("standfirst", gettext_lazy("Standfirst")),
    ("body", gettext_lazy("Body")),
    ("bylines", gettext_lazy("Bylines")),
    ("section", gettext_lazy("Section")),
    ("tags", gettext_lazy("Tags")),
    ("status", gettext_lazy("Status")),
    ("publish_at", gettext_lazy("Publish time")),
    ("corrections", gettext_lazy("Corrections and updates")),
)
# Kept by Django or by the app itself, never typed by anyone: not worth naming as a change.
_UNCOMPARED = {"id", "updated_at", "created_at", "first_published_at", "created_by"}
_TOKENS = re.compile(r"\s+|[^\s]+")
_BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote)>|<br\s*/?>|<hr\s*/?>", re.IGNORECASE)


class RestoreError(Exception):
    """The revision cannot be restored as it is (its section or an author has been deleted since)."""


def register():
    """Register the article and what its revisions follow with django-reversion (from ``AppConfig.ready``)."""
    for model in (Byline, Correction, TaggedItem):
        if not reversion.is_registered(model):
            reversion.register(model)
    if not reversion.is_registered(Article):
        reversion.register(Article, follow=("bylines", "tagged_items", "corrections"))
    for model in (Article, Byline, Correction):
        uid = f"articles_revisions_{model._meta.model_name}"
        post_save.connect(_saved_outside_a_revision, sender=model, dispatch_uid=f"{uid}_save")
        post_delete.connect(_saved_outside_a_revision, sender=model, dispatch_uid=f"{uid}_delete")
    m2m_changed.connect(_tagged_outside_a_revision, sender=Article.tags.through, dispatch_uid="articles_revisions_tags")


@contextlib.contextmanager
def recorded(*, user=None, comment=""):
    """Record what is saved inside as one revision, by ``user``, with ``comment``."""
    with reversion.create_revision():
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
        if comment:
            reversion.set_comment(comment)
        yield


def _saved_outside_a_revision(sender, instance, raw=False, **kwargs):
    """Keep a revision of an article changed where no revision was being recorded, once its transaction commits.

    One revision however many of its rows the transaction saved: a save
    whose article already waits for the commit adds nothing, and a callback
    that finds a revision newer than its save (recorded by another
    transaction meanwhile) stops there.
    """
    if raw or reversion.is_active():
        return
    if sender is Article and kwargs.get("signal") is post_delete:
        return  # nothing left to record; its earlier revisions stay
    article_id = instance.pk if sender is Article else instance.article_id
    if _waits_for_commit(article_id):
        return
    saved_at = timezone.now()

    def record():
        record.article_id = None  # run: a later save queues its own (tests run callbacks inside the transaction)
        article = Article.objects.filter(pk=article_id).first()
        if article is None:
            return
        latest = Version.objects.get_for_object(article).select_related("revision").first()
        if latest is not None and latest.revision.date_created >= saved_at:
            return
        with recorded(comment=_("Saved outside the admin.")):
            reversion.add_to_revision(article)

    record.article_id = article_id
    transaction.on_commit(record)


def _waits_for_commit(article_id):
    """Whether a revision of article ``article_id`` is already queued for this transaction's commit.

    Read from the connection's own queue of commit callbacks, so a savepoint
    rolled back takes its callbacks, and this answer, with it.
    """
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return False  # (outside a transaction a callback runs at once)
    return any(getattr(func, "article_id", None) == article_id for _, func, _ in connection.run_on_commit)


def _tagged_outside_a_revision(sender, instance, action, reverse=False, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and not reverse and isinstance(instance, Article):
        _saved_outside_a_revision(Article, instance)


def versions_of(article):
    """The article's versions, newest first, each with its revision and the revision's author (one query)."""
    return Version.objects.get_for_object(article).select_related("revision", "revision__user").order_by("-pk")


@dataclass
class Snapshot:
    """An article as one revision kept it, in plain values: what comparisons and restores read."""

    version: Version
    fields: dict
    bylines: list = field(default_factory=list)  # [(position, author_id)], in byline order
    tag_ids: list = field(default_factory=list)
    corrections: list = field(default_factory=list)  # [{"id", "kind", "text", "published_at"}], oldest first
    names: dict = field(default_factory=dict)  # shared with the other snapshots read at once

    @property
    def revision(self):
        return self.version.revision

    def value(self, name):
        """A compared field's value as an editor reads it (``COMPARED``)."""
        if name == "bylines":
            return ", ".join(self.names["author"].get(pk, _("(deleted author)")) for _position, pk in self.bylines)
        if name == "section":
            return self.names["category"].get(self.fields.get("category_id"), _("(deleted section)"))
        if name == "tags":
            return ", ".join(sorted(self.names["tag"].get(pk, _("(deleted tag)")) for pk in self.tag_ids))
        if name == "status":
            return str(dict(Article.Status.choices).get(self.fields.get("status"), self.fields.get("status")))
        if name == "corrections":
            return "\n\n".join(
                f"{Correction.Kind(c['kind']).label} ({c['published_at']:%Y-%m-%d %H:%M}): {c['text']}"
                for c in self.corrections
            )
        if name == "body":
            return body_text(self.fields.get("body"))
        value = self.fields.get(name)
        return "" if value is None else str(value)

    def comparable(self):
        """Everything an editor could have changed, to tell which fields a revision changed."""
        values = {name: value for name, value in self.fields.items() if name not in _UNCOMPARED}
        values["body"] = self.fields.get("body")  # markup changes count too
        values.update(
            section=values.pop("category_id", None),
            bylines=self.bylines,
            tags=sorted(self.tag_ids),
            corrections=[(c["id"], c["kind"], c["text"], c["published_at"]) for c in self.corrections],
        )
        return values


def snapshots(versions):
    """:class:`Snapshot` objects of ``versions`` (an article's), reading every revision's rows and names at once.

    Four queries however many versions: the revisions' versions, then the
    authors', sections' and tags' names.
    """
    versions = list(versions)
    if not versions:
        return []
    types = ContentType.objects.get_for_models(Article, Byline, TaggedItem, Correction)
    byline_type, tagged_type, correction_type = types[Byline].pk, types[TaggedItem].pk, types[Correction].pk
    article_type = types[Article].pk
    related = {}
    followed = Version.objects.filter(
        revision__in=[v.revision_id for v in versions],
        content_type__in=[byline_type, tagged_type, correction_type],
    ).order_by("pk")
    for other in followed:
        related.setdefault(other.revision_id, []).append(other)
    names = {"author": {}, "category": {}, "tag": {}}
    result = []
    for version in versions:
        snapshot = Snapshot(version=version, fields=dict(version.field_dict), names=names)
        for other in related.get(version.revision_id, ()):
            values = other.field_dict
            if other.content_type_id == byline_type and values["article_id"] == snapshot.fields["id"]:
                snapshot.bylines.append((values["position"], values["author_id"]))
            elif (
                other.content_type_id == tagged_type
                # Another model's tagging row may share the id: only this article's own type belongs to it.
                and (values["object_id"], values["content_type_id"]) == (snapshot.fields["id"], article_type)
            ):
                snapshot.tag_ids.append(values["tag_id"])
            elif other.content_type_id == correction_type and values["article_id"] == snapshot.fields["id"]:
                snapshot.corrections.append({"id": int(other.object_id), **values})
        snapshot.bylines.sort()
        snapshot.corrections.sort(key=lambda c: (c["published_at"], c["id"]))
        result.append(snapshot)
    names["author"].update(
        Author.objects.filter(pk__in={pk for s in result for _p, pk in s.bylines}).values_list("pk", "name")
    )
    names["category"].update(
        Category.objects.filter(pk__in={s.fields.get("category_id") for s in result}).values_list("pk", "full_name")
    )
    names["tag"].update(Tag.objects.filter(pk__in={pk for s in result for pk in s.tag_ids}).values_list("pk", "name"))
    return result


def changed_fields(older, newer):
    """The labels of the fields that differ between two snapshots (``older`` ``None``: a first revision)."""
    if older is None:
        return []
    before, after = older.comparable(), newer.comparable()
    names = [name for name in after.keys() | before.keys() if before.get(name) != after.get(name)]
    labels = {name: str(label) for name, label in COMPARED}
    for name in names:
        if name not in labels:
            try:
                labels[name] = str(Article._meta.get_field(name.removesuffix("_id")).verbose_name)
            except LookupError:
                labels[name] = name
    order = [name for name, _label in COMPARED]
    return [labels[name] for name in sorted(names, key=lambda n: (order.index(n) if n in order else len(order), n))]


@dataclass(frozen=True)
class FieldDiff:
    """One field of a comparison: its label, whether it changed, and the change marked in HTML."""

    label: str
    changed: bool
    diff: str  # safe HTML: the newer value with deletions and insertions marked


def compare(older, newer):
    """One :class:`FieldDiff` per compared field (``COMPARED``), from ``older`` to ``newer``."""
    diffs = []
    for name, label in COMPARED:
        before, after = older.value(name), newer.value(name)
        changed = before != after
        if name == "body" and not changed and older.fields.get("body") != newer.fields.get("body"):
            changed = True  # the same words, with other formatting or links
            diffs.append(
                FieldDiff(str(label), True, format_html("{}<p><em>{}</em></p>", after, _("Formatting changed.")))
            )
            continue
        diffs.append(FieldDiff(str(label), changed, word_diff(before, after) if changed else conditional_escape(after)))
    return diffs


def word_diff(before, after):
    """``after`` as HTML, with words taken out of ``before`` in ``<del>`` and words put in as ``<ins>``."""
    old, new = _TOKENS.findall(before or ""), _TOKENS.findall(after or "")
    # (taken out, put in) runs; a change is one run however many spaces it spans ("reopens after" → "stays").
    runs = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        taken, put = "".join(old[i1:i2]), "".join(new[j1:j2])
        if op == "equal":
            runs.append((None, put))
        elif runs and runs[-1][0] is not None:
            runs[-1] = (runs[-1][0] + taken, runs[-1][1] + put)
        elif len(runs) >= 2 and runs[-1][1].isspace() and runs[-2][0] is not None:
            space = runs.pop()[1]
            runs[-1] = (runs[-1][0] + space + taken, runs[-1][1] + space + put)
        else:
            runs.append((taken, put))
    parts = []
    for taken, put in runs:
        if taken is None:
            parts.append(conditional_escape(put))
            continue
        if taken:
            parts.append(format_html("<del>{}</del>", taken))
        if put:
            parts.append(format_html("<ins>{}</ins>", put))
    return mark_safe("".join(parts))  # each part escaped above


def body_text(body):
    """An HTML body as readable text: a blank line between paragraphs, no tags, entities decoded."""
    text = _BLOCK_END.sub(lambda match: match.group(0) + "\n\n", body or "")
    lines = (" ".join(line.split()) for line in html.unescape(strip_tags(text)).split("\n"))
    return "\n\n".join(line for line in lines if line)


def restore(version, *, user):
    """Bring back ``version``'s text, section, bylines and tags as a new revision by ``user``; the article.

    Status, publish time and address stay as they are now, and so do the
    corrections. The article is saved the usual way, so the pages showing
    it are purged. Raises :class:`RestoreError` when something the revision
    names is gone.
    """
    [snapshot] = snapshots([version])
    if snapshot.fields.get("category_id") not in snapshot.names["category"]:
        raise RestoreError(_("The revision's section has been deleted since."))
    missing = [pk for _position, pk in snapshot.bylines if pk not in snapshot.names["author"]]
    if missing:
        raise RestoreError(_("An author on the revision's bylines has been deleted since."))
    when = version.revision.date_created
    comment = _("Restored the revision of %(when)s.") % {"when": f"{when:%Y-%m-%d %H:%M}"}
    with transaction.atomic(), recorded(user=user, comment=comment):
        article = Article.objects.select_for_update().get(pk=version.object_id)
        for model_field in Article._meta.concrete_fields:
            if model_field.editable and model_field.name not in KEPT_ON_RESTORE:
                setattr(article, model_field.attname, snapshot.fields[model_field.attname])
        article.save()
        wanted = {author_id: position for position, author_id in snapshot.bylines}
        for byline in article.bylines.exclude(author_id__in=wanted):
            byline.delete()
        for author_id, position in wanted.items():
            Byline.objects.update_or_create(article=article, author_id=author_id, defaults={"position": position})
        article.tags.set(list(Tag.objects.filter(pk__in=snapshot.tag_ids)))
        # Once more, as it now is: the first record was taken before the bylines and tags were put back.
        reversion.add_to_revision(article)
    return article
