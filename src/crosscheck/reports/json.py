"""The JSON report: exactly the contract of `shared/spec/REPORT.md`.

`Report.to_dict()` owns the field layout, so this module only serialises it;
non-ASCII text stays readable rather than escaped.
"""

from __future__ import annotations

import json

from crosscheck.model import Report


def to_json(report: Report) -> str:
    """Serialise `report` as the contract's JSON (indented, UTF-8 text)."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)
