"""ftready: is this fine-tuning dataset ready, and what will fine-tuning really cost compared with RAG?"""

from __future__ import annotations

__version__ = "0.1.0"
