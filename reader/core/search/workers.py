"""Bulk indexing's worker processes, which die with the process that started them.

Apart from :mod:`reader.core.search.lifecycle` because ``whoosh.multiproc`` imports
``multiprocessing`` (sockets, pickling, subprocesses): only a bulk rebuild needs it, and
a search must not pay for it at start-up. See lifecycle's docstring for why the workers
must not outlive their parent.
"""

from __future__ import annotations

import multiprocessing
import os
from typing import Any

from whoosh.multiproc import MpWriter, SubWriterTask

from reader.core.search.codec import lean_pool
from reader.core.search.lifecycle import die_with_parent


class _GuardedTask(SubWriterTask):  # type: ignore[misc]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.parent_pid = os.getpid()

    def run(self) -> None:
        # Forked, our parent is the command; started by a fork server (the default from
        # Python 3.14), it is the server, which ends when the command does.
        forked = multiprocessing.get_start_method() == "fork"
        die_with_parent(self.parent_pid if forked else os.getppid())
        super().run()

    def _process_file(self, filename: str, doc_count: int) -> None:
        lean_pool(self.writer)  # made by run(), before the first batch of documents
        super()._process_file(filename, doc_count)


class GuardedMpWriter(MpWriter):  # type: ignore[misc]
    """whoosh's multi-process writer, whose worker processes die with this process."""

    def _new_task(self) -> SubWriterTask:
        task = _GuardedTask(
            self.storage,
            self.indexname,
            self.jobqueue,
            self.resultqueue,
            self.subargs,
            self.multisegment,
        )
        self.tasks.append(task)
        task.start()
        return task
