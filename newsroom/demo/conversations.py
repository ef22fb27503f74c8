"""Readers' comments under a few demo articles. The readers are invented too."""

from datetime import timedelta

from newsroom.demo.shapes import Conversation, Remark


def minutes(n):
    return timedelta(minutes=n)


CONVERSATIONS = (
    Conversation(
        article="rail-fares-freeze-announced-for-commuter-routes",
        remarks=(
            Remark(
                name="Gwen from Felling",
                email="gwen.t@example.net",
                after=minutes(25),
                text=(
                    "I commute three days a week and the freeze saves me about £200. I'll take it. "
                    "But last month four of my trains were cancelled, and that cost me more in childcare."
                ),
                replies=(
                    Remark(
                        name="Martin K",
                        email="martin.k@example.net",
                        after=minutes(48),
                        text="Same here. A cheap ticket for a train that doesn't come is no bargain.",
                        replies=(
                            Remark(
                                name="Gwen from Felling",
                                email="gwen.t@example.net",
                                after=minutes(70),
                                text="Exactly. I'd happily pay the rise if they could promise the 7.42 would run.",
                            ),
                        ),
                    ),
                ),
            ),
            Remark(
                name="Oluwaseun A.",
                email="seun.a@example.net",
                after=minutes(55),
                text=(
                    "Worth remembering that half of all fares aren't covered at all. "
                    "Check whether your route is regulated before celebrating."
                ),
            ),
        ),
    ),
    Conversation(
        article="grain-corridor-talks-resume-in-valdria",
        remarks=(
            Remark(
                name="Patrick Lowe",
                email="p.lowe@example.net",
                after=minutes(90),
                text=(
                    "I run a small import business. Freight quotes have already come down this month, "
                    "so the market clearly expects a deal. If the talks fail, expect prices to jump again by spring."
                ),
                replies=(
                    Remark(
                        name="Hannah B",
                        email="hannah.b@example.net",
                        after=minutes(140),
                        text="Do you think the lower freight costs will actually reach shop prices, though?",
                        replies=(
                            Remark(
                                name="Patrick Lowe",
                                email="p.lowe@example.net",
                                after=minutes(200),
                                text="Eventually, a bit. Energy and wages matter more for most goods.",
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
    Conversation(
        article="ashbury-rovers-snatch-late-derby-win",
        remarks=(
            Remark(
                name="MillLaneMike",
                email="mike.r@example.net",
                after=minutes(30),
                text=(
                    "Brandt for player of the week, no question. Seventeen years old and he won every header all "
                    "afternoon."
                ),
                replies=(
                    Remark(
                        name="Northwick Nell",
                        email="nell.w@example.net",
                        after=minutes(75),
                        text="Fair play to the lad. Our marking at corners has been shocking all season though.",
                    ),
                ),
            ),
            Remark(
                name="Jas",
                email="jas.p@example.net",
                after=minutes(120),
                text="Ellery's free kick deserves a mention too. Best goal I've seen at Mill Lane this year.",
            ),
        ),
    ),
    Conversation(
        article="river-restoration-project-brings-back-otters",
        remarks=(
            Remark(
                name="Dr Fiona Reid",
                email="fiona.reid@example.net",
                after=minutes(180),
                text=(
                    "Lovely news. I walk that stretch every week and the change in birdlife over five years "
                    "has been remarkable. Kingfishers are now a regular sight."
                ),
            ),
            Remark(
                name="Tom Ashby",
                email="tom.ashby@example.net",
                after=minutes(260),
                text=(
                    "Did the project mean any farmland was lost? Genuinely curious how the landowners were persuaded."
                ),
                replies=(
                    Remark(
                        name="Dr Fiona Reid",
                        email="fiona.reid@example.net",
                        after=minutes(300),
                        text=(
                            "As I understand it some fields are now wet meadow and are grazed in summer only. "
                            "The landowners are paid for that."
                        ),
                    ),
                ),
            ),
            Remark(
                name="bargain-finder",
                email="deals4u@example.net",
                after=minutes(320),
                status="pending",
                text="Great article!! Check out my website for cheap garden furniture, best prices guaranteed.",
            ),
        ),
    ),
    Conversation(
        article="offices-quietly-adopt-ai-note-takers",
        remarks=(
            Remark(
                name="Rachel M.",
                email="rachel.m@example.net",
                after=minutes(240),
                text=(
                    "Our team uses one and I find it genuinely helpful, but the summaries are sometimes confidently "
                    "wrong. We now have a rule that someone checks them before they're shared."
                ),
                replies=(
                    Remark(
                        name="Ade",
                        email="ade.o@example.net",
                        after=minutes(300),
                        text="Same rule here. The worst one attributed my manager's idea to me. He was not amused.",
                    ),
                ),
            ),
        ),
    ),
    Conversation(
        article="winter-reading-list-ten-novels",
        remarks=(
            Remark(
                name="Bookish in Ashbury",
                email="bookish@example.net",
                after=minutes(400),
                text="Small Hours is wonderful. Read it in one sitting on a train and missed my stop.",
            ),
            Remark(
                name="Graham",
                email="graham.h@example.net",
                after=minutes(900),
                text="Would love a list of non-fiction for next time, please!",
            ),
        ),
    ),
)
