"""The articles app's settings, with their defaults. Read when used, never at import.

``NEWSROOM_RELATED_COUNT``
    How many "You may also like" articles an article page shows (default 4).
``NEWSROOM_ARTICLES_PER_PAGE``
    Articles per page on section, tag and author pages (default 20).
``NEWSROOM_SITE_NAME``
    The publication's name, for the header, feeds and structured data.
``NEWSROOM_DEFAULT_READER_PROMPT``
    The invitation to comment used when neither article nor section has one.
"""

from django.conf import settings

DEFAULTS = {
    "NEWSROOM_RELATED_COUNT": 4,
    "NEWSROOM_ARTICLES_PER_PAGE": 20,
    "NEWSROOM_SITE_NAME": "Newsroom",
    "NEWSROOM_DEFAULT_READER_PROMPT": "What do you think? Join the conversation in the comments below.",
}


def get(name):
    """The current value of ``name``, falling back to its documented default."""
    return getattr(settings, name, DEFAULTS[name])
