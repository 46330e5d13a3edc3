"""crosscheck: cross-check news reports of one story.

>>> import crosscheck
>>> report = crosscheck.check(["examples/harbour-bridge"])  # doctest: +SKIP
>>> report.summary()                                         # doctest: +SKIP
{'articles': 4, 'claims': 52, 'corroborated': 20, 'contradicted': 7, 'unverified': 25}
"""

from __future__ import annotations

__version__ = "0.1.0"

from collections.abc import Sequence  # noqa: E402
from typing import TYPE_CHECKING  # noqa: E402

if TYPE_CHECKING:
    from crosscheck.pipeline import Input

from crosscheck.errors import CrosscheckError, InputError, ModelNotFound, UsageError  # noqa: E402
from crosscheck.model import Article, ClaimResult, Conflict, Evidence, Report, Span  # noqa: E402
from crosscheck.settings import Settings  # noqa: E402


def check(inputs: Sequence[Input], *, settings: Settings | None = None) -> Report:
    """Cross-check several reports of one story (see `crosscheck.pipeline.check`).

    Imported lazily so that `import crosscheck` stays light (no spaCy, no models).
    """
    from crosscheck.pipeline import check as _check

    return _check(inputs, settings=settings)


__all__ = [
    "Article",
    "ClaimResult",
    "Conflict",
    "CrosscheckError",
    "Evidence",
    "InputError",
    "ModelNotFound",
    "Report",
    "Settings",
    "Span",
    "UsageError",
    "__version__",
    "check",
]
