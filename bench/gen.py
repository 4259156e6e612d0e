"""Deterministic synthetic meetings for benchmarks: same seed, same event, no I/O, fast at 500 attendees."""

from __future__ import annotations

import datetime as dt
import random
import unicodedata

from netevent.domain.models import Attendance, Attendee, Event, Kind, Referral, Role

FIRST_NAMES = (
    "Sarah", "James", "Amira", "Tomasz", "Chloé", "Oluwaseun", "Priya", "Liam", "Zoë", "Mohammed", "Siobhán",
    "Kwame", "Ingrid", "Rhys", "Mei", "Björn", "Fatima", "Declan", "Ana", "Yusuf", "Niamh", "Raj", "Eleanor",
    "Mateus", "Aoife", "Hannah", "Dmitri", "Grace", "Hamza", "Lucía", "Owen", "Freya", "Kofi", "Agnieszka",
    "Ciarán", "Emily", "Sanjay", "Isla", "Jürgen", "Nadia", "Callum", "Leila", "Marcus", "Beatriz", "Ewan",
    "Harriet", "Tariq", "Ffion", "Rosa", "Gareth", "Hyun-woo", "Imogen", "Adebayo", "Margot", "Stelian",
)  # fmt: skip
LAST_NAMES = (
    "Patel", "O'Connor", "Nowak", "Okafor", "Müller", "Lefèvre", "Khan", "Williams", "Jones", "Nguyen",
    "Haddad", "Ó Briain", "Santos", "Davies", "Kowalczyk", "Mensah", "Eriksson", "Singh", "Brown", "Rossi",
    "Achterberg", "Fitzgerald", "Ahmed", "MacLeod", "Dubois", "Petrov", "García", "Evans", "Chen", "Murphy",
    "Adeyemi", "Thompson", "Novák", "Lindqvist", "Hughes", "Bianchi", "Park", "Kaur", "Byrne", "Schäfer",
)  # fmt: skip

# (profession, business pattern, who they serve, a sharp ask, contact sphere)
TRADES = (
    ("Conveyancing solicitor", "{last} & Co Conveyancing", "first-time buyers and landlords",
     "Couples who have just had an offer accepted on a first home and still need a conveyancer.",
     ["mortgage broker", "estate agent", "surveyor"]),
    ("Mortgage broker", "{last} Mortgages", "first-time buyers and remortgagers",
     "Anyone whose fixed-rate mortgage ends in the next six months.",
     ["conveyancing solicitor", "estate agent", "financial adviser"]),
    ("Estate agent", "{town} Homes", "people selling family homes",
     "Homeowners in {town} thinking of downsizing once the children have left.",
     ["mortgage broker", "conveyancing solicitor", "removals"]),
    ("Chartered surveyor", "{last} Surveying", "buyers of older houses",
     "Buyers of Victorian terraces who need a level 3 survey before exchange.",
     ["estate agent", "builder", "conveyancing solicitor"]),
    ("Accountant", "{last} Accountancy", "owner-managed companies",
     "Limited companies with a turnover between £250k and £2m whose accountant has just retired.",
     ["bookkeeper", "financial adviser", "business banker"]),
    ("Bookkeeper", "Ledger{town}", "sole traders",
     "Tradespeople who dread their VAT return; an introduction to a plumber or electrician would be ideal.",
     ["accountant", "business banker"]),
    ("Financial adviser", "{last} Wealth", "people approaching retirement",
     "Business owners aged 55 to 65 planning to sell their company within five years.",
     ["accountant", "solicitor", "mortgage broker"]),
    ("Web designer", "{last} Digital", "local independent shops",
     "A café or restaurant in {town} whose website still has last year's menu on it.",
     ["photographer", "copywriter", "printer"]),
    ("Photographer", "{first} {last} Photography", "small brands and families",
     "Introductions to wedding planners who work in venues around {town}.",
     ["web designer", "florist", "wedding planner"]),
    ("Electrician", "{last} Electrical", "landlords and homeowners",
     "Letting agents who need EICR certificates done for rented flats.",
     ["plumber", "builder", "letting agent"]),
    ("Plumber", "{last} Plumbing & Heating", "homeowners",
     "Households with a boiler over 12 years old who want a quote before winter.",
     ["electrician", "builder", "kitchen fitter"]),
    ("Builder", "{last} Build", "homeowners extending their homes",
     "Families who have planning permission for a rear extension but no builder yet.",
     ["architect", "surveyor", "kitchen fitter"]),
    ("Architect", "{last} Studio", "homeowners and developers",
     "Owners of period homes who want a loft conversion and keep hitting planning issues.",
     ["builder", "surveyor", "interior designer"]),
    ("Employment solicitor", "{last} Law", "employers with 10-250 staff",
     "HR managers at manufacturers who are rewriting their contracts this year.",
     ["HR consultant", "accountant", "payroll bureau"]),
    ("HR consultant", "{first} HR", "growing small businesses",
     "Owners who have just hired their tenth employee and have no HR policies yet.",
     ["employment solicitor", "payroll bureau", "recruiter"]),
    ("IT support", "{town} IT", "offices of 5-50 people",
     "Practice managers at dental or GP surgeries unhappy with their current IT support.",
     ["web designer", "telecoms", "cyber security"]),
    ("Florist", "{first}'s Flowers", "weddings and offices",
     "Hotel or office receptionists who order weekly flowers for the lobby.",
     ["photographer", "wedding planner", "caterer"]),
    ("Caterer", "{last} Kitchen", "corporate events",
     "Event managers organising staff summer parties for 50-200 people.",
     ["florist", "venue manager", "event planner"]),
    ("Insurance broker", "{last} Insurance", "trades and landlords",
     "Landlords with three or more properties whose insurance renews in the spring.",
     ["mortgage broker", "letting agent", "accountant"]),
    ("Personal trainer", "{first} Fit", "busy professionals",
     "Firms with a wellbeing budget that want a lunchtime fitness class on site.",
     ["physiotherapist", "nutritionist", "HR consultant"]),
    ("Printer", "{town} Print", "marketing teams",
     "Marketing managers who need exhibition stands printed in under a week.",
     ["web designer", "signwriter", "copywriter"]),
    ("Letting agent", "{town} Lettings", "accidental landlords",
     "People who have inherited a house and don't know whether to sell or let it.",
     ["estate agent", "electrician", "insurance broker"]),
)  # fmt: skip

VAGUE_ASKS = (
    "Anyone who needs my services.",
    "Paying clients, basically anyone with a business.",
    "Introductions to anybody who might be interested.",
    "Someone who is looking for help with their business.",
    "Any referrals would be great, I can help everyone.",
)
REFERRAL, INTRODUCTION, ONE_TO_ONE, CLOSED = (k.value for k in Kind)
TOWNS = ("Leeds", "Harrogate", "York", "Wakefield", "Otley", "Ilkley", "Bradford", "Halifax", "Skipton")
NOTES = ("", "", "Call after 10am", "Mentioned at the last meeting", "Expecting your email", "Met at the expo")


def _unique_names(rng: random.Random, n: int) -> list[str]:
    """Distinct full names; a middle initial separates repeats once first and last pairs run out."""
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < n:
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        name = f"{first} {last}"
        if name.casefold() in seen:
            name = f"{first} {chr(65 + rng.randrange(26))}. {last}"
        if name.casefold() in seen:
            continue
        seen.add(name.casefold())
        names.append(name)
    return names


def make_event(n_attendees: int, seed: int = 1) -> Event:
    """A meeting of `n_attendees` with varied trades, a mix of vague and sharp asks, visitors and a substitute."""
    rng = random.Random(seed)
    event = Event(
        title=f"Synthetic Breakfast Club {seed}",
        date=dt.date(2026, 11, 26),
        starts=dt.time(7, 0),
        venue=f"The Mill Café, {rng.choice(TOWNS)}",
        pitch_seconds=60,
    )
    for i, name in enumerate(_unique_names(rng, n_attendees)):
        first, last = name.split(" ", 1)
        profession, business, serves, sharp_ask, sphere = TRADES[rng.randrange(len(TRADES))]
        town = rng.choice(TOWNS)
        fields = {"first": first, "last": last.split()[-1], "town": town}
        role = Role.VISITOR.value if rng.random() < 0.15 else Role.MEMBER.value
        attendance = Attendance.VISITOR.value if role == Role.VISITOR.value else Attendance.EXPECTED.value
        if i == 3:  # one member sends a stand-in, as most weeks
            attendance, role = Attendance.SUBSTITUTE.value, Role.MEMBER.value
        plain = unicodedata.normalize("NFKD", last.lower()).encode("ascii", "ignore").decode()
        slug = "".join(ch for ch in plain if ch.isalpha()) or "mail"
        event.attendees.append(
            Attendee(
                name=name,
                business=business.format(**fields),
                profession=profession,
                role=role,
                email=f"{first.lower()[:1]}{slug}{i}@example.com",
                phone=f"+44 113 496 {i % 10000:04d}",
                ask=rng.choice(VAGUE_ASKS) if rng.random() < 0.3 else sharp_ask.format(**fields),
                offer=f"{profession} for {serves} in and around {town}.",
                sphere=list(sphere),
                share_contact=rng.random() > 0.1,
                attendance=attendance,
                substitute_name="Stand-in Person" if attendance == Attendance.SUBSTITUTE.value else "",
            )
        )
    return event


def make_referrals(event: Event, n: int, seed: int = 1) -> list[Referral]:
    """`n` records between the event's attendees across every kind; `closed` ones carry a value and currency."""
    rng = random.Random(seed)
    rand = rng.random  # one float per choice keeps 5,000 records well under 100 ms
    names = [a.name for a in event.attendees]
    count = len(names)
    if count < 2:
        raise ValueError("make_referrals needs at least two attendees")
    kinds = [REFERRAL] * 5 + [INTRODUCTION] * 2 + [ONE_TO_ONE] * 2 + [CLOSED]
    contacts = [f"{f} {last}" for f in FIRST_NAMES[:12] for last in LAST_NAMES[:12]]
    date = event.date.isoformat() if event.date else "2026-11-26"
    out: list[Referral] = []
    for i in range(n):
        g = int(rand() ** 1.6 * count)  # giving is concentrated: a few people give most
        r = (g + 1 + int(rand() * (count - 1))) % count  # never the giver
        kind = kinds[int(rand() * 10)]
        closed = kind == CLOSED
        seconds = 7 * 3600 + 1800 + 7 * i
        out.append(
            Referral(
                giver=names[g],
                receiver=names[r],
                kind=kind,
                contact=f"{contacts[int(rand() * len(contacts))]}, {TOWNS[i % len(TOWNS)]}" if kind == REFERRAL else "",
                note=NOTES[int(rand() * len(NOTES))],
                temperature=1 + int(rand() * 5),
                value=round(150 + rand() * 24_850, 2) if closed else None,
                currency=event.currency if closed else "",
                created_at=f"{date}T{seconds // 3600 % 24:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}",
            )
        )
    return out
