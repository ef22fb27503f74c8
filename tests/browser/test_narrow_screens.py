"""At 390 pixels: the section menu shows that it scrolls, and teaser dates stay in one piece."""

from tests import factories


def test_the_section_menu_shows_there_is_more_to_scroll_to(phone_page, story):
    for n in range(8):  # more sections than fit across a phone
        factories.make_category(name=f"Section number {n}", slug=f"section-{n}", position=10 + n)
    page = phone_page
    page.goto("/")
    menu = page.locator(".site-nav ul")
    overflow, backgrounds = menu.evaluate(
        "(menu) => [menu.scrollWidth - menu.clientWidth, getComputedStyle(menu).backgroundImage]"
    )
    assert overflow > 0, "the menu fits: the test needs more sections"
    # The edge shadows (radial gradients that stay put) under covers that scroll with the list.
    assert backgrounds.count("radial-gradient") == 2
    assert menu.evaluate("(menu) => getComputedStyle(menu).backgroundAttachment") == "local, local, scroll, scroll"


def test_teaser_dates_do_not_wrap_in_the_middle(phone_page, story):
    page = phone_page
    page.goto("/")
    times = page.locator(".teaser .meta time").all()
    assert times
    for time in times:
        wraps, lines = time.evaluate(
            "(el) => [getComputedStyle(el).textWrapMode || getComputedStyle(el).whiteSpace, el.getClientRects().length]"
        )
        assert wraps == "nowrap" and lines == 1, time.inner_text()
