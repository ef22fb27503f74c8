"""What the filter remembers about who posted and what they linked to (:class:`comments.spam.models.SpamMemory`).

Keys are ``(kind, value)`` pairs: ``("user", "42")``, ``("email", "ann@example.com")``,
``("ip", "203.0.113.9")``, ``("domain", "example.net")``, stored as one
``"kind:value"`` column. E-mail and IP addresses are stored only as keyed
hashes (HMAC with the site's ``SECRET_KEY``): the filter can recognise an
address it has seen, but its tables reveal no one's address. (A new
``SECRET_KEY`` makes it forget them; ``manage.py train_spam_classifier``
relearns from the comments.) Moderators' decisions add to the counts
(:mod:`comments.spam.learning`); checks read them with one indexed query::

    lookup([("email", "ann@example.com"), ("ip", "203.0.113.9")])
    # {("email", "ann@example.com"): (0, 3)}   (spam, ham)

Within one pipeline run (:func:`one_run`) answers are memoised, so the
trusted, spam-memory and first-comment checks share one query
(:func:`lookup_submission`).
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models import F
from django.utils.crypto import constant_time_compare, salted_hmac

from comments.spam.domains import foreign_links, is_own, own_domains
from comments.spam.fastread import select_in
from comments.spam.models import SpamMemory
from comments.spam.normalise import domain_of

USER, EMAIL, IP, DOMAIN = "user", "email", "ip", "domain"
PRIVATE = {EMAIL, IP}
MAX_VALUE = 254

_run_memo = ContextVar("spam_memory_run_memo", default=None)


def identity_keys(*, user_id=None, email=""):
    """The keys that say who wrote: the account and the e-mail address."""
    keys = []
    if user_id:
        keys.append((USER, str(user_id)))
    if email and email.strip():
        keys.append((EMAIL, email.strip().lower()[:MAX_VALUE]))
    return keys


def email_proof(email):
    """The keyed hash of ``email`` that the trust cookie carries: it names the address without revealing it."""
    value = (email or "").strip().lower()[:MAX_VALUE]
    return salted_hmac("newsroom.comments.trust", value, algorithm="sha256").hexdigest()[:40] if value else ""


def proven_identity_keys(submission, *, match_email=True):
    """The identity keys the poster has shown they hold, for the checks that reward a good record.

    An account is proven by signing in. An e-mail address can be typed by
    anyone, so it counts only when the browser's signed trust cookie names
    it (``Submission.trust_email_hash``, given when a comment from that
    browser was approved).
    """
    proof = submission.trust_email_hash
    proven = bool(match_email and proof and constant_time_compare(proof, email_proof(submission.author_email)))
    return identity_keys(user_id=submission.user_id, email=submission.author_email if proven else "")


def content_keys(*, ip_address=None, text="", url="", name=""):
    """The keys about where a comment came from and pointed to: IP address and linked domains.

    The domains are those of the links in the text, of the website given and of a web address given as
    the name ("cheapdeals.com" is a common name for a spammer to give).
    """
    keys = []
    if ip_address:
        keys.append((IP, str(ip_address)))
    own = own_domains()
    domains = {domain for _, domain in foreign_links(text, own=own)}
    if name:
        domains.update(domain for _, domain in foreign_links(name, own=own))
    author_domain = domain_of(url) if url else ""
    if author_domain and not is_own(author_domain, own=own):
        domains.add(author_domain)
    keys.extend((DOMAIN, d[:MAX_VALUE]) for d in sorted(domains))
    return keys


def submission_keys(submission):
    """Every key a submission has: account, e-mail address, IP address and linked domains."""
    return identity_keys(user_id=submission.user_id, email=submission.author_email) + content_keys(
        ip_address=submission.ip_address, text=submission.text, url=submission.author_url, name=submission.author_name
    )


def lookup_submission(submission):
    """:func:`lookup` for all of :func:`submission_keys`: the checks that read the memory share this one query."""
    memo = _run_memo.get()
    if memo is None:
        return lookup(submission_keys(submission))
    memo_key = ("submission", id(submission))
    if memo_key not in memo:
        memo[memo_key] = lookup(submission_keys(submission))
    return memo[memo_key]


def column(key):
    """How ``(kind, value)`` is stored: personal data (e-mail, IP address) as a keyed hash."""
    kind, value = key
    if kind in PRIVATE:
        value = salted_hmac("newsroom.spam.memory", f"{kind}:{value}", algorithm="sha256").hexdigest()[:40]
    return f"{kind}:{value}"


def columns(keys):
    return sorted({column(tuple(k)) for k in keys})


@contextmanager
def one_run():
    """Memoise lookups until the block ends (one pipeline run: the counts cannot change meanwhile)."""
    token = _run_memo.set({})
    try:
        yield
    finally:
        _run_memo.reset(token)


def lookup(keys):
    """``{(kind, value): (spam_count, ham_count)}`` for the keys that have been seen; one query."""
    keys = list(dict.fromkeys(tuple(k) for k in keys))
    if not keys:
        return {}
    memo = _run_memo.get()
    if memo is not None and all(k in memo for k in keys):
        return {k: memo[k] for k in keys if memo[k] is not None}
    by_column = {column(k): k for k in keys}
    rows = select_in(SpamMemory, ["key", "spam_count", "ham_count"], key="key", values=list(by_column))
    found = {by_column[column]: (spam, ham) for column, spam, ham in rows}
    if memo is not None:
        memo.update({k: found.get(k) for k in keys})
    return found


def remember(stored, *, label, delta=1):
    """Count one comment of ``label`` ("spam" or "ham") for each stored key (:func:`columns`); race-free.

    ``delta=-1`` forgets it again.
    """
    stored = sorted(set(stored))
    if not stored:
        return
    field = "spam_count" if label == "spam" else "ham_count"
    if delta > 0:
        SpamMemory.objects.bulk_create([SpamMemory(key=key) for key in stored], ignore_conflicts=True)
        SpamMemory.objects.filter(key__in=stored).update(**{field: F(field) + delta})
    else:
        SpamMemory.objects.filter(key__in=stored, **{f"{field}__gte": -delta}).update(**{field: F(field) + delta})
