"""The term overlap, counted term by term, that alignment scores every sentence pair of a story with."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from crosscheck.alignment import _overlap, _overlaps

TERMS = st.frozensets(st.sampled_from([f"term{i}" for i in range(30)]), max_size=10)


@given(st.lists(TERMS, max_size=12), st.lists(TERMS, max_size=12))
def test_every_pair_gets_the_cosine_of_its_two_term_sets(rows, columns) -> None:
    expected = np.array([[_overlap(r, c) for c in columns] for r in rows], dtype=np.float32)
    assert np.array_equal(_overlaps(rows, columns), expected.reshape(len(rows), len(columns)))
