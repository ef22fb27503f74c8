"""The comment form's fields are styled like the rest of the site, and large enough that phones do not zoom."""

import pytest

FIELDS = ["#id_comment", "#id_name", "#id_email", "#id_url"]


def test_comment_fields_use_the_pages_type_at_sixteen_pixels_or_more(any_page, story):
    page = any_page
    page.goto(story["article"].get_absolute_url())
    page.locator("#id_name").wait_for()
    body = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    for selector in FIELDS:
        size, height, family = page.evaluate(
            """(selector) => {
                const field = document.querySelector(selector);
                const style = getComputedStyle(field);
                return [parseFloat(style.fontSize), field.getBoundingClientRect().height, style.fontFamily];
            }""",
            selector,
        )
        assert size >= 16, f"{selector}: {size}px, phones zoom in under 16px"
        assert size == pytest.approx(body, abs=1), f"{selector}: {size}px beside the page's {body}px"
        assert height >= 36, f"{selector}: {height}px high"
        assert family == page.evaluate("getComputedStyle(document.body).fontFamily"), selector
