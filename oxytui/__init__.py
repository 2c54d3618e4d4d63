"""oxytui: an evening check-in dashboard for warm connection, in the terminal."""

__version__ = "0.1.0"
