"""What other apps add to the article page, without the articles app knowing them.

The article page has places other apps fill: ``head`` (links and meta
elements in the page's ``<head>``, such as a comments feed's
``<link rel="alternate">``), and after the body and "You may also like",
``after_body`` and then ``comments``. An app adds a template to
one in its ``AppConfig.ready()``; the template is included with the page's
context (``article`` among it)::

    from articles import page_parts

    page_parts.add("comments", "polls/article_poll.html")

The comments app adds its reader prompt and comment section this way, so a
site shows comments without a template of its own. A site that wants
something else overrides ``articles/article_detail.html`` and fills the
blocks of the same names (``{{ block.super }}`` keeps the parts), or calls
:func:`remove`.
"""

SLOTS = ("head", "after_body", "comments")

_parts = {slot: [] for slot in SLOTS}


def _check(slot):
    if slot not in _parts:
        raise ValueError(f"The article page has no part {slot!r}; it has {', '.join(SLOTS)}.")


def add(slot, template_name):
    """Include ``template_name`` in ``slot`` of every article page, after what is there already (once)."""
    _check(slot)
    if template_name not in _parts[slot]:
        _parts[slot].append(template_name)


def remove(slot, template_name):
    """Stop including ``template_name`` in ``slot`` (nothing happens if it is not there)."""
    _check(slot)
    if template_name in _parts[slot]:
        _parts[slot].remove(template_name)


def context():
    """``{slot: (template names)}`` for the article page's context."""
    return {slot: tuple(names) for slot, names in _parts.items()}
