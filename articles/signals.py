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
it carries (its own, the lists with its teaser, "You may also like"), and
``listing`` as well when the lists it belongs in may change (new, deleted,
published or withdrawn, rescheduled, moved to another section). A byline
purges the article and the author's pages; tags added or removed purge the
article and those tags' pages.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from articles import pagecache
from articles.models import Article, Author, Byline
from articles.related import schedule_recompute


@receiver(post_save, sender=Article, dispatch_uid="articles_recompute_related_on_save")
def recompute_related_on_save(sender, instance, raw=False, **kwargs):
    if not raw:  # fixtures load rows as they are
        schedule_recompute(instance)


@receiver(m2m_changed, sender=Article.tags.through, dispatch_uid="articles_recompute_related_on_tags")
def recompute_related_on_tags(sender, instance, action, reverse=False, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and not reverse and isinstance(instance, Article):
        schedule_recompute(instance)


@receiver(post_save, sender=Article, dispatch_uid="articles_purge_on_save")
def purge_on_save(sender, instance, raw=False, **kwargs):
    if raw:
        return
    listed = instance.listing_state()
    tags = [pagecache.key(instance)]
    if getattr(instance, "listed_as", None) != listed:  # new, or loaded otherwise: may be in other lists now
        tags.append("listing")
    instance.listed_as = listed
    pagecache.purge_on_commit(*tags)


@receiver(post_delete, sender=Article, dispatch_uid="articles_purge_on_delete")
def purge_on_delete(sender, instance, **kwargs):
    pagecache.purge_on_commit(pagecache.key(instance), "listing")


@receiver(post_save, sender=Byline, dispatch_uid="articles_purge_on_byline_save")
@receiver(post_delete, sender=Byline, dispatch_uid="articles_purge_on_byline_delete")
def purge_on_byline(sender, instance, raw=False, **kwargs):
    if not raw:
        pagecache.purge_on_commit(
            pagecache.key(Article, instance.article_id), pagecache.key(Author, instance.author_id)
        )


@receiver(m2m_changed, sender=Article.tags.through, dispatch_uid="articles_purge_on_tags")
def purge_on_tags(sender, instance, action, reverse=False, model=None, pk_set=None, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if pk_set is None:  # cleared: which tags it had is gone, so every list
        pagecache.purge_on_commit(pagecache.key(instance), "listing")
        return
    pagecache.purge_on_commit(pagecache.key(instance), *(pagecache.key(model, pk) for pk in pk_set))
