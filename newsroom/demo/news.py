"""News: UK, World, and Ashbury & District."""

from newsroom.demo.shapes import Story, Update, ago, ahead

STORIES = (
    Story(
        slug="rail-fares-freeze-announced-for-commuter-routes",
        headline="Rail fares frozen on commuter routes for a year as ministers bet on busier trains",
        section="news/uk",
        authors=("harriet-quayle", "dev-marchetti"),
        standfirst=(
            "Season tickets will not rise until next autumn, but operators warn the freeze must be paid for "
            "somewhere, and unions say it does nothing about cancelled services."
        ),
        seo_description=(
            "Ministers freeze commuter rail fares for twelve months. What it means for season tickets, operators and"
            " passengers."
        ),
        tags=("Rail", "Transport", "Cost of living", "Parliament"),
        when=ago(hours=3),
        reader_prompt=(
            "Would a fare freeze get you back on the train? Tell us about your commute in the comments below."
        ),
        picks=("bus-routes-return-to-northwick-estates", "ledger-view-fix-the-trains-before-the-fares"),
        body="""
<p>Commuters on regulated rail routes will pay the same for their season tickets for the next twelve months, the
Transport Secretary announced on Tuesday, in a move the government says will tempt back passengers who switched to
working from home.</p>
<p>The freeze applies to season tickets and off-peak returns on routes where fares are set by the government, which
covers roughly half of all journeys. Walk-up and advance fares, which operators set themselves, are not included.</p>
<h2>Who pays for it</h2>
<p>Officials estimate the freeze will cost around £190m in lost revenue, to be made up from the transport budget. Our
analysis of the last five years of ticket data suggests a typical commuter from the outer suburbs into a major city
will save between £140 and £310 compared with an inflation-linked rise.</p>
<p>Operators welcomed the certainty but warned that a frozen fare on a cancelled train is still a cancelled train.
"Passengers tell us reliability matters more to them than price," said one industry body in a statement.</p>
<h2>Unions unimpressed</h2>
<p>Rail unions said the announcement dodged the question of staffing. <em>"Freezing fares while cutting ticket office
hours is giving with one hand and taking with the other,"</em> one union official told the Ledger.</p>
<ul>
<li>Regulated season tickets: frozen until next autumn</li>
<li>Off-peak regulated returns: frozen</li>
<li>Advance and anytime fares: set by operators, may still rise</li>
</ul>
<p>The government will publish passenger numbers in the spring, which it says will show whether the gamble has paid
off. A full breakdown of the fares affected is available on the <a
href="https://transport.example.org/fares-freeze">department's website</a>.</p>
""",
    ),
    Story(
        slug="schools-to-get-new-reading-catch-up-fund",
        headline="Primary schools to get reading catch-up fund after test scores stall",
        section="news/uk",
        authors=("harriet-quayle",),
        standfirst=(
            "Schools with the lowest reading scores will share £85m for tutoring and library books, but head "
            "teachers say the money arrives two years too late."
        ),
        seo_description=(
            "A new £85m fund targets primary schools where reading scores have stalled. Heads welcome the money but "
            "question the timing."
        ),
        tags=("Education", "Books", "Parliament"),
        when=ago(days=4, hours=6),
        body="""
<p>Primary schools in England where fewer than six in ten pupils meet the expected standard in reading will share an
£85m fund for small-group tutoring, library books and training, the Education Department said on Thursday.</p>
<p>The money follows figures showing that reading scores for eleven-year-olds have barely moved in three years, while
the gap between the most and least deprived pupils has widened.</p>
<h2>What schools will get</h2>
<p>A typical eligible school will receive around £22,000 over two years. Schools must spend at least a third of it on
tutoring delivered by trained staff, and can use the remainder for books or for releasing teachers to train.</p>
<blockquote><p>"Every head I know will take the money gladly. But the children who needed it most are now in secondary
school."</p></blockquote>
<p>That was the verdict of the head of one large primary school in the Midlands, who asked not to be named because her
school has not yet been told whether it qualifies.</p>
<h2>Libraries in the picture</h2>
<p>Campaigners for school libraries welcomed the explicit mention of books, having argued for years that tutoring
alone cannot build a habit of reading for pleasure. A survey by the School Library Circle found that one in seven
primary schools had no dedicated library space at all.</p>
""",
    ),
    Story(
        slug="hospital-waiting-lists-fall-for-third-month",
        headline="Hospital waiting lists fall for a third month, but winter pressures loom",
        section="news/uk",
        authors=("dev-marchetti",),
        standfirst=(
            "The number of people waiting for planned treatment fell again in the latest figures, driven by weekend "
            "clinics. Managers warn the gains are fragile."
        ),
        seo_description=(
            "Waiting lists for planned hospital treatment fell for a third month running. Our data journalist looks "
            "at what is behind the fall."
        ),
        tags=("Health", "Hospitals", "Data"),
        when=ago(days=9, hours=2),
        picks=("flu-vaccine-uptake-rises-among-over-65s",),
        body="""
<p>The waiting list for planned hospital treatment in England fell for the third month in a row, official figures
published on Thursday show, with around 7.1 million treatments outstanding at the end of the period.</p>
<h2>Behind the numbers</h2>
<p>The fall is modest, about 0.8 per cent, but it is the longest run of improvements since records in their current
form began. Trusts that opened Saturday and Sunday clinics for routine operations such as hip replacements and
cataract removal account for most of the drop.</p>
<p>The picture is uneven. Waits for ear, nose and throat treatment and for gynaecology continue to lengthen, and the
number of patients waiting more than a year remains stubbornly high in the North West.</p>
<h2>A difficult winter ahead</h2>
<p>Hospital managers say the weekend clinics depend on staff working extra shifts, which many will be reluctant to do
once winter illnesses arrive. <strong>Bed occupancy is already above 92 per cent</strong> in most large trusts,
leaving little room for the seasonal rise in emergency admissions.</p>
<p>You can explore the figures for your local trust in our <a
href="https://data.example.org/waiting-lists">interactive table</a>, which we update each month when the figures are
published.</p>
""",
    ),
    Story(
        slug="councils-warn-over-social-care-costs",
        headline="Councils warn social care costs could force cuts to libraries and parks",
        section="news/uk",
        authors=("harriet-quayle",),
        standfirst=(
            "A survey of council finance directors finds nine in ten expect to overspend on adult social care this "
            "year, with leisure services first in line for savings."
        ),
        seo_description=(
            "Council finance directors warn rising adult social care costs will mean cuts to libraries, parks and "
            "leisure."
        ),
        tags=("Local government", "Health", "Cost of living"),
        when=ago(days=17, hours=5),
        body="""
<p>Nine in ten English councils expect to overspend their adult social care budgets this year, according to a survey
of finance directors, and most say libraries, parks and leisure centres will bear the brunt of the savings needed to
balance the books.</p>
<h2>A growing share of the budget</h2>
<p>Social care for older and disabled adults now takes up, on average, almost forty pence of every pound councils
spend on services. Ten years ago the figure was closer to thirty pence. The rise reflects an ageing population and the
higher wages care providers must pay to recruit staff.</p>
<p>Councils are legally required to meet assessed care needs, so when costs rise the money has to come from services
they are not obliged to provide. Several authorities have already consulted on shorter library opening hours and the
closure of public toilets.</p>
<h2>Calls for a long-term settlement</h2>
<p>Finance directors want a funding settlement that lasts longer than a single year, so that councils can plan. "We
are making decisions about buildings that will last decades with money that lasts twelve months," one told the
survey's authors.</p>
<p>The government said it had increased the money available to councils this year and would set out its plans for care
in due course.</p>
""",
    ),
    Story(
        slug="tenants-could-get-deposits-back-within-a-week",
        headline="Tenants could get deposits back within a week under new proposals",
        section="news/uk",
        authors=("harriet-quayle", "dev-marchetti"),
        status="draft",
        standfirst=(
            "Draft rules would set a seven-day deadline for returning undisputed deposits. Landlord groups say the "
            "timetable is unworkable."
        ),
        tags=("Housing", "Cost of living"),
        when=ago(hours=1),
        body="""
<p>Landlords in England would have seven days to return the undisputed part of a tenant's deposit under proposals
being prepared by ministers, the Ledger understands.</p>
<h2>What would change</h2>
<p>At present there is no fixed deadline for agreeing deductions, only for returning money once both sides agree.
Tenants' groups say this lets disputes drag on for months while renters need the money for the deposit on their next
home.</p>
<p>[Awaiting comment from the landlords' association: Harriet chasing.]</p>
<p>[Dev: add the table of average deposit amounts by region once the figures are checked.]</p>
""",
    ),
    Story(
        slug="grain-corridor-talks-resume-in-valdria",
        headline="Grain corridor talks resume as shipping insurers return to the Corrin Strait",
        section="news/world",
        authors=("tomasz-wren",),
        standfirst=(
            "Negotiators from Valdria and Kesmet are meeting for the first time in four months, as lower insurance "
            "premiums tempt cargo ships back to the region's busiest waterway."
        ),
        seo_description=(
            "Talks on a grain shipping corridor through the Corrin Strait resume between Valdria and Kesmet as "
            "insurers return."
        ),
        tags=("Trade", "Shipping", "Supply chains", "Diplomacy", "Food"),
        when=ago(hours=9),
        reader_prompt=(
            "What will this mean for supply chains and food prices? Share your predictions in the comments below!"
        ),
        picks=("freight-rates-slide-as-shipping-capacity-returns", "bakers-feel-the-squeeze-as-flour-prices-rise"),
        live=(
            Update(
                after=ahead(minutes=20),
                headline="Delegations arrive",
                text="<p>Both delegations have arrived at the harbour master's building in Sarnow. No statements "
                "on the way in.</p>",
                author="tomasz-wren",
            ),
            Update(
                after=ahead(hours=2),
                text='<p>A Kesmet official tells the Ledger the first session ended "in a constructive mood". '
                "Inspections are next on the agenda.</p>",
                author="tomasz-wren",
            ),
            Update(
                after=ahead(hours=4, minutes=30),
                headline="Insurers watching closely",
                text="<p>Brokers in Sarnow say two more bulk carriers asked for quotes this afternoon, on the "
                "strength of the talks alone.</p>",
            ),
            Update(
                after=ahead(hours=7),
                text="<p>The talks have broken for the evening. A joint statement is expected in the morning; we "
                "will carry on following it here.</p>",
                author="tomasz-wren",
            ),
        ),
        body="""
<p>Negotiators from Valdria and Kesmet sat down in the port city of Sarnow on Monday to discuss reopening a protected
shipping corridor for grain, the first direct talks between the two governments since the spring.</p>
<p>The Corrin Strait carries roughly a fifth of the region's wheat exports. Traffic through it collapsed earlier this
year after a series of incidents involving cargo vessels, and insurers raised premiums so sharply that many shipowners
simply stopped sending their ships.</p>
<h2>Insurers lead the way</h2>
<p>In recent weeks premiums have started to fall, and brokers in Sarnow report that a dozen bulk carriers have booked
passages for next month. <strong>The insurers, in effect, have moved faster than the diplomats.</strong> Both
delegations are under pressure to agree rules that keep them coming.</p>
<p>A draft seen by the Ledger would create a monitored lane, with inspections carried out at a neutral port and a
joint hotline for reporting incidents. Disagreements remain over who would carry out the inspections and how long the
arrangement would last.</p>
<h2>Why it matters beyond the region</h2>
<p>Grain merchants say even a partial reopening would ease prices for importers across three continents. "The strait
is a tap," said one trader. "When it is shut, bakers a thousand miles away feel it within weeks."</p>
<p>The talks are expected to last at least a week. A joint statement from the delegations is available on the <a
href="https://sarnow-talks.example.org/statement">conference website</a>.</p>
""",
    ),
    Story(
        slug="anselm-islands-vote-on-independence-referendum",
        headline="Anselm Islands set date for referendum on full independence",
        section="news/world",
        authors=("tomasz-wren",),
        standfirst=(
            "The islands' assembly voted by a narrow margin to hold the poll next spring, in a campaign likely to "
            "turn on fishing rights and the cost of running a state of 60,000 people."
        ),
        seo_description=(
            "The Anselm Islands will hold an independence referendum next spring. What is at stake for fishing, "
            "money and defence."
        ),
        tags=("Elections", "Diplomacy", "Fishing"),
        when=ago(days=3, hours=4),
        body="""
<p>The Anselm Islands will vote next spring on whether to become a fully independent state, after the islands'
assembly approved the referendum by 14 votes to 12 late on Wednesday night.</p>
<h2>Fish, money and ferries</h2>
<p>Supporters of independence argue the islands could negotiate their own fishing agreements, which they say would be
worth far more than the share of quotas they receive now. Opponents point out that the islands rely on outside funding
for their hospital, their ferry service and much of their public sector payroll.</p>
<p>Independent economists at the islands' college estimate that a new state would need to raise an extra £40m a year,
a large sum for a population the size of a modest market town.</p>
<h2>A long campaign</h2>
<p>Polls have shown the two sides within a few points of each other for several years. Turnout in the islands is
traditionally high, and both campaigns expect to knock on almost every door.</p>
<p>The assembly's speaker, who cast no vote, said she hoped the campaign would be "fierce in argument and gentle in
manner, as befits neighbours who will still share a harbour afterwards".</p>
""",
    ),
    Story(
        slug="flood-recovery-in-lower-dravonia",
        headline="Three months after the floods, Lower Dravonia rebuilds on higher ground",
        section="news/world",
        authors=("tomasz-wren", "rosalind-ogunbiyi"),
        standfirst=(
            "Whole villages are moving uphill rather than rebuilding where the river reached them. We travelled to "
            "the valley to see how the move is going."
        ),
        seo_description=(
            "Villages in Lower Dravonia are relocating to higher ground after devastating floods. A report from the "
            "valley."
        ),
        tags=("Climate", "Rivers", "Aid", "Housing"),
        when=ago(days=12, hours=8),
        picks=("river-restoration-project-brings-back-otters", "anselm-islands-vote-on-independence-referendum"),
        body="""
<p>In the village of Dolna Versta, the new school is half built on a ridge above the valley. Below it the old school
still stands, its walls marked by a brown tide line almost two metres up.</p>
<p>When the river broke its banks in the summer it flooded more than forty villages in Lower Dravonia, killing eleven
people and forcing twenty thousand from their homes. Rather than rebuild in the same places, the regional government
has offered grants to families who move to land above the flood line.</p>
<h2>Moving a village</h2>
<p>About a third of eligible households have accepted so far. The grants cover the cost of a basic house but not the
land, which has risen in price as demand has grown. Older residents are the most reluctant to leave.</p>
<blockquote><p>"My grandfather built that house. I understand why we should go. Understanding it and doing it are
different things."</p></blockquote>
<h2>Lessons for others</h2>
<p>Hydrologists say managed retreat, as it is known, is likely to become more common as heavy rainfall grows more
intense. The valley's experience suggests it works best when a whole community moves together, keeping its school, its
shop and its neighbours.</p>
<p>International aid agencies have pledged further money for the next phase, which includes restoring the old
floodplain as wetland that can hold water in future storms.</p>
""",
    ),
    Story(
        slug="kesmet-elects-first-coalition-government",
        headline="Kesmet forms its first coalition government after weeks of talks",
        section="news/world",
        authors=("tomasz-wren",),
        standfirst=(
            "An unlikely alliance of the farmers' party and urban liberals will govern the country, promising land "
            "reform and a digital identity card."
        ),
        seo_description=(
            "Kesmet's first coalition government takes office, joining the farmers' party and urban liberals."
        ),
        tags=("Elections", "Diplomacy", "Farming"),
        when=ago(days=22, hours=3),
        body="""
<p>Kesmet has its first coalition government after the Farmers' Union and the Liberal Alliance agreed a programme for
government following seven weeks of negotiations.</p>
<h2>An unlikely partnership</h2>
<p>The two parties have little in common beyond a shared dislike of the outgoing government, which lost its majority
in September after two decades in power. The Farmers' Union draws almost all its support from the countryside; the
Liberal Alliance from the capital and two university cities.</p>
<p>Their agreement runs to 64 pages. Its headline promises are a reform of land ownership that would make it easier
for young farmers to buy small plots, and a digital identity card that the liberals say will cut paperwork for
everyone.</p>
<h2>Neighbours watching</h2>
<p>Diplomats in the region say the new government is likely to be friendlier towards the grain corridor talks, since
many of its voters grow the grain in question. The new foreign minister is expected to make her first visit abroad
within a fortnight.</p>
""",
    ),
    Story(
        slug="port-strike-ends-in-sarnow",
        headline="Dockworkers in Sarnow end strike after pay deal",
        section="news/world",
        authors=("tomasz-wren", "priya-lindqvist"),
        status="review",
        standfirst=(
            "A ten-day strike that left container ships queueing offshore has ended with a deal worth 11 per cent "
            "over two years."
        ),
        tags=("Shipping", "Jobs", "Trade"),
        when=ago(hours=2),
        body="""
<p>Dockworkers at Sarnow, the largest container port on the Corrin Strait, returned to work on Friday morning after
union members voted to accept a pay offer worth 11 per cent over two years.</p>
<h2>Queues offshore</h2>
<p>At the height of the ten-day strike more than thirty container ships were waiting at anchor. Shipping lines say it
will take at least a fortnight to clear the backlog.</p>
<p>The deal also includes a commitment to consult workers before new automated cranes are introduced, which the union
said had been its main demand.</p>
<p>Retailers who import through the port said the delay would not affect stock levels for the holiday season, though
some warned of higher delivery charges.</p>
""",
    ),
    Story(
        slug="bus-routes-return-to-northwick-estates",
        headline="Bus routes return to Northwick estates after two-year gap",
        section="news/local",
        authors=("harriet-quayle",),
        standfirst=(
            "Three routes cut during the council's budget crisis will run again from next month, funded by a new "
            "levy on workplace parking."
        ),
        seo_description=(
            "Three bus routes serving Northwick estates are restored, funded by a workplace parking levy."
        ),
        tags=("Transport", "Northwick", "Local government", "Ashbury"),
        when=ago(hours=40),
        picks=("rail-fares-freeze-announced-for-commuter-routes",),
        body="""
<p>Buses will return to the Hillcrest and Moorfield estates in Northwick next month, two years after the routes were
withdrawn to save money.</p>
<p>The 14, 14A and 22 services will run every twenty minutes during the day and every forty minutes in the evening,
connecting the estates with the town centre, Northwick General Hospital and the railway station.</p>
<h2>Paid for by parking</h2>
<p>The routes are funded by the workplace parking levy introduced last April, which charges large employers for each
parking space they provide. The levy raised £3.2m in its first year, more than the council expected.</p>
<p>Residents on the estates, many of whom do not own a car, have campaigned for the routes' return since they were
cut. "I have been walking two miles to the doctor's with my knees," said Maureen Tulley, 78, of Moorfield. "I shall be
first on the bus."</p>
<h2>Not everyone is pleased</h2>
<p>Some businesses in the town's industrial park say the levy is a tax on jobs. The council says it will review the
charge after two years.</p>
<p>Timetables will be published on the <a href="https://northwick.example.org/buses">council's website</a> a fortnight
before services start.</p>
""",
    ),
    Story(
        slug="ashbury-market-hall-restoration-approved",
        headline="Ashbury's Victorian market hall to be restored after vote",
        section="news/local",
        authors=("harriet-quayle", "isolde-farrant"),
        standfirst=(
            "Councillors backed a £14m plan to repair the roof and reopen the hall with food stalls, a stage and "
            "space for independent traders."
        ),
        seo_description=(
            "Ashbury councillors approve a £14m restoration of the Victorian market hall with food stalls and a stage."
        ),
        tags=("Ashbury", "Local government", "Retail", "Food"),
        when=ago(days=6, hours=7),
        picks=("bakers-feel-the-squeeze-as-flour-prices-rise", "bus-routes-return-to-northwick-estates"),
        body="""
<p>Ashbury's market hall, closed since part of its glass roof collapsed four winters ago, will be restored and
reopened under plans approved by the city council on Tuesday evening.</p>
<h2>The plans</h2>
<p>The £14m scheme will replace the roof, repair the cast-iron columns and divide the ground floor into forty stalls.
A mezzanine will house a small stage for music and a community kitchen that local groups can hire.</p>
<ul>
<li>Forty permanent stalls, with lower rents for the first two years</li>
<li>Late opening on Fridays and Saturdays</li>
<li>A ban on chain outlets in the main hall</li>
</ul>
<h2>Traders cautious</h2>
<p>Former market traders said they were glad to see the hall saved but worried about rents once the introductory
period ends. The council said rents would be reviewed with traders' representatives.</p>
<p>Work is expected to begin in the spring and take around eighteen months. The hall was built in 1874 and is one of
the largest surviving examples of its kind in the region.</p>
""",
    ),
    Story(
        slug="kestrel-bay-lifeboat-crew-honoured",
        headline="Kestrel Bay lifeboat crew honoured for night rescue in storm",
        section="news/local",
        authors=("callum-achebe-moss",),
        standfirst=(
            "Five volunteers spent four hours in heavy seas to reach a fishing boat with engine failure off Gull Point."
        ),
        seo_description=(
            "Kestrel Bay's volunteer lifeboat crew receives an award for a four-hour night rescue in storm conditions."
        ),
        tags=("Kestrel Bay", "Fishing"),
        when=ago(days=14, hours=1),
        body="""
<p>Five volunteer crew members from the Kestrel Bay lifeboat station have been honoured for a rescue in which they
spent four hours in seas of up to six metres to reach a fishing boat that had lost power off Gull Point.</p>
<h2>The rescue</h2>
<p>The call came shortly before midnight in late February. The fishing boat's two crew had dropped anchor but it was
dragging towards the rocks. The lifeboat reached them within forty minutes and, after three failed attempts, attached
a tow line.</p>
<p>The tow back to harbour took more than three hours, with the lifeboat's coxswain steering by hand after a wave
damaged the navigation display.</p>
<h2>"Just doing the job"</h2>
<p>The coxswain, a plumber in his day job, said the crew had only done what they trained for. "Everybody on that boat
has a family waiting at home. So did the two lads we went to get."</p>
<p>The station is raising money for a new launch tractor. Details are on its <a
href="https://kestrelbay-lifeboat.example.org">website</a>.</p>
""",
    ),
    Story(
        slug="ashbury-crown-court-trial-of-former-councillor",
        headline="Former councillor denies fraud at start of Ashbury trial",
        section="news/local",
        authors=("harriet-quayle",),
        standfirst=(
            "The prosecution says grants meant for community groups were paid to companies controlled by the "
            "defendant. He denies all charges."
        ),
        seo_description=(
            "Trial begins at Ashbury Crown Court of a former councillor accused of diverting community grants."
        ),
        tags=("Ashbury", "Courts", "Local government"),
        when=ago(days=2, hours=5),
        comments_enabled=False,
        body="""
<p>A former Ashbury city councillor diverted more than £200,000 of grants intended for community groups to companies
he secretly controlled, a jury at Ashbury Crown Court heard on Monday.</p>
<h2>The prosecution case</h2>
<p>Opening the case, the prosecution told the jury that over three years the defendant had approved grants to four
organisations that existed only on paper. The money, it was alleged, was then transferred to two building firms in
which he held an undisclosed interest.</p>
<p>The defendant, 58, of Harrow Lane, Ashbury, denies six counts of fraud by abuse of position. His barrister told the
court that every grant had been approved by a committee and properly recorded.</p>
<h2>Trial continues</h2>
<p>The trial is expected to last four weeks. <em>Comments are closed on this article because legal proceedings are
active.</em></p>
""",
    ),
)
