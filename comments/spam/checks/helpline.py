"""Helpline phrasing: "… Airlines reservations number", "… customer service number", "printer offline support".

The most common spam under news articles advertises a brand's support or
booking line (not the brand's own). The phrases are ordinary English, and a
reader complaining about a company uses them too, so a phrase alone adds
little; next to a brand-like word (a capitalised name in mid-sentence, or a
word such as "airlines" or "printer") it adds more:

- a phrase: +0.15; a phrase within five words of a brand-like word: +0.3;
- each further distinct phrase: +0.1;
- at most +0.45 in all (never enough to hold a comment by itself), times the
  ``weight`` option.
"""

import re

from comments.spam import lexicon
from comments.spam.base import CheckResult
from comments.spam.normalise import plain_text

PHRASE = 0.15
NEAR_BRAND = 0.3
MORE = 0.1
CAP = 0.45
NEAR = 5

_PHRASES = re.compile(
    r"""
    customer\s+(?:service|services|care|support|helpline)(?:\s+(?:phone|contact|telephone))?(?:\s+(?:number|line))?
    | (?:tech|technical)\s+support(?:\s+(?:phone\s+)?number)?
    | help\s?(?:line|desk)(?:\s+number)?
    | (?:support|contact|helpline|hotline|toll[\s-]?free)\s+(?:phone\s+)?(?:number|no\.?)
    | reservations?\s+(?:number|phone|desk|line|department)
    | booking\s+(?:number|phone|line|desk)
    | (?:flight|ticket)\s+(?:booking|bookings|cancellation|change|changes)
    | (?:change|cancel|book)\s+(?:a\s+|my\s+|your\s+)?(?:flight|ticket)s?\s+(?:by\s+)?(?:phone|call)
    | printer\s+(?:is\s+)?(?:offline|not\s+(?:working|printing|responding|connecting))
    | (?:login|sign[\s-]?in|account|password)\s+(?:recovery|reset|issues?|problems?)\s+(?:support|number|help)
    | (?:speak|talk)\s+(?:to|with)\s+a\s+(?:live\s+)?(?:person|agent|representative)
    | live\s+(?:person|agent)
    | 24\s?[/x×]\s?7\s+(?:support|service|helpline|assistance|customer)
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Every word a phrase above can start with (lexicon.find_phrases tries the phrases only there).
_FIRST_WORDS = frozenset(
    """
    customer tech technical help helpline helpdesk support contact hotline toll tollfree reservation reservations
    booking flight ticket change cancel book printer login sign signin account password speak talk live 24
    """.split()  # noqa: SIM905
)
# Words that name the kind of business such spam is about: a brand-like word when next to a phrase.
_BRAND_KINDS = frozenset(
    """
    airline airlines airways air jet cruise cruises printer printers router wifi antivirus email mail gmail
    wallet exchange bank banking app software laptop computer tv hotel hotels travel vacations tickets
    """.split()  # noqa: SIM905
)
# Capitalised words that start sentences or are capitalised anyway, and say nothing about brands.
_NOT_BRANDS = frozenset(
    """
    i i'm i've i'd the a an this that these those it its my our your their we they he she you if when
    but and or so then there here what why how who mr mrs ms dr
    monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    """.split()  # noqa: SIM905
)
_TOKEN = re.compile(r"[\w'’&.-]+")


def _bare(token):
    return token.strip(".'’-&,")


def _capitalised(token):
    word = _bare(token)
    return word[:1].isupper() and word.lower() not in _NOT_BRANDS


def _brand_like(tokens, index):
    word = _bare(tokens[index])
    if not word or word.lower() in _NOT_BRANDS:
        return False
    if word.lower() in _BRAND_KINDS:
        return True
    starts_sentence = index == 0 or tokens[index - 1].endswith((".", "!", "?"))
    acronym = 2 <= len(word) <= 5 and word.isalpha() and word.isupper()
    camel = any(c.isupper() for c in word[1:]) and any(c.islower() for c in word)
    return acronym or camel or (word[:1].isupper() and not starts_sentence)


def _brands_near(text, start, end):
    """The brand-like names within ``NEAR`` words of ``text[start:end]``, each with its capitalised neighbours."""
    before = _TOKEN.findall(text[:start])
    phrase = _TOKEN.findall(text[start:end])
    after = _TOKEN.findall(text[end:])
    tokens = before + phrase + after
    first, last = len(before), len(before) + len(phrase)
    window = [*range(max(0, first - NEAR), first), *range(last, min(len(tokens), last + NEAR))]
    names = []
    for i in window:
        if not _brand_like(tokens, i):
            continue
        low, high = i, i
        while low - 1 in window and _capitalised(tokens[low - 1]) and not tokens[low - 1].endswith((".", "!", "?")):
            low -= 1
        while high + 1 in window and _capitalised(tokens[high + 1]) and not tokens[high].endswith((".", "!", "?")):
            high += 1
        name = " ".join(_bare(t) for t in tokens[low : high + 1])
        if name not in names and not any(name in n for n in names):
            names.append(name)
    return names


class HelplineCheck:
    name = "helpline"

    def __init__(self, *, weight=1.0):
        self.weight = weight

    def __call__(self, submission):
        text = " ".join(plain_text(submission.text).split())
        phrases = {}
        for match in lexicon.find_phrases(_PHRASES, text, first_words=_FIRST_WORDS):
            phrase = " ".join(match.group(0).lower().split())
            brands = _brands_near(text, match.start(), match.end())
            if phrase not in phrases or (brands and not phrases[phrase]):
                phrases[phrase] = brands
        if not phrases:
            return None
        branded = [(phrase, brands) for phrase, brands in phrases.items() if brands]
        score = (NEAR_BRAND if branded else PHRASE) + MORE * (len(phrases) - 1)
        if branded:
            phrase, brands = branded[0]
            reason = f"helpline: '{phrase}' near '{brands[0]}'"
        else:
            reason = f"helpline: '{next(iter(phrases))}'"
        if len(phrases) > 1:
            reason += f" and {len(phrases) - 1} more"
        return CheckResult(round(min(CAP, score) * self.weight, 3), reason)
