"""The public Python API: what `import crosscheck` gives, and what it costs."""

from __future__ import annotations

import subprocess
import sys
import types

import crosscheck


def test_all_lists_exactly_the_public_names() -> None:
    """Every name in __all__ exists, and every public object (not a submodule) is listed."""
    public = {
        name
        for name, value in vars(crosscheck).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    } - {"annotations", "Sequence", "TYPE_CHECKING"}
    assert set(crosscheck.__all__) - {"__version__"} == public


def test_import_loads_no_model_library() -> None:
    code = (
        "import sys, crosscheck; "
        "print(sorted(m for m in ('spacy', 'onnxruntime', 'torch') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_check_takes_records_and_serialises_to_the_contract(settings) -> None:
    records = [
        {"id": "a", "title": "Ferry", "text": "The ferry carried 212 passengers on Monday, March 3."},
        {"id": "b", "title": "Ferry", "text": "The ferry carried 121 passengers on Monday, March 3."},
    ]
    report = crosscheck.check(records, settings=settings).to_dict()
    assert report["schema"] == "crosscheck.report/1"
    assert report["summary"] == {
        "articles": 2,
        "claims": 2,
        "corroborated": 0,
        "contradicted": 2,
        "unverified": 0,
    }
    assert {c["conflicts"][0]["detail"] for c in report["claims"]} == {"212 ≠ 121", "121 ≠ 212"}
