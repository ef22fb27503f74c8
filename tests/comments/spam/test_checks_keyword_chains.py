import pytest

from comments.spam.checks.keyword_chains import KeywordChainCheck
from tests.comments.spam.builders import AIRLINE_ARTICLE, NEWS_COMMENT, ON_TOPIC_COMMENTS, submission


@pytest.mark.parametrize(
    ("text", "reason", "score"),
    [
        (
            "SEO services | web design | cheap hosting | backlinks | digital marketing agency",
            "keyword chain: 5 phrases separated by '|'",
            0.4,
        ),
        (
            "Visit us for Nimbus Air refund | Nimbus Air cancel flight | Nimbus Air booking number today",
            "keyword chain: 3 phrases separated by '|', 'nimbus air' 3 times",
            0.45,
        ),
        (
            "Best plumber near me, emergency plumber, boiler repair, drain cleaning, cheap plumber, call today",
            "keyword chain: a list of 6 short phrases, 5 selling",
            0.25,
        ),
    ],
)
def test_chains_of_keywords(text, reason, score):
    result = KeywordChainCheck()(submission(text))
    assert result.reason == reason
    assert result.score == pytest.approx(score)


def test_the_same_selling_phrase_over_and_over():
    text = (
        "Looking for cheap flights? We have cheap flights to every city. Book cheap flights today "
        "and save on your holiday."
    )
    result = KeywordChainCheck()(submission(text))
    assert result.reason == "keyword chain: 'cheap flights' 3 times"
    assert result.score == pytest.approx(0.2)


def test_everything_together_is_capped_below_the_hold_threshold():
    text = (
        "wholesale jerseys, cheap jerseys, replica jerseys, cheap jerseys, jerseys from china, cheap jerseys | "
        "wholesale jerseys | cheap jerseys"
    )
    assert KeywordChainCheck()(submission(text)).score == pytest.approx(0.45)


def test_a_readers_list_is_not_a_keyword_chain():
    text = (
        "The route calls at Aberdeen, Inverness, Kirkwall, Sumburgh, Stornoway and Benbecula, "
        "and all six lose their winter flights."
    )
    assert KeywordChainCheck()(submission(text)) is None


def test_a_long_comment_repeating_its_subject_is_fine():
    text = (
        "Council tax is going up again. Council tax bands were set in 1991 and nobody has revalued them, so "
        "the council tax on a flat in the centre is higher than on a detached house in the villages. " + NEWS_COMMENT
    )
    assert KeywordChainCheck()(submission(text)) is None


def test_on_topic_comments_are_not_keyword_chains():
    for text in [NEWS_COMMENT, *ON_TOPIC_COMMENTS]:
        assert KeywordChainCheck()(submission(text, target_text=AIRLINE_ARTICLE)) is None
