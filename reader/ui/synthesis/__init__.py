"""The synthesis view (Ctrl+B): highlights by theme in columns, with two charts on top,
and the same charts as PNG figures for exports."""
