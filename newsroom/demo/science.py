"""Science: Environment, Health and Space."""

from newsroom.demo.shapes import Story, ago, ahead

STORIES = (
    Story(
        slug="river-restoration-project-brings-back-otters",
        headline="Otters return to the River Ashe after restoration project",
        section="science/environment",
        authors=("rosalind-ogunbiyi",),
        standfirst=(
            "Camera traps have recorded otters breeding on the river for the first time in living memory, five years"
            " after work began to undo its straightening."
        ),
        seo_description=(
            "Otters are breeding on the River Ashe again after a five-year project to restore its natural course."
        ),
        tags=("Wildlife", "Rivers", "Climate", "Water", "Ashbury"),
        when=ago(hours=30),
        picks=("flood-recovery-in-lower-dravonia", "farmers-paid-to-plant-hedgerows"),
        body="""
<p>A female otter and two cubs have been filmed on the River Ashe a few miles upstream of Ashbury, the first confirmed
breeding on the river in living memory.</p>
<h2>Undoing the straight line</h2>
<p>For much of the last century the Ashe was treated as a drain. Its bends were cut off, its banks reinforced with
concrete and its bed dredged to move water away from farmland as quickly as possible. The result was a fast, shallow
channel with few places for fish, insects or mammals to live.</p>
<p>Five years ago a partnership of landowners, the local wildlife trust and the water company began putting the bends
back. They removed two weirs, reconnected old meanders and allowed parts of the floodplain to flood again.</p>
<h2>A recovering river</h2>
<p>Surveys show fish numbers have roughly tripled on the restored stretches. Insects that depend on clean, slow water
have returned, and with them the birds and mammals that eat them.</p>
<blockquote><p>"Otters are a sign that a river is working again. They need fish, cover and quiet, and now the Ashe has
all three."</p></blockquote>
<p>The restored floodplain has a second benefit: during heavy rain last winter it held back water that would otherwise
have reached Ashbury, lowering the flood peak in the city by an estimated 20 centimetres. The project's monitoring
reports are published on the <a href="https://ashe-rivers-trust.example.org/monitoring">trust's website</a>.</p>
""",
    ),
    Story(
        slug="farmers-paid-to-plant-hedgerows",
        headline="Farmers to be paid more to plant and keep hedgerows",
        section="science/environment",
        authors=("rosalind-ogunbiyi", "priya-lindqvist"),
        standfirst=(
            "Higher payments aim to add thousands of miles of hedges, which shelter wildlife, store carbon and slow "
            "floodwater."
        ),
        seo_description=(
            "Farmers will receive higher payments for planting and maintaining hedgerows under a revised scheme."
        ),
        tags=("Farming", "Wildlife", "Climate", "Food"),
        when=ago(days=9, hours=7),
        body="""
<p>Farmers in England will be paid more to plant new hedgerows and to manage existing ones less intensively, under
changes to the government's farm payment scheme announced on Wednesday.</p>
<h2>Why hedges matter</h2>
<p>Hedgerows provide shelter and food for birds, insects and small mammals, and act as corridors that let wildlife
move between woods. They also store carbon in their roots and soil, and can slow the flow of water off fields during
heavy rain.</p>
<p>Around half of England's hedgerows were lost in the decades after the Second World War as fields were enlarged for
bigger machinery. Many of those that remain are cut every year into tight boxes, which reduces the flowers and berries
they produce.</p>
<h2>The new payments</h2>
<ul>
<li>Planting: a higher rate per metre of new hedge, including gapping up old ones</li>
<li>Management: payments for cutting hedges only every two or three years</li>
<li>Margins: extra money for leaving an uncultivated strip alongside</li>
</ul>
<p>Farming groups welcomed the increase but said payments needed to cover the full cost of the work, including fencing
to protect young plants from livestock.</p>
""",
    ),
    Story(
        slug="heat-pumps-installations-double",
        headline="Heat pump installations double, but still far below target",
        section="science/environment",
        authors=("dev-marchetti", "rosalind-ogunbiyi"),
        standfirst=(
            "Grants and falling prices have made heat pumps more popular, but the country is installing them at a "
            "quarter of the rate needed to meet its climate goals."
        ),
        seo_description=(
            "Heat pump installations have doubled in a year but remain far below the rate needed for climate targets."
        ),
        tags=("Energy", "Climate", "Housing", "Data"),
        when=ago(days=15, hours=8),
        reader_prompt="Have you installed a heat pump, or decided against one? Tell other readers what you learned.",
        picks=("ashbury-startup-turns-waste-heat-into-hot-water",),
        body="""
<p>The number of heat pumps installed in homes doubled last year, according to figures from the industry's
certification body, as larger grants and lower prices persuaded more households to replace their gas boilers.</p>
<h2>Progress, from a low base</h2>
<p>Even after the increase, the country installed only about a quarter of the heat pumps it would need each year to
meet its target for cutting emissions from homes. Most homes are still heated by gas.</p>
<p>Our analysis of the figures by area shows installations are concentrated in rural areas off the gas grid, where the
alternative is often expensive heating oil. In cities the numbers remain small.</p>
<h2>Barriers</h2>
<p>Installers say the biggest obstacles are upfront cost, the need for larger radiators in some homes and a shortage
of trained engineers. Running costs depend heavily on the relative prices of electricity and gas, which many argue
should be rebalanced.</p>
<p>The government says it will publish a plan for the next phase of its grant scheme in the new year.</p>
""",
    ),
    Story(
        slug="flu-vaccine-uptake-rises-among-over-65s",
        headline="Flu vaccine uptake rises among over-65s after pharmacy drive",
        section="science/health",
        authors=("rosalind-ogunbiyi",),
        standfirst=(
            "More older people have had their flu jab this autumn than last, helped by walk-in clinics at pharmacies"
            " and supermarkets."
        ),
        seo_description=(
            "Flu vaccine uptake among over-65s has risen this autumn, helped by walk-in pharmacy clinics."
        ),
        tags=("Health", "Hospitals"),
        when=ago(days=5, hours=9),
        picks=("hospital-waiting-lists-fall-for-third-month",),
        body="""
<p>Seven in ten people aged over sixty-five have had a flu vaccine so far this autumn, according to early figures from
public health officials, up from just under two thirds at the same point last year.</p>
<h2>Walk-in clinics</h2>
<p>Officials credit the rise partly to walk-in clinics at pharmacies and in supermarket car parks, which allow people
to get vaccinated without an appointment while doing their shopping.</p>
<p>Uptake remains lower among younger adults with long-term health conditions such as asthma and diabetes, who are
also eligible for a free vaccine. Fewer than half have been vaccinated so far.</p>
<h2>Why it matters</h2>
<p>Flu can cause serious illness in older people and those with health conditions, and puts heavy pressure on
hospitals each winter. Vaccination reduces the risk of severe illness even in years when the vaccine is not a perfect
match for circulating strains.</p>
<p>Eligible people can find a clinic through the <a href="https://health.example.org/flu">public health
website</a>.</p>
""",
    ),
    Story(
        slug="trial-finds-walking-groups-cut-loneliness",
        headline="Walking groups reduce loneliness in older adults, trial finds",
        section="science/health",
        authors=("rosalind-ogunbiyi",),
        standfirst=(
            "A randomised trial in six towns found that weekly group walks did more for loneliness than for fitness."
        ),
        seo_description="A randomised trial finds that weekly walking groups reduce loneliness among older adults.",
        tags=("Health", "Data"),
        when=ago(days=26, hours=5),
        picks=("free-weekly-runs-boost-fitness-study",),
        body="""
<p>Older people who joined a weekly walking group reported feeling significantly less lonely after six months than
those who did not, according to a randomised trial published this week.</p>
<h2>The trial</h2>
<p>Researchers recruited 640 people aged seventy and over in six towns and randomly assigned half to an organised
weekly walk led by a volunteer, followed by tea. The other half received information about local activities.</p>
<p>After six months, the walkers scored substantially lower on a standard loneliness scale. Improvements in physical
fitness were smaller than the researchers had expected.</p>
<h2>Why it worked</h2>
<p>Participants interviewed afterwards talked more about the company than the exercise. Several said the walk was the
only fixed appointment in their week. <em>"It gave Tuesday a shape,"</em> one said.</p>
<p>The authors say health services should treat social activities as seriously as medical ones, and fund them
accordingly.</p>
""",
    ),
    Story(
        slug="brightsail-launches-first-weather-satellite",
        headline="Brightsail launches its first weather satellite from Sutherland coast",
        section="science/space",
        authors=("rosalind-ogunbiyi", "priya-lindqvist"),
        standfirst=(
            "The small satellite, built in a former textile mill, will measure humidity high in the atmosphere to "
            "improve rain forecasts."
        ),
        seo_description=(
            "Space start-up Brightsail launches its first weather satellite to improve rainfall forecasts."
        ),
        tags=("Space", "Satellites", "Startups", "Climate"),
        when=ago(days=18, hours=4),
        body="""
<p>A satellite the size of a microwave oven, built in a converted textile mill, is now orbiting the Earth after a
successful launch from the north coast on Saturday morning.</p>
<h2>Measuring the invisible</h2>
<p>The satellite, built by the start-up Brightsail, carries an instrument that measures how radio signals from
navigation satellites bend as they pass through the atmosphere. That bending reveals the temperature and humidity of
the air at different heights, data that forecasters feed into their models.</p>
<p>Brightsail plans to launch twenty more over the next three years, building a constellation that would provide
measurements over the oceans, where weather balloons cannot go.</p>
<h2>A small company with big ambitions</h2>
<p>The company employs sixty people. Its chief executive said the launch proved a small team could build useful
spacecraft without enormous budgets. "Our satellite cost less than a house in London," she said. "The weather it helps
predict affects everybody."</p>
""",
    ),
    Story(
        slug="meteor-shower-best-viewing-guide",
        headline="How to see this week's meteor shower at its best",
        section="science/space",
        authors=("rosalind-ogunbiyi",),
        standfirst=(
            "Up to 80 meteors an hour could be visible in dark skies. You need no equipment, just patience and a "
            "warm coat."
        ),
        seo_description=(
            "A guide to watching this week's meteor shower: when, where and how to see the most shooting stars."
        ),
        tags=("Space",),
        when=ahead(days=4),
        body="""
<p>This week brings one of the year's best meteor showers, with up to 80 shooting stars an hour visible from dark
places when it peaks on Thursday night.</p>
<p>The shower happens every year at about this time, when the Earth passes through a trail of dust left by a comet.
Forecasters expect clear skies for much of the country on Thursday night, though cloud may linger in the west.</p>
<h2>When and where to look</h2>
<ul>
<li>The best time is after midnight, when your part of the Earth faces into the stream of debris.</li>
<li>Find somewhere away from street lights: even a park is better than a garden under a lamp.</li>
<li>Look about halfway up the sky, in any direction.</li>
</ul>
<h2>Be patient</h2>
<p>Your eyes need twenty minutes to adapt to the dark, and looking at a phone screen resets the clock. Lie back on a
blanket, wrap up warmly and wait.</p>
<p>The meteors are grains of dust shed by a comet, burning up as they hit the atmosphere at tens of kilometres a
second. Most are smaller than a grain of sand.</p>
""",
    ),
)
