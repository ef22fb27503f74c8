import pytest

from comments.spam.checks.author_fields import AuthorFieldsCheck, name_points, website_points
from tests.comments.spam.builders import submission


@pytest.mark.parametrize(
    ("name", "reason", "score"),
    [
        ("Best SEO Services", "name and website: name 'Best SEO Services' (best, seo, services)", 0.4),
        ("Cheap Flights Booking", "name and website: name 'Cheap Flights Booking' (cheap, flights, booking)", 0.3),
        ("Online Casino", "name and website: name 'Online Casino' (online, casino)", 0.3),
        ("bestdeals.com", "name and website: name 'bestdeals.com' (a web address)", 0.3),
        (
            "Printer Support 1-800-555-0109",
            "name and website: name 'Printer Support 1-800-555-0109' (printer, support, a phone number)",
            0.4,
        ),
    ],
)
def test_names_made_of_keywords(name, reason, score):
    result = AuthorFieldsCheck()(submission(author_name=name))
    assert result.reason == reason
    assert result.score == pytest.approx(score)


@pytest.mark.parametrize(
    "name", ["Ann Reader", "Dr. Sam Cash", "Joe Price", "mike_2003", "Anna-Maria Best", "The Travel Editor", "Jo"]
)
def test_peoples_names_pass(name):
    assert AuthorFieldsCheck()(submission(author_name=name)) is None


def test_a_website_on_a_domain_made_of_keywords():
    result = AuthorFieldsCheck()(submission(author_url="https://www.cheap-flight-deals.com/"))
    assert result.reason == "name and website: website cheap-flight-deals.com (cheap, flight, deals)"
    assert result.score == pytest.approx(0.2)
    result = AuthorFieldsCheck()(submission(author_url="http://bestseoservicesagency.net/backlinks"))
    assert result.reason == "name and website: website bestseoservicesagency.net (best, services, agency, backlinks)"
    assert result.score == pytest.approx(0.3)


def test_a_throwaway_top_level_domain_adds_a_little():
    result = AuthorFieldsCheck()(submission(author_url="https://janedoe.xyz"))
    assert result.reason == "name and website: website janedoe.xyz"
    assert result.score == pytest.approx(0.1)


@pytest.mark.parametrize(
    "url", ["https://janesmith.com", "https://github.com/ann", "https://medium.com/@ann", "https://seoul-diary.org"]
)
def test_personal_websites_pass(url):
    assert AuthorFieldsCheck()(submission(author_url=url)) is None


def test_name_and_website_together_stay_below_the_hold_threshold():
    result = AuthorFieldsCheck()(
        submission(author_name="Best SEO Services", author_url="https://best-seo-services.top/cheap-backlinks")
    )
    assert result.score == pytest.approx(0.45)


def test_the_parts_say_what_they_found():
    assert name_points("Casino") == (2, ["casino"])
    assert website_points("not a url at all") == (0, [], False)


def test_the_weight_option_scales_the_score():
    assert AuthorFieldsCheck(weight=0.5)(submission(author_name="Cheap Flights Booking")).score == pytest.approx(0.15)
