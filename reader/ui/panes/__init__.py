"""The main window's panes: library (left), reader (centre), details (right)."""
