import pytest

from comments.spam.checks.relevance import RelevanceCheck, relevance, word_keys
from tests.comments.spam.builders import AIRLINE_ARTICLE, NEWS_COMMENT, ON_TOPIC_COMMENTS, submission

DEPOT_ARTICLE = (
    "Council approves bus depot despite residents' traffic fears\n\n"
    "The planning committee voted six to three for the depot on the old gasworks site, after a consultation that "
    "residents say closed too early. Residents of the estate told the meeting that lorries would cross the estate "
    "twice a day. The council's traffic survey, collected in August when schools were shut, found the roads could "
    "take the extra buses. Campaigners want the full survey published and an evening public meeting. The bypass "
    "would relieve the high street, officers said.\n\n"
    "The depot will house forty electric buses and a maintenance yard, with charging overnight. The operator says "
    "two hundred drivers and engineers will be based there, most of them recruited locally. Objectors point to the "
    "primary school on Gas Lane, whose pupils walk past the proposed entrance, and to the noise of reversing alarms "
    "before dawn. A judicial review has not been ruled out by the residents' association, whose chair described "
    "the decision as a foregone conclusion reached before the consultation had even started."
)
PROMOTION = (
    "Looking for affordable holiday cottages this summer? Our family company rents seaside cottages with sea "
    "views, hot tubs and free parking, pets welcome, lowest prices guaranteed."
)


def test_words_are_compared_by_their_first_letters_without_filler():
    assert word_keys("The councillors met the Council about councils.") == {"counci": "councillors", "met": "met"}


def test_a_comment_about_the_article_is_a_small_discount():
    result = RelevanceCheck()(submission(NEWS_COMMENT, target_text=DEPOT_ARTICLE))
    assert result.reason.startswith(
        "relevance: 23 of 41 words shared with the article ('streets', 'proposed', 'depot')"
    )
    assert result.score == pytest.approx(-0.2)
    assert result.discount


def test_a_promotion_that_fits_under_any_article_adds_a_little():
    result = RelevanceCheck()(submission(PROMOTION, target_text=DEPOT_ARTICLE))
    assert result.label == "relevance: 0 of 18 words shared with the article (+0.2)"
    assert not result.discount


def test_loosely_related_comments_add_less():
    text = "Buses are never on time here anyway, I gave up and bought a folding bike with a basket last spring."
    shared, words, _ = relevance(text, DEPOT_ARTICLE)
    assert (shared, words) == (["buses"], 9)
    assert RelevanceCheck()(submission(text, target_text=DEPOT_ARTICLE)).score == pytest.approx(0.1)


def test_readers_on_topic_are_pushed_up_a_little_at_most():
    for text in ON_TOPIC_COMMENTS:
        result = RelevanceCheck()(submission(text, target_text=AIRLINE_ARTICLE))
        assert result is None or result.score <= 0.1


def test_words_of_selling_are_never_shared_with_the_article():
    text = "Skylark Airlines booking number for flight refunds and cancelled flights, call the booking desk."
    shared, words, _ = relevance(text, AIRLINE_ARTICLE)
    assert shared == ["skylark", "refunds", "cancelled", "desk"] or "airlines" not in shared
    assert "airlines" not in shared and "booking" not in shared and words > len(shared)


def test_short_comments_and_short_or_missing_targets_say_nothing():
    assert RelevanceCheck()(submission("Well said, spot on.", target_text=DEPOT_ARTICLE)) is None
    assert RelevanceCheck()(submission(PROMOTION, target_text="")) is None
    assert RelevanceCheck()(submission(PROMOTION, target_text="Bus depot approved")) is None  # too little to tell
    # ...though a short target can still recognise a comment about it.
    result = RelevanceCheck()(submission(NEWS_COMMENT, target_text=DEPOT_ARTICLE.splitlines()[0]))
    assert result is None or result.score <= 0


def test_the_articles_own_words_pasted_into_an_advertisement_earn_no_discount():
    text = (
        "Council approves bus depot despite residents traffic fears, estate survey. "
        "Call 1-888-555-0199 now, 1-888-555-0199, for cheap moving services."
    )
    result = RelevanceCheck()(submission(text, target_text=DEPOT_ARTICLE))
    assert result.label == "relevance: 9 of 13 words shared with the article, copied rather than written (no discount)"
    assert result.score == 0


def test_the_weight_option_scales_the_score():
    result = RelevanceCheck(weight=0.5)(submission(PROMOTION, target_text=DEPOT_ARTICLE))
    assert result.score == pytest.approx(0.1)
