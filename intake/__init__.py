"""intake: the first visit at a social services reception desk, and the signs of social dumping."""

__version__ = "0.1.0"
