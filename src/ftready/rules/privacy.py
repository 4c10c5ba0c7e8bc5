"""FT8xx: secrets and personal data in the training text. The rules read the privacy section
(`ftready.stages.privacy`); every value they name is masked."""

from __future__ import annotations

from ftready.model.privacy import PrivacyCategory, PrivacySection
from ftready.rules.base import Hit, Params
from ftready.stages.context import Context


def _hit(section: PrivacySection | None, category: PrivacyCategory, what: str, advice: str) -> Hit | None:
    """The category's occurrences as one hit: 'N whats in M examples: kind ×n (e.g. masked); ... advice'. `what` is
    the singular noun; the plural adds an s."""
    kinds = section.of(category) if section is not None else {}
    if not kinds:
        return None
    count = sum(k.count for k in kinds.values())
    lines = sorted({line for k in kinds.values() for line in k.lines})
    detail = "; ".join(f"{name} ×{k.count} (e.g. {k.examples_masked[0]})" for name, k in kinds.items())
    items = what if count == 1 else what + "s"
    noun = "example" if len(lines) == 1 else "examples"
    return Hit(
        f"{count} {items} in {len(lines)} {noun}: {detail}. {advice}", count=count, lines=lines, value=len(lines)
    )


def secrets(ctx: Context, p: Params) -> Hit | None:
    """API keys, tokens, private keys or passwords in the training text.

    What it finds:
        Keys in the formats of the common providers (OpenAI, Anthropic, AWS, GitHub, GitLab, Slack, Google,
        Stripe, npm, Hugging Face, SendGrid, Azure storage), private-key blocks with key material, signed JWTs,
        passwords in URLs and passwords after ``password=`` or ``"password": ...``, in the system, prompt, response
        and rejected text. The finding counts every occurrence, names each kind with a masked sample and points at
        the examples. Values that say they are examples (AKIA...EXAMPLE, sk-xxxx, <your-key>, password123) and
        passwords shown as just generated for the user (``Here is your new password: ...``) are reported under
        FT804 instead; code that reads a password (``os.environ.get(...)``, ``settings.DB_PASSWORD``) is not a value.

    Why it matters:
        A fine-tuned model can repeat what it was trained on, and nothing can take a credential back out of its
        weights once training has run: a key in the training set is a leak to everyone who can query the model,
        and the upload itself hands it to the provider.

    How to fix:
        Remove the keys from the data and rotate every key found, since it has already been copied wherever the
        file has been.

    Parameters:
        None.
    """
    return _hit(ctx.privacy, PrivacyCategory.SECRET, "secret", "Remove them and rotate every key.")


def personal_data(ctx: Context, p: Params) -> Hit | None:
    """E-mail addresses, phone numbers or public IP addresses in the training text.

    What it finds:
        E-mail addresses, phone numbers (international, North American and national formats with separators),
        public IP addresses and IBANs (mod-97 checked). Private and loopback addresses, well-known public DNS and
        time servers (8.8.8.8, time.nist.gov's addresses), toll-free and service numbers (1-800, 0800, 0845, 09xx),
        dates, versions and plain digit runs are not counted, nor are placeholders (example.com, 555 numbers,
        documentation IP ranges and IBANs), which FT804 reports. The privacy section says how sure each detection
        is: a phone number in an advertisement ("call us", "for more information") is of low confidence.

    Why it matters:
        Personal data in a training set can be reproduced by the fine-tuned model for anyone who asks the right
        question, and it cannot be deleted from the weights afterwards, which conflicts with data-protection rights
        such as erasure.

    How to fix:
        Replace real contacts with placeholders (example.com, 555-01xx) or pseudonyms, unless the model is meant to
        know them.

    Parameters:
        None.
    """
    return _hit(ctx.privacy, PrivacyCategory.PERSONAL, "personal data item", "Pseudonymise or remove them.")


def credit_card_numbers(ctx: Context, p: Params) -> Hit | None:
    """Payment card numbers (Luhn-valid, with a card network's prefix) in the training text.

    What it finds:
        Numbers of 14 to 19 digits that carry a card network's prefix for their length and a valid Luhn check
        digit, written without separators or in the usual groups. The networks' published test numbers
        (4242 4242 4242 4242 and the like) are placeholders and reported under FT804.

    Why it matters:
        A payment card number is both personal and financial data: storing it outside a PCI DSS environment is a
        compliance breach in itself, and a model trained on it can repeat it.

    How to fix:
        Remove the numbers, or replace them with the networks' test numbers.

    Parameters:
        None.
    """
    return _hit(ctx.privacy, PrivacyCategory.CARD, "card number", "Remove them or use the networks' test numbers.")


def privacy_placeholders(ctx: Context, p: Params) -> Hit | None:
    """Documentation placeholders that look like secrets or personal data (not counted as leaks).

    What it finds:
        Values that look like the real thing but are made up for documentation: addresses at example.com and other
        reserved or stand-in domains, 555 and drama-range phone numbers, documentation IP ranges, the card
        networks' test numbers, and keys that say they are examples (AKIA...EXAMPLE, sk-xxxx, <your-key>).
        ``generated-password``: a password shown as just made up for the user ("Here is your new password: ...", "a
        randomly generated password: ...", or a tool's answer to a request to generate one), common in synthetic
        conversations; it is masked in every output like a secret. If the data are real support logs, where an
        agent may hand out a real temporary password, treat these as FT801.

    Why it matters:
        Many datasets teach with such values. They are not leaks, so they are kept out of FT801-FT803, but they are
        listed here so that you can see what was recognised and why it was not counted, and so that a real value
        that merely resembles a placeholder can still be spotted.

    How to fix:
        No action is needed.

    Parameters:
        None.
    """
    return _hit(ctx.privacy, PrivacyCategory.PLACEHOLDER, "placeholder", "They are not counted as leaks.")
