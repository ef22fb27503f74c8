"""Phone numbers: the tech-support and booking-line spam of article sites is there to make readers call.

A reader may give a number once (the council's, a charity's helpline), so
one number adds little; what spam does is different: a toll-free number,
the same number two or three times, "call now"::

    1 (888) 555-0199, +1-800-555-0199, 1.888.555.0199, 1 8 8 8 5 5 5 0 1 9 9, 1-8OO-555-O199

- one number: +0.15;
- a toll-free one (North American 800, 833, 844, 855, 866, 877, 888; 0800 /
  0808 in the UK; 1800 in Australia and India; +800): +0.2 more;
- two numbers (or one number twice): +0.15 more, three or more +0.25;
- a call to action beside them ("call now", "toll free", "c.a.l.l n.o.w",
  "call" right before the number): +0.1;
- at most +0.45 in all (never enough to hold a comment by itself: a reader
  may list two free helplines), times the ``weight`` option.

Digits are read after the usual clean-up (full-width digits, zero-width
characters and markup do not hide them), digits of other scripts and
circled ones ("➊➑➑➑") as digits, three or more spelled out in a row ("one
eight hundred") as digits too; an "O" among digits is read as a zero. A
run of years ("2019 2020 2021"), thousands ("2.124.821.694 views") and
round numbers ("1000000000") are not phone numbers.
"""

import re
import unicodedata

from comments.spam.base import CheckResult
from comments.spam.normalise import normalise

NUMBER = 0.15
TOLL_FREE = 0.2
TWO = 0.15
SEVERAL = 0.25
CALL_TO_ACTION = 0.1
CAP = 0.45

# A digit, then eight to sixteen more (an "o" may stand in for a zero), each after up to
# three separators: spaces, dots, dashes of any kind, brackets, slashes. Lower case: normalise() ran.
_SEPARATORS = r"[\s().\-_/*\u2010-\u2015\u2212·•]"
_CANDIDATE = re.compile(rf"(?<![\w+])(\+?)\(?\d(?:{_SEPARATORS}{{0,3}}[\do]){{8,16}}(?!\w)")
_NANP_TOLL_FREE = {"800", "833", "844", "855", "866", "877", "888"}
_YEAR = re.compile(r"(?:19|20)\d\d")
_NUMBER_WORDS = {
    "zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
    "six": "6", "seven": "7", "eight": "8", "nine": "9", "hundred": "00",
}  # fmt: skip
_WORDS = "|".join(_NUMBER_WORDS)
# Three or more digits spelled out in a row: "one eight eight eight", "one-eight-hundred".
_SPELLED = re.compile(rf"\b(?:{_WORDS})(?:[\s,.\-]+(?:{_WORDS})\b){{2,}}")
# Letters dotted or spaced apart: "c.a.l.l n.o.w", "c a l l".
_DOTTED_LETTERS = re.compile(r"\b(?:[a-z]\.){2,}[a-z]\b")
_SPACED_LETTERS = re.compile(r"\b(?:[a-z] ){2,}[a-z]\b")
_CALL = re.compile(
    r"\b(?:call|dial|ring|phone|text|whatsapp|contact)(?:\s+(?:us|now|today|anytime|directly|at|on|24/7|24x7))+\b"
    r"|\btoll[\s-]?free\b|\bcall\s+(?:the\s+)?(?:helpline|hotline|number)\b"
    r"|\b(?:call|dial)(?=\s*[+(]?\d)",
)


def readable(text):
    """``text`` normalised, with digits however written turned into ASCII digits ("➊", "one eight hundred")."""
    text = normalise(text)
    if not text.isascii():
        text = "".join(map(_ascii_digit, text))
    return _SPELLED.sub(lambda m: "".join(_NUMBER_WORDS[w] for w in re.findall(_WORDS, m.group(0))), text)


def _ascii_digit(char):
    digit = None if char.isascii() else unicodedata.digit(char, None)
    return char if digit is None else str(digit)


def phone_numbers(text):
    """``[(digits, toll_free), ...]`` for each phone number written in ``text``, in order, repeats included."""
    found = []
    for match in _CANDIDATE.finditer(readable(text)):
        written = match.group(0)
        digits = re.sub(r"\D", "", written.replace("o", "0"))
        if not 10 <= len(digits) <= 15:
            continue
        groups = re.findall(r"[\do]+", written)
        if len(groups) > 1 and all(_YEAR.fullmatch(g) for g in groups):
            continue  # "2019 2020 2021": years, not a number
        if len(groups) > 2 and all(len(g) == 3 for g in groups[1:]) and not re.search(r"[\s()-]", written):
            continue  # "2.124.821.694": thousands, not a number
        if len(set(digits)) <= 2:
            continue  # "1000000000"
        found.append((digits, is_toll_free(digits, plus=bool(match.group(1)))))
    return found


def call_to_action(text):
    """The words asking readers to call ("call now", "toll free", "c.a.l.l n.o.w"), or ``None``."""
    plain = _DOTTED_LETTERS.sub(lambda m: m.group(0).replace(".", ""), readable(text))
    plain = _SPACED_LETTERS.sub(lambda m: m.group(0).replace(" ", ""), plain)
    match = _CALL.search(plain)
    return " ".join(match.group(0).split()) if match else None


def is_toll_free(digits, *, plus=False):
    """Whether ``digits`` (a number without separators) is a free-to-call number, as helpline spam gives."""
    national = digits[1:] if digits.startswith("1") and len(digits) == 11 else digits
    if len(national) == 10 and national[:3] in _NANP_TOLL_FREE:
        return True
    if digits.startswith(("0800", "0808", "44800", "44808", "1800")):
        return True
    return plus and digits.startswith("800") and len(digits) == 11


class PhoneNumbersCheck:
    name = "phone numbers"

    def __init__(self, *, weight=1.0):
        self.weight = weight

    def __call__(self, submission):
        numbers = phone_numbers(submission.text)
        if not numbers:
            return None
        toll_free = any(free for _, free in numbers)
        score = NUMBER + (TOLL_FREE if toll_free else 0.0)
        if len(numbers) == 2:
            score += TWO
        elif len(numbers) > 2:
            score += SEVERAL
        notes = ["toll-free"] if toll_free else []
        distinct = len({digits for digits, _ in numbers})
        if distinct < len(numbers):
            notes.append("repeated")
        call = call_to_action(submission.text)
        if call:
            score += CALL_TO_ACTION
            notes.append(f"'{call}'")
        reason = f"phone numbers: {len(numbers)}" + (f" ({', '.join(notes)})" if notes else "")
        return CheckResult(round(min(CAP, score) * self.weight, 3), reason, details={"numbers": len(numbers)})
