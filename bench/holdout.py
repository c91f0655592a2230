"""Which half of the dev questions the fitted models (decline, sentence choice) learned from.

Questions, and the made-up questions built from them, are split by a hash of the dev
question's id. The fitting scripts fit on one half; `make bench` reports its figures on the
other half too, so a gain that only fits the fitted questions shows as a gap.
"""

from __future__ import annotations

import hashlib


def fitted_half(key: str) -> bool:
    return int(hashlib.sha256(key.encode()).hexdigest(), 16) % 2 == 0
