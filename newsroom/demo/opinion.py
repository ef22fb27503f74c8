"""Opinion: Columns and The Ledger's View."""

from newsroom.demo.shapes import Story, ago, ahead

STORIES = (
    Story(
        slug="ledger-view-fix-the-trains-before-the-fares",
        headline="The Ledger's view: fix the trains before you freeze the fares",
        section="opinion/editorials",
        authors=("jonah-pell",),
        standfirst=(
            "A fare freeze is welcome, but passengers were driven away by unreliable services, not only by price. "
            "That is where the money should go."
        ),
        seo_description="The Daily Ledger's editorial on the rail fares freeze: reliability matters more than price.",
        tags=("Rail", "Transport", "Cost of living"),
        when=ago(hours=2),
        picks=("rail-fares-freeze-announced-for-commuter-routes", "bus-routes-return-to-northwick-estates"),
        body="""
<p>No commuter will complain about paying the same for their season ticket next year as this year. The government's
fare freeze is a genuine saving for hundreds of thousands of households, and it deserves a fair hearing.</p>
<p>But the people who stopped taking the train did not only do so because of price. They did so because the 7.42 was
cancelled twice a week, because the replacement bus took ninety minutes, and because nobody could tell them in advance
which days would be which.</p>
<h2>Where the money should go</h2>
<p>The freeze will cost around £190m. That sum could instead pay for a great deal of the unglamorous work that makes a
railway reliable: more drivers trained, more spare trains kept ready, more signalling faults fixed before they
happen.</p>
<h2>A test of seriousness</h2>
<p>Ministers say passenger numbers will show whether the freeze has worked. We suggest a second measure: the number of
trains that run on time. If that does not improve, a cheaper ticket is a discount on a bad service.</p>
<p>We would rather have a railway worth paying for.</p>
""",
    ),
    Story(
        slug="ledger-view-local-papers-and-open-courts",
        headline="The Ledger's view: open courts need someone in the press bench",
        section="opinion/editorials",
        authors=("jonah-pell", "harriet-quayle"),
        standfirst="Justice is meant to be seen to be done. Fewer and fewer people are there to see it.",
        seo_description=(
            "The Daily Ledger's editorial on court reporting and why local journalism matters for open justice."
        ),
        tags=("Courts", "Local government"),
        when=ago(days=11, hours=1),
        body="""
<p>When this newspaper was founded, its reporters sat in every court in the district every day. Today we manage two
days a week at Ashbury Crown Court, and the magistrates' court most weeks. We are, by the standards of our industry,
lucky.</p>
<h2>Why it matters</h2>
<p>Open justice is not an abstraction. It means that anyone accused of a crime is tried in public, that the evidence
against them can be examined, and that the sentences handed down can be questioned. It depends on someone being there
to watch and report.</p>
<p>Across the country, courts now sit for days with no reporter present. Cases of real public interest, from fraud by
public officials to dangerous driving, pass unrecorded.</p>
<h2>What would help</h2>
<ul>
<li>Court lists published online in good time, in a format that can be searched.</li>
<li>Remote access for accredited reporters to hearings they cannot attend in person.</li>
<li>Support for local newsrooms to train a new generation of court reporters.</li>
</ul>
<p>We will keep sending our reporters. We hope readers will keep reading what they write.</p>
""",
    ),
    Story(
        slug="in-praise-of-the-unfashionable-bus",
        headline="In praise of the unfashionable bus",
        section="opinion/columns",
        authors=("jonah-pell",),
        standfirst=(
            "Nobody makes speeches about the number 14. They should. For most people without a car, it is the most "
            "important public service there is."
        ),
        seo_description="Jonah Pell on why buses deserve more attention than trains, trams and roads.",
        tags=("Transport", "Northwick", "Local government"),
        when=ago(days=1, hours=15),
        picks=("bus-routes-return-to-northwick-estates", "ledger-view-fix-the-trains-before-the-fares"),
        body="""
<p>Politicians love a railway. They love a new road even more. Both allow them to stand in a hard hat and talk about
the future. Nobody has ever held a press conference to launch a bus timetable.</p>
<h2>The quiet workhorse</h2>
<p>Yet buses carry more passengers than every other form of public transport put together. They take people to work,
to hospital appointments, to school and to the shops. For the one household in four without a car, the bus is not a
choice, it is the way the world is reached.</p>
<p>When the 14 stopped running to the Hillcrest estate in Northwick two years ago, a lot of people simply went out
less. They saw the doctor less, visited friends less, and, in some cases, stopped working. None of this appeared in
any official statistic.</p>
<h2>Small money, big difference</h2>
<p>The routes coming back next month cost about as much a year as a few hundred metres of dual carriageway. I grew up
above my parents' shop on Northwick's high street, and I can tell you which of those two things our customers needed
more.</p>
<p>So here is a modest proposal. The next time a minister wants a photo opportunity, let them ride the 14 from end to
end, at seven in the morning, in the rain. Then let them make a speech.</p>
""",
    ),
    Story(
        slug="why-i-stopped-reading-the-news-at-night",
        headline="Why I stopped reading the news at night (and what I read instead)",
        section="opinion/columns",
        authors=("isolde-farrant",),
        standfirst=(
            "A culture editor confesses: for the sake of my sleep, the headlines now wait until morning. Novels have"
            " taken their place."
        ),
        seo_description="Isolde Farrant on giving up late-night news for novels, and sleeping better.",
        tags=("Books", "Health"),
        when=ago(days=14, hours=6),
        picks=("winter-reading-list-ten-novels",),
        body="""
<p>It is an odd thing for someone who works for a newspaper to admit, but for the past six months I have not read the
news after nine o'clock at night.</p>
<h2>The scrolling hour</h2>
<p>My old routine will be familiar to many. Into bed, phone in hand, one last look at the headlines. Then another.
Then a comment thread, then a related story, then it was midnight and I was wide awake and worried about something I
could do nothing about.</p>
<h2>What changed</h2>
<p>I bought a cheap alarm clock and left my phone downstairs. In its place I put a novel on the bedside table, the
longer and more absorbing the better. The first week was hard. By the third I was reading forty pages a night and
falling asleep before eleven.</p>
<p>I have not become less informed. The news is still there in the morning, usually with more facts and fewer guesses
than it had the night before. I have simply stopped letting it follow me to bed.</p>
<p>I recommend it. And if you need a book to start with, our critics have <a
href="https://ledger.example.org/culture/books/winter-reading-list">ten suggestions</a>.</p>
""",
    ),
    Story(
        slug="the-case-for-a-four-day-school-week-is-weak",
        headline="The case for a four-day school week is weaker than it looks",
        section="opinion/columns",
        authors=("jonah-pell",),
        standfirst=(
            "Some schools say a shorter week would help them keep teachers. The children who can least afford to "
            "lose a day would pay the price."
        ),
        seo_description="Jonah Pell argues against the four-day school week.",
        tags=("Education", "Jobs"),
        when=ahead(days=3, hours=2),
        body="""
<p>The idea has a certain appeal. Teachers are leaving the profession in large numbers, and a handful of schools
abroad report that a four-day week helps them recruit and keep staff. Why not try it here?</p>
<h2>Who loses the fifth day</h2>
<p>Because the fifth day does not vanish. For children whose parents can afford a club, a tutor or a trip, it becomes
an enrichment day. For children whose parents work long hours for low pay, it becomes a day in front of a screen, or a
day minding younger siblings.</p>
<p>The gap between those two groups is already wide. A shorter school week would widen it further, at exactly the
moment schools are spending catch-up money to narrow it.</p>
<h2>Fix the job instead</h2>
<p>If teachers are leaving because the job is too heavy, the answer is to make the job lighter: less paperwork,
smaller classes, better support with behaviour. That costs money. A four-day week looks cheaper only because its costs
fall on families instead.</p>
""",
    ),
)
