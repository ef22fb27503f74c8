"""Which page cache tags each change to an article purges (``articles.signals``), and which it leaves alone.

Each test commits its setup, then records what the change under test purges once it commits: the
tags that reach the page cache's log and the shared cache in front (``pagecache.backends.queue``). The pages
they purge, and those they leave cached, are in ``test_pagecache_tags``.
"""

from datetime import timedelta

import pytest
from django.core import serializers
from django.utils import timezone
from taggit.models import Tag

from articles import pagecache
from articles.models import Article, Byline
from articles.pagecache import backends
from articles.related import page_cache_tag
from articles.signals import lists_of
from tests.articles.test_admin import article_form_data, change_url
from tests.factories import make_article, make_author, make_category, make_user

DRAFT, PUBLISHED = Article.Status.DRAFT, Article.Status.PUBLISHED


@pytest.fixture
def purged(db, monkeypatch, django_capture_on_commit_callbacks):
    """``purged(change)``: the tags purged once ``change()`` commits."""

    def run(change):
        sent = []
        monkeypatch.setattr(backends, "queue", sent.append)
        with django_capture_on_commit_callbacks(execute=True):
            change()
        # (One purge a transaction, but for "You may also like" recomputed after a purge that already ran.)
        return {name for purge in sent for name in purge}

    return run


@pytest.fixture
def site(db, django_capture_on_commit_callbacks):
    """Sport » Football and Business, an author and a tag for each, committed."""
    with django_capture_on_commit_callbacks(execute=True):
        sport = make_category(name="Sport")
        football = make_category(name="Football", parent=sport)
        business = make_category(name="Business")
        ann, bob = make_author(name="Ann"), make_author(name="Bob")
        # Out of "You may also like": publishing it changes no other article's suggestions.
        match = make_article(category=football, authors=[ann], tags=["cup"], status=DRAFT, exclude_from_related=True)
        budget = make_article(category=business, authors=[bob], tags=["markets"])
        Tag.objects.create(name="economy", slug="economy")
    return {
        "sport": sport,
        "football": football,
        "business": business,
        "ann": ann,
        "bob": bob,
        "match": match,
        "budget": budget,
        "cup": Tag.objects.get(name="cup"),
        "markets": Tag.objects.get(name="markets"),
    }


def _listing(*objects):
    return {pagecache.listing(obj) for obj in objects}


def _football_lists(site):
    """The lists an article in Football by Ann tagged "cup" is in."""
    return {pagecache.LATEST} | _listing(site["football"], site["sport"], site["ann"], site["cup"])


def _own(article):
    """The tags of the article's own page: its key, and its "You may also like", recomputed on every save."""
    return {pagecache.key(article), page_cache_tag(article.pk)}


def _publish(article):
    article.status = PUBLISHED
    article.save()


def test_publishing_purges_its_lists_and_the_sections_above_only(site, purged):
    tags = purged(lambda: _publish(site["match"]))
    assert tags == _own(site["match"]) | _football_lists(site)
    business = _listing(site["business"], site["bob"], site["markets"])
    assert not tags & business  # publishing in Sport leaves Business's lists alone
    assert backends.is_hard(tags)


def test_a_new_published_article_purges_its_lists(site, purged):
    def create():
        article = Article.objects.create(
            headline="Late goal", slug="late-goal", category=site["football"], status=PUBLISHED,
            publish_at=timezone.now(),
        )  # fmt: skip
        article.tags.add("cup")
        Byline.objects.create(article=article, author=site["ann"])

    tags = purged(create)
    article = Article.objects.get(slug="late-goal")
    assert tags == _own(article) | _football_lists(site)


def test_editing_the_headline_purges_only_the_article(site, purged):
    budget = site["budget"]
    budget.headline = "Budget, corrected"
    assert purged(budget.save) == _own(budget)
    assert purged(lambda: budget.save(update_fields=["headline"])) == _own(budget)


def test_withdrawing_purges_every_list_that_showed_it_hard(site, purged):
    budget = site["budget"]
    budget.status = DRAFT
    tags = purged(budget.save)
    assert tags == _own(budget) | {pagecache.LATEST} | _listing(site["business"], site["bob"], site["markets"])
    assert backends.is_hard(tags)


def test_moving_purges_the_old_and_the_new_sections_and_those_above(site, purged):
    budget = site["budget"]
    budget.category = site["football"]
    tags = purged(budget.save)
    sections = _listing(site["business"], site["football"], site["sport"])
    assert tags == _own(budget) | {pagecache.LATEST} | sections | _listing(site["bob"], site["markets"])


def test_rescheduling_purges_its_lists(site, purged):
    budget = site["budget"]
    budget.publish_at = timezone.now() + timedelta(hours=2)
    assert _listing(site["business"]) <= purged(budget.save)


def test_the_lists_it_left_come_from_the_database_not_the_loaded_copy(site, purged):
    """Moved elsewhere since this copy was loaded: saving it moves it back from where it really was."""
    budget = site["budget"]
    Article.objects.filter(pk=budget.pk).update(category=site["football"])
    budget.headline = "Budget, corrected"
    tags = purged(budget.save)
    assert _listing(site["football"], site["sport"], site["business"]) <= tags


def test_changes_to_a_draft_purge_no_list(site, purged):
    match = site["match"]
    match.category = site["business"]
    assert purged(match.save) == _own(match)
    assert purged(lambda: match.tags.add(site["markets"])) == _own(match)
    assert purged(lambda: Byline.objects.create(article=match, author=site["bob"])) == {pagecache.key(match)}


def test_deleting_purges_every_list_it_was_in(site, purged):
    budget = site["budget"]
    expected = {pagecache.key(budget), pagecache.LATEST} | _listing(site["business"], site["bob"], site["markets"])
    assert purged(budget.delete) == expected


def test_tags_added_removed_or_cleared_purge_those_tags_lists(site, purged):
    budget, economy = site["budget"], Tag.objects.get(name="economy")
    article = _own(budget)  # its page shows its tags; its suggestions are recomputed
    assert purged(lambda: budget.tags.add(site["cup"], economy)) == article | _listing(site["cup"], economy)
    assert purged(lambda: budget.tags.remove(site["cup"])) == article | _listing(site["cup"])
    assert purged(budget.tags.clear) == article | _listing(site["markets"], economy)


def test_bylines_purge_the_lists_of_the_authors_before_and_after(site, purged):
    budget = site["budget"]
    byline = budget.bylines.get()
    article = {pagecache.key(budget)}
    byline.author = site["ann"]
    assert purged(byline.save) == article | _listing(site["ann"], site["bob"])
    assert purged(lambda: Byline.objects.create(article=budget, author=site["bob"])) == article | _listing(site["bob"])
    assert purged(byline.delete) == article | _listing(site["ann"])


def test_lists_of_no_section_tag_or_author_is_the_site_wide_lists_alone(db):
    assert lists_of() == [pagecache.LATEST]


def test_rows_loaded_as_they_are_purge_nothing(site, purged):
    """A fixture or a restored backup (``loaddata``: raw saves) is not a change readers saw happen."""
    rows = serializers.serialize("json", [site["budget"], site["budget"].bylines.get()])
    assert purged(lambda: [row.save() for row in serializers.deserialize("json", rows)]) == set()


def test_the_admin_purges_the_lists_an_article_leaves_and_those_it_joins(site, purged, client):
    client.force_login(make_user(groups=["Editors"]))
    budget = site["budget"]
    data = article_form_data(budget, category=site["football"].pk, tags="cup")
    data["bylines-0-author"] = site["ann"].pk  # Bob's story becomes Ann's

    def save():
        response = client.post(change_url(budget), data)
        assert response.status_code == 302, response.context["adminform"].form.errors

    tags = purged(save)
    left = _listing(site["business"], site["bob"], site["markets"])
    joined = _listing(site["football"], site["sport"], site["ann"], site["cup"])
    assert _own(budget) | {pagecache.LATEST} | left | joined <= tags
    assert not {name for name in tags if name.startswith(("author-", "tag-", "section-"))}  # no page naming them
