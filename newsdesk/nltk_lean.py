"""nltk without scipy.stats and scikit-learn: import this before anything that imports nltk.

nltk imports scipy.stats and scikit-learn (1.5 s, most of a cold `newsdesk ask` or a
one-article `newsdesk ingest`) only for association measures and classifiers Newsdesk never
uses, and falls back cleanly when they are missing: they are hidden while it loads. llama-index's
sentence splitter imports nltk too, and then finds this one already loaded.
"""

from __future__ import annotations

import sys
from types import ModuleType

_OPTIONAL = ("scipy.stats", "scipy.stats.stats", "sklearn")


def _import_nltk_lean() -> ModuleType:
    if "nltk" in sys.modules or any(name in sys.modules for name in _OPTIONAL):
        import nltk

        return nltk
    for name in _OPTIONAL:
        sys.modules[name] = None  # type: ignore[assignment]  # the import fails fast, as if not installed
    try:
        import nltk
    finally:
        for name in _OPTIONAL:
            del sys.modules[name]
    return nltk


nltk = _import_nltk_lean()
