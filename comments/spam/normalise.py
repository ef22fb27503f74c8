"""Turn comment text into the plain, comparable form every content check reads.

The same steps run before learning and before scoring, so a spammer cannot
slip past by dressing text up, and the classifier never learns artefacts of
how text was typed or copied::

    >>> normalise("Ｆree&nbsp;<b>stuff</b>\\ufeff at https://www.Example.com/x?y=1")
    'free stuff at example.com'

1. Unicode NFKC (full-width and styled letters become plain ones);
2. zero-width characters (incl. U+FEFF, the byte-order mark) removed;
3. HTML entities decoded and tags stripped (a link's target is kept as text);
4. every URL reduced to its domain without ``www.``;
5. lower-cased, runs of white space collapsed.

:func:`text_hash` goes one step further for spotting the same comment posted
again: punctuation and symbols are dropped too (:func:`duplicate_key`), so
"Great article." and "great article!!" are one text.
"""

import hashlib
import html
import re
import unicodedata
from functools import lru_cache
from urllib.parse import urlsplit

# Zero-width and invisible formatting characters that change nothing a reader sees.
ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad"))

_HREF = re.compile(r"""<a\s[^>]*?href\s*=\s*["']?([^"'\s>]+)[^>]*>""", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
# A URL with a scheme, or a bare "www." host; both are reduced to their domain.
URL = re.compile(r"(?:(?:https?|ftp)://|www\.)[^\s<>\"']+", re.IGNORECASE)
# A bare domain such as "example.com/path" (a common trick to dodge link counters).
BARE_DOMAIN = re.compile(
    r"\b((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:com|net|org|info|biz|ru|cn|co|io|ly|me|tk|xyz|top|us|uk|de|"
    r"fr|tv|gl|gd|be|ws|cc|in|eu|online|site|club|shop|app|link))\b(?:/[^\s<>\"']*)?",
    re.IGNORECASE,
)
_SPACE = re.compile(r"\s+")


def domain_of(url):
    """The host of ``url`` in lower case without ``www.``; ``""`` when there is none."""
    url = url.strip()
    if not url:
        return ""
    if "://" not in url:
        url = "http://" + url
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    host = host.rstrip(".").lower()
    return host.removeprefix("www.")


def plain_text(text):
    """``text`` without markup, entities or invisible characters, case and URLs kept (steps 1 to 3)."""
    text = unicodedata.normalize("NFKC", text).translate(ZERO_WIDTH)
    # Entities twice: "&amp;lt;" is a common way to smuggle markup through one decoding.
    text = html.unescape(html.unescape(text))
    text = _HREF.sub(lambda m: f" {m.group(1)} ", text)
    text = _TAG.sub(" ", text)
    # Decoding entities may expose more zero-width characters ("&#xfeff;").
    return unicodedata.normalize("NFKC", text).translate(ZERO_WIDTH)


def find_urls(text):
    """Every link in ``text`` (HTML or plain) as written, after the same clean-up ``normalise`` does."""
    return list(_find_urls(text))


@lru_cache(maxsize=256)
def _find_urls(text):
    # Several checks ask about the links of one comment; looking for bare domains is the costly part.
    plain = plain_text(text)
    urls = [m.group(0).rstrip(".,;:!?)]}") for m in URL.finditer(plain)]
    rest = URL.sub(" ", plain)
    urls.extend(m.group(0).rstrip(".,;:!?)]}") for m in BARE_DOMAIN.finditer(rest))
    return tuple(urls)


@lru_cache(maxsize=256)
def normalise(text):
    """``text`` as the content checks and the classifier see it (see the module docstring)."""
    plain = plain_text(text)
    plain = URL.sub(lambda m: f" {domain_of(m.group(0)) or 'link'} ", plain)
    plain = BARE_DOMAIN.sub(lambda m: f" {domain_of(m.group(0))} ", plain)
    return _SPACE.sub(" ", plain.lower()).strip()


def duplicate_key(text):
    """``normalise(text)`` without punctuation or symbols: what two texts share when one is a repeat of the other.

    A repeat often differs only in its punctuation ("." for "!", an added
    "?!"), which says nothing new. A text that is nothing but punctuation
    or emoji keeps them, so "👍" and "👎" stay two different comments.
    """
    normalised = normalise(text or "")
    folded = "".join(" " if unicodedata.category(char)[0] in "PSZ" else char for char in normalised)
    return " ".join(folded.split()) or normalised


def text_hash(text):
    """A short fingerprint of :func:`duplicate_key`, stored on every comment (indexed) to find repeats."""
    return hashlib.sha256(duplicate_key(text).encode()).hexdigest()[:32]
