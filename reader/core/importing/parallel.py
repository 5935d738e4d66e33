"""Files parsed in worker processes while this process stores them.

Parsing a file (reading, decoding, the parser, normalising the text) is two thirds of
an import's CPU and touches no store; storing must stay in this process, one
transaction per file. For a large batch, worker processes parse ahead in chunks and
this process stores each draft as it arrives, in the files' order, so an import of a
folder uses both cores of a two-core machine instead of one (a 10k import: 3.8 s of
CPU in one process before).

Only when the caller allows more than one process: the window imports with one (it
must not fork a process that runs Qt). Workers die with this process (see
``search/lifecycle.py``), and at most a few chunks are parsed ahead, so memory stays
bounded however large the batch. A worker that dies (a parser crashing the
interpreter) stops the parallel path; the files not yet stored are then parsed here,
one by one, as without workers.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.models import ArticleDraft, FileOutcome

if TYPE_CHECKING:  # multiprocessing loads with a large import only
    from concurrent.futures import Future

Parsed = ArticleDraft | FileOutcome

#: From this many files on, parse in worker processes (below, starting them costs more).
PARALLEL_AT = 200
#: Files per job sent to a worker: large enough that pickling is cheap per file.
CHUNK = 25
#: Jobs in flight per worker: the workers never wait for work, and no more than this
#: many chunks of drafts wait in memory for the store.
AHEAD = 3


def parsed_files(
    files: list[Path], read: Callable[[Path], Parsed], procs: int
) -> Generator[tuple[Path, Parsed], None, None]:
    """``(file, read(file))`` for each of ``files`` in order; with ``procs`` > 1 and a
    large batch the reading runs in that many worker processes. Stopping the iteration
    early (a cancel) ends the workers."""
    if procs <= 1 or len(files) < PARALLEL_AT:
        yield from ((path, read(path)) for path in files)
        return
    given = 0
    try:
        for item in _from_workers(files, read, procs):
            given += 1
            yield item
    except _WorkerDied:
        pass
    for path in files[given:]:
        yield path, read(path)


class _WorkerDied(Exception):
    pass


def _from_workers(
    files: list[Path], read: Callable[[Path], Parsed], procs: int
) -> Iterator[tuple[Path, Parsed]]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # The platform's default start method, as the bulk index's workers use.
    context = multiprocessing.get_context()
    pool = ProcessPoolExecutor(
        procs, mp_context=context, initializer=_worker_started, initargs=(os.getpid(),)
    )
    chunks = iter([files[i : i + CHUNK] for i in range(0, len(files), CHUNK)])
    pending: deque[tuple[list[Path], Future[list[Parsed]]]] = deque()
    try:
        while True:
            while len(pending) < procs * AHEAD and (chunk := next(chunks, None)):
                pending.append((chunk, pool.submit(_read_chunk, read, chunk)))
            if not pending:
                return
            chunk, future = pending.popleft()
            try:
                drafts = future.result()
            except BrokenProcessPool:
                raise _WorkerDied from None
            yield from zip(chunk, drafts, strict=True)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _worker_started(parent_pid: int) -> None:
    import multiprocessing

    from reader.core.search.lifecycle import die_with_parent

    # Forked, the parent is the importing process; started by a fork server (the
    # default from Python 3.14), it is the server, which ends when the command does.
    forked = multiprocessing.get_start_method() == "fork"
    die_with_parent(parent_pid if forked else os.getppid())


def _read_chunk(read: Callable[[Path], Parsed], chunk: list[Path]) -> list[Parsed]:
    return [read(path) for path in chunk]
