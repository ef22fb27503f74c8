"""A minimal project that installs the Newsroom apps without the host site.

Nothing here comes from ``newsroom/``: if the apps needed anything from the
host site, this project would fail to start.
"""

from pathlib import Path

import django

SECRET_KEY = "plugin-boundary-test"
DEBUG = False
ALLOWED_HOSTS = ["testserver"]
ROOT_URLCONF = "tests.plugin.urls"
SITE_ID = 1
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    "taggit",
    "imagekit",
    "django_prose_editor",
    "reversion",
    "django_comments_xtd",
    "django_comments",
    "django_tasks",
    "django_tasks_db",
    "articles",
    "comments",
    "comments.spam",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [Path(__file__).resolve().parent / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.context_processors.site",  # {{ site_name }} in the apps' pages (articles.E021)
            ]
        },
    }
]
STATIC_URL = "/static/"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_MODEL = "comments.models.Comment"
COMMENTS_XTD_MAX_THREAD_LEVEL = 2  # replies three deep, as NEWSROOM_COMMENTS_MAX_DEPTH (comments.W001)
if django.VERSION >= (6, 1):  # MAILERS replaces the deprecated EMAIL_* settings
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
else:
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
