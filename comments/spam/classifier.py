"""The learned part of the spam filter: logistic regression over hashed n-grams, learned online, in the database.

Moderators teach it (see ``comments.spam.learning``); every worker reads
the same weights, so there is no model file to ship or keep in step::

    train([("Call 1-888-555-0142 for printer support", SPAM, 1.0), ("The vote was close", HAM, 1.0)])
    score = score_text("c.a.l.l n.o.w 1 8 8 8 555 0142")
    score.probability     # how spammy, 0..1
    score.spam_words()    # ["c.a.l.l n.o.w", "1 8 8 8"]: the words that pushed it up

The model, in one paragraph: a text becomes a few hundred hashed features
(words, word pairs and character 4-grams of its letters and digits, and the
words of the name and website given and the other checks' findings; see
:mod:`comments.spam.features`), each bucket has a weight
(``SpamWeight``), and the log-odds of spam is the
bias plus the sum of weight times value. Each labelled text moves the weights
of its own buckets by one step of stochastic gradient descent on the logistic
loss, with AdaGrad step sizes (a bucket that has moved a lot moves less) and
the two kinds balanced (a step on the rarer kind counts more, up to
``MAX_CLASS_WEIGHT`` times). A text imported from a corpus
(:func:`learn_many`) steps with weight ``IMPORTED_WEIGHT``, a moderator's
decision with weight 1, and unlearning is a step of negative weight.

Why this and not the naive Bayes it replaced: character n-grams see through
"c.a.l.l n.o.w" and spaced digits, a discriminative model learns what tells
spam from this site's ham rather than what is common in spam, and it is as
explainable: the words behind a score are the features that weighed most
(``Score.spam_words()``).

Reading costs one query: the weights of the text's buckets (``bucket IN
(...)``); the bias and counts come from the cache (:func:`state`). Learning
reads and writes the buckets of the texts it learns, in the caller's
transaction, holding a lock on the one ``SpamLearner``
row so that two moderators' decisions are learned one after the other.
"""

import math
import random
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import astuple, dataclass, field

from django.core.cache import cache
from django.db import connections, router, transaction

from comments.spam.features import Features, features
from comments.spam.models import LearnedLabel, SpamLearner, SpamMemory, SpamWeight

SPAM = "spam"
HAM = "ham"

#: AdaGrad's base step size (every bucket's accumulator starts at 1, so early steps are plain SGD steps).
LEARNING_RATE = 1.0
#: How much an example imported from a corpus counts beside a moderator's decision.
IMPORTED_WEIGHT = 0.3
#: A step on the kind of comment learned less often counts at most this many times more.
MAX_CLASS_WEIGHT = 5.0
#: The classifier stays silent until it has learned at least this much of each kind (imported examples count less).
MIN_TRAINING = 10
#: Passes over an imported corpus (:func:`learn_many`).
IMPORT_EPOCHS = 3
_STATE_CACHE_KEY = "newsroom:spam-classifier-state"
_STATE_CACHE_SECONDS = 60
# Off inside isolated(): throwaway state (benchmarks) must never reach the shared cache.
_use_shared_cache = ContextVar("spam_classifier_shared_cache", default=True)


@dataclass(frozen=True)
class State:
    """The classifier's state beside its weights: bias, how much it has learned, the calibrated spam threshold."""

    bias: float = 0.0
    spam_learned: float = 0.0
    ham_learned: float = 0.0
    spam_threshold: float | None = None

    @property
    def trained(self):
        return self.spam_learned >= MIN_TRAINING and self.ham_learned >= MIN_TRAINING


@dataclass(frozen=True)
class Score:
    """How spammy a text looks: a probability, and the means to say which of its words made it so."""

    probability: float
    margin: float = 0.0
    found: Features | None = field(default=None, repr=False, compare=False)
    weights: dict = field(default_factory=dict, repr=False, compare=False)

    def spam_words(self, top=3):
        """The words (as written, normalised) that pushed the score up most: ``["call now", "1-888-555-0142"]``."""
        return self.found.explain(self.weights, spam=True, top=top) if self.found else []

    def ham_words(self, top=3):
        """The words that pulled it down most: what it shares with approved comments."""
        return self.found.explain(self.weights, spam=False, top=top) if self.found else []

    def spam_signals(self):
        """The name-and-website words and check findings (``"[phones]"``) that pushed the score up."""
        return self.found.weighed(self.weights, spam=True) if self.found else []

    def ham_signals(self):
        return self.found.weighed(self.weights, spam=False) if self.found else []


def sigmoid(margin):
    return 1 / (1 + math.exp(-max(-35.0, min(35.0, margin))))


def state():
    """The :class:`State` learned so far (cached briefly; learning clears the cache once committed)."""
    shared = _use_shared_cache.get()
    cached = cache.get(_STATE_CACHE_KEY) if shared else None
    if cached is None:
        row = (
            SpamLearner.objects.filter(pk=1)
            .values_list("bias", "spam_learned", "ham_learned", "spam_threshold")
            .first()
        )
        cached = tuple(row) if row else astuple(State())
        if shared:
            cache.set(_STATE_CACHE_KEY, cached, _STATE_CACHE_SECONDS)
    return State(*cached)


def read_weights(buckets, *, with_gradients=False):
    """``{bucket: weight}`` (or ``{bucket: [weight, squared_gradients]}``) of the buckets that have a row.

    One query per 5,000 buckets: the buckets are whole numbers this module
    computed, so they are written into the SQL as numbers, not as thousands of
    parameters (SQLite allows 999 to 32,766 of them, depending on the build).
    """
    buckets = sorted({int(bucket) for bucket in buckets})
    if not buckets:
        return {}
    connection = connections[router.db_for_read(SpamWeight)]
    quote = connection.ops.quote_name
    meta = SpamWeight._meta
    columns = [meta.get_field(name).column for name in ("bucket", "weight", "squared_gradients")]
    selected = ", ".join(quote(c) for c in (columns if with_gradients else columns[:2]))
    found = {}
    with connection.cursor() as cursor:
        for start in range(0, len(buckets), 5000):
            listed = ", ".join(str(bucket) for bucket in buckets[start : start + 5000])
            cursor.execute(f"SELECT {selected} FROM {quote(meta.db_table)} WHERE {quote(columns[0])} IN ({listed})")
            for row in cursor.fetchall():
                found[row[0]] = [row[1], row[2]] if with_gradients else row[1]
    return found


def score_text(text, *, name="", url="", findings=None, learned=None):
    """Score ``text`` (with the name, website and check findings given) against the learned weights.

    One query for its buckets, the bias from the cache. ``text`` may be
    :class:`~comments.spam.features.Features` already.
    """
    learned = learned or state()
    found = text if isinstance(text, Features) else features(text, name=name, url=url, findings=findings)
    if not found.vector:
        return Score(probability=0.5)  # nothing to go on (and no ``found``: nothing to explain)
    weights = read_weights(found.vector)
    margin = found.margin(weights, bias=learned.bias)
    return Score(probability=sigmoid(margin), margin=margin, found=found, weights=weights)


def _label_value(label):
    if label == SPAM:
        return 1.0
    if label == HAM:
        return 0.0
    raise ValueError(f"label must be {SPAM!r} or {HAM!r}, not {label!r}")


def train(examples, *, again=(), epochs=1, seed=None, count=True):
    """Learn ``(text, label, weight)`` examples: one AdaGrad step each, ``epochs`` times; the probabilities before.

    A negative ``weight`` unlearns. ``again`` are examples learned before,
    stepped on once more after ``examples`` but not counted again (replay).
    With ``seed`` the examples are shuffled (the same way for the same seed)
    before each pass; ``count=False`` counts none of them (a second pass over
    a history already learned). One read and one write of the buckets the
    texts touch, inside the caller's transaction; the cached state is
    forgotten once it commits. Returns the probability of spam each of
    ``examples`` had just before its first step.
    """
    prepared = []
    for counted, batch in ((count, examples), (False, again)):
        for text, label, weight in batch:
            found = text if isinstance(text, Features) else features(text)
            prepared.append((found.vector, _label_value(label), float(weight), counted))
    if not prepared:
        return []
    with transaction.atomic():
        SpamLearner.objects.bulk_create([SpamLearner(pk=1)], ignore_conflicts=True)
        learner = SpamLearner.objects.select_for_update().get(pk=1)
        buckets = set()
        for vector, *_rest in prepared:
            buckets.update(vector)
        weights = read_weights(buckets, with_gradients=True)
        before = {}
        order = list(range(len(prepared)))
        shuffler = random.Random(seed) if seed is not None else None
        for epoch in range(epochs):
            if shuffler is not None:
                shuffler.shuffle(order)
            for index in order:
                vector, y, weight, counted = prepared[index]
                counted = counted and epoch == 0
                # Counted before its step, taken back after: an example unlearned weighs as it did when learned.
                if counted and weight > 0:
                    _count(learner, y, weight)
                probability = _step(learner, weights, vector, y, weight)
                if counted and weight < 0:
                    _count(learner, y, weight)
                before.setdefault(index, probability)
        _write(weights, buckets)
        learner.save()
        forget_cached_state(when_committed=True)
    return [before[index] for index in range(len(examples))]


def _count(learner, y, weight):
    if y:
        learner.spam_learned = max(0.0, learner.spam_learned + weight)
    else:
        learner.ham_learned = max(0.0, learner.ham_learned + weight)


def _step(learner, weights, vector, y, weight):
    """One AdaGrad step of the logistic loss on one example; returns the probability before the step."""
    margin = learner.bias
    for bucket, value in vector.items():
        entry = weights.get(bucket)
        if entry is not None:
            margin += entry[0] * value
    probability = sigmoid(margin)
    learned = learner.spam_learned if y else learner.ham_learned
    total = learner.spam_learned + learner.ham_learned
    class_weight = min(MAX_CLASS_WEIGHT, total / (2 * learned)) if learned > 0 else 1.0
    gradient = (probability - y) * weight * class_weight
    if not gradient:
        return probability
    for bucket, value in vector.items():
        entry = weights.get(bucket)
        if entry is None:
            entry = weights[bucket] = [0.0, 0.0]
        g = gradient * value
        entry[1] += g * g
        entry[0] -= LEARNING_RATE * g / math.sqrt(1.0 + entry[1])
    learner.bias_squared_gradients += gradient * gradient
    learner.bias -= LEARNING_RATE * gradient / math.sqrt(1.0 + learner.bias_squared_gradients)
    return probability


def _write(weights, buckets):
    """Insert or update the rows of ``buckets``: one ``executemany`` upsert (SQLite, PostgreSQL), else the ORM's."""
    rows = [(bucket, *weights[bucket]) for bucket in sorted(buckets) if bucket in weights]
    connection = connections[router.db_for_write(SpamWeight)]
    if connection.vendor not in ("sqlite", "postgresql"):
        SpamWeight.objects.bulk_create(
            [SpamWeight(bucket=b, weight=w, squared_gradients=g) for b, w, g in rows],
            batch_size=1000,
            update_conflicts=True,
            unique_fields=["bucket"],
            update_fields=["weight", "squared_gradients"],
        )
        return
    # Building thousands of model instances costs ten times the SQL: the same upsert by hand.
    quote = connection.ops.quote_name
    meta = SpamWeight._meta
    bucket, weight, gradients = (quote(meta.get_field(n).column) for n in ("bucket", "weight", "squared_gradients"))
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({bucket}, {weight}, {gradients}) VALUES (%s, %s, %s) "
        f"ON CONFLICT ({bucket}) DO UPDATE SET {weight} = EXCLUDED.{weight}, {gradients} = EXCLUDED.{gradients}"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def learn(*, text, label, weight=1.0):
    """Learn one text (``weight=-1`` unlearns it); returns the probability of spam it had before."""
    return train([(text, label, weight)])[0]


def learn_many(examples, *, weight=IMPORTED_WEIGHT, epochs=IMPORT_EPOCHS):
    """Learn ``(text, label)`` pairs imported from a corpus, each counting ``weight``; returns ``(spam, ham)``.

    Several shuffled passes (the same order every time), one read and one
    write of the weights: run it from a command, not a request.
    """
    examples = [(text, label, weight) for text, label in examples]
    for _text, label, _weight in examples:
        _label_value(label)
    train(examples, epochs=epochs, seed=0)
    spam = sum(1 for _text, label, _weight in examples if label == SPAM)
    return spam, len(examples) - spam


def forget_cached_state(*, when_committed=False):
    """Drop the cached :class:`State`: now (this transaction reads its own changes) and, if asked, at commit.

    A worker may cache the state still committed meanwhile; the second time clears that.
    """
    if _use_shared_cache.get():
        cache.delete(_STATE_CACHE_KEY)
        if when_committed:
            transaction.on_commit(forget_cached_state)


@contextmanager
def isolated():
    """Read and write the classifier without the shared cache, for state that will be rolled back."""
    token = _use_shared_cache.set(False)
    try:
        yield
    finally:
        _use_shared_cache.reset(token)


def reset():
    """Forget everything learned: weights, state, the filter's memory and which decisions were learned."""
    SpamWeight.objects.all().delete()
    SpamLearner.objects.all().delete()
    SpamMemory.objects.all().delete()
    LearnedLabel.objects.all().delete()
    forget_cached_state(when_committed=True)
