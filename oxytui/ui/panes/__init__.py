"""The three dashboard panes: Today, Recall, Streaks."""
