"""What the learned classifier sees of a text: hashed word and character n-grams.

Plain functions, no database: :mod:`comments.spam.classifier` keeps the
weights and learns them::

    found = features("C.a.l.l n.o.w 1-888-555-0142 for printer support")
    found.vector            # {bucket: value}, a few hundred buckets
    found.explain(weights)  # ["c.a.l.l n.o.w", "1-888-555-0142", "printer support"]

What is extracted, from the text as ``comments.spam.normalise.normalise()``
gives it (so zero-width characters, markup, full-width letters and the
addresses of links teach nothing):

- its words (runs of letters and digits) and each pair of neighbouring words;
- the character 4-grams of its letters and digits with everything else taken
  out: "c.a.l.l n.o.w" reads "callnow" and "1 8 8 8" reads "1888", so dots,
  spaces and dashes between letters hide nothing, and a word the classifier
  learned is recognised inside a longer one or misspelt. (3- to 5-grams did
  no better on either labelled collection, ``benchmarks/data`` and TubeSpam,
  and a comment has three times as many: every one is a bucket to read.)
- each feature hashed (CRC-32) into one of ``2**BUCKET_BITS`` buckets, with a
  sign from another bit of the hash, so that two features sharing a bucket
  cancel out on average instead of adding up;
- words and character n-grams are two halves of the vector, each of length 1
  (L2): a long comment does not weigh more than a short one.

Beside the text, two small blocks a site knows and a text corpus does not:

- what the commenter gave: the words of their name and of their website's
  domain ("Printer Help Desk", printerfix-now.example.com), a third block of
  length ``IDENTITY_SCALE``: a site learns which names and domains its
  spammers use beyond any list;
- the findings of the checks that ran before the classifier (phone numbers,
  name and website, link drop...), one feature per check with its score as
  the value: the classifier learns how much each check's finding means on
  this site, so the checks' fixed scores are a starting point, not the last
  word.

Never the date or where it was posted. The feature strings of the comment
at hand are known, so the words behind a score (``Features.explain()``)
need no reverse map from buckets to words.
"""

import math
import re
import zlib
from collections import Counter
from dataclasses import dataclass, field

from comments.spam.normalise import normalise

#: 2**20 buckets: collisions are rare for the few hundred thousand distinct n-grams a site's comments hold.
BUCKET_BITS = 20
BUCKETS = 1 << BUCKET_BITS
CHAR_NGRAMS = (4,)
#: Character n-grams come from at most this many letters and digits (the start of a very long comment).
MAX_CHARACTERS = 2000
MAX_WORD_LENGTH = 40
#: The length of each half of the vector: words and word pairs, character n-grams.
WORD_SCALE = 1.0
CHAR_SCALE = 1.0
#: The length of the name-and-website block.
IDENTITY_SCALE = 0.5
#: A check's finding enters with its score times this.
FINDING_SCALE = 1.0

_WORD = re.compile(r"[^\W_]+")
_MASK = BUCKETS - 1
_SIGN = 1 << 31
# The prefix of each kind of feature as a CRC-32 start value: crc32(b"c" + gram) without joining strings.
_SEED = {kind: zlib.crc32(kind.encode()) for kind in ("w", "b", "c", "i", "f")}
_EDGE = re.compile(r"^[^\w]+|[^\w]+$")


def bucket_of(kind, feature):
    """``(bucket, sign)`` of one feature string of ``kind``.

    "w" word, "b" word pair, "c" character n-gram, "i" a word of the name or
    website given, "f" a check's finding (its name).
    """
    hashed = zlib.crc32(feature.encode(), _SEED[kind])
    return hashed & _MASK, (1.0 if hashed & _SIGN else -1.0)


@dataclass(frozen=True)
class Features:
    """The hashed features of one text, and what is needed to say which words weighed."""

    normalised: str
    #: How many distinct words and word pairs, and character n-grams, the text has.
    word_count: int
    gram_count: int
    vector: dict = field(hash=False, compare=False)
    #: The words of the name and website given, and ``{check: score}`` of the findings read.
    identity: tuple = ()
    findings: dict = field(default_factory=dict, hash=False, compare=False)

    def margin(self, weights, *, bias=0.0):
        """The log-odds of spam: ``bias`` plus the weights of the text's buckets times their values."""
        return bias + sum(weights.get(bucket, 0.0) * value for bucket, value in self.vector.items())

    def explain(self, weights, *, spam=True, top=3):
        """The words of the text, as written (normalised), that pushed its score up (``spam``) or down most.

        Each feature's contribution (its bucket's weight times its value) goes
        to the words it came from: a word to itself, a pair to both, a
        character n-gram to the word its middle letter is in. Neighbouring
        words that both weighed are shown together ("call now"); words that
        weighed less than a quarter of the heaviest are left out.
        """
        pieces = self.normalised.split()
        if not pieces:
            return []
        owner, letters = [], []
        for index, piece in enumerate(pieces):
            for word in _WORD.findall(piece):
                letters.append(word)
                owner.extend([index] * len(word))
        owner = owner[:MAX_CHARACTERS]
        direction = 1.0 if spam else -1.0
        totals = [0.0] * len(pieces)

        def share(kind, feature, places, scale):
            bucket, sign = bucket_of(kind, feature)
            weight = weights.get(bucket, 0.0)
            if not weight or not places:
                return
            each = weight * sign * scale / len(places)
            for place in places:
                totals[place] += each

        word_places, pair_places = {}, {}
        previous = None
        for index, piece in enumerate(pieces):
            for word in _WORD.findall(piece):
                if len(word) <= MAX_WORD_LENGTH:
                    word_places.setdefault(word, []).append(index)
                    if previous is not None:
                        pair_places.setdefault(f"{previous[0]} {word}", []).extend([previous[1], index])
                    previous = (word, index)
        word_scale = WORD_SCALE / math.sqrt(self.word_count) if self.word_count else 0.0
        for word, places in word_places.items():
            share("w", word, places, word_scale)
        for pair, places in pair_places.items():
            share("b", pair, places, word_scale)
        if self.gram_count and owner:
            gram_scale = CHAR_SCALE / math.sqrt(self.gram_count)
            text = f" {''.join(letters)[:MAX_CHARACTERS]} "
            # Each n-gram where it occurs, with the word of its middle letter (the padding belongs to the ends).
            padded = [owner[0], *owner, owner[-1]]
            occurrences = [
                pair
                for n in CHAR_NGRAMS
                for pair in zip(
                    [text[start : start + n] for start in range(len(text) - n + 1)], padded[n // 2 :], strict=False
                )
            ]
            counts = Counter(gram for gram, _place in occurrences)
            seed = _SEED["c"]
            each = {}
            for gram, count in counts.items():
                hashed = zlib.crc32(gram.encode(), seed)
                weight = weights.get(hashed & _MASK)
                if weight:
                    each[gram] = weight * (gram_scale if hashed & _SIGN else -gram_scale) / count
            for gram, place in occurrences:
                share_of_gram = each.get(gram)
                if share_of_gram:
                    totals[place] += share_of_gram
        ranked = sorted(
            (i for i in range(len(pieces)) if totals[i] * direction > 0), key=lambda i: -totals[i] * direction
        )
        if not ranked:
            return []
        heaviest = totals[ranked[0]] * direction
        chosen = sorted(i for i in ranked[: top + 2] if totals[i] * direction >= heaviest / 4)
        phrases, run = [], []
        for index in chosen:
            if run and index != run[-1] + 1:
                phrases.append(run)
                run = []
            run.append(index)
        if run:
            phrases.append(run)
        phrases.sort(key=lambda run: -sum(totals[i] for i in run) * direction)
        shown = []
        for run in phrases:
            phrase = _EDGE.sub("", " ".join(pieces[run[0] : run[-1] + 1]))
            phrase = phrase if len(phrase) <= 40 else phrase[:39] + "…"
            if phrase and phrase not in shown:
                shown.append(phrase)
        return shown[:top]

    def weighed(self, weights, *, spam=True):
        """The name-and-website words and check findings that pushed the score up (``spam``) or down, heaviest first.

        Findings are named by their check ("phone numbers" is ``phones``); a
        contribution smaller than ``0.1`` in log-odds is left out.
        """
        direction = 1.0 if spam else -1.0
        found = []
        scale = IDENTITY_SCALE / math.sqrt(len(self.identity)) if self.identity else 0.0
        for word in self.identity:
            bucket, sign = bucket_of("i", word)
            found.append((weights.get(bucket, 0.0) * sign * scale, word))
        for check, score in self.findings.items():
            bucket, sign = bucket_of("f", check)
            found.append((weights.get(bucket, 0.0) * sign * score * FINDING_SCALE, f"[{check}]"))
        ranked = sorted((c * direction, name) for c, name in found if c * direction >= 0.1)
        return [name for _c, name in reversed(ranked)]


def identity_words(name="", url=""):
    """The words of a commenter's name and website domain: ``("printer", "help", "desk", "printerfix", "example")``."""
    words = _WORD.findall(normalise(name or ""))
    if url:
        domain = normalise(url if "//" in url else f"http://{url}")
        words += [w for w in _WORD.findall(domain) if w not in _DOMAIN_ENDINGS]
    return tuple(dict.fromkeys(w for w in words if len(w) <= MAX_WORD_LENGTH))


_DOMAIN_ENDINGS = {"com", "net", "org", "www", "http", "https", "link"}


def features(text, *, name="", url="", findings=None):
    """The :class:`Features` of ``text``, and of the name, website and findings given (see the module docstring)."""
    normalised = normalise(text or "")
    found = _WORD.findall(normalised)
    short = [w for w in found if len(w) <= MAX_WORD_LENGTH]
    words = set(short)
    words.update(f"{a} {b}" for a, b in zip(short, short[1:], strict=False))
    text = f" {''.join(found)[:MAX_CHARACTERS]} " if found else ""
    # Slicing bytes is quicker than encoding every n-gram, and gives the same bytes for ASCII text.
    data = text.encode()
    grams = set()
    if len(data) == len(text):
        for n in CHAR_NGRAMS:
            grams.update(data[i : i + n] for i in range(len(data) - n + 1))
    else:
        for n in CHAR_NGRAMS:
            grams.update(text[i : i + n].encode() for i in range(len(text) - n + 1))
    vector = {}
    _add(vector, words, kinds=True, scale=WORD_SCALE)
    _add(vector, grams, kinds=False, scale=CHAR_SCALE)
    identity = identity_words(name, url)
    if identity:
        value = IDENTITY_SCALE / math.sqrt(len(identity))
        for word in identity:
            bucket, sign = bucket_of("i", word)
            vector[bucket] = vector.get(bucket, 0.0) + value * sign
    findings = {check: float(score) for check, score in (findings or {}).items() if score}
    for check, score in findings.items():
        bucket, sign = bucket_of("f", check)
        vector[bucket] = vector.get(bucket, 0.0) + score * FINDING_SCALE * sign
    return Features(
        normalised=normalised,
        word_count=len(words),
        gram_count=len(grams),
        vector=vector,
        identity=identity,
        findings=findings,
    )


def _add(vector, items, *, kinds, scale):
    if not items:
        return
    value = scale / math.sqrt(len(items))
    for item in items:
        if kinds:  # a word pair has a space, a word none
            hashed = zlib.crc32(item.encode(), _SEED["b" if " " in item else "w"])
        else:
            hashed = zlib.crc32(item, _SEED["c"])
        bucket = hashed & _MASK
        vector[bucket] = vector.get(bucket, 0.0) + (value if hashed & _SIGN else -value)
