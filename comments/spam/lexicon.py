"""The words of commercial comment spam, written for this project, shared by the checks that look for them.

Small on purpose: each list names a kind of word the article-site spam
genre leans on (tech-support and booking lines, promotions, search-engine
keywords), not every word a spammer might use; the learned classifier
picks up the rest from the site's own decisions::

    commercial_words("Best SEO Services")        # ["best", "seo", "services"]
    commercial_words("cheapflightdeals", inside=True)   # ["cheap", "flight", "deals"]

``STRONG`` words almost never appear in a reader's name or a personal
website; the others (``best``, ``online``, ``services``) only count in
company.
"""

import re
from functools import lru_cache

#: Words that say "someone is selling": weak alone, telling together.
COMMERCIAL = frozenset(
    """
    best cheap cheapest buy discount discounts deal deals offer offers sale sales promo coupon coupons price
    prices online shop store services service solutions agency company experts expert professional
    booking bookings book flight flights ticket tickets travel tour tours hotel hotels airline airlines airways
    support helpline customer care number phone contact official assistance repair recovery
    marketing digital website web design hosting traffic ranking backlinks followers likes leads
    loan loans credit insurance mortgage cash money earn income invest investment trading
    pills pharmacy medicine diet weight supplement supplements cbd vape
    replica replicas jerseys shoes bags watches wholesale factory manufacturer supplier
    essay essays assignment homework writing writers thesis
    casino betting bet poker slots lottery jackpot
    printer antivirus router wallet crypto bitcoin forex
    app apps hub desk outlet direct leads tips bonus free fast download downloads movies streaming
    restoration removal cleaning cleaner plumber plumbing movers locksmith roofing taxi limo
    tutor tutors tutoring coach coaching program course courses degree diploma certification
    debt relief screening tracker installation realtor realty dating
    """.split()  # noqa: SIM905
)

#: Words that on their own make a name or a domain look like an advertisement.
STRONG = frozenset(
    """
    seo backlinks casino betting poker slots lottery jackpot viagra cialis pharmacy pills escort escorts
    loans payday forex bitcoin crypto replica replicas helpline reservations essay essays cbd
    """.split()  # noqa: SIM905
)

# Short commercial words match inside a run-together domain label ("bestseoservices")
# only where they cannot be part of an ordinary word: "seo" is in "seoul", "bet" in "alphabet".
_MIN_INSIDE = 4
_WORD = re.compile(r"[^\W\d_]+")


def commercial_words(text, *, inside=False):
    """The listed words found in ``text``, in order, each once.

    ``inside=True`` also finds words run together without spaces, as domain
    names are written (``"cheapflightdeals"``); only words of four letters
    or more are looked for inside others, and a longer word found there
    hides the shorter ones it contains (``"airlines"``, not also ``"airline"``).
    """
    found = []
    for word in _WORD.findall(text.lower()):
        if word in COMMERCIAL or word in STRONG:
            found.append(word)
        elif inside and len(word) > _MIN_INSIDE:
            found.extend(_inside(word))
    return list(dict.fromkeys(found))


def find_phrases(pattern, text, *, first_words):
    """The matches of ``pattern`` in ``text`` that start at a word of ``first_words``, without overlaps.

    ``finditer`` tries a long alternation of phrases at every character of a
    long comment; trying it only where one of the phrases can begin is many
    times faster. ``first_words`` (a frozenset, lower case) must hold every
    word the pattern's phrases start with.
    """
    lower = text.lower()
    if len(lower) != len(text):  # a few letters change length in lower case: keep the positions right
        lower = text
    end = 0
    for word in _starts(first_words, lower is text).finditer(lower):
        if word.start() >= end:
            match = pattern.match(text, word.start())
            if match:
                end = match.end()
                yield match


@lru_cache(maxsize=32)
def _starts(first_words, ignore_case):
    words = "|".join(re.escape(w) for w in sorted(first_words, key=len, reverse=True))
    return re.compile(rf"\b(?:{words})\b", re.IGNORECASE if ignore_case else 0)


def is_strong(word):
    return word in STRONG


def _inside(word):
    hits = []
    for candidate in sorted(COMMERCIAL | STRONG, key=len, reverse=True):
        if len(candidate) < _MIN_INSIDE:
            continue
        start = word.find(candidate)
        if start >= 0 and not any(start >= s and start + len(candidate) <= e for s, e, _ in hits):
            hits.append((start, start + len(candidate), candidate))
    return [candidate for _, _, candidate in sorted(hits)]
