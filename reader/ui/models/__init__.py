"""Qt item models over core data (model/view; no item widgets hold data)."""
