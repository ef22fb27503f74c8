"""Each section's list of articles, kept as rows (``SectionListing``) so that any page of it is one index range.

An article has a row for its own section and one for every section above
it, with its status and publish time copied. Who keeps them right:

* saving an article (``articles.signals``): its rows are rewritten when its
  section, status or publish time changed, or on a raw save;
* moving a section to another parent (``articles.signals``): the rows of
  every article in the moved tree are rebuilt;
* deleting an article or a section: the database drops their rows
  (``on_delete=CASCADE``);
* anything that writes articles without ``save()`` (``bulk_create``, a
  ``QuerySet.update()`` of status, publish time or section) calls
  :func:`rebuild` with those articles afterwards::

      from articles import section_lists

      Article.objects.filter(pk__in=pks).update(publish_at=F("publish_at") + shift)
      section_lists.rebuild(articles=Article.objects.filter(pk__in=pks))

Whether an article is published is still decided at read time by the
database's clock (``SectionListing.objects.published()``), so a scheduled
article joins its lists by itself, with no job to flip its rows.
"""

from django.apps import apps as installed_apps

from articles.models import SectionListing

BATCH = 2000


def index(article):
    """Rewrite the rows of one saved ``article``: three queries (its old rows out, the sections, its new rows in)."""
    SectionListing.objects.filter(article_id=article.pk).delete()
    SectionListing.objects.bulk_create(_rows(SectionListing, section_chains(), [_listing_values(article)]))


def rebuild(*, articles=None, apps=installed_apps):
    """Write the rows of ``articles`` (a queryset of articles; all of them if ``None``) afresh.

    A few queries per ``BATCH`` articles: about six seconds for 100,000 on
    SQLite. ``apps`` is a migration's app registry when a migration calls it.
    """
    article_model = apps.get_model("newsroom_articles", "Article")
    listing_model = apps.get_model("newsroom_articles", "SectionListing")
    if articles is None:
        articles = article_model.objects.all()
        listing_model.objects.all().delete()
    else:
        listing_model.objects.filter(article__in=articles.values("pk")).delete()
    chains = section_chains(apps=apps)
    last = 0
    while True:
        batch = list(
            articles.filter(pk__gt=last).order_by("pk").values_list("pk", "category_id", "status", "publish_at")[:BATCH]
        )
        if not batch:
            return
        listing_model.objects.bulk_create(_rows(listing_model, chains, batch), batch_size=BATCH)
        last = batch[-1][0]


def section_chains(*, apps=installed_apps):
    """``{section pk: [its pk and the pks of every section above it]}``, by parent (one query).

    By parent, not by path: inside a section's save its descendants' paths are not rewritten yet.
    """
    parents = dict(apps.get_model("newsroom_articles", "Category").objects.values_list("pk", "parent_id"))
    chains = {}
    for pk in parents:
        chain, node = [], pk
        while node is not None and node not in chain:  # (a loop in the tree would otherwise never end)
            chain.append(node)
            node = parents.get(node)
        chains[pk] = chain
    return chains


def descendants(section_pk, *, apps=installed_apps):
    """The pks of the section ``section_pk`` and every section below it (one query)."""
    return [pk for pk, chain in section_chains(apps=apps).items() if section_pk in chain]


def _listing_values(article):
    return article.pk, article.category_id, article.status, article.publish_at


def _rows(listing_model, chains, articles):
    return [
        listing_model(section_id=section, article_id=pk, status=status, publish_at=publish_at)
        for pk, category, status, publish_at in articles
        for section in chains.get(category, ())
    ]
