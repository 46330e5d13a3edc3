"""One module per conflict kind; each maps an aligned (claim, evidence) pair to findings."""

from __future__ import annotations
