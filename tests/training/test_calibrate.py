from __future__ import annotations

import numpy as np

from crosscheck.training.calibrate import calibrate


def test_thresholds_hold_false_alarms_to_the_share_asked():
    rng = np.random.default_rng(0)
    n = 1000
    labels = ["contradiction"] * n + ["entailment"] * n + ["neutral"] * n
    contra_p = np.concatenate([rng.uniform(0.5, 1.0, n), rng.uniform(0.0, 0.6, n), rng.uniform(0.0, 0.6, n)])
    entail_p = np.concatenate([rng.uniform(0.0, 0.4, n), rng.uniform(0.3, 1.0, n), rng.uniform(0.0, 0.5, n)])
    probs = np.stack([entail_p, np.zeros(3 * n), contra_p], axis=1)
    result = calibrate(probs, labels, max_false_alarm=0.02)
    false_alarms = (contra_p[n:] >= result.contradiction).mean()
    assert false_alarms <= 0.021 and 0.5 < result.contradiction < 0.6
    assert result.contradiction_recall > 0.8
    assert (entail_p[:n] >= result.veto).mean() <= 0.021
    assert 0.0 < result.veto_recall < 1.0 and result.pairs == 3 * n
