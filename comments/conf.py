"""The comments app's settings, with their defaults. Read when used, never at import.

Posting and threads
-------------------
``NEWSROOM_COMMENTS_CLOSE_AFTER_DAYS``
    Close comments this many days after an article was first published, for
    sections that set no ``comments_close_after_days`` of their own (default
    ``None``: never).
``NEWSROOM_COMMENTS_MAX_DEPTH``
    How many levels a thread shows: 3 means a comment, a reply and a reply to
    that (default 3). Set ``COMMENTS_XTD_MAX_THREAD_LEVEL`` to one less (xtd
    counts from 0 and refuses deeper replies; a system check warns). A reply
    to the deepest level joins its parent's conversation instead of nesting.
``NEWSROOM_COMMENTS_PER_PAGE``
    Top-level threads per page under an article; "Show more" loads the next
    page (default 50).
``NEWSROOM_COMMENTS_SORT``
    The order a thread is read in when the address names none (default
    ``"oldest"``): ``"oldest"``, ``"newest"``, ``"liked"`` (most liked
    first) or ``"replies"`` (most replies first, counting only the replies
    readers see; ties oldest first) for the top-level comments; replies
    always follow their conversation. Readers choose another with the links
    above the thread (``?sort=newest``); the page cache keeps one copy per
    order, and any other value is redirected to the default.
``NEWSROOM_COMMENTS_THREAD_RENDERER``
    Dotted path of the callable that writes the comment list's HTML (default
    ``"comments.rendering.render_in_python"``, the markup of
    ``comments/newsroom/comment.html`` without a template per comment). A site
    that overrides that template sets ``"comments.rendering.render_with_template"``.
``NEWSROOM_COMMENTS_FLOOD_SECONDS``
    A second comment from the same IP address or e-mail address within this
    many seconds is refused with HTTP 429 (default 15; 0 turns it off).
``NEWSROOM_COMMENTS_MAX_PER_HOUR_PER_IP``
    At most this many comments from one IP address in an hour; more are
    refused with HTTP 429, the reader's text kept (default 30; 0 turns it off).
    Offices and schools share an address, so keep it generous.
``NEWSROOM_COMMENTS_EDIT_SECONDS``
    Seconds after posting during which a commenter may edit their comment,
    from the account or the browser they wrote it with (default 300, five
    minutes; 0 turns editing off). An edit runs the spam filter again, keeps
    the old text in the comment's history and shows "edited" to readers
    (``comments.editing``). A browser that posts gets the pending cookie
    for every comment while editing is on, so the writer's pages are not
    served from the page cache for that cookie's lifetime
    (``NEWSROOM_COMMENTS_PENDING_COOKIE_AGE``, which should be at least as
    long; a system check warns).
``NEWSROOM_COMMENTS_FORM_MAX_AGE``
    Seconds a comment form stays valid before the reader is asked to reload
    it (default 86400, a day).

Cookies and caching
-------------------
``NEWSROOM_COMMENTS_PENDING_COOKIE``
    Name of the short-lived signed cookie holding the ids of the comments a
    reader just wrote that await moderation, so they (and only they) see them.
    A page cache must not serve cached pages to requests carrying it
    (default ``"newsroom_pending"``).
``NEWSROOM_COMMENTS_PENDING_COOKIE_AGE``
    Lifetime of that cookie in seconds (default 1800).
``NEWSROOM_COMMENTS_READER_COOKIE``
    Name of the long-lived random cookie that makes "one like / one report per
    reader" work for readers without an account (default ``"newsroom_reader"``).
``NEWSROOM_COMMENTS_TRUST_COOKIE``
    Name of the signed cookie given to a browser when a comment it posted is
    published (at once, or once a moderator approves it and the browser next
    asks ``/comments/mine/``). It names the commenter's e-mail address as a
    keyed hash; only with it does that address's good record count for a
    signed-out commenter, since anyone can type an address
    (``comments.trust_cookie``). It changes nothing on a page, so the page
    cache serves cached pages to readers who carry it, as it does for the
    reader cookie (default ``"newsroom_trusted"``).
``NEWSROOM_COMMENTS_TRUST_COOKIE_AGE``
    Lifetime of that cookie in seconds; each published comment renews it
    (default 15552000, 180 days).

Reactions and reports
---------------------
A reader is their account, else their long-lived cookie; cookies are free
to make up, so the reader's network (the IP address's /24, or /48 for IPv6,
stored only as a keyed hash) limits what one person can do. See
``comments.reactions``.

``NEWSROOM_COMMENTS_REPORTS_TO_HOLD``
    Reports from this many distinct networks within
    ``NEWSROOM_COMMENTS_REPORT_WINDOW`` send a published comment back to the
    moderation queue (default 3). That happens once per comment, and never to
    a comment a moderator kept despite reports: later reports list it under
    "Reported" in the queue and leave it published.
``NEWSROOM_COMMENTS_REPORT_WINDOW``
    Seconds within which reports from distinct networks add up (default
    86400, a day).
``NEWSROOM_COMMENTS_LIKES_PER_NETWORK``
    Likes of one comment counted from one network: an office or a household
    shares an address, an attacker with made-up cookies does too (default 3).
    A reader without a cookie likes once per address.

What the form says
------------------
``NEWSROOM_COMMENTS_SPAM_NOTICE``
    The line under the comment form about spam filtering, as HTML (it comes
    from settings, so it is trusted). ``{filter}`` is replaced by the name of
    the filter in use (``comments.spam.pipeline.describe()``), ``{privacy_url}`` by the
    privacy page's address; write literal braces as ``{{`` and ``}}``.
``NEWSROOM_SPAM_HONEYPOT_FIELD``
    Name of the form field people never see and bots fill in; named like an
    ordinary field on purpose (default ``"contact_phone"``). The spam filter
    reads its value from the submission.

Spam filter (``comments.spam``)
-------------------------------
``NEWSROOM_SPAM_CHECKS``
    The checks a new comment goes through, in order: dotted paths, or dicts
    ``{"NAME": path, "OPTIONS": {...}}`` whose options are passed to the check's
    class (like ``AUTH_PASSWORD_VALIDATORS``). Cheap checks first, network last;
    the first decisive answer ends the run. Default: staff, honeypot, word
    lists, trusted commenter, time on form, links, then the signals of
    article-site spam (phone numbers, helpline phrasing, link drop, keyword
    chains, name and website, relevance to the article; each takes a
    ``weight`` option that scales its score), spam memory, duplicate text,
    the learned classifier, first comment, recent history, reCAPTCHA, Akismet.
``NEWSROOM_SPAM_HOLD_THRESHOLD``
    Scores from this up hold the comment for review (default 0.5).
``NEWSROOM_SPAM_SPAM_THRESHOLD``
    Scores from this up file the comment as spam (default 1.0) until the
    threshold is calibrated on the site's own decisions (see the next setting).
``NEWSROOM_SPAM_TARGET_HAM_TO_SPAM``
    The share of the comments moderators approve that the spam threshold may
    mark as spam (default 0.005, half a percent). Once moderators have
    decided on 50 comments of each kind that the filter scored, the spam
    threshold is recomputed at every decision from the scores of the latest
    2,000: the lowest from which at most this share of approved comments like
    them would be spam. That needs 199 approved comments for 0.5 %; with
    fewer it can only be stricter than ``NEWSROOM_SPAM_SPAM_THRESHOLD``. It
    stays between the hold and the discard thresholds. Imported examples
    never count, having no score. ``None`` keeps
    ``NEWSROOM_SPAM_SPAM_THRESHOLD`` (``comments.spam.calibration``).
``NEWSROOM_SPAM_DISCARD``
    ``True`` lets blatant spam from signed-out posters be dropped unstored:
    the ``"discard"`` band (default ``False``: spam is kept in the spam folder
    where a moderator can rescue it). Never applies to signed-in readers.
``NEWSROOM_SPAM_DISCARD_THRESHOLD``
    With discarding on, scores from this up are discarded, as is what Akismet
    calls blatant spam (default 2.5).
``NEWSROOM_SPAM_MIN_SECONDS_ON_FORM``
    A comment sent sooner than this many seconds after the form was handed out
    scores as a bot's (default 3).
``NEWSROOM_SPAM_HOLD_FIRST_COMMENT``
    Hold the comments of anyone without a previously approved comment, matched
    by account, or by e-mail address only when the browser holds the trust
    cookie for it (a typed address proves nothing; default ``True``).
``NEWSROOM_SPAM_OWN_DOMAINS``
    Domains whose links never count as links (the site's own); ``ALLOWED_HOSTS``
    are added (default ``[]``).
``NEWSROOM_SPAM_LINK_SHORTENERS``
    Domains of link shorteners, which hide where a link goes (default: a list
    of common ones).
``NEWSROOM_COMMENTS_MAX_LINKS``
    A comment with this many links or more is held (default 2; 0 turns it off).
``NEWSROOM_COMMENTS_MODERATION_WORDS``
    Words or fragments (one per item) that hold a comment for review when found,
    case-insensitively, in the name, e-mail, website, text or IP address
    (default ``[]``).
``NEWSROOM_COMMENTS_BLOCK_WORDS``
    The same for words that file a comment straight into spam (default ``[]``).
``NEWSROOM_AKISMET_KEY``
    An Akismet API key; empty (the default) leaves Akismet out.
``NEWSROOM_AKISMET_SITE_URL``
    The site address registered with Akismet. Empty (the default):
    ``NEWSROOM_COMMENTS_SITE_URL``, else the site's public origin
    (``NEWSROOM_PUBLIC_URL``, or the current ``Site``; see ``articles.origin``).
``NEWSROOM_AKISMET_TIMEOUT``
    Seconds to wait for Akismet before holding the comment and checking it
    again later (default 2; at most 2).
``NEWSROOM_AKISMET_CLIENT_CLASS``
    The Akismet client class or its dotted path (default ``"akismet.SyncClient"``);
    tests use the library's ``akismet.TestSyncClient``.
``NEWSROOM_RECAPTCHA_PUBLIC_KEY`` / ``NEWSROOM_RECAPTCHA_PRIVATE_KEY``
    reCAPTCHA keys. Both empty (the default): no reCAPTCHA field, no check.
``NEWSROOM_RECAPTCHA_VERSION``
    ``"v3"`` (invisible, scored; the default) or ``"v2"`` (the checkbox).
``NEWSROOM_RECAPTCHA_MIN_SCORE``
    With v3, scores below this count against the comment (default 0.5).

Commenters' records
-------------------
For one commenter (an account, or an e-mail address) moderators see their
record in the admin and act on it: trust, always hold, or ban, by account,
e-mail address, e-mail domain or address range, until a date or until
lifted (``comments.commenters``). Signed-in staff are never held or banned
by a rule.

``NEWSROOM_COMMENTS_BANNED_MESSAGE``
    What a banned commenter is told when they post, their text kept in the
    form (HTTP 403). Plain text; a site names the address to write to. The
    default says their comments can't be published here and asks them to
    contact the editors if they think it is a mistake.
``NEWSROOM_COMMENTS_RECENT_HISTORY_REJECTION_RATE``
    Coral's "recent history" rule: hold the comments of a commenter when at
    least this share of their decided comments (approved, spam or trash)
    from the last ``NEWSROOM_COMMENTS_RECENT_HISTORY_DAYS`` were removed
    (spam or trash), e.g. ``0.3``. Matched by account, or by e-mail address
    only when the browser's trust cookie names it (default ``None``: off, as
    in Coral). The check that applies it,
    ``comments.spam.checks.recent_history.RecentHistoryCheck``, is in the
    default ``NEWSROOM_SPAM_CHECKS``; a site with its own list adds it.
``NEWSROOM_COMMENTS_RECENT_HISTORY_DAYS``
    The window of that rule, in days (default 7).
``NEWSROOM_COMMENTS_RECENT_HISTORY_MIN_COMMENTS``
    The rule judges only commenters with at least this many decided comments
    in the window, so one removal is not a history (default 3).

Moderation mail
---------------
``NEWSROOM_COMMENTS_NOTIFY_MODERATORS``
    E-mail moderators about comments held for review (default ``True``).
``NEWSROOM_COMMENTS_MODERATOR_EMAILS``
    Addresses that get those e-mails. Empty (the default): every active user
    with an e-mail address who may moderate comments (``newsroom_comments.moderate_comment``).
``NEWSROOM_COMMENTS_MODERATION_DIGEST``
    ``True`` sends one digest of the queue instead of a mail per held comment;
    run ``manage.py send_moderation_digest`` from cron (default ``False``).
``NEWSROOM_COMMENTS_NOTIFY_AUTHORS``
    E-mail an article's authors (those with a user account and an e-mail
    address) when a comment on it is published (default ``False``).
``NEWSROOM_COMMENTS_SITE_URL``
    Scheme and host for links in e-mails, e.g. ``"https://news.example"``.
    Empty (the default): the site's public origin (``NEWSROOM_PUBLIC_URL``,
    or the current ``Site``'s domain; see ``articles.origin``).

Statement of reasons
--------------------
When a moderator removes a comment (trash, or spam by a person), its writer
is told what was removed, why (the reason code the moderator recorded, and
their explanation if any), whether automated means were involved, on what
ground and how to ask for a review: the statement of reasons the EU's
Digital Services Act (Article 17) expects (``comments.statement``). Spam the
filter catches on its own is left out, as the Act leaves out deceptive
high-volume commercial content; a moderator can still open its statement
from the comment's page in the admin.

``NEWSROOM_COMMENTS_STATEMENT_OF_REASONS``
    Mail the statement to the writer, when they gave an address, after a
    moderator's removal is committed (default ``True``). The statement page
    works either way.
``NEWSROOM_COMMENTS_STATEMENT_LINK_MAX_AGE``
    Seconds the signed link to the statement page works (default 15552000,
    180 days: the six months the Act gives a writer to ask for a review).
``NEWSROOM_COMMENTS_GUIDELINES_URL``
    The site's community guidelines or terms, which the statement names as
    the ground for the decision: an address (``"https://news.example/rules/"``)
    or a path on the site (``"/about/comments/"``). Empty (the default): the
    comments' privacy page.
``NEWSROOM_COMMENTS_REVIEW_EMAIL``
    Where a writer asks for a decision to be reviewed; the statement names it
    and the statement mail is sent with it as ``Reply-To``. Empty (the
    default): the first of ``NEWSROOM_COMMENTS_MODERATOR_EMAILS``, else
    ``DEFAULT_FROM_EMAIL``.

E-mail confirmation and links in mail
-------------------------------------
With ``COMMENTS_XTD_CONFIRM_EMAIL`` on, a signed-out reader's comment is
stored only when they follow the link mailed to the address they typed.
Anyone can type anyone's address, so the mail is rate-limited and carries no
link but ours (see ``comments.links``). The limits are counted in the default
cache, so every app server shares them only if the cache is shared (Redis).

``NEWSROOM_COMMENTS_CONFIRM_LINK_MAX_AGE``
    Seconds a confirmation link works (default 172800, two days).
``NEWSROOM_COMMENTS_MUTE_LINK_MAX_AGE``
    Seconds the "stop these e-mails" link of a follow-up mail works (default
    7776000, 90 days; every new mail brings a fresh link).
``NEWSROOM_COMMENTS_CONFIRM_MAIL_INTERVAL``
    At most one confirmation mail per e-mail address in this many seconds;
    more posts naming the address are refused with HTTP 429, the text kept
    (default 600; 0 turns it off).
``NEWSROOM_COMMENTS_CONFIRM_MAILS_PER_HOUR_PER_IP``
    At most this many confirmation mails per hour for posts from one IP
    address (default 5; 0 turns it off).

Personal data
-------------
``NEWSROOM_COMMENTS_KEEP_IP_DAYS``
    Days after the final moderation decision that a comment keeps its full IP
    address, user agent and referrer; then ``manage.py trim_comment_personal_data``
    truncates the address and drops the rest (default 60).

Read from elsewhere
-------------------
``NEWSROOM_DEFAULT_READER_PROMPT`` (``articles.conf``) is the invitation to
comment when neither article nor section has one. ``COMMENT_MAX_LENGTH``
(django-contrib-comments) limits a comment's length; this site sets 10,000.
"""

from django.conf import settings
from django_comments_xtd.conf import settings as xtd_settings

DEFAULTS = {
    "NEWSROOM_COMMENTS_CLOSE_AFTER_DAYS": None,
    "NEWSROOM_COMMENTS_MAX_DEPTH": 3,
    "NEWSROOM_COMMENTS_PER_PAGE": 50,
    "NEWSROOM_COMMENTS_SORT": "oldest",
    "NEWSROOM_COMMENTS_THREAD_RENDERER": "comments.rendering.render_in_python",
    "NEWSROOM_COMMENTS_FLOOD_SECONDS": 15,
    "NEWSROOM_COMMENTS_MAX_PER_HOUR_PER_IP": 30,
    "NEWSROOM_COMMENTS_FORM_MAX_AGE": 86_400,
    "NEWSROOM_COMMENTS_EDIT_SECONDS": 300,
    "NEWSROOM_COMMENTS_PENDING_COOKIE": "newsroom_pending",
    "NEWSROOM_COMMENTS_PENDING_COOKIE_AGE": 1800,
    "NEWSROOM_COMMENTS_READER_COOKIE": "newsroom_reader",
    "NEWSROOM_COMMENTS_TRUST_COOKIE": "newsroom_trusted",
    "NEWSROOM_COMMENTS_TRUST_COOKIE_AGE": 15_552_000,
    "NEWSROOM_COMMENTS_REPORTS_TO_HOLD": 3,
    "NEWSROOM_COMMENTS_REPORT_WINDOW": 86_400,
    "NEWSROOM_COMMENTS_LIKES_PER_NETWORK": 3,
    "NEWSROOM_COMMENTS_SPAM_NOTICE": (
        "To keep the conversation free of spam, comments are checked by {filter}. "
        'Learn how your comment data is processed on our <a href="{privacy_url}">privacy page</a>.'
    ),
    "NEWSROOM_SPAM_HONEYPOT_FIELD": "contact_phone",
    "NEWSROOM_SPAM_CHECKS": [
        "comments.spam.checks.staff.StaffCheck",
        "comments.spam.checks.honeypot.HoneypotCheck",
        "comments.spam.checks.words.WordListCheck",
        "comments.spam.checks.trusted.TrustedCommenterCheck",
        "comments.spam.checks.timing.TimeOnFormCheck",
        "comments.spam.checks.links.LinksCheck",
        "comments.spam.checks.phones.PhoneNumbersCheck",
        "comments.spam.checks.helpline.HelplineCheck",
        "comments.spam.checks.link_drop.LinkDropCheck",
        "comments.spam.checks.keyword_chains.KeywordChainCheck",
        "comments.spam.checks.author_fields.AuthorFieldsCheck",
        "comments.spam.checks.relevance.RelevanceCheck",
        "comments.spam.checks.memory.SpamMemoryCheck",
        "comments.spam.checks.duplicates.DuplicateTextCheck",
        "comments.spam.checks.classifier.ClassifierCheck",
        "comments.spam.checks.first_comment.FirstCommentCheck",
        "comments.spam.checks.recent_history.RecentHistoryCheck",
        "comments.spam.checks.recaptcha.RecaptchaCheck",
        "comments.spam.checks.akismet.AkismetCheck",
    ],
    "NEWSROOM_SPAM_HOLD_THRESHOLD": 0.5,
    "NEWSROOM_SPAM_SPAM_THRESHOLD": 1.0,
    "NEWSROOM_SPAM_TARGET_HAM_TO_SPAM": 0.005,
    "NEWSROOM_SPAM_DISCARD": False,
    "NEWSROOM_SPAM_DISCARD_THRESHOLD": 2.5,
    "NEWSROOM_SPAM_MIN_SECONDS_ON_FORM": 3,
    "NEWSROOM_SPAM_HOLD_FIRST_COMMENT": True,
    "NEWSROOM_SPAM_OWN_DOMAINS": [],
    "NEWSROOM_SPAM_LINK_SHORTENERS": [
        "bit.ly",
        "goo.gl",
        "tinyurl.com",
        "t.co",
        "ow.ly",
        "is.gd",
        "buff.ly",
        "adf.ly",
        "shorte.st",
        "cutt.ly",
        "rebrand.ly",
        "tiny.cc",
        "bl.ink",
        "rb.gy",
        "shorturl.at",
        "lnkd.in",
        "s.id",
        "v.gd",
        "t.ly",
        "clck.ru",
    ],
    "NEWSROOM_COMMENTS_MAX_LINKS": 2,
    "NEWSROOM_COMMENTS_MODERATION_WORDS": [],
    "NEWSROOM_COMMENTS_BLOCK_WORDS": [],
    "NEWSROOM_AKISMET_KEY": "",
    "NEWSROOM_AKISMET_SITE_URL": "",
    "NEWSROOM_AKISMET_TIMEOUT": 2.0,
    "NEWSROOM_AKISMET_CLIENT_CLASS": "akismet.SyncClient",
    "NEWSROOM_RECAPTCHA_PUBLIC_KEY": "",
    "NEWSROOM_RECAPTCHA_PRIVATE_KEY": "",
    "NEWSROOM_RECAPTCHA_VERSION": "v3",
    "NEWSROOM_RECAPTCHA_MIN_SCORE": 0.5,
    "NEWSROOM_COMMENTS_BANNED_MESSAGE": (
        "Your comments can’t be published on this site. If you think this is a mistake, please contact the editors."
    ),
    "NEWSROOM_COMMENTS_RECENT_HISTORY_REJECTION_RATE": None,
    "NEWSROOM_COMMENTS_RECENT_HISTORY_DAYS": 7,
    "NEWSROOM_COMMENTS_RECENT_HISTORY_MIN_COMMENTS": 3,
    "NEWSROOM_COMMENTS_NOTIFY_MODERATORS": True,
    "NEWSROOM_COMMENTS_MODERATOR_EMAILS": [],
    "NEWSROOM_COMMENTS_MODERATION_DIGEST": False,
    "NEWSROOM_COMMENTS_NOTIFY_AUTHORS": False,
    "NEWSROOM_COMMENTS_SITE_URL": "",
    "NEWSROOM_COMMENTS_STATEMENT_OF_REASONS": True,
    "NEWSROOM_COMMENTS_STATEMENT_LINK_MAX_AGE": 15_552_000,
    "NEWSROOM_COMMENTS_GUIDELINES_URL": "",
    "NEWSROOM_COMMENTS_REVIEW_EMAIL": "",
    "NEWSROOM_COMMENTS_KEEP_IP_DAYS": 60,
    "NEWSROOM_COMMENTS_CONFIRM_LINK_MAX_AGE": 172_800,
    "NEWSROOM_COMMENTS_MUTE_LINK_MAX_AGE": 7_776_000,
    "NEWSROOM_COMMENTS_CONFIRM_MAIL_INTERVAL": 600,
    "NEWSROOM_COMMENTS_CONFIRM_MAILS_PER_HOUR_PER_IP": 5,
}


def get(name):
    """The current value of ``name``, falling back to its documented default."""
    return getattr(settings, name, DEFAULTS[name])


def max_depth():
    """Levels a thread may have: ``NEWSROOM_COMMENTS_MAX_DEPTH``, capped by what django-comments-xtd allows.

    xtd refuses to store a reply deeper than ``COMMENTS_XTD_MAX_THREAD_LEVEL``
    (default 0: no replies at all), so a site that forgets it gets flat
    comments and a warning from the system checks, never a failing post.
    """
    return max(1, min(get("NEWSROOM_COMMENTS_MAX_DEPTH"), xtd_settings.COMMENTS_XTD_MAX_THREAD_LEVEL + 1))
