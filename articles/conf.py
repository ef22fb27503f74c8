"""The articles app's settings, with their defaults. Read when used, never at import.

``NEWSROOM_RELATED_COUNT``
    How many "You may also like" articles an article page shows (default 4).
    Three times as many suggestions are stored per article, so that ones
    unpublished since still leave enough to fill the list.
``NEWSROOM_ARTICLES_PER_PAGE``
    Articles per page on section, tag and author pages (default 20).
``NEWSROOM_SITE_NAME``
    The publication's name, for the header, feeds and structured data.
``NEWSROOM_PUBLIC_URL``
    Where readers reach the site, ``"https://news.example"``: the origin of
    every link that leaves the request (feeds, sitemaps, robots.txt, mail).
    Default ``None``: the current ``Site``'s domain, with ``https`` (``http``
    for a loopback address such as ``127.0.0.1:8000``); see ``articles.origin``.
``NEWSROOM_SITE_IMAGE``
    The picture shared for pages without a lead image of their own (social
    networks' ``og:image``, ``NewsArticle``'s ``image``): a static file's path
    or an absolute URL, ideally 1200 by 630 pixels. Default
    ``"articles/site-image.png"``, a plain one drawn for the app; ``""`` for
    none. See ``articles.images``; ``manage.py check`` warns when no static
    files finder finds it (``articles.W006``).
``NEWSROOM_DEFAULT_READER_PROMPT``
    The invitation to comment used when neither article nor section has one.
``NEWSROOM_ARTICLE_LIST_DECORATORS``
    Dotted paths to callables that each receive the list of articles shown on
    a listing page (home, section, author, tag, search), after pagination, and
    may set attributes on them; default ``[]``. Each should cost at most one
    query for the whole list. Example: the comments app attaches
    ``comment_count``, which the teaser template shows when present::

        NEWSROOM_ARTICLE_LIST_DECORATORS = ["comments.counts.attach_comment_counts"]
``NEWSROOM_LIVE_POLL_SECONDS``
    How often, in seconds, a reader's page of a running live article asks
    for new entries (default 15; 2 to 3600). Each ask is one request to a
    small cached endpoint (``articles.live``), answered from the page cache
    or the shared cache in front until the next entry purges it.
``NEWSROOM_LIVE_ENTRIES_PER_PAGE``
    Entries a live article's page shows, newest first (default 50); the
    older ones are a link away (``?page=2``). Also the most one poll returns.

``NEWSROOM_REVIEW_NOTIFY``
    Who is mailed when a writer submits an article for review: a list of
    addresses, ``[]`` for nobody, or ``None`` (the default) for every active
    user who may publish articles (``newsroom_articles.publish_article``) and
    has an address. Writers are told of the desk's decisions either way. See
    ``articles.review``; ``manage.py check`` refuses anything but ``None`` or a
    list of addresses (``articles.E030``).

The page cache has settings of its own (``NEWSROOM_PAGE_CACHE_*``):
see ``articles.pagecache.conf``.
"""

from django.conf import settings

DEFAULTS = {
    "NEWSROOM_RELATED_COUNT": 4,
    "NEWSROOM_ARTICLES_PER_PAGE": 20,
    "NEWSROOM_SITE_NAME": "Newsroom",
    "NEWSROOM_PUBLIC_URL": None,
    "NEWSROOM_SITE_IMAGE": "articles/site-image.png",
    "NEWSROOM_DEFAULT_READER_PROMPT": "What do you think? Join the conversation in the comments below.",
    "NEWSROOM_ARTICLE_LIST_DECORATORS": [],
    "NEWSROOM_LIVE_POLL_SECONDS": 15,
    "NEWSROOM_LIVE_ENTRIES_PER_PAGE": 50,
    "NEWSROOM_REVIEW_NOTIFY": None,
}


def get(name):
    """The current value of ``name``, falling back to its documented default."""
    return getattr(settings, name, DEFAULTS[name])
