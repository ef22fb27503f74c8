"""The learned classifier (:mod:`comments.spam.classifier`), as a score with the words behind it.

Its probability maps to a score: 0.4–0.6 says nothing; above 0.6 it rises
to +0.5 (hold) at 0.75 and +1.0 (spam) at 0.9, capped at +1.2; below 0.4 it
falls to at most −0.3, so a comment that reads like approved ones offsets a
little of what other checks found. Silent until it has learned
``MIN_TRAINING`` comments of each kind.
"""

from comments.spam import classifier
from comments.spam.base import CheckResult

CAP = 1.2
FLOOR = -0.3


def score_for(probability):
    if probability > 0.6:
        return min(CAP, (probability - 0.6) * 10 / 3)
    if probability < 0.4:
        return max(FLOOR, (probability - 0.4) * 1.5)
    return 0.0


class ClassifierCheck:
    name = "classifier"

    def __call__(self, submission):
        learned = classifier.totals()
        if not learned.trained:
            return None
        result = classifier.score_text(submission.text, learned=learned)
        score = round(score_for(result.probability), 3)
        if score > 0:
            words = ", ".join(f"'{t}'" for t in result.spam_tokens)
            return CheckResult(score, f"classifier: {words}", details={"probability": result.probability})
        if score < 0:
            words = ", ".join(f"'{t}'" for t in result.ham_tokens)
            return CheckResult(score, f"classifier: reads like approved comments ({words})")
        return None
