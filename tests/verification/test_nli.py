from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from crosscheck.errors import ModelNotFound
from crosscheck.verification.nli import _to_columns, column_order, load_nli


def test_label_order_is_read_not_assumed():
    assert column_order({0: "entailment", 1: "neutral", 2: "contradiction"}, "m") == [0, 1, 2]
    assert column_order({"0": "CONTRADICTION", "1": "NEUTRAL", "2": "ENTAILMENT"}, "m") == [2, 1, 0]
    assert column_order({0: "entailment", 1: "not_entailment", 2: "contradiction"}, "m") == [0, 1, 2]
    probs = np.array([[0.7, 0.2, 0.1]])
    assert np.allclose(_to_columns(probs, [2, 1, 0]), [[0.1, 0.2, 0.7]])


def test_a_model_without_nli_labels_is_refused_with_the_fix():
    with pytest.raises(ModelNotFound, match="entailment and contradiction"):
        column_order({0: "LABEL_0", 1: "LABEL_1"}, "some/model")


@pytest.mark.parametrize("name", ["", "none", "None", "off"])
def test_disabled(name: str):
    assert load_nli(name) is None


def test_a_folder_without_tokenizer_is_refused(tmp_path: Path):
    (tmp_path / "model.onnx").write_bytes(b"")
    with pytest.raises(ModelNotFound, match="tokenizer.json"):
        load_nli(str(tmp_path))
