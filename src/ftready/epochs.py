"""The `auto` epochs rule, from OpenAI's fine-tuning data-prep recipe; ftready applies it to every option so that
their training costs compare.

3 epochs, scaled so that examples x epochs stays between 100 and 25,000, clamped to 1..25.
"""

from __future__ import annotations

TARGET_EPOCHS = 3
MIN_TARGET_EXAMPLES = 100
MAX_TARGET_EXAMPLES = 25_000
MIN_DEFAULT_EPOCHS = 1
MAX_DEFAULT_EPOCHS = 25


def default_epochs(
    n_examples: int,
    target: int = TARGET_EPOCHS,
    min_target_examples: int = MIN_TARGET_EXAMPLES,
    max_target_examples: int = MAX_TARGET_EXAMPLES,
    min_epochs: int = MIN_DEFAULT_EPOCHS,
    max_epochs: int = MAX_DEFAULT_EPOCHS,
) -> int:
    n = max(1, n_examples)
    if n * target < min_target_examples:
        return min(max_epochs, min_target_examples // n)
    if n * target > max_target_examples:
        return max(min_epochs, max_target_examples // n)
    return target
