"""The seam between the spam filter and the Akismet service (the ``akismet`` package).

Everything that talks to Akismet goes through :func:`get_client`, which builds
the client class named by ``NEWSROOM_AKISMET_CLIENT_CLASS`` with the site's key,
address and a short timeout. Tests point that setting at the library's own
``akismet.TestSyncClient`` (its pytest plugin's ``akismet_sync_class``
fixture), so no test ever reaches the network::

    payload = payload_for(submission)   # what Akismet recommends, no network
    answer = check(payload)             # akismet.CheckResponse; raises akismet.AkismetError when down
    submit(payload, is_spam=True)       # a moderator's correction

Akismet is only used when ``NEWSROOM_AKISMET_KEY`` is set.
"""

from datetime import UTC

import akismet
import httpx
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils.module_loading import import_string

from articles.origin import public_origin
from comments import conf

#: Arguments the client adds itself (``blog``) or takes positionally (``user_ip``).
_NOT_KEYWORDS = {"blog", "user_ip"}


def is_configured():
    return bool(conf.get("NEWSROOM_AKISMET_KEY"))


def site_url():
    """The site address registered with Akismet (``blog``)."""
    url = conf.get("NEWSROOM_AKISMET_SITE_URL") or conf.get("NEWSROOM_COMMENTS_SITE_URL")
    if url:
        return url.rstrip("/") + "/"
    return public_origin() + "/"


def timeout():
    return min(float(conf.get("NEWSROOM_AKISMET_TIMEOUT")), 2.0)


def get_client():
    """A ready Akismet client; replace ``NEWSROOM_AKISMET_CLIENT_CLASS`` to inject another."""
    client_class = conf.get("NEWSROOM_AKISMET_CLIENT_CLASS")
    if isinstance(client_class, str):
        client_class = import_string(client_class)
    config = akismet.Config(key=conf.get("NEWSROOM_AKISMET_KEY"), url=site_url())
    http_client = httpx.Client(headers={"User-Agent": akismet.USER_AGENT}, timeout=timeout())
    return client_class(config=config, http_client=http_client)


def _gmt(moment):
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else ""


def _post_modified(submission):
    """When the commented-on object last changed, if it says (``updated_at``)."""
    if not submission.content_type_id or not submission.object_pk:
        return None
    model = ContentType.objects.get_for_id(submission.content_type_id).model_class()
    if model is None or not any(f.name == "updated_at" for f in model._meta.get_fields()):
        return None
    return model._default_manager.filter(pk=submission.object_pk).values_list("updated_at", flat=True).first()


def payload_for(submission):
    """The comment-check arguments Akismet recommends, as a JSON-able dict (stored on the comment)."""
    payload = {
        "blog": site_url(),
        "user_ip": submission.ip_address or "",
        "user_agent": submission.user_agent,
        "referrer": submission.referrer,
        "permalink": submission.permalink,
        "comment_type": "comment",
        "comment_author": submission.author_name,
        "comment_author_email": submission.author_email,
        "comment_author_url": submission.author_url,
        "comment_content": submission.text,
        "comment_date_gmt": _gmt(submission.submitted_at),
        "comment_post_modified_gmt": _gmt(_post_modified(submission)),
        "blog_lang": (submission.language or settings.LANGUAGE_CODE).split("-")[0],
        "blog_charset": "UTF-8",
        # The client accepts the honeypot field's name but has no argument for its value.
        "honeypot_field_name": conf.get("NEWSROOM_SPAM_HONEYPOT_FIELD"),
    }
    if submission.user_is_staff:
        payload["user_role"] = "administrator"
    return {key: value for key, value in payload.items() if value not in ("", None)}


def _arguments(payload):
    return {key: value for key, value in payload.items() if key not in _NOT_KEYWORDS and value not in ("", None)}


def check(payload, *, client=None, recheck_reason=""):
    """Ask Akismet about ``payload``: an ``akismet.CheckResponse``. Raises ``akismet.AkismetError`` when down."""
    client = client or get_client()
    arguments = _arguments(payload)
    if recheck_reason:
        arguments["recheck_reason"] = recheck_reason
    return client.comment_check(payload.get("user_ip", ""), **arguments)


def submit(payload, *, is_spam, client=None):
    """Tell Akismet it got ``payload`` wrong: submit-spam or submit-ham. Raises ``akismet.AkismetError``."""
    client = client or get_client()
    send = client.submit_spam if is_spam else client.submit_ham
    return send(payload.get("user_ip", ""), **_arguments(payload))
