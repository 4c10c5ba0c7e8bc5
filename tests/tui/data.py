"""Small deterministic datasets for the app tests, with known defects at known lines.

`write_chat(path)` writes chat JSONL: distinct support conversations plus two exact copies, one near duplicate
(one word of a long reply changed), one conflict (the same question with another answer) and one line that is
not JSON. `write_validation(path)` leaks one training example. `write_labels(path)` writes a small imbalanced
classification set.
"""

from __future__ import annotations

import json
from pathlib import Path

SYSTEM = "You are the support assistant for Acme Cloud. Answer plainly and give numbered steps when needed."
TOPICS = [
    ("reset", "my password", "account security"),
    ("export", "my invoices", "billing history"),
    ("share", "a folder", "team sharing"),
    ("restore", "a deleted file", "the recycle bin"),
    ("change", "my plan", "subscription settings"),
    ("enable", "two-step login", "account security"),
    ("download", "my photos", "the media library"),
    ("rename", "a shared drive", "drive settings"),
    ("cancel", "my subscription", "billing"),
    ("move", "files between drives", "the file browser"),
    ("invite", "a new teammate", "team administration"),
    ("update", "my card details", "payment methods"),
    ("recover", "an old version", "version history"),
    ("limit", "upload speed", "sync preferences"),
    ("turn off", "email alerts", "notification settings"),
    ("connect", "a second phone", "device management"),
    ("find", "a lost document", "search"),
    ("merge", "two accounts", "account administration"),
    ("pause", "syncing", "the desktop app"),
    ("unlock", "a locked account", "account recovery"),
    ("transfer", "ownership of a folder", "team sharing"),
    ("archive", "old projects", "storage tiers"),
    ("print", "a receipt", "billing history"),
    ("scan", "a paper document", "the mobile app"),
    ("stop", "auto-renewal", "subscription settings"),
    ("set up", "single sign-on", "enterprise settings"),
    ("check", "storage usage", "the dashboard"),
    ("delete", "my account", "privacy settings"),
    ("add", "a backup email", "account security"),
    ("share", "a link that expires", "link settings"),
]
OPENERS = ["Sure.", "Happy to help.", "Of course.", "Good question.", "No problem."]
STEPS = [
    "Open {where} from the menu in the top right corner of the window.",
    "Choose the item you want and look for the option named after the task.",
    "Confirm the change when Acme Cloud asks, and wait for the green banner.",
    "If the option is greyed out, ask the owner of the workspace to grant you access first.",
    "You can always undo this within thirty days from the activity panel.",
    "Changes reach your other devices the next time they connect to the internet.",
]


def _reply(i: int, verb: str, obj: str, where: str) -> str:
    lead = f"{OPENERS[i % len(OPENERS)]} To {verb} {obj}, go through {where}."
    steps = [s.format(where=where) for s in STEPS[i % 3 : i % 3 + 4]]
    numbered = " ".join(f"{n}. {s}" for n, s in enumerate(steps, start=1))
    tail = f"Reference {i:03d}: the {where} guide explains {verb} for {obj} in more detail."
    return f"{lead} {numbered} {tail}"


def example(i: int) -> dict[str, list[dict[str, str]]]:
    verb, obj, where = TOPICS[i % len(TOPICS)]
    user = f"How do I {verb} {obj}? (ticket {1000 + i})"
    return {
        "messages": [
            {"role": "system", "content": SYSTEM},
            {"role": "user", "content": user},
            {"role": "assistant", "content": _reply(i, verb, obj, where)},
        ]
    }


def write_chat(path: Path, n: int = 30) -> dict[str, object]:
    """Writes the training file; returns where the defects are (1-based lines)."""
    rows: list[str] = [json.dumps(example(i)) for i in range(n)]
    # exact copy of example 3 (letter case changed only in the reply) at the end
    dup = example(3)
    dup["messages"][2]["content"] = dup["messages"][2]["content"].upper()
    rows.append(json.dumps(dup))
    rows.append(json.dumps(example(3)))
    # near duplicate of example 7: one word of the reply replaced
    near = example(7)
    near["messages"][2]["content"] = near["messages"][2]["content"].replace("Confirm", "Approve")
    rows.append(json.dumps(near))
    # conflict: example 11's question with another answer
    conflict = example(11)
    conflict["messages"][2]["content"] = "You cannot do that from the app; write to billing@acme.example instead."
    rows.append(json.dumps(conflict))
    # a line that is not JSON
    rows.append('{"messages": [{"role": "user", "content": "broken"}')
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return {
        "exact": [4, n + 1, n + 2],
        "near": [8, n + 3],
        "conflict": [12, n + 4],
        "invalid": n + 5,
    }


VALIDATION = [
    (
        "Can I get a refund for last month?",
        "Refunds are possible within 14 days of a charge: open Billing, pick it, ask.",
    ),
    ("Why is my phone not syncing photos?", "Check that background refresh is allowed and the battery saver is off."),
    ("Is there a dark mode?", "Yes: Settings, Appearance, Dark. It follows the system by default."),
    ("How many devices can I connect?", "Up to five on Personal, unlimited on Team plans."),
    ("Where do I see who opened my link?", "Open the link menu and choose Activity to see every visit."),
]


def write_validation(path: Path) -> None:
    rows = [
        json.dumps(
            {
                "messages": [
                    {"role": "system", "content": SYSTEM},
                    {"role": "user", "content": q},
                    {"role": "assistant", "content": a},
                ]
            }
        )
        for q, a in VALIDATION
    ]
    rows.append(json.dumps(example(5)))  # leaks training line 6
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def write_labels(path: Path) -> None:
    labels = ["billing"] * 14 + ["login"] * 8 + ["sync"] * 5 + ["refund"] * 3
    rows = []
    for i, label in enumerate(labels):
        verb, obj, where = TOPICS[i % len(TOPICS)]
        rows.append(json.dumps({"text": f"Customer {i} asks how to {verb} {obj} in {where}.", "label": label}))
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
