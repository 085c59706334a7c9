"""Benchmarks (`make bench`): not tests; see BENCHMARKS.md."""
