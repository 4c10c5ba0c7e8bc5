"""Find and mask secrets and personal data in any text: the detectors, and the one masking function.

Anything in a training set can end up in the model's weights, and nothing can take it back out once the model is
trained, so ftready never shows a secret or a personal datum in clear: the privacy scan's values, the excerpts the
reports show and the records the app shows all pass through this package. The public API:

- `redact(text) -> str`: `text` with every item detected in it (placeholders included) replaced by its mask. This is
  the one masking step for strings that come from the data (report excerpts, records shown in the app, ...).
- `detect(text) -> list[Detection]`: the items of one text, each with its kind, its mask and its span.
- `scan_texts(texts, cancel) -> list[Detection]`: the same over many texts at once, vectorised with polars (the
  privacy stage scans whole columns with it); `Detection.index` is the position in `texts`.
- `mask(kind, value) -> str`: the display form of one value of a known kind.
- `KINDS`: every kind name, in report order, with its `PrivacyCategory`.

`redact`, `detect` and `mask` work on plain strings and never touch polars; importing this package does not import
it either (only `scan_texts` does, when called).

Modules: `kinds` (kinds, `Detection`, `mask`), `rule` (what the rules share), `secrets` and `personal` (the
rules), `detection` (groups, prefilters, scans), `tree` (`safe_text`, `mask_tree`: the boundary every output passes).

What is detected (the kind names used in the report)
----------------------------------------------------
Secrets (FT801, error):
    openai-key         ``sk-`` + 32 or more letters/digits, or ``sk-proj-`` / ``sk-svcacct-`` / ``sk-admin-`` + 20 or more
    anthropic-key      ``sk-ant-`` + 20 or more
    aws-access-key-id  ``AKIA`` / ``ASIA`` + 16 upper-case letters/digits
    aws-secret-key     40 base64 characters, only when labelled (``aws_secret_access_key = ...``)
    github-token       ``ghp_`` / ``gho_`` / ``ghu_`` / ``ghs_`` / ``ghr_`` + 36 or more, ``github_pat_`` + 22 or more
    slack-token        ``xoxb-`` / ``xoxa-`` / ``xoxp-`` / ``xoxr-`` / ``xoxs-`` + 10 or more
    slack-webhook      ``https://hooks.slack.com/services/...``
    google-api-key     ``AIza`` + 35
    stripe-key         ``sk_live_`` / ``rk_live_`` (live secret and restricted keys; test-mode keys are not reported)
    private-key        a ``-----BEGIN ... PRIVATE KEY-----`` block that holds at least 40 characters of key material
    jwt                three base64url parts whose first two decode to JSON objects (header with ``alg``)
    url-credentials    ``scheme://user:password@host``
    npm-token          ``npm_`` + 36
    huggingface-token  ``hf_`` / ``api_org_`` + 34
    sendgrid-key       ``SG.`` + 22 + ``.`` + 43
    gitlab-token       ``glpat-`` / ``gldt-`` / ``glrt-`` / ``glptt-`` / ``glft-`` / ``glsoat-`` / ``GR1348941`` + 20 or more
    azure-storage-key  88 base64 characters ending ``==`` after ``AccountKey=`` or ``azure_storage_key =``
    password           the value after ``password=``, ``"password": "..."`` (also ``passwd``, ``pwd``, ``db_password``);
                       after a bare ``password:`` in prose only a value with a digit or symbol (not ``reset it``)
Credit-card numbers (FT803, error): 14-19 digits, written without separators or in groups of four with one kind of
    separator (spaces or dashes; 4-6-5 and 4-6-4 for Amex and Diners), with a card network's prefix for that length
    (Visa 16/19, Mastercard 16, Amex 15, Diners 14-19, Discover/JCB/UnionPay/Maestro 16-19), and a valid Luhn check
    digit. 13-digit Visa and short Maestro numbers are obsolete or rare, and a 13-digit run that passes Luhn is far
    more often a figure in a calculation, so they are not reported.
Personal data (FT802, warning):
    email              ``local@domain.tld``; not ``git@host`` (SSH remotes) or ``name@2x.png`` (image files)
    phone              ``+`` and 9-15 digits (10-13 when written without any separator: international);
                       North American ``(212) 555-1234``, ``212-555-1234``,
                       ``212.555.1234``; national numbers with a trunk ``0`` and separators (``020 7946 0000``,
                       ``01 23 45 67 89``, ``030/1234567``), 9-12 digits, one kind of separator
    ip-address         public (globally routable) IPv4 and IPv6 addresses
    iban               an IBAN (with or without groups of four) of a registry country's length with a valid
                       mod-97 check
Placeholders (FT804, info, never counted in the totals): documentation values that look like the real thing:
    e-mail at reserved domains (example.com/.net/.org, ``.example``, ``.test``, ``.invalid``, ``.localhost``), at any
    domain containing ``example`` or ``your`` (``yourdomain.com``), and at the stand-ins domain.com, company.com,
    mycompany.com, mydomain.com, email.com and test.com (real domains, but in training data nearly always made up);
    fictional phone numbers (North American 555 exchange, UK drama ranges 07700 900xxx and 020 7946 0xxx); the card
    networks' published test numbers; documentation IP ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24,
    2001:db8::/32); key-shaped values that say they are examples (``EXAMPLE``, ``xxxx``, ``your``, ``placeholder``,
    ``redacted``, one repeated ``x`` or ``0``), the jwt.io sample token, a private-key header without key material,
    and URL credentials with a stock password (``password``, ``changeme``, the user name again, ``<...>``, ``${...}``);
    a password shown as one just generated (``Here is your new password: ...``, ``a randomly generated password: ...``,
    or a ``"password"`` value within 300 characters after a call to a ``generate_random_password`` tool), which
    synthetic conversations are full of: it is masked like a secret but reported as ``generated-password``.

Deliberately not reported (false-positive choices): private, loopback, link-local and reserved IP addresses (they
identify no one); dotted quads whose octets are all single digits (``1.2.3.4`` is far more often a version or section
number than an address), ones after the word version/release/build or a ``v``, inside a longer dotted run
(``1.3.6.1.4.1``), with leading zeros or followed by a prefix length (``81.2.69.0/24`` is a network); the well-known
public DNS resolvers; phone-like digit runs with no separator (order numbers, timestamps) unless written as an
international number with ``+``, digit runs preceded by ``-`` or ``.`` (``ORD-0012-3456-7890``); North American
numbers written with spaces only (tables of figures); dates and times (``05.12.2023 10:30`` mixes separators);
16-digit numbers that fail Luhn or have no card-network prefix; ``sk-`` inside a word (``task-...``) or followed by
fewer than 32 characters; a ``-----BEGIN CERTIFICATE-----`` (public). Secrets of other services and names or
postal addresses are not detected at all.

The rules are ftready's own rather than a general scanner's (gitleaks, detect-secrets): those need the network or a
binary, report any high-entropy string (every hash and UUID in a training set), and have no notion of a
documentation placeholder; the prefixes and lengths here follow the same published token formats.

How it runs
-----------
Detection rules are grouped; each group has a prefilter (`_Group.pattern`, a regex without look-around, so that the
Rust regex crate can run it too) that matches wherever one of the group's rules can. `scan_texts` lets polars run
the prefilters over whole columns: a literal screen drops the rows no group can match, and `str.extract_all` cuts
out the short runs of characters that may hold an e-mail address, a number or an IP address; Python's ``re`` then
runs the exact patterns (with look-arounds) on those rows and runs only. `detect` searches its one text for each
group's prefilter with ``re`` and runs the rules of the groups that match over the whole text. Either way each
candidate is verified (Luhn, octet ranges, JWT decoding, placeholders), and overlaps are resolved by priority:
secrets, then e-mail, card, phone, IP.

Every value leaves this package masked: a `Detection` holds the kind, the mask and the span, never the clear value.
"""

from ftready.redact.detection import CONFIDENCES, confidence, detect, redact, scan_texts
from ftready.redact.kinds import CARD, KINDS, PERSONAL, PLACEHOLDER, SECRET, Detection, mask
from ftready.redact.tree import escape_controls, mask_tree, safe_text

__all__ = [
    "CARD",
    "CONFIDENCES",
    "KINDS",
    "PERSONAL",
    "PLACEHOLDER",
    "SECRET",
    "Detection",
    "confidence",
    "detect",
    "escape_controls",
    "mask",
    "mask_tree",
    "redact",
    "safe_text",
    "scan_texts",
]
