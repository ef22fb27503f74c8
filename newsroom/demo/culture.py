"""Culture: Books, Film & TV and Music. Every book, film and band here is invented."""

from newsroom.demo.shapes import Story, ago, ahead

STORIES = (
    Story(
        slug="review-the-lighthouse-keepers-daughters",
        headline="The Lighthouse Keeper's Daughters review: a quiet novel that roars",
        section="culture/books",
        authors=("isolde-farrant",),
        standfirst=(
            "Marisa Kell's second novel follows three sisters on a northern island over forty years. It is the best "
            "thing I have read this year."
        ),
        seo_description=(
            "Review of The Lighthouse Keeper's Daughters by Marisa Kell, a novel of three sisters on a northern island."
        ),
        tags=("Books", "Reviews"),
        when=ago(hours=45),
        picks=("winter-reading-list-ten-novels", "booksellers-report-surge-in-poetry-sales"),
        body="""
<p>There is a moment, about a third of the way through Marisa Kell's second novel, when the youngest of the three
Anstey sisters rows out alone to the rocks below the lighthouse and simply sits there until the tide turns. Nothing
happens. It is one of the most gripping scenes I have read in years.</p>
<h2>Three sisters, one island</h2>
<p><em>The Lighthouse Keeper's Daughters</em> covers four decades in the lives of Agnes, Bet and Wren, who grow up on
a small island where their father keeps the light. Agnes stays; Bet leaves for the city and a career in law; Wren
leaves and comes back, and leaves again.</p>
<p>Kell is brilliant on the way siblings carry old arguments for decades, and on how a place can be both a home and a
trap. The island itself is drawn with such care that you can feel the wind in the sentences.</p>
<h2>A writer in full command</h2>
<p>Her first novel, a slim and angry book about a failing seaside hotel, was promising but uneven. This one is
controlled from the first page to the last. The structure, which moves between the sisters' points of view in
alternating decades, never feels like a device.</p>
<blockquote><p>"We were raised by a man who spent his nights keeping other people safe, and his days
asleep."</p></blockquote>
<p>If I have a reservation, it is that the final chapter ties up a little too neatly. But that is a small complaint
about a large achievement. Read it slowly.</p>
<p><em>The Lighthouse Keeper's Daughters is published by Harrow &amp; Vane at £18.99.</em></p>
""",
    ),
    Story(
        slug="winter-reading-list-ten-novels",
        headline="Our critics' winter reading list: ten novels for long evenings",
        section="culture/books",
        authors=("isolde-farrant", "jonah-pell"),
        standfirst=(
            "From a sprawling family saga to a murder mystery set in a botanical garden, these are the books we are "
            "pressing on friends this season."
        ),
        seo_description="Ten novels for winter evenings, chosen by the Daily Ledger's critics.",
        tags=("Books", "Reviews"),
        when=ago(days=8, hours=2),
        reader_prompt="What's on your winter reading pile? Recommend a book to other readers in the comments below.",
        body="""
<p>Long nights are for long books, and for short ones read slowly by a fire. Here is what our critics have enjoyed
this year and think you will too.</p>
<p>We have tried to cover every kind of evening: the ones when you want to disappear into another life for a month,
the ones when you want to be kept guessing, and the ones when an hour is all you have. Every book on the list was
published in the last twelve months and all are available in paperback or from your local library.</p>
<h2>For a big immersive read</h2>
<ul>
<li><strong>The Lighthouse Keeper's Daughters</strong> by Marisa Kell: three sisters, one island, forty years.</li>
<li><strong>A Map of Salt</strong> by Tomas Ebbe: a family of salt merchants across five generations.</li>
<li><strong>The Ferryman's Ledger</strong> by Ada Quince: a ferry company's accounts turn into a love story.
Really.</li>
</ul>
<h2>For something gripping</h2>
<ul>
<li><strong>Death Among the Orchids</strong> by P. R. Haldane: a botanist is found dead in a glasshouse in
February.</li>
<li><strong>Low Tide</strong> by Selim Carrow: a missing-person thriller on a coastal marsh.</li>
<li><strong>The Silent Auction</strong> by Jo Merriman: art fraud, handled with wit.</li>
</ul>
<h2>For a short, perfect evening</h2>
<ul>
<li><strong>Small Hours</strong> by Ines Fallow: a novella about a night nurse.</li>
<li><strong>What the Orchard Knew</strong> by Lewis Brannock: stories of a single village.</li>
<li><strong>Snowfields</strong> by Hanne Orr: a poetic memoir of a winter alone.</li>
<li><strong>The Last Tram</strong> by Kit Sorensen: a city at midnight, seen from one seat.</li>
</ul>
<p>A word on how we chose: each critic nominated five books, and we argued until ten were left. Two of the
argued-over books appear here only because Isolde refused to leave the room.</p>
<p>Jonah Pell adds: if you read only one, make it the Kell. Isolde Farrant adds: he is right, for once.</p>
""",
    ),
    Story(
        slug="booksellers-report-surge-in-poetry-sales",
        headline="Booksellers report surge in poetry sales among under-25s",
        section="culture/books",
        authors=("isolde-farrant", "dev-marchetti"),
        standfirst=(
            "Sales of poetry collections have risen for four years running, driven by young readers who found poets "
            "through short videos."
        ),
        seo_description="Poetry sales are rising among young readers. Booksellers explain the boom.",
        tags=("Books", "Data"),
        when=ago(days=21, hours=7),
        body="""
<p>Poetry, long the least commercial corner of the bookshop, is having a moment. Sales of poetry collections rose by
14 per cent last year, the fourth consecutive increase, according to figures compiled from booksellers' tills.</p>
<h2>Who is buying</h2>
<p>Booksellers say the growth is driven largely by readers under twenty-five, many of whom discovered poets through
short videos of readings shared online. The best-selling collections tend to be short, direct and personal.</p>
<p>At Pages on Pell Street, an independent bookshop in Ashbury, the poetry shelf has grown from one bay to three.
"Teenagers come in with a screenshot of a poem and ask if we have the book," said the owner. "Then they come back for
more."</p>
<h2>A broader shelf</h2>
<p>Publishers say the boom is also helping older and more difficult poets, as readers who start with accessible
collections move on. Sales of classic poetry anthologies have risen too, though more modestly.</p>
""",
    ),
    Story(
        slug="harbour-lights-series-review",
        headline="Harbour Lights review: a detective series that trusts its audience",
        section="culture/screen",
        authors=("isolde-farrant",),
        standfirst=(
            "Six patient episodes, one small town and a mystery that takes its time. The best new drama of the autumn."
        ),
        seo_description="Review of Harbour Lights, a slow-burning coastal detective drama.",
        tags=("Television", "Reviews"),
        when=ago(days=6, hours=1),
        body="""
<p>Most crime dramas are in a hurry. <em>Harbour Lights</em> is not. Its first episode ends without a body, its second
without a suspect, and by the third you will have cancelled your plans for the evening.</p>
<h2>A town with secrets</h2>
<p>Detective Sergeant Carys Hale returns to the fishing town where she grew up to investigate the disappearance of a
harbourmaster. Everyone she questions is someone she went to school with, or someone her mother fell out with, or
both.</p>
<p>The writing is sharp and often funny, particularly in the scenes between Hale and her elderly neighbour, who has
opinions on everything and evidence for most of them.</p>
<h2>Worth the wait</h2>
<p>The resolution, when it comes, is both surprising and fair: every clue was there. It is rare to finish a series and
immediately want to watch it again to see how it was done.</p>
""",
    ),
    Story(
        slug="ashbury-film-festival-programme-announced",
        headline="Ashbury Film Festival unveils programme with focus on first features",
        section="culture/screen",
        authors=("isolde-farrant",),
        standfirst=(
            "Twenty-two debut films will compete for the festival's new prize, with screenings in the restored "
            "Regent cinema."
        ),
        seo_description=(
            "The Ashbury Film Festival programme features 22 debut films and a new prize for first features."
        ),
        tags=("Film", "Festivals", "Ashbury"),
        when=ahead(days=1, hours=6),
        body="""
<p>The Ashbury Film Festival will screen twenty-two debut feature films in competition this year, as part of a
programme that organisers say is the most ambitious in the festival's history.</p>
<h2>A new prize</h2>
<p>The films will compete for the festival's first prize for a debut feature, judged by a panel of directors and
critics. The winner will receive funding towards their next film.</p>
<p>Screenings will take place in the newly restored Regent cinema, closed for five years, as well as in the city's
arts centre and, for the first time, in a marquee on Castle Green.</p>
<h2>Tickets</h2>
<p>Tickets go on sale next week on the <a href="https://ashburyfilm.example.org">festival website</a>, with a limited
number of free tickets for under-eighteens and students.</p>
""",
    ),
    Story(
        slug="the-gull-and-anchor-sessions",
        headline="The back-room gig that became a launch pad for new bands",
        section="culture/music",
        authors=("isolde-farrant",),
        standfirst=(
            "For twenty years, the Gull and Anchor in Kestrel Bay has hosted new bands every Thursday. Some of them "
            "went on to fill arenas."
        ),
        seo_description="How a pub back room in Kestrel Bay became a launch pad for new bands over twenty years.",
        tags=("Music", "Kestrel Bay"),
        when=ago(days=12, hours=2),
        body="""
<p>The back room of the Gull and Anchor holds ninety people if they are friendly. On a Thursday night it usually holds
more.</p>
<h2>Twenty years of Thursdays</h2>
<p>The landlord, Pete Morrow, started the Thursday sessions in a quiet winter when he needed a reason for people to
come in. He booked local bands for a share of the bar takings and a hot meal. Two decades later he has hosted more
than 900 gigs.</p>
<p>Several bands that played their first shows in the room have since gone on to tour nationally. Morrow keeps a wall
of posters by the bar and refuses to say which bands he thinks were best. "The ones that turned up on time," he
said.</p>
<h2>A fragile scene</h2>
<p>Small venues are closing across the country, squeezed by rising costs and noise complaints from new housing. The
Gull and Anchor survives, Morrow says, because he owns the building and his neighbours are mostly fishermen who are
asleep by nine.</p>
""",
    ),
    Story(
        slug="northwick-orchestra-free-concerts",
        headline="Northwick orchestra takes free concerts to schools and care homes",
        section="culture/music",
        authors=("isolde-farrant", "harriet-quayle"),
        standfirst=(
            "Musicians from the Northwick Philharmonic will give 120 free performances this season, in places that "
            "rarely hear live classical music."
        ),
        seo_description=(
            "The Northwick Philharmonic will give 120 free concerts in schools, care homes and hospitals."
        ),
        tags=("Music", "Northwick", "Education", "Health"),
        when=ago(days=23, hours=3),
        body="""
<p>The Northwick Philharmonic will give 120 free concerts in schools, care homes and hospitals this season, in an
expansion of a programme that began with a single string quartet five years ago.</p>
<h2>Small groups, big reach</h2>
<p>Most performances are by groups of three to six musicians, who can fit into a classroom or a day room. The
orchestra says more than 15,000 people heard one of its small-group concerts last year, more than attended its
main-stage season.</p>
<p>Care home staff say the visits are especially valuable for residents living with dementia, some of whom sing along
to music they have not heard for decades.</p>
<h2>Funding</h2>
<p>The programme is funded by a local charitable trust and by the orchestra's own supporters. The orchestra hopes to
double it within three years.</p>
""",
    ),
    Story(
        slug="fernhill-low-country-album-review",
        headline="Fernhill: Low Country review – a quieter, stranger third album",
        section="culture/music",
        authors=("isolde-farrant",),
        status="draft",
        standfirst="The Ashbury four-piece trade guitars for field recordings, mostly successfully.",
        tags=("Music", "Reviews", "Ashbury"),
        when=ago(hours=8),
        body="""
<p>Fernhill's third album opens with two minutes of a kettle boiling. It is a statement of intent.</p>
<p>[Isolde: finish after second listen. Score pending.]</p>
""",
    ),
)
