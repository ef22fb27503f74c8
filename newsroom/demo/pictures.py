"""The demo stories' lead images: what each one shows, drawn at load time by :mod:`newsroom.demo.drawing`.

Charts for the economy and public services, maps for local and world news, flat illustrations for the
rest; each with the alt text, caption and credit an editor would write. :func:`attach` stores one PNG per
story under a fixed name (``articles/demo/<slug>.png``), so loading again reuses the file it made before
instead of piling up copies.
"""

from dataclasses import dataclass, field
from functools import cache
from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from articles.models import Article
from newsroom.demo import drawing

GRAPHIC = "Graphic: The Daily Ledger"
MAP = "Map: The Daily Ledger"
ILLUSTRATION = "Illustration: The Daily Ledger"


@dataclass(frozen=True, kw_only=True)
class Picture:
    """One lead image: the drawing function's name and arguments, and the words that go with it."""

    draw: str
    args: dict = field(default_factory=dict)
    alt: str
    caption: str
    credit: str


def chart(kind, *, alt, caption, **args):
    return Picture(draw=kind, args=args, alt=alt, caption=caption, credit=GRAPHIC)


def town(label, *, seed, alt, caption, river=True):
    return Picture(
        draw="street_map", args={"seed": seed, "label": label, "river": river}, alt=alt, caption=caption, credit=MAP
    )


def coast(label, *, seed, alt, caption, islands=0):
    return Picture(
        draw="coast_map", args={"seed": seed, "label": label, "islands": islands}, alt=alt, caption=caption, credit=MAP
    )


def scene(motif, *, alt, caption, seed=0):
    return Picture(draw="scene", args={"motif": motif, "seed": seed}, alt=alt, caption=caption, credit=ILLUSTRATION)


MONTHS = ("Jun", "Jul", "Aug", "Sep", "Oct", "Nov")

PICTURES = {
    # News
    "rail-fares-freeze-announced-for-commuter-routes": scene(
        "train",
        alt="A blue three-carriage commuter train on a straight stretch of track.",
        caption="Fares on commuter routes stay where they are until next autumn.",
    ),
    "schools-to-get-new-reading-catch-up-fund": chart(
        "bar_chart",
        title="Pupils meeting the expected reading standard",
        labels=("2021", "2022", "2023", "2024", "2025"),
        values=(73, 75, 74, 74, 74),
        unit="%",
        highlight=4,
        source="Source: national reading tests",
        alt="Bar chart: the share of pupils meeting the reading standard rose from 73% in 2021 to 75% in 2022 "
        "and has stayed at 74% since.",
        caption="Reading scores have stalled for three years.",
    ),
    "hospital-waiting-lists-fall-for-third-month": chart(
        "line_chart",
        title="Hospital waiting list, millions",
        labels=MONTHS,
        values=(7.62, 7.66, 7.68, 7.61, 7.55, 7.49),
        source="Source: health service monthly figures",
        alt="Line chart: the waiting list peaked at 7.68 million in August and has fallen each month since, to "
        "7.49 million in November.",
        caption="Three falls in a row, the longest run for two years.",
    ),
    "councils-warn-over-social-care-costs": chart(
        "bar_chart",
        title="Council spending on adult social care, billion pounds",
        labels=("2021", "2022", "2023", "2024", "2025"),
        values=(17.2, 18.1, 19.9, 21.4, 23.0),
        highlight=4,
        source="Source: councils' budget returns",
        alt="Bar chart: councils' spending on adult social care rose every year, from £17.2bn in 2021 to £23bn in "
        "2025.",
        caption="Care now takes the largest share of council budgets.",
    ),
    "tenants-could-get-deposits-back-within-a-week": scene(
        "building",
        alt="A pale stone terrace with tall windows and a dark front door.",
        caption="The proposals would cover every tenancy deposit scheme.",
    ),
    "grain-corridor-talks-resume-in-valdria": coast(
        "Corrin Strait",
        seed=3,
        islands=2,
        alt="Map of the Corrin Strait: a coastline across the top, two islands offshore and a pin on the strait.",
        caption="Ships bound for Valdria's ports pass through the Corrin Strait.",
    ),
    "anselm-islands-vote-on-independence-referendum": coast(
        "Anselm Islands",
        seed=11,
        islands=4,
        alt="Map of the Anselm Islands: four islands off a green coast, with a pin marking the group.",
        caption="About 60,000 people live on the Anselm Islands.",
    ),
    "flood-recovery-in-lower-dravonia": town(
        "Lower Dravonia",
        seed=5,
        alt="Map of Lower Dravonia: a river winds through the town's grid of streets, with a pin beside it.",
        caption="New homes are going up on ground above the old flood line.",
    ),
    "kesmet-elects-first-coalition-government": scene(
        "building",
        alt="A parliament building with columns and a clock in its pediment.",
        caption="The coalition agreement runs to 140 pages.",
    ),
    "port-strike-ends-in-sarnow": coast(
        "Port of Sarnow",
        seed=8,
        alt="Map of the coast around Sarnow, with a pin on the port.",
        caption="The strike had closed Sarnow's container terminal for nine days.",
    ),
    "bus-routes-return-to-northwick-estates": town(
        "Northwick",
        seed=21,
        river=False,
        alt="Street map of Northwick with a main road crossing the estates and a pin where the new stop is.",
        caption="Three routes will serve the estates from Monday.",
    ),
    "ashbury-market-hall-restoration-approved": town(
        "Market Hall",
        seed=34,
        alt="Street map of central Ashbury, the river through the middle and a pin on the market hall.",
        caption="The hall stands at the top of Ashbury's high street.",
    ),
    "kestrel-bay-lifeboat-crew-honoured": scene(
        "boat",
        seed=4,
        alt="An orange lifeboat on a dark, rain-streaked sea.",
        caption="The crew were at sea for five hours.",
    ),
    "ashbury-crown-court-trial-of-former-councillor": scene(
        "building",
        alt="A stone court building with columns, steps and a clock above the door.",
        caption="The trial is expected to last three weeks.",
    ),
    # Business
    "freight-rates-slide-as-shipping-capacity-returns": chart(
        "line_chart",
        title="Cost of shipping a 40ft container, $ thousands",
        labels=MONTHS,
        values=(4.1, 5.6, 6.2, 5.9, 4.8, 3.9),
        source="Source: freight brokers' index",
        alt="Line chart: the cost of shipping a container rose from $4,100 in June to $6,200 in August, then fell "
        "to $3,900 in November.",
        caption="Rates have fallen by a third in a month.",
    ),
    "central-bank-holds-interest-rates": chart(
        "line_chart",
        title="Inflation, %",
        labels=MONTHS,
        values=(3.8, 3.6, 3.4, 3.3, 3.1, 2.9),
        unit="%",
        source="Source: national statistics office",
        alt="Line chart: inflation fell steadily from 3.8% in June to 2.9% in November.",
        caption="Inflation is at its lowest for three years.",
    ),
    "halden-logistics-shares-jump-on-warehouse-deal": chart(
        "line_chart",
        title="Halden Logistics share price, pence",
        labels=("Mon", "Tue", "Wed", "Thu", "Fri"),
        values=(212, 214, 211, 237, 241),
        source="Source: market data",
        alt="Line chart: Halden Logistics shares traded near 212p until Thursday, when they jumped to 237p, and "
        "closed the week at 241p.",
        caption="The shares rose 12% on the day of the announcement.",
    ),
    "first-time-buyers-return-as-mortgage-rates-ease": chart(
        "bar_chart",
        title="Mortgages to first-time buyers, thousands a month",
        labels=MONTHS,
        values=(24, 25, 27, 29, 31, 33),
        highlight=5,
        source="Source: lenders' figures",
        alt="Bar chart: mortgages to first-time buyers rose each month, from 24,000 in June to 33,000 in November.",
        caption="Lenders report the busiest autumn for first-time buyers in three years.",
    ),
    "corvane-to-build-chip-plant-near-northwick": scene(
        "chip",
        seed=2,
        alt="A black microchip with gold pins on a green circuit board.",
        caption="The plant will package chips made elsewhere.",
    ),
    "offices-quietly-adopt-ai-note-takers": scene(
        "office",
        seed=6,
        alt="A laptop on a desk showing a sound wave, with a red recording light beside it.",
        caption="Many note-taking tools start recording as soon as a call begins.",
    ),
    "data-protection-rules-for-workplace-ai": scene(
        "office",
        seed=9,
        alt="A laptop on an office desk showing a sound wave, a red light glowing beside it.",
        caption="Employers must tell staff what the tools record.",
    ),
    "ashbury-startup-turns-waste-heat-into-hot-water": scene(
        "heat_pump",
        seed=1,
        alt="A heat exchanger unit with a fan beside the brick wall of a house.",
        caption="Heat from the servers warms water for 400 homes.",
    ),
    "bakers-feel-the-squeeze-as-flour-prices-rise": chart(
        "bar_chart",
        title="Price of a 16kg sack of bread flour, pounds",
        labels=("2021", "2022", "2023", "2024", "2025"),
        values=(11.5, 15.8, 17.2, 16.4, 18.9),
        highlight=4,
        source="Source: millers' price lists",
        alt="Bar chart: a sack of bread flour cost £11.50 in 2021, £17.20 in 2023 and £18.90 this year.",
        caption="Flour is up by almost two thirds in four years.",
    ),
    "business-rates-relief-for-high-street-shops": scene(
        "shopfront",
        alt="Three small shopfronts in blue, green and red, each with a striped awning.",
        caption="The relief applies to shops with a rateable value under £51,000.",
    ),
    # Sport
    "ashbury-rovers-snatch-late-derby-win": scene(
        "pitch",
        seed=1,
        alt="A football pitch seen from above, striped green, the ball near the halfway line.",
        caption="The winner came in the 89th minute.",
    ),
    "rovers-women-sell-out-ground-for-cup-tie": scene(
        "pitch",
        seed=2,
        alt="A striped football pitch from above with the ball in the centre circle.",
        caption="All 8,200 tickets for Mill Lane have gone.",
    ),
    "rovers-manager-signs-new-contract": scene(
        "pitch",
        seed=3,
        alt="A football pitch drawn from above, its white lines on striped grass.",
        caption="Marsh took charge three seasons ago.",
    ),
    "kestrel-bay-athletic-fined-over-pitch-invasion": scene(
        "pitch",
        seed=4,
        alt="A football pitch from above, a ball in one half.",
        caption="The club has 14 days to appeal.",
    ),
    "county-championship-title-goes-to-final-day": scene(
        "wicket",
        seed=1,
        alt="Cricket stumps on a pale pitch under a blue sky, a red ball to one side.",
        caption="Rain took two days out of the Harbridge match.",
    ),
    "village-cricket-clubs-struggle-for-players": scene(
        "wicket",
        seed=2,
        alt="A set of cricket stumps on a village pitch, a red ball lying nearby.",
        caption="Many clubs now play shorter matches to keep players.",
    ),
    "ashbury-spinner-called-up-for-winter-tour": scene(
        "wicket",
        seed=3,
        alt="Cricket stumps and bails on a sunny pitch with a red ball beside them.",
        caption="The tour starts in January.",
    ),
    "harbridge-half-marathon-record-field": scene(
        "track",
        seed=1,
        alt="Runners, seen from above, spread across the lanes of a red running track.",
        caption="Entries have doubled in five years.",
    ),
    "free-weekly-runs-boost-fitness-study": scene(
        "walkers",
        seed=2,
        alt="A line of people in bright tops walking and jogging along a path across green hills.",
        caption="The study followed 3,000 runners for two years.",
    ),
    # Culture
    "review-the-lighthouse-keepers-daughters": scene(
        "books",
        seed=1,
        alt="A row of hardback books in blue, orange, green and red on a wooden shelf.",
        caption="The novel is the author's second.",
    ),
    "winter-reading-list-ten-novels": scene(
        "books",
        seed=2,
        alt="A shelf of colourful books of different heights.",
        caption="Ten novels for the long evenings.",
    ),
    "booksellers-report-surge-in-poetry-sales": scene(
        "books",
        seed=3,
        alt="Slim books in bright colours standing on a wooden shelf.",
        caption="Poetry sales rose by a fifth last year.",
    ),
    "harbour-lights-series-review": scene(
        "screen",
        alt="A cinema screen with a play symbol, seen over the silhouettes of an audience.",
        caption="All six episodes are available now.",
    ),
    "ashbury-film-festival-programme-announced": scene(
        "screen",
        seed=1,
        alt="Silhouettes of an audience in front of a glowing cinema screen.",
        caption="The festival opens on 14 March.",
    ),
    "the-gull-and-anchor-sessions": scene(
        "music",
        seed=1,
        alt="Golden musical notes rising above a dark stage under a purple glow.",
        caption="The back room holds 120 people.",
    ),
    "northwick-orchestra-free-concerts": scene(
        "music",
        seed=2,
        alt="Musical notes in gold above a stage lit in purple.",
        caption="The orchestra plans 40 concerts this season.",
    ),
    "fernhill-low-country-album-review": scene(
        "music",
        seed=3,
        alt="A purple glow over a dark stage with golden musical notes.",
        caption="Low Country is the band's third album.",
    ),
    # Science
    "river-restoration-project-brings-back-otters": scene(
        "river",
        seed=1,
        alt="A river running between green hills and clumps of trees.",
        caption="The River Ashe was straightened in the 1960s.",
    ),
    "farmers-paid-to-plant-hedgerows": scene(
        "hedgerow",
        seed=1,
        alt="Two rows of green hedges crossing a field under a blue sky.",
        caption="Hedgerows shelter birds, insects and livestock.",
    ),
    "heat-pumps-installations-double": chart(
        "bar_chart",
        title="Heat pumps installed, thousands a year",
        labels=("2021", "2022", "2023", "2024", "2025"),
        values=(38, 55, 60, 98, 196),
        highlight=4,
        source="Source: installers' registrations",
        alt="Bar chart: heat pump installations rose from 38,000 in 2021 to 98,000 in 2024 and doubled to 196,000 "
        "this year.",
        caption="The target is 600,000 a year by 2028.",
    ),
    "flu-vaccine-uptake-rises-among-over-65s": chart(
        "bar_chart",
        title="Over-65s vaccinated against flu",
        labels=("2021", "2022", "2023", "2024", "2025"),
        values=(80, 79, 77, 74, 78),
        unit="%",
        highlight=4,
        source="Source: public health figures",
        alt="Bar chart: flu vaccine uptake among over-65s fell from 80% in 2021 to 74% in 2024, then rose to 78% "
        "this year.",
        caption="Pharmacies gave more than a third of this year's jabs.",
    ),
    "trial-finds-walking-groups-cut-loneliness": scene(
        "walkers",
        seed=1,
        alt="A group of people in bright tops walking together along a path over green hills.",
        caption="Groups met twice a week for six months.",
    ),
    "brightsail-launches-first-weather-satellite": scene(
        "satellite",
        seed=1,
        alt="A satellite with two blue solar panels against a starry night sky.",
        caption="The satellite will send its first pictures next month.",
    ),
    "meteor-shower-best-viewing-guide": scene(
        "moon",
        seed=2,
        alt="Meteors streak across a starry sky above dark hills, a crescent moon to the right.",
        caption="Look north-east after midnight.",
    ),
    # Opinion
    "ledger-view-fix-the-trains-before-the-fares": scene(
        "train", alt="A blue commuter train on a straight section of track.", caption="The Ledger's view."
    ),
    "ledger-view-local-papers-and-open-courts": scene(
        "newspaper",
        alt="A folded newspaper page with a black masthead and three columns of text.",
        caption="The Ledger's view.",
    ),
    "in-praise-of-the-unfashionable-bus": scene(
        "bus", alt="A red single-decker bus at the roadside.", caption="Buses carry more passengers than trains."
    ),
    "why-i-stopped-reading-the-news-at-night": scene(
        "quote", alt="Two large black quotation marks beside grey lines of text.", caption="Comment."
    ),
    "the-case-for-a-four-day-school-week-is-weak": scene(
        "quote", seed=1, alt="Two large black quotation marks next to lines standing for text.", caption="Comment."
    ),
}


@cache
def png(slug):
    """The story's picture as PNG bytes, drawn once per process."""
    picture = PICTURES[slug]
    image = getattr(drawing, picture.draw)(**picture.args)
    buffer = BytesIO()
    image.save(buffer, format="PNG", optimize=False, compress_level=6)
    return buffer.getvalue()


def storage_name(slug):
    return f"articles/demo/{slug}.png"


def attach(articles, *, overwrite, outcome):
    """Give demo articles without a lead image theirs (all of them with ``overwrite``); return how many.

    ``articles`` maps slugs to saved articles. The words go in with one ``UPDATE`` per article and no model
    signals: the picture is part of the demo's content, not an editor's change.
    """
    count = drawn = 0
    for slug, article in articles.items():
        picture = PICTURES.get(slug)
        if picture is None or (article.lead_image and not overwrite):
            continue
        name = storage_name(slug)
        if not default_storage.exists(name):
            name = default_storage.save(name, ContentFile(png(slug)))
            drawn += 1
        values = {
            "lead_image": name,
            "lead_image_alt": picture.alt,
            "lead_image_caption": picture.caption,
            "lead_image_credit": picture.credit,
        }
        Article.objects.filter(pk=article.pk).update(**values)
        for attribute, value in values.items():
            setattr(article, attribute, value)
        count += 1
    if drawn:
        outcome.add("lead images", drawn)
    return count
