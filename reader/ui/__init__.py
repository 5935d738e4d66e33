"""Qt views over :mod:`reader.core`. No SQL and no business rules live here."""
