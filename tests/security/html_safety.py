"""Does a rendered page contain anything that could run? Parsed with the standard library's ``html.parser``.

``active_content(html)`` returns a list of problems (empty when the page is
safe), each naming the element, so an assertion message says what got
through. Allowed: scripts from our own ``/static/`` files, JSON-LD and JSON
data blocks that parse and contain no ``<``, style sheets from ``/static/``.
"""

import json
import re
from html.parser import HTMLParser

STATIC_PREFIX = "/static/"
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "ping",
    "cite",
    "longdesc",
    "manifest",
    "srcset",
}
FORBIDDEN_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "style", "svg", "math"}
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}
# Browsers drop ASCII whitespace and control characters inside a scheme ("jav\tascript:").
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]+")
_DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:")


def dangerous_url(value):
    return _IGNORED_IN_SCHEME.sub("", value or "").lower().startswith(_DANGEROUS_SCHEMES)


class _Inspector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.json_ld = []
        self.links = []  # (href, rel) of every <a>
        self._script = None  # (attrs, [chunks]) while inside a <script>

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        where = f"<{tag} {' '.join(f'{k}={v!r}' for k, v in attrs)}>"
        if tag in FORBIDDEN_ELEMENTS:
            self.problems.append(f"forbidden element {where}")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler {name} in {where}")
            if name == "srcdoc":
                self.problems.append(f"srcdoc in {where}")
            if name == "style":
                self.problems.append(f"inline style (blocked by the CSP, and a way in) in {where}")
            if name in URL_ATTRIBUTES and dangerous_url(value):
                self.problems.append(f"dangerous URL in {name} of {where}")
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            self.problems.append(f"meta refresh {where}")
        is_style_sheet = tag == "link" and "stylesheet" in (attributes.get("rel") or "").lower()
        if is_style_sheet and not (attributes.get("href") or "").startswith(STATIC_PREFIX):
            self.problems.append(f"style sheet from elsewhere {where}")
        if tag == "form" and not (attributes.get("action") or "/").startswith("/"):
            self.problems.append(f"form posting elsewhere {where}")
        if tag == "a":
            self.links.append((attributes.get("href") or "", attributes.get("rel") or ""))
        if tag == "script":
            self._script = (attributes, [])

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def handle_data(self, data):
        if self._script is not None:
            self._script[1].append(data)

    def handle_endtag(self, tag):
        if tag != "script" or self._script is None:
            return
        attributes, chunks = self._script
        self._script = None
        body = "".join(chunks)
        kind = (attributes.get("type") or "").lower()
        if kind in DATA_SCRIPT_TYPES:
            if "<" in body:
                self.problems.append(f"'<' inside a {kind} block: {body[:120]!r}")
            try:
                data = json.loads(body)
            except ValueError:
                self.problems.append(f"{kind} block that does not parse (broken out of?): {body[:120]!r}")
            else:
                if kind == "application/ld+json":
                    self.json_ld.append(data)
            return
        src = attributes.get("src") or ""
        if not src.startswith(STATIC_PREFIX):
            self.problems.append(f"script not from our static files: src={src!r} type={kind!r}")
        if body.strip():
            self.problems.append(f"inline script code: {body[:120]!r}")


def inspect(html):
    """Parse ``html``; return the inspector with ``problems``, ``json_ld`` and ``links``."""
    inspector = _Inspector()
    inspector.feed(html)
    inspector.close()
    if inspector._script is not None:
        inspector.problems.append("a <script> element is never closed")
    return inspector


def active_content(html):
    return inspect(html).problems
