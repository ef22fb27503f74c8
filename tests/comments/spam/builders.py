"""Small builders for spam filter tests."""

from datetime import UTC, datetime

from comments.spam.base import Submission

NEWS_COMMENT = (
    "I live two streets from the proposed depot and nobody from the council has knocked on a single door. "
    "The consultation closed before most of us even heard about it, and the traffic figures in the report "
    "were collected in August, when the schools were shut. If the council wants residents to trust the "
    "process it should publish the full survey and hold a public meeting in the evening, when working "
    "families can actually attend. The article is right that the bypass would help the high street, but "
    "the lorries would still have to cross the estate twice a day."
)


def submission(text="A fair point about the council budget, well made.", **kwargs):
    """A plausible signed-out reader's submission; override any field."""
    fields = {
        "author_name": "Ann Reader",
        "author_email": "ann@example.org",
        "ip_address": "203.0.113.7",
        "user_agent": "Mozilla/5.0 (test)",
        "referrer": "https://news.example/news/a-story/",
        "permalink": "https://news.example/news/a-story/",
        "seconds_on_form": 45.0,
        "submitted_at": datetime(2026, 3, 1, 12, 0, tzinfo=UTC),
        "language": "en-gb",
    }
    fields.update(kwargs)
    return Submission(text=text, **fields)


# An article and long comments readers wrote under it: on topic, one with a phone number, one naming a company
# and its customer service, one citing a source. No signal of article-site spam should hold any of them.
AIRLINE_ARTICLE = (
    "Regional airline cancels winter routes, blaming a shortage of pilots\n\n"
    "Passengers booked on the six routes will be offered refunds or seats on other flights, the airline said. "
    "The airport expects fewer passengers this winter and says jobs at the terminal are safe for now. "
    "Travellers with bookings should not call the airport, which cannot change tickets, but contact the airline. "
    "Consumer groups say passengers are entitled to a refund within seven days and to compensation when a flight "
    "is cancelled at short notice. The regulator said it was watching how the airline handles refunds.\n\n"
    "The routes to Aberdeen, Kirkwall and Sumburgh were among the busiest in winter, used by offshore workers and "
    "by families visiting relatives over Christmas. Island councils said the decision left residents with a "
    "ferry crossing that takes most of a day. The pilots' union said recruitment had stalled because training "
    "costs fell on trainees, and that experienced captains had left for larger carriers paying more. The airline "
    "said it hoped to restore the routes next summer if enough pilots complete their training."
)
ON_TOPIC_COMMENTS = [
    (
        "We were booked on the Aberdeen route in December and found out about the cancellation from this article, "
        "not from the airline. The refund form on their website asks for a booking reference that was never in our "
        "confirmation email. If the regulator is watching, it should look at how long refunds take, not just whether "
        "they are offered."
    ),
    (
        "For anyone stuck: the airline's customer service line was useless for us, two hours on hold, but their "
        "Skylark Airlines complaints team replied to an email within a day and rebooked our flights. The airport "
        "information desk is right that it cannot change tickets, so don't queue there."
    ),
    (
        "Passengers who need help with a cancelled flight can ring the consumer helpline on 0808 157 0192, which is "
        "free, and they will explain the compensation rules. It is worth knowing you are owed a refund within seven "
        "days, whatever the airline's staff tell you on the phone."
    ),
    (
        "The regulator's own guidance on refunds and compensation is here: "
        "https://www.caa.co.uk/passengers/resolving-travel-problems/delays-and-cancellations/ and it is clearer than "
        "the airline's statement. A shortage of pilots is not an extraordinary circumstance, so compensation applies."
    ),
]
