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
"""

from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from articles.models import Article
from articles.related import schedule_recompute


@receiver(post_save, sender=Article, dispatch_uid="articles_recompute_related_on_save")
def recompute_related_on_save(sender, instance, raw=False, **kwargs):
    if not raw:  # fixtures load rows as they are
        schedule_recompute(instance)


@receiver(m2m_changed, sender=Article.tags.through, dispatch_uid="articles_recompute_related_on_tags")
def recompute_related_on_tags(sender, instance, action, reverse=False, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and not reverse and isinstance(instance, Article):
        schedule_recompute(instance)
