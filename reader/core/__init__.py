"""The Qt-free domain of Research Reader: library, store, import, index, themes, export.

Nothing in this package may import PySide6 (tests/test_architecture.py checks it), so the
CLI starts fast and the domain can be tested without a display.
"""
