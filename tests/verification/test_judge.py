from __future__ import annotations

import numpy as np

from crosscheck.verification.detectors.base import Finding
from crosscheck.verification.judge import ADD_THRESHOLD, SAME_WORDS, combine, word_difference

CLAIM = "The council rejected the budget on Tuesday."
EVIDENCE = "The council approved the budget on Tuesday."
SURE_CONTRADICTION = np.array([0.02, 0.03, 0.95])
SURE_ENTAILMENT = np.array([0.97, 0.02, 0.01])
UNSURE = np.array([0.3, 0.3, 0.4])
DATE = Finding("date", "Monday ≠ Tuesday", 0.9, anchored=True)
ANTONYM = Finding("antonym", "rejected ≠ approved", 0.8)


def test_model_adds_a_conflict_the_detectors_missed_as_other():
    found = combine([], [], SURE_CONTRADICTION, CLAIM, EVIDENCE, {})
    assert [f.kind for f in found] == ["other"]
    assert found[0].detail == "rejected ≠ approved" and found[0].strength == 0.95


def test_model_conflict_takes_the_kind_of_a_detector_below_its_bar():
    found = combine([], [DATE, ANTONYM], SURE_CONTRADICTION, CLAIM, EVIDENCE, {})
    assert [(f.kind, f.detail) for f in found] == [("antonym", "rejected ≠ approved")]


def test_unsure_model_adds_nothing_and_thresholds_come_from_config():
    assert combine([], [ANTONYM], UNSURE, CLAIM, EVIDENCE, {}) == []
    assert ADD_THRESHOLD > 0.4
    assert [f.kind for f in combine([], [], UNSURE, CLAIM, EVIDENCE, {"contradiction": 0.35})] == ["other"]


def test_typed_findings_stand_unless_a_calibrated_veto_is_set():
    assert combine([DATE], [], SURE_ENTAILMENT, CLAIM, EVIDENCE, {}) == [DATE]
    assert combine([DATE], [], SURE_ENTAILMENT, CLAIM, EVIDENCE, {"veto": 0.9}) == []
    assert combine([DATE], [], SURE_CONTRADICTION, CLAIM, EVIDENCE, {"veto": 0.9}) == [DATE]


def test_word_difference_shows_the_differing_words():
    assert word_difference("Police arrested two men.", "Police arrested five men.") == "two ≠ five"
    assert word_difference("He did not resign.", "He did resign.") == "not ≠ —"
    assert word_difference("Same words here.", "same words here.") == SAME_WORDS


def test_the_same_words_never_contradict():
    assert combine([], [], SURE_CONTRADICTION, "Same words here.", "same words here.", {}) == []
