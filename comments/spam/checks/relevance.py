"""Relevance: how much a comment shares with the article it is posted under.

The filter knows what the comment is on (``Submission.target_text``: the
article's headline, standfirst and body as plain text, and the comment
replied to), which no outside service does. Promotions fit under any
article, so they share almost nothing with the one they are under; readers
write about it. Words are compared by their first six letters ("council",
"councillors"), leaving out filler words and the praise any page gets. The
words of selling (:mod:`comments.spam.lexicon`) are never shared:
"airlines" and "booking" are what helpline spam under an article about an
airline has in common with it, and say nothing about a reader being on
topic.

- A comment of ``min_words`` (6) or more words of substance that shares
  none of them with a substantial article (60 such words or more, about a
  page of text; a headline alone cannot tell): +0.2; one word: +0.1.
  Readers bring words of their own (their street, their flight), so two
  shared words are enough to say nothing.
- A comment that shares a quarter of its words (three at least) with the
  article: −0.1; two fifths (five at least): −0.2. This is a ``discount``
  like a good record's (:func:`comments.spam.pipeline.total_score`): it
  offsets small findings, never one that holds the comment by itself. A
  comment whose words are the article's own (more than four fifths of
  them, words of selling aside) earns none: pasting the headline into an
  advertisement is not writing about the article.
- Nothing for short comments ("Well said.") or without a ``target_text``.

Scores are multiplied by the ``weight`` option.
"""

import re
from functools import lru_cache

from comments.spam import lexicon
from comments.spam.base import CheckResult
from comments.spam.normalise import normalise

OFF_TOPIC = 0.2
LOOSE = 0.1
ON_TOPIC = -0.1
CLOSE = -0.2
MIN_TARGET_WORDS = 60
COPIED = 0.8
PREFIX = 6

# Letters, with an apostrophe inside a word kept ("don't" is one filler word, not "don").
_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’](?=[^\W\d_]))+")
# Filler, and the words any comment on any article may use ("article", "great", "people").
FILLER = frozenset(
    """
    about above after again against all also although always among and another any anyone anything are aren't around
    because been before being below between both but can can't cannot could couldn't did didn't does doesn't doing
    don't done down during each either else enough even ever every everyone everything few for from further get gets
    getting got had hadn't has hasn't have haven't having her here hers herself him himself his how however i'd i'll
    i'm i've into isn't its it's itself just least less let's like likely lot lots made make makes making many may
    maybe might more most much must myself near need needs neither never new next nor not nothing now off often once
    one only onto other others otherwise our ours ourselves out over own per perhaps quite rather really said same
    say says see seem seems seen shall she she's should shouldn't since some someone something sometimes still such
    sure take than that that's the their theirs them themselves then there there's these they they'd they'll
    they're they've thing things think this those though through thus till too under until upon very was wasn't way
    ways well went were weren't what what's whatever when where whether which while who who's whole whom whose why
    will with within without won't would wouldn't yes yet you you'd you'll you're you've your yours yourself
    article articles post posts piece story blog read reading reader readers writer author comment comments wrote
    write written great good nice best better excellent awesome amazing interesting informative thanks thank
    agree disagree point points people person time times year years day days today week know knew want wants
    going come came look looks looking find found give given keep kept tell told use used try tried work works
    two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred thousand million
    call calls called calling visit click check here free
    """.split()  # noqa: SIM905
)


def word_keys(text, *, selling=True):
    """``{key: word}``: the words of substance in ``text``, keyed by their first letters, first spelling kept.

    ``selling=False`` leaves out the words of selling too.
    """
    keys = {}
    for word in _WORD.findall(normalise(text)):
        word = word.replace("’", "'")
        if len(word) < 3 or word in FILLER:
            continue
        if not selling and (word in lexicon.COMMERCIAL or word in lexicon.STRONG):
            continue
        keys.setdefault(word[:PREFIX], word)
    return keys


@lru_cache(maxsize=128)
def _target_keys(target_text):
    # Every comment on one article reads the same text: worked out once per process.
    return frozenset(word_keys(target_text, selling=False))


def relevance(text, target_text):
    """``(shared words, words of substance in text, words of substance in target_text)``.

    A word of selling counts among the comment's words, but is never one it shares with the article.
    """
    keys = word_keys(text)
    target = _target_keys(target_text)
    return [word for key, word in keys.items() if key in target], len(keys), len(target)


class RelevanceCheck:
    name = "relevance"

    def __init__(self, *, min_words=6, weight=1.0):
        self.min_words = min_words
        self.weight = weight

    def __call__(self, submission):
        if not submission.target_text.strip():
            return None
        shared, words, target_words = relevance(submission.text, submission.target_text)
        if words < self.min_words:
            return None
        share = len(shared) / words
        found = f"{len(shared)} of {words} words shared with the article"
        if len(shared) >= 3 and len(shared) > COPIED * len(word_keys(submission.text, selling=False)):
            return CheckResult(0.0, f"relevance: {found}, copied rather than written (no discount)")
        if share >= 0.4 and len(shared) >= 5:
            score = CLOSE
        elif share >= 0.25 and len(shared) >= 3:
            score = ON_TOPIC
        elif target_words < MIN_TARGET_WORDS or len(shared) > 1:
            return None
        else:
            score = LOOSE if shared else OFF_TOPIC
        if score < 0:
            examples = ", ".join(f"'{w}'" for w in shared[:3])
            return CheckResult(round(score * self.weight, 3), f"relevance: {found} ({examples})", discount=True)
        return CheckResult(round(score * self.weight, 3), f"relevance: {found}")
