"""Keyword chains: "SEO services | web design | cheap hosting | backlinks", and the same phrase over and over.

Written for search engines, not readers:

- three or more short phrases (up to six words each) separated by ``|``,
  ``•``, ``·`` or ``¦``: +0.25, five or more: +0.4;
- a run of five or more short phrases separated by commas, semicolons or
  slashes, two of them with a commercial word (:mod:`comments.spam.lexicon`):
  +0.25 (a reader's list of towns or ingredients has none);
- one two-word phrase three times or more, when it is more than a tenth
  of the comment's words, or a twentieth and it holds a commercial word
  ("cheap flights … cheap flights … cheap flights"): +0.2;
- at most +0.45 (never enough to hold a comment by itself), times the
  ``weight`` option.
"""

import re
from collections import Counter

from comments.spam import lexicon
from comments.spam.base import CheckResult
from comments.spam.normalise import normalise

PIPES = 0.25
MANY_PIPES = 0.4
LIST = 0.25
REPEATED = 0.2
CAP = 0.45

MAX_PHRASE_WORDS = 6
MAX_LIST_WORDS = 4
_HAS_PIPES = re.compile(r"[|•·¦]")
_PIPE = re.compile(r"\s*(?:\|+|[•·¦])\s*")
_LIST_SEPARATOR = re.compile(r"\s*[,;/]\s*")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_FILLER = frozenset(
    """a an and are as at be but by for from has have he her his i in is it its my of on or our she so than that
    the their them they this to was we were with you your""".split()  # noqa: SIM905
)


def _words(text):
    return _WORD.findall(text)


def pipe_chain(text):
    """The short phrases of the longest ``|``-separated chain in ``text``."""
    best = []
    for line in text.splitlines() or [text]:
        parts = [p for p in _PIPE.split(line) if p.strip()]
        if len(parts) < 3:
            continue
        # The first and last part may run into ordinary sentences; the ones between must be short.
        inner = parts[1:-1]
        if all(0 < len(_words(p)) <= MAX_PHRASE_WORDS for p in inner):
            short = [p for p in parts if 0 < len(_words(p)) <= MAX_PHRASE_WORDS]
            if len(short) > len(best):
                best = short
    return best


def list_chain(text):
    """The longest run of short comma-separated phrases in ``text`` (each of at most four words)."""
    best = []
    for sentence in _SENTENCE.split(text):
        run = []
        for part in _LIST_SEPARATOR.split(sentence):
            if 0 < len(_words(part)) <= MAX_LIST_WORDS:
                run.append(part)
            else:
                best = max(best, run, key=len)
                run = []
        best = max(best, run, key=len)
    return best


def repeated_phrase(text):
    """``(phrase, count)`` for the most repeated two-word phrase without filler words, or ``None``."""
    words = [w.lower() for w in _words(text)]
    pairs = Counter(f"{a} {b}" for a, b in zip(words, words[1:], strict=False) if a not in _FILLER and b not in _FILLER)
    if not pairs:
        return None
    return max(pairs.items(), key=lambda item: (item[1], item[0]))


class KeywordChainCheck:
    name = "keyword chain"

    def __init__(self, *, weight=1.0):
        self.weight = weight

    def __call__(self, submission):
        text = normalise(submission.text)
        score, parts = 0.0, []
        pipes = pipe_chain(text) if _HAS_PIPES.search(text) else []
        if len(pipes) >= 3:
            score += MANY_PIPES if len(pipes) >= 5 else PIPES
            parts.append(f"{len(pipes)} phrases separated by '|'")
        listed = list_chain(text) if sum(map(text.count, ",;/")) >= 4 else []
        selling = [p for p in listed if lexicon.commercial_words(p)]
        if len(listed) >= 5 and len(selling) >= 2:
            score += LIST
            parts.append(f"a list of {len(listed)} short phrases, {len(selling)} selling")
        repeated = repeated_phrase(text)
        if repeated and repeated[1] >= 3:
            phrase, count = repeated
            share = 2 * count / max(1, len(_words(text)))
            if share > 0.1 or (share > 0.05 and lexicon.commercial_words(phrase)):
                score += REPEATED
                parts.append(f"'{phrase}' {count} times")
        if not score:
            return None
        return CheckResult(round(min(CAP, score) * self.weight, 3), f"keyword chain: {', '.join(parts)}")
