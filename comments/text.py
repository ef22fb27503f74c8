"""Turning a reader's plain text into safe HTML.

Everything is escaped; blank lines make paragraphs, single line breaks stay
line breaks, and http(s) addresses become links marked ``rel="nofollow ugc"``
(links written by users, which search engines should not credit). Nothing but
``http://`` and ``https://`` ever becomes a link::

    >>> comment_html("See https://example.com/a.\\n\\n<b>hi</b>")
    '<p>See <a href="https://example.com/a" rel="nofollow ugc">https://example.com/a</a>.</p>\\n<p>&lt;b&gt;hi&lt;/b&gt;</p>'

Mail is another matter: it goes to an address anyone may have typed, and mail
clients turn anything that looks like an address into a link, so mail quotes
a reader's words only through :func:`mail_excerpt`, every link taken out.
"""

import html
import re
from urllib.parse import urlsplit

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from comments.spam.normalise import BARE_DOMAIN, URL, plain_text

_URL = re.compile(r"\bhttps?://[^\s<>\"']+", re.IGNORECASE)
_TRAILING = ".,;:!?'\")]}"
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_SHOWN_URL_LENGTH = 60

#: Characters of a comment that mail quotes (the confirmation mail), links taken out.
MAIL_EXCERPT_LENGTH = 200
_LINK_REMOVED = "[link removed]"
# What a mail client may turn into a link beyond normalise.URL / BARE_DOMAIN: any
# name.tld (with look-alike dots), an address with an @, a bare IPv4 address.
_DOT = r"[.\u3002\uff0e\uff61]"
_LINKISH = re.compile(
    rf"(?:[\w.+-]+@)?\b(?:[\w-]+{_DOT})+(?:[^\W\d_]{{2,}}|xn--[a-z0-9-]+)\b(?:[/?#:]\S*)?"
    rf"|\b\d{{1,3}}(?:{_DOT}\d{{1,3}}){{3}}\b(?:[/?#:]\S*)?"
    r"|\b(?:mailto|tel|sms|callto|skype|data|javascript):\S+",
    re.IGNORECASE,
)


def safe_url(url):
    """``url`` if it is an http(s) address with a host, else ``""`` (never ``javascript:`` or ``data:``)."""
    if not url:
        return ""  # most commenters give no website
    try:
        parts = urlsplit((url or "").strip())
    except ValueError:
        return ""
    return url.strip() if parts.scheme.lower() in {"http", "https"} and parts.netloc else ""


def _link(url):
    shown = url if len(url) <= _SHOWN_URL_LENGTH else url[: _SHOWN_URL_LENGTH - 1] + "…"
    return format_html('<a href="{}" rel="nofollow ugc">{}</a>', url, shown)


def _split_trailing(url):
    """Leave sentence punctuation after an address outside the link; keep balanced brackets."""
    trail = ""
    while url and url[-1] in _TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        trail = url[-1] + trail
        url = url[:-1]
    return url, trail


def linkify(text):
    """Escape ``text`` and turn its http(s) addresses into nofollow links."""
    if "://" not in text:
        # Most comments have no address: escaped as Django's escape() does, without its lazy-string wrapper.
        return html.escape(text)
    out = []
    position = 0
    for match in _URL.finditer(text):
        url, trail = _split_trailing(match.group(0))
        out.append(escape(text[position : match.start()]))
        out.append(_link(url) if safe_url(url) else escape(url))
        out.append(escape(trail))
        position = match.end()
    out.append(escape(text[position:]))
    return "".join(out)


def comment_html(text):
    """Paragraphs and line breaks of escaped, linkified text, safe to put in a page."""
    return mark_safe(comment_markup(text))


def comment_markup(text):
    """:func:`comment_html` as a plain string, for a writer that joins a hundred of them into one safe page."""
    text = (text or "").strip()
    if "\n" not in text and "\r" not in text and "://" not in text:
        # One paragraph without an address, as most comments are: escaped, nothing to split or link.
        return f"<p>{html.escape(text)}</p>" if text else ""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    paragraphs = [p.strip("\n") for p in _PARAGRAPH_BREAK.split(text) if p.strip()]
    return "\n".join(f"<p>{linkify(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)


def mail_excerpt(text, *, length=MAIL_EXCERPT_LENGTH):
    """At most ``length`` characters of ``text`` as plain text, every link (or what looks like one) removed."""
    plain = plain_text(text)
    for pattern in (URL, BARE_DOMAIN, _LINKISH):
        plain = pattern.sub(_LINK_REMOVED, plain)
    return Truncator(" ".join(plain.split())).chars(length)
