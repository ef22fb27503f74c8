"""Sport: Football, Cricket and Athletics."""

from newsroom.demo.shapes import Story, ago

STORIES = (
    Story(
        slug="ashbury-rovers-snatch-late-derby-win",
        headline="Ashbury Rovers snatch late derby win over Northwick Town",
        section="sport/football",
        authors=("callum-achebe-moss",),
        standfirst=(
            "A stoppage-time header from teenage defender Kofi Brandt settled a bruising derby and lifted Rovers "
            "into the play-off places."
        ),
        seo_description=(
            "Match report: Ashbury Rovers 2-1 Northwick Town, with a stoppage-time winner from Kofi Brandt."
        ),
        tags=("Football", "Ashbury Rovers", "Northwick", "Ashbury"),
        when=ago(hours=14),
        picks=("rovers-women-sell-out-ground-for-cup-tie", "rovers-manager-signs-new-contract"),
        body="""
<p><strong>Ashbury Rovers 2 Northwick Town 1</strong></p>
<p>For ninety minutes it looked as though the old rivals would share the points, as they had in four of their last
five meetings. Then, two minutes into stoppage time, a corner from the left found seventeen-year-old Kofi Brandt
unmarked at the far post, and Mill Lane erupted.</p>
<h2>A scrappy first half</h2>
<p>Neither side settled on a heavy pitch. Northwick took the lead after 23 minutes when Rovers' goalkeeper spilled a
low shot and Danny Orme tapped in the rebound. Rovers levelled just before half-time through their captain, Sam
Ellery, who curled a free kick over the wall.</p>
<h2>Brandt's moment</h2>
<p>The second half was a war of attrition: eleven fouls, four yellow cards and very few chances. Brandt, making only
his fourth league start, had spent most of it heading away long balls. His winner was his first senior goal.</p>
<blockquote><p>"I just shut my eyes and went for it. My mum was in the stand. She'll be unbearable
now."</p></blockquote>
<p>The win lifts Rovers to sixth, a point ahead of Felling United. Northwick, without a win in five games, drop to
fourteenth.</p>
""",
    ),
    Story(
        slug="rovers-women-sell-out-ground-for-cup-tie",
        headline="Rovers Women sell out Mill Lane for the first time ahead of cup quarter-final",
        section="sport/football",
        authors=("callum-achebe-moss", "dev-marchetti"),
        standfirst=(
            "All 9,400 tickets for Sunday's tie against Harbridge City have gone, in the latest sign of the women's "
            "game's growing pull."
        ),
        seo_description="Ashbury Rovers Women sell out their stadium for a cup quarter-final, a first for the club.",
        tags=("Football", "Ashbury Rovers", "Women's sport", "Ashbury"),
        when=ago(days=3, hours=9),
        reader_prompt=(
            "Have you been to a women's match this season? What would get you there? Tell us in the comments below."
        ),
        body="""
<p>Ashbury Rovers Women will play in front of a full Mill Lane for the first time on Sunday, after the club sold the
last of 9,400 tickets for their cup quarter-final against Harbridge City.</p>
<h2>A crowd built over years</h2>
<p>Three seasons ago the team played its home games at a council pitch with a single small stand and average crowds of
around 400. Since moving to Mill Lane, attendances have risen steadily. Our analysis of the club's published figures
shows the average crowd has grown almost sixfold.</p>
<p>The club credits cheaper tickets, a free bus from the city centre and the players' own work in schools. "Half our
crowd is under sixteen," said the club's head of women's football. "They are the season ticket holders of the
future."</p>
<h2>On the pitch</h2>
<p>Harbridge are top of the league and have not lost away from home this season. Rovers' striker Jess Okonjo, the
division's top scorer, is fit after missing two games with a hamstring strain.</p>
<p>The match kicks off at 2pm and will be shown on the club's <a
href="https://ashburyrovers.example.org/live">streaming service</a>.</p>
""",
    ),
    Story(
        slug="rovers-manager-signs-new-contract",
        headline="Rovers manager Elaine Marsh signs contract to 2029",
        section="sport/football",
        authors=("callum-achebe-moss",),
        standfirst=(
            "The former Kestrel Bay defender has taken Rovers from the bottom four to the play-off places in "
            "eighteen months."
        ),
        seo_description="Ashbury Rovers manager Elaine Marsh signs a new contract running to 2029.",
        tags=("Football", "Ashbury Rovers"),
        when=ago(days=10, hours=3),
        body="""
<p>Elaine Marsh has signed a new contract as manager of Ashbury Rovers that will keep her at the club until the summer
of 2029, ending speculation about interest from two clubs in the division above.</p>
<h2>A turnaround</h2>
<p>When Marsh arrived eighteen months ago Rovers were in the bottom four, with the worst defensive record in the
league. She changed the team's shape, promoted three players from the academy and persuaded the board to invest in the
club's sports science staff.</p>
<p>Rovers have since conceded fewer goals than any side in the division. "She made us hard to beat first," said the
captain, Sam Ellery. "The rest followed."</p>
<h2>Next steps</h2>
<p>The club says it will use the January transfer window to add a forward. Marsh said she wanted to keep developing
young players rather than chase expensive signings.</p>
""",
    ),
    Story(
        slug="kestrel-bay-athletic-fined-over-pitch-invasion",
        headline="Kestrel Bay Athletic fined after fans invade pitch",
        section="sport/football",
        authors=("callum-achebe-moss",),
        standfirst=(
            "The league has fined the club £15,000 and warned it could play behind closed doors if it happens again."
        ),
        seo_description="Kestrel Bay Athletic fined £15,000 after a pitch invasion at their last home game.",
        tags=("Football", "Kestrel Bay"),
        when=ago(days=16, hours=2),
        body="""
<p>Kestrel Bay Athletic have been fined £15,000 by the league after hundreds of supporters ran onto the pitch at the
final whistle of their win over Felling United last month.</p>
<h2>What happened</h2>
<p>The invasion followed a 3-2 victory that ended a run of nine games without a win. No one was seriously hurt, but
two Felling players said they had been pushed as they left the field, and a steward was treated for a hand injury.</p>
<p>The club accepted the charge and said it would add stewards and a new barrier in front of the home end. It has also
banned six supporters identified from video footage.</p>
<h2>A warning</h2>
<p>The league said any repeat within two years could lead to matches being played without spectators, a sanction that
would cost the club far more than the fine.</p>
""",
    ),
    Story(
        slug="county-championship-title-goes-to-final-day",
        headline="County title race goes to the final day after rain ruins Harbridge decider",
        section="sport/cricket",
        authors=("callum-achebe-moss",),
        standfirst=(
            "Only 31 overs were possible in four days, leaving three counties with a chance of the championship next"
            " week."
        ),
        seo_description=(
            "Rain wrecks the Harbridge match, leaving the county championship title race open until the final day."
        ),
        tags=("Cricket", "Harbridge"),
        when=ago(days=13, hours=6),
        body="""
<p>The county championship will be decided on the final day of the season after rain allowed only 31 overs of play in
four days at Harbridge, where the leaders had hoped to seal the title.</p>
<h2>Three in contention</h2>
<p>Harbridge lead by six points from Ashbury, with Kestrel Bay a further eight behind. Harbridge travel to Northwick
for the final round while Ashbury host Kestrel Bay in a match both must win.</p>
<p>The permutations are complicated by bonus points, awarded for runs scored and wickets taken in the first innings.
Our <a href="https://data.example.org/county-table">interactive table</a> lets you test every outcome.</p>
<h2>Frustration</h2>
<p>Harbridge's captain said the team had done everything it could. "We sat in the dressing room and watched the covers
for four days. You cannot bowl at rain."</p>
""",
    ),
    Story(
        slug="village-cricket-clubs-struggle-for-players",
        headline="Village cricket clubs struggle to field teams as Saturdays get busier",
        section="sport/cricket",
        authors=("callum-achebe-moss", "dev-marchetti"),
        standfirst=(
            "A league that once had sixty teams now has thirty-eight. Clubs are trying shorter games, evening "
            "matches and mixed teams to survive."
        ),
        seo_description=(
            "Village cricket clubs are struggling to field teams. How they are adapting with shorter formats and "
            "mixed sides."
        ),
        tags=("Cricket", "Women's sport"),
        when=ago(days=27, hours=4),
        body="""
<p>On a bright Saturday in July, the Little Farrow second eleven took the field with nine players, two of whom were
the captain's sons, aged thirteen and fifteen. It is a familiar story in village cricket.</p>
<h2>Fewer teams, fewer players</h2>
<p>The Ashbury and District Cricket League had sixty teams twenty years ago. This season it had thirty-eight. An
afternoon of cricket can take seven hours, and clubs say that is harder to ask of people with young families, weekend
shifts and other sports competing for their time.</p>
<h2>Adapting to survive</h2>
<ul>
<li>Twenty-over games on weekday evenings, finished by nine o'clock</li>
<li>Mixed teams of men and women, now allowed in the lower divisions</li>
<li>Shared teams between neighbouring villages</li>
</ul>
<p>Early signs are encouraging. The league's new evening competition attracted fourteen teams in its first year,
several from clubs that had stopped playing on Saturdays altogether.</p>
<p>"Cricket is not dying," said the league's secretary. "It is just changing shape, the way it always has."</p>
""",
    ),
    Story(
        slug="ashbury-spinner-called-up-for-winter-tour",
        headline="Ashbury spinner called up for winter tour",
        section="sport/cricket",
        authors=("callum-achebe-moss",),
        status="draft",
        standfirst=(
            "Left-arm spinner Ravi Castell is the first Ashbury player selected for a senior tour in eleven years."
        ),
        tags=("Cricket", "Ashbury"),
        when=ago(hours=6),
        body="""
<p>Ashbury's left-arm spinner Ravi Castell has been named in the squad for this winter's tour, the first player from
the county to be selected for a senior tour in eleven years.</p>
<p>[Callum: waiting for quotes from Castell and the county coach. Embargoed until the squad announcement at 11am.]</p>
""",
    ),
    Story(
        slug="harbridge-half-marathon-record-field",
        headline="Record field of 12,000 for the Harbridge half marathon",
        section="sport/athletics",
        authors=("callum-achebe-moss",),
        standfirst=(
            "Organisers have extended the course's closing time and added water stations after last year's heat "
            "caused problems at the back of the field."
        ),
        seo_description=(
            "A record 12,000 runners will start the Harbridge half marathon, with changes after last year's heat."
        ),
        tags=("Athletics", "Harbridge", "Health"),
        when=ago(days=4, hours=11),
        body="""
<p>A record 12,000 runners will line up for the Harbridge half marathon on Sunday, after the organisers increased the
number of places for the third year running.</p>
<h2>Lessons from last year</h2>
<p>Last year's race was held on an unexpectedly hot morning, and several slower runners were treated for heat
exhaustion after water ran short at the later stations. This year there will be eight water stations instead of five,
and the course will stay open for an extra half hour.</p>
<p>The race starts at 9am outside the old town hall and follows the river before a long loop through Cowley Park. Road
closures will be in place across the city centre until 1.30pm.</p>
<h2>At the front</h2>
<p>The elite field includes last year's winner, Abebe Harlow, who set a course record of 62 minutes and 14 seconds.
Local hope Niamh Fennimore returns after a year out with injury.</p>
""",
    ),
    Story(
        slug="free-weekly-runs-boost-fitness-study",
        headline="Weekly free runs linked to lasting health gains, study finds",
        section="sport/athletics",
        authors=("rosalind-ogunbiyi", "callum-achebe-moss"),
        standfirst=(
            "People who took part in free, timed five-kilometre runs for a year reported better mood and fitness, "
            "and most were still running two years later."
        ),
        seo_description=(
            "A study finds weekly free timed runs are linked to lasting improvements in fitness and mood."
        ),
        tags=("Athletics", "Health"),
        when=ago(days=20, hours=5),
        picks=("harbridge-half-marathon-record-field",),
        body="""
<p>Free weekly running events, in which volunteers time anyone who turns up for a five-kilometre run in their local
park, are associated with lasting improvements in fitness and wellbeing, according to a study of 4,000
participants.</p>
<h2>The study</h2>
<p>Researchers followed people who joined events in twelve towns, asking them about their activity, mood and health
when they started, after one year and after two years. Most had not run regularly before.</p>
<p>After a year, participants reported significantly better mood and more energy. Two years on, <strong>seven in ten
were still taking part</strong> at least once a month, an unusually high figure for any exercise programme.</p>
<h2>The caveats</h2>
<p>The study did not include a comparison group, so it cannot show that the runs caused the improvements. People who
choose to join may be different from those who do not. The authors say a trial is needed.</p>
<p>Still, they argue the social side matters: the same faces each week, volunteers who know your name and a coffee
afterwards.</p>
""",
    ),
)
