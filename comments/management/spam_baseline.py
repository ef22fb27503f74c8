"""The reference model ``spam_benchmark --baseline`` measures the spam filter against.

A textbook text classifier, so that every figure the benchmark prints can be
read as a ratio to something anyone can rebuild::

    baseline = Baseline(target_ham_to_spam=0.005)
    for text, is_spam in labelled:
        baseline.learn(text, is_spam=is_spam)
    baseline.fit()
    baseline.judge("Call 1-888-555-0142 for printer support")   # (0.97, Band.SPAM)

The model: scikit-learn's ``TfidfVectorizer`` over word 1–2-grams and over
``char_wb`` 2–5-grams (joined by a ``FeatureUnion``, ``sublinear_tf``), then
``LogisticRegression`` with the liblinear solver, ``C=1`` (the default) and
``class_weight="balanced"``. Text goes through the product's own
:func:`comments.spam.normalise.normalise` first (zero-width characters and
U+FEFF removed, markup stripped, links reduced to their domain, lower case),
so neither model can learn the TubeSpam collection's U+FEFF artefact.

How its probability becomes a band, two ways (``spam_benchmark --baseline-bands``):

``matched`` (the benchmark's default)
    At the product's operating point in the same run: after the run, the
    spam threshold is the lowest probability that marks no more of the
    judged ham as spam than the product did, and the hold threshold makes
    the band below it hold as many comments as the product held
    (:func:`matched_thresholds`). So ham -> spam and the queue are the
    product's (or lower), and spam -> published, recall and MCC say which
    model ranks spam better at that cost. The thresholds are chosen with the
    judged comments' labels, which no live filter has: this is in the
    baseline's favour, so a product that still lets less spam through has
    really won.
``calibrated``
    As it would run live: spam from the probability calibrated on the labels
    it was taught to the target ham -> spam rate. Out-of-fold probabilities
    (stratified 5-fold cross-validation of the logistic regression; the
    vectorisers' vocabulary and idf are fitted once on all the labels, a
    common shortcut that makes this calibration a little optimistic) give the
    lowest threshold at which at most that share of the ham would have been
    marked spam; with few ham labels that is "above every ham seen". Hold
    from probability 0.5 (``hold_probability``): with balanced class weights,
    where the model thinks spam more likely than not. On data unlike what it
    was taught (another video, another site) its ham -> spam drifts above the
    target, which is worth knowing, but then the two models are compared at
    different costs.

Either way, nothing is marked spam or held until the model has learned
``MIN_LABELS`` comments of each kind (the product's classifier is silent until
then too): before that the baseline publishes.

scikit-learn is imported here only: it is a benchmark dependency (the
``benchmark`` extra, pinned in ``requirements.txt``), never needed to run a site.
"""

import math

from comments.spam.base import Band
from comments.spam.normalise import normalise

DESCRIPTION = (
    "scikit-learn TF-IDF word 1-2 + char_wb 2-5 n-grams (sublinear tf), logistic regression (liblinear, C=1, "
    "class_weight balanced), on the product's normalised text"
)
# The product's classifier waits for this many labels of each kind, and so does the baseline.
MIN_LABELS = 10
CV_FOLDS = 5
SEED = 0


def require_sklearn():
    """Import scikit-learn (an optional dependency); ``ImportError`` with the fix if it is missing."""
    try:
        import sklearn  # noqa: F401
    except ImportError as error:
        raise ImportError(
            "The baseline needs scikit-learn, a benchmark dependency only: "
            "pip install 'django-newsroom[benchmark]' (or pip install -r requirements.txt)."
        ) from error


def calibrated_threshold(ham_probabilities, *, target):
    """The lowest probability from which at most ``target`` of ``ham_probabilities`` would be marked spam.

    Strictly above the ham that would be one too many, so ties do not slip through::

        calibrated_threshold([0.1, 0.2, 0.9], target=0.0)   # just above 0.9
    """
    ordered = sorted(ham_probabilities, reverse=True)
    allowed = math.floor(target * len(ordered) + 1e-9)
    if allowed >= len(ordered):
        return 0.0
    return math.nextafter(ordered[allowed], math.inf)


class Baseline:
    """The reference model: taught labelled texts, refitted on demand, asked for a band per comment."""

    description = DESCRIPTION

    def __init__(self, *, target_ham_to_spam=None, hold_probability=0.5):
        """``target_ham_to_spam=None``: no calibration (the bands come from :func:`matched_thresholds`)."""
        require_sklearn()
        self.target = target_ham_to_spam
        self.hold_probability = hold_probability
        self.texts = []
        self.labels = []
        self.weights = []
        self.features = self.model = None
        self.spam_probability = math.inf
        self.fitted_on = 0

    def learn(self, text, *, is_spam, weight=1.0):
        """Remember one labelled text (counting ``weight``); the model changes at the next :meth:`fit`."""
        self.texts.append(normalise(text))
        self.labels.append(int(is_spam))
        self.weights.append(weight)

    @property
    def unfitted(self):
        """How many labels were learned since the last :meth:`fit`."""
        return len(self.labels) - self.fitted_on

    def fit(self):
        """Fit the model on every label learned so far (and, given a target, calibrate its spam threshold)."""
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.model_selection import StratifiedKFold
        from sklearn.pipeline import FeatureUnion

        self.fitted_on = len(self.labels)
        spam = sum(self.labels)
        if min(spam, len(self.labels) - spam) < MIN_LABELS:
            self.features = self.model = None
            return
        self.features = FeatureUnion(
            [
                ("words", TfidfVectorizer(lowercase=False, ngram_range=(1, 2), sublinear_tf=True)),
                ("chars", TfidfVectorizer(lowercase=False, analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)),
            ]
        )
        matrix = self.features.fit_transform(self.texts)
        self.model = self._classifier().fit(matrix, self.labels, sample_weight=self.weights)
        if self.target is None:
            return
        out_of_fold = [0.0] * len(self.labels)
        folds = StratifiedKFold(n_splits=CV_FOLDS, shuffle=True, random_state=SEED)
        for train, held_out in folds.split(matrix, self.labels):
            fold = self._classifier().fit(
                matrix[train], [self.labels[i] for i in train], sample_weight=[self.weights[i] for i in train]
            )
            for i, p in zip(held_out, fold.predict_proba(matrix[held_out])[:, 1], strict=True):
                out_of_fold[i] = float(p)
        ham = [p for p, label in zip(out_of_fold, self.labels, strict=True) if not label]
        self.spam_probability = max(self.hold_probability, calibrated_threshold(ham, target=self.target))

    def _classifier(self):
        from sklearn.linear_model import LogisticRegression

        return LogisticRegression(solver="liblinear", C=1.0, class_weight="balanced")

    def probability(self, text):
        """How likely ``text`` is spam, by the last fit; ``None`` before there is one."""
        if self.model is None:
            return None
        return float(self.model.predict_proba(self.features.transform([normalise(text)]))[0, 1])

    def judge(self, text):
        """``(probability, band)`` for ``text``: the whole judgement, normalising included (the benchmark times it)."""
        probability = self.probability(text)
        if probability is None or probability < self.hold_probability:
            return probability, Band.PUBLISH
        return probability, Band.SPAM if probability >= self.spam_probability else Band.HOLD


def matched_thresholds(judged, *, ham_to_spam, held):
    """``(spam_from, hold_from)``: probabilities at which the baseline matches the product's operating point.

    ``judged`` is ``[(is_spam, probability), ...]`` (``None``: no model yet, always published). The spam
    threshold is the lowest that marks at most ``ham_to_spam`` (a count) of the ham spam; the hold threshold
    makes the band below it hold ``held`` comments (ties may add a few).
    """
    ham = [p for is_spam, p in judged if not is_spam and p is not None]
    spam_from = calibrated_threshold(ham, target=ham_to_spam / len(ham) if ham else 0.0)
    below = sorted((p for _is_spam, p in judged if p is not None and p < spam_from), reverse=True)
    hold_from = below[min(held, len(below)) - 1] if held and below else spam_from
    return spam_from, hold_from


def band_for(probability, *, spam_from, hold_from):
    """The band of a probability between two thresholds (``None``, no model: publish)."""
    if probability is None or probability < hold_from:
        return Band.PUBLISH
    return Band.SPAM if probability >= spam_from else Band.HOLD
