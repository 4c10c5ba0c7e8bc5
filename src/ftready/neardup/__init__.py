"""Near-duplicate detection: MinHash with LSH over shingles, every reported pair verified by exact Jaccard.

Two texts are near duplicates when the Jaccard similarity of their shingle sets is at least the threshold
(default 0.8). Groups are the connected components of the verified pairs, so a group can chain A~B~C even when
A and C alone fall below the threshold.

Normalisation
    Unicode NFKC, lower case, then "words": maximal runs of word characters (letters, marks, digits and
    connector punctuation, i.e. Unicode ``\\w``). Punctuation and whitespace only separate words.

Shingles (the choice that makes one threshold work for chat turns and for long replies)
    - Texts of 40 words or more: **word 5-grams**. One edited word changes at most five shingles, so a one-word
      edit of a 150-word text keeps a Jaccard of about 0.93, while unrelated texts share almost no 5-grams.
    - Texts under 60 words: **character 5-grams** over the words joined by single spaces. Word 5-grams are too
      coarse for short texts (one substituted word in a 20-word text leaves a word-5-gram Jaccard near 0.5, but
      a character-5-gram Jaccard near 0.87), and character 5-grams of unrelated short texts rarely exceed 0.1.
    - Texts of 40-59 words are compared both ways and a pair counts when either measure reaches the threshold,
      so no pair is lost at the boundary (a text under 40 words and one of 60 or more differ too much in size to
      reach a Jaccard of 0.67 anyway). A text with fewer than five tokens is one shingle: the whole text.

MinHash and LSH
    Words are hashed to 64 bits (exactly packed for words of up to 16 Latin-1 characters, a polynomial hash
    otherwise; the same word hashes the same in every batch), shingles are murmur3-finalised combinations of
    five word or character values. MinHash uses 128 permutations ``a*x + b mod 2**32`` of the top 32 bits of
    each shingle, computed one permutation at a time over a contiguous 1-D array of a batch's shingles with
    ``np.minimum.reduceat``. Signatures are split into ``b`` bands of ``r`` rows; texts that
    agree on a whole band become candidates. The default threshold 0.8 uses b=16 x r=8: a pair exactly at 0.8
    becomes a candidate with probability 0.947, at 0.85 with 0.994, at 0.9 with ~1.0. Other thresholds get the
    largest r (hence fewest false candidates) that keeps that probability at or above 0.94 at the threshold.
    Within a band, texts with equal keys are linked to their next seven neighbours (all pairs in groups of up
    to eight), which keeps the candidate count linear even for big templated clusters.

Verification
    Candidates are re-shingled (with 64-bit hashes) and kept only when their exact Jaccard reaches the
    threshold, so no pair is reported on the strength of an estimate.

Speed and memory
    Texts are processed in batches of at most 4,096 texts and about 1.5 M characters, small enough for the
    working arrays to stay in the CPU cache, two batches at a time in two threads (numpy releases the GIL).
    Only the signatures (512 bytes per text) are kept, never the normalised texts. Verification re-shingles
    only the texts of candidate pairs, 32,768 pairs at a time.
"""

from ftready.neardup.index import (
    MinHashIndex,
    components,
    cross_matches,
    near_duplicate_groups,
)
from ftready.neardup.shingles import (
    BATCH_CHARS,
    BATCH_SIZE,
    CHAR_MAX_WORDS,
    DEFAULT_THRESHOLD,
    JOB_CHARS,
    JOB_SIZE,
    NGRAM,
    NUM_PERM,
    SHINGLES,
    TARGET_RECALL_AT_THRESHOLD,
    THREADS,
    VERIFY_PAIRS,
    WINDOW,
    WORD_MIN_WORDS,
    Texts,
    candidate_probability,
    jaccard,
    lsh_params,
    shingle_sets,
)
from ftready.neardup.sketcher import Sketcher, Sketches, sketch_batch

__all__ = [
    "BATCH_CHARS",
    "BATCH_SIZE",
    "CHAR_MAX_WORDS",
    "DEFAULT_THRESHOLD",
    "JOB_CHARS",
    "JOB_SIZE",
    "NGRAM",
    "NUM_PERM",
    "SHINGLES",
    "TARGET_RECALL_AT_THRESHOLD",
    "THREADS",
    "VERIFY_PAIRS",
    "WINDOW",
    "WORD_MIN_WORDS",
    "MinHashIndex",
    "Sketcher",
    "Sketches",
    "Texts",
    "candidate_probability",
    "components",
    "cross_matches",
    "jaccard",
    "lsh_params",
    "near_duplicate_groups",
    "shingle_sets",
    "sketch_batch",
]
