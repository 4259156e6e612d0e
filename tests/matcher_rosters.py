"""Test rooms for the matcher, each with the introductions a seasoned networker would make in it.

`expected` pairs are written from networking practice (contact spheres, power teams, life events), not from
the matcher's output; `rivals` are pairs that chase the same work and must never be suggested as partners.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from netevent.domain.models import Attendee


def person(
    name: str,
    profession: str,
    ask: str = "",
    offer: str = "",
    business: str = "",
    sphere: tuple[str, ...] = (),
    attendance: str = "present",
) -> Attendee:
    return Attendee(
        name=name,
        profession=profession,
        ask=ask,
        offer=offer,
        business=business,
        sphere=list(sphere),
        attendance=attendance,
    )


@dataclass(frozen=True)
class Room:
    title: str
    attendees: list[Attendee]
    expected: list[tuple[str, str]]
    rivals: list[tuple[str, str]] = field(default_factory=list)


# People who belong in no cluster below; they make the top of the list harder to reach by accident.
def bystanders() -> list[Attendee]:
    return [
        person("Liam Byrne", "Dog groomer", "Owners of doodles and spaniels in Headingley.", "Mobile dog grooming."),
        person("Mei Chen", "Web designer", "A café whose website still shows last year's menu.", "Websites for shops."),
        person("Ffion Evans", "Personal trainer", "Office workers who sit all day.", "Small-group PT."),
        person("Raj Singh", "IT support", "Dental practices unhappy with their current IT support.", "IT for offices."),
        person("Rosa García", "Driving instructor", "Parents of 17-year-olds.", "Intensive courses."),
    ]


PROPERTY = Room(
    "property team",
    [
        person(
            "Sarah Patel",
            "Conveyancing solicitor",
            "Couples who have just had an offer accepted on a first home in Leeds and still need a conveyancer.",
            "Fixed-fee conveyancing for first-time buyers; I see mortgage brokers' clients every week.",
            "Patel & Co Conveyancing",
            ("mortgage broker", "estate agent", "surveyor"),
        ),
        person(
            "Tom Reid",
            "Mortgage adviser",
            "First-time buyers who have been turned down by their own bank.",
            "Whole-of-market mortgages for first-time buyers and the self-employed.",
        ),
        person(
            "Grace Hill",
            "Realtor",
            "Homeowners in Roundhay thinking of downsizing now the children have left.",
            "Selling family homes in north Leeds.",
        ),
        person(
            "Owen Price",
            "Chartered surveyor",
            "Buyers of Victorian terraces who need a level 3 survey before they commit.",
            "Building surveys for buyers of older houses.",
        ),
        person(
            "Nadia Khan",
            "Removals",
            "Estate agents whose sellers are moving in the next two months.",
            "Packing and removals for people moving house.",
            "Khan Removals",
        ),
        *bystanders(),
    ],
    expected=[
        ("Sarah Patel", "Tom Reid"),
        ("Grace Hill", "Sarah Patel"),
        ("Grace Hill", "Tom Reid"),
        ("Owen Price", "Sarah Patel"),
        ("Grace Hill", "Owen Price"),
        ("Grace Hill", "Nadia Khan"),
    ],
)

DIVORCE = Room(
    "divorce cluster",
    [
        person(
            "Helen Ward",
            "Family law solicitor",
            "Couples at the start of a separation who want to stay out of court.",
            "Collaborative family law for separating couples.",
        ),
        person(
            "Marcus Lee",
            "Family mediator",
            "Separating parents who can still talk to each other.",
            "Mediation for divorcing couples to agree money and arrangements for the children.",
        ),
        person(
            "Priya Shah",
            "IFA",
            "Women going through a divorce who need advice on pension sharing.",
            "Financial planning after divorce and before retirement.",
        ),
        person(
            "Dan Cole",
            "Counsellor",
            "People struggling after a relationship breakdown.",
            "Counselling for individuals and couples.",
        ),
        person(
            "Zoe Hart",
            "Estate agent",
            "Sellers who need a quick, quiet sale after a divorce.",
            "Selling homes across Harrogate.",
        ),
        person(
            "Kwame Mensah",
            "Mortgage broker",
            "Someone keeping the family home after separating who needs to buy out their ex.",
            "Mortgages for people on one income.",
        ),
        person("Aoife Murphy", "Caterer", "Companies planning a summer party for 100 staff.", "Buffets and canapés."),
        person("Gareth Jones", "Plumber", "Households whose boiler is over 12 years old.", "Boilers and bathrooms."),
        person("Isla MacLeod", "Graphic designer", "Start-ups that need a logo before launch.", "Brand identities."),
        *bystanders(),
    ],
    expected=[
        ("Helen Ward", "Marcus Lee"),
        ("Helen Ward", "Priya Shah"),
        ("Dan Cole", "Helen Ward"),
        ("Marcus Lee", "Priya Shah"),
        ("Dan Cole", "Marcus Lee"),
        ("Helen Ward", "Zoe Hart"),
        ("Kwame Mensah", "Zoe Hart"),
        ("Kwame Mensah", "Priya Shah"),
    ],
)

WEDDINGS = Room(
    "wedding suppliers",
    [
        person(
            "Chloé Dubois",
            "Wedding planner",
            "Engaged couples who have booked nothing yet for a 2027 wedding.",
            "Full and on-the-day wedding planning.",
            sphere=("venue", "photographer", "florist"),
        ),
        person(
            "James Okafor",
            "Wedding photographer",
            "Introductions to wedding planners who work in venues around York.",
            "Relaxed documentary wedding photography.",
        ),
        person(
            "Eleanor Rossi",
            "Florist",
            "Brides booking a summer wedding who haven't chosen a florist.",
            "Wedding flowers and weekly office flowers.",
        ),
        person(
            "Ingrid Eriksson",
            "Venue manager",
            "Couples getting married in 2027 who want a barn venue, and caterers who know the area.",
            "A barn wedding venue for up to 150 guests.",
            "Oak Barn Weddings",
        ),
        person(
            "Kofi Adeyemi",
            "Caterer",
            "Wedding venues that allow outside caterers.",
            "Wedding breakfasts and evening food.",
        ),
        person(
            "Harriet Hughes",
            "Make-up artist",
            "Brides who want a trial in their own home.",
            "Bridal make-up on the day.",
        ),
        person("Björn Lindqvist", "Accountant", "Companies whose accountant retired.", "Year-end accounts."),
        person("Yusuf Ahmed", "Mechanic", "Fleet managers with vans over five years old.", "Servicing and MOTs."),
        person("Beatriz Santos", "Tutor", "Parents of children sitting the 11 plus next year.", "Maths tuition."),
        *bystanders(),
    ],
    expected=[
        ("Chloé Dubois", "Ingrid Eriksson"),
        ("Chloé Dubois", "James Okafor"),
        ("Chloé Dubois", "Eleanor Rossi"),
        ("Ingrid Eriksson", "Kofi Adeyemi"),
        ("Eleanor Rossi", "James Okafor"),
        ("Harriet Hughes", "James Okafor"),
    ],
)

NEW_BUSINESS = Room(
    "new-business cluster",
    [
        person(
            "Amira Haddad",
            "Chartered accountant",
            "People leaving employment to start a business in the next six months.",
            "Accounts and tax for start-ups and new limited companies.",
            sphere=("business banker", "commercial solicitor", "business coach"),
        ),
        person(
            "Callum Byrne",
            "Bookkeeper",
            "Sole traders who dread their VAT return.",
            "Bookkeeping and VAT returns for sole traders.",
        ),
        person(
            "Leila Nowak",
            "Business bank manager",
            "New businesses that need a business account and a small loan.",
            "Business banking for start-ups.",
        ),
        person(
            "Marcus Dubois",
            "Commercial lawyer",
            "Founders who are about to sign their first shareholder agreement.",
            "Contracts and terms of business for start-ups.",
        ),
        person(
            "Niamh Fitzgerald",
            "Web developer",
            "New businesses that need their first website and a logo to go with it.",
            "Websites for new businesses.",
        ),
        person(
            "Hamza Khan",
            "Graphic designer",
            "Start-ups that need a brand before they launch.",
            "Logos and brand identities.",
        ),
        person(
            "Stelian Petrov",
            "Business coach",
            "Founders in their first year of trading who feel stuck.",
            "Coaching for owners of new businesses.",
        ),
        person("Imogen Park", "Dentist", "Families new to the area.", "NHS and private dentistry."),
        person("Rhys Davies", "Vet", "Owners of new puppies.", "Small-animal veterinary care."),
        *bystanders(),
    ],
    expected=[
        ("Amira Haddad", "Leila Nowak"),
        ("Amira Haddad", "Marcus Dubois"),
        ("Amira Haddad", "Stelian Petrov"),
        ("Hamza Khan", "Niamh Fitzgerald"),
        ("Callum Byrne", "Leila Nowak"),
        ("Leila Nowak", "Marcus Dubois"),
    ],
    rivals=[("Amira Haddad", "Callum Byrne")],
)

TWO_AGENTS = Room(
    "two competing estate agents",
    [
        person(
            "Ana Silva",
            "Estate agent",
            "Landlords thinking of selling their rental properties this year.",
            "Selling homes in Leeds 6.",
        ),
        person(
            "Ben Carter",
            "Real estate agent",
            "Homeowners whose house has been on the market for six months without an offer.",
            "Sales and valuations.",
            "Carter Estate Agency",
        ),
        person(
            "Cara Lowe",
            "Lettings agent",
            "Accidental landlords who inherited a house.",
            "Letting and managing rental homes.",
        ),
        person(
            "Dev Rao",
            "Mortgage advisor",
            "Introductions to estate agents whose buyers need a mortgage in principle.",
            "Mortgages for movers and first-time buyers.",
        ),
        person(
            "Eve Stone",
            "Conveyancer",
            "Estate agents who want a conveyancer that answers the phone.",
            "Conveyancing for buyers and sellers.",
        ),
        *bystanders(),
    ],
    expected=[
        ("Ana Silva", "Dev Rao"),
        ("Ben Carter", "Dev Rao"),
        ("Ana Silva", "Eve Stone"),
        ("Ben Carter", "Eve Stone"),
        ("Dev Rao", "Eve Stone"),
        ("Cara Lowe", "Dev Rao"),
    ],
    rivals=[("Ana Silva", "Ben Carter"), ("Ana Silva", "Cara Lowe"), ("Ben Carter", "Cara Lowe")],
)

LATER_LIFE = Room(
    "later life and bereavement",
    [
        person(
            "Margot Schäfer",
            "Funeral director",
            "Families who want to plan a funeral in advance.",
            "Funerals and pre-paid funeral plans.",
        ),
        person(
            "Declan Murphy",
            "Wills and probate solicitor",
            "Bereaved families who have been named executors and don't know where to start.",
            "Wills, lasting powers of attorney and probate.",
        ),
        person(
            "Fatima Ahmed",
            "Care home manager",
            "Families whose elderly parent can no longer live alone.",
            "Residential and dementia care.",
        ),
        person(
            "Ewan Hughes",
            "Equity release adviser",
            "Homeowners over 60 who need to fund care fees.",
            "Later-life lending advice.",
        ),
        person(
            "Grace Thompson",
            "House clearance",
            "Executors who have to empty a parent's home for sale.",
            "Probate house clearances.",
        ),
        person("Tariq Singh", "Electrician", "Letting agents who need EICR certificates.", "Rewires and testing."),
        person("Hannah Brown", "Social media manager", "Cafés with no Instagram.", "Social media for hospitality."),
        *bystanders(),
    ],
    expected=[
        ("Declan Murphy", "Margot Schäfer"),
        ("Declan Murphy", "Fatima Ahmed"),
        ("Declan Murphy", "Grace Thompson"),
        ("Ewan Hughes", "Fatima Ahmed"),
        ("Declan Murphy", "Ewan Hughes"),
        ("Grace Thompson", "Margot Schäfer"),
    ],
)

RENOVATION = Room(
    "renovation trades",
    [
        person(
            "Adebayo Okafor",
            "Architect",
            "Owners of period homes who want a loft conversion.",
            "Planning drawings for extensions and loft conversions.",
            sphere=("builder", "structural engineer", "surveyor"),
        ),
        person(
            "Björn Müller",
            "General contractor",
            "Families with planning permission for a rear extension but no builder yet.",
            "Extensions and renovations.",
            "Müller Build",
        ),
        person(
            "Chris Evans",
            "Structural engineer",
            "Architects who need calculations turned round in a week.",
            "Structural calculations for extensions.",
        ),
        person(
            "Dina Kaur",
            "Kitchen designer",
            "Homeowners planning an extension who want the kitchen designed in from the start.",
            "Bespoke kitchens.",
        ),
        person(
            "Emil Novák",
            "Bathroom fitter",
            "Landlords refurbishing bathrooms between tenants.",
            "Bathroom installation.",
        ),
        person(
            "Faye Brown",
            "Interior designer",
            "Homeowners renovating a Victorian house who feel overwhelmed.",
            "Interior design for period homes.",
        ),
        person("Hyun Park", "Travel agent", "Couples planning a honeymoon.", "Tailor-made holidays."),
        person("Iris Chen", "Nutritionist", "Runners training for their first marathon.", "Sports nutrition plans."),
        *bystanders(),
    ],
    expected=[
        ("Adebayo Okafor", "Björn Müller"),
        ("Adebayo Okafor", "Chris Evans"),
        ("Björn Müller", "Dina Kaur"),
        ("Adebayo Okafor", "Faye Brown"),
        ("Björn Müller", "Chris Evans"),
        ("Dina Kaur", "Faye Brown"),
    ],
    rivals=[("Dina Kaur", "Emil Novák")],
)

ROOMS = [PROPERTY, DIVORCE, WEDDINGS, NEW_BUSINESS, TWO_AGENTS, LATER_LIFE, RENOVATION]


def spread_holds(ranked: list, people: int) -> bool:
    """Whether `ranked` is in the matcher's spread order: in its head each pair's place (its score, stepped down by
    SPREAD for each pair either person already has above it) never rises, and in its tail the score never rises: both
    among the pairs scoring above the generic cap, which are surely specific."""
    from netevent.domain.matcher import GENERIC_CAP, SPREAD, SPREAD_PER_PERSON

    size = SPREAD_PER_PERSON * people
    seen: dict[str, int] = {}
    last = float("inf")
    for s in ranked[:size]:
        place = s.score * SPREAD ** (seen.get(s.a, 0) + seen.get(s.b, 0))
        if s.score > GENERIC_CAP:
            if place > last + 1e-9:
                return False
            last = place
        seen[s.a] = seen.get(s.a, 0) + 1
        seen[s.b] = seen.get(s.b, 0) + 1
    tail = [(-s.score, s.a.casefold(), s.b.casefold()) for s in ranked[size:] if s.score > GENERIC_CAP]
    return tail == sorted(tail)
