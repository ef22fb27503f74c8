"""The learned part of the spam filter: a naive Bayes over words, kept in the database.

Moderators teach it (see :mod:`comments.spam.learning`); every worker reads the
same counts, so there is no model file to ship or keep in step::

    learn(text="Check out my channel, free gift cards", label=SPAM)
    learn(text="The council vote was closer than the piece suggests", label=HAM)
    score = score_text("free gift cards on my channel")
    score.probability   # how spammy, 0..1
    score.spam_tokens   # ("gift cards", "free", "channel"): what pushed it up

How it stays honest:

- Text is normalised first (:func:`comments.spam.normalise.normalise`), so
  zero-width characters, entities and full-width letters teach it nothing.
- Counts are *comments* containing a token, not occurrences, and rates are
  per token learned, so the kind of comment that tends to be longer does not
  own every common word. Filler words are not tokens on their own.
- Only the ``TOP_TOKENS`` most telling tokens of a comment are combined, as a
  mean (not a sum) of their log-odds, each shrunk towards "no idea" by a
  prior. A verdict resting on one or two tokens, or on a text that is mostly
  words it has never been taught, is damped towards 0.5. So a long comment
  is not spammier than a short one just because it has more words.
- Only the text is learned: never the author, the date or the comment id.
"""

import math
import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Greatest

from comments.spam.fastread import select_in
from comments.spam.models import LearnedLabel, SpamClassifierTotals, SpamMemory, SpamToken
from comments.spam.normalise import normalise

SPAM = "spam"
HAM = "ham"

# Evidence is combined from at most this many tokens, the ones furthest from "no idea".
TOP_TOKENS = 15
# How strongly an unseen or rarely seen token is pulled towards 0.5 (Robinson's s).
PRIOR_STRENGTH = 1.0
# Tokens seen in fewer comments than this are ignored altogether.
MIN_DOCUMENTS = 2
# A token must be at least this far from 0.5 to count as evidence.
MIN_DEVIATION = 0.0
# Below this share of a comment's tokens being known, the verdict is damped: the
# filter says little about text unlike anything it has been taught.
MIN_COVERAGE = 0.5
# Probabilities are clipped so that no single token can be certain.
CLIP = 0.01
TOKEN_MAX_LENGTH = 40
# The classifier stays silent until it has learned at least this many comments of each kind.
MIN_TRAINING = 10
_TOTALS_CACHE_KEY = "newsroom:spam-classifier-totals"
_TOTALS_CACHE_SECONDS = 60
# Off inside isolated(): throwaway state (benchmarks) must never reach the shared cache.
_use_shared_cache = ContextVar("spam_classifier_shared_cache", default=True)

_WORD = re.compile(r"[\w][\w.'’-]*")
# Words so common that they only say how long a comment is.
# (A paragraph of words reads better than seventy quoted items.)
STOPWORDS = frozenset(
    """a an and are as at be been but by can could did do does for from had has have he her him his how i if in
    into is it its just me my no not of on or our she so than that the their them then there they this to too
    us was we were what when which who will with would you your i'm it's don't that's""".split()  # noqa: SIM905
)


def tokens(text):
    """The distinct tokens of ``text``: words (minus filler words), domains, and neighbouring word pairs."""
    words = [w.strip(".'’-") for w in _WORD.findall(normalise(text))]
    words = [w for w in words if w and len(w) <= TOKEN_MAX_LENGTH]
    found = {w for w in words if w not in STOPWORDS and (len(w) > 1 or w.isdigit())}
    found.update(f"{a} {b}" for a, b in zip(words, words[1:], strict=False) if not (a in STOPWORDS and b in STOPWORDS))
    return found


@dataclass(frozen=True)
class Score:
    """How spammy a text looks: a probability, and the tokens that pushed it up or down."""

    probability: float
    spam_tokens: tuple[str, ...] = ()
    ham_tokens: tuple[str, ...] = ()
    evidence: int = 0


@dataclass(frozen=True)
class Totals:
    """How much has been learned: comments of each kind, and the tokens they held between them."""

    spam_docs: int = 0
    ham_docs: int = 0
    spam_tokens: int = 0
    ham_tokens: int = 0

    @property
    def trained(self):
        return self.spam_docs >= MIN_TRAINING and self.ham_docs >= MIN_TRAINING


def token_probability(*, spam_docs, ham_docs, spam_tokens, ham_tokens):
    """Robinson's smoothed probability that a comment containing the token is spam.

    Rates are per token learned, not per comment, so that the kind of comment
    that tends to be longer does not own every common word.
    """
    spam_rate = spam_docs / spam_tokens if spam_tokens else 0.0
    ham_rate = ham_docs / ham_tokens if ham_tokens else 0.0
    if spam_rate + ham_rate == 0:
        return 0.5
    raw = spam_rate / (spam_rate + ham_rate)
    seen = spam_docs + ham_docs
    p = (PRIOR_STRENGTH * 0.5 + seen * raw) / (PRIOR_STRENGTH + seen)
    return min(1 - CLIP, max(CLIP, p))


def combine(counts, *, totals, token_count):
    """A :class:`Score` from ``{token: (spam_docs, ham_docs)}`` for a text of ``token_count`` distinct tokens."""
    probs = {}
    known = 0
    for token, (spam_docs, ham_docs) in counts.items():
        if spam_docs + ham_docs < MIN_DOCUMENTS:
            continue
        known += 1
        p = token_probability(
            spam_docs=spam_docs, ham_docs=ham_docs, spam_tokens=totals.spam_tokens, ham_tokens=totals.ham_tokens
        )
        if abs(p - 0.5) >= MIN_DEVIATION:
            probs[token] = p
    if not probs:
        return Score(probability=0.5)
    telling = sorted(probs, key=lambda t: (-abs(probs[t] - 0.5), t))[:TOP_TOKENS]
    # The mean log-odds of the telling tokens (not their sum): more words is not more evidence.
    mean_log_odds = sum(math.log(probs[t] / (1 - probs[t])) for t in telling) / len(telling)
    # ...but a verdict resting on one or two tokens is damped towards 0.5.
    mean_log_odds *= min(1.0, len(telling) / 3)
    # ...and so is one about text that is mostly words it has never been taught.
    mean_log_odds *= min(1.0, known / max(1, token_count) / MIN_COVERAGE)
    probability = 1 / (1 + math.exp(-mean_log_odds))
    spammy = sorted((t for t in telling if probs[t] > 0.5), key=lambda t: (-probs[t], t))
    hammy = sorted((t for t in telling if probs[t] < 0.5), key=lambda t: (probs[t], t))
    return Score(
        probability=probability, spam_tokens=tuple(spammy[:3]), ham_tokens=tuple(hammy[:3]), evidence=len(telling)
    )


def totals():
    """The :class:`Totals` learned so far (cached briefly; every decision clears the cache)."""
    shared = _use_shared_cache.get()
    cached = cache.get(_TOTALS_CACHE_KEY) if shared else None
    if cached is None:
        row = (
            SpamClassifierTotals.objects.filter(pk=1)
            .values_list("spam_count", "ham_count", "spam_tokens", "ham_tokens")
            .first()
        )
        cached = row or (0, 0, 0, 0)
        if shared:
            cache.set(_TOTALS_CACHE_KEY, cached, _TOTALS_CACHE_SECONDS)
    return Totals(*cached)


def score_text(text, *, learned=None):
    """Score ``text`` against the learned counts: one query for its tokens, totals from the cache."""
    learned = learned or totals()
    wanted = tokens(text)
    if not wanted or not learned.spam_tokens or not learned.ham_tokens:
        return Score(probability=0.5)
    rows = select_in(SpamToken, ["token", "spam_count", "ham_count"], key="token", values=sorted(wanted))
    counts = {token: (spam_docs, ham_docs) for token, spam_docs, ham_docs in rows}
    return combine(counts, totals=learned, token_count=len(wanted))


def learn(*, text=None, token_set=None, label, delta=1):
    """Add (``delta=1``) or remove (``delta=-1``) one comment of ``label`` from the counts.

    Race-free on SQLite and PostgreSQL: missing rows are inserted with
    ``ignore_conflicts`` and counts change with ``F()`` updates, inside the
    caller's transaction.
    """
    if label not in (SPAM, HAM):
        raise ValueError(f"label must be {SPAM!r} or {HAM!r}, not {label!r}")
    token_set = sorted(tokens(text) if token_set is None else token_set)
    field = "spam_count" if label == SPAM else "ham_count"
    token_field = "spam_tokens" if label == SPAM else "ham_tokens"
    with transaction.atomic():
        if delta > 0:
            SpamClassifierTotals.objects.bulk_create([SpamClassifierTotals(pk=1)], ignore_conflicts=True)
            SpamClassifierTotals.objects.filter(pk=1).update(
                **{field: F(field) + delta, token_field: F(token_field) + delta * len(token_set)}
            )
            for start in range(0, len(token_set), 500):
                batch = token_set[start : start + 500]
                SpamToken.objects.bulk_create([SpamToken(token=t) for t in batch], ignore_conflicts=True)
                SpamToken.objects.filter(token__in=batch).update(**{field: F(field) + delta})
        else:
            SpamClassifierTotals.objects.filter(pk=1, **{f"{field}__gte": -delta}).update(
                **{field: F(field) + delta, token_field: Greatest(F(token_field) + delta * len(token_set), 0)}
            )
            for start in range(0, len(token_set), 500):
                batch = token_set[start : start + 500]
                SpamToken.objects.filter(token__in=batch, **{f"{field}__gte": -delta}).update(
                    **{field: F(field) + delta}
                )
        transaction.on_commit(forget_cached_totals)
    return token_set


def learn_many(examples):
    """Learn many ``(text, label)`` pairs at once (importing a corpus): a few queries per 500 tokens.

    Faster than :func:`learn` per text, but it reads counts and writes them back,
    so run it while nothing else is learning (a management command, not a request).
    """
    spam, ham = {}, {}
    totals = {"spam_count": 0, "ham_count": 0, "spam_tokens": 0, "ham_tokens": 0}
    for text, label in examples:
        if label not in (SPAM, HAM):
            raise ValueError(f"label must be {SPAM!r} or {HAM!r}, not {label!r}")
        found = tokens(text)
        counts = spam if label == SPAM else ham
        for token in found:
            counts[token] = counts.get(token, 0) + 1
        totals[f"{label}_count"] += 1
        totals[f"{label}_tokens"] += len(found)
    everything = sorted(spam.keys() | ham.keys())
    with transaction.atomic():
        for start in range(0, len(everything), 500):
            batch = everything[start : start + 500]
            existing = {
                token: (s, h)
                for token, s, h in SpamToken.objects.filter(token__in=batch).values_list(
                    "token", "spam_count", "ham_count"
                )
            }
            rows = [
                SpamToken(
                    token=t,
                    spam_count=existing.get(t, (0, 0))[0] + spam.get(t, 0),
                    ham_count=existing.get(t, (0, 0))[1] + ham.get(t, 0),
                )
                for t in batch
            ]
            SpamToken.objects.bulk_create(
                rows, update_conflicts=True, unique_fields=["token"], update_fields=["spam_count", "ham_count"]
            )
        SpamClassifierTotals.objects.bulk_create([SpamClassifierTotals(pk=1)], ignore_conflicts=True)
        SpamClassifierTotals.objects.filter(pk=1).update(**{f: F(f) + n for f, n in totals.items()})
        transaction.on_commit(forget_cached_totals)
    return totals["spam_count"], totals["ham_count"]


def forget_cached_totals():
    if _use_shared_cache.get():
        cache.delete(_TOTALS_CACHE_KEY)


@contextmanager
def isolated():
    """Read and write the counts without the shared cache, for state that will be rolled back."""
    token = _use_shared_cache.set(False)
    try:
        yield
    finally:
        _use_shared_cache.reset(token)


def reset():
    """Forget everything learned (for retraining from the full history)."""
    SpamToken.objects.all().delete()
    SpamClassifierTotals.objects.all().delete()
    SpamMemory.objects.all().delete()
    LearnedLabel.objects.all().delete()
    transaction.on_commit(forget_cached_totals)
    forget_cached_totals()
