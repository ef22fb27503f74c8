"""Side effects of article changes: derived data only, deferred until the transaction commits.

When an article is saved or its tags change, its term index and its own
"You may also like" suggestions are recomputed once the surrounding
transaction commits (so the admin's bylines and tags are in place, and a
rolled-back save leaves nothing behind).

The saved article's own list is ranked in full. The articles that should
now point to it are not re-ranked (that would multiply a save's cost); its
closest neighbours are instead offered it as one more suggestion where it
beats their weakest (:func:`articles.related.link_back`), so older stories
show a new follow-up at once. Read time drops anything unpublished or
excluded since.

Cached pages (:mod:`articles.pagecache`) are purged by tag after commit: a
saved or deleted article purges ``article-<pk>``, which every page showing
it carries (its own, the lists with its teaser, "You may also like"). When
what decides its lists changes (``Article.LISTING_FIELDS``: created,
deleted, published or withdrawn, rescheduled, moved to another section) and
it is or was published, it purges the lists it was in and those it is in now
as well (:func:`lists_of`): ``listing-latest`` (the home page, the site-wide
lists), its old and new section's and every section above them, its tags'
and its authors'. The state before the save is read from the database in
``pre_save``, so an article loaded long ago or built by hand still purges
the lists it really left. A byline added, changed or removed purges the
article and the lists of the authors it names (before and after); tags added,
removed or cleared purge the article and those tags' lists. Lists no change
touches stay cached: publishing in Sport leaves Business alone.

The sections' lists (``articles.section_lists``) are kept in the same
transaction as the change, not after it: they decide which articles a
section's page shows, so they commit or roll back with the article. A saved
article rewrites its rows when what decides its lists changed; a section
moved to another parent rebuilds the rows of every article in its tree.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from taggit.models import Tag

from articles import pagecache, section_lists
from articles.models import Article, Author, Byline, Category
from articles.related import schedule_recompute


@receiver(post_save, sender=Article, dispatch_uid="articles_recompute_related_on_save")
def recompute_related_on_save(sender, instance, raw=False, **kwargs):
    if not raw:  # fixtures load rows as they are
        schedule_recompute(instance)


@receiver(m2m_changed, sender=Article.tags.through, dispatch_uid="articles_recompute_related_on_tags")
def recompute_related_on_tags(sender, instance, action, reverse=False, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and not reverse and isinstance(instance, Article):
        schedule_recompute(instance)


def lists_of(*, sections=(), tags=(), authors=()):
    """The page cache tags of the lists showing an article in ``sections``, with ``tags`` and by ``authors``
    (primary keys): ``listing-latest``, each section's and every section's above it (their pages list their
    subsections' articles too), each tag's and each author's.

    Two queries with sections (their paths, then the sections on those paths), none without.
    """
    found = [pagecache.LATEST]
    paths = Category.objects.filter(pk__in=set(sections)).values_list("path", flat=True) if sections else []
    above = {"/".join(parts[: n + 1]) for parts in (path.split("/") for path in paths) for n in range(len(parts))}
    if above:
        found += [
            pagecache.listing(Category, pk)
            for pk in Category.objects.filter(path__in=above).values_list("pk", flat=True)
        ]
    found += [pagecache.listing(Tag, pk) for pk in tags]
    found += [pagecache.listing(Author, pk) for pk in authors]
    return found


def _lists_of_article(article, *, states):
    """:func:`lists_of` an article in any of ``states`` (``listing_state()`` tuples; ``None`` for none) that
    lists may show: published, now or at its time. With its tags and authors as the database has them."""
    status, category = Article.LISTING_FIELDS.index("status"), Article.LISTING_FIELDS.index("category_id")
    listed = [state for state in states if state is not None and state[status] == Article.Status.PUBLISHED]
    if not listed:
        return []
    return lists_of(
        sections={state[category] for state in listed},
        tags=article.tags.values_list("pk", flat=True),
        authors=Byline.objects.filter(article=article).values_list("author_id", flat=True),
    )


@receiver(pre_save, sender=Article, dispatch_uid="articles_lists_before_save")
def lists_before_save(sender, instance, raw=False, update_fields=None, **kwargs):
    """Remember what decided the article's lists before this save, as stored (``None``: new)."""
    if raw:
        return
    names = {Article._meta.get_field(name).name for name in Article.LISTING_FIELDS}
    if update_fields is not None and not names & set(update_fields):
        instance.listed_before = instance.listing_state()  # this save leaves its lists as they are
        return
    stored = Article.objects.filter(pk=instance.pk).values_list(*Article.LISTING_FIELDS) if instance.pk else None
    instance.listed_before = stored.first() if stored is not None else None


# Before the purge below, which takes ``listed_before`` away.
@receiver(post_save, sender=Article, dispatch_uid="articles_index_sections_on_save")
def index_sections_on_save(sender, instance, **kwargs):
    """Rewrite the article's rows in its sections' lists if its section, status or publish time changed.

    A raw save (a fixture, a revision reverted by django-reversion) always: nothing was read before it.
    """
    if instance.__dict__.get("listed_before") != instance.listing_state():
        section_lists.index(instance)


@receiver(pre_save, sender=Category, dispatch_uid="articles_parent_before_section_save")
def parent_before_section_save(sender, instance, update_fields=None, **kwargs):
    """Remember the section's parent as stored, to tell a move from any other save."""
    if instance.pk is not None and (update_fields is None or "parent" in update_fields):
        stored = Category.objects.filter(pk=instance.pk).values_list("parent_id", flat=True)
        instance.parent_before = stored.first()


@receiver(post_save, sender=Category, dispatch_uid="articles_index_moved_section")
def index_moved_section(sender, instance, created=False, **kwargs):
    """A section moved to another parent: its articles, and those of the sections below it, change lists."""
    before = instance.__dict__.pop("parent_before", instance.parent_id)
    if not created and before != instance.parent_id:
        tree = section_lists.descendants(instance.pk)
        section_lists.rebuild(articles=Article.objects.filter(category_id__in=tree))


@receiver(post_save, sender=Article, dispatch_uid="articles_purge_on_save")
def purge_on_save(sender, instance, created=False, raw=False, **kwargs):
    if raw:
        return
    before = instance.__dict__.pop("listed_before", None)
    listed = instance.listing_state()
    tags = [pagecache.key(instance)]
    if created or before != listed:  # may be in other lists now: those it left and those it joined
        tags += _lists_of_article(instance, states=[before, listed])
    pagecache.purge_on_commit(*tags)


@receiver(pre_delete, sender=Article, dispatch_uid="articles_purge_on_delete")
def purge_on_delete(sender, instance, **kwargs):
    # Before the delete: its bylines and tags go with it.
    tags = _lists_of_article(instance, states=[instance.listing_state()])
    pagecache.purge_on_commit(pagecache.key(instance), *tags)


@receiver(pre_save, sender=Byline, dispatch_uid="articles_author_before_byline_save")
def author_before_byline_save(sender, instance, raw=False, **kwargs):
    if not raw and instance.pk:
        instance.author_before = Byline.objects.filter(pk=instance.pk).values_list("author_id", flat=True).first()


@receiver(post_save, sender=Byline, dispatch_uid="articles_purge_on_byline_save")
@receiver(post_delete, sender=Byline, dispatch_uid="articles_purge_on_byline_delete")
def purge_on_byline(sender, instance, raw=False, **kwargs):
    if raw:
        return
    # The article's teasers show its authors' names; the authors' lists gain or lose it if readers see it.
    tags = [pagecache.key(Article, instance.article_id)]
    authors = {instance.author_id, instance.__dict__.pop("author_before", None)} - {None}
    if Article.objects.filter(pk=instance.article_id, status=Article.Status.PUBLISHED).exists():
        tags += [pagecache.listing(Author, pk) for pk in sorted(authors)]
    pagecache.purge_on_commit(*tags)


@receiver(m2m_changed, sender=Article.tags.through, dispatch_uid="articles_purge_on_tags")
def purge_on_tags(sender, instance, action, model=None, pk_set=None, **kwargs):
    if not isinstance(instance, Article) or action not in {"pre_clear", "post_add", "post_remove"}:
        return  # (the tags' pages list articles only)
    if action == "pre_clear":  # which tags it had is gone once cleared: read them now
        pk_set = set(instance.tags.values_list("pk", flat=True))
    # Its page shows the tags' names; the tags' lists gain or lose it if readers see it.
    tags = [pagecache.key(instance)]
    if instance.status == Article.Status.PUBLISHED:
        tags += [pagecache.listing(model, pk) for pk in sorted(pk_set)]
    pagecache.purge_on_commit(*tags)
