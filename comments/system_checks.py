"""System checks: tell a site what it wired wrong in the comments app before a page is rendered."""

from email.utils import parseaddr

import django_comments
from django.apps import apps
from django.conf import global_settings, settings
from django.core import checks
from django.db import DatabaseError, router
from django.http.request import split_domain_port, validate_host
from django.urls import NoReverseMatch, resolve, reverse
from django.utils.module_loading import import_string
from django_recaptcha.constants import TEST_PRIVATE_KEY, TEST_PUBLIC_KEY

from comments import conf, statement, targets, threads, views
from comments.models import Comment


def _whole(value, *, minimum):
    return isinstance(value, int) and not isinstance(value, bool) and value >= minimum


_WHOLE_NUMBERS = [
    # (setting, minimum, id)
    ("NEWSROOM_COMMENTS_MAX_DEPTH", 1, "comments.E001"),
    ("NEWSROOM_COMMENTS_PER_PAGE", 1, "comments.E002"),
    ("NEWSROOM_COMMENTS_FLOOD_SECONDS", 0, "comments.E003"),
    ("NEWSROOM_COMMENTS_FORM_MAX_AGE", 60, "comments.E004"),
    ("NEWSROOM_COMMENTS_PENDING_COOKIE_AGE", 60, "comments.E005"),
    ("NEWSROOM_COMMENTS_TRUST_COOKIE_AGE", 60, "comments.E020"),
    ("NEWSROOM_COMMENTS_REPORTS_TO_HOLD", 1, "comments.E006"),
    ("NEWSROOM_COMMENTS_REPORT_WINDOW", 60, "comments.E013"),
    ("NEWSROOM_COMMENTS_LIKES_PER_NETWORK", 1, "comments.E014"),
    ("NEWSROOM_COMMENTS_EDIT_SECONDS", 0, "comments.E015"),
]


@checks.register()
def check_reader_settings(app_configs, **kwargs):
    errors = []
    for name, minimum, check_id in _WHOLE_NUMBERS:
        value = conf.get(name)
        if not _whole(value, minimum=minimum):
            errors.append(
                checks.Error(
                    f"{name} is {value!r}.", hint=f"Set {name} to a whole number of {minimum} or more.", id=check_id
                )
            )
    days = conf.get("NEWSROOM_COMMENTS_CLOSE_AFTER_DAYS")
    if days is not None and not _whole(days, minimum=1):
        errors.append(
            checks.Error(
                f"NEWSROOM_COMMENTS_CLOSE_AFTER_DAYS is {days!r}.",
                hint="Set NEWSROOM_COMMENTS_CLOSE_AFTER_DAYS to a number of days (1 or more), or None for never.",
                id="comments.E007",
            )
        )
    edit_seconds, cookie_age = (
        conf.get("NEWSROOM_COMMENTS_EDIT_SECONDS"),
        conf.get("NEWSROOM_COMMENTS_PENDING_COOKIE_AGE"),
    )
    if _whole(edit_seconds, minimum=1) and _whole(cookie_age, minimum=60) and cookie_age < edit_seconds:
        errors.append(
            checks.Warning(
                f"NEWSROOM_COMMENTS_EDIT_SECONDS ({edit_seconds}) is longer than NEWSROOM_COMMENTS_PENDING_COOKIE_AGE "
                f"({cookie_age}), so signed-out writers lose their edit link before the window ends.",
                hint="Make NEWSROOM_COMMENTS_PENDING_COOKIE_AGE at least NEWSROOM_COMMENTS_EDIT_SECONDS.",
                id="comments.W016",
            )
        )
    depth = conf.get("NEWSROOM_COMMENTS_MAX_DEPTH")
    xtd_level = getattr(settings, "COMMENTS_XTD_MAX_THREAD_LEVEL", 0)
    if _whole(depth, minimum=1) and xtd_level < depth - 1:
        errors.append(
            checks.Warning(
                f"COMMENTS_XTD_MAX_THREAD_LEVEL is {xtd_level!r}, so threads stop at {xtd_level + 1} "
                f"level(s) although NEWSROOM_COMMENTS_MAX_DEPTH is {depth}.",
                hint=f"Set COMMENTS_XTD_MAX_THREAD_LEVEL = {depth - 1} (django-comments-xtd counts levels from 0).",
                id="comments.W001",
            )
        )
    honeypot = conf.get("NEWSROOM_SPAM_HONEYPOT_FIELD")
    taken = {"name", "email", "url", "comment", "remember", "followup", "reply_to", "csrfmiddlewaretoken"}
    taken |= {"content_type", "object_pk", "timestamp", "security_hash"}
    if not isinstance(honeypot, str) or not honeypot.isidentifier() or honeypot in taken:
        errors.append(
            checks.Error(
                f"NEWSROOM_SPAM_HONEYPOT_FIELD is {honeypot!r}.",
                hint="Name the honeypot like an ordinary field no form uses, e.g. 'contact_phone'.",
                id="comments.E009",
            )
        )
    notice = conf.get("NEWSROOM_COMMENTS_SPAM_NOTICE")
    try:
        notice.format(filter="", privacy_url="")
    except (AttributeError, KeyError, IndexError, ValueError):
        errors.append(
            checks.Error(
                "NEWSROOM_COMMENTS_SPAM_NOTICE is not text with only {filter} and {privacy_url} placeholders.",
                hint="Write literal braces as {{ and }}.",
                id="comments.E010",
            )
        )
    for name in (
        "NEWSROOM_COMMENTS_PENDING_COOKIE",
        "NEWSROOM_COMMENTS_READER_COOKIE",
        "NEWSROOM_COMMENTS_TRUST_COOKIE",
    ):
        value = conf.get(name)
        if not isinstance(value, str) or not value.replace("_", "").replace("-", "").isalnum():
            errors.append(
                checks.Error(
                    f"{name} is {value!r}.",
                    hint=f"Set {name} to a cookie name of letters, digits, - and _.",
                    id="comments.E011",
                )
            )
    sort = conf.get("NEWSROOM_COMMENTS_SORT")
    if not isinstance(sort, str) or sort not in threads.SORTS:
        errors.append(
            checks.Error(
                f"NEWSROOM_COMMENTS_SORT is {sort!r}.",
                hint=f"Set NEWSROOM_COMMENTS_SORT to one of {', '.join(map(repr, threads.SORTS))}.",
                id="comments.E030",
            )
        )
    renderer = conf.get("NEWSROOM_COMMENTS_THREAD_RENDERER")
    try:
        ok = callable(import_string(renderer))
    except (ImportError, TypeError, ValueError):
        ok = False
    if not ok:
        errors.append(
            checks.Error(
                f"NEWSROOM_COMMENTS_THREAD_RENDERER is {renderer!r}, which does not import as a callable.",
                hint='Use "comments.rendering.render_in_python" or "comments.rendering.render_with_template".',
                id="comments.E012",
            )
        )
    return errors


def _number(value):
    return isinstance(value, int | float) and not isinstance(value, bool)


def _word_list(value):
    return isinstance(value, list | tuple) and all(isinstance(word, str) for word in value)


@checks.register()
def check_spam_settings(app_configs, **kwargs):
    """The spam filter's settings (``comments.E1xx``)."""

    errors = []
    entries = conf.get("NEWSROOM_SPAM_CHECKS")
    if not isinstance(entries, list | tuple):
        entries = []
        errors.append(
            checks.Error(
                "NEWSROOM_SPAM_CHECKS is not a list.",
                hint="Set NEWSROOM_SPAM_CHECKS to a list of dotted paths (see comments/conf.py for the default).",
                id="comments.E101",
            )
        )
    for entry in entries:
        path = entry.get("NAME") if isinstance(entry, dict) else entry
        try:
            import_string(path)
        except (ImportError, TypeError, ValueError, AttributeError):
            errors.append(
                checks.Error(
                    f"NEWSROOM_SPAM_CHECKS lists {entry!r}, which cannot be imported.",
                    hint='Use a dotted path to a check class, or {"NAME": path, "OPTIONS": {...}}.',
                    id="comments.E102",
                )
            )
    hold, spam = conf.get("NEWSROOM_SPAM_HOLD_THRESHOLD"), conf.get("NEWSROOM_SPAM_SPAM_THRESHOLD")
    discard = conf.get("NEWSROOM_SPAM_DISCARD_THRESHOLD")
    if not (_number(hold) and _number(spam) and _number(discard) and 0 < hold <= spam <= discard):
        errors.append(
            checks.Error(
                f"The spam thresholds are hold={hold!r}, spam={spam!r}, discard={discard!r}.",
                hint="Use numbers with 0 < NEWSROOM_SPAM_HOLD_THRESHOLD <= NEWSROOM_SPAM_SPAM_THRESHOLD "
                "<= NEWSROOM_SPAM_DISCARD_THRESHOLD (defaults 0.5, 1.0, 2.5).",
                id="comments.E103",
            )
        )
    target = conf.get("NEWSROOM_SPAM_TARGET_HAM_TO_SPAM")
    if target is not None and not (_number(target) and 0 < target < 1):
        errors.append(
            checks.Error(
                f"NEWSROOM_SPAM_TARGET_HAM_TO_SPAM is {target!r}.",
                hint="Set NEWSROOM_SPAM_TARGET_HAM_TO_SPAM to a share between 0 and 1 (default 0.005), "
                "or None to keep NEWSROOM_SPAM_SPAM_THRESHOLD.",
                id="comments.E113",
            )
        )
    seconds = conf.get("NEWSROOM_SPAM_MIN_SECONDS_ON_FORM")
    if not _number(seconds) or seconds < 0:
        errors.append(
            checks.Error(
                f"NEWSROOM_SPAM_MIN_SECONDS_ON_FORM is {seconds!r}.",
                hint="Set NEWSROOM_SPAM_MIN_SECONDS_ON_FORM to a number of seconds, 0 or more (default 3).",
                id="comments.E104",
            )
        )
    max_links = conf.get("NEWSROOM_COMMENTS_MAX_LINKS")
    if not _whole(max_links, minimum=0):
        errors.append(
            checks.Error(
                f"NEWSROOM_COMMENTS_MAX_LINKS is {max_links!r}.",
                hint="Set NEWSROOM_COMMENTS_MAX_LINKS to a whole number (0 turns the limit off; default 2).",
                id="comments.E105",
            )
        )
    for name in (
        "NEWSROOM_COMMENTS_MODERATION_WORDS",
        "NEWSROOM_COMMENTS_BLOCK_WORDS",
        "NEWSROOM_SPAM_OWN_DOMAINS",
        "NEWSROOM_SPAM_LINK_SHORTENERS",
    ):
        if not _word_list(conf.get(name)):
            errors.append(
                checks.Error(
                    f"{name} is not a list of strings.",
                    hint=f'Set {name} to a list such as ["first", "second"], one entry per item.',
                    id="comments.E106",
                )
            )
    timeout = conf.get("NEWSROOM_AKISMET_TIMEOUT")
    if not _number(timeout) or not 0 < timeout <= 2:
        errors.append(
            checks.Error(
                f"NEWSROOM_AKISMET_TIMEOUT is {timeout!r}.",
                hint="Set NEWSROOM_AKISMET_TIMEOUT to a number of seconds above 0 and at most 2: a slower "
                "Akismet holds the comment and it is checked again later.",
                id="comments.E107",
            )
        )
    site_url = conf.get("NEWSROOM_AKISMET_SITE_URL")
    if site_url and not str(site_url).startswith(("http://", "https://")):
        errors.append(
            checks.Error(
                f"NEWSROOM_AKISMET_SITE_URL is {site_url!r}.",
                hint="Give the full address registered with Akismet, starting with https:// (or http://).",
                id="comments.E108",
            )
        )
    public, private = conf.get("NEWSROOM_RECAPTCHA_PUBLIC_KEY"), conf.get("NEWSROOM_RECAPTCHA_PRIVATE_KEY")
    if bool(public) != bool(private):
        errors.append(
            checks.Error(
                "Only one of NEWSROOM_RECAPTCHA_PUBLIC_KEY and NEWSROOM_RECAPTCHA_PRIVATE_KEY is set.",
                hint="Set both reCAPTCHA keys (from the reCAPTCHA admin console), or neither to turn it off.",
                id="comments.E109",
            )
        )
    version = conf.get("NEWSROOM_RECAPTCHA_VERSION")
    if version not in ("v2", "v3"):
        errors.append(
            checks.Error(
                f"NEWSROOM_RECAPTCHA_VERSION is {version!r}.",
                hint='Set NEWSROOM_RECAPTCHA_VERSION to "v3" (invisible, scored) or "v2" (checkbox).',
                id="comments.E110",
            )
        )
    min_score = conf.get("NEWSROOM_RECAPTCHA_MIN_SCORE")
    if not _number(min_score) or not 0 <= min_score <= 1:
        errors.append(
            checks.Error(
                f"NEWSROOM_RECAPTCHA_MIN_SCORE is {min_score!r}.",
                hint="Set NEWSROOM_RECAPTCHA_MIN_SCORE to a number from 0.0 to 1.0 (default 0.5).",
                id="comments.E111",
            )
        )
    if public == TEST_PUBLIC_KEY or private == TEST_PRIVATE_KEY:
        errors.append(
            checks.Warning(
                "The reCAPTCHA keys are Google's test keys, which accept every token.",
                hint="Use the keys of your own reCAPTCHA site, or leave both empty to turn reCAPTCHA off.",
                id="comments.W112",
            )
        )
    return errors


@checks.register()
def check_moderation_settings(app_configs, **kwargs):
    """Moderation mail and personal-data settings (``comments.E2xx``)."""
    errors = []
    days = conf.get("NEWSROOM_COMMENTS_KEEP_IP_DAYS")
    if not _whole(days, minimum=1):
        errors.append(
            checks.Error(
                f"NEWSROOM_COMMENTS_KEEP_IP_DAYS is {days!r}.",
                hint="Set NEWSROOM_COMMENTS_KEEP_IP_DAYS to a whole number of days, 1 or more (default 60).",
                id="comments.E201",
            )
        )
    emails = conf.get("NEWSROOM_COMMENTS_MODERATOR_EMAILS")
    if not isinstance(emails, list | tuple) or not all(isinstance(e, str) and "@" in e for e in emails):
        errors.append(
            checks.Error(
                f"NEWSROOM_COMMENTS_MODERATOR_EMAILS is {emails!r}.",
                hint='Set NEWSROOM_COMMENTS_MODERATOR_EMAILS to a list of addresses, e.g. ["desk@example.com"], '
                "or [] to mail every user who may moderate comments.",
                id="comments.E202",
            )
        )
    for name in (
        "NEWSROOM_COMMENTS_NOTIFY_MODERATORS",
        "NEWSROOM_COMMENTS_MODERATION_DIGEST",
        "NEWSROOM_COMMENTS_NOTIFY_AUTHORS",
    ):
        if not isinstance(conf.get(name), bool):
            errors.append(
                checks.Error(f"{name} is {conf.get(name)!r}.", hint=f"Set {name} to True or False.", id="comments.E203")
            )
    site_url = conf.get("NEWSROOM_COMMENTS_SITE_URL")
    if not isinstance(site_url, str) or (site_url and not site_url.startswith(("https://", "http://"))):
        errors.append(
            checks.Error(
                f"NEWSROOM_COMMENTS_SITE_URL is {site_url!r}.",
                hint='Set NEWSROOM_COMMENTS_SITE_URL to the address readers use, e.g. "https://news.example", '
                "or leave it empty to use the site's public origin (NEWSROOM_PUBLIC_URL or the Site's domain).",
                id="comments.E204",
            )
        )
    return errors


_LINK_AND_CONFIRMATION_NUMBERS = [
    # (setting, minimum, what it is, id)
    ("NEWSROOM_COMMENTS_CONFIRM_LINK_MAX_AGE", 60, "seconds", "comments.E301"),
    ("NEWSROOM_COMMENTS_MUTE_LINK_MAX_AGE", 60, "seconds", "comments.E302"),
    ("NEWSROOM_COMMENTS_CONFIRM_MAIL_INTERVAL", 0, "seconds (0 turns it off)", "comments.E303"),
    ("NEWSROOM_COMMENTS_CONFIRM_MAILS_PER_HOUR_PER_IP", 0, "mails (0 turns it off)", "comments.E304"),
]


@checks.register()
def check_link_settings(app_configs, **kwargs):
    """Signed links in mail and the confirmation mail's rate limits (``comments.E3xx``)."""
    errors = []
    for name, minimum, unit, check_id in _LINK_AND_CONFIRMATION_NUMBERS:
        value = conf.get(name)
        if not _whole(value, minimum=minimum):
            errors.append(
                checks.Error(
                    f"{name} is {value!r}.",
                    hint=f"Set {name} to a whole number of {unit}, {minimum} or more (default {conf.DEFAULTS[name]}).",
                    id=check_id,
                )
            )
    return errors


@checks.register()
def check_statement_settings(app_configs, **kwargs):
    """The statement of reasons (``comments.E501``–``comments.W505``): mail, link, ground and review address."""
    errors = []
    if not isinstance(conf.get("NEWSROOM_COMMENTS_STATEMENT_OF_REASONS"), bool):
        errors.append(
            checks.Error(
                f"NEWSROOM_COMMENTS_STATEMENT_OF_REASONS is {conf.get('NEWSROOM_COMMENTS_STATEMENT_OF_REASONS')!r}.",
                hint="Set NEWSROOM_COMMENTS_STATEMENT_OF_REASONS to True (mail writers why a moderator removed "
                "their comment) or False.",
                id="comments.E501",
            )
        )
    max_age = conf.get("NEWSROOM_COMMENTS_STATEMENT_LINK_MAX_AGE")
    if not _whole(max_age, minimum=86_400):
        errors.append(
            checks.Error(
                f"NEWSROOM_COMMENTS_STATEMENT_LINK_MAX_AGE is {max_age!r}.",
                hint="Set NEWSROOM_COMMENTS_STATEMENT_LINK_MAX_AGE to a whole number of seconds, a day (86400) or "
                "more (default 15552000, the six months a writer has to ask for a review).",
                id="comments.E502",
            )
        )
    guidelines = conf.get("NEWSROOM_COMMENTS_GUIDELINES_URL")
    # An address, a path on the site, or nothing; never "//host" (another site, scheme-relative) or "javascript:".
    if not isinstance(guidelines, str) or (
        guidelines and (not guidelines.startswith(("https://", "http://", "/")) or guidelines.startswith("//"))
    ):
        errors.append(
            checks.Error(
                f"NEWSROOM_COMMENTS_GUIDELINES_URL is {guidelines!r}.",
                hint="Set NEWSROOM_COMMENTS_GUIDELINES_URL to the address of your rules for comments, e.g. "
                '"https://news.example/rules/" or "/about/comments/", or leave it empty to name the privacy page.',
                id="comments.E503",
            )
        )
    review = conf.get("NEWSROOM_COMMENTS_REVIEW_EMAIL")
    if not isinstance(review, str) or (review and "@" not in parseaddr(review)[1]):
        errors.append(
            checks.Error(
                f"NEWSROOM_COMMENTS_REVIEW_EMAIL is {review!r}.",
                hint="Set NEWSROOM_COMMENTS_REVIEW_EMAIL to the address writers ask for a review at, e.g. "
                "\"moderation@news.example\", or leave it empty for the moderators' or the sender's address.",
                id="comments.E504",
            )
        )
    elif not review and not errors and "@" not in statement.review_email():
        errors.append(
            checks.Warning(
                "The statement of reasons names no address to ask for a review at: NEWSROOM_COMMENTS_REVIEW_EMAIL, "
                "NEWSROOM_COMMENTS_MODERATOR_EMAILS and DEFAULT_FROM_EMAIL are all empty.",
                hint="Set NEWSROOM_COMMENTS_REVIEW_EMAIL to the address writers ask for a review at.",
                id="comments.W505",
            )
        )
    return errors


@checks.register(checks.Tags.sites, checks.Tags.database)
def check_site_domain(app_configs, databases=None, **kwargs):
    """With ``DEBUG`` off, the current ``Site`` must be the host readers use (``comments.W205``).

    Confirmation and mute links, reply and moderation mail (unless
    ``NEWSROOM_COMMENTS_SITE_URL`` is set) and the comment permalink redirect
    (``/comments/cr/``) are built from the Site's domain: left at Django's
    ``example.com``, or at a host ``ALLOWED_HOSTS`` refuses, they send readers
    somewhere else. The Site lives in the database, so like Django's own
    database checks this one reads only the databases it is given
    (``check --database default``; ``migrate`` passes its database), and says
    nothing while the table does not exist yet.
    """
    site_id = getattr(settings, "SITE_ID", None)
    # Without SITE_ID each request's own host picks the Site, so there is nothing to get wrong.
    if settings.DEBUG or not databases or site_id is None or not apps.is_installed("django.contrib.sites"):
        return []
    Site = apps.get_model("sites", "Site")
    warnings = []
    for alias in databases:
        if not router.allow_migrate_model(alias, Site):
            continue
        try:
            domain = Site.objects.using(alias).filter(pk=site_id).values_list("domain", flat=True).first()
        except DatabaseError:  # not migrated yet: migrate runs the checks before it creates the table
            continue
        host, _port = split_domain_port(domain or "")
        if domain is None:
            problem = f"There is no Site with SITE_ID = {site_id!r}"  # get_current_site() fails on every page
        elif host == "example.com":
            problem = "The current Site's domain is still Django's placeholder, 'example.com'"
        elif not host or not validate_host(host, settings.ALLOWED_HOSTS):
            problem = f"The current Site's domain {domain!r} is not a host ALLOWED_HOSTS accepts"
        else:
            continue
        warnings.append(
            checks.Warning(
                f"{problem}: links in comment mail and comment redirects would point elsewhere.",
                hint="Set the domain of the Site with SITE_ID (admin → Sites) to the host readers use, "
                "e.g. news.example, and list that host in ALLOWED_HOSTS.",
                obj=f"database {alias!r}",
                id="comments.W205",
            )
        )
    return warnings


@checks.register()
def check_spam_filter_installed(app_configs, **kwargs):
    """The comment core judges every comment through the spam filter, an app of its own."""
    if apps.is_installed("comments.spam"):
        return []
    return [
        checks.Error(
            "The comments app needs its spam filter app, which is not installed.",
            hint='Add "comments.spam" to INSTALLED_APPS, after "comments".',
            id="comments.E021",
        )
    ]


# --- What a site must wire up to use the app (``comments.E4xx``) ---------------------------------------------------


@checks.register(checks.Tags.compatibility)
def check_comment_model(app_configs, **kwargs):
    """django-contrib-comments must hand out this app's ``Comment`` (``comments.E401``, ``comments.E402``).

    Otherwise ``django_comments.get_model()``, which django-comments-xtd and the
    spam filter's duplicate check and Akismet feedback call, quietly reads
    another table.
    """
    app = getattr(settings, "COMMENTS_APP", django_comments.DEFAULT_COMMENTS_APP)
    if app != "django_comments_xtd":
        return [
            checks.Error(
                f"COMMENTS_APP is {app!r}, so django_comments.get_model() is not the comments app's Comment.",
                hint='Set COMMENTS_APP = "django_comments_xtd" (and COMMENTS_XTD_MODEL = "comments.models.Comment").',
                id="comments.E401",
            )
        ]
    # A COMMENTS_XTD_MODEL that does not import needs no check: django-comments-xtd's ready() fails first.
    model = django_comments.get_model()
    if model is Comment:
        return []
    value = getattr(settings, "COMMENTS_XTD_MODEL", None)
    return [
        checks.Error(
            f"COMMENTS_XTD_MODEL is {'not set' if value is None else repr(value)}, so django_comments.get_model() "
            f"is {model._meta.label}, not the comments app's Comment.",
            hint='Set COMMENTS_XTD_MODEL = "comments.models.Comment".',
            id="comments.E402",
        )
    ]


@checks.register(checks.Tags.compatibility)
def check_app_order(app_configs, **kwargs):
    """The order of the comment apps in ``INSTALLED_APPS`` (``comments.E403``, ``comments.W404``).

    Missing apps need no check: importing the models fails before any check runs.
    """
    names = [app_config.name for app_config in apps.get_app_configs()]
    xtd, contrib, ours = (names.index(name) for name in ("django_comments_xtd", "django_comments", "comments"))
    errors = []
    if xtd > ours:
        # Apps are made ready in this order: CommentsConfig.ready() must undo what xtd's ready() connects.
        errors.append(
            checks.Error(
                '"django_comments_xtd" comes after "comments" in INSTALLED_APPS, so django-comments-xtd connects '
                "its handler that copies a parent's visibility onto replies after the comments app removed it: "
                "saving an approved comment would publish its held replies.",
                hint='List "django_comments_xtd" before "comments" in INSTALLED_APPS.',
                id="comments.E403",
            )
        )
    if contrib < xtd:
        errors.append(
            checks.Warning(
                '"django_comments" comes before "django_comments_xtd" in INSTALLED_APPS, so django-comments-xtd\'s '
                "comments/*.html templates do not replace django-contrib-comments' own.",
                hint='List "django_comments_xtd" before "django_comments", as django-comments-xtd asks.',
                id="comments.W404",
            )
        )
    return errors


@checks.register(checks.Tags.sites)
def check_site_id(app_configs, **kwargs):
    """Mail is sent outside any request, so the current Site comes from ``SITE_ID`` (``comments.E405``).

    Its domain starts the links in comment mail (unless
    ``NEWSROOM_COMMENTS_SITE_URL`` is set) and its name signs the mail (unless
    the site sets ``NEWSROOM_SITE_NAME``).
    """
    if getattr(settings, "SITE_ID", None) is not None:
        return []
    if conf.get("NEWSROOM_COMMENTS_SITE_URL") and getattr(settings, "NEWSROOM_SITE_NAME", ""):
        return []
    return [
        checks.Error(
            "SITE_ID is not set, so comment mail (and Akismet) cannot find the current Site outside a request.",
            hint="Set SITE_ID to the id of your Site (usually 1), or set both NEWSROOM_COMMENTS_SITE_URL "
            "and NEWSROOM_SITE_NAME.",
            id="comments.E405",
        )
    ]


@checks.register()
def check_tasks_setting(app_configs, **kwargs):
    """Mail and re-checks are tasks: without ``TASKS`` they run inside the request (``comments.W406``).

    django-tasks then falls back to its immediate backend, which works but
    makes a reader wait for the mail server, and a comment held while a spam
    service is down is checked again only once. A ``TASKS`` without a usable
    ``default`` backend needs no check: ``comments.tasks`` fails to import.
    """
    tasks = getattr(settings, "TASKS", None)
    if tasks and tasks is not getattr(global_settings, "TASKS", None):  # what django-tasks itself tests
        return []
    return [
        checks.Warning(
            "TASKS is not set, so django-tasks runs comment mail and spam re-checks inside the request.",
            hint='Set TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}} and run manage.py '
            "db_worker, or name django_tasks.backends.immediate.ImmediateBackend in TASKS if that is what you want.",
            id="comments.W406",
        )
    ]


@checks.register(checks.Tags.urls)
def check_urls(app_configs, **kwargs):
    """The comment form posts to this app's view (``comments.E407``).

    django-contrib-comments' and django-comments-xtd's URLconfs use the same
    name for views that would save comments around the spam filter.
    """
    try:
        view = resolve(reverse("comments-post-comment")).func
    except NoReverseMatch:
        problem = 'The comments app\'s URLs are not mounted: reverse("comments-post-comment") fails.'
    else:
        if view is views.post_comment:
            return []
        name = f"{getattr(view, '__module__', '')}.{getattr(view, '__qualname__', view)}"
        problem = f'"comments-post-comment" leads to {name}, not the comments app\'s view.'
    return [
        checks.Error(
            problem,
            hint='Add path("comments/", include("comments.urls")) to the URLconf, and do not mount '
            "django_comments.urls or django_comments_xtd.urls.",
            id="comments.E407",
        )
    ]


@checks.register()
def check_commentable_models(app_configs, **kwargs):
    """Every model that takes comments has an address readers find it at (``comments.E408``).

    A comment's permalink, the page a post returns to and the links in mail
    lead there (:meth:`comments.targets.Commentable.url`).
    """
    errors = []
    for commentable in targets.registered():
        url_overridden = type(commentable).url is not targets.Commentable.url
        if url_overridden or hasattr(commentable.model, "get_absolute_url"):
            continue
        errors.append(
            checks.Error(
                f"{commentable.model._meta.label} takes comments but has no get_absolute_url(), so comment "
                "permalinks and mail have nowhere to send readers.",
                hint=f"Give {commentable.model.__name__} a get_absolute_url() method, or override url() in "
                f"{type(commentable).__name__}.",
                obj=commentable.model,
                id="comments.E408",
            )
        )
    return errors


RECENT_HISTORY_CHECK = "comments.spam.checks.recent_history.RecentHistoryCheck"


@checks.register()
def check_commenter_settings(app_configs, **kwargs):
    """The commenter's record: the ban message and the "recent history" rule (``comments.E601``–``W605``)."""
    errors = []
    message = conf.get("NEWSROOM_COMMENTS_BANNED_MESSAGE")
    if not isinstance(message, str) or not message.strip():
        errors.append(
            checks.Error(
                f"NEWSROOM_COMMENTS_BANNED_MESSAGE is {message!r}.",
                hint="Set NEWSROOM_COMMENTS_BANNED_MESSAGE to the sentence a banned commenter reads, naming "
                "whom to write to if they think it is a mistake.",
                id="comments.E601",
            )
        )
    rate = conf.get("NEWSROOM_COMMENTS_RECENT_HISTORY_REJECTION_RATE")
    if rate is not None and not (_number(rate) and 0 <= rate <= 1):
        errors.append(
            checks.Error(
                f"NEWSROOM_COMMENTS_RECENT_HISTORY_REJECTION_RATE is {rate!r}.",
                hint="Set NEWSROOM_COMMENTS_RECENT_HISTORY_REJECTION_RATE to a share between 0 and 1 (e.g. 0.3: "
                "hold when 30 % of recent decided comments were removed), or None to turn the rule off.",
                id="comments.E602",
            )
        )
    entries = conf.get("NEWSROOM_SPAM_CHECKS")
    listed = (
        {e.get("NAME") if isinstance(e, dict) else e for e in entries} if isinstance(entries, list | tuple) else set()
    )
    if rate and RECENT_HISTORY_CHECK not in listed:
        errors.append(
            checks.Warning(
                "NEWSROOM_COMMENTS_RECENT_HISTORY_REJECTION_RATE is set, but NEWSROOM_SPAM_CHECKS does not list "
                "the check that applies it.",
                hint=f'Add "{RECENT_HISTORY_CHECK}" to NEWSROOM_SPAM_CHECKS, after the first-comment check.',
                id="comments.W605",
            )
        )
    for name, unit, check_id in (
        ("NEWSROOM_COMMENTS_RECENT_HISTORY_DAYS", "days", "comments.E603"),
        ("NEWSROOM_COMMENTS_RECENT_HISTORY_MIN_COMMENTS", "comments", "comments.E604"),
    ):
        value = conf.get(name)
        if not _whole(value, minimum=1):
            errors.append(
                checks.Error(
                    f"{name} is {value!r}.",
                    hint=f"Set {name} to a whole number of {unit}, 1 or more (default {conf.DEFAULTS[name]}).",
                    id=check_id,
                )
            )
    return errors
