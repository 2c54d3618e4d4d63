"""Pure domain layer: model, logical days, streaks, text cleaning. Imports neither textual nor tinydb."""
