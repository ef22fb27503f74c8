"""Business: Markets, Technology and Small Business."""

from newsroom.demo.shapes import Story, ago, ahead

STORIES = (
    Story(
        slug="freight-rates-slide-as-shipping-capacity-returns",
        headline="Freight rates slide as ships return to the Corrin Strait",
        section="business/markets",
        authors=("priya-lindqvist",),
        standfirst=(
            "The cost of shipping a container has fallen by a third in a month, easing pressure on importers just as"
            " retailers stock up for winter."
        ),
        seo_description=(
            "Container freight rates have fallen by a third in a month as shipping capacity returns. What it means "
            "for importers and prices."
        ),
        tags=("Shipping", "Supply chains", "Trade", "Inflation"),
        when=ago(hours=20),
        picks=("grain-corridor-talks-resume-in-valdria", "halden-logistics-shares-jump-on-warehouse-deal"),
        body="""
<p>The price of shipping a forty-foot container on the main east-west routes has fallen by 34 per cent in a month,
according to the latest index compiled by freight brokers, as vessels that had been avoiding the Corrin Strait begin
to return.</p>
<h2>Why rates are falling</h2>
<p>Rates soared in the spring when insurers pulled back from the strait and ships were forced to take a route almost a
week longer. Longer voyages tie up more ships for the same cargo, which squeezes the supply of vessels everywhere.
With insurance premiums falling and talks under way on a protected corridor, that squeeze is easing.</p>
<p>At the same time, several large container ships ordered during the boom years have been delivered, adding capacity
that the market is struggling to absorb.</p>
<h2>Good news for importers, in time</h2>
<p>For retailers and manufacturers that import components, lower freight costs take a few months to feed through,
because many shipments are booked on contracts agreed earlier in the year.</p>
<blockquote><p>"The spot price tells you where we are going, not where we are. Contract rates will follow, probably by
the new year."</p></blockquote>
<p>That was the view of one freight forwarder in Felling Quay. Economists expect the fall to knock a small amount off
goods inflation next year, though energy prices remain the bigger influence.</p>
""",
    ),
    Story(
        slug="central-bank-holds-interest-rates",
        headline="Interest rates held again as the central bank waits for clearer signs on inflation",
        section="business/markets",
        authors=("priya-lindqvist", "dev-marchetti"),
        standfirst=(
            "Borrowers will have to wait for relief after policymakers voted six to three to keep rates unchanged, "
            "with three members wanting a cut."
        ),
        seo_description=(
            "The central bank holds interest rates, with a six to three vote. What it means for mortgages and savings."
        ),
        tags=("Interest rates", "Inflation", "Housing", "Cost of living"),
        when=ago(days=5, hours=3),
        reader_prompt=(
            "Are you waiting to remortgage, or enjoying better savings rates? Tell us how rates are affecting you."
        ),
        picks=("first-time-buyers-return-as-mortgage-rates-ease", "ledger-view-fix-the-trains-before-the-fares"),
        body="""
<p>The central bank kept its main interest rate unchanged on Thursday, disappointing homeowners hoping for a cut
before Christmas, but the split vote suggests a reduction early next year is increasingly likely.</p>
<h2>A divided committee</h2>
<p>Six members of the rate-setting committee voted to hold, while three voted for a quarter-point cut. At the previous
meeting only one member wanted a cut. The minutes show the majority wanted more evidence that price rises in the
service sector are slowing.</p>
<h2>What it means for you</h2>
<ul>
<li><strong>Mortgages:</strong> fixed deals have already fallen in anticipation of cuts, so borrowers coming off a fix
may find better rates than a year ago.</li>
<li><strong>Savings:</strong> easy-access rates are likely to stay above inflation for a few more months.</li>
<li><strong>Credit cards and loans:</strong> little immediate change.</li>
</ul>
<h2>Reading the numbers</h2>
<p>Inflation fell to 2.9 per cent last month, its lowest for three years, but wage growth remains strong. Our chart of
the committee's votes over the past two years, <a href="https://data.example.org/rate-votes">available here</a>, shows
the balance shifting steadily towards a cut.</p>
<p>Markets now price a cut in February as more likely than not.</p>
""",
    ),
    Story(
        slug="halden-logistics-shares-jump-on-warehouse-deal",
        headline="Halden Logistics shares jump 12% on automated warehouse contract",
        section="business/markets",
        authors=("priya-lindqvist",),
        standfirst=(
            "The Ashbury-based company will build and run three robotic distribution centres for a supermarket "
            "chain, its biggest contract to date."
        ),
        seo_description=(
            "Halden Logistics shares rise 12% after it wins a contract to run three automated warehouses for a "
            "supermarket chain."
        ),
        tags=("Supply chains", "Jobs", "Retail", "Ashbury"),
        when=ago(days=11, hours=4),
        body="""
<p>Shares in Halden Logistics rose 12 per cent on Wednesday after the company said it had won a ten-year contract to
build and operate three automated distribution centres for the supermarket chain Brennan's.</p>
<h2>The deal</h2>
<p>The contract is worth an estimated £600m over its life and more than doubles the number of warehouses Halden runs.
The first centre, near the company's Ashbury headquarters, is expected to open in eighteen months.</p>
<p>Each site will use fleets of small robots to pick and pack groceries for home delivery. Halden said each would
employ around 250 people, fewer than a conventional warehouse of similar size but in better-paid engineering and
maintenance roles.</p>
<h2>Jobs question</h2>
<p>The shop workers' union said it would seek talks over the impact on existing distribution staff at Brennan's, some
of whom work at sites that will close when the new centres open.</p>
<p>Analysts said the contract gave Halden a reliable income at a time when many logistics firms are struggling with
lower volumes.</p>
""",
    ),
    Story(
        slug="first-time-buyers-return-as-mortgage-rates-ease",
        headline="First-time buyers return as mortgage rates ease",
        section="business/markets",
        authors=("dev-marchetti",),
        standfirst=(
            "Mortgage approvals for first-time buyers rose for the fourth month running, though deposits remain a "
            "formidable hurdle in the south."
        ),
        seo_description=(
            "First-time buyer mortgage approvals rise for a fourth month as rates ease. Our data shows where "
            "deposits remain out of reach."
        ),
        tags=("Housing", "Interest rates", "Data", "Cost of living"),
        when=ago(days=19, hours=6),
        body="""
<p>More first-time buyers are getting on the property ladder, according to lending figures published this week, as
falling mortgage rates make monthly repayments more manageable.</p>
<h2>The figures</h2>
<p>Approvals for first-time buyer mortgages were 8 per cent higher than a year earlier. The average five-year fixed
rate for a buyer with a ten per cent deposit has fallen by almost a percentage point since the summer.</p>
<h2>The deposit problem</h2>
<p>Repayments are only half the story. Our analysis shows that a typical first-time buyer in the South East needs a
deposit equal to about eighteen months of take-home pay, compared with around eight months in the North East.</p>
<p>Lenders have started to offer more mortgages with five per cent deposits, but these carry higher rates, and buyers
need a larger income to qualify.</p>
<p>Estate agents say the spring market could be busier than at any time in the past three years if rates keep
falling.</p>
""",
    ),
    Story(
        slug="corvane-to-build-chip-plant-near-northwick",
        headline="Corvane to build £1bn chip packaging plant near Northwick",
        section="business/technology",
        authors=("priya-lindqvist", "harriet-quayle"),
        standfirst=(
            "The semiconductor company says the plant will employ 900 people. Local colleges are already redesigning"
            " courses to train them."
        ),
        seo_description="Corvane plans a £1bn semiconductor packaging plant near Northwick with 900 jobs.",
        tags=("Jobs", "Northwick", "Supply chains", "Education"),
        when=ago(days=7, hours=2),
        picks=("bus-routes-return-to-northwick-estates", "halden-logistics-shares-jump-on-warehouse-deal"),
        body="""
<p>Corvane Semiconductors will build a £1bn plant on the edge of Northwick to assemble and test computer chips, the
company announced on Monday, in one of the largest manufacturing investments in the region for a generation.</p>
<h2>What the plant will do</h2>
<p>Chip packaging is the final stage of manufacturing, in which the tiny slivers of silicon are mounted, connected and
sealed so they can be fitted to circuit boards. It is less glamorous than making the chips themselves but increasingly
important, as advanced chips are built from several smaller pieces joined together.</p>
<h2>Jobs and skills</h2>
<p>Corvane expects to employ 900 people when the plant is fully running, about two thirds of them technicians.
Northwick College said it would launch a new course in microelectronics assembly next September, designed with the
company.</p>
<blockquote><p>"We have spent thirty years training people for jobs that moved away. This time we get to train them
for jobs that are coming here."</p></blockquote>
<p>The council must still approve the planning application, and some residents have raised concerns about water use.
Corvane said the plant would recycle most of its water on site.</p>
""",
    ),
    Story(
        slug="offices-quietly-adopt-ai-note-takers",
        headline="The meeting is being recorded: offices quietly adopt AI note-takers",
        section="business/technology",
        authors=("dev-marchetti",),
        standfirst=(
            "Automatic transcription and summary tools have spread through workplaces faster than the rules "
            "governing them. Workers are not always told."
        ),
        seo_description=(
            "AI meeting note-takers are spreading through offices. What workers should know about recordings, "
            "summaries and consent."
        ),
        tags=("Artificial intelligence", "Privacy", "Jobs", "Data"),
        when=ago(days=2, hours=20),
        reader_prompt=(
            "Does your workplace use AI note-takers? Would you rather it didn't? Share your experience in the "
            "comments below."
        ),
        picks=("data-protection-rules-for-workplace-ai",),
        body="""
<p>Somewhere in most video meetings now sits an extra participant that never speaks: a piece of software that records,
transcribes and summarises what everyone else says.</p>
<h2>How common is it?</h2>
<p>A survey of 2,000 office workers commissioned by the Ledger found that 41 per cent had attended a meeting in the
past month where an automatic note-taker was used. Of those, a quarter said they had not been told in advance.</p>
<p>Supporters say the tools free people to concentrate on the conversation instead of scribbling notes, and make
meetings accessible to colleagues who could not attend or who are deaf or hard of hearing.</p>
<h2>The worries</h2>
<p>Employment lawyers say recordings raise questions the tools' makers rarely answer. Who can read the transcript? How
long is it kept? Could an offhand remark end up in a disciplinary hearing?</p>
<ul>
<li>Ask whether a meeting will be recorded before it starts.</li>
<li>Check your employer's policy on how long recordings are kept.</li>
<li>Remember that summaries can be wrong: correct them in writing if it matters.</li>
</ul>
<p>The data protection regulator is expected to publish guidance on workplace use of such tools this winter.</p>
""",
    ),
    Story(
        slug="data-protection-rules-for-workplace-ai",
        headline="Regulator sets out rules for AI tools that monitor staff",
        section="business/technology",
        authors=("dev-marchetti", "priya-lindqvist"),
        standfirst=(
            "Employers will have to tell workers before recording meetings, and keep transcripts no longer than they"
            " need, under new guidance."
        ),
        seo_description=(
            "New guidance from the data protection regulator on workplace AI tools, recordings and transcripts."
        ),
        tags=("Artificial intelligence", "Privacy", "Jobs"),
        when=ahead(days=2, hours=3),
        picks=("offices-quietly-adopt-ai-note-takers",),
        body="""
<p>Employers who use software to record, transcribe or analyse staff meetings must tell workers in advance and explain
what happens to the recordings, under guidance published on Monday by the data protection regulator.</p>
<h2>The main points</h2>
<ul>
<li>Staff must be told before a meeting is recorded, not afterwards.</li>
<li>Transcripts should be deleted once they have served their purpose.</li>
<li>Using recordings to judge individual performance requires a separate, clear justification.</li>
</ul>
<p>The guidance does not ban any particular product. Instead it asks employers to carry out an assessment before
introducing a tool, weighing its benefits against the intrusion it causes, and to repeat that assessment if they start
using the tool for a new purpose.</p>
<h2>Reaction</h2>
<p>Business groups said the guidance was sensible and largely reflected good practice. Unions said it did not go far
enough, and called for workers to have a right to refuse recording.</p>
<p>The regulator said it would review the guidance after a year, once it had seen how employers applied it.</p>
""",
    ),
    Story(
        slug="ashbury-startup-turns-waste-heat-into-hot-water",
        headline="Ashbury start-up turns data centre waste heat into hot water for homes",
        section="business/technology",
        authors=("priya-lindqvist", "rosalind-ogunbiyi"),
        standfirst=(
            "Warmloop pipes heat from server halls into a district network. Its first customers are 300 flats on the"
            " Riverside estate."
        ),
        seo_description="Ashbury start-up Warmloop pipes waste heat from a data centre into hot water for 300 homes.",
        tags=("Energy", "Climate", "Startups", "Ashbury"),
        when=ago(days=25, hours=2),
        body="""
<p>Computers make heat, and usually that heat is simply blown into the sky. An Ashbury start-up called Warmloop thinks
it should be heating people's baths instead.</p>
<h2>How it works</h2>
<p>The company has installed heat pumps at a data centre on the city's Riverside business park. They capture warm air
from the server halls, raise its temperature and feed it into a network of insulated pipes serving 300 flats
nearby.</p>
<p>Residents pay a fixed monthly charge for hot water and heating that Warmloop says is about a fifth lower than the
average gas bill for a similar flat.</p>
<h2>Scaling up</h2>
<p>The founders, two former engineers at a water company, have raised £6m from investors and hope to connect a further
2,000 homes within three years. The biggest obstacle, they say, is not technology but digging up roads.</p>
<p>"Every street we want to cross involves a conversation with the council, two utility companies and a bus operator,"
said one. "The heat is the easy part."</p>
""",
    ),
    Story(
        slug="bakers-feel-the-squeeze-as-flour-prices-rise",
        headline="Independent bakers feel the squeeze as flour prices rise again",
        section="business/small-business",
        authors=("priya-lindqvist",),
        standfirst=(
            "Higher grain prices, energy bills and rents leave small bakeries choosing between dearer loaves and "
            "thinner margins."
        ),
        seo_description="Independent bakers face rising flour, energy and rent costs. How small bakeries are coping.",
        tags=("Food", "Cost of living", "Retail", "Supply chains", "Inflation"),
        when=ago(days=8, hours=5),
        picks=("grain-corridor-talks-resume-in-valdria", "ashbury-market-hall-restoration-approved"),
        body="""
<p>At five in the morning the ovens at Crumb &amp; Co on Ashbury's Station Road have been on for two hours. The
bakery's owner, Lena Dobrev, has just had the invoice for this month's flour, and it is 18 per cent higher than in the
summer.</p>
<h2>Costs on every side</h2>
<p>Flour prices have climbed since disruption to grain shipments in the spring. Bakeries are also heavy users of
energy, and many signed fixed-price contracts at the peak of the market. Rents on high streets have held up better
than many expected.</p>
<p>Dobrev has put up the price of a sourdough loaf by 30p this year. "Every time I do it I lose a few customers," she
said. "Every time I don't, I lose money."</p>
<h2>Finding a way through</h2>
<p>Some bakers are cutting their ranges, concentrating on the loaves that sell best and wasting less. Others are
sharing deliveries or buying flour together to get better prices.</p>
<p>The trade association for independent bakers says it has seen fewer closures than it feared, but warns that owners
are working longer hours for less. It runs a <a href="https://bakers-guild.example.org/advice">free advice line</a>
for members.</p>
""",
    ),
    Story(
        slug="business-rates-relief-for-high-street-shops",
        headline="Small shops to get extra business rates relief, says Treasury",
        section="business/small-business",
        authors=("priya-lindqvist",),
        status="review",
        standfirst="Shops, cafes and pubs with a rateable value under £51,000 will get a further discount next year.",
        tags=("Retail", "Cost of living", "Local government"),
        when=ago(hours=5),
        body="""
<p>Small shops, cafes and pubs in England will receive a further discount on their business rates next year, the
Treasury has confirmed.</p>
<h2>Who qualifies</h2>
<p>The relief applies to retail, hospitality and leisure premises with a rateable value below £51,000. It will be
applied automatically by councils, so owners do not need to apply.</p>
<p>Trade bodies welcomed the move but said the rates system itself needed reform, as it falls more heavily on
businesses with premises than on those trading online.</p>
<p>[Priya: check the exact percentage with the Treasury press office before this goes.]</p>
""",
    ),
)
