import pytest

from comments.spam.checks.link_drop import LinkDropCheck, front_page, own_words
from tests.comments.spam.builders import AIRLINE_ARTICLE, NEWS_COMMENT, ON_TOPIC_COMMENTS, submission


def test_generic_praise_with_a_link_and_little_else():
    result = LinkDropCheck()(
        submission("Nice post, very informative! Visit https://best-app.example.com for the best app.")
    )
    assert (
        result.reason
        == "link drop: a link to a front page with 9 words around it, generic praise ('nice post') with a link"
    )
    assert result.score == pytest.approx(0.45)  # the cap


def test_an_invitation_to_the_writers_own_site():
    text = (
        "I have been following this story for a while and you explain the background better than most. "
        "Check out my blog at dealsdaily.net where I write about saving money on travel and insurance."
    )
    result = LinkDropCheck()(submission(text))
    assert result.reason == "link drop: 'check out my blog'"
    assert result.score == pytest.approx(0.15)


def test_praise_and_visit_without_a_link_in_a_short_comment():
    result = LinkDropCheck()(
        submission("Great article, thanks for sharing. Visit Tinyhomes Direct for the best prices.")
    )
    assert result.reason == "link drop: generic praise ('great article') with an invitation"


def test_a_bare_domain_is_a_link_drop():
    result = LinkDropCheck()(submission("bestdeals.com"))
    assert result.reason == "link drop: a link to a front page with 0 words around it"


def test_a_short_comment_pointing_to_a_page_of_a_site_is_a_source_not_a_link_drop():
    assert LinkDropCheck()(submission("The petition: https://petitions.example.org/save-the-library")) is None
    assert front_page("https://shop.example.com/") and front_page("shop.example.com")
    assert not front_page("https://shop.example.com/?ref=42") and not front_page("https://x.example.org/a/b")


def test_link_in_profile_needs_no_link():
    result = LinkDropCheck()(submission("Hi everyone, just moved here and looking for friends, link in my profile ;)"))
    assert result.label == "link drop: 'link in my profile' (+0.1)"


def test_a_source_inside_a_comment_with_something_to_say_is_not_a_link_drop():
    assert LinkDropCheck()(submission(ON_TOPIC_COMMENTS[3], target_text=AIRLINE_ARTICLE)) is None
    text = NEWS_COMMENT + " Great article, by the way: the survey is at https://council.example.gov.uk/survey."
    assert LinkDropCheck()(submission(text)).score == pytest.approx(0.3)  # praise with a link, no more


def test_praise_in_a_long_comment_without_a_link_is_fine():
    assert (
        LinkDropCheck()(submission("Great article. Check out the figures in the second table. " + NEWS_COMMENT)) is None
    )


def test_links_to_the_site_itself_do_not_count(settings):
    settings.NEWSROOM_SPAM_OWN_DOMAINS = ["news.example"]
    assert LinkDropCheck()(submission("Nice post! https://news.example/earlier-story")) is None


def test_own_words_leave_links_out():
    # A link's text ("this") is the writer's own; the address is not.
    assert own_words('Read <a href="https://x.example/a">this</a> and www.y.example/b today') == 4


def test_the_weight_option_scales_the_score():
    assert LinkDropCheck(weight=0.0)(submission("bestdeals.com")).score == 0.0
