"""Training outside the core: the trainees' progress database and the printable exam result.

Training has its own database file; it never opens the case database (see tests/training)."""
