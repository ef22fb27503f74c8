"""The "You may also like" list: editors' picks first, then precomputed suggestions.

Reading is cheap and bounded, whatever the size of the archive::

    from articles.related import you_may_also_like

    teasers = you_may_also_like(article)            # NEWSROOM_RELATED_COUNT of them
    teasers = you_may_also_like(article, count=6)

It runs at most two queries, each selecting the section a teaser shows
(plus one for bylines, if asked for):

1. the editor's picks (:class:`~articles.models.RelatedPick`, in their order);
2. if the picks do not fill the list, the stored suggestions
   (:class:`~articles.models.RelatedSuggestion`, best first).

Both go through ``Article.objects.published()``, so an article unpublished or
rescheduled since the suggestions were computed simply drops out; articles
marked ``exclude_from_related`` never appear, not even as picks.

Ranking happens when an article is saved (:func:`recompute`, run by the
handler in :mod:`articles.signals` once the transaction commits), in a few
dozen indexed queries whatever the archive's size. It stores three times
``NEWSROOM_RELATED_COUNT`` suggestions that readers can see now (plus any
scheduled ones ranked above them), so read-time filtering still fills the
list. Candidates come from indexed lookups only, never a scan: the newest
articles carrying each of the same tags, the articles most about each of
its most telling words (the :class:`~articles.models.ArticleTerm` index),
and the latest published in the same section. Only those few hundred are
scored, on four things:

``tags``      shared tags, rare ones counting more than common ones;
``terms``     shared words of headline, standfirst and body (TF-IDF-like);
``section``   the same section, or a near one (shared path prefix);
``age``       how far apart the two were published (fresh news likes fresh news).

A newly published article is also offered to its closest neighbours' lists
(:func:`link_back`), so older stories point to the follow-up at once.
"""

import math
import re
import unicodedata
import weakref
from collections import Counter
from datetime import datetime
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Max, Prefetch, prefetch_related_objects
from django.utils import timezone
from django.utils.html import strip_tags
from taggit.models import TaggedItem

from articles import conf, pagecache, prepared
from articles.models import Article, ArticleTerm, Byline, RelatedSuggestion

#: How much each signal contributes to a suggestion's score (they sum to 1).
WEIGHTS = {"terms": 0.4, "tags": 0.35, "section": 0.15, "age": 0.1}
#: After this many days apart, the age part of the score has halved.
AGE_HALF_LIFE_DAYS = 30
#: Words kept per article in the term index.
TERMS_PER_ARTICLE = 16
#: How many of those (the most telling) are used to look for neighbours.
TERMS_FOR_CANDIDATES = 8
#: Neighbours fetched per tag, per word, and from the article's own section.
CANDIDATES_PER_TAG = 50
CANDIDATES_PER_TERM = 50
CANDIDATES_FROM_SECTION = 30
#: Rarity counting stops here: a tag or word on more articles is simply common.
COUNT_CAP = 2_000
#: Shown in ``reasons``; the rest only count towards the score.
REASON_TERMS = 5

# Common English words and newsroom filler that say nothing about a story.
_STOP_TEXT = """
    about above according across after again against ago all almost along already also although always among
    and another any anyone anything are around because been before being below between both but came can
    cannot could did does doing done down during each either else even ever every few first for from further
    get gets getting given goes going got had has have having her here hers herself him himself his how however
    into its itself just last least less like made make makes many may might more most much must near need
    never new next nor not now off often once one only onto other others our ours ourselves out over own part
    per perhaps put rather really said same say saying says see seen several she should since some something
    still such take than that the their theirs them themselves then there these they thing things this those
    though three through thus time times today told too two under until upon very was way ways week weeks well
    were what when where whether which while who whom whose why will with within without would year years yet
    you your yours yourself mr mrs ms dr people asked added including best better day days hour hours
    minute minutes month months number lot lots monday tuesday wednesday thursday friday saturday sunday
    """
STOP_WORDS = frozenset(_STOP_TEXT.split())
_WORD = re.compile(r"[^\W\d_]{3,}")


def you_may_also_like(article, *, count=None, bylines=False, sections=True):
    """Up to ``count`` published articles to read next: the editor's picks, then suggestions.

    ``bylines=True`` also fetches their bylines and authors, for teasers that
    show them: one more query for the whole list. ``sections=False`` leaves
    out the join to their sections, for a page that gives them theirs from
    the sections snapshot (:func:`articles.sections.attach`).
    """
    if count is None:
        count = conf.get("NEWSROOM_RELATED_COUNT")
    if count <= 0 or article.pk is None:
        return []
    # Both queries are compiled once per process for each shape (see articles.prepared).
    # Query 1: picks, in the editor's order.
    chosen = prepared.objects(
        ("related:picks", sections, count), lambda pk: _picks(pk, sections=sections, count=count), pk=article.pk
    )
    if len(chosen) < count:
        # Query 2: stored suggestions, best first, minus what the editor already picked.
        picked = {f"picked{n}": pick.pk for n, pick in enumerate(chosen)}
        chosen += prepared.objects(
            ("related:suggestions", sections, count, len(picked)),
            lambda pk, **picked: _suggestions(pk, picked.values(), sections=sections, count=count),
            pk=article.pk,
            **picked,
        )
    if bylines:
        # Query 3 (optional): every teaser's bylines with their authors.
        prefetch_related_objects(chosen, Prefetch("bylines", queryset=Byline.objects.select_related("author")))
    return chosen


def _teasers(pk, *, sections):
    teasers = Article.objects.published().filter(exclude_from_related=False).exclude(pk=pk).defer("body")
    return teasers.select_related("category") if sections else teasers


def _picks(pk, *, sections, count):
    picks = _teasers(pk, sections=sections).filter(picked_by__article=pk)
    return picks.order_by("picked_by__position", "picked_by__pk")[:count]


def _suggestions(pk, picked, *, sections, count):
    picked = list(picked)
    return (
        _teasers(pk, sections=sections)
        .filter(suggested_for__article=pk)
        .exclude(pk__in=picked)
        .order_by("suggested_for__rank")[: count - len(picked)]
    )


def suggestions_with_reasons(article):
    """Every stored suggestion for ``article``, best first, with its article and section (one query).

    For the editors' panel: it includes suggestions that readers will not
    see right now (unpublished since, or excluded), so editors can tell why.
    """
    if article.pk is None:
        return []
    return list(
        RelatedSuggestion.objects.filter(article=article)
        .select_related("suggested", "suggested__category")
        .defer("suggested__body")
        .order_by("rank")
    )


def schedule_recompute(article):
    """Recompute ``article``'s suggestions once the current transaction commits (tags and bylines saved).

    All articles saved in one transaction are handled by one job: their words
    are indexed first and ranked after, so articles created together (an
    import, the demo loader) can find each other; each is done once however
    often it was saved.
    """
    connection = connections[DEFAULT_DB_ALIAS]  # the one on_commit() queues on, for this thread
    queued = _queued_jobs.get(connection)
    job = queued() if queued is not None else None
    if job is not None and not job.done:
        job.pks.append(article.pk)
        return
    job = _RecomputeJob([article.pk])
    transaction.on_commit(job)  # outside a transaction this runs it at once
    if not job.done:
        _queued_jobs[connection] = weakref.ref(job)


# Each database connection's queued job, held weakly: only Django's list of on-commit callbacks keeps it alive,
# so when a rollback (of the transaction, or of the savepoint it was queued in) discards the callback, CPython
# frees the job at once and the next save queues a new one. (Django has no public way to look into that list.)
_queued_jobs = weakref.WeakKeyDictionary()


class _RecomputeJob:
    def __init__(self, pks):
        self.pks = pks
        self.done = False  # tests run callbacks without committing; a job that ran takes no more work

    def __call__(self):
        self.done = True
        # Articles deleted (or rolled back) in the meantime are simply not found.
        articles = list(Article.objects.filter(pk__in=set(self.pks)).select_related("category"))
        terms = {article.pk: index_terms(article) for article in articles}
        changed = {article.pk for article in articles}
        for article in articles:
            changed |= link_back(article, store_suggestions(article, terms=terms[article.pk]))
        if changed:
            # The save purged before this ran (both wait for the commit): purge again the pages whose lists
            # changed: the articles' own, not the lists showing their teasers.
            pagecache.purge_on_commit(*(page_cache_tag(pk) for pk in sorted(changed)))


def page_cache_tag(pk):
    """The page cache tag of the "You may also like" of article ``pk``, which only its own page shows: purged
    when its suggestions or picks change, so the lists showing its teaser stay cached."""
    return "related-" + pagecache.key(Article, pk)


# --- Words -------------------------------------------------------------------------------------------------


def tokens(text):
    """Normalised words of ``text``: lower case, accents folded, no stop words, crude plurals removed."""
    folded = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    words = []
    for word in _WORD.findall(folded):
        word = _singular(word)
        if len(word) >= 3 and word not in STOP_WORDS:
            words.append(word[:40])
    return words


def _singular(word):
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def term_weights(article):
    """The article's strongest words and their weights; the headline counts three times, the standfirst twice."""
    counts = Counter()
    for text, boost in ((article.headline, 3), (article.standfirst, 2), (strip_tags(article.body or ""), 1)):
        for word in tokens(text):
            counts[word] += boost
    strongest = sorted(counts.items(), key=lambda item: (-item[1], -len(item[0]), item[0]))[:TERMS_PER_ARTICLE]
    return {word: 1 + math.log(n) for word, n in strongest}


def index_terms(article):
    """Rewrite ``article``'s rows in the term index; returns its ``{term: weight}``."""
    weights = term_weights(article)
    ArticleTerm.objects.filter(article=article).delete()
    ArticleTerm.objects.bulk_create(ArticleTerm(article=article, term=t, weight=w) for t, w in weights.items())
    return weights


# --- Ranking -----------------------------------------------------------------------------------------------


def recompute(article, *, keep=None):
    """Re-index ``article``'s words and store its best ``keep`` suggestions (default 3 × the shown count).

    Candidates are published or scheduled articles (read time filters the
    scheduled ones until their time comes), never ``article`` itself nor
    articles excluded from related lists. Scheduled ones are stored on top of
    ``keep`` visible ones, so an embargoed batch cannot crowd out the list.
    """
    return store_suggestions(article, terms=index_terms(article), keep=keep)


def link_back(article, suggestions, *, keep=None):
    """Offer ``article`` to the lists of its closest neighbours, where it beats their weakest suggestion.

    So yesterday's story shows today's follow-up without being edited. The
    score is ``article``'s view of the pair (tags and words are weighed
    against its own), a close stand-in until the neighbour is next saved and
    ranked properly. Only the ``NEWSROOM_RELATED_COUNT`` closest neighbours
    are offered it, in four queries however many they are; drafts, and
    articles excluded from related lists, are offered to no one. Returns the
    primary keys of the articles whose lists it changed.
    """
    count = conf.get("NEWSROOM_RELATED_COUNT")
    keep = 3 * count if keep is None else keep
    closest = {s.pk: s for s in suggestions[:count]}
    if article.status != Article.Status.PUBLISHED or article.exclude_from_related or not closest or not keep:
        return set()
    lists = {pk: [] for pk in closest}
    for row in RelatedSuggestion.objects.filter(article_id__in=closest).order_by("rank"):
        lists[row.article_id].append(row)
    stale, new, reranked = [], [], []
    for pk, suggestion in closest.items():
        rows = [r for r in lists[pk] if r.suggested_id != article.pk]
        stale += [r.pk for r in lists[pk] if r.suggested_id == article.pk]
        offer = RelatedSuggestion(
            article_id=pk, suggested=article, score=round(suggestion.score, 4), reasons=suggestion.reasons, rank=0
        )
        ranked = sorted([*rows, offer], key=lambda r: -r.score)
        ranked, dropped = ranked[: max(keep, len(rows))], ranked[max(keep, len(rows)) :]
        stale += [r.pk for r in dropped if r.pk]
        for rank, row in enumerate(ranked):
            if row.rank != rank or row is offer:
                row.rank = rank
                (new if row is offer else reranked).append(row)
    with transaction.atomic():
        RelatedSuggestion.objects.filter(pk__in=stale).delete()
        RelatedSuggestion.objects.bulk_update(reranked, ["rank"])
        RelatedSuggestion.objects.bulk_create(new)
    return set(closest)


def store_suggestions(article, *, terms, keep=None):
    """Rank ``article``'s neighbours (its words already indexed as ``terms``) and store the best ``keep``."""
    if keep is None:
        keep = 3 * conf.get("NEWSROOM_RELATED_COUNT")
    now = timezone.now()
    scored, visible = [], 0
    for suggestion in rank(article, terms=terms):
        if visible >= keep:
            break
        scored.append(suggestion)
        visible += suggestion.publish_at <= now
    with transaction.atomic():
        RelatedSuggestion.objects.filter(article=article).delete()
        RelatedSuggestion.objects.bulk_create(
            RelatedSuggestion(article=article, suggested_id=s.pk, score=round(s.score, 4), reasons=s.reasons, rank=i)
            for i, s in enumerate(scored)
        )
    return scored


class Suggestion(NamedTuple):
    pk: int
    score: float
    reasons: dict
    publish_at: datetime


def rank(article, *, terms):
    """:class:`Suggestion` s best first, for the candidates found by indexed lookups (not stored)."""
    content_type = ContentType.objects.get_for_model(Article)
    tag_rows = TaggedItem.objects.filter(content_type=content_type, object_id=article.pk)
    tag_names = dict(tag_rows.values_list("tag_id", "tag__name"))
    # An estimate of the archive's size for the rarity weights: the highest id is an index lookup, a count is not.
    total = (Article.objects.aggregate(n=Max("pk"))["n"] or 0) + 1

    # One small capped count per tag and word: an index range of at most COUNT_CAP entries each.
    tagged = TaggedItem.objects.filter(content_type=content_type)
    tag_rarity = _rarity({t: tagged.filter(tag_id=t)[:COUNT_CAP].count() for t in tag_names}, total)
    term_rarity = _rarity({t: ArticleTerm.objects.filter(term=t)[:COUNT_CAP].count() for t in terms}, total)

    candidates = set()
    for tag_id in tag_names:
        # Newest tagged first: the tag index holds each tag's rows in id order, so nothing is sorted.
        candidates.update(
            tagged.filter(tag_id=tag_id).order_by("-pk").values_list("object_id", flat=True)[:CANDIDATES_PER_TAG]
        )
    telling = sorted(terms, key=lambda t: -terms[t] * term_rarity.get(t, 0))[:TERMS_FOR_CANDIDATES]
    for term in telling:
        candidates.update(
            ArticleTerm.objects.filter(term=term)
            .order_by("-weight")
            .values_list("article_id", flat=True)[:CANDIDATES_PER_TERM]
        )
    candidates.update(
        Article.objects.published()
        .filter(category_id=article.category_id)
        .order_by("-publish_at")
        .values_list("pk", flat=True)[:CANDIDATES_FROM_SECTION]
    )
    candidates.discard(article.pk)
    if not candidates:
        return []

    rows = (
        Article.objects.filter(pk__in=candidates, status=Article.Status.PUBLISHED, exclude_from_related=False)
        .values_list("pk", "category__path", "publish_at")
        .order_by()
    )
    # The next two ask by article only (an index on the article): asking for the tags or words too
    # sends SQLite down the tag or word index instead, through every article carrying a common one.
    shared_tags = {}
    for object_id, tag_id in tagged.filter(object_id__in=candidates).values_list("object_id", "tag_id"):
        if tag_id in tag_names:
            shared_tags.setdefault(object_id, []).append(tag_id)
    shared_terms = {}
    for article_id, term, weight in ArticleTerm.objects.filter(article_id__in=candidates).values_list(
        "article_id", "term", "weight"
    ):
        if term in terms:
            shared_terms.setdefault(article_id, {})[term] = weight

    tag_total = sum(tag_rarity.get(t, 0) for t in tag_names) or 1
    term_total = sum(w * term_rarity.get(t, 0) for t, w in terms.items()) or 1
    own_path = article.category.path.split("/")
    scored = []
    for pk, path, publish_at in rows:
        tags = sorted(shared_tags.get(pk, []), key=lambda t: (-tag_rarity.get(t, 0), tag_names[t]))
        words = shared_terms.get(pk, {})
        # Weight of each shared word: the smaller of the two articles' weights, times its rarity.
        word_scores = {t: min(w, terms[t]) * term_rarity.get(t, 0) for t, w in words.items()}
        common = _common_prefix(own_path, path.split("/"))
        age_days = abs((publish_at - article.publish_at).total_seconds()) / 86400
        parts = {
            "tags": sum(tag_rarity.get(t, 0) for t in tags) / tag_total,
            "terms": min(1.0, sum(word_scores.values()) / term_total),
            "section": common / max(len(own_path), path.count("/") + 1),
            "age": 0.5 ** (age_days / AGE_HALF_LIFE_DAYS),
        }
        score = sum(WEIGHTS[name] * value for name, value in parts.items())
        reasons = {
            "shared_tags": [tag_names[t] for t in tags],
            "section": "same" if path == article.category.path else ("near" if common else ""),
            "shared_path": "/".join(own_path[:common]),
            "shared_terms": sorted(word_scores, key=lambda t: (-word_scores[t], t))[:REASON_TERMS],
            "age_days": round(age_days),
            "parts": {name: round(value, 3) for name, value in parts.items()},
        }
        scored.append(Suggestion(pk, score, reasons, publish_at))
    # Ties go to the newer article.
    scored.sort(key=lambda s: (-s.score, -s.pk))
    return scored


def _rarity(counts, total):
    """Inverse document frequency: a word or tag on few articles says more than one on many."""
    return {key: math.log(1 + total / max(n, 1)) for key, n in counts.items()}


def _common_prefix(a, b):
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n
