"""The comment section and its form as HTML, written in Python.

``comments/newsroom/section.html`` and the ``form.html`` it includes are
rendered on every article page a cache does not answer; through the template
engine they cost about as much as the comment thread written in Python
(:mod:`comments.rendering`). The functions here write the same markup from
the same context, byte for byte (a test renders both for open and closed
sections, signed-in readers, replies and reCAPTCHA).

The templates stay the reference, and a site that overrides one keeps its
markup: :func:`section_html` renders a template whenever the one Django
would load is not the app's own file (looked up once per process, again when the
template settings change), and a bound
form (one with errors) always goes through ``form.html``::

    html = section_rendering.section_html(section.section_context(article, request=request))

Everything that comes from the context is escaped here, as the templates'
autoescaping would; ``thread_html`` and ``spam_notice`` are already safe.
"""

import functools
from html import escape
from pathlib import Path
from urllib.parse import quote

from django.core.signals import setting_changed
from django.template.loader import get_template, render_to_string
from django.templatetags.static import static
from django.utils.autoreload import file_changed
from django.utils.formats import localize
from django.utils.functional import Promise
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, ngettext

from articles import addresses, pagecache, rendering
from comments import targets, threads
from comments.forms import CommentForm

SECTION_TEMPLATE = "comments/newsroom/section.html"
FORM_TEMPLATE = "comments/newsroom/form.html"
PENDING_TEMPLATE = "comments/newsroom/pending_comment.html"
_OWN = {name: str(Path(__file__).parent / "templates" / name) for name in (SECTION_TEMPLATE, FORM_TEMPLATE)}


def words():
    """The section's fixed words in the active language, ``{"reply": "Reply", ...}``.

    Looked up once per language, not on every page: each ``gettext()`` costs
    microseconds, more for a word the language's own catalogue lacks (``en-gb``
    then asks each app's ``en`` catalogue in turn), and a section has thirty.
    """
    return _words(get_language())


@functools.cache
def _words(language):
    # (``language`` is the key only: gettext() reads the active language itself.)
    return {
        # The thread (comments.rendering.ThreadOptions.labels).
        "like": gettext("Like"),
        "report": gettext("Report"),
        "reply": gettext("Reply"),
        "featured": gettext("Featured"),
        "edited": gettext("edited"),
        "author": gettext("Author"),
        "staff": gettext("Staff"),
        # The links above it (comments.section.thread_links).
        "featured_n": gettext("Featured (%(n)d)"),
        "all_n": gettext("All comments (%(n)d)"),
        "oldest": gettext("Oldest"),
        "newest": gettext("Newest"),
        "liked": gettext("Most liked"),
        "replies": gettext("Most replies"),
        # section.html
        "which": gettext("Which comments"),
        "order": gettext("Order of comments"),
        "sort_by": gettext("Sort by:"),
        "still_change": gettext("You can still change"),
        "your_comment": gettext("your comment"),
        "edit": gettext("Edit"),
        "more": gettext("Show more comments"),
        "closed": gettext("Comments are closed."),
        # form.html
        "leave": gettext("Leave a Comment"),
        "replying_to": gettext("Replying to %(name)s."),
        "cancel": gettext("Cancel reply"),
        "optional": gettext("optional"),
        "commenting_as": gettext("You are commenting as %(name)s."),
        "post": gettext("Post Comment"),
    }


def connect():
    """Forget the words (and the thread's month names) when translations may have changed. Called once, from
    ``ready()``."""
    setting_changed.connect(_setting_changed, dispatch_uid="comments_section_words_setting")
    file_changed.connect(_file_changed, dispatch_uid="comments_section_words_file")


def _setting_changed(setting, **kwargs):
    _blank_forms.clear()  # the form's fields read settings of their own (the honeypot's name, lengths...)
    if setting in {"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS", "INSTALLED_APPS"}:
        _words.cache_clear()
        _form_texts.cache_clear()
        threads.forget_month_names()


def _file_changed(file_path, **kwargs):
    # The development server reloads a changed catalogue without restarting (Django's own receiver).
    if file_path.suffix == ".mo":
        _blank_forms.clear()
        _words.cache_clear()
        _form_texts.cache_clear()
        threads.forget_month_names()


def is_own_template(name):
    """Whether the template Django loads for ``name`` is this app's file (no site overrides it)."""
    return rendering.is_own_template(name, _OWN[name])


def section_html(context):
    """``render_to_string(SECTION_TEMPLATE, context)`` for a context of :func:`comments.section.section_context`."""
    if not is_own_template(SECTION_TEMPLATE):
        return render_to_string(SECTION_TEMPLATE, context)
    return mark_safe(_section(context))


def alike_for_every_reader(target, template, context, *, name, request):
    """``render_to_string(template, context)``, a piece of ``target``'s page the same for every reader.

    Rendered once per page-cache generation and language and shared (``pagecache.shared``), again when
    ``target`` is purged; ``name`` (a tuple) names whatever else in ``context`` it depends on. Without a
    request, rendered every time.
    """
    if request is None:
        return mark_safe(render_to_string(template, context))
    key = ":".join(str(part) for part in (*name, targets.get(target).label, target.pk, get_language()))
    html = pagecache.shared(
        key, lambda: str(render_to_string(template, context)), tags=[pagecache.key(target)], read_only=True
    )
    return mark_safe(html)


def form_html(context):
    """``render_to_string(FORM_TEMPLATE, context)``, as the section includes it."""
    if not is_own_template(FORM_TEMPLATE):
        return render_to_string(FORM_TEMPLATE, context)
    blank = context.get("blank_form")
    if blank is not None and blank is context["form"] and not blank.is_made():
        return mark_safe(_blank_form(context))
    if context["form"].is_bound:
        return render_to_string(FORM_TEMPLATE, context)
    return mark_safe(_form(context))


# The blank form of a reader without an account (no reply named, no reCAPTCHA) differs from page to page
# only in these: written once per language and spam notice with these slots in their places (what a compiled
# template is to the template engine), and filled in on each page. Like the section's other slots, text a
# reader wrote cannot contain them: forms refuse NUL characters.
_BLANK_SLOTS = {
    "target_url": "\x00target-url\x00",
    "form_csrf_token": "\x00csrf-token\x00",
    "content_type": "\x00content-type\x00",
    "object_pk": "\x00object-pk\x00",
    "timestamp": "\x00blank-timestamp\x00",
    "security_hash": "\x00blank-security-hash\x00",
}
_blank_forms = {}  # (language, spam notice) -> the blank form's HTML with _BLANK_SLOTS


def _blank_form(context):
    key = (get_language(), str(context["spam_notice"]))
    html = _blank_forms.get(key)
    if html is None:
        html = _blank_forms[key] = _form(_slotted(context))
    security = context["form_security"]
    for name, slot in _BLANK_SLOTS.items():
        html = html.replace(slot, escape(str(security[name] if name in security else context[name])))
    return html


def _slotted(context):
    """``context`` with a blank form of its own and the slots in place of what changes between pages."""
    form = CommentForm(context["target"], initial={"reply_to": 0})
    form.initial.update({name: _BLANK_SLOTS[name] for name in context["form_security"]})
    return {**context, "form": form, "replying_to": None, **{name: _BLANK_SLOTS[name] for name in _SLOTTED}}


_SLOTTED = ("target_url", "form_csrf_token")


def _text(value):
    """``{{ value }}``: localized like the template engine does, then escaped unless safe (as
    ``conditional_escape()``, without its wrapper for lazy strings: this runs a hundred times a page)."""
    value = localize(value)
    if isinstance(value, Promise):
        value = str(value)
    return value.__html__() if hasattr(value, "__html__") else escape(str(value))


def _label(text):
    """``_text(text)`` for a field's label or help text; the form's own lazy ones translated once per language
    (each costs a catalogue lookup, several for a word the language's own catalogue lacks)."""
    if isinstance(text, Promise):
        held = _form_texts(get_language()).get(id(text))
        if held is not None and held[0] is text:
            return held[1]
    return _text(text)


@functools.cache
def _form_texts(language):
    # Keyed by identity, each kept with its text: no other object can take the id of one held here.
    # (``language`` is the key only: the texts are translated in the active language.)
    return {id(text): (text, _text(text)) for text in CommentForm.fixed_texts()}


def _section(context):
    said = words()
    if not context["published"]:
        return "\n"
    target_label = escape(quote(str(context["target_label"]), safe="/"))
    target_pk = escape(quote(str(context["target"].pk), safe="/"))
    query = f"?ct={target_label}&amp;pk={target_pk}"
    user = context["user"]
    total = context["page"].total
    links = context["thread_links"]
    parts = [
        f'\n<link rel="stylesheet" href="{escape(static("comments/comments.css"))}">\n'
        f'<script src="{escape(static("comments/comments.js"))}" defer></script>\n'
        f'<section id="comments" class="nr-comments" aria-labelledby="comments-heading"\n'
        f'  data-form-state-url="{escape(addresses.reverse("comments-form-state"))}{query}"\n'
        f'  data-mine-url="{escape(addresses.reverse("comments-mine"))}{query}"\n'
        f'  data-pending-cookie="{_text(context["pending_cookie"])}"'
        f"{' data-signed-in' if user is not None and user.is_authenticated else ''}>\n"
        f'  <h2 id="comments-heading">{ngettext("%(n)s comment", "%(n)s comments", total) % {"n": _text(total)}}'
        "</h2>\n  "
    ]
    for announcement in context["announcements"]:
        parts.append(f'<p class="nr-announcement" role="note">{_text(announcement.text)}</p>\n  ')
    parts.append("  ")
    if links["views"]:
        parts.append(f'<nav class="nr-comment-views" aria-label="{said["which"]}"><ul>\n    ')
        parts.extend(_link(link, "page") for link in links["views"])
        parts.append("\n  </ul></nav>")
    parts.append("\n  ")
    if links["sorts"]:
        parts.append(
            f'<nav class="nr-comment-sort" aria-label="{said["order"]}"><span>{said["sort_by"]}</span> <ul>\n    '
        )
        parts.extend(_link(link, "true") for link in links["sorts"])
        parts.append("\n  </ul></nav>")
    parts.append('\n  <ol class="nr-comment-list" id="comment-list" data-comment-list>\n    ')
    parts.append(f"{_text(context['thread_html'])}\n    ")
    if context["held_comments"]:
        pending = get_template(PENDING_TEMPLATE)
        parts.extend(pending.render({**context, "comment": comment}) for comment in context["held_comments"])
    parts.append("\n  </ol>\n  ")
    if context["editable_ids"]:
        parts.append('<noscript><ul class="nr-your-edits">')
        change, yours, edit = said["still_change"], said["your_comment"], said["edit"]
        for pk in context["editable_ids"]:
            parts.append(
                f'\n    <li>{change} <a href="#c{_text(pk)}">{yours}</a>: '
                f'<a href="{escape(addresses.reverse("comments-edit", args=[pk]))}">{edit}</a></li>'
            )
        parts.append("\n  </ul></noscript>")
    parts.append("\n  ")
    if links["more"]:
        parts.append(
            f'<p class="nr-show-more" data-show-more-wrap><a href="{_text(links["more"])}" data-show-more>'
            f"{said['more']}</a></p>"
        )
    parts.append("\n  ")
    if context["open"]:
        parts.append(form_html(context))
    else:
        closed = _text(context["closed_message"]) or said["closed"]
        parts.append(f'\n  <p class="nr-comments-closed" id="leave-a-comment">{closed}</p>')
    parts.append("\n</section>\n")
    return "".join(parts)


def _link(link, current):
    shown = f' aria-current="{current}"' if link.current else ""
    return f'<li><a href="{_text(link.url)}"{shown}>{_text(link.label)}</a></li>'


def _form(context):
    said = words()
    form = context["form"]
    replying_to = context["replying_to"]
    replying = ""
    if replying_to:
        replying = said["replying_to"] % {"name": _text(replying_to.comment.name)}
    comment = form["comment"]
    parts = [
        '<div class="nr-comment-form-wrap" id="leave-a-comment" data-form-home>\n'
        f'  <h2 id="leave-a-comment-heading">{said["leave"]}</h2>\n'
        f'  <p class="nr-replying-to" data-replying-to{"" if replying_to else " hidden"}>\n'
        f"    <span data-replying-to-text>{replying}</span>\n"
        f'    <a href="{_text(context["target_url"])}#leave-a-comment" data-cancel-reply>'
        f"{said['cancel']}</a>\n"
        "  </p>\n"
        f'  <form method="post" action="{escape(addresses.reverse("comments-post-comment"))}" class="nr-comment-form"'
        ' data-comment-form aria-labelledby="leave-a-comment-heading">\n'
        f'    <input type="hidden" name="csrfmiddlewaretoken" value="{_text(context["form_csrf_token"])}">\n'
        f"    {''.join(str(field) for field in form.hidden_fields())}\n"
        "    \n"
        '    <p class="nr-field nr-field-comment">\n'
        f'      <label for="{_text(comment.id_for_label)}">{_label(comment.label)}</label>\n'
        f"      {comment}\n"
        "      \n"
        "    </p>\n"
        "    "
    ]
    optional = f' <span class="nr-optional">({said["optional"]})</span>'
    for field in form.visible_detail_fields:
        help_text = ""
        if field.help_text:
            help_text = f'<span class="nr-help" id="{_text(field.auto_id)}_helptext">{_label(field.help_text)}</span>'
        parts.append(
            f'<p class="nr-field nr-field-{_text(field.name)}">\n'
            f'      <label for="{_text(field.id_for_label)}">{_label(field.label)}'
            f"{'' if field.field.required else optional}</label>\n"
            f"      {field}\n"
            f"      {help_text}\n"
            "      \n"
            "    </p>\n"
            "    "
        )
    honeypot = form.honeypot_field
    parts.append(
        '<p class="nr-field nr-hp" aria-hidden="true">\n'
        f'      <label for="{_text(honeypot.id_for_label)}">{_label(honeypot.label)}</label> {honeypot}\n'
        "    </p>\n    "
    )
    if not form.signed_in:
        parts.append(_check(form["remember"]))
    parts.append(f"\n    {_check(form['followup'])}\n    ")
    if form.signed_in:
        user = context["user"]
        name = _text(user.get_full_name() or user.get_username())
        parts.append(f'<p class="nr-signed-in">{said["commenting_as"] % {"name": name}}</p>')
    parts.append("\n    ")
    captcha = form.captcha_field
    if captcha:
        parts.append(f'<div class="nr-field nr-captcha">{captcha}</div>')
    parts.append(f'\n    <p><button type="submit">{said["post"]}</button></p>\n    ')
    if context["spam_notice"]:
        parts.append(f'<p class="nr-spam-notice">{_text(context["spam_notice"])}</p>')
    parts.append("\n  </form>\n</div>\n")
    return "".join(parts)


def _check(field):
    return f'<p class="nr-check">{field} <label for="{_text(field.id_for_label)}">{_label(field.label)}</label></p>'
