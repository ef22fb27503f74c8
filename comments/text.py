"""Turning a reader's plain text into safe HTML.

Everything is escaped; blank lines make paragraphs, single line breaks stay
line breaks, and http(s) addresses become links marked ``rel="nofollow ugc"``
(links written by users, which search engines should not credit). Nothing but
``http://`` and ``https://`` ever becomes a link::

    >>> comment_html("See https://example.com/a.\\n\\n<b>hi</b>")
    '<p>See <a href="https://example.com/a" rel="nofollow ugc">https://example.com/a</a>.</p>\\n<p>&lt;b&gt;hi&lt;/b&gt;</p>'
"""

import re
from urllib.parse import urlsplit

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

_URL = re.compile(r"\bhttps?://[^\s<>\"']+", re.IGNORECASE)
_TRAILING = ".,;:!?'\")]}"
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_SHOWN_URL_LENGTH = 60


def safe_url(url):
    """``url`` if it is an http(s) address with a host, else ``""`` (never ``javascript:`` or ``data:``)."""
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
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    paragraphs = [p.strip("\n") for p in _PARAGRAPH_BREAK.split(text) if p.strip()]
    return mark_safe("\n".join(f"<p>{linkify(p).replace(chr(10), '<br>')}</p>" for p in paragraphs))
