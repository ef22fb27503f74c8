from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from articles import sections
from articles.models import Article, ArticleTerm, RelatedPick, RelatedSuggestion
from articles.related import (
    _RecomputeJob,
    index_terms,
    recompute,
    schedule_recompute,
    suggestions_with_reasons,
    term_weights,
    tokens,
    you_may_also_like,
)
from tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db


def suggest(article, *others):
    """Store ``others`` as ``article``'s suggestions in this order, skipping the ranking."""
    RelatedSuggestion.objects.bulk_create(
        RelatedSuggestion(article=article, suggested=other, score=1.0 - i / 100, reasons={}, rank=i)
        for i, other in enumerate(others)
    )


def pick(article, *others):
    for position, other in enumerate(others):
        RelatedPick.objects.create(article=article, picked=other, position=position)


# --- Reading -----------------------------------------------------------------------------------------------


def test_picks_come_first_in_the_editors_order_then_suggestions_by_rank():
    article, a, b, c, d = (make_article() for _ in range(5))
    pick(article, b, a)
    suggest(article, d, c)
    assert you_may_also_like(article, count=4) == [b, a, d, c]


def test_pick_order_follows_position_not_creation():
    article, a, b = (make_article() for _ in range(3))
    RelatedPick.objects.create(article=article, picked=a, position=5)
    RelatedPick.objects.create(article=article, picked=b, position=1)
    # Another article's picks of the same articles must not leak in or reorder.
    other = make_article()
    RelatedPick.objects.create(article=other, picked=a, position=0)
    assert you_may_also_like(article, count=4) == [b, a]


def test_count_defaults_to_the_setting(settings):
    settings.NEWSROOM_RELATED_COUNT = 2
    article, *others = (make_article() for _ in range(4))
    suggest(article, *others)
    assert you_may_also_like(article) == others[:2]


def test_zero_count_or_unsaved_article_gives_nothing():
    article, other = make_article(), make_article()
    suggest(article, other)
    assert you_may_also_like(article, count=0) == []
    assert you_may_also_like(Article(headline="Not saved"), count=4) == []


def test_never_unpublished_future_or_excluded_articles():
    article = make_article()
    draft = make_article(status=Article.Status.DRAFT)
    review = make_article(status=Article.Status.REVIEW)
    scheduled = make_article(publish_at=timezone.now() + timedelta(days=1))
    excluded = make_article(exclude_from_related=True)
    visible = make_article()
    pick(article, draft, excluded)
    suggest(article, review, scheduled, excluded, visible)
    assert you_may_also_like(article, count=4) == [visible]


def test_picks_are_not_repeated_by_suggestions_and_the_list_still_fills():
    article, a, b, c = (make_article() for _ in range(4))
    pick(article, a)
    suggest(article, a, b, c)
    assert you_may_also_like(article, count=3) == [a, b, c]


def test_never_the_article_itself():
    article, other = make_article(), make_article()
    # Neither a pick (the database refuses it) nor a stored suggestion can show the article itself.
    RelatedSuggestion.objects.create(article=article, suggested=article, score=9, reasons={}, rank=0)
    suggest_row = RelatedSuggestion(article=article, suggested=other, score=1, reasons={}, rank=1)
    suggest_row.save()
    assert you_may_also_like(article, count=4) == [other]


def test_picks_alone_fill_the_list_with_one_query(django_assert_num_queries):
    article, a, b = (make_article() for _ in range(3))
    pick(article, a, b)
    suggest(article, make_article())
    # 1. picks (with their section); no need to read the suggestions.
    with django_assert_num_queries(1):
        assert you_may_also_like(article, count=2) == [a, b]


def _page_queries(article, django_assert_num_queries):
    # 1. picks with their section  2. suggestions with their section
    with django_assert_num_queries(2):
        teasers = you_may_also_like(article, count=4)
        for teaser in teasers:
            str(teaser.category.path)  # what a teaser shows
    return teasers


def test_query_count(django_assert_num_queries):
    article, a, b = (make_article() for _ in range(3))
    pick(article, a)
    suggest(article, b)
    assert len(_page_queries(article, django_assert_num_queries)) == 2


def test_query_count_twin_with_ten_more_candidates(django_assert_num_queries):
    article, a, b = (make_article() for _ in range(3))
    pick(article, a)
    suggest(article, b, *(make_article() for _ in range(10)))
    assert len(_page_queries(article, django_assert_num_queries)) == 4


def test_bylines_cost_one_more_query_for_the_whole_list(django_assert_num_queries):
    article = make_article()
    suggest(article, *(make_article() for _ in range(4)))
    # 1. picks  2. suggestions  3. bylines with their authors
    with django_assert_num_queries(3):
        teasers = you_may_also_like(article, count=4, bylines=True)
        assert all(t.ordered_bylines[0].author.name for t in teasers)


def test_suggestions_with_reasons_lists_everything_stored_best_first(django_assert_num_queries):
    article = make_article()
    hidden, shown = make_article(status=Article.Status.DRAFT), make_article()
    suggest(article, hidden, shown)
    # 1. suggestions with their articles and sections
    with django_assert_num_queries(1):
        rows = suggestions_with_reasons(article)
        assert [(r.suggested, r.suggested.category.path) for r in rows] == [
            (hidden, hidden.category.path),
            (shown, shown.category.path),
        ]
    assert suggestions_with_reasons(Article()) == []


# --- Words -------------------------------------------------------------------------------------------------


def test_tokens_fold_case_accents_plurals_and_drop_stop_words():
    assert tokens("The Café's councils said: 2024 budgets, cities and buses!") == [
        "cafe",
        "council",
        "budget",
        "city",
        "buse",
    ]


def test_term_weights_favour_the_headline_and_ignore_markup():
    article = Article(
        headline="Harbour dredging",
        standfirst="Dredging",
        body="<p>The <strong>harbour</strong> <a href='https://x.example/'>silt</a></p>",
    )
    weights = term_weights(article)
    assert set(weights) == {"harbour", "dredging", "silt"}
    assert weights["dredging"] > weights["harbour"] > weights["silt"]
    assert "strong" not in weights and "href" not in weights


# --- Ranking -----------------------------------------------------------------------------------------------

HARBOUR = "<p>Harbour dredging silt trawlers quay fishermen harbour dredging.</p>"


def test_recompute_ranks_shared_tags_section_and_words_above_strangers(settings):
    settings.NEWSROOM_RELATED_COUNT = 2
    news = make_category(slug="news")
    local, world = make_category(slug="local", parent=news), make_category(slug="world", parent=news)
    sport = make_category(slug="sport")
    close = make_article(category=local, tags=["Kestrel Bay", "Fishing"], headline="Harbour dredging", body=HARBOUR)
    near = make_article(category=world, tags=["Fishing"], headline="Quay fishermen protest")
    stranger = make_article(category=sport, headline="Cup final tickets", body="<p>Goals and penalties.</p>")
    for other in (close, near, stranger):
        index_terms(other)  # what saving them would have done once committed
    article = make_article(
        category=local, tags=["Kestrel Bay", "Fishing"], headline="Harbour dredging resumes", body=HARBOUR
    )

    scored = recompute(article)

    assert [s.pk for s in scored][:2] == [close.pk, near.pk]
    assert stranger.pk not in [s.pk for s in scored]  # nothing in common: never even a candidate
    stored = list(RelatedSuggestion.objects.filter(article=article))
    assert [s.suggested_id for s in stored] == [s.pk for s in scored][:6]
    best = stored[0]
    assert best.rank == 0 and best.score > stored[1].score
    assert best.reasons["shared_tags"] == ["Kestrel Bay", "Fishing"]  # the rarer tag first
    assert best.reasons["section"] == "same" and best.reasons["shared_path"] == "news/local"
    assert {"harbour", "dredging"} <= set(best.reasons["shared_terms"])
    assert best.reasons["age_days"] == 0
    assert stored[1].reasons["section"] == "near" and stored[1].reasons["shared_path"] == "news"
    assert set(ArticleTerm.objects.filter(article=article).values_list("term", flat=True)) >= {"harbour", "dredging"}


def test_recompute_candidates_are_published_or_scheduled_never_self_drafts_or_excluded():
    section = make_category()
    kwargs = {"category": section, "tags": ["Rail"]}
    scheduled = make_article(publish_at=timezone.now() + timedelta(days=2), **kwargs)
    published = make_article(**kwargs)
    make_article(status=Article.Status.DRAFT, **kwargs)
    make_article(status=Article.Status.REVIEW, **kwargs)
    make_article(exclude_from_related=True, **kwargs)
    article = make_article(status=Article.Status.DRAFT, **kwargs)

    recompute(article)

    assert set(RelatedSuggestion.objects.filter(article=article).values_list("suggested", flat=True)) == {
        scheduled.pk,
        published.pk,
    }
    # Read time still hides the scheduled one until its time.
    assert you_may_also_like(article, count=4) == [published]


def test_recompute_keeps_three_times_the_count_and_replaces_old_rows(settings):
    settings.NEWSROOM_RELATED_COUNT = 1
    section = make_category()
    others = [make_article(category=section) for _ in range(5)]
    article = make_article(category=section)
    suggest(article, others[0])
    recompute(article)
    assert RelatedSuggestion.objects.filter(article=article).count() == 3
    assert list(RelatedSuggestion.objects.filter(article=article).values_list("rank", flat=True)) == [0, 1, 2]


def test_scheduled_articles_are_stored_on_top_of_enough_visible_ones(settings):
    settings.NEWSROOM_RELATED_COUNT = 1  # keeps 3 visible suggestions
    section = make_category()
    soon = timezone.now() + timedelta(hours=2)
    embargoed = [make_article(category=section, tags=["Budget"], publish_at=soon) for _ in range(4)]
    visible = [make_article(category=section) for _ in range(4)]
    article = make_article(category=section, tags=["Budget"])
    stored = [s.pk for s in recompute(article)]
    assert set(stored[:4]) == {a.pk for a in embargoed}  # they share a tag: ranked first
    assert len(stored) == 7 and set(stored[4:]) < {a.pk for a in visible}
    assert len(you_may_also_like(article, count=3)) == 3


def test_recency_breaks_ties_between_otherwise_equal_neighbours():
    section = make_category()
    now = timezone.now()
    old = make_article(category=section, publish_at=now - timedelta(days=90), headline="Alpha", body="")
    fresh = make_article(category=section, publish_at=now - timedelta(days=1), headline="Bravo", body="")
    article = make_article(category=section, publish_at=now, headline="Charlie", body="")
    assert [s.pk for s in recompute(article)] == [fresh.pk, old.pk]


def test_an_article_with_nothing_in_common_gets_no_suggestions():
    make_article(headline="Cup final", tags=["Football"])
    lonely = make_article(headline="Orchid show", body="")
    assert recompute(lonely) == []
    assert not RelatedSuggestion.objects.filter(article=lonely).exists()


# --- When it runs -------------------------------------------------------------------------------------------


def recompute_jobs(callbacks):
    return [c for c in callbacks if isinstance(c, _RecomputeJob)]  # other apps purge caches on commit too


def test_saving_recomputes_once_after_commit(django_capture_on_commit_callbacks):
    section = make_category()
    with django_capture_on_commit_callbacks(execute=True):
        neighbour = make_article(category=section, tags=["Rail"])
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        article = make_article(category=section, tags=["Rail"])  # saves, then adds a tag
        article.save()
    assert len(recompute_jobs(callbacks)) == 1
    assert list(RelatedSuggestion.objects.filter(article=article).values_list("suggested", flat=True)) == [neighbour.pk]


def test_a_save_rolled_back_with_its_savepoint_leaves_later_saves_a_job(django_capture_on_commit_callbacks):
    # The rollback discards the job queued inside the savepoint: the next save must not add itself to it.
    section = make_category()
    with django_capture_on_commit_callbacks(execute=True):
        neighbour = make_article(category=section, tags=["Rail"])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            make_article(category=section, tags=["Rail"])
            raise RuntimeError
        article = make_article(category=section, tags=["Rail"])
    assert len(recompute_jobs(callbacks)) == 1
    assert list(RelatedSuggestion.objects.filter(article=article).values_list("suggested", flat=True)) == [neighbour.pk]


def test_changing_tags_alone_recomputes(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        rail = make_article(tags=["Rail"])
        article = make_article(headline="Quiet", body="")
    assert not RelatedSuggestion.objects.filter(article=article).exists()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        article.tags.add("Rail")
    assert len(recompute_jobs(callbacks)) == 1
    assert RelatedSuggestion.objects.filter(article=article, suggested=rail).exists()


def test_articles_saved_together_find_each_other_by_their_words(django_capture_on_commit_callbacks):
    # One job for the transaction: every article's words are indexed before any is ranked.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = make_article(headline="Lighthouse keeper retires", category=make_category())
        second = make_article(headline="Lighthouse keeper honoured", category=make_category())
    assert len(recompute_jobs(callbacks)) == 1
    assert list(first.suggestions.values_list("suggested", flat=True)) == [second.pk]
    assert list(second.suggestions.values_list("suggested", flat=True)) == [first.pk]
    assert {"lighthouse", "keeper"} <= set(first.suggestions.get().reasons["shared_terms"])


def test_a_new_article_joins_its_closest_neighbours_lists(settings, django_capture_on_commit_callbacks):
    settings.NEWSROOM_RELATED_COUNT = 1  # lists keep 3
    section = make_category()
    with django_capture_on_commit_callbacks(execute=True):
        old = make_article(category=section, tags=["Flood"], headline="River rises")
        others = [make_article(category=section, headline=f"Unrelated {i}", body="") for i in range(3)]
    # Nothing in common but the section: the closest in time come first.
    assert list(old.suggestions.values_list("suggested", flat=True)) == [o.pk for o in others]

    with django_capture_on_commit_callbacks(execute=True):
        follow_up = make_article(category=section, tags=["Flood"], headline="River rises again")
    for save_again in (False, True):  # saving again neither duplicates nor moves it
        if save_again:
            with django_capture_on_commit_callbacks(execute=True):
                follow_up.save()
        rows = list(old.suggestions.order_by("rank"))
        assert [r.rank for r in rows] == [0, 1, 2]
        assert rows[0].suggested == follow_up
        assert rows[0].reasons["shared_tags"] == ["Flood"]
        assert [r.suggested for r in rows[1:]] == others[:2]  # the weakest made room


def test_drafts_and_excluded_articles_join_no_ones_list(django_capture_on_commit_callbacks):
    section = make_category()
    with django_capture_on_commit_callbacks(execute=True):
        old = make_article(category=section, tags=["Flood"])
    with django_capture_on_commit_callbacks(execute=True):
        make_article(category=section, tags=["Flood"], status=Article.Status.DRAFT)
        make_article(category=section, tags=["Flood"], exclude_from_related=True)
    assert not old.suggestions.exists()


def test_a_deleted_article_is_skipped(django_capture_on_commit_callbacks):
    article = make_article()
    with django_capture_on_commit_callbacks(execute=True):
        schedule_recompute(article)
        article.delete()
    assert not RelatedSuggestion.objects.exists()


@pytest.mark.parametrize("extra", [0, 10])
def test_without_sections_the_teasers_take_theirs_from_the_snapshot(django_assert_num_queries, extra):
    article, a, b = (make_article() for _ in range(3))
    pick(article, a)
    suggest(article, b, *(make_article() for _ in range(extra)))
    # 1. picks  2. suggestions, neither joining sections; 3. every section (sections.attach)
    with django_assert_num_queries(3):
        teasers = you_may_also_like(article, count=4, sections=False)
        sections.attach(*teasers)
        assert [teaser.category.path for teaser in teasers][:2] == [a.category.path, b.category.path]
    assert teasers[:2] == [a, b]
