"""Research Reader: read, highlight, annotate and theme a corpus of articles."""

__version__ = "0.1.0"
