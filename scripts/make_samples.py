#!/usr/bin/env python3
"""Write the sample datasets in `sample_datasets/`.

    python scripts/make_samples.py [OUTPUT_DIR]

Every file is generated from a seeded `random.Random` with the standard library only, so each run writes the same
bytes. The customer-support examples are for Nimbus Drive, a fictional cloud-storage company: questions and replies
are built from templates with alternatives (`{a|b|c}`, nested freely) and slots (`<plan>`, `<date>`, ...), and any
candidate too close to an example already written is drawn again, so the healthy sets hold no duplicates.

Files: support_chat.jsonl (healthy), support_chat_v1.jsonl (an earlier version of it), tiny.jsonl (too small),
duplicates.jsonl and duplicates_validation.jsonl (planted duplicates, conflicts and leakage), intents.csv
(imbalanced labels) and malformed.jsonl (one of each common record problem). The planted line numbers are printed.
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
import sys
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "sample_datasets"

# ---------------------------------------------------------------------------------------------------------------
# Templates: "{a|b|c}" picks one alternative (alternatives nest, and may be empty), "<name>" is a slot.

Node = str | list["Seq"]
Seq = list[Node]
_TREES: dict[str, Seq] = {}
_SLOT = re.compile(r"<(\w+)>")


def _parse(t: str, i: int, nested: bool) -> tuple[Seq, int]:
    seq: Seq = []
    buf: list[str] = []
    while i < len(t):
        c = t[i]
        if c == "{":
            if buf:
                seq.append("".join(buf))
                buf = []
            alts: list[Seq] = []
            i += 1
            while True:
                sub, i = _parse(t, i, True)
                alts.append(sub)
                if i >= len(t):
                    raise ValueError(f"unclosed '{{' in template: {t!r}")
                i += 1
                if t[i - 1] == "}":
                    break
            seq.append(alts)
        elif nested and c in "|}":
            break
        else:
            buf.append(c)
            i += 1
    if buf:
        seq.append("".join(buf))
    return seq, i


def _render(seq: Seq, rng: random.Random, out: list[str]) -> None:
    for node in seq:
        if isinstance(node, str):
            out.append(node)
        else:
            _render(node[rng.randrange(len(node))], rng, out)


def fill(rng: random.Random, template: str, slots: dict[str, str]) -> str:
    """One rendering of `template`: alternatives chosen with `rng`, slots filled, spacing tidied."""
    tree = _TREES.get(template)
    if tree is None:
        tree, _ = _parse(template, 0, False)
        _TREES[template] = tree
    out: list[str] = []
    _render(tree, rng, out)
    text = _SLOT.sub(lambda m: slots[m.group(1)], "".join(out))
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r" +([,.;:?!])", r"\1", text)
    return text.strip()


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


# ---------------------------------------------------------------------------------------------------------------
# Similarity, as the near-duplicate check defines it: lower-cased word runs; character 5-grams for texts under 60
# words, word 5-grams for texts of 40 words or more; the larger Jaccard of the modes both texts use.


def shingles(text: str) -> dict[str, frozenset[Any]]:
    words = re.findall(r"\w+", unicodedata.normalize("NFKC", text).lower())
    out: dict[str, frozenset[Any]] = {}
    if len(words) < 60:
        joined = " ".join(words)
        out["char"] = frozenset(joined[i : i + 5] for i in range(max(1, len(joined) - 4)))
    if len(words) >= 40:
        out["word"] = frozenset(tuple(words[i : i + 5]) for i in range(len(words) - 4))
    return out


def similarity(a: dict[str, frozenset[Any]], b: dict[str, frozenset[Any]]) -> float:
    best = 0.0
    for mode, sa in a.items():
        sb = b.get(mode)
        if sb is not None:
            union = len(sa | sb)
            best = max(best, len(sa & sb) / union if union else 1.0)
    return best


def norm(text: str) -> str:
    return " ".join(text.lower().split())


# ---------------------------------------------------------------------------------------------------------------
# Slots

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
PLANS = [  # name, storage, monthly, yearly
    ("Personal", "200 GB", "$3.99", "$39.99"),
    ("Plus", "2 TB", "$9.99", "$99.99"),
    ("Family", "5 TB", "$14.99", "$149.99"),
]
TEAM_PLANS = [("Team", "$8", "1 TB"), ("Business", "$15", "5 TB")]
DEVICES = [
    "iPhone 15",
    "iPhone 13 mini",
    "Pixel 8",
    "Pixel 7a",
    "Galaxy S23",
    "Galaxy A54",
    "iPad Air",
    "OnePlus 12",
    "Moto G",
    "iPhone SE",
]
COMPUTERS = ["MacBook Air", "MacBook Pro", "ThinkPad", "Surface Laptop", "Dell XPS", "iMac", "Mac mini", "desktop PC"]
SYSTEMS = ["Windows 11", "Windows 10", "macOS Sonoma", "macOS Sequoia", "macOS Ventura", "Ubuntu 24.04", "Fedora"]
BROWSERS = ["Chrome", "Firefox", "Safari", "Edge", "Brave"]
FILES = [
    "Q3 forecast.xlsx",
    "thesis_final_v7.docx",
    "wedding-video.mov",
    "invoice_template.pdf",
    "site-plan-rev4.dwg",
    "podcast ep12.wav",
    "tax return 2024.pdf",
    "menu_spring.indd",
    "grandma recipes.docx",
    "client list.csv",
    "portfolio.key",
    "board deck March.pptx",
    "novel draft ch9.docx",
    "lease agreement.pdf",
    "drone footage 04.mp4",
    "inventory.numbers",
    "logo master.ai",
    "lab results export.csv",
    "band rehearsal.m4a",
    "budget 2025.ods",
    "floor plan.pdf",
    "pitch script.txt",
    "product shots.zip",
    "mortgage docs.pdf",
    "training slides.pptx",
    "manuscript notes.md",
    "hiking photos.zip",
    "payroll summary.xlsx",
    "kitchen quote.pdf",
    "garden design.sketch",
]
FOLDERS = [
    "Client contracts",
    "Photos 2019",
    "Tax 2024",
    "Kids school",
    "Band recordings",
    "Design assets",
    "Thesis",
    "Invoices",
    "Recipes",
    "Marketing",
    "House purchase",
    "Travel 2023",
    "Scans",
    "Course notes",
    "Shared with Mum",
    "Project Falcon",
    "Payroll",
    "Video edits",
    "Old phone backup",
    "Research data",
    "Wedding",
    "Admin",
    "Product photos",
    "Drafts",
]
PEOPLE = [
    "Priya",
    "Tomás",
    "Jonas",
    "Aiko",
    "Marta",
    "Dev",
    "Fatima",
    "Liam",
    "Chen",
    "Olu",
    "Sofia",
    "Rafael",
    "Ines",
    "Noah",
    "Greta",
    "Kwame",
    "Yusuf",
    "Elena",
    "Mateo",
    "Hannah",
]
COMPANIES = [
    "Fernhill Architects",
    "Blue Kettle Bakery",
    "Northwind Dental",
    "Harbour Lane Films",
    "Quarry Street Legal",
    "Maple & Moss Studio",
    "Brightside Tutoring",
    "Copperleaf Accounting",
    "Old Mill Veterinary",
    "Tidewater Surveys",
    "Redbrick Events",
    "Juniper Yoga",
]
CITIES = [
    "Lyon",
    "Toronto",
    "Leeds",
    "Denver",
    "Rotterdam",
    "Porto",
    "Melbourne",
    "Austin",
    "Galway",
    "Cologne",
    "Vancouver",
    "Bristol",
    "Milan",
    "Tucson",
]
CARRIERS = ["UPS", "DHL", "DPD", "FedEx", "Royal Mail", "Canada Post", "PostNL"]
REGIONS = ["Europe", "North America", "the US East region", "Asia-Pacific", "the UK"]


def make_slots(rng: random.Random) -> dict[str, str]:
    plan = rng.choice(PLANS)
    other = rng.choice([p for p in PLANS if p is not plan])
    team = rng.choice(TEAM_PLANS)
    month = rng.randrange(12)
    day = rng.randint(1, 28)
    seats = rng.randint(3, 60)
    used = rng.randint(150, 1990)
    price = plan[2] if rng.random() < 0.7 else plan[3]
    old_cents = float(price[1:]) - rng.choice([1.0, 2.0, 0.5, 10.0 if price == plan[3] else 1.0])
    gb_over = rng.randint(3, 240)
    return {
        "plan": plan[0],
        "plan_size": plan[1],
        "price": plan[2],
        "year_price": plan[3],
        "amount": price,
        "old_amount": f"${old_cents:.2f}",
        "other_plan": other[0],
        "other_size": other[1],
        "other_price": other[2],
        "team_plan": team[0],
        "seat_price": team[1],
        "team_size": team[2],
        "seats": str(seats),
        "seat_total": f"${seats * int(team[1][1:])}",
        "new_seats": str(rng.randint(1, 8)),
        "date": f"{MONTHS[month]} {day}",
        "date2": f"{MONTHS[(month + 1) % 12]} {rng.randint(1, 28)}",
        "month": MONTHS[month],
        "weekday": rng.choice(WEEKDAYS),
        "days": str(rng.randint(3, 7)),
        "order": f"HB{rng.randint(100000, 999999)}",
        "invoice": f"NV{rng.randint(1000000, 9999999)}",
        "ticket": f"{rng.randint(200000, 899999)}",
        "device": rng.choice(DEVICES),
        "computer": rng.choice(COMPUTERS),
        "os": rng.choice(SYSTEMS),
        "browser": rng.choice(BROWSERS),
        "version": f"5.{rng.randint(2, 19)}.{rng.randint(0, 9)}",
        "file": rng.choice(FILES),
        "file2": rng.choice(FILES),
        "folder": rng.choice(FOLDERS),
        "folder2": rng.choice(FOLDERS),
        "person": rng.choice(PEOPLE),
        "person2": rng.choice(PEOPLE),
        "company": rng.choice(COMPANIES),
        "city": rng.choice(CITIES),
        "carrier": rng.choice(CARRIERS),
        "region": rng.choice(REGIONS),
        "count": f"{rng.randint(12, 4800):,}",
        "used": f"{used} GB" if used < 1000 else f"{used / 1000:.1f} TB",
        "gb_over": f"{gb_over} GB",
        "hours": str(rng.randint(2, 9)),
        "minutes": str(rng.choice([10, 15, 20, 30, 40, 45])),
        "code": f"SYNC-{rng.randint(101, 499)}",
        "time": f"{rng.randint(1, 11)}:{rng.choice(['05', '15', '20', '30', '40', '50'])} {rng.choice(['am', 'pm'])}",
        "members": str(rng.randint(2, 6)),
    }


# ---------------------------------------------------------------------------------------------------------------
# Nimbus Drive support content

SYSTEM_PROMPT = (
    "You are the support assistant for Nimbus Drive, a cloud storage service for individuals, families and small "
    "teams. Be warm, clear and practical: answer in plain language, give numbered steps when the customer has to do "
    "something, and say honestly when something is not possible. Never ask for passwords or full card details, and "
    "send anything that needs an identity check or a human decision to the support team through the Help page."
)

GREETINGS = [
    "",
    "",
    "",
    "",
    "Hi,",
    "Hi there,",
    "Hello,",
    "Hello!",
    "Hey,",
    "Good morning.",
    "Hi team,",
    "Quick question:",
    "Hoping you can help.",
    "Hi, long-time user here.",
    "Hello, first time contacting support.",
    "Hey there!",
    "Evening,",
    "Hi Nimbus,",
    "Help please!",
    "Sorry to bother you,",
]
SIGNOFFS = [
    "",
    "",
    "",
    "",
    "",
    "Thanks!",
    "Thanks in advance.",
    "Appreciate it.",
    "Thank you.",
    "Cheers.",
    "Any help appreciated.",
    "Thanks for your help.",
    "This is kind of urgent.",
    "Not sure where else to ask.",
    "Many thanks.",
]
CLOSES = [
    "{If anything still looks off|If that doesn't do it|If it still misbehaves}, reply here and I'll {take another look|dig in further}.",
    "Let me know how {it goes|you get on}{!|.}",
    "{Happy|Glad} to help with anything else{ you need| on your account|}.",
    "If you'd rather have a person look at it, the support team can pick this up from the Help page.",
    "I hope that {gets you sorted|clears it up|helps}{!|.}",
    "{Just shout|Give me a shout} if anything doesn't match what you see.",
    "{Anything else|Is there anything else} I can {check|help with} while you're here?",
    "Thanks for your patience {with this|while we sort it out|}.",
    "Feel free to {come back|reply} if you hit {another snag|a different error|anything unexpected}.",
    "{Good luck|Fingers crossed}, and {do|please} reply if it doesn't work out.",
    "{Have a good <weekday>|Enjoy the rest of your <weekday>}!",
    "{Hope|I hope} the rest of your day is less eventful!",
]


@dataclass
class Intent:
    asks: list[str]
    body: str
    alt: str | None = None  # the same answer in other words
    steps: list[str] | None = None
    after: str | None = None  # an optional last paragraph
    follow: tuple[str, str] | None = None


@dataclass
class Topic:
    name: str
    acks: list[str]
    intents: list[Intent]
    details: list[str] = field(default_factory=list)
    intro: list[str] = field(default_factory=list)  # lines that may introduce the steps


TOPICS: list[Topic] = [
    Topic(
        "billing",
        acks=[
            "Thanks for checking with us about this.",
            "{Happy|Glad} to look into this with you.",
            "Good question{, billing trips a lot of people up|}.",
            "{Let's get|Let me help get} your billing {straightened out|sorted}.",
        ],
        details=[
            "I've been with Nimbus {for years|since <month> last year}.",
            "My account is under my {work|personal} address.",
            "I {manage|look after} the account for {my family|<company>}.",
        ],
        intro=["{Here's how to check|To check it}:", "{Try this|Have a look}:"],
        intents=[
            Intent(
                asks=[
                    "I was charged twice for {my|the} <plan> plan {this month|on <date>}. {Why?|What happened?|Can you sort this out?|Is that a mistake?}",
                    "{Two|2} charges of <amount> {showed up|appeared} on <date>{ for one subscription|}. {Did you bill me twice?|Which one is real?}",
                    "{Why am I|How come I'm} seeing <amount> twice on my {card|bank} statement this {month|week}?",
                ],
                body="{Most|Nearly all} {double charges|duplicate-looking charges} {turn out to be|are} a pending {authorisation|hold} from the renewal on <date>: your bank {releases|drops} it within <days> business days{ and only the settled charge stays|, while the real charge settles}. If both show as paid{, though|}, {that's on us|something went wrong on our side} and we'll refund the {extra|duplicate} one.",
                alt="When a renewal goes through, your bank {sometimes|occasionally} {shows|lists} a temporary hold next to the real payment, and {that hold|the hold} {vanishes|falls away} {after|within} <days> business days. Two settled payments for the same period would be {our mistake|an error on our end}, and {we'd refund|we refund} the second one {in full|without question}.",
                steps=[
                    "{Open|Go to} Settings > Billing > Payment history {on the web|in the web app}.",
                    "{Find|Look for} the <date> renewal{ and compare it with your statement|}.",
                    "{If there are|If you see} two paid invoices, {choose|click} Report a problem next to the second{ one|}.",
                ],
                follow=(
                    "{Ok|OK|Right}, {it|the second one} {says|shows} pending. {Do I need to do anything?|Should I call my bank?}",
                    "{No action needed|You don't need to do anything}: a pending line is only a hold, and it {should drop off|will disappear} within <days> business days. If it turns into a second paid charge, reply here with the date and we'll refund it.",
                ),
            ),
            Intent(
                asks=[
                    "There's a <amount> charge from Nimbus Drive on my {bank|card} statement {dated <date>|from <date>} and I don't {recognise|remember} it.",
                    "{I thought|I was pretty sure} I was on the free plan, so why {did I get|am I seeing} a <amount> charge{ on <date>|}?",
                ],
                body="Our charges {appear|show up} as NIMBUS DRIVE followed by the invoice number, {like|for example} <invoice>. {The most common cause|What usually explains it} is a {14-day trial|free trial} that {rolled over|converted} into <plan>, or {a second account|another account} {under a different address|you opened a while ago} {with|that has} a paid plan.",
                alt="{Look for|Check for} the invoice number after NIMBUS DRIVE on the statement{, something like <invoice>|}: {it ties|that ties} the charge to one account. {Nine times out of ten|Most of the time} it's {a trial that ended and became <plan>|a free trial that turned into <plan>}, or an account {set up|opened} {with|under} {another|a different} address {that someone|which} {upgraded|moved to a paid plan}.",
                steps=[
                    "Sign in {with each address you use|to every account you might have} and open Settings > Billing.",
                    "{Match|Compare} the invoice number {on your statement|from the statement} with Payment history.",
                    "{If none of your accounts has it|If you can't find it anywhere}, {send|pass} the invoice number to the support team {from|through} the Help page.",
                ],
                follow=(
                    "Found it{, it was|} {on|in} my old account. Can I {get the money back|have a refund}?",
                    "Yes, if the charge is less than 14 days old and the extra storage hasn't been used: open Payment history on that account and choose Request refund. For older charges, the support team can review it from the Help page.",
                ),
            ),
            Intent(
                asks=[
                    "Why did my {bill|monthly charge|subscription price} go up from <old_amount> to <amount>{ this month| on <date>|}?",
                    "{Did the price of <plan> change|Has the price of <plan> gone up}? I was paying <old_amount> {before|until recently}.",
                ],
                body="{The price of <plan> changed|We updated the price of <plan>} in <month>{, for the first time in three years|}. Existing subscribers {got|were sent} a notice {30 days|a month} before their first renewal at the new price, {and it's also|which is also} {listed|shown} under Settings > Billing > Plan. {If <amount> is more than you want to spend|If that no longer works for you}, yearly billing or {a smaller plan|<other_plan>} {brings it down|lowers the cost}.",
                alt="{The jump to <amount>|That increase} {comes from|is due to} a price change for <plan> {in|that took effect in} <month>. {We gave|Everyone got} {a month's|30 days'} notice before {the first renewal at the new rate|paying the new price}, and {the current price|today's price} {always|} {shows|appears} in Settings > Billing > Plan. {Paying yearly|Yearly billing} or {moving to <other_plan>|a smaller plan} {would bring|brings} {the cost|it} down{ if that helps|}.",
                follow=(
                    "{Will I get a refund for|Can I get back} the difference?",
                    "The new price applies from your first renewal after the notice, so earlier renewals aren't affected. If you were charged the new price before the notice period ended, the support team can check the dates from the Help page and refund the difference.",
                ),
            ),
            Intent(
                asks=[
                    "My card was declined {when|after} my <plan> plan {renewed|tried to renew} on <date>. {Will I lose my files?|Is my data at risk?|What happens now?}",
                    "I keep getting a payment failed warning {in the app|on the web} but my card {is fine|works everywhere else}. {What's going on?|Any idea why?}",
                ],
                body="{A declined renewal never deletes anything|Nothing gets deleted when a payment fails}: {we retry the card|the card is retried} over the next 14 days, and only after that {does the account move|does your account drop} to the free plan, where your files stay readable. {Declines|Failed payments} on a card that works elsewhere {usually come from|are often caused by} {an old expiry date on file|an expired card on file}, the bank blocking {recurring|international} payments, or a {billing address|postcode} mismatch.",
                alt="{Your files are safe|Nothing will be lost}: after a failed renewal we {keep trying|try} the card {for|over} 14 days{, and you keep full access meanwhile|}. {If that still fails|Only if every retry fails}, the account {moves|switches} to free and {stays readable|everything stays readable}. When a card works everywhere else, the cause is {usually|typically} {an out-of-date expiry on file|stale card details on file}, a {fraud rule|bank rule} on {subscriptions|recurring payments}, or {an address|a postcode} that doesn't match.",
                steps=[
                    "{Go to|Open} Settings > Billing > Payment method.",
                    "{Update|Re-enter} the card{ details| or add PayPal instead|}.",
                    "{Press|Click} Retry payment to settle the renewal {now|straight away}.",
                ],
            ),
            Intent(
                asks=[
                    "How do I change the card {you charge|on file|my subscription uses}{ for my <plan> plan|}?",
                    "{I got|I have} a new {card|debit card}. {Where do I update it?|How do I switch the payment method?}",
                    "Can I pay for Nimbus Drive with PayPal instead of a card?",
                ],
                body="You can {swap|change} the payment method {at any time|whenever you like}{ without affecting your plan|}, and we accept {cards and PayPal|major cards and PayPal}{; yearly Team and Business plans can also pay by bank transfer|}. The next renewal {simply uses|just uses} the new method, so {nothing is charged|there's no charge} when you switch.",
                alt="Changing {the card|how you pay} {takes|is} a minute and {doesn't touch|leaves} your plan {or files|untouched}. {Cards and PayPal are both fine|We take cards and PayPal}{, and yearly Team and Business customers can pay by transfer|}. {Nothing is charged when you switch|Switching doesn't trigger a charge}; {the new method is|it's} {simply|just} used {at|from} the next renewal.",
                steps=[
                    "{Open|Go to} Settings > Billing > Payment method{ on the web|}.",
                    "{Choose|Click} {Replace|Update} and {enter|add} the new card or {connect|sign in to} PayPal.",
                    "{Remove|Delete} the old card{ if you want it gone| so it's never used again|}.",
                ],
            ),
            Intent(
                asks=[
                    "Can I switch my <plan> plan from monthly to {yearly|annual} billing{ and save a bit| without losing anything|}?",
                    "{Is {yearly|annual} billing on <plan> cheaper|How much cheaper is {yearly|annual} billing on <plan>}?",
                ],
                body="{Yes|Absolutely}: <plan> costs <year_price> a year {instead of|compared with} <price> a month, {which saves you about two months|so you save roughly 17%}. On switching, the unused part of the current month is {credited against|taken off} the first yearly charge{, and your files and settings don't change at all|}.",
                alt="{You can|It's possible to} switch {at any time|whenever you like}{, and it's worth it|}: yearly <plan> is <year_price>, {against|versus} <price> {every month|monthly}{, about two months free|}. {What's left of|The rest of} this month {is credited|goes} {against|towards} the first yearly payment, and nothing else {about your account|in your account} changes.",
                steps=[
                    "Open Settings > Billing > Plan.",
                    "{Choose|Pick} Change billing period and {select|choose} Yearly.",
                    "{Check|Review} the credited amount and {confirm|accept}.",
                ],
            ),
            Intent(
                asks=[
                    "What day of the month does my <plan> {subscription|plan} {renew|charge}?",
                    "{When|On what date} will I be charged next{ for <plan>|}?",
                ],
                body="{Your plan renews|Renewals happen} on the same day of the month you first {subscribed|upgraded}{, so if you joined on the 31st the charge moves to the last day of shorter months|}. {The exact date|Your next date} {is|shows} {at the top of|on} Settings > Billing > Plan, and we send a reminder <days> days before {yearly renewals|a yearly renewal}.",
                alt="{You're charged|Renewals fall} on the {date|day} you {first|originally} {subscribed|upgraded}{; if that was the 29th, 30th or 31st, short months use their last day|}. {Settings > Billing > Plan|The Plan page under Settings > Billing} {shows|has} {the next date|your next renewal date}, and {yearly plans get|for yearly plans we send} a reminder <days> days {ahead|before}.",
            ),
            Intent(
                asks=[
                    "We were billed for <seats> seats on the <team_plan> plan but only <new_seats> people {use it|actually use it}. Why?",
                    "{Why does our <team_plan> invoice {count|show}|How come our <team_plan> invoice {counts|shows}} more seats than {we have people|there are people on the team}?",
                ],
                body="{Team plans bill|Billing on <team_plan> counts} {every seat you've assigned|each assigned seat}, {including|and that includes} {invited people who haven't accepted yet|pending invites} and former members who were never removed. {Freeing|Removing} those seats {credits|refunds} the unused days on your next invoice{ automatically|}.",
                alt="{Seats are counted|We count seats} {for everyone|for every person} {assigned|with a seat}, {which includes|and that includes} {pending invites|invites that haven't been accepted} and people who left {but were never removed|without being removed}. {Once you free them|When you remove them}, {the unused days come back|you get the unused days back} as a credit on {the next|your next} invoice.",
                steps=[
                    "{Open|Go to} the Admin console > Members.",
                    "{Filter by|Look under} Pending and {revoke|cancel} {old|unused} invites.",
                    "{Remove|Deprovision} people who have left, {then|and} {check|confirm} the seat count under Billing.",
                ],
            ),
            Intent(
                asks=[
                    "I moved to the free plan {on <date>|last week} but still got a <amount> charge. {Why?|How?}",
                    "{Why was I|How come I was} charged after {downgrading|going back} to the free plan?",
                ],
                body="{A move to the free plan|Downgrading to free} {takes effect|starts} at the end of the cycle you'd already paid for, {so|which means} a renewal {dated|on} <date> {may have|could have} {gone through|been taken} before the change {kicked in|applied}. {If the charge is after the downgrade date shown in Payment history|If the timing doesn't add up}, {it qualifies for a full refund|we'll refund it in full}.",
                alt="{Moving to free|A downgrade to the free plan} {only happens|kicks in} at the end of the period {already paid|you'd paid for}, so a renewal on <date>, before that date, {still went through|may still have gone through}. {Check|Compare} the {downgrade|change} date in Billing{ against <date>|}: {a charge after it is refunded in full|if the charge came after it, we refund it in full}.",
                steps=[
                    "{Open|Go to} Settings > Billing > Plan and {note|check} the date the free plan starts.",
                    "{Compare|Match} it with the <date> charge in Payment history.",
                    "{Choose|Click} Request refund if the charge came {after|later}.",
                ],
            ),
            Intent(
                asks=[
                    "{Why am I|How come I'm} charged in US dollars {when|even though} I live in <city>?",
                    "My bank added a foreign transaction fee to {my|the} Nimbus {charge|payment}. {Can I pay in my own currency?|Why?}",
                ],
                body="{Prices are shown and charged|We charge} in the currency {of the country on your billing address|that matches your billing address}, so {an old|an outdated} address {can leave you|may keep you} on US dollars. {Once you update the address|Once the address is right}, the next renewal {switches|moves} to {your local currency|euros, pounds or your local currency} and {the foreign fee goes away|your bank stops adding a fee}.",
                alt="{The currency follows|We bill in the currency of} {your billing country|the country on your billing address}, {and|so} {an address from a previous move|an older US address} {keeps|will keep} {you|the account} on dollars. {Fix|Update} the address and the next renewal {is|will be} in {your local currency|euros, pounds or your own currency}, {which ends|ending} the {foreign transaction|conversion} fee.",
                steps=[
                    "{Open|Go to} Settings > Billing > Invoice details.",
                    "{Update|Correct} the billing country and address.",
                    "{Check|Look at} the next renewal price shown under Plan{ in the new currency|}.",
                ],
            ),
            Intent(
                asks=[
                    "{My|The} promo code {didn't apply|wasn't applied} {when I upgraded|at checkout}. {Can you add it?|What now?}",
                    "{I had|There was} a discount code for <plan> but I was charged the full <amount>.",
                ],
                body="Promo codes {have to|need to} be entered before the first payment{, so they can't be added to a charge that's already gone through|}. {If the code was valid on <date>|If the code hadn't expired}, the support team can {apply|add} it as a credit {on|to} your next invoice{ instead|}; {just|} send them the code from the Help page.",
                alt="{A code can only be used|Codes only work} {at checkout|before the first payment}, {so it can't be attached|and can't be added} {to|after} a payment {that's already gone through|once it's taken}. {The support team|Our team} can {still honour|still apply} {a code that was valid on <date>|a valid code} as a credit on your next invoice{ instead|}{; send it through the Help page|}.",
            ),
            Intent(
                asks=[
                    "{Why am I|Am I} being billed {when|if} I'm only a member of {someone's|my sister's|a friend's} Family plan?",
                    "I joined a Family plan{ on <date>| last month} but I'm still paying for <plan> {myself|on my own}.",
                ],
                body="Joining a Family plan doesn't cancel {a plan you were already paying for|your own subscription}{ automatically|}, {because|since} {some people keep both|you might want to keep both}. {Once you cancel your own <plan>|When you cancel <plan>}, {you stay|you're still} in the family with your files {untouched|as they are}, and {a charge from the last 14 days|a recent renewal} can be refunded.",
                alt="{Being in|Joining} a Family plan doesn't {stop|end} {your own|a personal} subscription{ on its own|}{, in case you want to keep both|}. {Cancel <plan> on your account and you'll stay|Once you cancel <plan>, you stay} in the family {with everything as it is|with all your files}{; a renewal from the last 14 days can be refunded too|}.",
                steps=[
                    "{Open|Go to} Settings > Billing > Plan on your own account.",
                    "{Choose|Click} Cancel subscription{ for <plan>|}.",
                    "{Request|Ask for} a refund {for|on} the latest charge{ if it's under 14 days old|}.",
                ],
            ),
            Intent(
                asks=[
                    "{Can I|How do I} see {all the payments|every payment} I've made to Nimbus{ since I joined|}?",
                    "{Where's|Where is} my billing history{ for the last year|}?",
                ],
                body="{Every payment, refund and credit is|All payments, refunds and credits are} listed {under|in} Settings > Billing > Payment history{, going back to when you joined|}. {Each line|Every entry} has {its|a} PDF invoice, and {a date filter|the date filter} {narrows it down|helps} if you only need {a particular year|one year}.",
                alt="{Settings > Billing > Payment history|The Payment history page under Settings > Billing} {shows|lists} every payment, refund and credit {since you joined|from the very first one}. {Every line has|Each entry comes with} a PDF invoice, and filtering by year {makes it|keeps it} {quick|easy} to find {what you need|a particular payment}.",
            ),
        ],
    ),
    Topic(
        "refunds",
        acks=[
            "{Happy|Glad} to explain how refunds work.",
            "Let's see what we can do.",
            "{Sure|Of course}, here's how refunds work.",
        ],
        details=[
            "It's been {a couple of|<days>} days.",
            "I paid {by PayPal|by card}.",
            "The invoice number is <invoice>.",
        ],
        intro=["To {request|ask for} it:", "{Here's|Here is} the quickest way:"],
        intents=[
            Intent(
                asks=[
                    "Can I get a refund for {my|the} <plan> {subscription|plan}? I {only|just} {signed up|upgraded} on <date>.",
                    "I {don't need|regret buying} <plan> after all. {Refund?|Can I get my money back?}",
                ],
                body="{Yes|You can}: Personal, Plus and Family plans are refunded in full within 14 days of {a charge|any new charge}, as long as the extra storage hasn't been used {heavily|for large uploads}. {After the refund|Once it's refunded}, the account {goes back|returns} to your previous plan{ and nothing is deleted|}.",
                alt="{Within 14 days of a charge|For 14 days after any charge}, Personal, Plus and Family {are fully refundable|can be refunded in full}{, as long as you haven't uploaded a lot into the extra space|, provided the new storage hasn't been filled up}. The account {then|simply} {returns|goes back} to {the plan you had before|your previous plan}, and {your files aren't touched|nothing is deleted}.",
                steps=[
                    "Open Settings > Billing > Payment history.",
                    "{Find|Locate} the <date> charge and {choose|click} Request refund.",
                    "{Pick|Choose} a reason and {confirm|submit}{; a confirmation follows within a few minutes|}.",
                ],
                follow=(
                    "Will I lose my files if I get the refund?",
                    "No. After a refund the account returns to your previous plan, and if you're over that plan's storage the files stay readable; you just can't upload more until you're back under the limit.",
                ),
            ),
            Intent(
                asks=[
                    "I {forgot to cancel|meant to cancel} before the renewal on <date> and got charged <amount>. {Can I have that back?|Is a refund possible?}",
                    "{My|The} <plan> plan renewed {on <date>|yesterday} {even though I wanted to stop|and I didn't want it to}. Can you reverse {it|the <amount>}?",
                ],
                body="{If the renewal was less than 14 days ago|Renewals under 14 days old} can {usually|normally} be refunded {straight from your account|without contacting anyone}, and the {subscription|plan} is cancelled at the same time{ so it won't happen again|}. {Renewals older than that go to|Anything older needs} the support team, who look at how the account was used since.",
                alt="{A renewal from the last 14 days|Anything renewed in the last 14 days} can {normally|usually} be refunded {from your own account|by you directly}, {cancelling the plan at the same time|which also cancels the plan} so {it doesn't renew again|there's no next renewal}. {Older renewals are|Anything past 14 days is} reviewed by the support team{, who check how the account has been used|}.",
                steps=[
                    "{Go to|Open} Settings > Billing > Payment history.",
                    "{Choose|Click} Request refund next to the <date> renewal.",
                    "{Tick|Select} Also cancel my plan and confirm.",
                ],
                follow=(
                    "{It's|It has been} more than 14 days. {Is there really nothing you can do?|Any exceptions?}",
                    "Outside the 14 days the automatic refund isn't available, but the support team reviews unusual cases, such as a charge after a clearly requested cancellation. Send them a note through the Help page with the invoice number and they'll get back to you within two working days.",
                ),
            ),
            Intent(
                asks=[
                    "How long does a refund take to {show up|appear|come through} on my card?",
                    "{You|Nimbus} refunded me <amount> on <date> but I {still haven't seen it|can't see it}{ on my statement|}. {Where is it?|Can you check?}",
                ],
                body="Refunds go back to the original payment method and {usually|typically} {show up|land} within 5 to 10 business days, depending on your bank{ or PayPal|}. {Once we issue one|If we issued it on <date>}, the bank has it the same day; the {reference|trace number} on the refund receipt lets them find it{ if it's taking longer|}.",
                alt="{Refunds return|We send refunds back} to {the card or PayPal account you paid with|the same payment method}, and {banks usually take|most banks take} 5 to 10 business days to {show|post} them. {The bank receives it|It reaches the bank} {the same day we issue it|on the day we send it}{ on <date>|}, {so|and} the {reference|trace number} on {your|the} refund receipt {helps them find|lets them locate} it{ if it's slow|}.",
                steps=[
                    "{Download|Open} the refund receipt from Payment history.",
                    "{Give|Read} your bank the refund reference{ printed on it|}.",
                    "If they can't find it after 10 business days, reply here and we'll {trace|chase} it.",
                ],
            ),
            Intent(
                asks=[
                    "{I upgraded to|We bought} <other_plan> by mistake instead of <plan>. Can you {refund the difference|reverse it}?",
                    "{Clicked|Picked} the wrong plan{ by accident|}, <other_plan> instead of <plan>. {Can it be undone?|Help?}",
                ],
                body="{Easy to fix|No harm done}: {switch|move} back to <plan> and we refund the difference {automatically|straight away}, {provided|as long as} it's within 14 days. {Your files aren't touched either way|Nothing in your account changes apart from the plan}.",
                alt="{That's an easy one|No problem at all}: {go back|switch back} to <plan> within 14 days and {the difference is refunded|we refund the difference} {automatically|without you asking}. {Your files stay exactly as they are|Only the plan changes; your files don't}.",
                steps=[
                    "{Go to|Open} Settings > Billing > Plan and {choose|pick} <plan>.",
                    "{Confirm|Accept} the change{ on the summary screen|}.",
                    "{Check|Look at} Payment history, where the difference {shows|appears} as a pending refund.",
                ],
            ),
            Intent(
                asks=[
                    "Do you give {partial|prorated} refunds if I cancel my yearly plan {halfway through|after <hours> months}?",
                    "{If I cancel|Cancelling} my annual <plan> {now|today}{, do I get anything back|, is any of it refundable}?",
                ],
                body="Yearly plans {are refundable|can be refunded} only within 14 days of the charge. After that {we don't refund the rest of the year|the rest of the year isn't refunded}, but the plan {keeps working|stays active} until the end of the {period you paid for|paid year}, so {you don't lose anything|nothing is cut short}.",
                alt="{After the first 14 days|Once 14 days have passed}, {we don't refund the remainder of a yearly plan|the rest of a yearly plan isn't refundable}. {What you do keep is|You do keep} {full access|every feature} {until|right up to} the end of the year you paid for{, so nothing is cut short|}.",
            ),
            Intent(
                asks=[
                    "The {desktop app|sync} {hasn't worked|was broken} for most of {the month|<month>}. {Can I get|Is there} some money back?",
                    "{Your|The} outage on <date> {cost me|wasted} {a day|half a day} of work. {Do you give credits?|Any compensation?}",
                ],
                body="{Sorry for the lost time|That's a rough month, and I'm sorry}. Business plans {earn|get} service credits when a month falls below {99.9%|our} uptime{ commitment|}, {added to|taken off} the next invoice. {Other plans|Personal, Plus and Family} don't have {that commitment|a formal commitment}, but the support team {looks at|reviews} credit requests {case by case|individually} {when something was broken for days|after long problems}.",
                alt="{I'm sorry it's been such a rough stretch|Sorry that it's been broken for so long}. {On Business|Business plans}{, a month below 99.9% uptime earns|, months under 99.9% uptime earn} a service credit on the next invoice. {For|On} Personal, Plus and Family there's no formal {uptime promise|commitment}, {but|though} {the support team will look at|our team reviews} {a credit request|requests for credit} {after long problems|when something was broken for days}.",
                after="If it was a sync problem on your side rather than an outage, {it's worth|I'd suggest} fixing that first{ so it doesn't come back|}; I can help with that here too.",
            ),
            Intent(
                asks=[
                    "I was charged for <seats> seats after we {downsized|let people go}. {Can we get a refund|Is a credit possible} for the extra seats?",
                    "What's your refund policy for the <team_plan> plan?",
                ],
                body="{Team and Business plans aren't refunded|We don't refund Team and Business plans} for past months, but {removed seats are credited for|removing a seat credits} the rest of the current cycle {on|to} the next invoice. {The sooner seats are freed, the larger the credit|Freeing seats now means more comes back}.",
                alt="{Past months on Team and Business|Earlier months on team plans} {aren't refundable|can't be refunded}, {but|though} {each seat you remove|every removed seat} {is credited|earns a credit} for the rest of {the current cycle|this cycle}. {The earlier you free the seats, the bigger the credit|Freeing them sooner means a bigger credit}.",
                steps=[
                    "{Open|Go to} the Admin console > Members.",
                    "{Remove|Select and remove} the people who left{, transferring their files if needed|}.",
                    "{Check|Look at} Billing > Upcoming invoice, which {shows|lists} the credit.",
                ],
            ),
            Intent(
                asks=[
                    "I'd like {my money back|a refund} for the Nimbus Home Hub {I returned|we sent back} on <date>.",
                    "{When|How soon} do I get my refund for the returned Home Hub{, order <order>|}?",
                ],
                body="Home Hub refunds {are processed|go through} once the device {reaches|arrives at} our warehouse and passes a {quick|short} check, which {takes|can take} up to a week{ after delivery|}. {You'll get|We send} a message {the moment|as soon as} it's approved, and the money {reaches|gets back to} your card within 5 to 10 business days after that.",
                alt="{We refund a returned Home Hub|A returned Home Hub is refunded} {after it arrives at the warehouse|once it's back with us} and {passes|gets} a {quick|brief} check{, usually within a week|}. {A message confirms|We'll send a message to confirm} {the approval|it's approved}, {after which|and then} {your card gets the money|the money reaches your card} within 5 to 10 business days.",
                after="{The return's progress|Its progress} {is on|shows under} Settings > Orders > <order>{ if you want to follow it|}.",
            ),
            Intent(
                asks=[
                    "The card I paid with {was cancelled|has been closed}. {Where does the refund go?|What happens to the refund?}",
                    "{Can the refund go|Can you send the refund} to a different card{?| please?}",
                ],
                body="Refunds can only go back to the {original|card or account used for the} payment{ for security reasons|}, {but|and} {banks forward them|your bank forwards them} to the {replacement|new} card or {the account behind it|your account}{ automatically|}. {If it doesn't appear|If nothing shows} after 10 business days, {your bank can find it|the bank can trace it} with the reference on the refund receipt.",
                alt="{For security|For safety reasons}, {a refund|refunds} can only {go|return} to the {payment method|card} {that was charged|used for the purchase}. {When a card has been closed or replaced|If that card has been replaced}, the bank {passes the refund on|forwards it} to {the new card|the replacement} or {the account behind it|your account}, and {the reference|the refund reference} {helps them trace it|lets them trace it} {after 10 business days|if it takes longer than 10 business days}.",
            ),
            Intent(
                asks=[
                    "I {accidentally|mistakenly} ordered {the Home Hub twice|two Home Hubs}{, order <order>|}. Can I cancel one?",
                    "{Double|Duplicate} Home Hub order{ by mistake|}. {Refund please.|Can you cancel the second one?}",
                ],
                body="{If the second order hasn't been packed yet|While an order still says Processing}, cancelling it {refunds|returns} the full amount {straight away|at once}. {Once it has shipped|If it's already on its way}, {just refuse the parcel|send it back unopened} and we refund it {when it reaches us|as soon as it arrives}{; return shipping is on us|}.",
                alt="{Cancelling the second order|A duplicate order} {while it still says Processing|before it's packed} {refunds it in full at once|gets a full refund straight away}. {If it has already shipped|Once it's on its way}, {refuse the delivery|decline the parcel} or send it back unopened{, with return shipping on us|}, and {the refund follows|we refund it} when it {reaches|gets back to} us.",
                steps=[
                    "{Open|Go to} Settings > Orders.",
                    "{Pick|Select} the {duplicate|second} order and choose Cancel and refund.",
                ],
            ),
            Intent(
                asks=[
                    "The Request refund button is {greyed out|missing} {for|next to} my <date> charge.",
                    "Why can't I request a refund {in the app|on the web}{ for <invoice>|}?",
                ],
                body="{The button is only active|Request refund only appears} for charges under 14 days old on Personal, Plus and Family{, and not for Team plans or App Store purchases|}. {For anything else|In other cases}, {the support team can still look at it|a person can still review it}{ through the Help page|}{, so it isn't a final no|}.",
                alt="Request refund {only shows|is only available} {on|for} Personal, Plus and Family charges {less than 14 days old|from the last 14 days}{; Team plans and App Store purchases don't have it|}. {That isn't the end of it|It's not a final answer}, though: {the support team|a person on our team} {can still review|can still look at} {the charge|it} {through|via} the Help page.",
                after="{App Store and Google Play charges|Purchases made in the App Store or Google Play} are refunded by Apple or Google{, from their own purchase history pages|}.",
            ),
            Intent(
                asks=[
                    "I {added|bought} a storage add-on {by mistake|that I don't need}. {Can I get a refund?|Refund?}",
                    "{Can I|How do I} get money back for {the|an} add-on {I bought on <date>|I no longer need}?",
                ],
                body="{Add-ons follow|Storage add-ons have} the same 14-day rule as plans: remove it within 14 days and {the charge is refunded|you get the charge back}{ in full|}, as long as you're under your plan's limit without it{, otherwise uploads would pause|}.",
                alt="{Storage add-ons work like plans|The 14-day rule covers add-ons too}: {take it off|remove it} within 14 days and {we refund it|the charge comes back}{ in full|}. {The only catch: you need to be|Just make sure you're} under your plan's {limit|storage} without it{, or uploads pause|}.",
                steps=[
                    "{Open|Go to} Settings > Storage.",
                    "{Choose|Click} Manage add-ons and {remove|take off} the one you don't need.",
                    "{Confirm|Accept} the refund {shown|offered} on the summary.",
                ],
            ),
            Intent(
                asks=[
                    "I disputed {the|a} charge with my bank and now my account is {locked|read-only}. {Why?|Help.}",
                    "{My account was|I got} {suspended|locked} after a chargeback{ on <date>|}.",
                ],
                body="{When a bank reverses a payment|After a chargeback}, {the account is put on hold|we pause the account} {until the dispute is settled|while the dispute is open}{, which is automatic|}. Your files are safe and readable{ the whole time|}. {If the charge was a mistake on our side|If we charged you wrongly}, the support team can {refund it directly|sort it out directly} {so you can withdraw the dispute|and the hold comes off sooner}.",
                alt="{A chargeback automatically puts|Disputing a payment puts} the account on hold {until the bank settles it|while the bank decides}{, which we can't switch off|}. {Your files stay|Everything stays} safe and readable {throughout|the whole time}. {If the charge was our mistake|If we got the charge wrong}, {the support team can refund you directly|we can refund you directly}{, and once you withdraw the dispute the hold lifts|, which lets the hold come off sooner}.",
            ),
        ],
    ),
    Topic(
        "password",
        acks=[
            "{Happy|Glad} to help with your sign-in.",
            "Let's {sort this out|get this sorted}.",
            "Sign-in questions are {common|some of the most common we get}, so you're not alone.",
        ],
        details=[
            "I'm using {<browser>|my <device>}.",
            "I have two-step verification {on|turned on}.",
            "I've had this account for {years|a long time}.",
        ],
        intro=["{Here's what to do|Try this}:", "{Steps|The steps}:"],
        intents=[
            Intent(
                asks=[
                    "I {forgot|can't remember} my password and the reset {email|link} {never arrives|isn't coming through}.",
                    "{The|My} password reset {message|email} {isn't showing up|never shows up}{, I've asked three times|}.",
                ],
                body="Reset messages come from Nimbus Drive {notifications|no-reply} and {some providers|a few mail providers} hold them for up to <minutes> minutes. Asking {again and again|several times} {doesn't help|makes it worse}, {because|since} only the newest link works{ and each request cancels the one before|}.",
                alt="{Some mail providers|Certain inboxes} {delay|hold back} {our|the} reset {messages|emails} {by up to|for as long as} <minutes> minutes{, and they come from Nimbus Drive notifications|}. {Requesting|Asking for} {more than one|several} {makes things worse|is counterproductive}, {as|because} {each new link cancels the previous one|only the latest link works}.",
                steps=[
                    "{Wait|Give it} <minutes> minutes after {one|a single} request.",
                    "{Search|Look in} {spam, promotions and any filters|junk and filtered folders} for Nimbus Drive.",
                    "{Add|Put} our {address|sender} to your contacts{ and request once more|}.",
                ],
                follow=(
                    "{Got|Found} the link, but it says invalid token.",
                    "That usually means a newer link was sent after this one, or the page was opened in a different browser. Request one more link, wait a minute, and open only that newest message in the same browser.",
                ),
            ),
            Intent(
                asks=[
                    "How do I reset my Nimbus Drive password{ from my <device>|}?",
                    "Can I change my password without knowing the old one?",
                ],
                body="{You don't need the old one|No need for the old password}: the reset link {proves|confirms} it's you {through|via} your inbox. {The new password|Your new one} needs at least 10 characters{, and a passphrase of a few words works well|}.",
                alt="{The old password isn't needed|There's no need for the old password}: {the link we send|the reset link} {to your inbox|by email} {is how we know|proves} it's you. {Pick|Choose} {something with at least 10 characters|a new password of 10 characters or more}{; a few random words strung together work well|}.",
                steps=[
                    "{Go to|Open} the sign-in page and {choose|tap} Forgot password.",
                    "{Enter|Type} the address on your account and {request|ask for} one link.",
                    "{Open|Use} the newest message within <minutes> minutes and {pick|set} a new password.",
                ],
            ),
            Intent(
                asks=[
                    "The password reset link says it's expired{ even though I just got it|}. {What now?|Help?}",
                    "{Reset|The reset} link {doesn't work|says expired} {on my <device>|in <browser>}.",
                ],
                body="Reset links {last|are valid for} <minutes> minutes and {only the newest one works|each new request cancels the last}. {An|The} expired message {on a fresh link|straight away} {usually means|is almost always} {a second request went out|there's a newer link in your inbox}, or {a mail scanner|your company's mail filter} opened the link before you did.",
                alt="{Each link is valid for|A link lasts} <minutes> minutes, and {a newer request|every new request} {cancels|invalidates} {older ones|the earlier links}. {A brand-new link that says expired|An instant expired message} {usually means|points to} {another request going out after it|a second request after it}, or {a security filter|your mail filter} {opening|clicking} the link {first|before you}.",
                steps=[
                    "{Request|Ask for} one new link {and wait|, then wait} a minute.",
                    "{Open|Use} only the newest message, in <browser>.",
                    "If it still fails, {copy|paste} the link into a private window{ instead of clicking it|}.",
                ],
            ),
            Intent(
                asks=[
                    "I reset my password {on <date>|yesterday} and now the {desktop app|app on my <computer>} keeps asking me to sign in.",
                    "{Since|After} {changing|resetting} my password{,|} {my phone|the <device> app} {logged me out|keeps signing me out}.",
                ],
                body="{That's expected|That part is on purpose}: a reset signs out every {device|session} {for safety|so an old password can't be used}. Each app {needs|asks for} the new password once{, and then it stays signed in|}, and {camera uploads pick up|syncing picks up} where {they|it} left off.",
                alt="{Resetting|A reset} {signs you out everywhere on purpose|deliberately signs out every device}{, so the old password can't be used|}. {Sign in once|Enter the new password once} {on each app|in each app} and {it stays signed in|you're set}{; uploads and sync carry on from where they stopped|}.",
                after="If {an app|the app on your <computer>} keeps asking after you've signed in, {quit it fully|close it completely} and {open it again|reopen it}{; it sometimes holds the old session|}.",
            ),
            Intent(
                asks=[
                    "{Someone|I think someone} {changed|has changed} my password. I can't get into my account{ at all|}.",
                    "{I got|There was} a password changed {alert|message} {I didn't ask for|that wasn't me}{ on <date>|}.",
                ],
                body="{Thanks for acting fast|Good that you caught it}. {An account with an unexpected password change|When a password changes unexpectedly, the account} {can be|is} locked {while|until} the support team {confirms your identity|checks it's you}, which {protects|keeps safe} your files in the meantime. {They|The team} {also|can also} sign out every device and {show|list} recent sign-ins{ so you can see what happened|}.",
                alt="{You did the right thing getting in touch|Thanks for telling us quickly}. {If a password was changed without you|After an unexpected password change}, the account {can be|may be} locked {while the support team checks it's really you|until our team confirms your identity}, {which keeps|keeping} your files {safe|protected}{ in the meantime|}. {They can then|Afterwards they can} {sign out every device|end every session} and {show you|list} the recent sign-ins.",
                steps=[
                    "{Open|Use} the Help page and choose I can't access my account.",
                    "{Answer|Fill in} the identity questions {as fully as you can|in as much detail as possible}.",
                    "{Watch|Check} for the team's reply{, usually within a few hours|} and don't create a new account meanwhile.",
                ],
            ),
            Intent(
                asks=[
                    "It says {too many attempts|account locked} when I try to log in. {How long do I wait?|What do I do?}",
                    "{Locked out|I'm locked out} after {typing|entering} the wrong password a few times.",
                ],
                body="After five wrong attempts {sign-in pauses|the account pauses sign-in} for <minutes> minutes{ to stop password guessing|}. Waiting it out {is quicker than|beats} contacting support, and {the timer resets|the pause lifts} {automatically|on its own}. {If you're not sure of the password|Unsure of the password}, use Forgot password {after the pause|once it lifts} rather than {guessing again|trying more}.",
                alt="{Five wrong passwords in a row|Too many failed attempts} {pause sign-in|lock sign-in} for <minutes> minutes{, which protects you from guessing attacks|}. {The pause lifts by itself|It clears automatically}, {so|and} {waiting|waiting it out} is {faster than|quicker than} {writing to support|contacting us}. {Not sure of the password?|If you're unsure of it,} {use|choose} Forgot password {when the pause ends|afterwards} {instead of more guesses|rather than guessing again}.",
            ),
            Intent(
                asks=[
                    "What are the password rules{ for Nimbus|}? It keeps {rejecting|saying no to} the new one.",
                    "Why {won't|doesn't} it accept my new password?",
                ],
                body="Passwords need at least 10 characters, {can't match|mustn't reuse} your last three, and can't be {on a list of|among} {commonly leaked|well-known breached} passwords. {Spaces are fine|Spaces are allowed}, so a {short sentence|passphrase of four or five words} {is easy to remember and hard to guess|works well}.",
                alt="{A new password has to|New passwords must} {be 10 characters or longer|have at least 10 characters}, {differ from|not repeat} your last three, and {not appear|not be} on {a list of|our list of} {known leaked passwords|breached passwords}. {Spaces count|You can use spaces}, so a {phrase of four or five words|short sentence} {is a good choice|is easy to remember}.",
            ),
            Intent(
                asks=[
                    "I use Sign in with {Google|Apple} and now I want a normal password. {Possible?|Can I do that?}",
                    "My {partner|daughter|son} set up the Family plan and I don't know the password for my own account.",
                ],
                body="{Each person has their own sign-in|Every account has its own sign-in}, and {a Nimbus password can sit alongside|adding a Nimbus password doesn't remove} {Google or Apple sign-in|the social sign-in}. {The organiser of a Family plan|A Family organiser} can {trigger|send} a reset for a member but never sees {the password|it}.",
                alt="{A Nimbus password can sit alongside|You can add a Nimbus password next to} {Google or Apple sign-in|your social sign-in}{, and both keep working|}. {Every account has its own password|Each member has their own sign-in}: {a Family organiser|the organiser of a family} {can send you|can trigger} a reset but {can never see|never learns} {what you choose|your password}.",
                steps=[
                    "{Sign in|Log in} the way you do now and open Settings > Security.",
                    "{Choose|Pick} Set password and {follow|complete} the prompts.",
                    "{Use|Try} the new password {next time|on your next sign-in}{ to check it works|}.",
                ],
            ),
            Intent(
                asks=[
                    "{How do I change|Should I change} my password{ to be safe|}? {A site I use was hacked.|There was a breach somewhere else.}",
                    "{Should I|Do I need to} change my Nimbus password after {a leak|a data breach} on another site?",
                ],
                body="{Good call|Sensible move}: if you used the same password anywhere else, {change it here|it's worth changing} {today|now}. {Choose|Pick} one you don't use anywhere else{, ideally from a password manager|}, and {turning on|adding} two-step verification {means|ensures} a leaked password alone can't get anyone in.",
                alt="{Yes, change it|Definitely change it} {if you ever used that password anywhere else|if it's the same one you used there}. {Go for|Use} a password {that's unique to Nimbus|you don't use anywhere else}{, generated by a password manager if you have one|}, and {consider|think about} {turning on two-step verification|adding two-step verification}, {so|which means} a leaked password {on its own|alone} {is useless|won't get anyone in}.",
                steps=[
                    "{Sign in|Log in} on the web and {open|go to} Settings > Security.",
                    "{Choose|Pick} Change password{ and enter the old one, then the new one|}.",
                    "{Leave|Keep} Sign out other devices ticked.",
                ],
            ),
            Intent(
                asks=[
                    "The reset link goes to {an old|my old work} address I {can't access anymore|no longer have}.",
                    "{I lost access to|I can't get into} the {email|inbox} on my Nimbus account. {How do I reset my password?|Help.}",
                ],
                body="{Without access to that inbox|If the old inbox is gone}, the reset link can't reach you, so the support team {has to|needs to} confirm it's you {another way|with a few questions} and then {update the address|move the account to your new address}. {Details like|Things like} the plan you're on, {recent file names|folders you use} and {roughly when you joined|when you signed up} {help|speed it up}.",
                alt="{Since the reset link can't reach that inbox|With the old inbox gone}, {the support team|our team} {will need to|has to} {verify you|confirm it's you} {another way|differently} {before moving|and then move} the account to {a new address|your current address}. {It helps to know|It speeds things up if you know} {your plan|which plan you're on}, {a few folder names|some folder or file names} and {roughly when you signed up|when you joined}.",
                steps=[
                    "{Open|Use} the Help page and choose I can't access my account.",
                    "{Enter|Give} your new address {for the reply|so they can reach you}.",
                    "{Answer|Fill in} the questions about the account.",
                ],
            ),
            Intent(
                asks=[
                    "I {signed in|logged in} on a {library|hotel|work} computer and forgot to sign out. {What should I do?|Is my account safe?}",
                    "{How do I|Can I} sign out {everywhere|of all devices} at once?",
                ],
                body="{You can|It's easy to} end every session {from|under} Settings > Security: Sign out everywhere {closes every session|ends all sessions} except the one you're using{, including that computer|}. {If you think someone used it|If anything looks odd}, {the sign-in history|recent activity} {on the same page|just below} {shows when and where each sign-in happened|lists the time and rough location of each sign-in}.",
                alt="{Sign out everywhere|The Sign out everywhere button} {under|in} Settings > Security {ends every session except yours|closes all other sessions}{, that computer included|}. {Just below it|On the same page}, {the sign-in history shows|recent sign-ins show} {when and roughly where each one happened|the time and rough location of each}, {in case|if} {you want to check|you'd like to check} nobody {used it|else got in}.",
                steps=[
                    "{Open|Go to} Settings > Security{ on your own device|}.",
                    "{Choose|Click} Sign out everywhere.",
                    "{Change|Update} your password too if {anything looks unfamiliar|you see sign-ins you don't recognise}.",
                ],
            ),
            Intent(
                asks=[
                    "{How do I|Can I} change the {email address|address} I sign in with?",
                    "{I'm changing jobs|I changed my name}. {How do I update|Can I change} my Nimbus sign-in {address|email}?",
                ],
                body="{You can change the sign-in address|Changing your sign-in address takes a minute} {under|from} Settings > Account{, and your files, plan and shares stay exactly as they are|}. {We send|Nimbus sends} a confirmation link to the new address, and {the old one|your old address} {gets|receives} a notice{ in case the change wasn't you|}.",
                alt="{Your sign-in address can be changed|You can change the address you sign in with} {in|from} Settings > Account{, and nothing else changes: files, plan and shares stay put|}. {A confirmation link goes to|We email a confirmation link to} the new address, {while|and} the old one {gets|receives} a heads-up{ in case it wasn't you|}.",
                steps=[
                    "{Open|Go to} Settings > Account > Sign-in address.",
                    "{Enter|Type} the new address and your password.",
                    "{Confirm|Click} the link {we send|that arrives} at the new address.",
                ],
            ),
            Intent(
                asks=[
                    "{I signed up with|My account uses} Apple's hide my email {address|option}. {How do I sign in on Windows?|What's my login?}",
                    "{Sign in with Apple|My Apple sign-in} {doesn't work|isn't offered} on my <computer>.",
                ],
                body="{Sign in with Apple works on the web and on Windows too|Sign in with Apple isn't limited to Apple devices}: choose Continue with Apple and {approve it|confirm} on {your iPhone|an Apple device} or with your Apple password. {If you'd rather|To} {avoid that step|sign in without Apple}, {set|add} a Nimbus password under Settings > Security{; the hidden relay address keeps working for messages|}.",
                alt="{Sign in with Apple isn't tied to Apple hardware|You can use Sign in with Apple on any device}: {pick|choose} Continue with Apple on the web or in Windows and {approve|confirm} {it|the sign-in} {on|from} your iPhone{ or with your Apple password|}. {Adding a Nimbus password|A Nimbus password} under Settings > Security {lets you skip that|gives you a way in without Apple}{, and messages to the relay address still reach you|}.",
            ),
        ],
    ),
    Topic(
        "two_step",
        acks=[
            "{Happy|Glad} to help with two-step verification.",
            "Good question{, two-step can be fiddly|}.",
            "Let's get this {sorted|set up properly}.",
        ],
        details=[
            "I'm travelling {until <date>|this week}.",
            "I use {an authenticator app|text message codes} at the moment.",
        ],
        intro=["{Here's how|How to do it}:"],
        intents=[
            Intent(
                asks=[
                    "I {lost|broke|replaced} my phone and can't get the two-step {code|verification code} anymore.",
                    "{New phone|I got a new <device>}, {and|but} my {codes are|authenticator is} on the old one.",
                ],
                body="{Recovery codes are made for this|This is exactly what recovery codes are for}: {each|every} account got ten single-use codes when two-step verification was set up, and {any|one} of them {gets you in|replaces a code} once. {After that|Once you're in}, {link|set up} the new <device>{ and print fresh codes|}.",
                alt="{That's what your ten recovery codes are for|Your recovery codes cover exactly this}: {each|every one} {works|can be used} once {in place of|instead of} a two-step code. {Use one to sign in|Sign in with one}, then {set up the new <device>|link the new phone} {and save a fresh set|and print new codes}{ straight away|}.",
                steps=[
                    "{Sign in|Log in} on the web and choose Use a recovery code.",
                    "{Enter|Type} one of your saved codes.",
                    "{Open|Go to} Settings > Security and {set up|link} the new phone.",
                ],
                follow=(
                    "I don't have {the|any} recovery codes {either|at all}.",
                    "Then the support team needs to confirm it's you. Choose I can't access my account on the Help page; they'll ask a few questions about the account and usually reply within a day.",
                ),
            ),
            Intent(
                asks=[
                    "How do I turn on two-step verification{ for my account|}?",
                    "{Should I|Is it worth it to} {turn on|use} two-step verification{ for Nimbus|}?",
                ],
                body="{It's the single best protection for your files|Yes, it's the best protection you can add}: {even with your password, nobody gets in|someone who has your password still can't get in} without the second step. {You can use|Options are} an authenticator app, a {security key|passkey}, or text messages{, and you can add more than one|}.",
                alt="{Turning it on|Two-step verification} {is the biggest single step|is the best thing you can do} for {account security|your account's safety}: {a stolen password alone|a password on its own} {won't get anyone in|is no longer enough}. {Choose between|You can pick} an authenticator app, a {passkey|security key} or text messages{, and adding two methods is even better|}.",
                steps=[
                    "Open Settings > Security > Two-step verification.",
                    "{Pick|Choose} a method and {follow|finish} the setup.",
                    "{Save|Print} the recovery codes{ it shows you|} before closing the page.",
                ],
            ),
            Intent(
                asks=[
                    "My authenticator {app stopped working|app keeps failing|codes stopped working|codes keep failing} after I {moved|switched} to a new <device>.",
                    "{The|My} {codes|authenticator codes} {are always|keep being} {rejected|wrong}.",
                ],
                body="{Codes are tied to|Authenticator entries belong to} the app {where you first scanned the code|on the device you set up}, so a {moved|restored} app {sometimes|often} {carries|brings over} {stale|old} entries. {Another common cause|The other usual suspect} is the phone's clock: codes {depend on|rely on} the exact time, and {a clock a minute off|a drifting clock} {breaks them|makes every code fail}.",
                alt="{After a move to a new phone|When an authenticator is moved or restored}, {entries can come across stale|old entries sometimes tag along}{, since each one belongs to the app where it was first scanned|}. {The phone's clock is the other usual culprit|Also check the phone's clock}: {codes are time-based|the codes depend on the time}, {so|and} {even a minute's drift|a clock that's a minute out} {makes them fail|breaks every code}.",
                steps=[
                    "{Set|Switch} the phone's date and time to automatic.",
                    "If codes still fail, {sign in|log in} with a recovery code.",
                    "{Remove|Delete} the old entry and {scan|add} a new one under Settings > Security.",
                ],
            ),
            Intent(
                asks=[
                    "Can I use a {security key|hardware key|passkey} instead of codes?",
                    "{Do you support|Does Nimbus work with} {YubiKey|security keys}?",
                ],
                body="{Yes|It does}: {keys|security keys} that support FIDO2 {or passkeys|and passkeys} work on the web and in the desktop app, and you can register up to five. {It's a good idea to|I'd recommend you} {add|register} two, so {losing one|one going missing} doesn't lock you out.",
                alt="{You can|Security keys work}: any key with FIDO2 or passkey support works on the web and {in|with} the desktop app, {with|and you can add} up to five {per account|registered}. {Register|Add} {at least two|a spare} {so a lost key|, so losing one} never locks you out.",
                steps=[
                    "{Open|Go to} Settings > Security > Two-step verification.",
                    "{Choose|Pick} Add security key and {touch|tap} the key when {asked|prompted}.",
                    "{Name|Label} it{ so you know which is which|}.",
                ],
            ),
            Intent(
                asks=[
                    "The {text|SMS} codes {take forever|arrive late|never come}{ when I travel|}. {Is there another option?|Can I switch?}",
                    "{Text message|SMS} codes don't {work|arrive} {abroad|in <city>}.",
                ],
                body="Text codes depend on your mobile carrier, {so|which means} {roaming|travelling} {often delays them|can hold them up for minutes}. An authenticator app works offline{ and doesn't need signal at all|}, and {switching takes|it takes} about a minute once you're signed in.",
                alt="{Text messages rely on|SMS codes depend on} your carrier, {and when you're roaming|and abroad} they {often arrive late|can be delayed by minutes}. {An authenticator app needs|Authenticator apps need} no signal at all, and {switching over|moving to one} {takes|is} about a minute {while|once} you're signed in.",
                steps=[
                    "{Install|Get} an authenticator app on your <device>.",
                    "{Open|Go to} Settings > Security and choose Switch to authenticator app.",
                    "{Scan|Read} the code{ shown on screen|} and {enter|type} the six digits it gives you.",
                ],
            ),
            Intent(
                asks=[
                    "{An employee|<person>} on our team lost their phone and is locked out. {How do I|Can I} reset their two-step?",
                    "{As an admin, can I|Can an admin} reset two-step verification for {someone else|another member}?",
                ],
                body="Admins on Team and Business plans can reset {another member's|a member's} two-step verification, {which makes|so} {that person|<person>} set it up again {at their next sign-in|the next time they sign in}. {It's worth confirming|Do confirm} the request {by phone or in person|through a channel you trust} first, {since|because} this is a {favourite trick of|common move by} attackers.",
                alt="{On Team and Business, an admin can|Team and Business admins can} reset {a member's|someone's} two-step verification{, and the person sets it up again when they next sign in|}. {Just|But} {check the request is genuine|confirm it's really them} {first|beforehand}{, by phone or in person|}: pretending to be a locked-out colleague is a {common|favourite} trick.",
                steps=[
                    "{Open|Go to} the Admin console > Members and {select|find} <person>.",
                    "{Choose|Pick} Reset two-step verification{ and confirm|}.",
                    "Ask <person> to sign in and set it up {fresh|from scratch}.",
                ],
            ),
            Intent(
                asks=[
                    "Why does Nimbus ask for a code {every time|each time} I sign in{ on <browser>|}?",
                    "{Can I stop|How do I stop} {the code prompt|being asked for a code} on my own {laptop|computer}?",
                ],
                body="Ticking Trust this browser {when you enter a code|at the code prompt} {skips|means you skip} the code on that browser for 30 days. {If you're asked anyway|If it keeps asking}, <browser> is {probably|likely} clearing cookies on exit or running in private mode, so Nimbus can't remember {it|the device}.",
                alt="{At the code prompt|When you enter a code}, {tick|choose} Trust this browser and {it won't ask again|you won't be asked} {there|on that browser} for 30 days. {If it still asks every time, it's likely that|Being asked every time usually means} <browser> {wipes|clears} cookies {when it closes|on exit} or {runs|is running} in private mode{, so it can't remember you|}.",
            ),
            Intent(
                asks=[
                    "I've used {most|all} of my recovery codes. {Can I get new ones?|How do I make more?}",
                    "{Where do I find|How do I get} my {backup|recovery} codes{ for Nimbus|}?",
                ],
                body="{You can make a fresh set|A new set of ten codes can be created} {at any time|whenever you like} {under|in} Settings > Security, and {doing so|making new ones} {cancels|invalidates} {every|all the} old {code|codes}{, used or not|}. {Keep|Store} them {away from the phone|somewhere other than your phone}{, such as a password manager or a printout at home|}.",
                alt="{Generating|Creating} {a new set|ten new codes} {takes|is} {seconds|a moment} {in|under} Settings > Security, and {it cancels|that cancels} {every old code|the old set}{, used or not|}. {Store|Keep} {them|the new ones} {somewhere other than the phone|off the phone}{, like a password manager or a printed copy|}.",
                steps=[
                    "{Open|Go to} Settings > Security > Recovery codes.",
                    "{Choose|Click} Generate new codes{ and confirm|}.",
                    "{Download|Print} them before closing the page.",
                ],
            ),
            Intent(
                asks=[
                    "{Can I|How do I} use a passkey {on my <device>|on my phone} {to sign in|for Nimbus}?",
                    "{Does Nimbus support|Do you have} passkeys{ yet|}?",
                ],
                body="{Passkeys are supported|Yes, passkeys work} on the web, {the desktop app|desktop} and {both mobile apps|iOS and Android}, and {one counts as both your password and your second step|a passkey replaces both the password and the code}. {They're synced|Passkeys sync} {through|via} iCloud Keychain or Google Password Manager, so {a new phone|replacing your <device>} {doesn't lose them|keeps them}.",
                alt="{Passkeys work everywhere|You can use passkeys} on Nimbus: the web, {the desktop app|desktop} and {the iPhone and Android apps|both phone apps}. {A passkey stands in for|One passkey replaces} {both your password and the code|the password and the second step together}, and {it syncs|they sync} {with|through} iCloud Keychain or Google Password Manager{, so a new <device> has it already|}.",
                steps=[
                    "{Open|Go to} Settings > Security > Passkeys.",
                    "{Choose|Tap} Add a passkey and {confirm|approve} with your face, fingerprint or PIN.",
                    "{Sign out and back in|Try signing in} once to {check|test} it.",
                ],
            ),
            Intent(
                asks=[
                    "{I'm|I am} getting a new <device> {next week|on <date>}. {How do I move|What do I do about} my two-step {codes|setup}?",
                    "{What's the safest way to|How do I} switch phones without {losing|getting locked out of} two-step?",
                ],
                body="{The safest order is|Do it in this order}: {add|set up} the new phone {while the old one still works|before wiping the old one}, {then|and only then} {remove|retire} the old one. {That way|Like that} {there's never a moment without|you always have} a working second step.",
                alt="{Add|Set up} the new phone {first|before anything else}, {while the old one still works|while you still have the old one}, and {only then|after that} {remove|take off} the old one. {Doing it in that order|That order} {means|makes sure} you always have a working second step.",
                steps=[
                    "{Open|Go to} Settings > Security > Two-step verification{ on the web|}.",
                    "{Choose|Pick} Add another device and {scan|set up} the new phone.",
                    "{Remove|Delete} the old phone {once the new one works|after testing a code from the new one}.",
                ],
            ),
            Intent(
                asks=[
                    "{Can I|How do I} {set up|turn on} two-step {for|on} my {kids'|children's} accounts on our Family plan?",
                    "{Does|Can} two-step work for family members {without phones|who don't have a phone}?",
                ],
                body="{Each family member|Every member} {sets up|manages} two-step {on their own account|themselves}{, since it's tied to their own sign-in|}. {For a child without a phone|For someone with no phone of their own}, a {security key|hardware key} {works well|is a good fit}{ and can live on their keyring|}, and {the organiser|you as the organiser} can {see who has it on|check who's protected} {under|in} Settings > Family.",
                alt="{Two-step is set up per account|Each member turns on two-step for their own account}{, so every family member does their own|}. {Someone without a phone|A child with no phone} {can use|does well with} a {security key|hardware key}{ on a keyring|}, and {you can check|as organiser you can see} who {has it on|is protected} {in|under} Settings > Family.",
            ),
            Intent(
                asks=[
                    "My {backup tool|NAS} {can't connect|won't sign in} to Nimbus since I turned on two-step.",
                    "{How do I|Can I} connect {a third-party app|my backup software} {when|if} two-step is on?",
                ],
                body="Tools that {can't show|don't support} a code prompt {need|use} an app password instead of your normal one{, which gets around two-step safely|}. {Each|An} app password {works|is valid} only for {the app|the tool} you create it for{ and can be revoked on its own|}{, so your main password never leaves your hands|}.",
                alt="{If a tool can't show|When an app can't display} a code prompt, {give it|create} an app password {instead of|rather than using} your {real|main} one. {It only works|Each one works only} for {that tool|the app it was made for}{ and can be revoked on its own|}{, and your main password stays private|}.",
                steps=[
                    "{Open|Go to} Settings > Security > App passwords.",
                    "{Choose|Click} Create{, give it a name|} and copy the password shown.",
                    "{Paste|Enter} it into {the tool|your NAS} instead of your {normal|usual} password.",
                ],
            ),
        ],
    ),
    Topic(
        "shipping",
        acks=[
            "{Thanks for|Appreciate} the {details|question}.",
            "Happy to help with your Home Hub{ order|}.",
            "Let's {get this sorted|take a look}.",
        ],
        details=[
            "It's a gift for <person>.",
            "{It's|This is} my first order with you.",
        ],
        intro=["{Here's what to do|What I'd do}:", "{Next steps|Steps}:"],
        intents=[
            Intent(
                asks=[
                    "Where is my Nimbus Home Hub? Order <order> {was supposed to arrive|should have arrived} {by <date>|last <weekday>}.",
                    "{My|The} tracking for order <order> hasn't {updated|moved} {since <date>|in <days> days}.",
                ],
                body="Home Hubs ship within two business days, and <carrier> usually delivers {in|within} <days> business days after that. Tracking {often pauses|can stall} while a parcel {crosses a border|waits at a depot}, then {jumps ahead|catches up} all at once{, so a quiet page isn't always a bad sign|}.",
                alt="{Home Hubs leave our warehouse|We ship Home Hubs} within two business days, {after which|and then} <carrier> {needs|takes} about <days> business days. {A tracking page that stops updating|Tracking that goes quiet} {is common|is normal} {at borders and depots|while a parcel waits at a depot or customs}{; it often updates all at once later|, and it usually catches up in one go|}.",
                steps=[
                    "{Open|Check} Settings > Orders and {select|pick} <order>.",
                    "{Use|Follow} the tracking link there{; it's more current than the email|}.",
                    "If it hasn't moved by <date2>, choose Report a delivery problem on the same page.",
                ],
                follow=(
                    "{How long|And how long} until you send a {new one|replacement}?",
                    "As soon as the carrier confirms it's lost, usually within two business days. We ship the replacement by express at no cost, and you'll get new tracking straight away.",
                ),
            ),
            Intent(
                asks=[
                    "Do you ship the Home Hub to <city>{ and how much is it|}?",
                    "How long does shipping {take|usually take} to <city>?",
                ],
                body="{We do|Yes}: shipping to <city> {is free|costs nothing} on orders over $99 and {takes|usually takes} <days> business days with <carrier>. {Prices|The price at checkout} {include|includes} {duties|import fees} for the EU, UK, US, Canada and Australia, so {nothing extra is due|there's nothing to pay} {on delivery|at the door}.",
                alt="{Yes|We do ship to <city>}: {orders over $99 ship free|shipping is free over $99}, and <carrier> {takes|needs} {around|about} <days> business days{ to <city>|}. {For the EU, UK, US, Canada and Australia|In our main countries}, the checkout price {already includes duties|covers import fees}{, so nothing is due at the door|}.",
            ),
            Intent(
                asks=[
                    "{The|My} Home Hub arrived {damaged|with a cracked case|and won't power on}. {Now what?|What should I do?}",
                    "{Box|The box} {was crushed|arrived crushed} and the Hub {rattles|won't start}{, order <order>|}.",
                ],
                body="{That's not how it should arrive|I'm sorry it arrived like that}. Damaged hardware is replaced free of charge, and you {keep|hold on to} the broken unit until the new one {arrives|is in your hands}, {so|which means} you're never without {one|a device} {longer than needed|for long}.",
                alt="{I'm sorry it turned up damaged|Sorry about the state it arrived in}. {We replace damaged hardware|Damaged units are replaced} {at no cost|free}, and you {can keep|keep} {using|} the {broken|old} one until {the replacement|the new one} {arrives|is with you}{, so there's no gap|}.",
                steps=[
                    "{Take|Snap} a {photo|couple of photos} of the box and the {damage|device}.",
                    "{Open|Go to} Settings > Orders > <order> and choose Request a replacement.",
                    "{Upload|Attach} the photos; a {new|replacement} unit ships within two business days.",
                ],
            ),
            Intent(
                asks=[
                    "Can I change the delivery address on order <order>{ before it ships|}?",
                    "{I've moved|I entered the wrong address}. Can you {redirect|update} order <order>?",
                ],
                body="{You can edit an order|An order can be changed} until it's packed, {which is usually|usually} within a few hours of ordering. {After that|Once it's with <carrier>}, {the carrier has to redirect it|only <carrier> can redirect it}, which {we can request for you|we'll ask for on your behalf} if you reply with the new address.",
                alt="{You can change the address|The address can be changed} {yourself|from your account} {until the order is packed|while the order is still being prepared}, {usually within a few hours|which is usually a few hours}. {Once <carrier> has it|After it ships}, {only they can redirect it|a redirect has to go through <carrier>}, and {we're happy to|we can} {ask them|request it} {for you|on your behalf}{ if you send the new address|}.",
                steps=[
                    "Go to Settings > Orders and {pick|open} <order>.",
                    "{Choose|Select} Edit delivery details{ while it says Processing|}.",
                    "{Save|Confirm} the new address and check the confirmation.",
                ],
            ),
            Intent(
                asks=[
                    "{I ordered|We ordered} two Home Hubs {on <date>|last week} but only one {came|arrived}.",
                    "{Only|Just} {one box|half my order} {arrived|turned up}{ for order <order>|}.",
                ],
                body="{Multi-item orders|Orders with more than one device} {sometimes|often} ship as separate parcels{ with their own tracking numbers|}, {so|and} the second box {may be|can be} a day or two behind. {Both tracking links are|Each parcel's tracking is} listed under Settings > Orders > <order>.",
                alt="{Orders with two devices|Multi-device orders} {can ship|sometimes ship} in separate boxes, {each with its own tracking|with separate tracking}, {so|and} {the other one|the second parcel} {is probably|may just be} {a day or two behind|running a little behind}. {Settings > Orders > <order>|The order page} {lists|shows} {both tracking links|tracking for each box}.",
                after="If the second one hasn't moved in three business days, {reply here|let me know} and {we'll|I'll} {open a trace|chase <carrier>}.",
            ),
            Intent(
                asks=[
                    "{The courier|<carrier>} says {delivered|it was delivered} but {nothing is here|there's no parcel}. Order <order>.",
                    "{Tracking|<carrier>} {shows|says} delivered {on <date>|yesterday} {and|but} I never got it.",
                ],
                body="A parcel marked delivered but missing is {often|usually} {with a neighbour|in a safe place}, or was scanned {early|before the van reached you}. <carrier> {opens|can open} a trace {48 hours|two days} after the delivered scan, and {we do that for you|we'll start it on your behalf}{ so you don't have to call them|}.",
                alt="{Missing parcels marked delivered|Parcels shown as delivered but not found} {usually turn up|often turn up} {next door|with a neighbour} or {in a safe spot|tucked somewhere safe}, or {the scan happened early|were scanned too early}. {Two days|48 hours} after the {delivered|delivery} scan <carrier> {can open|opens} a trace, and {we'll handle that|we do that} {for you|on your behalf}.",
                steps=[
                    "{Ask|Check with} your neighbours and look around {porches|entrances} and bins.",
                    "{Wait|Give it} {48 hours|two days}, {as|since} late scans {happen|are common}.",
                    "{Then|After that} choose Report a delivery problem on the order page.",
                ],
                follow=(
                    "{Can I just cancel?|Can I get a refund instead?}",
                    "Yes. Choose Cancel and refund on the order page instead of a replacement, and the refund goes back to your card within 5 to 10 business days once the carrier closes the trace.",
                ),
            ),
            Intent(
                asks=[
                    "Do I have to pay import {fees|duties} on the Home Hub{ in <city>|}?",
                    "{Will|Could} customs charge me {extra|anything} for the Home Hub?",
                ],
                body="{For the EU, UK, US, Canada and Australia|In our main shipping countries}, duties and taxes are {included in|already part of} the checkout price, {so|and} <carrier> {shouldn't|won't} ask for anything {on delivery|at the door}. {Elsewhere|For other countries}, local fees {may|can} apply and {are shown|show} as an estimate {before you pay|at checkout}.",
                alt="{The checkout price|What you pay at checkout} {already includes|covers} duties and taxes {for|in} the EU, UK, US, Canada and Australia, {so|and} <carrier> {shouldn't|won't} ask {you|} for {more|anything extra}. {Other countries|Elsewhere}{ may have local fees, shown as an estimate before you pay|, local fees can apply and are estimated at checkout|}.",
                after="If <carrier> asks you for {a fee|duties} anyway, {don't pay|decline} {and reply here|and tell us}; we'll sort it out with them.",
            ),
            Intent(
                asks=[
                    "{I never got|There's no} order confirmation for my Home Hub{ order on <date>|}.",
                    "{Did my order go through?|Not sure my order went through.} {I was charged|The card shows <amount>} but {got no email|there's no confirmation}.",
                ],
                body="{Every order appears|All orders show up} under Settings > Orders {within a minute|straight away}, even if the confirmation message is {delayed|stuck in a filter}. {If <order> is listed there|If you see the order there}, {it went through|it's placed} and {nothing else is needed|you don't need to do anything}{; if not, the charge is only a hold and drops off within a few days|}.",
                alt="{Check|Look at} Settings > Orders: {every order shows up|orders appear} there {within a minute|almost instantly}, {whether or not|even if} the {confirmation|email} {arrived|turned up}. {If you see <order>, you're all set|If it's listed, it went through}{; if it's not there, the charge is just a hold that drops off|}.",
            ),
            Intent(
                asks=[
                    "{How do I|Can I} return the Home Hub{? I don't need it.| within 30 days?}",
                    "The Home Hub {isn't for me|doesn't suit us}{, order <order>|}. {How do I send it back?|What's the return process?}",
                ],
                body="{You have|There are} 30 days from delivery to return {it|a Home Hub} for a full refund, and {return shipping is free|we cover the return shipping}. {Wipe it first|Reset it before packing} so {your backups don't travel with it|nothing of yours is on it}{; the original box is nice but not required|}.",
                alt="{Returns are free|Returning it is free} within 30 days of delivery, {with a full refund|and you get a full refund}. {Reset the Hub before you pack it|Wipe the Hub first} {so none of your backups go with it|so nothing of yours is on it}{; you don't need the original box|}.",
                steps=[
                    "{Reset|Wipe} the Hub from the app under Devices > Home Hub > Reset.",
                    "{Open|Go to} Settings > Orders > <order> and choose Return.",
                    "{Print|Download} the label and drop the parcel off with <carrier>.",
                ],
            ),
            Intent(
                asks=[
                    "I {ordered|wanted} the {white|grey} Home Hub but {got|received} the {black|other} one.",
                    "{Wrong item|The wrong model} {in|arrived in} my box{ for order <order>|}.",
                ],
                body="{Sorry for the mix-up|Sorry we sent the wrong one}. A replacement in the {colour|model} you ordered {ships|goes out} {straight away|within a day}, and {the wrong one goes back|you return the other} {with a prepaid label|using a free label} {whenever it suits you|within 30 days}.",
                alt="{Apologies for sending the wrong one|Sorry about the mix-up}. {The correct|The right} {model|colour} {goes out|ships} {within a day|straight away}, and {the other unit goes back|you send the other one back} with {a prepaid|a free} label {within 30 days|whenever suits you}.",
                steps=[
                    "{Open|Go to} Settings > Orders > <order>.",
                    "{Choose|Select} Wrong item received and {confirm|pick} what you ordered.",
                    "{Use|Print} the prepaid label {for|to send back} the other unit.",
                ],
            ),
            Intent(
                asks=[
                    "Can you deliver {the Home Hub|my order} to a {parcel locker|PO box|pickup point}{ in <city>|}?",
                    "{I'm never home|Nobody's home during the day}. {Delivery options?|Can it go to a pickup point?}",
                ],
                body="{Pickup points and lockers|Parcel lockers and pickup points} are {offered|available} at checkout in most countries {with|through} <carrier>, {but|though} PO boxes {aren't supported|can't be used} because {the parcel needs a signature|a signature is needed}. {For an order already placed|If you've already ordered}, <carrier>'s tracking page {usually|often} lets you {switch|redirect it} to a pickup point.",
                alt="{At checkout you can pick|Checkout offers} {a parcel locker or pickup point|pickup points and lockers} {in most countries|almost everywhere} <carrier> {delivers|covers}. {PO boxes won't work|We can't use PO boxes}{, since the parcel needs a signature|}. {For this order|If it's already ordered}, <carrier>'s tracking page {can usually|often lets you} {move it|redirect it} to a pickup point.",
            ),
            Intent(
                asks=[
                    "{My order|Order} <order> has said processing for <days> days. {Is something wrong?|Why hasn't it shipped?}",
                    "{Why hasn't my Home Hub|How come my Home Hub hasn't} {shipped|left the warehouse} yet?",
                ],
                body="An order stuck in processing {usually|often} needs a quick payment check{, which happens with some cards and new accounts|}. {We'd have sent|There should be} a message asking you to {confirm|verify} the payment{; if you can't find it|, and if it's missing}, {confirming|verifying} {from|under} Settings > Orders > <order> {releases|frees} it {the same day|straight away}.",
                alt="{Some orders wait|A few orders are held} for a {quick|short} payment check{, mostly with new accounts or certain cards|}, which is {likely|probably} what's {holding up|happening with} <order>. {Look for|Check for} {our message|a message from us} asking {to verify|you to confirm} the payment, or {verify it|confirm it} {directly|yourself} {under|in} Settings > Orders > <order>{; it ships the same day|}.",
            ),
        ],
    ),
    Topic(
        "deletion",
        acks=[
            "{Understood|Of course}, here's how it works so there are no surprises.",
            "Good that you asked first.",
            "{Happy|Glad} to walk you through this.",
        ],
        details=[],
        intro=["{Here's how|To delete it}:"],
        intents=[
            Intent(
                asks=[
                    "How do I {permanently|completely} delete my Nimbus Drive account?",
                    "{I want to delete my account and all my data|I'd like my account and all my data deleted}. {What's the process?|How?}",
                ],
                body="Deleting your account {removes|erases} every file, shared link and device backup after a 30-day {grace period|waiting period}, during which you can still {change your mind|cancel}. {An active subscription is cancelled automatically|Any paid plan is cancelled at the same time}{, and the unused part of a yearly plan is refunded|}.",
                alt="{Once you request deletion|When you delete your account}, {there's|you have} a 30-day {window|period} to {change your mind|cancel it}; {after that|then} {every file, link and backup|all files, shared links and device backups} {is removed|are erased}. {Paid plans are cancelled|Your subscription is cancelled} {automatically|at the same time}{, with unused yearly time refunded|}.",
                steps=[
                    "{Sign in|Log in} on the web and {open|go to} Settings > Account.",
                    "{Scroll|Go} to the bottom and {choose|click} Delete account.",
                    "{Confirm|Re-enter} your password and {accept|tick} the summary of what will be removed.",
                ],
                follow=(
                    "Do I get an email {when it's final|confirming it}?",
                    "Yes, one when you request deletion and one when it becomes final after 30 days. After the second message there's nothing left to restore.",
                ),
            ),
            Intent(
                asks=[
                    "If I delete my account, {what happens to|do you keep} my files?",
                    "Do you {keep|hold on to} any of my data after I delete my account?",
                ],
                body="{After the 30-day grace period|Once the grace period ends}, files are erased from active storage {immediately|straight away} and from {encrypted|our encrypted} backups within 60 days. {The only thing we keep is|What we do keep is} billing records, {for seven years|which tax law makes us hold for seven years}, and nothing from your files or folders.",
                alt="{When the 30 days are up|At the end of the 30 days}, {your files are removed|we erase your files} from {live|active} storage {at once|straight away}, and from {our|} encrypted backups within 60 days. {Only billing records are kept|We keep only billing records}{, for seven years, as tax law requires|, which the law makes us keep for seven years}{; nothing from your files or folders|}.",
            ),
            Intent(
                asks=[
                    "Can I {undo|reverse} deleting my account? I {did it|deleted it} on <date> {by mistake|and regret it}.",
                    "{I deleted my account|My account was deleted} {last week|on <date>}{ by accident|}. {Is it gone?|Can I get it back?}",
                ],
                body="{If it's within|Within} 30 days of <date>, {yes|it can be restored}: restoring {brings back|returns} everything exactly as it was, {including shared links and folders|shares and links included}. {After the 30 days|Past that point} {there's nothing left to restore|the data is gone for good}, {so it's worth doing today|so don't wait}.",
                alt="{You're in luck if it's been under 30 days|Within 30 days it can still be undone}: {restoring|a restore} {puts everything back|brings back every file} {as it was|exactly as before}{, shares and links included|}. {After that the data is permanently gone|Past 30 days nothing can be recovered}, {so|which is why} {it's best not to wait|it's worth doing it today}.",
                steps=[
                    "Sign in {with the same details|as usual} on the web.",
                    "{Choose|Click} Restore my account on the banner{ at the top|}.",
                    "{Give it|Allow} a few minutes for files and shares to {come back|reappear}.",
                ],
            ),
            Intent(
                asks=[
                    "I can't find the delete account button{ in the app| on my <device>|}.",
                    "{Where is|Where's} {the option to delete|delete account} in the {mobile app|app}?",
                ],
                body="{It's only on the web|Deletion is web-only}, {not in the mobile apps|not in the apps}{, so that nobody removes an account by accident from a phone|, on purpose}. {The option sits|It's} at the bottom of Settings > Account{ after you sign in at the website|}, and it {asks|will ask} for your password {once more|again} before {anything happens|doing anything}.",
                alt="{The apps don't have it on purpose|There's deliberately no delete option in the apps}{: a phone is too easy to tap by accident|}. {Sign in on the website|On the website, sign in} and {you'll find it|it's} at the bottom of Settings > Account{, where it asks for your password once more before anything happens|}.",
            ),
            Intent(
                asks=[
                    "{How do I delete|Can you delete} {my late father's|my late mother's|a deceased relative's} account?",
                    "{My|Our} {grandmother|grandfather|uncle} passed away. {How can we get|Can we have} the photos {in|from} their Nimbus account?",
                ],
                body="I'm {so|very} sorry for your loss. The support team can {close the account|delete it} or give {a family member|next of kin} a copy of the files, {once they've seen|after they check} {the documents|a death certificate and proof that you're the executor or next of kin}. {Nothing is deleted|The account is frozen, not deleted,} while the request is {open|reviewed}.",
                alt="{Please accept our condolences|I'm so sorry}. {Our support team can|The support team will} either {close|delete} the account or {pass|hand} a copy of the files to {the next of kin|a family member}, {after seeing|once they've checked} {a death certificate and proof you're the executor or next of kin|the paperwork}. {The account is frozen, not deleted,|Nothing is removed} while {they review it|the request is open}.",
                steps=[
                    "{Open|Use} the Help page and choose Bereavement request.",
                    "{Attach|Upload} the documents{ the form asks for|}.",
                    "{Choose|Say} whether you want the account closed or the files {handed over|sent to you}.",
                ],
            ),
            Intent(
                asks=[
                    "I {have|still have} a <plan> subscription. {Do I|Should I} cancel it before deleting the account?",
                    "{Will|Does} deleting my account {stop|cancel} the <plan> payments?",
                ],
                body="{No need to cancel first|You don't have to cancel separately}: deleting the account cancels <plan> {at the same time|automatically}, and {the unused part of a yearly plan|any unused yearly time} is refunded. {If you only want to stop paying|If it's just about the cost}, {moving|dropping} to the free plan keeps your first 5 GB without deleting anything.",
                alt="{Deleting the account cancels <plan> for you|There's no need to cancel first: deleting the account cancels <plan> too}{, and any unused yearly time is refunded|}. {If money is the main reason|If you only want to stop paying}, {the free plan|switching to free} {keeps|lets you keep} {the first 5 GB|5 GB} {without deleting anything|with nothing deleted}.",
            ),
            Intent(
                asks=[
                    "I own our <team_plan> account. Can I delete {my|my own} account?",
                    "{How do I|Can I} close {my|the} Nimbus account {when|if} I'm the team owner?",
                ],
                body="Team owners {must|need to} {transfer ownership|hand the team to another admin} or close the team before deleting their own account. {That protects|This protects} {the team's files|everyone else's files}, {which would otherwise|since they'd otherwise} go with {them|the owner}.",
                alt="{As the owner|Because you own the team}, {you need to|you'll have to} {pass ownership to another admin|transfer the team to another admin} or close the team {first|before deleting your account}. {Otherwise|If you didn't}, {the team's files|everyone's shared files} {would be deleted|would go} {with your account|along with you}{, which this step prevents|}.",
                steps=[
                    "{Make|Give} another member the admin role{ if nobody has it|}.",
                    "{Open|Go to} Admin console > Settings > Ownership and transfer it.",
                    "Then delete your account from Settings > Account{ as usual|}.",
                ],
            ),
            Intent(
                asks=[
                    "{Can I|How do I} delete all my files {but|and} keep the account?",
                    "{I want a fresh start|I'd like to start over}. {How do I wipe everything|Can I remove all files at once}?",
                ],
                body="Selecting everything in All files and choosing Delete moves everything to the Trash, {and|then} Empty Trash {removes it for good|makes it permanent}. {The account, plan and settings stay|Your account and plan remain}{, so you can start uploading again right away|}{; shared folders you own stop being shared as well|}.",
                alt="{Select everything|Choose Select all} in All files, {delete it|press Delete}, and then {empty the Trash|use Empty Trash} {to make it final|so it's permanent}. {Your account stays|The account itself stays}{, along with your plan and settings|}{, so you can start again straight away|}{; shared folders you own are unshared too|}.",
                steps=[
                    "{Open|Go to} All files {on the web|in the web app}.",
                    "{Press|Use} Select all, then {choose|click} Delete.",
                    "{Open|Go to} the Trash and {choose|click} Empty Trash.",
                ],
            ),
            Intent(
                asks=[
                    "{How do I remove|Can I delete} my {son's|daughter's|kid's} account from our Family plan?",
                    "{Removing|How do I remove} a member from {my|our} Family plan{ without deleting their files|}?",
                ],
                body="{Removing someone from the Family plan|Taking a member off the family} doesn't delete their account: {they keep|it keeps} their files on a free plan{, with 5 GB|}. {If they're over that|Over 5 GB}, {files stay readable|everything stays readable} but uploads pause; deleting the account {itself|completely} is something {they do|the member does} {from|in} their own settings.",
                alt="{Taking someone off the Family plan|Removing a member} {doesn't delete their account|leaves their account intact}: {they move|it moves} to a free plan {with their files|and keeps their files}. {Over 5 GB|If they're over 5 GB}, {uploads pause but nothing is lost|they can still read everything but not upload}{; only they can delete the account itself, from their own settings|}.",
                steps=[
                    "{Open|Go to} Settings > Family.",
                    "{Choose|Click} the member and {pick|select} Remove from family.",
                ],
            ),
            Intent(
                asks=[
                    "I {have|found} an old Nimbus account I can't sign into{ anymore|}. {Can you delete it?|How do I close it?}",
                    "Can you close an old account {under|on} an address I {no longer use|lost}?",
                ],
                body="{To protect the owner|Because anyone could ask}, the support team needs to confirm it's your account before {closing|deleting} it. {They'll ask about|Expect questions about} {the plan, rough sign-up date and folder names|when you joined and what's stored}{, and it takes a day or two|}.",
                alt="{We can close it|It can be closed}, but {first|only after} {the support team confirms|our team checks} it's really yours{, to protect whoever owns it|}. {Expect|You'll get} a few questions {about the plan, when you joined and some folder names|about the account}{; it usually takes a day or two|}.",
                steps=[
                    "{Open|Use} the Help page and choose Close an account I can't access.",
                    "{Give|Enter} the old address and {your current one|an address we can reply to}.",
                    "{Answer|Fill in} the questions about the account.",
                ],
            ),
            Intent(
                asks=[
                    "{How do I remove|Can I remove} an old {phone|laptop} from my account?",
                    "{There's a|I see a} device {I don't own|I sold} {listed|still listed} under my account.",
                ],
                body="Removing a device {ends its session|signs it out} and stops it {syncing|from syncing}{, and its backup is kept until you delete it|}. {For a device you don't recognise|If you don't recognise it}, {also change your password|change your password as well}{ and check Settings > Security for recent sign-ins|}.",
                alt="{Removing it from your devices list|Taking a device off your account} {signs it out|ends its session} and {stops its sync|it stops syncing}{; its backup stays until you delete it|}. {If you don't recognise the device|For a device that isn't yours}, {change your password too|also change your password}{ and look through recent sign-ins|}.",
                steps=[
                    "{Open|Go to} Settings > Devices.",
                    "{Choose|Click} the device and {pick|select} Remove.",
                ],
            ),
            Intent(
                asks=[
                    "{Can I|How do I} delete the backup {of|from} my {old <device>|previous phone}?",
                    "{Old|Old phone} backups {are taking|take up} {space|<used>}. {Can I remove them?|How do I delete them?}",
                ],
                body="{Device backups are listed|Backups are listed per device} under Settings > Storage > Backups, {with their size and last date|showing the size and date of each}. {Deleting one|Removing a backup} {frees|gives back} {the space|that space} {once|after} the Trash is emptied, and {it doesn't touch|doesn't affect} {photos in camera uploads|your camera uploads folder}.",
                alt="{Settings > Storage > Backups|The Backups page under Storage} {lists|shows} {each device's backup|every device backup} {with its size and date|and how big it is}. {Delete the old one and empty the Trash to get the space back|Deleting the one you don't need and then emptying the Trash frees the space}{; camera uploads aren't affected|, and your camera uploads stay as they are|}.",
                steps=[
                    "{Open|Go to} Settings > Storage > Backups.",
                    "{Choose|Pick} the old device and {click|select} Delete backup.",
                    "{Empty|Clear} the Trash to {free|get back} the space.",
                ],
            ),
        ],
    ),
    Topic(
        "plans",
        acks=[
            "{Happy|Glad} to help you pick{ the right plan|}.",
            "Thanks for asking.",
            "{Sure|Of course}, here's how it works.",
        ],
        details=[
            "Right now I use about <used>.",
            "It's mostly photos and {video|documents}.",
        ],
        intro=["{To change plans|To switch}:", "{Here's how|How to do it}:"],
        intents=[
            Intent(
                asks=[
                    "What's the difference between <plan> and <other_plan>?",
                    "{<plan> or <other_plan>|Should I get <plan> or <other_plan>}? {Which is better for me?|Not sure which to pick.}",
                ],
                body="<plan> {gives you|comes with} <plan_size> for <price> a month, while <other_plan> {gives|has} <other_size> for <other_price>. {Both include|Either way you get} version history, shared links and {the|our} desktop and mobile apps, {so the choice|so it} {comes down to|is mostly about} {space|how much you store}{ and how many people share it|}.",
                alt="{For <price> a month|At <price> monthly}, <plan> {includes|gives} <plan_size>; <other_plan> {is|costs} <other_price> {for|with} <other_size>. {Apart from space|Beyond storage}, {they're the same|both have the same features}: version history, shared links and {every app|all the apps}{, so pick by how much you store|}.",
                follow=(
                    "Can I {move|switch} back {later|if I change my mind}?",
                    "Yes, any time. Moving up is instant; moving down takes effect at the end of the current cycle so you keep what you've paid for.",
                ),
            ),
            Intent(
                asks=[
                    "{I'm|We're} {running out of|almost out of} space on <plan>. Should I upgrade to <other_plan>?",
                    "{How do I|Can I} upgrade {to <other_plan>|my plan} {right now|today}?",
                ],
                body="Upgrades {happen|apply} {straight away|immediately}, and you only pay the prorated difference for the rest of the cycle{, not a full extra month|}. {At <used> used|With <used> in use}, <other_plan> {would give|gives} you <other_size>{, plenty of room to grow|}.",
                alt="{An upgrade applies|Upgrading takes effect} {instantly|right away}, and {you're only charged|you only pay} {the difference for the days left|a prorated amount for the rest of the cycle}. {With <used> already used|Given you're at <used>}, <other_plan>'s <other_size> {leaves|gives you} {plenty of room|lots of headroom}.",
                steps=[
                    "Open Settings > Billing > Plan{ on the web|}.",
                    "{Choose|Select} <other_plan> and {check|review} the prorated price.",
                    "{Confirm|Accept}; the new space {shows up|is there} within a minute.",
                ],
            ),
            Intent(
                asks=[
                    "How do I downgrade from <plan> to <other_plan>{ without losing files|}?",
                    "What happens if I {downgrade|move down} and I'm over the {limit|storage limit}?",
                ],
                body="{Downgrades take effect|A downgrade starts} at the end of the current cycle{, so you keep what you've paid for|}. If you're over <other_size> {by then|at that point}, nothing is deleted: files stay readable, but uploads {pause|wait} until you're under the limit again.",
                alt="{A downgrade applies|Moving down takes effect} {when your current cycle ends|at the end of this cycle}{, so you use what you've paid for|}. Being over <other_size> {at that point|then} {doesn't delete anything|won't delete anything}: {everything stays readable|files stay readable} and {only uploads pause|uploads just pause} until you're under.",
                steps=[
                    "{Check|See} how much you use under Settings > Storage.",
                    "{Clear|Empty} the Trash and {remove|delete} big files you don't need.",
                    "{Switch|Move} to <other_plan> under Settings > Billing > Plan.",
                ],
            ),
            Intent(
                asks=[
                    "Is there a student discount{ on <plan>|}?",
                    "{Do you do|Any} discounts for {students|university students}?",
                ],
                body="{There is|Yes}: students get 40% off Personal and Plus {for up to four years|for as long as four years} once they verify with a school address. The {discount|40%} {applies|is applied} to every renewal{ until you graduate|}, and {you can|it's possible to} {add|apply} it to {an existing|a current} plan{ without starting over|}.",
                alt="{With a school address|Once you verify with a school address}, {students pay 40% less|you get 40% off} on Personal or Plus{, for up to four years|}. {It applies|The discount applies} {at every renewal|to each renewal}{ while you're eligible|}, and {works on|can be added to} {a plan you already have|an existing plan}.",
                steps=[
                    "{Go to|Open} the student page {from|in} Settings > Billing.",
                    "{Verify|Confirm} with your school address.",
                    "{Pick|Choose} Personal or Plus{ and confirm|}.",
                ],
            ),
            Intent(
                asks=[
                    "How many people can share the Family plan{ and do they see my files|}?",
                    "{Can|Could} my {partner|parents|kids} {use|join} my Family plan?",
                ],
                body="The Family plan {shares|pools} 5 TB between up to six people, and {each member has|everyone gets} a private space {that nobody else can see|the others can't open}. {Only things you choose to share are|Only what you put in a shared family folder is} visible to the others{, and members keep their files if they leave later|}.",
                alt="{Up to six people|Six people in total} {can share|share} {the Family plan's|a Family plan's} 5 TB, {each with|and everyone has} {a private area|their own private space} {the others can't see|that stays private}. {Only|Just} {what goes in a shared family folder|what you decide to share} {is visible|is seen} by {everyone|the rest}{, and anyone who leaves takes their files with them|}.",
                follow=(
                    "Do {members|family members} need {their own|a separate} account?",
                    "Each member signs in with their own account, which keeps their files private. You invite them from Settings > Family, and they join with a free account they already have or a new one.",
                ),
            ),
            Intent(
                asks=[
                    "Does the <team_plan> plan include {admin controls|an admin console}?",
                    "{We're|I'm} a <seats>-person {company|business}. {Team or Business?|Which plan fits?}",
                ],
                body="{Team|The Team plan} costs $8 per person per month with 1 TB each, an admin console and shared team folders. Business {adds|brings} single sign-on, audit logs and 180 days of version history{ for $15 per person|}. {For <seats> people|At <seats> seats}, {Team|the Team plan} {is usually enough|covers most needs} unless you {need|rely on} SSO or {audit trails|compliance logs}.",
                alt="{The Team plan|Team} {is|costs} $8 per {user|person} per month{ and includes| with} 1 TB each, an admin console and team folders. {For $15 per person|At $15 a seat}, Business {also gives you|adds} single sign-on, audit logs and 180 days of version history. {As a <seats>-person company|With <seats> people}, you'll {probably|likely} be fine on Team unless {you need SSO or audit trails|SSO or audit logs are a must}.",
            ),
            Intent(
                asks=[
                    "Can I {try|test} <other_plan> before paying?",
                    "{Is there|Do you have} a free trial{ of <other_plan>|}?",
                ],
                body="{Every paid plan has|All paid plans come with} a 14-day {trial|free trial} for new subscribers, and {you aren't charged|nothing is charged} until it ends. {Cancel before day 14 and you pay nothing|If you cancel during the trial, it costs nothing}{; your files simply go back to the free 5 GB limit|}.",
                alt="{New subscribers get|There's} a {free|} 14-day trial on {any|every} paid plan{, and the first charge only happens when it ends|}. {If you cancel before then, there's nothing to pay|Cancel within the 14 days and you pay nothing}{, and the account returns to the free 5 GB|}.",
            ),
            Intent(
                asks=[
                    "Is <plan_size> on the <plan> plan {per person|shared}{ or per device|}?",
                    "{Does each device get its own|Do my phone and laptop get separate} storage?",
                ],
                body="Storage is per account, not per device, so every phone and computer you sign in on {draws from|uses} the same <plan_size>. {There's no limit on devices|We don't limit the number of devices}{ either|}, {so|which means} {adding|connecting} a new laptop {costs|uses} nothing extra.",
                alt="{Your <plan_size> is shared by every device on your account|All your devices share the same <plan_size>}{ rather than being split between them|}. {Add as many phones and computers as you like|There's no device limit}{; a new laptop doesn't use anything extra|}.",
            ),
            Intent(
                asks=[
                    "{Do you have|Is there} a discount for {charities|non-profits}{ like <company>|}?",
                    "We're a {small charity|non-profit}. {Any pricing for us?|Can we get Team cheaper?}",
                ],
                body="{Registered charities and non-profits|Non-profits with charity registration} get 50% off Team and Business{ for as long as they stay eligible|}. {Verification|The check} {takes|usually takes} {a couple of days|two working days} and {needs|uses} your registration number{ or the equivalent where you are|}.",
                alt="{Non-profits and registered charities|Charities and non-profits} {pay half price|get 50% off} on Team and Business{ while they remain eligible|}. {We check|Verification needs} your registration number{ or local equivalent|}{, which usually takes two working days|}.",
                steps=[
                    "{Open|Use} the Help page and choose Non-profit discount.",
                    "{Enter|Add} your registration number and {organisation|charity} details.",
                    "{Wait for|Watch for} the approval, then {pick|choose} your plan{ as usual|}.",
                ],
            ),
            Intent(
                asks=[
                    "{How do I|Can I} make someone else the organiser of our Family plan?",
                    "{I want to leave|How do I leave} my {brother's|parents'|friend's} Family plan{ and keep my files|}?",
                ],
                body="{Any member can leave|Leaving a Family plan takes one click} from Settings > Family, and {you keep all your files|your files come with you}, moving to a free plan or one of your own. {Handing over the organiser role|Changing the organiser} {moves the billing too|also moves the billing}, so the new organiser {confirms|accepts} it with their payment details.",
                alt="To leave a family, {just|simply} {use|choose} Leave family {under|in} Settings > Family; {your files come with you|you keep everything} {to|on} the free plan or {a plan of your own|your own plan}. {If you run the family|As organiser}, {transferring the role|handing it over} {also transfers billing|moves the billing too}, {and the new organiser confirms|so the new organiser accepts} with their payment details.",
                steps=[
                    "{Open|Go to} Settings > Family.",
                    "{Choose|Pick} Leave family, or Transfer organiser if you run it.",
                    "{Confirm|Follow the prompts}{; the other person gets a message to accept|}.",
                ],
            ),
            Intent(
                asks=[
                    "What's included in the free plan{, exactly|}?",
                    "{Is the free plan enough|Will the free plan do} for {just documents|a few documents}?",
                ],
                body="The free plan {has|includes} 5 GB, the desktop and mobile apps, share links and 30 days of {version history|deleted-file recovery}{, with no time limit|}. {For documents alone|For text and spreadsheets}, 5 GB {goes a long way|lasts a long time}{; photos and video are what usually push people over|}.",
                alt="{You get|Free accounts have} 5 GB, {every app|all our apps}, share links and 30 days of {file recovery|version history}{, for as long as you like|}. {That's|5 GB is} {plenty for documents|a lot of documents}{; it's usually photos and video that fill it|}.",
            ),
            Intent(
                asks=[
                    "{Do you offer|Is there} a lifetime plan{ or a one-off payment|}?",
                    "{Can I pay once|Could I pay once} {instead of|rather than} {every year|a subscription}?",
                ],
                body="{We don't offer lifetime plans|There's no lifetime plan}{, because storage costs us every month we keep your files|}. {The closest thing|The cheapest option over time} is yearly billing, which {works out|comes to} about two months free {compared with|versus} monthly{, and the price is fixed for the year|}.",
                alt="{There isn't a lifetime option|We don't sell lifetime plans}{: keeping files costs us every month, so a one-off price wouldn't be honest|}. {Yearly billing is the best value|The best deal is yearly billing}, {roughly two months free|about two months cheaper} {versus|compared with} monthly{, with the price locked for the year|}.",
            ),
            Intent(
                asks=[
                    "{My partner and I|We} both have <plan>. {Can we combine|Is it cheaper to combine} {them|our accounts}?",
                    "{Can I|How do I} merge two Nimbus accounts into one plan?",
                ],
                body="{Accounts can't be merged|Two accounts can't be combined into one}, but a Family plan gives {both of you|each of you} {your own|a private} space {from|in} one {shared|pooled} 5 TB. {That usually costs less|It's normally cheaper} than two separate <plan> plans{, and nobody has to move files|}.",
                alt="{Merging two accounts isn't possible|We can't merge accounts}, {but|though} {the Family plan|a Family plan} gives you both {private spaces|your own private space} in {one|a shared} 5 TB. {That usually works out cheaper|It's usually cheaper} than {paying for <plan> twice|two <plan> plans}{, and neither of you has to move anything|}.",
                follow=(
                    "{What happens to|Do we lose} the {time|months} left on {the|my} other plan?",
                    "{When you cancel it|Once it's cancelled}, any unused time on a yearly plan {is credited|comes back as a credit} if you're within 14 days; {otherwise|after that} it {runs|keeps running} to the end of its period and then stops.",
                ),
            ),
        ],
    ),
    Topic(
        "outage",
        acks=[
            "Thanks for checking with us.",
            "{Happy|Glad} to help{ get to the bottom of this|}.",
            "Good question.",
        ],
        details=[
            "{I'm|We're} in <city>.",
            "I'm on <browser>{ and <os>|}.",
        ],
        intro=["{Quick checks|A few quick checks}:", "{Try these|Here's what to try}:"],
        intents=[
            Intent(
                asks=[
                    "Is Nimbus Drive down{ right now|}? {Nothing loads|The web app won't load|I keep getting errors}.",
                    "Where can I {see|check} if there's {an outage|a problem on your side}?",
                ],
                body="The status page {lists|shows} every {incident|current problem} by region and is updated at least every <minutes> minutes while something is going on{; it's linked at the bottom of the Help page|}. {If it's green|When it shows everything green}, the cause is {usually|most often} local: a browser extension, a VPN or a {company|work} firewall.",
                alt="{Our status page|The status page} {is the place to check|has the answer}: {it covers|it shows} every region and {gets updated|is refreshed} at least every <minutes> minutes {during an incident|while anything is wrong}{, and there's a link at the foot of the Help page|}. {All green there|If everything is green} {usually points to|normally means} something local, {like|such as} {an extension, a VPN or a firewall|a browser add-on, a VPN or a work firewall}.",
                steps=[
                    "{Check|Open} the status page{ for your region|}.",
                    "{Try|Open} Nimbus in a private window{ with extensions off|}.",
                    "{Switch to|Try} a different network, such as {mobile data|your phone's hotspot}, for a minute.",
                ],
                follow=(
                    "{Status|The status page} {says|shows} all green but it's still broken for me.",
                    "Then it's probably local. Try a private window and a different network; if both fail, send the error and the time it happened through the Help page and we'll look at the logs for your account.",
                ),
            ),
            Intent(
                asks=[
                    "{Uploads|Syncing} {stopped|has been stuck} since {about <time>|this morning}. Is there an outage{ in <region>|}?",
                    "{Nothing is uploading|My uploads aren't going through} {today|since <time>}{ in <region>|}.",
                ],
                body="{Earlier today|This morning} there was a problem with uploads in <region>, {fixed|resolved} at <time>. {Anything|Everything} queued {will sync|should catch up} on its own{ within the hour|}, since uploads wait on your device {and|then} {finish|complete} when the service is back{, so nothing is lost|}.",
                alt="{We had|There was} an upload problem in <region> {earlier today|this morning}{, fixed at <time>|, and it was resolved at <time>}. {Nothing you queued is lost|Queued uploads are safe}: they {wait|stay} on your device and {finish|go through} {on their own|automatically} {now that the service is back|now that things are working}{, usually within the hour|}.",
                after="If anything still shows as failed {after an hour|later on}, {retry it|use Retry} from the sync panel.",
            ),
            Intent(
                asks=[
                    "I get error {503|500} when I open shared links{ since <time>|}.",
                    "{Shared links|Links I sent} {show|give} {a server error|error 503}{ for everyone|}.",
                ],
                body="Error 503 means a {server|service} was briefly unavailable, {which usually clears|and it usually clears} within minutes. {If it lasts longer|When it doesn't}, {we post it|it goes up} on the status page{ with an estimate|}, and {the links themselves|your links} {are not affected|aren't changed}: they {work again|come back} {as soon as|once} the service {recovers|is back}.",
                alt="{A 503|Error 503} {is|means} {a brief|a temporary} {overload|outage} on one of our {servers|services}, {and it normally clears|normally clearing} within minutes. {Longer ones|Anything longer} {appear|go up} on the status page{ with an estimate|}, and {your links are fine|the links don't change}: {they start working again|they work again} {once|as soon as} {it recovers|the service is back}.",
            ),
            Intent(
                asks=[
                    "The {app|site} was down {for hours|for most of the day} on <date>. {What happened?|Will there be a report?}",
                    "{Is there|Will you publish} a {post-mortem|write-up} for the outage on <date>?",
                ],
                body="{Sorry about <date>|Apologies for the disruption on <date>}. We publish a written report within five business days of any incident longer than an hour, {covering|with} what went wrong and what we changed{ to stop it happening again|}. {It appears|Reports appear} on the status page history, which keeps {past incidents|them} for 90 days.",
                alt="{I'm sorry about <date>|Apologies for <date>}. {Any incident over an hour gets|For anything over an hour we write} a {public|written} report within five business days, {explaining|covering} the cause and {the changes we made|what we've changed} {since|as a result}. {Reports stay|You'll find it} in the status page history{, which goes back 90 days|}.",
                follow=(
                    "Will we get a credit for {the downtime|<date>}?",
                    "For Business plans, yes, if the month ends below 99.9% uptime; the credit is added to the next invoice automatically. Other plans don't have an uptime commitment, but the support team reviews requests case by case.",
                ),
            ),
            Intent(
                asks=[
                    "{Files|Photos} {won't open|don't preview} in the browser but {downloads work|I can download them}. {Is it just me?|Known issue?}",
                    "{Previews|File previews} {are blank|show a grey box} {in <browser>|on the web}.",
                ],
                body="{Previews are generated by|Previews come from} a separate service, {so|which means} they can fail while the files themselves are completely fine. {A blank preview in just one browser|A preview that fails only in <browser>} is {often|usually} {down to|caused by} {an ad blocker|a content blocker} or {hardware acceleration|a graphics setting}.",
                alt="{The previews are made|Previews are produced} by {a different|their own} service{ from the one that stores files|}, so {your files are fine|the files themselves are unaffected} even when {previews fail|a preview doesn't load}. {When it's only one browser|If it only happens in <browser>}, {it's usually|the usual cause is} {an ad or content blocker|a blocker extension} or {hardware acceleration|a graphics setting}.",
                steps=[
                    "{Open|Try} the file in a private window.",
                    "{Turn off|Pause} extensions for the Nimbus site.",
                    "{Check|Look at} the status page for a preview incident.",
                ],
            ),
            Intent(
                asks=[
                    "Everything is {really slow|crawling} {today|since <time>}. Is it {you|Nimbus} or {my connection|me}?",
                    "{Uploads|Downloads} are {much slower|far slower} than {usual|normal}{ today|}.",
                ],
                body="{If the status page is clear|With no incident on the status page}, {slowness|a slowdown} is {most often|usually} the network between you and us. {A speed test|Comparing with a speed test} {tells you|shows} whether {your connection|the line} {is the bottleneck|is slow overall}, and the desktop app's bandwidth limit under Preferences > Network {might|may} {be set lower than you think|be capping it}.",
                alt="{Nothing is posted on the status page|There's no incident right now}, so {the slowdown|the slowness} is {most likely|probably} {somewhere on the network|on the route} between you and us. {Run a speed test|Try a quick speed test} to see whether {your connection|the line itself} is slow{ overall|}, and {check|also look at} the bandwidth limit {in|under} Preferences > Network{, which may be set low|}.",
            ),
            Intent(
                asks=[
                    "Our whole {team|office} in <city> can't {sign in|log in}. {Urgent.|Please help.}",
                    "{Nobody|No one} at <company> can {reach|open} Nimbus {from the office|on the office network}.",
                ],
                body="{When a whole office is affected|If everyone in one place is affected} {but|while} {people at home are fine|the status page is clear}, the {cause|culprit} is {almost always|usually} the office network: a firewall or proxy {blocking|that blocks} our sign-in or upload servers{, often after an update|}.",
                alt="{An entire office locked out|A whole office that can't sign in} {while|when} {everyone at home is fine|home connections work} {almost always means|usually points to} the office network{ itself|}: {a firewall or proxy|a proxy or firewall} {that's blocking|blocking} our sign-in {or|and} upload servers{, often after an update|}.",
                steps=[
                    "{Test|Try} from a device outside the office network to confirm.",
                    "{Ask|Get} your IT team to allow Nimbus {through|past} the firewall.",
                    "{Send them|Use} the network requirements page linked from the Help page.",
                ],
            ),
            Intent(
                asks=[
                    "The desktop app says can't connect {whenever|when} I'm on {my|the company} VPN.",
                    "{Nimbus|Sync} {doesn't work|won't connect} {over|through} {VPN|our VPN}{ on <os>|}.",
                ],
                body="{Some VPNs|A lot of company VPNs} {send traffic through|route traffic via} a proxy {that|which} {blocks|interrupts} the long-lived connections sync {uses|relies on}. Letting Nimbus {bypass the VPN|skip the tunnel} {with split tunnelling|through split tunnelling}, or {adding|putting} our servers on the proxy's allow list, {fixes it|solves it}{ for good|}.",
                alt="{Company VPNs often send|A lot of VPNs route} traffic through a proxy {that breaks|which cuts} the long connections {sync needs|that sync relies on}. {Split tunnelling for Nimbus|Letting Nimbus skip the VPN} or {allow-listing our servers|adding our servers to the allow list} {on the proxy|} {fixes it|solves it} {permanently|for good}.",
                steps=[
                    "{Check|Confirm} sync works {with the VPN off|without the VPN} for a minute.",
                    "{Ask|Get} your IT team to allow Nimbus {through|past} the proxy.",
                    "{Send|Share} them the network requirements page from the Help page.",
                ],
            ),
            Intent(
                asks=[
                    "{Do you|Will you} {announce|warn us about} maintenance {in advance|before it happens}?",
                    "{Is there|Was there} {planned|scheduled} maintenance {on <date>|this weekend}?",
                ],
                body="{Planned maintenance|Scheduled maintenance} is {posted|announced} on the status page at least {three days|72 hours} ahead and {usually|normally} {happens|runs} {at night|overnight} {in each region|local time}{ with no downtime|}. {Subscribing|Signing up} to status updates {sends|gets} you {a message|an alert} {before|ahead of} each {window|one}.",
                alt="{We post planned maintenance|Planned maintenance goes up} on the status page at least {72 hours|three days} {in advance|ahead}, and it {normally|usually} {runs|happens} {overnight|at night} {local time|in each region}{, without downtime|}. {Subscribe to|Sign up for} status updates {to get|and you'll get} {an alert|a message} {before each window|before each one}.",
            ),
            Intent(
                asks=[
                    "{The website|<browser>} keeps {sending me back|going back} to the sign-in page{ after I log in|}.",
                    "{Sign-in loops|I'm stuck in a login loop} on the web{ in <browser>|}.",
                ],
                body="A sign-in loop {almost always|nearly always} {comes from|means} {blocked|stale} cookies{ in <browser>|}: {the page|Nimbus} {signs you in|logs you in} but {can't|isn't able to} {store|save} the session, {so|and} {it|the site} {asks again|sends you back}. {Clearing cookies|Clearing site data} for Nimbus {or trying|, or using} a private window {sorts it out|fixes it} {in a minute|quickly}.",
                alt="{That loop|Being sent back to sign in} {is nearly always|is almost always} {about|caused by} cookies: {you do get signed in|Nimbus signs you in}, but <browser> {won't keep|doesn't keep} the session{, so the page asks again|}. {A private window, or clearing site data for Nimbus|Clearing Nimbus's site data, or just a private window,} {usually fixes it|fixes it} {in seconds|straight away}.",
                steps=[
                    "{Open|Try} a private window and sign in{ there|}.",
                    "{If that works|If it does}, clear cookies and site data for Nimbus in <browser>.",
                    "{Turn off|Pause} {privacy extensions|cookie blockers} for the site{ if it comes back|}.",
                ],
            ),
            Intent(
                asks=[
                    "The mobile app says {offline|no connection} but {everything else|every other app} works{ on my <device>|}.",
                    "{Nimbus on my phone|The phone app} {thinks|says} I'm offline{ on Wi-Fi|}.",
                ],
                body="{When only Nimbus says offline|If Nimbus is the only app that thinks you're offline}, {the app|it} {usually|often} {doesn't have|has lost} permission to use {mobile data or the network|the network}{ after an update|}, or {a DNS or content filter|a filter on the network} blocks {our servers|it}. {Checking|Toggling} the permission {and|then} {force-closing|restarting} the app {clears it|fixes it} {in most cases|most of the time}.",
                alt="{If every other app is online|When everything else works}, {Nimbus has usually lost|the app has probably lost} {its network permission|permission to use the network}{, which can happen after an update|}, or {a filter on the network|a DNS or content filter} {is blocking|blocks} {our servers|it}. {Re-allowing|Turning back on} {the permission|network access} and {restarting|force-closing} the app {sorts it out|fixes it} {nearly every time|most of the time}.",
                steps=[
                    "{Check|Open} your phone's settings for Nimbus and allow mobile data and Wi-Fi.",
                    "{Force-close|Close} the app and {open|start} it again.",
                    "{Try|Switch} {another network|mobile data} to rule out a filter.",
                ],
            ),
            Intent(
                asks=[
                    "Were any files lost in the {outage|incident} on <date>?",
                    "{Is my data safe|Are my files safe} after {the|your} {outage|downtime}{ on <date>|}?",
                ],
                body="{No files were lost|Nothing was lost}: {the incident on <date>|that incident} {affected|hit} {access|uploads and previews}, not {the files themselves|your stored files}, which are kept in {three|several} copies {across|in} separate data centres. Uploads that {failed|didn't finish} {during it|at the time} were {kept|held} on your device and {retried|sent again} {afterwards|once it was over}.",
                alt="{Your files were never at risk|No data was lost}: {on <date>|during that incident} {only access was affected|access, uploads and previews were affected}, {not storage|never the stored files}, {and every file is|with every file} kept in {three|several} copies {in|across} separate data centres. {Unfinished uploads|Uploads that didn't finish} {waited|stayed} on your device and {went through|were retried} {once it was over|afterwards}.",
                after="{If a file looks wrong|If something seems off} since then, {its version history|version history} {will show|shows} {every saved copy|each saved version}{, and I'm glad to help you check|}.",
            ),
        ],
    ),
    Topic(
        "export",
        acks=[
            "{Sure|Absolutely}, happy to help with that.",
            "{Good|Smart} to plan this ahead.",
            "Good question.",
        ],
        details=[
            "I have about <count> files.",
            "My internet is {quite|pretty} slow.",
            "I'm on <os>.",
        ],
        intro=["{To export|To download everything}:", "{Here's how|Steps}:"],
        intents=[
            Intent(
                asks=[
                    "How do I download {everything|all my files} from Nimbus Drive{ at once|}?",
                    "{Can I|Is there a way to} export my {data|whole account} before I cancel?",
                ],
                body="{Exports are built|We prepare exports} on our side as zip files of up to 50 GB each, and {we send you|you'll get} a message with the links when they're ready. An export of <used> {usually takes|takes about} <hours> hours to prepare{, and the links work for seven days|}.",
                alt="We build {your export|exports} as zip files of up to 50 GB, then {send you|email you} the download links{ when they're ready|}. {Expect|Allow} {about|around} <hours> hours {for|to prepare} <used>{, and download within seven days|}.",
                steps=[
                    "Open Settings > Data > Export{ on the web|}.",
                    "{Choose|Pick} Everything or {tick|select} the folders you want.",
                    "{Wait for|Watch for} the message with the links, then {download|save} each part.",
                ],
                follow=(
                    "Does the export include {shared links|who I shared things with}?",
                    "It includes a sharing report as a CSV file listing each share, who has access and the link settings, but the links themselves stop working if you delete the account.",
                ),
            ),
            Intent(
                asks=[
                    "The export {zip|archive} {failed|stopped} {at <hours>0%|halfway through}. {Why?|What now?}",
                    "{My|The} download of the export {keeps failing|breaks} {partway|part way through}.",
                ],
                body="Large downloads {fail most often|usually fail} when the connection {drops|is interrupted}{, and browsers don't always resume|}. {Each part can be downloaded again|Every part can be fetched again} from the same message, so {only the failed part|just the broken part} {needs|has} to be {repeated|fetched again}.",
                alt="{Big downloads|Large files} {usually fail|mostly fail} {because the connection dropped|on a dropped connection}{, and browsers can't always pick up again|}. {You don't need to start over|No need to redo everything}: {each part|every part} {has its own link|can be downloaded again} in the same message, so {just get|only fetch} the one that {broke|failed}.",
                follow=(
                    "Can I start a new export {while|if} the old one {is stuck|is still running}?",
                    "Yes. Cancel the old one under Settings > Data > Export, then start a new one; only one export can run at a time.",
                ),
                after="{For very large accounts|With this much data}, the desktop app is {more reliable|the safer route}: {mark|set} folders as available offline and {copy|move} them {from there|once they've downloaded}.",
            ),
            Intent(
                asks=[
                    "I {need|want} a copy of all the data you hold about me{ under GDPR|}.",
                    "{How do I make|Where do I send} a {data access|subject access} request?",
                ],
                body="A data access request {covers|includes} your files plus account details, sign-in history and billing records, {delivered|sent} within 30 days{ and usually much sooner|}. {We ask you to|You'll need to} {confirm|verify} it's you {first|by email first}, {so|which means} nobody else can request your data.",
                alt="{You'll get|The request covers} your files, account details, sign-in history and billing records, within 30 days{ and usually far sooner|}. {First|Before anything is sent}, {we confirm it's you|you confirm your identity} {by email|through a link}{, so nobody else can ask for your data|}.",
                steps=[
                    "{Go to|Open} the Help page and choose Data request.",
                    "{Confirm|Verify} your identity {with|through} the link we send.",
                    "{Download|Collect} the package from Settings > Data when it's ready.",
                ],
            ),
            Intent(
                asks=[
                    "How do I move my files from Nimbus {to another service|to an external drive}?",
                    "{I'm switching to|We're moving to} {Google Drive|Dropbox|OneDrive}. {What's the easiest way?|How do I move everything?}",
                ],
                body="Google Drive, Dropbox and OneDrive all {import|accept} zip files, so {an export works|the export is fine} for moving {elsewhere|to another service} too. {It keeps|Exports keep} your folder structure, so nothing needs sorting {afterwards|on the other side}{, though shared folders you don't own aren't included|}.",
                alt="{An export is the easiest route|The simplest way is an export}: {Google Drive, Dropbox and OneDrive|other services} all {accept|import} zip files{, and folder structure is kept|}. {Note that|Just note that} shared folders {other people own|you don't own} {aren't included|are left out}{, so ask the owners for those|}.",
            ),
            Intent(
                asks=[
                    "{My|The} export {link|download link} {expired|doesn't work anymore}.",
                    "I didn't {get to|download} the export {in time|before the link ran out}.",
                ],
                body="{Export links last|Download links work for} seven days{ for security|}. {Starting|Requesting} a new export is {quick to do|easy}, and {because we keep the last one for a while|as recent exports are cached}, it's {often|usually} ready {sooner|faster} the second time.",
                alt="{For security|For safety}, {export links|download links} {expire|stop working} after seven days. {Just request another|Start a new one} {from|in} Settings > Data > Export{; recent exports are cached, so it's often ready faster|}.",
                steps=[
                    "Open Settings > Data > Export.",
                    "{Choose|Click} Export again{ with the same options|}.",
                    "Download {each part|the parts} within seven days.",
                ],
            ),
            Intent(
                asks=[
                    "Can I export just the <folder> folder{ with version history|}?",
                    "{How do I|Can I} {download|export} {one folder|only <folder>} {and|with} {older versions|its versions}?",
                ],
                body="{Yes|You can}: {a single folder|one folder} {can be|is} exported with its version history, and each older version {arrives|comes} as a separate dated file{ next to the current one|}. {For a quick copy|If you don't need versions}, {right-clicking|selecting} <folder> and choosing Download {is faster|does it in one go}.",
                alt="{One folder can be exported|You can export just one folder} {together with|along with} its version history{, each old version arriving as a dated file|}. {If you don't need versions|Without versions}, {select|right-click} <folder> and choose Download{, which is quicker|}.",
            ),
            Intent(
                asks=[
                    "{Will|Does} an export keep {the dates on my photos|photo dates and locations}?",
                    "{When I download|If I export} my photos, {do they keep|will they have} their {original dates|EXIF data}?",
                ],
                body="{Exports keep|An export keeps} {photos and videos|every file} {byte for byte|exactly as uploaded}, {so|which means} {EXIF data|the dates, camera details and locations inside them} {stay|come along} {intact|untouched}. {The one thing that can change|What can change} is the file date on your computer{, which some zip tools set to the export day; photo apps read the EXIF date instead|}.",
                alt="{Every file comes out exactly as it was uploaded|Files are exported exactly as they were uploaded}, {so the EXIF data is intact|which keeps EXIF data intact}{: dates, camera and location|}. {What may differ|The only thing that may differ} is the file date {on your disk|your computer shows}{, since some unzip tools use the export day|}.",
            ),
            Intent(
                asks=[
                    "{My|The} external drive is {only|just} {1 TB|smaller than my account}. {Can I export in parts?|How do I split the export?}",
                    "{Can I|How do I} export {a bit at a time|in smaller chunks}?{ My disk is small.|}",
                ],
                body="{Exports are already split|An export already comes split} into zip files of up to 50 GB, {so|and} {you can|it's fine to} download {them one at a time|a few parts}, move them to the drive, and {carry on|continue}. {Alternatively|Or}, {export folder by folder|pick folders one by one} {instead of|rather than} Everything{ to control the size of each batch|}.",
                alt="{The export is already in parts|Exports come in parts} of up to 50 GB, so {download|save} {a few|one or two} at a time, {move|copy} them to the drive, and {continue|carry on}. {You can also|Or} {export a handful of folders at a time|choose folders in batches} {instead of|rather than} {everything at once|Everything}.",
                steps=[
                    "Open Settings > Data > Export and {tick|select} {a few folders|one folder}.",
                    "{Download|Save} the parts and {move|copy} them to the drive.",
                    "{Repeat|Do the same} with the next {folders|batch}.",
                ],
            ),
            Intent(
                asks=[
                    "{Can I|How do I} get a list of {everything I've shared|all my shared links}?",
                    "{I need|We need} {a report|an overview} of {who has access to what|every share}{ for an audit|}.",
                ],
                body="The sharing report {lists|shows} {every|each} shared folder, file and link, {who can access it|with everyone who has access}, {and|plus} {each link's settings|link passwords and expiry dates}{, as a CSV file|}. {It's|That's} {handy|useful} {for audits|for a tidy-up}, and {turning off old links|switching off what you no longer need} {takes|is} {a click|one click} from Shared > Links.",
                alt="There's a sharing report {that|which} {lists|covers} every shared {item|folder, file} and link, {who has access|everyone with access} and {each link's password and expiry|link settings}, {in a CSV|as a CSV}. {Old links can be switched off|You can switch off anything you no longer need} with one click from Shared > Links.",
                steps=[
                    "{Open|Go to} Settings > Data > Export.",
                    "{Choose|Pick} Sharing report only.",
                    "{Download|Open} the CSV {when|once} it's ready.",
                ],
            ),
            Intent(
                asks=[
                    "{As an admin, can I|Can an admin} export a member's files{ after they leave|}?",
                    "{How do I|Can I} download {everything|all files} {from|belonging to} {<person>|a former employee}?",
                ],
                body="On Team and Business plans, admins can export {any member's files|a member's files} from the Admin console, and {every export|each one} is recorded in the audit log{ for transparency|}. {For someone who has left|After someone leaves}, {transferring their files|moving their files to another member} is {often simpler|usually easier} than an export.",
                alt="{Admins on Team and Business|On team plans, admins} can {export|download} {a member's files|any member's files} {in|from} the Admin console{, and the audit log records every export|}. {When someone has left|For a leaver}, {moving|transferring} their files to {a colleague|another member} is {usually|often} {simpler|easier}.",
                steps=[
                    "{Open|Go to} Admin console > Members and select the member.",
                    "{Choose|Pick} Export files.",
                    "{Download|Collect} the parts {from|via} the link {we send|that arrives}.",
                ],
            ),
            Intent(
                asks=[
                    "{Are Nimbus Notes included in an export|How are Nimbus Notes exported}?",
                    "{What format|Which format} {do|will} my notes {come out in|export as}?",
                ],
                body="Notes {are exported|come out} as Markdown {by default|files}, with {images|pictures} {in a folder beside them|saved alongside}{, and you can choose Word documents instead|}. {Checklists|Check boxes} {and|plus} links {keep working|survive the trip}{ in most Markdown editors|}.",
                alt="{Your notes come out|Notes export} as Markdown{ by default|}, {images|with pictures} {in a folder next to them|saved alongside}{; Word format is also an option|}. {Links and checklists|Checklists and links} {keep working|still work} in {most editors|most Markdown apps}.",
            ),
        ],
    ),
    Topic(
        "sharing",
        acks=[
            "{Sure|Happy to help}, sharing settings take just a few clicks.",
            "Good question.",
            "Thanks for asking.",
        ],
        details=[
            "It's for <company>.",
            "The folder is about <used>.",
        ],
        intro=["{Here's how|How to set it up}:", "{Steps|Do this}:"],
        intents=[
            Intent(
                asks=[
                    "How do I share the <folder> folder with {<person>|someone} who doesn't have a Nimbus account?",
                    "{Can I|How do I} send <folder> to {a client|<person>} who doesn't {have an account|use Nimbus}?",
                ],
                body="Share links work for anyone, with or without an account, and you choose whether {they|people} can only view or also download. {On paid plans|With a paid plan} {you can add|links can have} a password and an expiry date{, which is worth doing for anything private|}.",
                alt="{Anyone|People without an account} can {open|use} a share link{, no sign-up needed|}, and you decide {whether it's view-only or also allows downloads|if they can download or only view}. {On a paid plan you can add|Paid plans let you add} {a password and an expiry date|an expiry date and a password}{, which is a good idea for anything private|}.",
                steps=[
                    "{Right-click|Select} <folder> and choose Share.",
                    "{Pick|Choose} Create link and {set|choose} View only or Allow downloads.",
                    "{Copy|Send} the link to <person>.",
                ],
                follow=(
                    "Can I {change|update} the password on a link I already sent?",
                    "Yes. Open Link settings and set a new password; the address stays the same, so just tell people the new password.",
                ),
            ),
            Intent(
                asks=[
                    "{Can I|How do I} make a share link {expire|stop working} after {a week|<days> days}?",
                    "{Is there|Can I set} an expiry date on {links|shared links}?",
                ],
                body="Links can have an expiry date and a password on every paid plan{; on the free plan they stay active until you turn them off|}. {After|Past} the date, {anyone opening it sees|the link shows} a message that it has expired{, and you can extend it at any time|}.",
                alt="{On every paid plan you can|Paid plans let you} {set|add} an expiry date{ and a password|} on {a link|links}{; free-plan links stay open until you turn them off|}. {Once it passes|After the date}, {the link shows|people see} {an expired message|a message saying it has expired}{, and you can extend it any time|}.",
                steps=[
                    "{Open|Go to} Shared > Links and {find|pick} the link.",
                    "{Choose|Click} Link settings and {set|add} an expiry date.",
                    "{Save|Confirm}{; the change applies to the link you already sent|}.",
                ],
            ),
            Intent(
                asks=[
                    "{<person>|My client} says the link I sent {doesn't work|asks for a password}.",
                    "{A link|The link} I shared {shows|says} not found for <person>.",
                ],
                body="A link asks for a password only if one was set, and a link that was turned off {or has expired|or is past its expiry} {shows as|says} not found. {Links also|A link can also} get {cut off|broken} when pasted into {a message|an email}{, so resending it with the Copy link button helps|}.",
                alt="{A password prompt only appears|Links only ask for a password} {if one was set|when you added one}, and {not found means|a not-found message means} the link was {turned off|switched off} or {has expired|is past its date}. {Sometimes|Occasionally} {the address gets cut|a link breaks} {in an email|when pasted into a message}{, so the Copy link button is the safest way to resend it|}.",
                steps=[
                    "{Open|Check} Shared > Links for that link.",
                    "{Confirm|See} it's on and {check|look at} the expiry and password.",
                    "{Copy|Send} it again{ with the Copy link button|}.",
                ],
            ),
            Intent(
                asks=[
                    "How do I stop sharing <file> with {<person>|everyone}?",
                    "I shared <folder> {by mistake|with the wrong person}. {How do I undo it?|Help!}",
                ],
                body="Removing access {takes effect|works} immediately, even if {they have it open|the folder is open on their screen}, {though|but} copies {they|someone} already downloaded {stay with them|can't be pulled back}. {Turning off|Disabling} the link {and|or} {removing|taking off} <person> {is enough|does it}.",
                alt="{Access ends|Removing someone works} {immediately|the moment you do it}, {even mid-session|even if they're looking at it}{, though you can't pull back copies already downloaded|}. {Switch off the link|Turn off the link} or {remove|take off} <person>{ and that's it|, whichever applies|}.",
                steps=[
                    "Open <folder> and choose Share > Manage access.",
                    "{Remove|Take off} <person> or {turn off|disable} the link.",
                    "{Check|Look at} the activity log to see whether it was opened.",
                ],
                follow=(
                    "What does <person> see when I remove them?",
                    "The folder disappears from their Shared view straight away, and if they follow an old link they get a message saying they don't have access.",
                ),
            ),
            Intent(
                asks=[
                    "Can people I share with {edit|delete} my files?",
                    "What {can viewers and editors|can viewers, commenters and editors} do{ with my files|}?",
                ],
                body="Invited people can view, comment or edit depending on the role you give them, and only editors can {delete|move or delete} {things|files}. {Anything|Whatever} {they delete|an editor removes} {goes|lands} in your Trash for 30 days, {so|which means} it can always be restored.",
                alt="{What people can do depends on their role|It depends on the role you give}: viewers {only view|view}, commenters {can also comment|comment}, and {only|just} editors can {move or delete things|delete or move files}. {Anything an editor deletes goes to|Deleted items land in} your Trash for 30 days{, so you can always get it back|}.",
            ),
            Intent(
                asks=[
                    "Is there a way to see who {opened|downloaded} my shared link?",
                    "{Can I|How do I} {track|check} {views|downloads} on a link?",
                ],
                body="Paid plans {show|have} a link activity log with the date, time and rough location of every view and download. {For links without a sign-in|Since anyone can open a link}, {it can't show names|names aren't shown}, {only|just} {each visit|visits}; invited people {appear|show up} by name.",
                alt="{On paid plans, the link activity log|The link activity log on paid plans} {records|shows} {each|every} view and download {with the date, time and rough location|with its time and rough location}. {Link visitors|Anonymous visitors} {aren't named|show without names}{, since anyone can open a link|}; {invited people|people you invited} {are listed by name|appear by name}.",
            ),
            Intent(
                asks=[
                    "{Can I|How do I} let people upload to a folder without seeing what's in it?",
                    "{I need|Is there a way} to collect documents from {clients|<company>} {into one folder|in one place}.",
                ],
                body="File requests let people upload into a folder without seeing its contents, which is handy for collecting documents from clients{ or classmates|}. {Uploads land in the folder you pick and only you see them|Everything lands in the folder you pick, visible only to you}{; uploaders don't need an account|}.",
                alt="{A file request lets|File requests let} {people|others} {drop files into|upload to} a folder {without seeing anything in it|without being able to see inside}{, which suits collecting documents from clients|}. {Only you see what arrives|What they upload is visible only to you}{, and they don't need an account|}.",
                steps=[
                    "{Create|Make} a folder and choose Share > Request files.",
                    "{Give it|Add} a title and a deadline{ if you like|}.",
                    "{Send|Share} the request link.",
                ],
            ),
            Intent(
                asks=[
                    "{I can't|Why can't I} share {files|links} {outside|outside of} <company>{ anymore|}?",
                    "Sharing with {people outside the team|external addresses} {is blocked|says not allowed}.",
                ],
                body="{Admins on Team and Business|Team and Business admins} can {restrict|limit} sharing to {people inside the company|the company's own domain}{, and that setting seems to be on for <company>|}. {Only an admin can change it|The switch is in the Admin console}{, and they can also allow specific outside domains instead of everyone|}.",
                alt="{It looks like|It seems} <company>'s admins have {limited|restricted} sharing to {your own domain|people inside the company}{, which Team and Business plans allow|}. {An admin can|Only an admin can} {change that|lift it} in the Admin console{, or allow specific outside domains|}.",
                after="{It may be on purpose|It's often deliberate}{, for client confidentiality|}, so {it's worth|I'd suggest} {asking|checking with} your admin {before|rather than} {looking for a way around it|working around it}.",
            ),
            Intent(
                asks=[
                    "{Can I|How do I} give ownership of the <folder> folder to <person>?",
                    "{I'm leaving|I'm handing over} {a shared folder|<folder>}. {Can <person> own it?|How do I transfer it?}",
                ],
                body="{Ownership of a shared folder can be transferred|You can hand a shared folder over} to anyone {already|who's already} {in it|invited} as an editor, and {the storage moves|its size then counts} {to their account|against their storage}. {You stay|You remain} {an editor|on the folder} unless {they remove you|the new owner removes you}.",
                alt="{You can transfer a shared folder to|Ownership of a shared folder can go to} anyone {who's in it as an editor|already invited as an editor}{, and its size then counts against their storage|}. {You'll stay on|You stay on} the folder {as an editor|with editing rights} unless the new owner {removes you|takes you off}.",
                steps=[
                    "Open <folder> and choose Share > Manage access.",
                    "{Next to|Beside} <person>, {choose|pick} Make owner.",
                    "{Confirm|Wait for} <person> to accept{; until then you stay the owner|}.",
                ],
            ),
            Intent(
                asks=[
                    "<person> {can only view|can't edit} the {files|folder} I shared. {How do I let them edit?|Why?}",
                    "{How do I|Can I} change someone from viewer to editor{ on <folder>|}?",
                ],
                body="{Roles can be changed|You can change someone's role} {at any time|whenever you like} from Manage access, and {the change|it} applies {straight away|immediately}{, even if <person> has the folder open|}. {Links are different|Share links work differently}: {they're|a link is} always view or download{ only|}, so {editing needs an invite|anyone who needs to edit needs an invite}.",
                alt="{Change their role|Switch <person>'s role} {in|under} Manage access{ at any time|} and {it applies|the change applies} {instantly|straight away}{, even with the folder open|}. {Share links can't grant editing|Links only ever give view or download access}, so {anyone who edits needs an invite|editing always needs an invite}.",
                steps=[
                    "Open <folder> and choose Share > Manage access.",
                    "{Change|Switch} <person> from Viewer to Editor.",
                ],
            ),
            Intent(
                asks=[
                    "{Can I|How do I} {stop|prevent} people from {re-sharing|downloading} {my|a} folder?",
                    "{Is there a way|Can I make it so} people {can view but not download|only view} <file>?",
                ],
                body="{In Link settings|For links}, {turning off|switching off} Allow downloads {leaves|keeps} {view-only|preview only} access, and {for invited people|for invites} {an owner|you} can {turn off|disable} Editors can re-share{ in Manage access|}. {Nothing stops|No setting prevents} {a screenshot|screenshots}{, of course|}, so {truly sensitive|very sensitive} files {are|may be} better {kept unshared|not shared at all}.",
                alt="{For a link, switch off Allow downloads and people can only view|Switching off Allow downloads on a link leaves view-only access}{; for invited people, turn off Editors can re-share in Manage access|}. {Of course|Bear in mind} {screenshots can't be prevented|nothing stops a screenshot}, {so the most sensitive files are best not shared|so very sensitive files are safer unshared}.",
            ),
            Intent(
                asks=[
                    "{Can I|How do I} share {a folder|<folder>} with a whole group at once?",
                    "{Is there a way to|Can I} share with {everyone in|all of} {our|the} {design team|office} {without|instead of} adding {each person|people one by one}?",
                ],
                body="{On Team and Business plans|With a team plan}, {folders can be shared|you can share a folder} with a group{ created by an admin|}, and {anyone added to the group later gets access automatically|new people who join the group see it straight away}. {On personal plans|Without a team}, {a share link is the quickest way|a link is the simplest way} to reach {lots of people|a big group}{, or invite several addresses at once|}.",
                alt="{Team and Business plans let you|With a team plan you can} share {with a group|a folder with a group}{ an admin has set up|}, and {newcomers to the group get it automatically|anyone added later gets access straight away}. {On a personal plan|Without a team}, {a share link|a link} {reaches|is the easiest way to reach} {many people|a large group} {quickly|}{, or you can invite several addresses at once|}.",
            ),
        ],
    ),
    Topic(
        "storage",
        acks=[
            "{Good question|Fair question}, storage numbers can be confusing.",
            "{Happy|Glad} to help with this.",
            "Thanks for asking.",
        ],
        details=[
            "I'm on <plan> with <plan_size>.",
            "The app says <used> used.",
            "Most of it is {video|photos} from my <device>.",
        ],
        intro=["{To free up space|To get space back}:", "{Try this|Here's what to do}:"],
        intents=[
            Intent(
                asks=[
                    "It says my storage is full but I {only|barely} have <count> files. {Why?|How?}",
                    "What's taking up {all|so much} {my|the} space{ on <plan>|}?",
                ],
                body="{Three things|A few things} {usually|often} {explain it|account for the gap}: the Trash, {version history|older versions of edited files}, and {camera uploads|phone backups} in original quality. The Storage page {breaks it down|shows each of those} and sorts files by size, so the largest ones are {easy to spot|right at the top}.",
                alt="{The gap is usually|Usually the gap is} {one of three things|three things}: {files in the Trash|the Trash}, {old versions of edited files|version history}, and {original-quality photo backups|camera uploads at full quality}. {Settings > Storage shows each of them|The Storage page breaks it down} and {lists the biggest files first|sorts the largest files to the top}.",
                steps=[
                    "{Open|Go to} Settings > Storage{ on the web|}.",
                    "{Choose|Click} Largest files to see what's {taking the most|using the most room}.",
                    "{Delete|Remove} what you don't need, then {empty|clear} the Trash.",
                ],
                follow=(
                    "I emptied the trash and it still {says|shows} <used>.",
                    "Then it's likely version history. Open Settings > Storage > Version history and run Clean up now; on accounts with big, frequently edited files that often frees a surprising amount.",
                ),
            ),
            Intent(
                asks=[
                    "I deleted {a lot of|loads of} files but the storage {bar|meter} didn't go down.",
                    "{Why hasn't my storage gone down|How come my storage hasn't dropped} after {deleting|a clear-out}?",
                ],
                body="Deleted files sit in the Trash for 30 days and still count {towards|against} your storage until the Trash is emptied{, which is a safety net against accidents|}. {The storage bar|The meter} {also|then} {takes|needs} a few minutes to {update|catch up}.",
                alt="{The Trash keeps deleted files|Deleted files stay in the Trash} for 30 days{, as a safety net,| as a safety net} and {they count|still count} {against|towards} your storage until {it's emptied|you empty it}. {After emptying|Once it's empty}, {give|allow} the {meter|storage bar} a few minutes to {refresh|update}.",
                steps=[
                    "{Open|Go to} the Trash and choose Empty Trash.",
                    "Wait a few minutes and {refresh|reload} Settings > Storage.",
                ],
            ),
            Intent(
                asks=[
                    "Do files shared with me count against my storage?",
                    "{Will|Does} joining <person>'s shared folder use {my|up my} space?",
                ],
                body="{No|They don't}: files shared with you count against the owner's storage, not yours, unless you copy them into your own folders. Adding a shortcut to a shared folder {is free|costs you nothing}{ too|}.",
                alt="{They don't|Not at all}: {anything shared with you uses the owner's space|shared files use the owner's storage}, {unless|except when} you {copy|duplicate} {them|it} into {your own folders|your own space}. {Shortcuts to shared folders|A shortcut to a shared folder} {are free as well|costs nothing either}.",
            ),
            Intent(
                asks=[
                    "I'm <gb_over> over my <plan_size>. {What happens to my files?|Will you delete anything?}",
                    "{Will|Do} you delete {files|anything} if I go over my {limit|storage}?",
                ],
                body="{Nothing is ever deleted for being over|We never delete anything because you're over}. Going over the limit pauses uploads and sync, but every file stays readable{ and shareable|}, and {everything resumes|syncing resumes} {on its own|automatically} once you're {back under|below the limit}.",
                alt="{We won't delete anything|Nothing gets deleted} {because you're over|for being over the limit}. {Uploads and sync pause|Only uploads and sync stop}{ while you're over|}, {every file stays readable|everything stays readable and shareable}, and {syncing starts again|it all resumes} {by itself|automatically} {when you're back under|once you drop below}.",
                follow=(
                    "Will camera uploads {start again|resume} on their own?",
                    "Yes. As soon as you're under the limit, uploads resume from where they stopped, so no photo is skipped.",
                ),
            ),
            Intent(
                asks=[
                    "{Why are|Why is} {my|the} {camera uploads|photo backups} using so much {space|room}?",
                    "{Photos|Videos} from my <device> {eat|take up} {most|so much} of my storage.",
                ],
                body="Camera uploads save photos and videos in original quality, and {one|a single} minute of 4K video is roughly 400 MB. {Turning on|Using} {high efficiency|HEIC and HEVC} on your <device> roughly halves {the size of new uploads|new files}{ without a visible difference|}.",
                alt="{Photos and videos are kept in original quality|Camera uploads keep originals}, {and|so} {a minute of 4K|one minute of 4K video} {takes|is} about 400 MB. {Switching your <device> to|Setting your <device> to} {high efficiency|HEIC and HEVC} {roughly halves|about halves} {new files|the size of new photos and videos}{ with no visible loss|}.",
                after="{Moving|Archiving} old videos to an external drive{ and deleting them from Nimbus|} {frees|gives back} space {straight away|immediately} once the Trash is emptied.",
            ),
            Intent(
                asks=[
                    "Can I buy extra storage {without|instead of} {upgrading|changing plans}?",
                    "{Is there|Do you sell} {an add-on|extra space} for <plan>?",
                ],
                body="Storage add-ons of 500 GB {can be added to|are available on} Personal and Plus for $2.99 a month each, without changing plan. {For more than a terabyte extra|Beyond two add-ons}, {moving up|upgrading} {is usually|tends to be} cheaper.",
                alt="{Personal and Plus can take|You can add} 500 GB add-ons {at|for} $2.99 a month each{, no plan change needed|}. {If you need more than two|Past two add-ons}, {moving up a plan|an upgrade} {usually works out cheaper|is generally cheaper}.",
                steps=[
                    "{Open|Go to} Settings > Storage.",
                    "{Choose|Click} Add storage and {pick|select} how many add-ons.",
                    "{Confirm|Accept}; the space {is added|appears} within a minute.",
                ],
            ),
            Intent(
                asks=[
                    "{Does version history|Do old versions} count {towards|against} my storage?",
                    "{Why is <file> using|How can <file> use} {ten times|far more than} its {own size|size} in storage?",
                ],
                body="Version history keeps older copies of files you edit, and on big files that change often it {adds up|uses a lot} {quickly|fast}. You {can|may} {limit how long versions are kept|shorten how long versions are kept} and {clean up|remove} older ones {at once|straight away}.",
                alt="{Old versions do count|Versions count}, and {big files you edit often|large files that change a lot} {can build up|build up} {a lot of them|many copies} {fast|quickly}. {Shorten|Limit} how long versions are kept and {run Clean up now|clean up older ones} {to reclaim the space|to get the space back} {at once|right away}.",
                steps=[
                    "{Open|Go to} Settings > Storage > Version history.",
                    "{Choose|Set} a shorter limit{, such as 30 days|}.",
                    "{Click|Choose} Clean up now.",
                ],
            ),
            Intent(
                asks=[
                    "The app {says|shows} <used> {but|while} the website says something {else|different}. {Which is right?|Why?}",
                    "{Why do|How come} {the app and the web|my phone and the website} show different storage{ numbers|}?",
                ],
                body="{The web figure is the real one|The website is always current}; {the apps can show a figure from the last time they refreshed|an app may show a figure from its last refresh}, {especially|particularly} after {a big clean-up|emptying the Trash}. {The other usual difference|Another common difference} is {units|decimal versus binary units}: {some phones count|a phone may count} 1 GB as 1,024 MB{, which makes totals look a few percent smaller|}.",
                alt="{Trust the website|The website's number is the current one}: {the apps can lag until they refresh|the app may be behind until it refreshes}, {particularly|especially} after {emptying the Trash|a clean-up}. {Units can also differ|Units differ too}: {some phones|a few phones} {treat|count} 1 GB as 1,024 MB{, making totals look smaller|}.",
                after="{Pull down to refresh|Refreshing the app} {on the Storage screen|in Settings} {brings it in line|should make them match}.",
            ),
            Intent(
                asks=[
                    "{I think|Pretty sure} I have {loads of|lots of} duplicate photos. {Can Nimbus find them?|How do I clean them up?}",
                    "{Is there|Do you have} a duplicate finder{ for photos|}?",
                ],
                body="The Duplicates view {in Storage|under Settings > Storage} {finds|groups} {identical|exact copies of} files{, even with different names|}, and {suggests|marks} which copy to keep {based on|using} {the oldest date|the original folder}. {Near-identical shots|Burst photos and edited copies} {aren't|are not} {treated as|counted as} duplicates{, so nothing you edited is touched|}.",
                alt="{Settings > Storage > Duplicates|The Duplicates view} {groups|finds} {exact copies|identical files}{, whatever their names|} and {suggests|picks} {the copy to keep|which one to keep}{, usually the oldest|}. {Edited copies and burst shots|Similar but not identical photos} {aren't touched|are left alone}{, since they aren't true duplicates|}.",
                steps=[
                    "{Open|Go to} Settings > Storage > Duplicates.",
                    "{Review|Check} the groups{ it found|}.",
                    "{Choose|Click} Remove duplicates{ and empty the Trash afterwards|}.",
                ],
            ),
            Intent(
                asks=[
                    "{One person|Someone} on our Family plan is using {almost all|most of} the 5 TB.",
                    "{Can I|How do I} {limit|cap} {storage|space} for {each|a} family member?",
                ],
                body="{The organiser can set|Organisers can set} a storage limit {for each member|per member} under Settings > Family{, in steps of 100 GB|}. Members see their own limit{ and usage|}, {and|but} {a limit below what someone already uses|lowering it below what they use} only pauses their uploads{; nothing is deleted|}.",
                alt="{As organiser, you can give|The organiser can give} {each member|every member} a storage limit {in|under} Settings > Family{, in steps of 100 GB|}. {Members can see|Each member sees} their {own|} limit, and {setting it below what they already use|a limit lower than their usage} {just pauses their uploads|only stops new uploads}{, without deleting anything|}.",
                steps=[
                    "{Open|Go to} Settings > Family.",
                    "{Choose|Pick} the member and {set|enter} a storage limit.",
                    "{Save|Apply}{; they get a short notice about it|}.",
                ],
            ),
            Intent(
                asks=[
                    "{Does|Will} the Trash empty {itself|on its own}?",
                    "{When|How soon} do {deleted files|files in the Trash} {get removed|go away} {for good|permanently}?",
                ],
                body="{Yes|It does}: {items|files} in the Trash are removed {automatically|for good} {30 days|a month} after {they were deleted|deletion}{, or 180 days on Business|}. {Until then|In the meantime} they {still count|count} {towards|against} your storage{, which is why emptying it by hand frees space sooner|}.",
                alt="{It does|Yes}: {anything in the Trash is deleted for good|Trash items are removed permanently} after 30 days{, or 180 on Business|}. {Until that happens|Before then}, {they|those files} still count against your storage{, so emptying it yourself frees space sooner|}.",
            ),
            Intent(
                asks=[
                    "Does Nimbus {compress|shrink} my files to save space?",
                    "{Will|Does} {storing|uploading} {zip files|already compressed files} {save|use less} space?",
                ],
                body="{We never change your files|Files are stored exactly as you upload them}{, so nothing is compressed in a way you'd notice|}, and {the size you see|the storage used} {is|matches} the {file size|size on your computer}. {Zipping|Compressing} {things|folders} {yourself|before upload} {saves|only saves} {space|a little} for {documents|text files}; photos and video {are already compressed|barely shrink at all}.",
                alt="{Files are stored byte for byte as uploaded|We store files exactly as you upload them}, so {the storage used|what counts against your storage} {matches|equals} {their size on your computer|the file size on disk}. {Zipping things first|Compressing before upload} {helps a little|saves some space} for {documents|text}, {but|while} photos and video {hardly shrink|are already compressed}.",
            ),
        ],
    ),
    Topic(
        "recovery",
        acks=[
            "Let's see what we can do.",
            "{Happy|Glad} to help with this.",
            "Thanks for getting in touch{ quickly|}.",
        ],
        details=[
            "I'm on <plan>.",
            "{This is|It's} my {work|main} account.",
        ],
        intro=["{Here's how to get it back|To restore it}:"],
        intents=[
            Intent(
                asks=[
                    "I {accidentally|mistakenly} deleted <file>. Can I get it back?",
                    "{Deleted|I deleted} <file> {by accident|without thinking}{ last week| on <date>|}. {Is it gone?|Help!}",
                ],
                body="Deleted files stay in the Trash for 30 days on every plan{, and 180 days on Business|}, so <file> {is almost certainly|should be} {there|still there}. Restoring {puts it back in|returns it to} its original folder{ with its version history intact|}.",
                alt="{<file> should be in the Trash|Check the Trash for <file>}{: deleted files stay there for 30 days on every plan, 180 on Business|, which keeps deleted files for 30 days}. {Restoring puts it back|A restore returns it} {where it was|to its original folder}{, version history and all|}.",
                steps=[
                    "{Open|Go to} the Trash{ on the web|}.",
                    "{Find|Search for} <file> and {select|tick} it.",
                    "{Choose|Click} Restore.",
                ],
                follow=(
                    "It's not in the {Trash|trash} {either|at all}.",
                    "Then check the activity log under Settings > Activity for the file name; it'll show whether it was moved, renamed or deleted, and by whom. If it was deleted more than 30 days ago, contact the support team through the Help page straight away.",
                ),
            ),
            Intent(
                asks=[
                    "{How do I|Can I} restore an older version of <file>{ from <date>|}?",
                    "I overwrote <file> with the wrong version. {Is there an undo?|How do I go back?}",
                ],
                body="Version history keeps every saved version of a file for 30 days on Personal and 180 days on Plus, Family and Business. {Restoring an older one|Going back} {never loses|doesn't lose} the current one{, which is kept as a version too|}, so {you can|it's safe to} {try|experiment} {freely|}.",
                alt="{Every saved version is kept|Nimbus keeps each saved version}{ of a file|} for 30 days on Personal and 180 days on Plus, Family and Business. {The current version isn't lost when you restore|Restoring keeps the current version as well}{, so you can go back and forth safely|, so there's no risk in trying}.",
                steps=[
                    "{Right-click|Select} <file> and choose Version history.",
                    "{Pick|Choose} the version from <date> and {preview|open} it to check.",
                    "{Click|Choose} Restore this version.",
                ],
            ),
            Intent(
                asks=[
                    "{My|The} whole <folder> folder {is gone|vanished}. {Did I delete it?|What happened?}",
                    "<folder> {disappeared from my <computer>{ overnight|}|isn't on my <computer> anymore}.",
                ],
                body="A folder that seems to vanish has {often|usually} been moved rather than deleted{, for example dragged into another folder|}. The activity log shows {where it went|what happened to it} and who did it{, and the Trash has it if it was deleted|}.",
                alt="{More often than not|Usually}, a {vanished|missing} folder {was moved|got moved}, not deleted{, for example dragged into another folder by accident|}. {The activity log|Settings > Activity} {shows where it is now|tells you where it went} and who moved it{, and if it was deleted, it's in the Trash|}.",
                steps=[
                    "{Open|Go to} Settings > Activity and search for <folder>.",
                    "{Follow|Click} the entry to {the folder's|its} current location.",
                    "If it was deleted, {restore it|bring it back} from the Trash.",
                ],
            ),
            Intent(
                asks=[
                    "{I emptied|Someone emptied} the trash {last week|on <date>}. Are those files {gone for good|lost forever}?",
                    "{Can you recover|Is it possible to recover} files after the {trash|Trash} {was|has been} emptied?",
                ],
                body="Emptying the Trash removes files at once, but the support team can sometimes recover them from backups {within|if it's been less than} 7 days. {The window is short|Time matters here}, so {it's best to|please} {ask|contact them} {today|as soon as you can}.",
                alt="{Once the Trash is emptied|After emptying the Trash}, files are gone from your account {right away|at once}, {though|but} {our team|the support team} {may be able to|can sometimes} {restore|recover} them from backups {for up to|within} 7 days. {Please get in touch today|Don't wait}{, because that window is short|}.",
                steps=[
                    "{Open|Use} the Help page and choose Recover deleted files.",
                    "{List|Give} the folder and roughly when the Trash was emptied.",
                    "{Avoid|Don't} {uploading|adding} {large|big} new files until they reply.",
                ],
            ),
            Intent(
                asks=[
                    "{Ransomware|A virus} encrypted my {computer|<computer>} and synced to Nimbus. {Can I roll back?|Help!}",
                    "All my files {in <folder>|} {got renamed|have a strange extension} {and won't open|now}{ after a virus|}.",
                ],
                body="{That's awful|I'm sorry, that's stressful}, but your Nimbus copy can be rolled back. Rewind restores a folder or the whole account to a moment in time, which {undoes|reverses} {ransomware|the damage} in one go{, and it keeps anything added afterwards|}.",
                alt="{I'm sorry you're dealing with this|That's a horrible thing to deal with}, {but|though} {the copies in Nimbus can be rolled back|Nimbus can roll everything back}. {Rewind takes|Rewind returns} a folder or {your whole account|the entire account} {back|} to a moment {before the attack|before it happened}{, undoing the damage in one go|}{, while keeping files added afterwards|}.",
                steps=[
                    "{Disconnect|Unplug} the affected computer from the network first.",
                    "{Open|Go to} <folder> on the web and choose Rewind.",
                    "{Pick|Choose} a time before the problem started{ and confirm|}.",
                    "{Clean|Fix} the computer before {signing in|reconnecting} the desktop app again.",
                ],
                follow=(
                    "Does Rewind {affect|touch} files I added {afterwards|after that time}?",
                    "Files added after the point you pick are kept, and files changed afterwards keep their newer versions in version history, so nothing is lost by rewinding.",
                ),
            ),
            Intent(
                asks=[
                    "<person> deleted {files|some files} from our shared <folder> folder. Can I restore them?",
                    "{Someone|A colleague} {removed|deleted} {files|some files} from a folder I shared. {Where did they go?|Can I get them back?}",
                ],
                body="Files deleted from a shared folder go to the Trash of the person who owns the folder, not the person who deleted them. {So if you own <folder>|As the owner}, {they're in your Trash|your Trash has them}{ for 30 days|}; the activity log {also|} shows exactly who deleted what.",
                alt="{When someone deletes from a shared folder, the files go|Files removed from a shared folder go} to {the folder owner's Trash|the owner's Trash}, not {theirs|the Trash of whoever deleted them}. {As owner of <folder>|Since you own it}, {look in your Trash|your Trash has them}{ for the next 30 days|}, and {the activity log|Settings > Activity} {names|shows} who deleted {each one|what}.",
            ),
            Intent(
                asks=[
                    "I {used|ran} free up space and {then|later} deleted the photos {from Nimbus too|in the app}. {Are they gone?|Can I get them back?}",
                    "{Photos|Pictures} {I removed|deleted} from my <device> {aren't|are missing} in Nimbus{ either|}.",
                ],
                body="{Photos deleted in the Nimbus app|Anything you deleted in Nimbus} {within the last 30 days|less than 30 days ago} {is|is still} in the Trash{ on the web|}{, and restoring puts it back in camera uploads|}. {Photos only removed from the phone|Photos removed only from your phone} {were never deleted|stay in Nimbus} and {sit|are} in the Camera uploads folder{, sorted by date|}.",
                alt="{Anything deleted inside the Nimbus app|Photos you deleted in Nimbus} {in the past 30 days|less than 30 days ago} {can be restored|is recoverable} from the Trash{, and it goes back into camera uploads|}. {Photos removed only from the phone|Ones you only cleared from the phone} {never left Nimbus|were never deleted}{: they're in Camera uploads, by date|}.",
                steps=[
                    "{Open|Go to} the Trash on the web.",
                    "{Filter by|Choose} Photos and {select|tick} the ones you want.",
                    "{Choose|Click} Restore.",
                ],
            ),
            Intent(
                asks=[
                    "<file> {won't open|says it's corrupted|is damaged} {now|since <date>}. {Can I fix it?|Help.}",
                    "{A file|<file>} {got corrupted|is broken} after {my laptop crashed|a power cut}{ while saving|}.",
                ],
                body="A file damaged {while saving|during a crash or power cut} {usually|normally} still has {a good earlier version|healthy earlier versions} in version history{, because every save is kept|}. {Restoring|Going back to} the last version before <date> {brings it back|gets you a working copy}{, and the damaged one stays in the history too|}.",
                alt="{Because every save is kept|Since each save is kept}, {a damaged file|a file that broke during a crash} {almost always|usually} has {a healthy earlier version|working earlier versions} {in its history|in version history}. {Restore the last good version before <date> and you have a working copy|Going back to a version from before <date> gives you a working copy}{; the damaged one stays in history too|}.",
                steps=[
                    "{Right-click|Select} <file> and choose Version history.",
                    "{Open|Preview} the versions before <date> until one {works|opens properly}.",
                    "{Choose|Click} Restore this version.",
                ],
            ),
            Intent(
                asks=[
                    "{We removed|I removed} <person> from the team {last week|on <date>} and {now need|need} their files. {Too late?|Can we still get them?}",
                    "{Can I|How do I} recover files from a {deleted|removed} member's account?",
                ],
                body="{When a member is removed without a transfer|If files weren't transferred on removal}, {their account|the account} {is held|stays recoverable} for 30 days{, so there's still time|}. Restoring it from the Admin console {brings back|returns} {everything|all their files} and {uses|takes} a seat until you transfer the files{ and remove them properly|}.",
                alt="{There's still time|You're within the window}: {removed accounts|members removed without a file transfer} {stay recoverable|are kept} for 30 days. Restore the account from the Admin console{, which uses a seat again|}, {transfer the files|move the files to someone}, and then remove the member again.",
                steps=[
                    "{Open|Go to} Admin console > Members > Removed.",
                    "{Choose|Select} <person> and {pick|click} Restore.",
                    "{Transfer|Move} the files to another member, then remove {<person>|them} again.",
                ],
            ),
            Intent(
                asks=[
                    "{All|Most of} my files {disappeared|vanished} after I {set up|signed in on} a new <computer>.",
                    "I {installed|set up} Nimbus on a new laptop and {it deleted|now it's deleted} {everything|my files}{ everywhere|}!",
                ],
                body="{That happens when|This usually happens when} a new computer {is pointed at|syncs} an {empty|older} Nimbus folder {and|, which} {is taken as|looks like} a {mass delete|deliberate deletion}. {Nothing is lost|Your files aren't gone}: Rewind {puts|brings} the whole account back to {how it was|the moment} before {the new laptop|that sync}{, and then it's safe to sign in again|}.",
                alt="{What you're seeing|This} {usually happens when|happens when} a {new|fresh} computer {syncs|connects to} an {empty or old|out-of-date} Nimbus folder, which {reads as|looks like} a {mass deletion|deliberate delete}. {Your files are recoverable|Nothing is lost}: Rewind {restores|returns} the account to just before {that sync|you set up the laptop}{, and after that it's safe to sign in again|}.",
                steps=[
                    "{Quit|Close} the desktop app on the new <computer>.",
                    "{Open|Go to} All files on the web and choose Rewind.",
                    "{Pick|Choose} a time before {the setup|you signed in} and {confirm|start the rewind}.",
                    "{Sign in|Open the app} again {once it finishes|when the rewind is done}.",
                ],
            ),
            Intent(
                asks=[
                    "{Can I|Is it possible to} {restore|get back} a shared link I deleted?",
                    "I turned off a link {by mistake|that people were using}. {Can I bring it back?|Is it gone?}",
                ],
                body="{A turned-off link|A link you switch off} can't be brought back{ with the same address|}, {but|though} {making a new one|creating a fresh link} {takes|is} {seconds|a few seconds}{, and the files themselves are untouched|}. {It's worth sending|Do send} the new address {straight away|promptly}{, since the old one now shows not found|}.",
                alt="{Once a link is switched off, it|A switched-off link} can't {come back|be restored} with the same address{, but the files are untouched|}. {Create a new one and send it out|Make a fresh link and share it} {quickly|straight away}{, since the old one now says not found|}.",
            ),
        ],
    ),
    Topic(
        "desktop_sync",
        acks=[
            "Happy to help with the desktop app.",
            "Thanks for the details.",
            "Good question.",
        ],
        details=[
            "I'm on version <version>.",
            "It's {a|my} <computer> with <os>.",
        ],
        intro=["{Try these in order|Try this}:", "{Steps|Here's how}:"],
        intents=[
            Intent(
                asks=[
                    "The desktop app on my <computer> {hasn't synced since <date>|stopped syncing on <date>|isn't syncing}.",
                    "{Sync is stuck|Syncing is stuck} on {my <computer>|<os>}{ and the icon just spins|}.",
                ],
                body="Version <version> has a known issue on <os> {where sync stalls after sleep|that stalls sync after the computer sleeps}{, which the latest update fixes|}. {A pause and resume|Pausing and resuming} {often|usually} {gets it moving|unsticks it} in the meantime, {and|but} updating is the {real|proper} fix.",
                alt="{There's a known problem|A known bug} in version <version> on <os>{ where sync stalls after the computer wakes from sleep|: sync can stall after sleep}{, fixed in the latest release|}. {Pausing and resuming|A quick pause and resume} {usually|often} {gets it going|unsticks it} {for now|until you update}{, but the update is the real fix|}.",
                steps=[
                    "{Click|Open} the Nimbus icon in the menu bar or tray and choose Pause sync.",
                    "{Choose|Select} Resume after a few seconds.",
                    "{Update|Check for updates} from Preferences > About.",
                    "If it's still stuck, {sign out|choose Sign out} under Preferences > Account and sign back in.",
                ],
                follow=(
                    "I updated and it's still {stuck|not syncing}.",
                    "Then let's collect logs. Choose Help > Send diagnostics from the Nimbus icon, note the reference it shows, and send it to the support team through the Help page; they can see exactly which file is blocking the queue.",
                ),
            ),
            Intent(
                asks=[
                    "I keep getting {error|the error} <code> {in|from} the desktop app on <os>.",
                    "What does <code> mean{ in the sync panel|}?",
                ],
                body="<code> means a file name or path {is too long|was too long} or uses characters that <os> doesn't allow{, such as : or ? on Windows|}. {The sync panel|The list under the Nimbus icon} shows {exactly which files|the files} {it affects|are affected}, and {renaming them|a rename} {is all it takes|fixes it}.",
                alt="{<code> appears when|You'll see <code> when} a {file or path name|file name or folder path} {is too long|is longer than <os> allows} or {has characters|contains characters} {<os> won't accept|that <os> rejects}{, such as : or ? on Windows|}. {The sync panel lists|The list under the Nimbus icon shows} {the affected files|which files are affected}{, and a rename fixes each one|}.",
                steps=[
                    "{Open|Check} the sync panel for the files marked <code>.",
                    "{Rename|Shorten} those files or folders{ and remove unusual symbols|}.",
                    "{Wait|Give it} a minute for the app to {retry|pick them up}.",
                ],
            ),
            Intent(
                asks=[
                    "{Why do I have|What are} files called conflicted copy{ in <folder>|}?",
                    "{There are|I see} {two versions|duplicates} of <file>{, one says conflicted copy|}.",
                ],
                body="A conflicted copy {appears|is created} when the same file is edited on two devices before either has synced; {both versions are kept|we keep both} so nothing is lost. {Once you've merged|After merging} the changes you want, the conflicted copy is safe to delete{, and the activity log shows which device made it|}.",
                alt="{You get a conflicted copy|Conflicted copies appear} {when two devices edit the same file|if the same file changes on two devices} before {either one syncs|the first change syncs}. {We keep both|Both versions are kept} so {nothing is lost|no work disappears}{; merge what you need, then delete the conflicted copy|}.",
            ),
            Intent(
                asks=[
                    "{How do I|Can I} choose which folders sync to my laptop?",
                    "{My|The} <computer> {is running out of|doesn't have enough} disk space for {all|all my} Nimbus files.",
                ],
                body="Selective sync lets you keep some folders online only, so they don't take up space on your <computer>. {Unticked folders|Folders you leave out} stay on the web and your other devices, {and you can|and it's easy to} {bring them back|tick them again} {at any time|later}.",
                alt="{With selective sync|Selective sync lets} you {keep|leave} {some folders online only|chosen folders in the cloud only}{, so they take no space on your <computer>|}. {They're still on the web and your other devices|They stay available on the web and elsewhere}, and {ticking them again brings them back|you can tick them again later}.",
                steps=[
                    "Open Preferences > Sync > Selective sync.",
                    "{Untick|Clear} the folders you don't want on your <computer>.",
                    "{Click|Choose} Update.",
                ],
                follow=(
                    "Will selective sync delete the {files|folders} from the cloud?",
                    "No. Unticking a folder only removes the local copy on this computer; it stays on the web and on your other devices.",
                ),
            ),
            Intent(
                asks=[
                    "The desktop app uses {a lot of|tons of} CPU{ on <os>|}. {Is that normal?|Why?}",
                    "{My <computer>'s fan|The fan on my laptop} {goes crazy|spins up} {when|whenever} Nimbus {is running|runs}.",
                ],
                body="High CPU right after install {or a big change|or after moving lots of files} is normal while the app indexes your files, and it {settles|calms down} once the first sync is done. {If it stays high|If it carries on} for more than a day, an antivirus {scanning|that scans} every synced file {is the usual cause|is usually behind it}.",
                alt="{Right after installing|After a big change}, the app {indexes|scans} your files, {which|and that} {uses|takes} {a lot of|plenty of} CPU {for a while|until the first sync finishes}. {If it's still high|If it stays that way} {a day later|after a day}, {an antivirus checking every synced file|antivirus scanning each synced file} is {the likely cause|usually the reason}.",
                after="{Adding the Nimbus folder to your antivirus's exclusions|Excluding the Nimbus folder from real-time scanning} often {helps|fixes it}{, as long as you keep scheduled scans on|}.",
            ),
            Intent(
                asks=[
                    "{Files|Some files} in <folder> {won't upload|are stuck uploading}.",
                    "<file> {never finishes|won't finish} uploading{ from my <computer>|}.",
                ],
                body="Files open in another program, or locked by it, wait to upload until they're closed{; spreadsheets and design files are the usual suspects|}. {Very large|Big} files {also|can} {upload in chunks|go up in pieces} and {resume|pick up} {after a drop|where they left off}, so {a slow one|one that seems stuck} may {simply|just} be {working through it|slow}.",
                alt="{A file that's open in another program waits until it's closed|Files held open in another app wait until they're closed} before uploading{; spreadsheets and design tools are typical|}. {Large files upload in chunks|Big uploads go in chunks} and {resume after a drop|continue after interruptions}, so {a slow one|a file that seems stuck} may {just|simply} {need more time|still be going}.",
                steps=[
                    "{Close|Quit} the program that has <file> open.",
                    "{Check|Look at} the sync panel for the file's status.",
                    "{Choose|Click} Retry if it's marked failed.",
                ],
            ),
            Intent(
                asks=[
                    "Can I move the Nimbus folder to {another drive|an external disk}{ on <os>|}?",
                    "{How do I|Can I} {relocate|change the location of} the Nimbus folder{ on my <computer>|}?",
                ],
                body="The Nimbus folder can live on any internal or external drive formatted with NTFS, APFS or ext4. {Moving it|The move} {is done|happens} from inside the app{, never by dragging it in Finder or Explorer|}, so sync {keeps track|knows where everything went}.",
                alt="{Any internal or external drive|Any drive, internal or external,} {formatted as|using} NTFS, APFS or ext4 {can hold|works for} the Nimbus folder. {Always move it|Move it} {from inside the app|through the app's settings}{, not by dragging it in Finder or Explorer|}, {so|which means} sync {knows where everything went|keeps track of it}.",
                steps=[
                    "Open Preferences > Sync and choose Move folder.",
                    "{Pick|Select} the new location and {wait for the move|confirm}.",
                    "{Keep|Leave} the drive connected, or sync pauses until it's back.",
                ],
            ),
            Intent(
                asks=[
                    "The desktop app says {up to date|everything is synced} but <file> {isn't|doesn't show up} on the web.",
                    "<file> {is on my <computer> but not|shows on my laptop but not} on my phone.",
                ],
                body="{Usually|Most often} <file> {sits|is} outside the Nimbus folder, or {in|inside} a folder that's {excluded|unticked} in selective sync{ on that computer|}. {Files|Items} the app {ignores|skips} on purpose, like {temporary files|system files}, {also|} {never upload|don't upload} {at all|}.",
                alt="{Check whether|Most often} <file> {is|sits} outside the Nimbus folder or in a folder {excluded|left out} by selective sync{ on that computer|}. {Some files are skipped on purpose|The app also skips some files deliberately}, {like|such as} {temporary|system} files{, and those never upload|}.",
                steps=[
                    "{Right-click|Select} <file> and {check|look for} the Nimbus status icon.",
                    "{Move|Drag} it into the Nimbus folder if it's outside.",
                    "{Check|Open} Preferences > Sync > Selective sync for its folder.",
                ],
            ),
            Intent(
                asks=[
                    "{Is there|Do you have} a Nimbus app for Linux?{ I'm on <os>.|}",
                    "{Can I|How do I} use Nimbus on {Ubuntu|Linux}{ without a desktop|}?",
                ],
                body="{There's a|We have a} desktop app for Ubuntu, Debian and Fedora{, with the same sync features as Windows and macOS|}, plus a command-line client for {servers|headless machines}. {Both get|Either one gets} updates {through|from} our package repository{, so it stays current automatically|}.",
                alt="{We support Linux|Linux is supported}: {a desktop app|there's a desktop app} for Ubuntu, Debian and Fedora{ with the same sync features|}, and a command-line client for {servers|machines without a desktop}. {Updates come|Both update} {through|from} our package repository{ automatically|}.",
                steps=[
                    "{Download|Get} the package for your distribution from the Help page.",
                    "{Install|Open} it and sign in.",
                    "{Pick|Choose} the folders to sync.",
                ],
            ),
            Intent(
                asks=[
                    "{Can I|How do I} {use|sign in to} {two accounts|my work and personal accounts} on {one|the same} computer?",
                    "I have {a personal and a work Nimbus account|two Nimbus accounts}. {Both on one laptop?|Can they sync side by side?}",
                ],
                body="The desktop app {supports|handles} one personal and one team account {side by side|at the same time}, each with {its own|a separate} folder{ and its own settings|}. {Files never mix|Nothing crosses over} {between them|between the two} unless you {move|copy} {them|something} yourself.",
                alt="{You can run|The app handles} a personal and a team account {together|side by side}{ in one app|}, {each with its own folder|each syncing to a separate folder}{ and settings|}. {Nothing moves between them|Files stay in their own account} unless you {move it|copy something} yourself.",
                steps=[
                    "{Click|Open} the Nimbus icon and choose Preferences > Accounts.",
                    "{Choose|Pick} Add account and sign in with the {second|other} one.",
                    "{Pick|Choose} where its folder should go.",
                ],
            ),
            Intent(
                asks=[
                    "{Files|Some files} show a cloud icon and won't open {offline|without internet}.",
                    "What does the {cloud icon|little cloud} {next to my files |}mean{ on <os>|}?",
                ],
                body="The cloud icon {means|marks} an online-only file: {it|the file} {shows|appears} in the folder but {isn't downloaded until you open it|only downloads when you open it}{, which saves disk space|}. {Marking|Setting} a file or folder as Always keep on this device downloads it for offline use{ and keeps it up to date|}.",
                alt="{That cloud|The cloud icon} {marks|means} {a file that's online only|an online-only file}: {you see it|it's listed} in the folder, {but it downloads|but it only downloads} when {opened|you open it}{, saving disk space|}. {Choose|Set} Always keep on this device {for|on} {anything you need offline|the files or folders you need offline}.",
                steps=[
                    "{Right-click|Select} the file or folder.",
                    "{Choose|Pick} Always keep on this device.",
                    "{Wait for|Look for} the green tick.",
                ],
            ),
            Intent(
                asks=[
                    "The desktop app won't start on <os>{ after the update|}.",
                    "Nimbus {crashes|closes} {as soon as|right after} I open it on my <computer>.",
                ],
                body="{On macOS|On a Mac}, the app {needs|has to have} permission for its Finder extension{ and, after some updates, Full Disk Access|}; {on Windows|in Windows}, {a leftover|an old} {install|version} {can block|sometimes blocks} the new one. {A clean reinstall|Reinstalling cleanly} {fixes|sorts out} {both|either case} {and never touches your files|without touching your files}.",
                alt="{After an update, macOS may need you to approve|On a Mac, you may need to re-approve} the Finder extension{ and Full Disk Access|}, {while on Windows|and on Windows} {an old install can get in the way|a leftover version can block the new one}. {Reinstalling cleanly|A clean reinstall} {fixes both|solves either} and {leaves your files alone|doesn't touch your files}.",
                steps=[
                    "{Uninstall|Remove} the app{; your Nimbus folder stays|}.",
                    "{Download|Get} the latest installer from the Help page and install it.",
                    "{Approve|Allow} any permission prompts{, then sign in|}.",
                ],
            ),
            Intent(
                asks=[
                    "{How do I|Can I} uninstall the desktop app without deleting my files?",
                    "{Will|Does} uninstalling Nimbus {from my laptop|} delete {my files|anything}?",
                ],
                body="Uninstalling the app {never deletes|doesn't delete} {files|anything} from Nimbus or your computer: the local folder stays {where it is|in place} as {ordinary|normal} files{, no longer syncing|}. {Signing out first|Unlinking the computer first} {under|from} Preferences > Account {keeps your device list tidy|removes it from your device list}.",
                alt="{Removing the app|Uninstalling} {leaves your files where they are|doesn't delete anything}: {nothing is deleted in Nimbus|your Nimbus files stay put}, and the {local folder|folder on your computer} {stays as ordinary files|remains as normal files}{ that just stop syncing|}. {Sign out|Unlink the computer} {first|beforehand} {in|under} Preferences > Account {to keep your device list tidy|so it drops off your device list}.",
            ),
        ],
    ),
    Topic(
        "team_admin",
        acks=[
            "{Happy|Glad} to walk you through the admin side.",
            "{Sure|Of course}, that's all done from the Admin console.",
            "Thanks for {the context|explaining the setup}.",
        ],
        details=[
            "We have <seats> people at <company>.",
            "I'm the only admin.",
            "We're on <team_plan>.",
        ],
        intro=["{In the Admin console|Here's how}:", "{Steps|Do this}:"],
        intents=[
            Intent(
                asks=[
                    "How do I add <new_seats> people to our <team_plan> plan?",
                    "{We hired|We've just hired} <new_seats> {people|new starters}. {How do I get them set up?|How do I add them?}",
                ],
                body="New members are billed {from the day|as soon as} they accept the invite, at <seat_price> per seat per month on <team_plan>. {Putting them in|Adding them to} a group {at the same time|as you invite them} gives them every folder shared with that group{, so onboarding is one step|}.",
                alt="{Each new person costs|New people cost} <seat_price> a month on <team_plan>, {starting when they accept|from the day they accept} the invite. {Invite them into a group|Add them to a group as you invite them} and they {get|see} {all of that group's folders|every folder shared with it} {at once|straight away}.",
                steps=[
                    "{Open|Go to} the Admin console > Members.",
                    "{Choose|Click} Invite and {enter|add} their work addresses.",
                    "{Pick|Choose} a group for each person.",
                ],
                follow=(
                    "Do we pay for {invited|pending} people who haven't joined {yet|}?",
                    "Pending invites hold a seat, so they count on the invoice. Revoke invites you no longer need under Members > Pending.",
                ),
            ),
            Intent(
                asks=[
                    "<person> left the company. How do I remove them but keep their files?",
                    "{How do I|What's the right way to} offboard {someone|<person>} {without losing|and keep} their work?",
                ],
                body="When you remove someone, their files can be transferred to another member instead of being deleted, and shared team folders aren't affected. {The seat is freed|Their seat frees up} {at once|straight away}, and the unused days come back as a credit on the next invoice.",
                alt="{Remove <person> with a file transfer so their files go to|Removing <person> with a transfer moves their files to} {a colleague|another member} {instead of being deleted|rather than deleting them}{; team folders aren't affected|}. {The seat frees up immediately|Their seat is released straight away}, {with the unused days credited|and a credit for the unused days goes} on the next invoice.",
                steps=[
                    "{Open|Go to} the Admin console > Members and select <person>.",
                    "{Choose|Click} Remove member, then Transfer files to another member.",
                    "{Pick|Choose} who receives the files{ and confirm|}.",
                ],
                follow=(
                    "Does the removed person keep access to {shared links|links they created}?",
                    "Links they created move with the files to whoever receives them and keep working. If you'd rather turn them off, the new owner can do that under Shared > Links.",
                ),
            ),
            Intent(
                asks=[
                    "{How can I|Can I} transfer ownership of our team to <person>?",
                    "I'm {leaving|stepping down}, so <person> {should|needs to} {own|take over} the account.",
                ],
                body="Ownership can only be transferred to an existing admin, so <person> needs the admin role first. {After the transfer|Once it's done}, you {stay|remain} an admin unless <person> {changes that|removes the role}{, and billing moves to them|}.",
                alt="{Only an existing admin can become owner|Ownership can only go to an admin}, so {give <person> the admin role|make <person> an admin} {first|before you start}. {You'll remain an admin afterwards|You keep the admin role} unless <person> {removes it|changes that}{, and billing moves to them|}.",
                steps=[
                    "{Make|Give} <person> the admin role under Members.",
                    "{Open|Go to} Admin console > Settings > Ownership.",
                    "{Choose|Select} Transfer ownership and {confirm|re-enter your password}.",
                ],
            ),
            Intent(
                asks=[
                    "{Can|How do} I {limit|set} how much storage each member {gets|uses}?",
                    "{One person|<person>} is using {most of|half} our team storage. {Can I cap it?|Any controls?}",
                ],
                body="Storage quotas can be set per member or per group, and members see a warning when they reach 90%. {You can|It's possible to} give {more space|larger quotas} to {the people who need it|heavier users} and {keep|leave} everyone else on the default{ of <team_size>|}.",
                alt="{You can set quotas|Quotas can be set} {per person or per group|for individuals or groups}, {and people are warned|with a warning} at 90%. {Heavier users can get more|Give more to the people who need it} {while|and} everyone else {stays on|keeps} the default{ of <team_size>|}.",
                steps=[
                    "{Open|Go to} Admin console > Storage.",
                    "{Choose|Pick} a member or group and {set|enter} a quota.",
                    "Save; it takes effect {at once|immediately}.",
                ],
            ),
            Intent(
                asks=[
                    "We need to {make everyone use|require everyone to use} two-step verification. {How?|Is that possible?}",
                    "{Can I force|How do I enforce} two-step {for|across} {the whole team|everyone at <company>}?",
                ],
                body="Admins can require two-step verification for everyone, and people who haven't set it up are asked to do so at their next sign-in. A grace period gives {people|members} {time|a few days} to set it up{, so nobody gets locked out unexpectedly| before it's enforced|}.",
                alt="{Turn on Require two-step verification and everyone without it is asked|Switching on Require two-step verification means anyone without it has} to set it up {at their next sign-in|the next time they sign in}. {A grace period of a few days|Adding a grace period} {avoids surprise lockouts|means nobody is caught out}.",
                steps=[
                    "{Open|Go to} Admin console > Security.",
                    "{Turn on|Switch on} Require two-step verification.",
                    "{Set|Choose} a grace period{ of a few days|}.",
                ],
            ),
            Intent(
                asks=[
                    "{Can we|How do we} set up single sign-on with {Okta|Microsoft Entra|Google Workspace}?",
                    "{Does Nimbus|Do you} support SAML{ on <team_plan>|}?",
                ],
                body="Single sign-on with SAML is included on Business{, with guides for Okta, Microsoft Entra and Google Workspace|}. Team plans can use Google or Microsoft sign-in but not custom SAML{, so a move to Business is needed for that|}.",
                alt="{SAML single sign-on comes with Business|Business includes SAML single sign-on}{, with step-by-step guides for Okta, Microsoft Entra and Google Workspace|}. {On Team you can use|The Team plan supports} Google or Microsoft sign-in{, but custom SAML needs Business|}.",
                after="{Setting it up takes|Setup usually takes} {about half an hour|under an hour}{, and you can test with one group before switching everyone|}.",
            ),
            Intent(
                asks=[
                    "{A team member|<person>} can't see the <folder> team folder.",
                    "{Why doesn't <person> see|How come <person> can't see} <folder>{ when everyone else does|}?",
                ],
                body="Team folders are visible only to the groups they're shared with, so a missing folder usually means <person> {isn't in|is missing from} {the right group|that group}. {Adding them|Putting <person> in the group} {makes it appear|brings it up} within a minute.",
                alt="Team folders show up only for the groups they're shared with, so <person> {probably isn't in|is likely missing from} {the right group|one of them}. {Add them and|Once you add them,} <folder> {appears|shows up} within a minute.",
                steps=[
                    "{Open|Go to} Admin console > Team folders and select <folder>.",
                    "{Check|See} which groups {have access|it's shared with}.",
                    "{Add|Put} <person> {to|in} one of those groups.",
                ],
            ),
            Intent(
                asks=[
                    "{Can I|How do I} see who downloaded {a file|<file>} from our team folders?",
                    "{Is there|Do you have} an audit log{ on <team_plan>|}?",
                ],
                body="{Business plans have|On Business there's} a full audit log of views, downloads, shares and admin changes, {searchable by|filterable by} person, file and date{ and exportable as CSV|}. {Team plans keep|On Team, the log keeps} {admin changes and sharing events|sharing and admin events} {only|but not file views}{, for 90 days|}.",
                alt="{The full audit log|A full audit log} {of views, downloads, shares and admin changes|covering downloads, views and sharing} {is part of|comes with} Business{, with filters by person, file and date and a CSV export|}. {Team plans log|On Team you get} sharing and admin events {only|but not file views}{, kept for 90 days|}.",
                steps=[
                    "{Open|Go to} Admin console > Audit log.",
                    "{Filter|Search} by file name or by member.",
                    "{Export|Download} the results if you need {a record|to keep a copy}.",
                ],
            ),
            Intent(
                asks=[
                    "{How do I|Can I} {stop|block} {members|people on the team} from sharing {outside the company|with outside addresses}?",
                    "{We need to|I want to} {restrict|lock down} external sharing{ at <company>|}.",
                ],
                body="The external sharing setting lets you {block|turn off} sharing outside your domain {entirely|completely}, {allow|permit} it only {to|for} {approved domains|domains you list}, or {keep it open|leave it on} but {require|force} passwords on links. {Existing shares|Shares that already exist} {outside|to outside addresses} {are listed|show up} {so you can review them|for review} before {anything changes|the setting applies}.",
                alt="{In the Admin console you can|You can} {turn off|block} {external sharing|sharing outside your domain} {entirely|completely}, {limit it to|allow it only for} {domains you approve|approved domains}, or {keep it on|leave it open} {with passwords required|but require passwords} on links. {Before it applies|Before anything changes}, {you see|you get} a list of {existing|current} outside shares to review.",
                steps=[
                    "{Open|Go to} Admin console > Sharing.",
                    "{Choose|Pick} Only inside <company> or Approved domains.",
                    "{Review|Check} the list of existing external shares and confirm.",
                ],
            ),
            Intent(
                asks=[
                    "{Our company|We} changed {our|its} domain. {How do I update|Can we change} everyone's sign-in addresses?",
                    "{How do I|Can I} change a member's {email address|sign-in address}{ as admin|}?",
                ],
                body="Admins can change {a member's|any member's} sign-in address {one at a time|individually} or {in bulk|for the whole team} {after verifying|once you verify} the new domain{, and people keep their files, shares and settings|}. {Members get|Each person gets} a notice at both addresses{ so nothing comes as a surprise|}.",
                alt="{Once the new domain is verified|After verifying the new domain}, {admins can change|you can change} sign-in addresses {for one person or the whole team|individually or in bulk}{, and everyone keeps their files, shares and settings|}. {Both the old and new address get|Each person gets} a notice{ so nobody is surprised|}.",
                steps=[
                    "{Verify|Add} the new domain under Admin console > Domains.",
                    "{Choose|Pick} Members > Change addresses and {select|tick} who to update.",
                    "{Confirm|Apply}; people sign in with the new address from then on.",
                ],
            ),
            Intent(
                asks=[
                    "{Can we|How do we} give {a freelancer|an outside contractor} access without paying for a seat?",
                    "{Do|Does} guests {need|take} a seat{ on <team_plan>|}?",
                ],
                body="Guests {can be invited|are invited} to specific team folders {without using a seat|at no cost}{, with up to five guests per paid seat|}. They {only|can only} see {the folders they're invited to|what they're invited to}, {can't|never} {see|browse} the rest of the team, and {access ends|lose access} {when you remove them|the moment you remove them}.",
                alt="{You can invite guests|Guests can be invited} to {particular|specific} team folders {free|without a seat}{, up to five per paid seat|}. {A guest only sees|Guests see only} {what you invite them to|the folders they're invited to}{, never the rest of the team|}, and {their access stops|access ends} {as soon as you remove them|when you remove them}.",
                steps=[
                    "Open the team folder and choose Share > Invite guest.",
                    "{Enter|Add} their address and {pick|set} a role.",
                    "{Set|Add} an end date{ if the project has one|}.",
                ],
            ),
            Intent(
                asks=[
                    "{How do I|Can I} make <person> an admin{ too|}?",
                    "{What|Which} admin roles {are there|do you have}{ on <team_plan>|}?",
                ],
                body="{There are three roles|Team accounts have three roles}: owner, admin and billing admin{, and there can be several admins but only one owner|}. {Admins manage members, folders and security|Admins handle people, folders and security}, {while|and} billing admins {only see|see only} invoices and payment details{, which suits a finance colleague|}.",
                alt="{Team accounts have|There are} three roles: owner, admin and billing admin{; admins can be many, the owner only one|}. {Admins run people, folders and security|Admins look after members, folders and security}, {and|while} billing admins {see|can see} {only|just} invoices and payment details{, handy for finance|}.",
                steps=[
                    "{Open|Go to} Admin console > Members and {select|choose} <person>.",
                    "{Choose|Pick} Change role{ and select Admin|}.",
                ],
            ),
        ],
    ),
    Topic(
        "invoices",
        acks=[
            "{Sure|Of course}, that's quick to sort out.",
            "{Happy|Glad} to help get the paperwork {right|in order}.",
            "Good question.",
        ],
        details=[
            "It's for <company>.",
            "Our accounts team {needs|is asking for} {this|them} by <date>.",
        ],
        intro=["{Here's how|To do that}:", "{Where to go|Steps}:"],
        intents=[
            Intent(
                asks=[
                    "Where can I download {invoices|receipts} for {my|our} {subscription|<plan> plan}?",
                    "{Can you|Could you} {resend|send me a copy of} invoice <invoice>{ from <date>|}?",
                ],
                body="Every payment has a PDF invoice under Settings > Billing > Payment history, numbered like <invoice>. {They stay|Invoices stay} available for seven years, {even on a cancelled account|even after you cancel}, {so|which means} {nothing needs resending|you can grab any of them yourself}.",
                alt="{Each|Every} payment {comes with|has} a PDF invoice{, numbered like <invoice>,| numbered like <invoice>} {in|under} Settings > Billing > Payment history. {They're kept|Invoices are kept} for seven years{, even after cancelling|}, so {you can download any of them yourself|any of them is a click away}.",
            ),
            Intent(
                asks=[
                    "I need our VAT number on {the|our} invoices{ for <company>|}.",
                    "The invoice {shows|has} the wrong {company name|address}. {Can you fix it?|How do I change it?}",
                ],
                body="{Once you add|After adding} a VAT number and company address, new invoices include them{, and EU business customers are charged under reverse charge|}. Past invoices can be regenerated with {the updated|the new} details{, and the invoice number stays the same|}.",
                alt="{Add|Enter} your VAT number and company address in Invoice details and {every new invoice includes|new invoices include} them{; EU business customers are then charged under reverse charge|}. {Older invoices|Past invoices} {can be regenerated|regenerate} with {the new details|those details}{ and keep their numbers|}.",
                steps=[
                    "{Open|Go to} Settings > Billing > Invoice details.",
                    "{Add|Enter} the company name, address and VAT number.",
                    "{Choose|Click} Regenerate on any past invoice that needs them.",
                ],
                follow=(
                    "Will {the|a} regenerated invoice have {the same|a new} number?",
                    "The same number, so it replaces the old one in your records. The PDF notes the date it was regenerated.",
                ),
            ),
            Intent(
                asks=[
                    "{Do|Can} you {issue|send} invoices {for bank transfer|we can pay by bank transfer}?",
                    "{Our finance team|We} can't pay by card. {Other options?|Can we pay by invoice?}",
                ],
                body="Bank transfer is available on yearly Team and Business plans, with 30-day payment terms{ and our bank details printed on the invoice|}. {Monthly plans|Other plans} need a card or PayPal{, because the amounts are too small for transfer fees to make sense|}.",
                alt="{Yearly Team and Business plans can pay by bank transfer|Bank transfer works for yearly Team and Business plans}, {on|with} 30-day terms{, with our bank details on the invoice|}. {Monthly plans need|Anything monthly needs} a card or PayPal{, as transfer fees would eat most of the payment|}.",
                follow=(
                    "Can we {switch|move} to bank transfer {from now on|for the next renewal}?",
                    "On a yearly Team or Business plan, yes: choose Pay by invoice under Settings > Billing > Payment method before the renewal date, and the next invoice arrives with our bank details and 30-day terms.",
                ),
            ),
            Intent(
                asks=[
                    "{Why is there {tax|VAT|sales tax} on {my|our} invoice|Why does {my|our} invoice show {tax|VAT|sales tax}}{ in <city>|}?",
                    "{The total|My invoice} is {higher than|more than} the <price> {on the website|list price}.",
                ],
                body="We charge the VAT or sales tax due where you live, which is why the total can differ from the plan's list price{ of <price>|}. {Businesses|Business customers} with a valid VAT number in the EU or UK {aren't charged VAT|pay no VAT} {on|under} reverse charge{ once the number is on the account|}.",
                alt="{The tax|The VAT or sales tax} on {the|your} invoice is {whatever is due|what's due} where you live{, which is why it differs from the list price of <price>|}. {EU and UK businesses|Business customers in the EU or UK} with a valid VAT number {are charged under reverse charge|pay no VAT under reverse charge}{ once the number is on the account|}.",
            ),
            Intent(
                asks=[
                    "{Can I|How do I} get all {our|my} invoices for {last year|the year} in one go?",
                    "{Our accountant|The accountant} {needs|wants} every invoice {since|from} <month>.",
                ],
                body="The Download all button on Payment history gives you a zip of every invoice for the period you choose{, named by date and number|}. {It's|That's} {usually|generally} {the easiest|the quickest} way to {hand|send} {a year|everything} to {an accountant|your accountant}.",
                alt="{Use|Try} {Download all|the Download all button} on Payment history: {choose a date range|pick the period} and {you get|it gives you} {one zip of invoices|a zip with every invoice}{, named by date and number|}. {That's|It's} {the easiest way|the simplest way} to {send|give} {a year's worth|everything} to {your accountant|an accountant}.",
                steps=[
                    "{Open|Go to} Settings > Billing > Payment history.",
                    "{Choose|Set} the date range.",
                    "{Click|Choose} Download all.",
                ],
            ),
            Intent(
                asks=[
                    "Can invoices {go|be sent} to our accounts team instead of me?",
                    "{How do I|Can I} add a billing contact{ for <company>|}?",
                ],
                body="Billing contacts get a copy of every invoice without needing access to files or admin settings. {You can|It's possible to} add {several|more than one}{, for example a shared finance inbox and your accountant|}.",
                alt="{Add|Set up} a billing contact and {they'll receive|they get} every invoice{ automatically|} without {access to|seeing} {your files|any files} or admin settings. {Several are allowed|You can have more than one}{, such as a finance inbox plus your accountant|}.",
                steps=[
                    "{Open|Go to} Settings > Billing > Billing contacts.",
                    "{Add|Enter} your accounts team's address.",
                    "{Tick|Choose} Send invoices to this contact.",
                ],
            ),
            Intent(
                asks=[
                    "{Can I get|Can you issue} invoices in {euros|pounds|Canadian dollars}{ instead of US dollars|}?",
                    "{Why are|How come} {my|our} invoices in {dollars|the wrong currency}?",
                ],
                body="{Invoices use|The invoice currency follows} the currency of your billing country{, set under Invoice details|}, {so|which means} {a US address|an old address} {keeps them|leaves them} in dollars. Once the country is updated, {future invoices switch|the next invoice switches} to the new currency{; past ones stay as they were issued|}.",
                alt="{The billing country decides|Your billing country sets} the invoice currency{, so a US or old address means dollars|}. {Update the country under Invoice details|Correct the country} and {the next invoice switches|future invoices switch} {over|to your currency}{, while past ones stay as issued|}.",
            ),
            Intent(
                asks=[
                    "{Can you|Could you} {add|put} our {PO|purchase order} number on {the|our} invoice?",
                    "{Our finance team|Accounts} {needs|wants} a {purchase order|PO} {reference|number} on every invoice.",
                ],
                body="{There's a|You'll find a} PO number field under Settings > Billing > Invoice details{, and it's printed on every invoice from then on|}. {For an invoice that's already issued|For a past invoice}, add the number and choose Regenerate{ on that invoice|} to get a new PDF.",
                alt="{Put|Enter} the PO number in Settings > Billing > Invoice details and {it's printed|it appears} on {every invoice|all invoices} {after that|from then on}. {Past invoices|Ones already issued} can be regenerated {to include it|with it}.",
                steps=[
                    "{Open|Go to} Settings > Billing > Invoice details.",
                    "{Enter|Add} the PO number and save.",
                    "{Regenerate|Choose Regenerate on} any past invoice that needs it.",
                ],
            ),
            Intent(
                asks=[
                    "{Where is|How do I get} the invoice for {my|the} Home Hub{ I bought on <date>|}?",
                    "Can I get a receipt for {order|Home Hub order} <order>?",
                ],
                body="Hardware {invoices|receipts} {live|are kept} {with the order|on the order page} rather than in {Payment history|subscription billing}: {open|see} Settings > Orders > <order> and {choose|pick} Download invoice. {They include|Each one includes} {the serial number|the device's serial number}{, which is handy for warranty claims|}.",
                alt="{Home Hub invoices|Hardware receipts} {are on the order page|sit with the order}, not {in|under} Payment history: {go to|open} Settings > Orders > <order> and {pick|choose} Download invoice. {The serial number is printed on it|It shows the device's serial number}{, useful for warranty claims|}.",
            ),
            Intent(
                asks=[
                    "{Where do I get|How do I get} {a receipt|an invoice} for {a subscription|the plan} I {bought|pay for} {through|in} the App Store?",
                    "{My|The} App Store {purchase|subscription} {isn't|doesn't show} in Payment history.",
                ],
                body="{Purchases through the App Store|App Store subscriptions} are {billed|invoiced} by Apple, so {the receipt comes from them, not from Nimbus|Apple issues the receipt, not Nimbus|Apple issues the receipt}. {You'll find it|It's} in {your Apple purchase history|the purchase history of your Apple account}, and {we can't|Nimbus can't} show those charges in Payment history.",
                alt="{Apple bills|Apple handles billing for} {App Store subscriptions|subscriptions bought in the App Store}, so {the receipt is theirs to issue, not ours|Apple sends the receipt}. {Look in|Check} your Apple account's purchase history{ for it|}; {those charges|App Store payments} {don't appear|can't appear} in {our|the Nimbus} Payment history.",
            ),
            Intent(
                asks=[
                    "{My|The} invoice {shows|has} my {personal name|own name} but it's for <company>. {Can I fix that?|How do I change it?}",
                    "{We started a company|I registered a business}. {Can invoices show <company>?|How do I switch invoices to <company>?}",
                ],
                body="{Adding a company name|Putting <company> in the company field} under Invoice details {changes|updates} every {new|future} invoice, and {your name stays|your name can stay} as the contact{ if you like|}. {For the year so far|For invoices already issued}, Regenerate {gives|produces} {fresh|new} PDFs {with|showing} <company>{ and the same numbers|}.",
                alt="{Enter <company> in|Add the company name to} Invoice details and {future invoices|every future invoice} {show it|will show it}{, with you as the contact if you like|}. {Invoices already issued|Past invoices} {can be regenerated|regenerate} {with <company> on them|to show <company>}{, keeping the same numbers|}.",
                steps=[
                    "{Open|Go to} Settings > Billing > Invoice details.",
                    "{Enter|Add} <company> {and its address|with its address}.",
                    "{Regenerate|Choose Regenerate on} the invoices {you need|your accountant needs}.",
                ],
            ),
        ],
    ),
    Topic(
        "cancellation",
        acks=[
            "{Happy|Glad} to help with this.",
            "{No problem|Of course}, here's how it works.",
            "Thanks for getting in touch.",
        ],
        details=[
            "I {use|only use} about <used>.",
            "{Money is tight|Budgets are tight} at the moment.",
        ],
        intro=["{Here's how|To cancel}:", "{Steps|Do this}:"],
        intents=[
            Intent(
                asks=[
                    "How do I cancel my <plan> subscription?",
                    "{I want to|I'd like to} {cancel|stop paying for} <plan>{ please|}.",
                ],
                body="Cancelling stops the next renewal, and your plan keeps working until the end of the period you've paid for. {After that|Then} the account moves to the free 5 GB plan{ and nothing is deleted|}.",
                alt="{The plan stays active|You keep your plan} until the end of the paid period; cancelling {only|just} {stops|turns off} the {next|upcoming} renewal. {Then|After that} {the account drops|you move} to the free 5 GB plan{, with nothing deleted|}.",
                steps=[
                    "{Open|Go to} Settings > Billing > Plan{ on the web|}.",
                    "{Choose|Click} Cancel subscription and {pick|choose} a reason.",
                    "{Check|Look for} the confirmation with your end date.",
                ],
                follow=(
                    "{Can I|Could I} get a refund for the rest of the {year|period}?",
                    "Within 14 days of the charge, yes, in full. After that yearly plans aren't refunded, but they keep working until the end of the year, so you still get what you paid for.",
                ),
            ),
            Intent(
                asks=[
                    "If I cancel, {what happens to|do I lose} my files?",
                    "{Will|Do} I keep {<plan_size>|the extra storage} until the end of the {month|billing period} after cancelling?",
                ],
                body="You keep <plan_size> until the end of the paid period{, so there's no rush|}. {After that|Once it ends}, {if you have more than 5 GB|with more than the free 5 GB}, files stay readable {and downloadable|and shareable} but uploads pause{; nothing is deleted|}.",
                alt="{Nothing changes|Nothing happens} {until the period ends|before the end of the paid period}{: <plan_size> stays yours until then|}. {After that|Once it ends}, {anything over 5 GB stays readable|if you're over 5 GB, files stay readable}{ and downloadable|}, {but|though} {uploads pause|new uploads are paused}{, and nothing is deleted|}.",
                follow=(
                    "{What if|And if} I come back {later|next year}?",
                    "Everything is where you left it. Subscribe again from Settings > Billing > Plan and uploads resume straight away.",
                ),
            ),
            Intent(
                asks=[
                    "I {cancelled|thought I cancelled} {on <date>|last month} but I was still charged <amount>.",
                    "{Why was I charged|How was I billed} <amount> after cancelling{ on <date>|}?",
                ],
                body="{Sorry about that|Apologies for the charge}. A charge after cancelling {usually|normally} means the cancellation wasn't confirmed{, for example if the page was closed before the last step|}, or the subscription was on a different account. If you {have|received} the confirmation message, the refund is automatic once the support team sees {it|the confirmation date}.",
                alt="{Apologies for that|Sorry about the charge}. {Usually it means|This normally means} {the cancellation didn't complete|the last step of the cancellation was missed}{, for instance the page closed too early|}, or {the plan is on another account|the subscription belongs to a different account}. {With the confirmation message in hand|If you have the confirmation}, {the refund is automatic|we refund it automatically} {once the support team sees it|once our team has seen it}.",
                steps=[
                    "{Search|Look in} your inbox for the cancellation confirmation.",
                    "{Check|Sign in to} any other account you might have{ and look under Billing|}.",
                    "{Reply here|Send the details through the Help page} with the date{ of the confirmation|}.",
                ],
            ),
            Intent(
                asks=[
                    "Can I {pause my subscription|put my subscription on hold} {instead of cancelling|for a few months}?",
                    "{I won't need|I don't need} Nimbus {over the summer|for a few months}. {Any option besides cancelling?|Can I freeze it?}",
                ],
                body="You can pause a Personal or Plus plan for up to three months once a year{, keeping your storage|}. {While it's paused|During the pause}, files stay readable but uploads {and sync|} are paused{, and we remind you a week before it resumes|}.",
                alt="{Personal and Plus can be paused|A Personal or Plus plan can be paused} {for up to three months|for as long as three months}, once a year{, and your storage is kept|}. {Files stay readable during the pause|During the pause you can still open everything}{, uploads wait|, but uploads stop}{, and a reminder arrives a week before it resumes|}.",
                steps=[
                    "{Open|Go to} Settings > Billing > Plan.",
                    "{Choose|Click} Pause instead of Cancel and pick a length.",
                    "{Confirm|Save}.",
                ],
            ),
            Intent(
                asks=[
                    "{I cancelled|We cancelled} by mistake. {How do I undo it?|Can I reactivate?}",
                    "{Can I|How do I} {take back|reverse} {my|the} cancellation{ from <date>|}?",
                ],
                body="Reactivating before the period ends simply undoes the cancellation, with no new charge{ and no change to your renewal date|}. {After the end date|If the period has already ended}, subscribing again {works|is just as easy} and your files {are exactly where you left them|haven't moved}.",
                alt="{As long as the period hasn't ended|Before the period ends}, {reactivating|undoing it} {just|simply} {cancels the cancellation|reverses the cancellation}{, with no charge and the same renewal date|}. {If it has already ended|After the end date}, {just subscribe again|subscribing again works too}; {your files haven't gone anywhere|everything is still where you left it}.",
                steps=[
                    "{Open|Go to} Settings > Billing > Plan.",
                    "{Choose|Click} Reactivate{ on the banner|}.",
                ],
            ),
            Intent(
                asks=[
                    "How do I cancel {a subscription|the plan} I bought {through the App Store|in the iPhone app}?",
                    "{I subscribed|I signed up} {through|in} the {iOS app|iPhone app}. {How do I cancel?|Where's the cancel button?}",
                ],
                body="Subscriptions bought in the App Store are billed by Apple, so they {must|have to} be cancelled {there|with Apple}, not in Nimbus{; we can't see or change them|}. {The plan|Your plan} {keeps working|stays active} until the end of the period Apple charged for.",
                alt="{Apple handles|Apple bills} {subscriptions bought in the App Store|App Store subscriptions}, so {cancel it|they're cancelled} {with Apple|in your Apple settings} {rather than|and not} in Nimbus{; we can't change them from our side|}. {You keep the plan|The plan keeps working} {until|to} the end of the period Apple charged for.",
                steps=[
                    "{Open|Go to} Settings on your <device>, then your name > Subscriptions.",
                    "{Choose|Tap} Nimbus Drive and then Cancel subscription.",
                    "{Check|Note} the end date shown.",
                ],
            ),
            Intent(
                asks=[
                    "How do I cancel {a subscription|the plan} I bought through Google Play?",
                    "{I pay|We pay} through Google Play on my <device>. {How do I stop it?|Where do I cancel?}",
                ],
                body="Google Play subscriptions are billed by Google, so {they must|yours has to} be cancelled in the Play Store{ rather than in Nimbus|}. {Nothing changes|Your files don't change} {until|before} the end of the {paid period|period you've paid for}{, and you can resubscribe any way you like later|}.",
                alt="{Google bills|Google handles} {Play Store subscriptions|subscriptions bought through Google Play}, so {cancelling happens|you cancel} in the Play Store{, not in Nimbus|}. {Your plan and files stay as they are|Nothing changes} until the {paid period|period you've paid for} {ends|runs out}{, and you can resubscribe however you like later|}.",
                steps=[
                    "{Open|Launch} the Play Store and tap your profile picture.",
                    "{Choose|Go to} Payments and subscriptions > Subscriptions.",
                    "{Pick|Select} Nimbus Drive and tap Cancel subscription.",
                ],
            ),
            Intent(
                asks=[
                    "{I want to|We need to} cancel the <team_plan> plan for <company>. {What's involved?|How?}",
                    "{How do we close|Closing} {our|the} <team_plan> account{ at <company>|}{?| - what happens to members?}",
                ],
                body="Cancelling a Team plan needs the owner, and members keep access until the end of the paid period. {It's worth|We suggest} {asking everyone to move|having people move} personal files to their own accounts first{, since team folders close with the plan|}.",
                alt="{Only the owner can cancel a Team plan|A Team plan is cancelled by its owner}, and {members keep access|everyone keeps access} {to|until} the end of the paid period. {Ask people to move|Have people move} {personal files|anything personal} {to their own accounts|into their own accounts} {beforehand|first}{, because team folders close with the plan|}.",
                steps=[
                    "{Open|Go to} Admin console > Billing{ as the owner|}.",
                    "{Choose|Click} Cancel plan and {review|read} the summary.",
                    "{Confirm|Re-enter your password to confirm}.",
                ],
            ),
            Intent(
                asks=[
                    "{How do I|Can I} cancel {during|before the end of} the free trial{ so I'm not charged|}?",
                    "{I started|I began} the <other_plan> trial {on <date>|last week}. {How do I stop it before I pay?|Cancel before it charges?}",
                ],
                body="If you cancel during the trial, {nothing is charged|you're not charged}{ at all|}, and you keep {the extra space|<other_size>} {until the trial ends|to the end of the 14 days}. {After that|Then} the account {goes back to|returns to} {free|the free plan}{; anything over 5 GB stays readable|}.",
                alt="{Cancel during the trial and|During the trial, cancelling means} {you won't be charged|nothing is charged}{ at all|}, {and you still have|with} <other_size> {until the trial ends|for the rest of the 14 days}. {Afterwards|Then} {you're back on|the account returns to} the free plan{, and anything over 5 GB stays readable|}.",
                steps=[
                    "{Open|Go to} Settings > Billing > Plan.",
                    "{Choose|Click} Cancel trial.",
                    "{Check|Note} the end date {in|on} the confirmation.",
                ],
            ),
            Intent(
                asks=[
                    "{Can I|How do I} cancel just the storage add-on and keep <plan>?",
                    "I {only|just} want to {drop|remove} the extra 500 GB{, not the plan|}.",
                ],
                body="{Add-ons can be removed on their own|You can remove an add-on by itself}, and <plan> {carries on|continues} {unchanged|as before}. {The add-on|It} {stays|remains} until the end of the {period|month} {you've paid for|already paid}{, so remove it whenever suits you|}{, as long as you're under <plan_size> without it|}.",
                alt="{The add-on can go|You can drop the add-on} {on its own|by itself}{ while <plan> continues unchanged|, and <plan> carries on}. {It stays until|You keep it until} the end of the {month|period} {already paid|you've paid for}{, as long as you're under <plan_size> without it|}.",
                steps=[
                    "{Open|Go to} Settings > Storage.",
                    "{Choose|Click} Manage add-ons.",
                    "{Remove|Cancel} the add-on and confirm.",
                ],
            ),
            Intent(
                asks=[
                    "I cancelled {but|and} my plan still says active{ until <date2>|}. {Did it work?|Is that right?}",
                    "{Why does {my account|Billing} still {say|show}|How come {my account|Billing} still {says|shows}} <plan> after {I cancelled|cancelling}?",
                ],
                body="{That's expected|That's normal}: {a cancelled plan|the plan} {stays active|keeps working} until the end of the period you paid for{, shown as Active until <date2>|}, and {then|only then} {moves|switches} to free. {No further charges happen|Nothing more is charged}{, and the renewal date is gone from Billing|}.",
                alt="{That's how it should look|That's normal}: {the plan runs|your plan stays active} {until the end of the period you paid for|to the end of the paid period}{, shown as Active until <date2>|}, {then|and then} {switches|moves} to free. {There won't be any more charges|No more charges are taken}{, and the renewal date has gone from Billing|}.",
            ),
            Intent(
                asks=[
                    "{What happens to my shared links if I cancel|Do my shared links still work after I cancel}{?| <plan>?}",
                    "{Will|Do} {people I shared with|my shares} lose access {when|after} I cancel?",
                ],
                body="Links and shares {keep working|carry on working} after {cancelling|you cancel}{, because the free plan supports them too|}. The exceptions are {link passwords and expiry dates|passwords and expiry dates on links}, which {are paid features|need a paid plan}, so {those links become plain links|those settings are removed} at the end of the period.",
                alt="{Your links and shares carry on|Shares and links keep working} after {cancelling|you cancel}{, since the free plan supports them|}. {Only|Just} {link passwords and expiry dates|passwords and expiry dates on links} {are paid features|need a paid plan}, {so|and} {they're removed|those settings drop off} at the end of the period.",
            ),
            Intent(
                asks=[
                    "What happens to {my family|the other members} if I cancel our Family plan?",
                    "Will {the other members|my family} lose {their|their own} files if I cancel the Family plan?",
                ],
                body="{Nobody loses anything|No one loses their files}: {when the Family plan ends|at the end of the period}, {each member|every member} {moves|goes} to {a free plan|the free plan} {with their own files|and keeps everything}. Anyone over 5 GB {keeps read access|can still open everything} and can {join another family|start their own plan} {to keep uploading|if they want to keep uploading}.",
                alt="{No one loses their files|Everyone keeps their files}: {when the Family plan ends|at the end of the period}, {each member|every member} {moves|goes} to the free plan {with their own things|with everything they had}. {Members over 5 GB keep read access|Anyone over 5 GB can still open everything}, {and can join another family or start their own plan|and can start their own plan} {to keep uploading|if they want to upload}.",
            ),
        ],
    ),
    Topic(
        "mobile",
        acks=[
            "Happy to help with the mobile app.",
            "Good question.",
            "Let's get the app sorted.",
        ],
        details=[
            "{I'm on|I use} my <device>.",
            "I'm on the latest version{ of the app|}.",
        ],
        intro=["{Try this|Here's what to check}:", "{On your phone|Steps}:"],
        intents=[
            Intent(
                asks=[
                    "Camera uploads on my <device> {stopped on <date>|haven't worked since <date>|aren't working}.",
                    "{Why does|Does} camera upload only {work|run} when the app is open?",
                ],
                body="Phones limit background activity to save battery, so uploads can pause when the app is closed or in {Low Power|battery saver} mode. {Giving Nimbus|Allowing} background refresh {and|plus} {access to all photos|full photo access} {fixes it|sorts it out} {in most cases|most of the time}.",
                alt="{To save battery|For battery life}, {phones restrict|your phone limits} what apps do in the background, {so uploads can stall|which can pause uploads} when Nimbus is closed or in {Low Power|battery saver} mode. {Turning on background refresh|Background refresh} {plus|and} {full photo access|access to all photos} {fixes it|sorts it} {most of the time|in most cases}.",
                steps=[
                    "Open the Nimbus app and {go to|tap} Settings > Camera upload.",
                    "{Make sure|Check} Camera upload is on and {allow|grant} access to all photos.",
                    "{Turn on|Allow} background refresh for Nimbus in your phone's settings.",
                ],
                follow=(
                    "{It's|It is} still stuck on the same photo.",
                    "That photo may be damaged or still in iCloud or Google Photos. Tap it in the upload queue and choose Skip; the rest of the queue continues, and you can retry that one later.",
                ),
            ),
            Intent(
                asks=[
                    "{How do I|Can I} back up {only|just} photos, not videos, from my phone?",
                    "{Can I|How do I} stop {videos|camera upload} using my mobile data?",
                ],
                body="Camera upload can be set to photos only, and videos can wait until you're on Wi-Fi and charging{, which keeps your data plan safe|}. {Both settings|These options} {are|sit} {together|in one place} in the app{ and apply straight away|}.",
                alt="{Camera upload has a photos-only option|There's an option for photos only}, and videos can {wait for|hold off until} Wi-Fi and charging{ so your data plan is safe|}. {Both are|These are} {in the app's settings|together in the app}{ and take effect straight away|}.",
                steps=[
                    "{Go to|Open} Settings > Camera upload in the app.",
                    "{Turn off|Switch off} Include videos{ if you only want photos|}.",
                    "{Choose|Turn on} Only on Wi-Fi and while charging.",
                ],
            ),
            Intent(
                asks=[
                    "The {mobile|Nimbus} app {crashes|closes} when I open <folder> on my <device>.",
                    "{The app keeps crashing|Nimbus keeps closing} on my <device>{ since the update|}.",
                ],
                body="A crash when opening one folder is usually caused by a single unusual file{, like a very large image or a damaged video|}, and the latest app update handles {most of these|those} better. Clearing the cache {also|} {removes|gets rid of} {any|a} {broken|corrupted} preview{ that might be the trigger|}.",
                alt="{When one folder crashes the app|If the app crashes on one folder}, {it's usually a single unusual file|a single odd file is usually to blame}{, such as a huge image or a damaged video|}, and {the latest update|the newest version} {copes much better|handles that better}. {Clearing the cache|A cache clear} {also gets rid of|removes} {any broken preview|a corrupted preview} {that might be triggering it|that could be the trigger}.",
                steps=[
                    "{Update|Install the latest version of} the app from your app store.",
                    "{Tap|Go to} Settings > Advanced > Clear cache.",
                    "{Open|Try} <folder> again.",
                ],
            ),
            Intent(
                asks=[
                    "Can I use the app {offline|without internet} on my <device>?",
                    "{I'm flying|I'll be on a plane} {on <date>|next week}. {Can I|How do I} {read|open} my files {offline|without signal}?",
                ],
                body="Folders marked Available offline open without a connection, and changes sync the next time you're online. {It's best to|Do} {mark|set} them {on Wi-Fi|while you're on Wi-Fi} {beforehand|ahead of time}{, since large folders take a while to download|}.",
                alt="{Mark folders|Set folders to} Available offline and {they'll open|they open} {with no connection|without signal}{; edits sync when you're back online|, syncing changes later}. {Do it on Wi-Fi|Mark them while on Wi-Fi} {before you go|ahead of time}{, as big folders take a while|}.",
                steps=[
                    "{Tap|Press} the three dots next to <folder>.",
                    "{Choose|Turn on} Available offline.",
                    "{Wait|Check} for the green tick{ before you leave|}.",
                ],
            ),
            Intent(
                asks=[
                    "Photos uploaded from my <device> {look blurry|are low quality} on the web.",
                    "Did my {photos|pictures} get {compressed|shrunk} {when|after} {uploading|backing up}?",
                ],
                body="Previews on the web are compressed to load fast, but the original full-quality file is what's stored and downloaded. {Downloading one|Opening a photo in full size} {shows|will show} the original resolution{, and Keep originals makes sure edited photos are saved in full too|}.",
                alt="{The web shows compressed previews|What you see on the web is a compressed preview} so {pages load quickly|it loads fast}{; the original at full quality is what's stored|, but the full-quality original is what we store}. {Download the photo|Open it full size} {to see|and you'll see} the original resolution{, and Keep originals saves edited photos in full too|}.",
            ),
            Intent(
                asks=[
                    "How do I {free up space on|clear space from} my phone {with|using} Nimbus?",
                    "{My|The} <device> is full. {Can Nimbus help?|Can I delete photos that are already backed up?}",
                ],
                body="Free up space removes photos from the phone once they're safely backed up, and they stay in Nimbus. It shows you the list before deleting anything{, and skips anything not yet uploaded|}.",
                alt="{Free up space|The Free up space tool} {deletes|removes} {photos|pictures} from your phone {only once they're backed up|once they're safely in Nimbus}, {where they stay|and they stay in Nimbus}. {You see the list|It shows you the list} {before anything is deleted|first}{, and it skips anything not uploaded yet|}.",
                steps=[
                    "{Open|Go to} Settings > Free up space in the app.",
                    "{Review|Check} the list{ of photos it will remove|}.",
                    "{Tap|Choose} Remove from device.",
                ],
            ),
            Intent(
                asks=[
                    "{My|The} app is stuck on {uploading 1 of <count>|waiting for Wi-Fi}.",
                    "{Uploads|The queue} {won't start|never starts} on mobile data.",
                ],
                body="Waiting for Wi-Fi means Use mobile data for uploads is off, which is the default to protect your data plan. {Turning it on|Switching it on} {starts the queue|gets things moving} {straight away|at once}{, or you can simply wait until you're on Wi-Fi|}.",
                alt="{That message means|Waiting for Wi-Fi means} {mobile data uploads are turned off|Use mobile data for uploads is off}, {the default|which is the default}{, to protect your data plan|}. {Switch it on|Turn it on} {to start the queue right away|and the queue starts at once}{, or just wait for Wi-Fi|}.",
                after="{The upload queue screen|The queue screen in Settings} shows exactly which photo is waiting and why.",
            ),
            Intent(
                asks=[
                    "{Can|Does} the Android app {save|store} offline files {on|to} my SD card?",
                    "{Where|How} {are|do} offline files {stored|get stored} on my <device>?",
                ],
                body="On Android, offline files can live on an SD card: {choose|the setting is} Storage location under Settings > Offline{, then pick the card|}. {On iPhone|On iOS} they {stay|live} in the app's own storage{, which the system manages|}{, and clearing them never touches the originals in Nimbus|}.",
                alt="{Android can keep offline files on an SD card|On Android you can store offline files on an SD card}{: pick Storage location under Settings > Offline|, under Settings > Offline > Storage location}. {iPhones keep them|On iPhone they stay} in the app's own storage{, managed by iOS|}{; clearing them never touches what's in Nimbus|}.",
            ),
            Intent(
                asks=[
                    "{How do I|Can I} save {an attachment|a file} {from another app|from my email app} {into|to} Nimbus on my phone?",
                    "{Nimbus doesn't show up|I can't find Nimbus} {in|on} the share {menu|sheet}{ on my <device>|}.",
                ],
                body="Nimbus {appears|shows up} in the share {sheet|menu} of {other apps|most apps} once it's installed and {you've signed in|signed in}; {pick|choose} Save to Nimbus and {choose|select} a folder. {If it's missing|If you can't see it}, {it may be hidden|it's probably hidden} {under|behind} More{ on iPhone|}{, where you can add it to your favourites|}.",
                alt="{Once you're signed in, Nimbus shows up|After signing in, Nimbus appears} in {most apps'|the} share {sheet|menu}: {choose|tap} Save to Nimbus and pick a folder. {Can't see it? It may be|If it's not there, it may be} {hidden|tucked} under More{ on iPhone|}{, where you can add it to your favourites|}.",
                steps=[
                    "{Tap|Open} Share in the other app.",
                    "{Scroll|Swipe} to the end and {tap|choose} More.",
                    "{Turn on|Add} Nimbus{ and move it up the list|}.",
                ],
            ),
            Intent(
                asks=[
                    "{Can I|How do I} scan {documents|receipts|paper documents} {with|in} the Nimbus app?",
                    "{Is there|Do you have} a {document scanner|scan feature}{ in the app|}?",
                ],
                body="{The app has|There's} a built-in scanner{ on both iPhone and Android|}: tap the plus button and choose Scan document. It straightens pages automatically{, saves them as one searchable PDF|} and lets you pick the folder.",
                alt="{There's a scanner built into the app|The app includes a scanner}{ on iPhone and Android|}: {use|tap} the plus button, then Scan document. {Pages are straightened automatically|It straightens pages for you}{ and saved as one searchable PDF in the folder you pick|}.",
                steps=[
                    "{Tap|Press} the plus button and {choose|pick} Scan document.",
                    "{Hold|Point} the phone over each page{ until it captures|}.",
                    "{Tap|Choose} Save and {pick|select} a folder.",
                ],
            ),
            Intent(
                asks=[
                    "{Can I|How do I} lock the Nimbus app with {Face ID|my fingerprint|a passcode}?",
                    "{My kids use|Other people use} my <device>. {Can I lock Nimbus?|Is there an app lock?}",
                ],
                body="{The app lock|App lock} {asks for|requires} {Face ID, a fingerprint or a passcode|your face, fingerprint or a passcode} {every time|whenever} Nimbus {opens|is opened}{, even if the phone itself is unlocked|}. {It's|You'll find it} under Settings > Security in the app{, with an option to lock again after a few minutes in the background|}.",
                alt="{Turn on|Switch on} App lock {under|in} Settings > Security in the app, and Nimbus {asks for|needs} {Face ID, a fingerprint or a passcode|your face, fingerprint or passcode} {each time it opens|every time it's opened}{, even on an unlocked phone|}{. You can also make it lock again after a few minutes in the background|}.",
                steps=[
                    "{Open|Go to} Settings > Security in the app.",
                    "{Turn on|Switch on} App lock.",
                    "{Choose|Pick} how soon it locks again{ after you leave the app|}.",
                ],
            ),
            Intent(
                asks=[
                    "Camera upload {also|} {backs up|uploads} {all my screenshots|every screenshot}. {Can I stop that?|How do I exclude them?}",
                    "{Can I|How do I} {skip|exclude} {screenshots|WhatsApp images} from camera upload?",
                ],
                body="{Camera upload can skip screenshots|There's a Skip screenshots switch}{, and on Android you can also pick which folders it watches, so WhatsApp and download folders can be left out|}. {Anything already uploaded stays until you delete it|Screenshots already backed up stay in Nimbus until you delete them}.",
                alt="{Turn on|Switch on} Skip screenshots {in|under} camera upload settings{; on Android you can also choose which folders it watches, so WhatsApp or download folders stay out|}. {Screenshots that already went up stay until you delete them|Anything already uploaded stays in Nimbus until you remove it}.",
                steps=[
                    "{Open|Go to} Settings > Camera upload in the app.",
                    "{Turn on|Switch on} Skip screenshots.",
                    "{On Android|On an Android phone}, {choose|tap} Folders and {untick|clear} the ones you don't want.",
                ],
            ),
        ],
    ),
]


# ---------------------------------------------------------------------------------------------------------------
# Building support examples


@dataclass
class Example:
    topic: str
    messages: list[dict[str, str]]
    intent: Intent | None = None
    slots: dict[str, str] = field(default_factory=dict)

    @property
    def prompt(self) -> str:
        return "\n\n".join(m["content"] for m in self.messages if m["role"] == "user")

    @property
    def reply(self) -> str:
        return "\n\n".join(m["content"] for m in self.messages if m["role"] == "assistant")

    def record(self) -> dict[str, Any]:
        return {"messages": self.messages}

    def text(self) -> str:
        """The conversation as the duplicate checks compare it: every turn but the system prompt, with its role."""
        return "\n".join(f"{m['role']}: {m['content']}" for m in self.messages if m["role"] != "system")


def _casual(rng: random.Random, text: str) -> str:
    """Some people type in lower case and skip the final full stop."""
    r = rng.random()
    if r < 0.09:
        return text.lower().rstrip(".")
    if r < 0.13:
        return text.rstrip(".!")
    return text


ACKS = [
    "Thanks for getting in touch.",
    "Thanks for reaching out{ about this|}.",
    "{Happy|Glad} to help with this.",
    "Thanks for the question.",
    "Good question.",
]
PROPER = {"I", "I'm", "I've", "I'd", "Nimbus", "Google", "Apple", "Android", "Okta", "Microsoft", "YubiKey", "UPS"}


def _join_greeting(greeting: str, rest: str, slots: dict[str, str]) -> str:
    """Greetings that end with a comma run on into the message, so its first word is lower-cased."""
    if not greeting:
        return rest
    if greeting.endswith(","):
        first = rest.split(" ", 1)[0]
        names = {v.split(" ", 1)[0] for v in slots.values()}
        if first not in PROPER and first not in names and (first == "A" or first[1:].islower()):
            rest = rest[:1].lower() + rest[1:]
    return greeting + " " + rest


def make_question(rng: random.Random, topic: Topic, intent: Intent, slots: dict[str, str]) -> str:
    ask = fill(rng, rng.choice(intent.asks), slots)
    parts = [ask]
    if topic.details and rng.random() < 0.35:
        detail = fill(rng, rng.choice(topic.details), slots)
        before = detail.startswith(("I'm", "I've", "I have", "We", "My", "Our", "I use", "Right now"))
        parts = [detail, ask] if before and rng.random() < 0.4 else [ask, detail]
    signoff = fill(rng, rng.choice(SIGNOFFS), slots)
    text = _join_greeting(fill(rng, rng.choice(GREETINGS), slots), " ".join(parts), slots)
    return _casual(rng, text + (" " + signoff if signoff else ""))


def _lower_first(s: str) -> str:
    word = s.split()[0] if s.split() else ""
    return s[:1].lower() + s[1:] if word.isalpha() and word[1:].islower() else s


def _steps(rng: random.Random, topic: Topic, steps: list[str], slots: dict[str, str]) -> str:
    seq = [fill(rng, s, slots) for s in steps]
    if rng.random() < 0.25 and len(seq) <= 3:
        body = [_lower_first(x).rstrip(".") for x in seq]
        joiner = rng.choice([", then ", "; then ", ", and then "])
        return cap(joiner.join(body[:-1]) + rng.choice([", and finally ", "; after that, ", ", and "]) + body[-1] + ".")
    intro = fill(rng, rng.choice(topic.intro), slots) if topic.intro and rng.random() < 0.5 else ""
    lines = [f"{i}. {s}" for i, s in enumerate(seq, 1)]
    return (intro + "\n" if intro else "") + "\n".join(lines)


def make_reply(rng: random.Random, topic: Topic, intent: Intent, slots: dict[str, str], full: bool = False) -> str:
    """A reply in the house style; `full` includes every optional part (for long examples)."""
    first = fill(rng, intent.alt if intent.alt and rng.random() < 0.5 else intent.body, slots)
    if full or rng.random() < 0.45:
        ack = rng.choice(topic.acks) if rng.random() < 0.7 else rng.choice(ACKS)
        first = fill(rng, ack, slots) + " " + first
    paras = [first]
    if intent.steps and (full or rng.random() < 0.85):
        paras.append(_steps(rng, topic, intent.steps, slots))
    if intent.after and (full or rng.random() < 0.7):
        paras.append(fill(rng, intent.after, slots))
    if full or rng.random() < 0.4:
        closing = fill(rng, rng.choice(CLOSES), slots)
        if "\n" not in paras[-1] and rng.random() < 0.5:
            paras[-1] += " " + closing
        else:
            paras.append(closing)
    return "\n\n".join(paras)


def make_example(rng: random.Random, topic: Topic, multi_share: float = 0.55, full: bool = False) -> Example:
    """One conversation; `full` picks an intent with steps and a follow-up and writes the longest form of it."""
    slots = make_slots(rng)
    intents = [i for i in topic.intents if i.steps and i.follow] if full else topic.intents
    intent = rng.choice(intents)
    messages = [
        {"role": "system", "content": SYSTEM_PROMPT},
        {"role": "user", "content": make_question(rng, topic, intent, slots)},
        {"role": "assistant", "content": make_reply(rng, topic, intent, slots, full)},
    ]
    if intent.follow and (full or rng.random() < multi_share):
        q2 = _casual(rng, fill(rng, intent.follow[0], slots))
        a2 = fill(rng, intent.follow[1], slots)
        messages += [{"role": "user", "content": q2}, {"role": "assistant", "content": a2}]
    return Example(topic.name, messages, intent, slots)


class Pool:
    """Examples kept only when they are not too close to any example already kept."""

    def __init__(self, max_prompt: float = 0.6, max_reply: float = 0.5) -> None:
        self.max_prompt = max_prompt
        self.max_reply = max_reply
        self.prompts: set[str] = set()
        self.seen: list[tuple[dict[str, frozenset[Any]], dict[str, frozenset[Any]], dict[str, frozenset[Any]]]] = []

    def fits(self, ex: Example) -> bool:
        if norm(ex.prompt) in self.prompts:
            return False
        p, r, t = shingles(ex.prompt), shingles(ex.reply), shingles(ex.text())
        for sp, sr, st in self.seen:
            if (
                similarity(p, sp) >= self.max_prompt
                or similarity(r, sr) >= self.max_reply
                or similarity(t, st) >= self.max_reply
            ):
                return False
        return True

    def add(self, ex: Example) -> None:
        self.prompts.add(norm(ex.prompt))
        self.seen.append((shingles(ex.prompt), shingles(ex.reply), shingles(ex.text())))


def draw(
    rng: random.Random,
    pool: Pool,
    topic: Topic,
    accept: Callable[[Example], bool] | None = None,
    full: bool = False,
) -> Example:
    for _ in range(400):
        ex = make_example(rng, topic, full=full)
        if pool.fits(ex) and (accept is None or accept(ex)):
            pool.add(ex)
            return ex
    raise RuntimeError(f"could not draw a distinct example for topic {topic.name}")


def support_examples(rng: random.Random, n: int, pool: Pool) -> list[Example]:
    order = [TOPICS[i % len(TOPICS)] for i in range(n)]
    rng.shuffle(order)
    return [draw(rng, pool, t) for t in order]


def with_turn(ex: Example, index: int, content: str) -> Example:
    """A copy of `ex` with message `index` rewritten."""
    messages = [dict(m) for m in ex.messages]
    messages[index]["content"] = content
    return Example(ex.topic, messages, ex.intent, ex.slots)


# ---------------------------------------------------------------------------------------------------------------
# Writing


def dumps(record: Any, **kw: Any) -> str:
    return json.dumps(record, ensure_ascii=False, **kw)


def write_jsonl(path: Path, lines: Sequence[str | bytes]) -> None:
    data = b"".join((x if isinstance(x, bytes) else x.encode("utf-8")) + b"\n" for x in lines)
    path.write_bytes(data)


# ---------------------------------------------------------------------------------------------------------------
# support_chat.jsonl and support_chat_v1.jsonl


def support_chat(out: Path) -> tuple[list[Example], Pool]:
    pool = Pool()
    examples = support_examples(random.Random(20250301), 600, pool)
    write_jsonl(out / "support_chat.jsonl", [dumps(e.record()) for e in examples])
    return examples, pool


def support_chat_v1(out: Path, current: list[Example], pool: Pool) -> dict[str, int]:
    """An earlier version: 90 examples not written yet, 30 replies worded differently, 25 examples since removed."""
    rng = random.Random(20250115)
    added_later = set(rng.sample(range(len(current)), 90))
    kept = [i for i in range(len(current)) if i not in added_later]
    single = [i for i in kept if len(current[i].messages) == 3]
    changed = set(rng.sample(single, 30))
    rows: list[Example] = []
    for i in kept:
        ex = current[i]
        if i in changed:
            topic = next(t for t in TOPICS if t.name == ex.topic)
            assert ex.intent is not None
            while True:
                old = make_reply(rng, topic, ex.intent, ex.slots)
                if norm(old) != norm(ex.reply):
                    break
            ex = with_turn(ex, 2, old)
        rows.append(ex)
    for k in range(25):
        rows.insert(rng.randrange(len(rows) + 1), draw(rng, pool, TOPICS[(k * 7) % len(TOPICS)]))
    write_jsonl(out / "support_chat_v1.jsonl", [dumps(e.record()) for e in rows])
    return {"lines": len(rows), "added": len(added_later), "removed": 25, "changed": len(changed)}


# ---------------------------------------------------------------------------------------------------------------
# tiny.jsonl


def tiny(out: Path) -> None:
    rng = random.Random(6)
    pool = Pool()
    picks = rng.sample(TOPICS, 6)
    write_jsonl(out / "tiny.jsonl", [dumps(draw(rng, pool, t).record()) for t in picks])


# ---------------------------------------------------------------------------------------------------------------
# duplicates.jsonl and duplicates_validation.jsonl

CONFLICTS = [
    (
        "Can I get a refund on my yearly Plus plan if I cancel after two months?",
        "Yes. When you cancel a yearly plan early, we refund the months you haven't used, worked out day by day, to "
        "the card or PayPal account you paid with. The refund usually shows up within 5 to 10 business days, and "
        "your account moves to the free plan as soon as it's processed.",
        "Yearly plans can only be refunded within 14 days of the charge, so after two months there's no refund for "
        "the rest of the year. Your Plus plan keeps working until the end of the period you paid for, though, and "
        "cancelling now simply stops the next renewal.",
    ),
    (
        "If I delete a file in the desktop app, is it deleted everywhere?",
        "Yes. Deleting a file from the Nimbus folder on your computer deletes it from Nimbus and from all your other "
        "devices too. It goes to the Trash, where you can restore it for 30 days.",
        "No. Deleting a file from the desktop folder only removes the copy on that computer; the file stays in "
        "Nimbus and on your phone and other computers. To remove it everywhere, delete it on the web.",
    ),
    (
        "How long do you keep files in the Trash?",
        "Files stay in the Trash for 30 days on every plan, and 180 days on Business. After that they're removed for "
        "good, so restore anything you need before then.",
        "We keep deleted files for 90 days. You can restore them from the Trash at any point in those three months, "
        "and emptying the Trash yourself removes them straight away.",
    ),
]
SWAPS = [
    ("usually", "normally"),
    ("often", "frequently"),
    ("quick", "fast"),
    ("within", "in"),
    ("every", "each"),
    ("choose", "select"),
    ("Choose", "Select"),
    ("Pick", "Choose"),
    ("Open", "Go to"),
    ("Go to", "Open"),
    ("message", "email"),
    ("straight away", "right away"),
    ("simply", "just"),
    ("just", "simply"),
    ("only", "just"),
    ("files", "documents"),
    ("your", "the"),
    ("can", "may"),
    ("shows", "displays"),
    ("new", "fresh"),
    ("again", "once more"),
    ("page", "screen"),
]


def edit_words(rng: random.Random, text: str, n: int) -> str | None:
    """`text` with `n` words swapped for near synonyms (None when it has too few candidates)."""

    def pattern(word: str) -> str:
        return rf"(?<![\w']){re.escape(word)}(?![\w'])"

    found = [(a, b) for a, b in SWAPS if re.search(pattern(a), text)]
    if len(found) < n:
        return None
    for a, b in rng.sample(found, n):
        spots = [m.start() for m in re.finditer(pattern(a), text)]
        at = rng.choice(spots)
        text = text[:at] + b + text[at + len(a) :]
    return text


def swap_greeting(prompt: str) -> str:
    """A one-word edit of a user message: its greeting changed, or one added."""
    for a, b in (("Hi,", "Hello,"), ("Hello,", "Hi,"), ("Hey,", "Hi,"), ("Hi there,", "Hello there,")):
        if prompt.startswith(a + " "):
            return b + prompt[len(a) :]
    return _join_greeting("Hi,", prompt, {})


def json_variant(kind: str, rec: dict[str, Any]) -> str:
    """The same record written differently: a copy that normalises to the original."""
    msgs = rec["messages"]
    if kind == "verbatim":
        return dumps(rec)
    if kind == "spacing":
        return json.dumps(rec, ensure_ascii=False, separators=(" ,  ", " :  "))
    if kind == "key-order":
        return dumps({"messages": [{"content": m["content"], "role": m["role"]} for m in msgs]})
    if kind == "case":
        return dumps({"messages": [dict(m, content=m["content"].upper()) if m["role"] == "user" else m for m in msgs]})
    if kind == "whitespace":
        return dumps({"messages": [dict(m, content="  " + m["content"].replace(" ", "  ") + " ") for m in msgs]})
    raise ValueError(kind)


def near_copy(rng: random.Random, ex: Example, words: int, keep_prompt: bool) -> Example | None:
    """A one- or two-word edit of the first reply (and, unless `keep_prompt`, a new greeting in the question)."""
    reply = edit_words(rng, ex.messages[2]["content"], words)
    if reply is None:
        return None
    copy = with_turn(ex, 2, reply)
    if not keep_prompt:
        copy = with_turn(copy, 1, swap_greeting(ex.messages[1]["content"]))
    if similarity(shingles(copy.text()), shingles(ex.text())) < 0.85:
        return None
    return copy


def place(rng: random.Random, items: list[Any], groups: list[list[int]]) -> list[int]:
    """A shuffled order of `items` in which the first member of every group comes before the others."""
    order = list(range(len(items)))
    rng.shuffle(order)
    pos = {item: p for p, item in enumerate(order)}
    for g in groups:
        first = min(g, key=lambda x: pos[x])
        if first != g[0]:
            a, b = pos[g[0]], pos[first]
            order[a], order[b] = order[b], order[a]
            pos[g[0]], pos[first] = b, a
    return order


def duplicates(out: Path) -> dict[str, Any]:
    rng = random.Random(3003)
    pool = Pool()
    topics = [TOPICS[i % len(TOPICS)] for i in range(109)]
    rng.shuffle(topics)
    # 24 long conversations (about 150 words and more) are the sources of near copies and leaked examples
    full_topics = [t for t in TOPICS if any(i.steps and i.follow for i in t.intents)]
    base = [
        draw(rng, pool, full_topics[k % len(full_topics)], accept=lambda e: len(e.text().split()) >= 140, full=True)
        for k in range(24)
    ]
    base += [draw(rng, pool, t) for t in topics[24:]]
    # the longest conversations take the two-word edits
    longish = sorted(range(24), key=lambda i: -len(base[i].text().split()))
    conflict_a = []
    for question, a, _ in CONFLICTS:
        ex = Example(
            "conflict",
            [
                {"role": "system", "content": SYSTEM_PROMPT},
                {"role": "user", "content": question},
                {"role": "assistant", "content": a},
            ],
        )
        pool.add(ex)
        conflict_a.append(len(base))
        base.append(ex)

    lines: list[str] = [dumps(e.record()) for e in base]  # index = item id
    exact_groups: list[list[int]] = []
    near_groups: list[list[int]] = []
    conflict_groups: list[list[int]] = []

    # near copies: 15 (5 two-word and 10 one-word edits of the first reply); each also greets differently, so
    # the question is not the same and the pair is not a conflict
    for i in longish:
        if len(near_groups) == 15:
            break
        copy = near_copy(rng, base[i], 2 if len(near_groups) < 5 else 1, keep_prompt=False)
        if copy is not None:
            lines.append(dumps(copy.record()))
            near_groups.append([i, len(lines) - 1])
    assert len(near_groups) == 15, "not enough long replies for near duplicates"

    # exact copies: 20 redundant lines in 17 groups (one of four lines, one of three)
    kinds = ["verbatim"] * 7 + ["spacing"] * 4 + ["key-order"] * 3 + ["case"] * 3 + ["whitespace"] * 3
    rng.shuffle(kinds)
    taken = {g[0] for g in near_groups}
    candidates = [i for i in range(len(base) - len(CONFLICTS)) if i not in taken and i not in longish[-8:]]
    exact_kinds: dict[int, str] = {}
    for orig, size in zip(rng.sample(candidates, 17), [4, 3] + [2] * 15, strict=True):
        group = [orig]
        for _ in range(size - 1):
            kind = kinds.pop()
            lines.append(json_variant(kind, base[orig].record()))
            group.append(len(lines) - 1)
            exact_kinds[len(lines) - 1] = kind
        exact_groups.append(group)

    # conflicts: the same question answered differently
    for a_id, (_, _, b) in zip(conflict_a, CONFLICTS, strict=True):
        lines.append(
            dumps(
                {"messages": [base[a_id].messages[0], base[a_id].messages[1], dict(base[a_id].messages[2], content=b)]}
            )
        )
        conflict_groups.append([a_id, len(lines) - 1])

    order = place(rng, lines, exact_groups + near_groups + conflict_groups)
    line_of = {item: n + 1 for n, item in enumerate(order)}
    write_jsonl(out / "duplicates.jsonl", [lines[i] for i in order])

    # validation: 25 new examples and 5 leaked from training (3 exact, 2 near)
    val: list[str] = []
    leaks: list[tuple[int, int, str]] = []  # (validation item, training item, kind)
    for k in range(25):
        val.append(dumps(draw(rng, pool, TOPICS[(k * 5) % len(TOPICS)]).record()))
    grouped = {i for g in exact_groups + near_groups + conflict_groups for i in g}
    spare = [i for i in longish if i not in grouped]  # the last eight long replies were kept out of the groups
    for kind in ("verbatim", "key-order", "case"):
        src = spare.pop()
        val.append(json_variant(kind, base[src].record()))
        leaks.append((len(val) - 1, src, kind))
    for words in (1, 2):
        while True:
            src = spare.pop()
            copy = near_copy(rng, base[src], words, keep_prompt=True)
            if copy is not None:
                break
        val.append(dumps(copy.record()))
        leaks.append((len(val) - 1, src, f"near ({words}-word edit)"))
    vorder = list(range(len(val)))
    rng.shuffle(vorder)
    vline = {item: n + 1 for n, item in enumerate(vorder)}
    write_jsonl(out / "duplicates_validation.jsonl", [val[i] for i in vorder])

    def lines_of(groups: list[list[int]]) -> list[list[int]]:
        return sorted(sorted(line_of[i] for i in g) for g in groups)

    return {
        "lines": len(lines),
        "exact": lines_of(exact_groups),
        "exact_kinds": {line_of[i]: k for i, k in exact_kinds.items()},
        "near": lines_of(near_groups),
        "conflicts": lines_of(conflict_groups),
        "validation_lines": len(val),
        "leaks": sorted((vline[v], line_of[t], kind) for v, t, kind in leaks),
    }


# ---------------------------------------------------------------------------------------------------------------
# intents.csv: short customer messages with an intent label, deliberately imbalanced

INTENTS: list[tuple[str, int, list[str]]] = [
    (
        "billing_question",
        300,
        [
            "why was i charged <amount> {on <date>|this month|twice}",
            "{i|I} {see|have} {two|2} charges {for|of} <amount>{ on my card| on my statement|}",
            "what is the <amount> charge {from|on} <date>{?|}",
            "{my|the} {bill|invoice|subscription} went up to <amount>{, why|?|}",
            "{how do i|can i|where do i} {change|update} {the|my} {card|payment method}{ for <plan>|}{?|}",
            "{can i|how do i} pay {yearly|annually} {instead of monthly|for <plan>}{?|}",
            "when {does|will} {my|the} <plan> {plan|subscription} renew{?|}",
            "{i need|can i get|where is} {an|the} invoice for {<date>|<month>|my last payment}",
            "{my|the} card was declined {for|on} {the renewal|<plan>|<date>}",
            "{charged|billed} <amount> {after|even though} {i|I} {downgraded|moved to free}",
            "{do you accept|can i use} {paypal|PayPal|a debit card}{?|}",
            "{can you|please} {add|put} {our|my} {vat|VAT} number on {the|my} invoices",
            "why am i paying in {dollars|USD} {from|in} <city>",
            "{payment failed|billing problem} {message|warning} {but|and} my card {works|is fine}",
            "{we're|we are} billed for <seats> seats{ but only <new_seats> people use it|, too many|}",
            "is there a {student|charity|non-profit} discount{ on <plan>|}",
            "{what does|why does} {my|the} statement say NIMBUS DRIVE <invoice>",
            "{promo|discount} code {didn't work|not applied} {on|for} <plan>",
            "{how much is|price of} <plan> {per month|a year|yearly}{?|}",
            "{send|resend} {receipt|invoice} <invoice>{ please| pls|}",
            "{hi|hello|hey} {quick|} billing question{,|:} {why|how come} {is|was} {my|the} charge <amount>",
            "{need|want} {a copy of|all} {my|our} invoices for {<month>|last year|the year}",
            "{billing|payment} date {changed|moved} to <date>{?|, why}",
        ],
    ),
    (
        "password_reset",
        150,
        [
            "{forgot|can't remember|lost} my password{ again|}",
            "{reset|password reset} {link|email} {never came|not arriving|expired|doesn't work}",
            "{how do i|how can i|need to} reset my password{ on <device>| on the web|}{?|}",
            "{locked out|can't log in|cannot sign in} after {too many attempts|typing the wrong password}",
            "{it|the site} says {invalid token|link expired} when i reset my password",
            "{change|update} my password{ please| now|}{, i think it leaked|}",
            "{i|I} {don't|do not} get the {reset|password} email{ on <device>| in my inbox|}",
            "{someone changed|my password was changed} {and i|and I} can't {log in|get in}",
            "{new|my new} password {is rejected|keeps being rejected|won't save}",
            "{how do i|can i} set a password {for|on} my {google|Google|apple|Apple} {login|sign-in} account",
            "{reset my password|password help} {i'm|im} locked out of <plan>",
            "{stuck|can't get past} the sign in page{ on <browser>|}",
            "{i can't|can't|cannot} {log in|sign in} to {nimbus|my account}{ on <device>| from <browser>|}",
            "{what are|tell me} the password {rules|requirements}",
            "{my|the} password {stopped working|doesn't work anymore}{ after the update| on <device>|}",
            "{help me|please help me} {get back into|access} my account",
            "{i|I} {typed|entered} the wrong password {too many times|five times}{, now locked|}",
            "{is there a way|how} to {log in|sign in} without my old password",
            "{password|login} not working {on|in} <browser>",
            "{got|received} a password changed {email|alert} {that wasn't me|i didn't ask for}",
            "{my|the} {login|sign in} keeps saying wrong password{ on <device>|}",
            "{need|want} a new password for {my|the} <plan> account",
        ],
    ),
    (
        "sync_problem",
        80,
        [
            "{the desktop app|the app on my <computer>|nimbus on my <computer>} {stopped syncing|is not syncing|is stuck}{ since <date>|}",
            "{error|getting error} <code> {in|on} {the desktop app|<os>}",
            "{files|<file>} {won't upload|stuck uploading|not syncing} from <folder>",
            "{why are there|what are} conflicted copies in <folder>",
            "{<file>|my file} {isn't|is not} showing on {the web|my phone}",
            "{sync|syncing} {is slow|takes forever} on <os>",
            "{nimbus|Nimbus} uses {too much|all my} CPU on {my|the} <computer>",
            "{changes|edits} on my <computer> {don't|do not} show up on {my phone|the web}",
            "{selective sync|the sync settings} {won't save|keep resetting} on <os>",
            "{the|my} Nimbus folder {is empty|shows nothing} on {my|the} <computer>",
        ],
    ),
    (
        "cancel_subscription",
        40,
        [
            "{cancel|please cancel|i want to cancel} my <plan> {plan|subscription}",
            "how do i {cancel|stop} {my subscription|paying for <plan>|the renewal}",
            "{stop|turn off} auto renewal{ for <plan>|}",
            "{i'd like|want} to end my <plan> subscription{ before <date>|}",
        ],
    ),
    (
        "upgrade_plan",
        25,
        [
            "{upgrade|move} me to <other_plan>{ please|}",
            "how do i upgrade {from <plan>|to <other_plan>}",
            "{i need|want} more {space|storage} than <plan_size>",
        ],
    ),
    (
        "data_export",
        12,
        [
            "how do i {download|export} {all my files|everything}",
            "{export|download} {my data|the <folder> folder}",
            "{can i get|i need} a copy of {all my data|everything you store}",
            "{move|copy} all my files to {an external drive|google drive}",
        ],
    ),
    (
        "report_outage",
        8,
        [
            "is nimbus down{ right now| in <city>|}",
            "{the site|the web app} {is not loading|won't load}{ since <time>|}",
            "{getting|seeing} error 503 {everywhere|on every page}",
            "{is there|any} {outage|problem on your side} {today|in <region>}",
        ],
    ),
    (
        "delete_account",
        5,
        [
            "delete my account{ please| permanently|}",
            "how do i {close|remove} my nimbus account",
            "i want {my account|all my data} {deleted|removed} for good",
            "{please|} close my account and {erase|remove} my files",
        ],
    ),
]


def intents(out: Path) -> dict[str, int]:
    rng = random.Random(808)
    rows: list[tuple[str, str]] = []
    seen: list[dict[str, frozenset[Any]]] = []
    exact: set[str] = set()
    for label, n, templates in INTENTS:
        made = 0
        tries = 0
        while made < n:
            tries += 1
            if tries > 200 * n:
                raise RuntimeError(f"could not write {n} distinct messages for {label}")
            text = fill(rng, rng.choice(templates), make_slots(rng))
            if rng.random() < 0.35:
                text = cap(text)
            question = text.lower().startswith(("how", "why", "what", "when", "where", "can", "is ", "do ", "does"))
            if question and not text.endswith("?") and rng.random() < 0.5:
                text += "?"
            elif not question and rng.random() < 0.3:
                text += rng.choice([".", "!", " thanks", " please", " pls"])
            sh = shingles(f"user: {text}\nassistant: {label}")  # as the duplicate checks see the example
            if norm(text) in exact or any(similarity(sh, o) >= 0.72 for o in seen):
                continue
            exact.add(norm(text))
            seen.append(sh)
            rows.append((text, label))
            made += 1
    rng.shuffle(rows)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["text", "label"])
    w.writerows(rows)
    (out / "intents.csv").write_bytes(buf.getvalue().encode("utf-8"))
    return {label: n for label, n, _ in INTENTS}


# ---------------------------------------------------------------------------------------------------------------
# malformed.jsonl: valid examples mixed with one of each common record problem


def malformed(out: Path) -> list[tuple[int, str, str]]:
    rng = random.Random(404)
    pool = Pool()
    good = iter(draw(rng, pool, TOPICS[(k * 3) % len(TOPICS)]).record() for k in range(11))
    system = {"role": "system", "content": SYSTEM_PROMPT}
    user = {"role": "user", "content": "Where can I find my invoices?"}
    reply = {"role": "assistant", "content": "Every invoice is under Settings > Billing > Payment history."}
    rows: list[tuple[str | bytes, str, str]] = [
        (dumps(next(good)), "", "valid"),
        (dumps(next(good)), "", "valid"),
        (dumps({"messages": [user, reply]})[:-1], "FT101", "invalid JSON (the closing brace is missing)"),
        (dumps(next(good)), "", "valid"),
        (dumps({"messages": [user, reply]}) + ' {"messages": []}', "FT101", "trailing data after a valid object"),
        (dumps([user, reply]), "FT102", "a JSON array, not an object"),
        (dumps(next(good)), "", "valid"),
        (
            dumps({"messages": [system, {"role": "user", "content": "Can I pay in euros from Caf\udce9 Lyon?"}, reply]})
            .encode("utf-8", "surrogateescape")
            .replace(b"\\udce9", b"\xe9"),
            "FT103",
            "invalid UTF-8 (a Latin-1 byte 0xE9)",
        ),
        (dumps({"message": [system, user, reply]}), "FT104", "no messages key (misspelt 'message')"),
        (dumps({"messages": []}), "FT106", "empty messages list"),
        (dumps(next(good)), "", "valid"),
        (
            dumps({"messages": [system, user, reply, {"role": "customer", "content": "Thanks, found it."}]}),
            "FT108",
            "unknown role 'customer'",
        ),
        (
            dumps({"messages": [system, {"role": "user", "content": 48213}, reply]}),
            "FT109",
            "content is a number",
        ),
        ("", "", "blank line (skipped)"),
        (dumps({"messages": [system, user, {"role": "assistant", "content": ""}]}), "FT110", "empty assistant reply"),
        (dumps(next(good)), "", "valid"),
        (dumps({"messages": [system, user]}), "FT111", "no assistant turn"),
        (dumps({"prompt": user["content"], "completion": reply["content"]}), "FT105", "prompt/completion record"),
        (dumps(next(good)), "", "valid"),
        (dumps({"messages": [system, user, reply]})[:-1] + ', "weight": NaN}', "FT101", "NaN literal"),
        ('{"messages": [], ' + dumps({"messages": [system, user, reply]})[1:], "FT101", "duplicate key 'messages'"),
        (dumps(next(good)), "", "valid"),
        (dumps(next(good)), "", "valid"),
        (dumps(next(good)), "", "valid"),
        (dumps(next(good)), "", "valid"),
    ]
    write_jsonl(out / "malformed.jsonl", [r[0] for r in rows])
    return [(n, code, what) for n, (_, code, what) in enumerate(rows, 1) if code]


# ---------------------------------------------------------------------------------------------------------------


def main(argv: Sequence[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUT
    out.mkdir(parents=True, exist_ok=True)
    current, pool = support_chat(out)
    v1 = support_chat_v1(out, current, pool)
    tiny(out)
    dup = duplicates(out)
    counts = intents(out)
    bad = malformed(out)
    print(f"support_chat.jsonl: {len(current)} examples")
    print(f"support_chat_v1.jsonl: {v1}")
    print("tiny.jsonl: 6 examples")
    print(f"duplicates.jsonl: {dup['lines']} lines")
    print(f"  exact groups: {dup['exact']}")
    print(f"  exact copy kinds: {dup['exact_kinds']}")
    print(f"  near groups: {dup['near']}")
    print(f"  conflicts: {dup['conflicts']}")
    print(
        f"duplicates_validation.jsonl: {dup['validation_lines']} lines, leaked (validation, training, kind): {dup['leaks']}"
    )
    print(f"intents.csv: {counts}")
    for line, code, what in bad:
        print(f"malformed.jsonl line {line}: {code} {what}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
