import re
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.apps import apps
from django.contrib.sites.models import Site
from django.core.management import CommandError, call_command
from django.db.models import F
from django.utils import timezone

from articles.models import Article, Author, Byline, Category, LiveEntry, RelatedPick, SectionListing
from comments.models import Comment
from newsroom.demo import STORIES, loading
from newsroom.demo.shapes import Story, Update, ago, ahead

pytestmark = pytest.mark.django_db


def load_demo(*args):
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def row_counts():
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_sections_nest_under_at_least_five_described_top_level_sections():
    load_demo()

    top_level = Category.objects.top_level()
    assert top_level.count() >= 5
    for section in top_level:
        assert section.children.exists(), section.path
    assert not Category.objects.filter(description="").exists()
    assert Category.objects.exclude(reader_prompt="").count() >= 3


def test_authors_have_job_titles_and_bios():
    load_demo()

    assert Author.objects.exclude(job_title="").exclude(bio="").count() >= 4


def test_articles_mix_published_scheduled_drafts_and_review():
    output = load_demo()

    articles = Article.objects.all()
    assert articles.published().count() >= 40
    assert articles.scheduled().count() >= 3
    assert articles.filter(status=Article.Status.DRAFT).count() >= 3
    assert articles.filter(status=Article.Status.REVIEW).exists()
    # The news sitemap needs something from the last two days.
    assert articles.published().filter(publish_at__gte=timezone.now() - timedelta(hours=48)).count() >= 3
    assert articles.published().filter(publish_at__lt=timezone.now() - timedelta(days=20)).exists()
    assert articles.filter(comments_enabled=False).count() == 1
    # Loaded just now, but a week-old story should not say "updated today".
    assert all(a.updated_at == a.publish_at == a.first_published_at for a in articles.published())
    assert articles.exclude(reader_prompt="").count() >= 3
    assert output.startswith("Demo newsroom: 6 sections, 17 subsections, 8 authors, 53 articles (44 published, ")


def test_articles_have_co_bylines_shared_tags_and_editors_picks():
    load_demo()

    co_bylined = Article.objects.filter(bylines__position=1)
    assert co_bylined.count() >= 5
    assert not Article.objects.filter(bylines=None).exists()
    assert Byline.objects.filter(position=0).count() == Article.objects.count()
    assert RelatedPick.objects.values("article").distinct().count() >= 6
    tag_use = Article.tags.through.objects.values_list("tag__slug", flat=True)
    shared = {slug for slug in tag_use if list(tag_use).count(slug) >= 3}
    assert len(shared) >= 10
    assert all(article.tags.count() >= 2 for article in Article.objects.published())


def test_published_bodies_are_several_paragraphs_with_subheadings():
    load_demo()

    bodies = list(Article.objects.published().values_list("body", flat=True))
    assert all(body.count("<p>") >= 4 for body in bodies)
    assert sum("<h2>" in body for body in bodies) >= len(bodies) * 0.9
    assert all(body.startswith("<p>") for body in bodies)
    links = [href for body in bodies for href in re.findall(r'href="([^"]+)"', body)]
    assert links
    assert all(re.match(r"https://([a-z0-9-]+\.)*example\.org(/|$)", href) for href in links), links


def test_comments_are_threaded_approved_and_one_is_held():
    load_demo()

    comments = Comment.objects.all()
    assert comments.approved().count() >= 10
    assert comments.filter(status=Comment.Status.PENDING, is_public=False).count() == 1
    replies = comments.filter(level__gte=1)
    assert replies.filter(level=2).exists()
    for reply in replies:
        parent = comments.get(pk=reply.parent_id)
        assert (reply.thread_id, reply.level, reply.object_pk) == (parent.thread_id, parent.level + 1, parent.object_pk)
        assert reply.submit_date > parent.submit_date
    assert all(c.submit_date <= timezone.now() for c in comments)
    assert {c.site_id for c in comments} == {Site.objects.get_current().pk}
    # Each remembers the prompt its reader saw: the article's own, else its section's.
    rail = Article.objects.get(slug="rail-fares-freeze-announced-for-commuter-routes")
    otters = Article.objects.get(slug="river-restoration-project-brings-back-otters")
    assert {c.reader_prompt for c in comments.filter(object_pk=rail.pk)} == {rail.reader_prompt}
    assert {c.reader_prompt for c in comments.filter(object_pk=otters.pk)} == {otters.category.reader_prompt}


def test_no_comments_option_skips_comments():
    load_demo("--no-comments")

    assert not Comment.objects.exists()
    assert Article.objects.count() == len(STORIES)


def test_second_run_leaves_every_table_unchanged():
    load_demo()
    before = row_counts()
    bodies = dict(Article.objects.values_list("slug", "updated_at"))

    output = load_demo()

    assert row_counts() == before
    assert dict(Article.objects.values_list("slug", "updated_at")) == bodies
    assert "Nothing new to add." in output


def test_second_run_keeps_editors_changes_unless_asked_to_overwrite():
    load_demo()
    before = row_counts()
    Article.objects.filter(slug="rovers-manager-signs-new-contract").update(headline="Edited by an editor")
    Article.objects.get(slug="rovers-manager-signs-new-contract").tags.add("Cricket")

    load_demo()
    article = Article.objects.get(slug="rovers-manager-signs-new-contract")
    assert article.headline == "Edited by an editor"

    load_demo("--overwrite")
    article = Article.objects.get(slug="rovers-manager-signs-new-contract")
    assert article.headline == "Rovers manager Elaine Marsh signs contract to 2029"
    assert "Cricket" not in article.tags.names()
    assert row_counts() == before


def test_missing_demo_rows_are_put_back():
    load_demo()
    Article.objects.filter(slug="harbour-lights-series-review").delete()

    output = load_demo()

    assert Article.objects.filter(slug="harbour-lights-series-review").exists()
    assert "Created 1 articles." in output


def test_later_run_moves_the_demo_forward_in_time():
    start = timezone.now()
    load_demo()
    before = row_counts()
    newest = Article.objects.filter(status=Article.Status.PUBLISHED, publish_at__lte=start).latest("publish_at")
    comment = Comment.objects.earliest("submit_date")

    with time_machine.travel(start + timedelta(days=5, hours=3), tick=False):
        output = load_demo()
        later = timezone.now()
        assert "Moved demo dates forward by 5 days, 3:00:00." in output
        newest.refresh_from_db()
        assert later - timedelta(hours=48) < newest.publish_at < later
        assert newest.first_published_at == newest.publish_at == newest.updated_at
        assert not Article.objects.filter(updated_at__gt=later).exists()
        assert Article.objects.filter(status=Article.Status.PUBLISHED, publish_at__gt=later).count() == 4
        assert Comment.objects.get(pk=comment.pk).submit_date - comment.submit_date == timedelta(days=5, hours=3)
        assert row_counts() == before

        assert "Moved" not in load_demo()


def test_the_sections_lists_move_forward_in_time_with_the_demo():
    start = timezone.now()
    load_demo()

    with time_machine.travel(start + timedelta(days=5, hours=3), tick=False):
        load_demo()

    rows = SectionListing.objects.filter(section=F("article__category"))
    assert sorted(rows.values_list("article_id", "publish_at")) == sorted(
        Article.objects.values_list("pk", "publish_at")
    )


def test_site_is_named_after_the_demo_only_while_it_is_the_default():
    Site.objects.update_or_create(pk=1, defaults={"domain": "example.com", "name": "example.com"})
    load_demo()
    assert Site.objects.values_list("domain", "name").get(pk=1) == ("127.0.0.1:8000", "The Daily Ledger")

    Site.objects.filter(pk=1).update(domain="news.example.org", name="Our paper")
    load_demo()
    assert Site.objects.values_list("domain", "name").get(pk=1) == ("news.example.org", "Our paper")


def test_demo_content_refers_only_to_what_it_defines():
    loading.check_references()  # raises on any dangling section, author or pick


def test_inconsistent_content_fails_before_writing(monkeypatch):
    broken = Story(
        slug="orphan",
        headline="Orphan",
        section="nowhere",
        authors=("nobody",),
        standfirst="",
        body="<p>x</p>",
        tags=(),
        when=ago(days=1),
        picks=("orphan",),
    )
    monkeypatch.setattr(loading, "STORIES", (*STORIES, broken))

    with pytest.raises(CommandError, match="unknown section nowhere.*unknown author nobody.*unknown pick orphan"):
        load_demo()
    assert not Article.objects.exists()


def test_the_address_served_at_becomes_the_sites_domain(django_capture_on_commit_callbacks):
    """make run passes --domain 127.0.0.1:$PORT, so feeds and sitemaps link to the server that is there."""
    load_demo("--no-comments")
    with django_capture_on_commit_callbacks(execute=False) as purges:
        load_demo("--no-comments", "--domain", "127.0.0.1:8821")
    assert Site.objects.values_list("domain", "name").get(pk=1) == ("127.0.0.1:8821", "The Daily Ledger")
    assert purges  # pages cached with the old address are dropped

    Site.objects.filter(pk=1).update(domain="news.example.org", name="Our paper")
    load_demo("--no-comments", "--domain", "127.0.0.1:8000")  # asked outright: the address is what is served
    assert Site.objects.values_list("domain", "name").get(pk=1) == ("127.0.0.1:8000", "Our paper")


def test_make_run_names_the_port_it_serves():
    from pathlib import Path

    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    assert "manage.py load_demo --domain 127.0.0.1:$(PORT)" in makefile
    assert "runserver 127.0.0.1:$(PORT)" in makefile


def test_the_demo_follows_one_story_live():
    output = load_demo()

    live = Article.objects.get(coverage_start__isnull=False)
    assert live.slug == "grain-corridor-talks-resume-in-valdria"
    assert live.coverage_running() and live.coverage_start == live.publish_at
    entries = list(live.live_entries.published().newest_first())
    assert len(entries) == 4 and "Created" in output and "4 live entries" in output
    assert entries[-1].headline == "Delegations arrive" and entries[-1].author.slug == "tomasz-wren"
    assert all(live.publish_at < entry.published_at <= timezone.now() for entry in entries)
    assert LiveEntry.objects.count() == 4


def test_the_live_story_moves_forward_in_time_with_the_rest():
    start = timezone.now()
    load_demo()
    first = LiveEntry.objects.earliest("published_at")

    with time_machine.travel(start + timedelta(days=2), tick=False):
        load_demo()
        live = Article.objects.get(coverage_start__isnull=False)
        assert live.coverage_start == live.publish_at
        assert LiveEntry.objects.get(pk=first.pk).published_at - first.published_at == timedelta(days=2)
        assert LiveEntry.objects.count() == 4


def test_a_live_update_by_nobody_or_set_for_later_is_refused(monkeypatch):
    broken = Story(
        slug="live-orphan",
        headline="Live orphan",
        section=STORIES[0].section,
        authors=STORIES[0].authors,
        standfirst="",
        body="<p>x</p>",
        tags=(),
        when=ago(hours=1),
        live=(
            Update(after=ahead(minutes=10), text="<p>x</p>", author="nobody"),
            Update(after=ahead(hours=2), text="y"),
        ),
    )
    monkeypatch.setattr(loading, "STORIES", (*STORIES, broken))

    with pytest.raises(CommandError, match="unknown author nobody of a live update.*a live update set for later"):
        load_demo()
