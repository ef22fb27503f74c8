"""The Daily Ledger's sections and the people who write for it (all invented)."""

from newsroom.demo.shapes import Person, Section

SECTIONS = (
    Section(
        path="news",
        name="News",
        position=1,
        description="Reporting from our own correspondents at home, abroad and on your doorstep.",
    ),
    Section(
        path="news/uk",
        name="UK",
        position=1,
        description="Politics, public services and the stories shaping life across the country.",
        reader_prompt="How does this affect you and your family? Tell us in the comments below.",
    ),
    Section(
        path="news/world",
        name="World",
        position=2,
        description="Dispatches from our correspondents on diplomacy, trade, conflict and recovery.",
    ),
    Section(
        path="news/local",
        name="Ashbury & District",
        position=3,
        description="The city and the towns around it: councils, courts, transport and the people who make it work.",
        reader_prompt="Know more about this story, or live nearby? Share what you have seen in the comments.",
        comments_close_after_days=21,
    ),
    Section(
        path="business",
        name="Business",
        position=2,
        description="Markets, companies and the working lives behind the numbers.",
    ),
    Section(
        path="business/markets",
        name="Markets",
        position=1,
        description="Shares, bonds, currencies and commodities, explained without the jargon.",
        reader_prompt="Where do you think prices go from here? Share your predictions in the comments below!",
    ),
    Section(
        path="business/technology",
        name="Technology",
        position=2,
        description="The companies, products and rules changing how we work, shop and talk to each other.",
    ),
    Section(
        path="business/small-business",
        name="Small Business",
        position=3,
        description="Owners, founders and sole traders on what it really takes to keep the doors open.",
        reader_prompt="Run a small business yourself? Tell us what would help most.",
    ),
    Section(
        path="sport",
        name="Sport",
        position=3,
        description="Results, reports and the stories behind the scorelines.",
    ),
    Section(
        path="sport/football",
        name="Football",
        position=1,
        description="From the top division to the Sunday leagues, with match reports and transfer news.",
        reader_prompt="Who gets your vote for player of the week? Make your case in the comments!",
        comments_close_after_days=14,
    ),
    Section(
        path="sport/cricket",
        name="Cricket",
        position=2,
        description="County championship, internationals and the village green.",
    ),
    Section(
        path="sport/athletics",
        name="Athletics",
        position=3,
        description="Track, field, road and trail: the sport of counting seconds and centimetres.",
    ),
    Section(
        path="culture",
        name="Culture",
        position=4,
        description="Books, screens, stages and sounds, reviewed by people who love them.",
    ),
    Section(
        path="culture/books",
        name="Books",
        position=1,
        description="Reviews, interviews and what our critics are reading this month.",
        reader_prompt="What are you reading at the moment? Recommend something in the comments.",
    ),
    Section(
        path="culture/screen",
        name="Film & TV",
        position=2,
        description="New releases, series worth your evenings and the people making them.",
    ),
    Section(
        path="culture/music",
        name="Music",
        position=3,
        description="Albums, gigs and festivals, from concert halls to back rooms of pubs.",
    ),
    Section(
        path="science",
        name="Science",
        position=5,
        description="Discoveries and debates, with the evidence laid out plainly.",
    ),
    Section(
        path="science/environment",
        name="Environment",
        position=1,
        description="Climate, nature and the choices that shape the places we live.",
        reader_prompt="What change have you made, or would you make, at home? Share your ideas below.",
    ),
    Section(
        path="science/health",
        name="Health",
        position=2,
        description="Medicine, research and public health, with the caveats left in.",
    ),
    Section(
        path="science/space",
        name="Space",
        position=3,
        description="Launches, telescopes and the small companies going to orbit.",
    ),
    Section(
        path="opinion",
        name="Opinion",
        position=6,
        description="Argument and analysis from our columnists and the Ledger's own view.",
        reader_prompt="Agree or disagree? Make your argument in the comments, and keep it civil.",
    ),
    Section(
        path="opinion/columns",
        name="Columns",
        position=1,
        description="Our regular writers on the week's arguments.",
    ),
    Section(
        path="opinion/editorials",
        name="The Ledger's View",
        position=2,
        description="Unsigned editorials setting out where this newspaper stands.",
    ),
)

AUTHORS = (
    Person(
        slug="harriet-quayle",
        name="Harriet Quayle",
        job_title="Senior News Editor",
        bio=(
            "Harriet runs the Ledger's news desk. She spent a decade reporting on councils and courts "
            "before moving to the editor's chair, and still answers readers' letters herself."
        ),
    ),
    Person(
        slug="tomasz-wren",
        name="Tomasz Wren",
        job_title="World Affairs Correspondent",
        bio=(
            "Tomasz covers diplomacy and trade. He has filed from more than thirty countries and "
            "speaks four languages badly and two well."
        ),
    ),
    Person(
        slug="priya-lindqvist",
        name="Priya Lindqvist",
        job_title="Business Correspondent",
        bio=(
            "Priya writes about markets, companies and the economy. Before journalism she spent "
            "five years as an auditor, which is why she always reads the footnotes."
        ),
    ),
    Person(
        slug="callum-achebe-moss",
        name="Callum Achebe-Moss",
        job_title="Sports Reporter",
        bio=(
            "Callum has reported on football, cricket and athletics for the Ledger since 2016. "
            "He still plays on Sundays, as a slow but enthusiastic left back."
        ),
    ),
    Person(
        slug="isolde-farrant",
        name="Isolde Farrant",
        job_title="Culture Editor",
        bio=(
            "Isolde edits the books, screen and music pages. She reads about a hundred novels a "
            "year and reviews the ones she cannot stop thinking about."
        ),
    ),
    Person(
        slug="dev-marchetti",
        name="Dev Marchetti",
        job_title="Data Journalist",
        bio=(
            "Dev finds the stories hidden in spreadsheets and public records, and builds the charts "
            "that explain them. Ask him about rounding errors at your peril."
        ),
    ),
    Person(
        slug="rosalind-ogunbiyi",
        name="Rosalind Ogunbiyi",
        job_title="Science and Environment Correspondent",
        bio=(
            "Rosalind trained as a marine biologist and now covers climate, health and space. "
            "She believes every study deserves to be read past its abstract."
        ),
    ),
    Person(
        slug="jonah-pell",
        name="Jonah Pell",
        job_title="Columnist and Leader Writer",
        bio=(
            "Jonah writes a weekly column on politics and public life and helps draft the Ledger's "
            "editorials. He grew up above his parents' hardware shop in Northwick."
        ),
    ),
)
