"""Several exports of one draft at once, where the system allows it.

``declapp export --all`` writes three files whose writers share nothing but the draft.
On a system that can fork (Linux: 统信 UOS, 麒麟) a copy of the process writes the Word and
Excel files while this one writes the PDF, so the command takes about as long as its
longest half instead of all three. Elsewhere (Windows), and in a process that runs other
threads (the window: a copy would inherit their locks held), they are written one after
the other, as also where ``DECLAPP_ONE_PROCESS=1`` is set (a way out should a system
misbehave, and the figure on Windows for a benchmark). The copy only reports what it
did; whatever it could not report (it crashed, it met a bug) is done again here, so that
the outcome never depends on the copy.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from declapp.errors import ClerkError
from declapp.export import ExportOptions, ExportResult, export_draft
from declapp.form.model import Draft

Outcome = ExportResult | ClerkError
ONE_PROCESS_ENV = "DECLAPP_ONE_PROCESS"
_IN_COPY = ("docx", "xlsx")  # together about as long as the PDF alone


def export_all(draft: Draft, jobs: Sequence[tuple[Path, str]],
               options: ExportOptions | None = None, parallel: bool | None = None,
               meanwhile: Callable[[], None] | None = None) -> list[Outcome]:
    """Export *draft* to each (target, format) of *jobs*: for each, its result or the
    ``ClerkError`` that stopped it (the others are written all the same). *parallel*
    None: in two processes where ``can_fork()``. *meanwhile* is run first, in this
    process (while the copy writes, if there is one)."""
    copy_jobs = [i for i, (_target, fmt) in enumerate(jobs) if fmt in _IN_COPY]
    if parallel is None:
        parallel = can_fork()
    if not parallel or not copy_jobs or len(copy_jobs) == len(jobs):
        if meanwhile is not None:
            meanwhile()
        return [_one(draft, target, fmt, options) for target, fmt in jobs]
    outcomes: dict[int, Outcome] = {}
    reported = _in_copy(draft, jobs, copy_jobs, options, outcomes, meanwhile)
    for i in copy_jobs:
        if i not in reported:  # the copy could not say: done here
            outcomes[i] = _one(draft, *jobs[i], options)
    return [outcomes[i] for i in range(len(jobs))]


def can_fork() -> bool:
    """Can this process be copied safely: a fork, and no thread but this one (counted
    by the system, as Qt's threads are not Python's)?"""
    if not hasattr(os, "fork") or os.environ.get(ONE_PROCESS_ENV) == "1":
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:  # no /proc: the threads cannot be counted
        return False


def _one(draft: Draft, target: Path, fmt: str, options: ExportOptions | None) -> Outcome:
    try:
        return export_draft(draft, target, fmt, options)
    except ClerkError as exc:
        return exc


def _in_copy(draft: Draft, jobs: Sequence[tuple[Path, str]], copy_jobs: list[int],
             options: ExportOptions | None, outcomes: dict[int, Outcome],
             meanwhile: Callable[[], None] | None) -> set[int]:
    """Run *copy_jobs* in a copy of this process and the others here, filling *outcomes*;
    the copy's jobs it reported."""
    for stream in (sys.stdout, sys.stderr):  # else the copy could print it again
        with contextlib.suppress(OSError, ValueError, AttributeError):
            stream.flush()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the copy: write, report, and leave without running anything else
        code = 1
        try:
            os.close(read_end)
            report = []
            for i in copy_jobs:
                done = _one(draft, *jobs[i], options)
                report.append([i, done.warnings] if isinstance(done, ExportResult)
                              else [i, None, done.message])
            _write_all(write_end, json.dumps(report).encode("utf-8"))
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    try:
        if meanwhile is not None:
            meanwhile()
        for i, (target, fmt) in enumerate(jobs):
            if i not in copy_jobs:
                outcomes[i] = _one(draft, target, fmt, options)
        report_bytes = _read_all(read_end)
    finally:
        os.close(read_end)
        _, status = os.waitpid(pid, 0)
    if status != 0:
        return set()
    return _take_report(report_bytes, jobs, copy_jobs, outcomes)


def _take_report(raw: bytes, jobs: Sequence[tuple[Path, str]], copy_jobs: list[int],
                 outcomes: dict[int, Outcome]) -> set[int]:
    try:
        report = json.loads(raw)
    except ValueError:
        return set()
    taken: set[int] = set()
    for entry in report if isinstance(report, list) else []:
        i = entry[0] if isinstance(entry, list) and entry else None
        if i not in copy_jobs or i in taken:
            continue
        target, fmt = jobs[i]
        if len(entry) == 2 and isinstance(entry[1], list):
            outcomes[i] = ExportResult(path=Path(target), format=fmt,
                                       warnings=[str(w) for w in entry[1]])
        elif len(entry) == 3 and isinstance(entry[2], str):
            outcomes[i] = ClerkError(entry[2])
        else:
            continue
        taken.add(i)
    return taken


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _read_all(fd: int) -> bytes:
    chunks: list[bytes] = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    return b"".join(chunks)
