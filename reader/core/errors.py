"""Errors the user can act on. Their message is one line, shown as is (no traceback)."""


class ReaderError(Exception):
    """Base class: a problem with the user's input or data, with a one-line message."""


class LibraryError(ReaderError):
    """The library folder or its store cannot be opened or used."""


class NotFoundError(ReaderError):
    """An article (or other object) named by the user does not exist."""


class AmbiguousError(ReaderError):
    """A reference (e.g. a title prefix) matches more than one object."""


class StoreDamagedError(LibraryError):
    """The store file is damaged: reads may fail and writes are refused until it is
    restored from a backup."""


class StoreFullError(LibraryError):
    """The disk (or the store's size limit) is full: nothing more can be written."""


class Cancelled(ReaderError):
    """The user cancelled a long job (import, index rebuild, export). Whatever was
    already committed stays; whatever was being written is left as it was before."""

    def __init__(self, message: str = "cancelled") -> None:
        super().__init__(message)
