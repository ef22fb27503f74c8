"""Word lists: ``NEWSROOM_COMMENTS_MODERATION_WORDS`` hold a comment, ``NEWSROOM_COMMENTS_BLOCK_WORDS`` file it as spam.

Matched case-insensitively in the name, e-mail, website, text (as written
and normalised, so full-width letters or zero-width characters do not hide a
word) and IP address. A word that starts or ends with a letter or digit must
start or end a word there too ("ass" does not match "class"); fragments such
as "192.168." or "@spam.example" match anywhere they start.
"""

import re
from functools import lru_cache

from comments import conf
from comments.spam.base import CheckResult
from comments.spam.normalise import normalise

BLOCK_SCORE = 1.0


@lru_cache(maxsize=16)
def _pattern(words):
    parts = []
    for word in words:
        word = word.strip().lower()
        if not word:
            continue
        escaped = re.escape(word)
        if word[0].isalnum():
            escaped = r"(?<!\w)" + escaped
        if word[-1].isalnum():
            escaped += r"(?!\w)"
        parts.append(escaped)
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


def find(words, submission):
    """``(word, field)`` for the first listed word found in ``submission``, or ``None``."""
    pattern = _pattern(tuple(words))
    if pattern is None:
        return None
    fields = [
        ("name", submission.author_name),
        ("e-mail", submission.author_email),
        ("website", submission.author_url),
        ("text", submission.text),
        ("text", normalise(submission.text)),
        ("IP address", submission.ip_address or ""),
    ]
    for field, value in fields:
        match = pattern.search(value) if value else None
        if match:
            return match.group(0).lower(), field
    return None


class WordListCheck:
    name = "words"

    def __init__(self, *, moderation_words=None, block_words=None):
        self.moderation_words = moderation_words
        self.block_words = block_words

    def __call__(self, submission):
        block = conf.get("NEWSROOM_COMMENTS_BLOCK_WORDS") if self.block_words is None else self.block_words
        found = find(block, submission)
        if found:
            word, field = found
            return CheckResult(BLOCK_SCORE, f"blocked word: '{word}' in {field}", decisive="spam")
        moderation = (
            conf.get("NEWSROOM_COMMENTS_MODERATION_WORDS") if self.moderation_words is None else self.moderation_words
        )
        found = find(moderation, submission)
        if found:
            word, field = found
            return CheckResult(conf.get("NEWSROOM_SPAM_HOLD_THRESHOLD"), f"moderation word: '{word}' in {field}")
        return None
