"""The learned classifier (:mod:`comments.spam.classifier`), as a score with the words behind it.

The classifier learns the two kinds of comment with equal weight, so even
odds is where it says "spam rather than not". From there its verdict holds
the comment for a person (+0.5, the default hold threshold), and the score
rises with the log-odds: +1.0 (spam at the default threshold) at probability
0.9, capped at ``CAP``. A comment that reads like approved ones (below
probability 0.4) scores down to ``FLOOR``, which offsets a little of what
other checks found. Silent until it has learned ``MIN_TRAINING`` comments of
each kind, and about a text it has no features of.

Besides the text it reads the name and website the commenter gave and the
findings of the checks that ran before it (the pipeline passes them): on a
site where every "phone numbers" finding was spam, that finding comes to
weigh more than its fixed score, and less where readers share helplines.
The reason names the words that weighed most, as the comment wrote them,
then the name or website words and findings (in brackets) that did::

    classifier: "c.a.l.l n.o.w", "1-888-555-0142", "printer support" (+1.6)
    classifier: "support", printerfix, [phones] (+2.0)
    classifier: reads like approved comments ("council", "bus lane") (-0.3)
"""

import math

from comments.spam import classifier
from comments.spam.base import CheckResult

#: The score of "spam rather than not": the default hold threshold.
HOLD = 0.5
#: Log-odds per point of score above even odds: log-odds ln 9 (probability 0.9) scores +1.0.
SCALE = 2 * math.log(9)
CAP = 2.0
FLOOR = -0.3
#: Below even odds, log-odds closer to it than this say nothing (probability 0.4 to 0.5).
QUIET = math.log(1.5)


def score_for(probability):
    """The score for a probability of spam (see the module docstring)."""
    probability = min(1 - 1e-12, max(1e-12, probability))
    margin = math.log(probability / (1 - probability))
    if margin > 0:
        return min(CAP, HOLD + margin / SCALE)
    if margin < -QUIET:
        return max(FLOOR, margin / SCALE)
    return 0.0


def findings_of(results, *, before=None):
    """``{check: score}`` of the results the classifier reads: scored, not decisive, not failed, not its own.

    ``results`` are :class:`CheckResult` objects or their stored dicts;
    ``before`` (a set of check names) keeps only those checks: at learning
    time, the stored reasons of checks that ran before the classifier.
    """
    found = {}
    for result in results:
        data = result.as_dict() if isinstance(result, CheckResult) else result
        check = data.get("check") or ""
        if not check or check == ClassifierCheck.name or data.get("decisive") or data.get("unavailable"):
            continue
        if before is not None and check not in before:
            continue
        try:
            score = float(data.get("score") or 0.0)
        except (TypeError, ValueError):
            continue
        if score:
            found[check] = found.get(check, 0.0) + score
    return found


class ClassifierCheck:
    """The learned classifier's score, from the text, the name and website given and the findings before it."""

    name = "classifier"
    #: The pipeline passes the results of the checks before this one (``findings=``).
    reads_findings = True

    def __call__(self, submission, findings=()):
        learned = classifier.state()
        if not learned.trained:
            return None
        result = classifier.score_text(
            submission.text,
            name=submission.author_name,
            url=submission.author_url,
            findings=findings_of(findings),
            learned=learned,
        )
        if result.found is None:
            return None
        score = round(score_for(result.probability), 3)
        details = {"probability": round(result.probability, 4)}
        if score > 0:
            shown = [*(f'"{word}"' for word in result.spam_words()), *result.spam_signals()[:2]]
            return CheckResult(score, f"classifier: {', '.join(shown)}" if shown else "classifier", details=details)
        if score < 0:
            shown = [*(f'"{word}"' for word in result.ham_words()), *result.ham_signals()[:2]]
            reason = "classifier: reads like approved comments"
            return CheckResult(score, f"{reason} ({', '.join(shown)})" if shown else reason, details=details)
        return None
