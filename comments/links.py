"""The signed links the comments app puts in mail: "confirm my comment", "stop these e-mails", "why was it removed".

Each link holds plain JSON signed with :mod:`django.core.signing` under its
own salt, and stops working after a maximum age from settings::

    key = links.confirmation_key(fields)    # in the confirmation mail
    data = links.read_confirmation(key)     # in the view; raises BadLink / ExpiredLink

    key = links.mute_key(comment)           # in a follow-up mail
    comment_pk = links.read_mute(key)

    key = links.statement_key(event)        # in the statement of reasons mail (comments.statement)
    comment_pk, event_pk = links.read_statement(key)

Why not django-comments-xtd's ``signed`` module: it pickles, so whoever can
sign a key (anyone who learns or guesses ``SECRET_KEY``) runs code on the
server by making it unpickle one. Nothing here ever unpickles; an old xtd
link fails the signature check before a byte of it is decoded.

Signed is not secret: anyone holding a link can read what it carries
(base64), and links end up in mail scanners, browser histories and server
logs. The mute link therefore carries only a comment id, the statement link
a comment id and the id of its history line that removed it. The confirmation
link carries the prepared comment (nothing is stored before the address is
confirmed), which the person the mail went to may read anyway, but not the
poster's address, browser or the data sent to Akismet: those stay on the
server under the link's random ``token`` (see ``comments.posting``).
"""

import zlib

from django.core import signing

from comments import conf

CONFIRM_SALT = "comments.links.confirm"
MUTE_SALT = "comments.links.mute"
STATEMENT_SALT = "comments.links.statement"
# Bumped when a link's contents change shape: older links are then refused, not misread.
# 2: the confirmation link names the model commented on (comments.targets).
VERSION = 2

#: What a confirmation link carries, each with the JSON type it must have (checked when read).
CONFIRM_FIELDS = {
    "content_type": str,  # "app_label.model_name", as the comment form names it
    "object_pk": str,
    "site_id": int,
    "user_name": str,
    "user_email": str,
    "user_url": str,
    "comment": str,
    "submit_date": str,  # ISO 8601
    "token": str,  # names the request data kept on the server
    "status": str,
    "spam_score": (int, float, type(None)),
    "spam_band": str,
    "spam_reasons": list,
    "reader_prompt": str,
    "followup": bool,
    "parent_id": int,
}


class BadLink(Exception):
    """The link is broken, forged, of an old format, or not one of ours."""


class ExpiredLink(BadLink):
    """The link was genuine but is older than its maximum age."""


def confirmation_key(data):
    """Sign ``data`` (a dict of :data:`CONFIRM_FIELDS`, JSON values only) for a confirmation link."""
    payload = {"v": VERSION, **{name: data[name] for name in CONFIRM_FIELDS}}
    return signing.dumps(payload, salt=CONFIRM_SALT, compress=True)


def read_confirmation(key):
    """The dict :func:`confirmation_key` signed, or :class:`BadLink` / :class:`ExpiredLink`."""
    payload = _load(key, salt=CONFIRM_SALT, max_age=conf.get("NEWSROOM_COMMENTS_CONFIRM_LINK_MAX_AGE"))
    for name, kind in CONFIRM_FIELDS.items():
        value = payload.get(name)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise BadLink(f"the link's {name!r} is missing or malformed")
    return {name: payload[name] for name in CONFIRM_FIELDS}


def mute_key(comment):
    """Sign the id of the comment whose writer wants no more follow-up mail on what it is on."""
    return signing.dumps({"v": VERSION, "comment": comment.pk}, salt=MUTE_SALT, compress=True)


def read_mute(key):
    """The comment id :func:`mute_key` signed, or :class:`BadLink` / :class:`ExpiredLink`."""
    payload = _load(key, salt=MUTE_SALT, max_age=conf.get("NEWSROOM_COMMENTS_MUTE_LINK_MAX_AGE"))
    pk = payload.get("comment")
    if not isinstance(pk, int) or isinstance(pk, bool) or not 0 < pk < 2**63:
        raise BadLink("the link names no comment")
    return pk


def statement_key(event):
    """Sign the ids of a removed comment and of the history line that removed it (a statement of reasons)."""
    payload = {"v": VERSION, "comment": event.comment_id, "event": event.pk}
    return signing.dumps(payload, salt=STATEMENT_SALT, compress=True)


def read_statement(key):
    """``(comment_pk, event_pk)`` :func:`statement_key` signed, or :class:`BadLink` / :class:`ExpiredLink`."""
    payload = _load(key, salt=STATEMENT_SALT, max_age=conf.get("NEWSROOM_COMMENTS_STATEMENT_LINK_MAX_AGE"))
    pks = payload.get("comment"), payload.get("event")
    if not all(isinstance(pk, int) and not isinstance(pk, bool) and 0 < pk < 2**63 for pk in pks):
        raise BadLink("the link names no decision")
    return pks


def _load(key, *, salt, max_age):
    try:
        payload = signing.loads(str(key), salt=salt, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise ExpiredLink(str(exc)) from None
    # ValueError and friends: a validly signed payload that does not decode (a key signed
    # by a differently configured serializer); never reached by a forged key.
    except (signing.BadSignature, ValueError, TypeError, zlib.error) as exc:
        raise BadLink(str(exc)) from None
    if not isinstance(payload, dict) or payload.get("v") != VERSION:
        raise BadLink("not a link of this version")
    return payload
