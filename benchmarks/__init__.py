"""Benchmarks of crosscheck on real stories from `../shared/data` (see docs/benchmarks.md)."""

from __future__ import annotations
