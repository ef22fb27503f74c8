"""Settings for the Newsroom host site.

Everything that differs between a laptop and production comes from the
environment (see README, "Production settings"); the defaults are safe for
local use only: DEBUG on, SQLite, local-memory cache, mail to the console.
"""

import warnings
from datetime import timedelta
from pathlib import Path

import django
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from newsroom.env import env_bool, env_cache, env_database, env_int, env_list, env_networks, env_str, local_secret_key
from newsroom.middleware import TRUSTED_PROXIES_DEFAULT

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=True)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is empty. With DEBUG=0 set SECRET_KEY to a long random string, e.g. "
            'python3 -c "import secrets; print(secrets.token_urlsafe(50))".'
        )
    # Local use only: random, made once per checkout into an ignored file only its owner can read.
    SECRET_KEY = local_secret_key(BASE_DIR / ".secret_key")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "taggit",
    "imagekit",
    "django_prose_editor",
    "reversion",
    "django_comments_xtd",
    "django_comments",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "axes",
    "articles",
    "comments",
    "comments.spam",
    # The host site: the demo newsroom and the site-only commands (load_demo, ensure_admin, generate_archive).
    "newsroom",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Cached reader pages are answered here, before sessions, CSRF and CSP run.
    "articles.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into a 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.context_processors.site",
            ],
        },
    },
]

DATABASES = {"default": env_database("DATABASE_URL", default="sqlite:///db.sqlite3", base_dir=BASE_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env_cache("CACHE_URL")}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes first: it refuses a locked-out username+IP before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env_str("TIME_ZONE", default="Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "newsroom.staticfiles.ManifestStaticFilesStorage"
        )
    },
}

# Mail: the console locally, SMTP in production (Django 6.1's deployment checks refuse the console there).
# Django 6.1 reads the default mailer from MAILERS and deprecates the EMAIL_* settings, which Django
# before 6.1 reads instead.
smtp_backend = "django.core.mail.backends.smtp.EmailBackend"
mail_backend = env_str(
    "EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend" if DEBUG else smtp_backend
)
smtp_options = {
    "host": env_str("EMAIL_HOST", default="localhost"),
    "port": env_int("EMAIL_PORT", default=25, minimum=1),
    "username": env_str("EMAIL_HOST_USER"),
    "password": env_str("EMAIL_HOST_PASSWORD"),
    "use_tls": env_bool("EMAIL_USE_TLS", default=False),
    "timeout": 10,
}
if django.VERSION >= (6, 1):
    # A mailer refuses options its backend does not take: only Django's SMTP backend takes these.
    MAILERS = {
        "default": {
            "BACKEND": mail_backend,
            "OPTIONS": smtp_options if mail_backend == smtp_backend else {},
        }
    }
else:
    EMAIL_BACKEND = mail_backend
    EMAIL_HOST = smtp_options["host"]
    EMAIL_PORT = smtp_options["port"]
    EMAIL_HOST_USER = smtp_options["username"]
    EMAIL_HOST_PASSWORD = smtp_options["password"]
    EMAIL_USE_TLS = smtp_options["use_tls"]
    EMAIL_TIMEOUT = smtp_options["timeout"]
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", default="Newsroom <newsroom@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work (mail, re-checks, privacy clean-up) runs through
# django-tasks' database backend: no broker, `manage.py db_worker` runs it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Comments: django-comments-xtd on top of django-contrib-comments.
COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_MODEL = "comments.models.Comment"
COMMENTS_XTD_MAX_THREAD_LEVEL = 2  # replies three deep: levels 0, 1 and 2
COMMENTS_XTD_CONFIRM_EMAIL = env_bool("COMMENTS_CONFIRM_EMAIL", default=False)
COMMENTS_XTD_SALT = env_str("COMMENTS_XTD_SALT", default="newsroom-comments").encode()
COMMENTS_XTD_FROM_EMAIL = DEFAULT_FROM_EMAIL
COMMENTS_XTD_CONTACT_EMAIL = DEFAULT_FROM_EMAIL
COMMENTS_XTD_LIST_ORDER = ("thread_id", "order")
COMMENT_MAX_LENGTH = 10_000
# A second comment from one IP or e-mail address this soon is refused (429); 0 turns it off (load tests).
NEWSROOM_COMMENTS_FLOOD_SECONDS = env_int("COMMENTS_FLOOD_SECONDS", default=15, minimum=0)
# At most this many comments per IP address per hour in production; off locally, where one
# machine plays every reader (the demo, load tests).
NEWSROOM_COMMENTS_MAX_PER_HOUR_PER_IP = env_int("COMMENTS_MAX_PER_HOUR_PER_IP", default=0 if DEBUG else 30, minimum=0)
# The confirmation mail (when on) is sent in the request, after the spam filter, not in a thread.
COMMENTS_XTD_THREADED_EMAILS = False
# Listing pages show each article's number of approved comments.
NEWSROOM_ARTICLE_LIST_DECORATORS = ["comments.counts.attach_comment_counts"]
NEWSROOM_PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", default=300, minimum=0)
# The shared HTTP cache in front (deploy/nginx.conf, deploy/varnish.vcl, a CDN): what purges it and how long it
# keeps a page (empty: an hour with Varnish or Fastly, a minute otherwise); articles/pagecache/conf.py has the rest.
NEWSROOM_SHARED_CACHE_PURGE = env_str("SHARED_CACHE_PURGE") or None
NEWSROOM_SHARED_CACHE_SECONDS = env_int("SHARED_CACHE_SECONDS", default=None, minimum=0)
NEWSROOM_SHARED_CACHE_VARNISH_URLS = env_list("SHARED_CACHE_VARNISH_URLS")
NEWSROOM_SHARED_CACHE_FASTLY_SERVICE_ID = env_str("SHARED_CACHE_FASTLY_SERVICE_ID")
NEWSROOM_SHARED_CACHE_FASTLY_API_TOKEN = env_str("SHARED_CACHE_FASTLY_API_TOKEN")
NEWSROOM_SHARED_CACHE_FASTLY_SOFT_PURGE = env_bool("SHARED_CACHE_FASTLY_SOFT_PURGE", default=False)
# The spam filter's optional services (comments/conf.py documents the rest): each is off while its key is empty.
NEWSROOM_AKISMET_KEY = env_str("AKISMET_KEY")
NEWSROOM_AKISMET_SITE_URL = env_str("AKISMET_SITE_URL")
NEWSROOM_RECAPTCHA_PUBLIC_KEY = env_str("RECAPTCHA_PUBLIC_KEY")
NEWSROOM_RECAPTCHA_PRIVATE_KEY = env_str("RECAPTCHA_PRIVATE_KEY")
NEWSROOM_RECAPTCHA_VERSION = env_str("RECAPTCHA_VERSION", default="v3")
# django-recaptcha waits 10 s for Google by default; the spam filter treats a slow answer as no signal.
RECAPTCHA_VERIFY_REQUEST_TIMEOUT = 3

# The site's own name, shown in the header, feeds and mail.
NEWSROOM_SITE_NAME = env_str("SITE_NAME", default="The Daily Ledger")

# Production hardening: on whenever DEBUG is off.
# Behind reverse proxies the reader's address and HTTPS come from X-Forwarded-For and X-Forwarded-Proto,
# believed only from these addresses or networks (newsroom/middleware.py; gunicorn.conf.py gives gunicorn
# the same list). Rate limits and the login lockout key on the reader's address, not the proxy's.
NEWSROOM_TRUSTED_PROXIES = env_networks("TRUSTED_PROXIES", default=TRUSTED_PROXIES_DEFAULT)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", default=False) else None
if env_bool("BEHIND_PROXY", default=False):
    # First: the forged headers of a client that is not a trusted proxy are gone before anything reads them.
    MIDDLEWARE.insert(0, "newsroom.middleware.client_ip_from_proxy")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", default=31_536_000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Login brute-force protection (django-axes): five failures from one IP for
# one username lock that pair out for an hour; other IPs are unaffected.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(hours=1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True

# Content Security Policy (django-csp): our own scripts and styles only, no
# inline code. NONCE lets a page opt in per request (the admin's import map
# for the prose editor); pages that never ask for a nonce get plain 'self'.
_CSP_SCRIPT_SRC = [SELF, NONCE]
_CSP_FRAME_SRC = [NONE]
if NEWSROOM_RECAPTCHA_PUBLIC_KEY:
    # The reCAPTCHA widget loads its script from Google and runs in a frame.
    _CSP_SCRIPT_SRC += ["https://www.google.com/recaptcha/", "https://www.gstatic.com/recaptcha/"]
    _CSP_FRAME_SRC = ["https://www.google.com/recaptcha/", "https://recaptcha.google.com/recaptcha/"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": _CSP_SCRIPT_SRC,
        # The one <style> the admin's prose editor (tiptap) injects; tests/browser/test_csp.py
        # recomputes this hash, so an upgrade that changes the style sheet fails there.
        "style-src": [SELF, "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"],
        "img-src": [SELF, "data:"],
        "frame-src": _CSP_FRAME_SRC,
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", default="WARNING")},
}

# django-contrib-comments 2.2 builds a URLField without assume_scheme, which
# Django 5.2 warns about; that one warning is the library's, not ours.
warnings.filterwarnings(
    "ignore",
    message=r"The default scheme will be changed from 'http' to 'https' in Django 6.0",
    module=r"django_comments\.forms",
)
