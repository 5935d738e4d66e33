"""Anchoring highlights to an article's text, and finding them again after the text changes.

A highlight is stored the way the W3C Web Annotation model stores it: the quoted passage with
some context (:class:`TextQuote`, a TextQuoteSelector) plus its offsets (a
TextPositionSelector). Offsets are code points of the article's canonical plain text.

When a re-import changes the text, :func:`reanchor` looks for the passage again: the old
offsets, then an exact occurrence of the quote, then a fuzzy match found with edlib and scored
the way Hypothesis's client scores quote matches. A passage that is not found is an orphan
(``None``); the caller keeps it, it is never silently dropped. A wrong anchor is worse than an
orphan — it puts the user's note on text it was not written about — so every rule here leans
towards orphaning when the evidence is thin.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

CONTEXT_CHARS = 32
THRESHOLD = 0.75  # measured (issue 5): removes every false match on deleted passages
_W_QUOTE, _W_PREFIX, _W_SUFFIX, _W_POS = 50.0, 20.0, 20.0, 2.0  # Hypothesis's weights
_LOCK = 0.9  # context similarity on both sides that pins where the passage must be
_DISTINCTIVE = 64  # an exact quote this long is the passage even in a new context (moved)
_MAX_CANDIDATES = 64
_NEAR = 8  # context characters next to the quote, which weigh double
_OTHER = "\uffff"  # stands for every character the query lacks (they can never match)
_CIGAR = re.compile(r"(\d+)([=XIDM])")


@dataclass(frozen=True, slots=True)
class TextQuote:
    """The W3C TextQuoteSelector: the quoted passage and the text just around it."""

    exact: str
    prefix: str
    suffix: str


def describe(text: str, start: int, end: int, context: int = CONTEXT_CHARS) -> TextQuote:
    """Quote + up to `context` chars of prefix/suffix for text[start:end] (offsets in code points).

    Offsets are clamped into the text. :func:`reanchor` takes the longer of prefix and suffix
    as the `context` used, and a shorter one as cut off by the edge of the text.
    """
    start = min(max(start, 0), len(text))
    end = min(max(end, start), len(text))
    context = max(context, 0)
    return TextQuote(
        text[start:end], text[max(0, start - context) : start], text[end : end + context]
    )


def reanchor(
    text: str, quote: TextQuote, start: int | None = None, end: int | None = None
) -> tuple[int, int] | None:
    """Where the quoted passage is in (possibly edited) `text`, or None (orphan).

    1. The old offsets, if the quote and its context are still there.
    2. Else the exact occurrence of the quote whose prefix/suffix match best (then the one
       nearest the old start), if its score reaches :data:`THRESHOLD` or the quote is long
       enough (:data:`_DISTINCTIVE`) to be that passage moved into a new context.
    3. Else a fuzzy match (edlib semi-global alignment), first in a window around the old
       position, then in the whole text, scored like Hypothesis (quote 50, prefix 20,
       suffix 20, position 2) and rejected below :data:`THRESHOLD`. If the old prefix and
       suffix are still side by side, the passage must be between them: that span or None.

    Scores differ from Hypothesis's in two ways, both found by the property tests: the 8
    context characters next to the quote count double, and a context cut short by the
    text's edge weighs by its length unless found whole.

    Returns code-point offsets ``(start, end)`` with ``start < end``. Never raises on odd
    input (empty quote or text, offsets out of range or missing). edlib is imported only
    once the text around the quote has changed.
    """
    if not text or not quote.exact:
        return None
    hint = None if start is None or end is None else min(max(start, 0), len(text))
    anchor = _Anchor(text, quote, hint)
    if (
        start is not None
        and end is not None
        and 0 <= start < end <= len(text)
        and text[start:end] == quote.exact
        and anchor.prefix_sim(start) == 1.0
        and anchor.suffix_sim(end) == 1.0
    ):
        return start, end
    return anchor.exact() or anchor.fuzzy(end)


class _Anchor:
    """One quote being looked for in one text: candidate search and scoring."""

    def __init__(self, text: str, quote: TextQuote, hint: int | None) -> None:
        self.text, self.quote, self.hint = text, quote, hint
        # describe() gives both sides `context` chars unless the text's edge cut one short.
        self.context = max(len(quote.prefix), len(quote.suffix))

    def prefix_sim(self, start: int, near: bool = True) -> float:
        """How well the text before `start` matches the stored prefix, 0..1."""
        before = self.text[max(0, start - 2 * self.context) : start]
        return self._side(self.quote.prefix[::-1], before[::-1], near)

    def suffix_sim(self, end: int, near: bool = True) -> float:
        """How well the text after `end` matches the stored suffix, 0..1."""
        return self._side(self.quote.suffix, self.text[end : end + 2 * self.context], near)

    def _side(self, stored: str, beside: str, near: bool) -> float:
        """Similarity of a stored prefix/suffix to a candidate's, both read away from the quote."""
        if len(stored) < self.context:  # cut short by the text's edge: must be at the edge now
            if beside == stored:
                return 1.0
            missed_edge = len(beside) >= 2 * self.context  # the edge counts as one symbol
            beside = beside[: self.context]
            errors = _distance(stored, beside) + missed_edge
            return 1.0 - errors / (max(len(stored), len(beside)) + 1)
        if beside.startswith(stored):
            return 1.0
        # Anchored at the quote, free where the context fades out (edlib's prefix mode). The
        # characters next to the quote count twice: they say most about which passage it is.
        rate = _distance(stored, beside[: len(stored) * 3 // 2], "SHW") / len(stored)
        if near:
            close = stored[:_NEAR]
            rate = (rate + _distance(close, beside[: _NEAR * 3 // 2], "SHW") / len(close)) / 2
        return max(0.0, 1.0 - rate)

    def score(self, start: int, end: int, errors: int | None = None) -> float:
        """Hypothesis's normalised score (client/src/annotator/anchoring/match-quote.ts)."""
        exact = self.quote.exact
        if errors is None:
            errors = _distance(exact, self.text[start:end])
        quote = max(0.0, 1.0 - errors / len(exact))
        pos = 1.0 if self.hint is None else 1.0 - abs(start - self.hint) / len(self.text)
        prefix, suffix = self.prefix_sim(start), self.suffix_sim(end)
        raw = (
            _W_QUOTE * quote
            + _W_PREFIX * prefix * self._weight(self.quote.prefix, prefix)
            + _W_SUFFIX * suffix * self._weight(self.quote.suffix, suffix)
            + _W_POS * pos
        )
        return raw / (_W_QUOTE + _W_PREFIX + _W_SUFFIX + _W_POS)

    def _weight(self, stored: str, similarity: float) -> float:
        """A context cut short by the text's edge counts in full where it is found whole (at
        the edge again); elsewhere its likeness is weaker evidence, in proportion to length."""
        if similarity == 1.0 or len(stored) >= self.context:
            return 1.0
        return (len(stored) + 1) / (self.context + 1)

    def _nearest(self, starts: list[int]) -> list[int]:
        hint = self.hint
        return starts if hint is None else sorted(starts, key=lambda s: (abs(s - hint), s))

    def exact(self) -> tuple[int, int] | None:
        """The best exact occurrence of the quote, if it is convincingly the passage."""
        text, exact = self.text, self.quote.exact
        found: list[int] = []
        at = text.find(exact)
        while at >= 0 and len(found) < 100_000:
            found.append(at)
            at = text.find(exact, at + 1)
        if not found:
            return None
        if len(found) > _MAX_CANDIDATES:  # scoring is ~50 µs each: look where it is likely
            head, tail = self.quote.prefix[-8:], self.quote.suffix[:8]
            likely = [
                s
                for s in found
                if text.endswith(head, 0, s) and text.startswith(tail, s + len(exact))
            ]
            found = sorted(set(likely[:_MAX_CANDIDATES] + self._nearest(found)[:_MAX_CANDIDATES]))
        scored = [(self.score(s, s + len(exact), 0), s) for s in self._nearest(found)]
        best, at = max(scored, key=lambda item: item[0])  # max keeps the first (nearest) of ties
        if best >= THRESHOLD or len(exact) >= _DISTINCTIVE:
            return at, at + len(exact)
        return None

    def fuzzy(self, old_end: int | None) -> tuple[int, int] | None:
        """The best approximate match: near the old position first, then ever wider.

        Offsets drift by the sum of all edits before the passage, hence the growing windows.
        """
        n, hint = len(self.text), self.hint
        windows = []
        if hint is not None:
            stop = min(max(hint, old_end or 0), n)
            for reach in (2000 + 2 * len(self.quote.exact), 20000 + 2 * len(self.quote.exact)):
                if (window := (max(0, hint - reach), min(n, stop + reach))) != (0, n):
                    windows.append(window)
        for i, (lo, hi) in enumerate([*windows, (0, n)]):
            candidates = self._search(lo, hi)
            # The context may veto a candidate, find the passage where the quote alone matched
            # better elsewhere, or (near the old position) tell a deletion at once.
            if candidates or i == 0:
                locked, span = self._between_context(lo, hi)
                if locked:
                    return span
            scored = sorted(((self.score(s, e), (s, e)) for s, e in candidates), reverse=True)
            for score, span in scored:
                if score < THRESHOLD:
                    break
                if found := self._settle(*span):
                    return found
        return None

    def _settle(self, start: int, end: int) -> tuple[int, int] | None:
        """The span with its edges given back to the context where the context fits better.

        A "match" made of the passage's own context is no match: after a deletion, "ud" in the
        next word is one edit from a deleted "udc", and the suffix " ud ..." claims it back.
        """
        reach = range(min(_NEAR, end - start) + 1)
        end = max((end - j for j in reach), key=lambda e: (self.suffix_sim(e), e))
        start = max((start + j for j in reach), key=lambda s: (self.prefix_sim(s), -s))
        return (start, end) if start < end and self.score(start, end) >= THRESHOLD else None

    def _between_context(self, lo: int, hi: int) -> tuple[bool, tuple[int, int] | None]:
        """Align prefix + quote + suffix; if the context is still intact, it decides.

        This is what keeps a deleted or rewritten passage from being anchored to a fragment
        of a neighbouring word: the stored context says exactly where the passage was.
        """
        prefix, exact, suffix = self.quote.prefix, self.quote.exact, self.quote.suffix
        if not self.context:
            return False, None
        budget = len(exact) + (len(prefix) + len(suffix)) // 5 + 1
        result = _edlib(prefix + exact + suffix, self.text[lo:hi], "HW", "path", budget)
        if not result.get("cigar"):
            return False, None
        origin = lo + result["locations"][0][0]
        rel_start, rel_end = _project(result["cigar"], len(prefix), len(prefix) + len(exact))
        start, end = origin + rel_start, origin + rel_end
        # Judged on the whole context: the passage's own edit may eat a character next to it.
        if self.prefix_sim(start, near=False) < _LOCK or self.suffix_sim(end, near=False) < _LOCK:
            return False, None
        return True, (self._settle(start, end) if end > start else None)

    def _search(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """Spans in text[lo:hi] nearest the quote within len/2 edits (Hypothesis's budget)."""
        exact = self.quote.exact
        result = _edlib(exact, self.text[lo:hi], "HW", "locations", len(exact) // 2)
        spans = [(lo + s, lo + e + 1) for s, e in result.get("locations") or [] if s is not None]
        if (hint := self.hint) is not None:
            spans.sort(key=lambda span: abs(span[0] - hint))
        return spans[:_MAX_CANDIDATES]


def _encode(query: str, target: str) -> tuple[str | bytes, str | bytes, bool]:
    """Give edlib at most 256 symbols: it refuses more, and Japanese text has thousands.

    Characters the query lacks can never match, so they all become one symbol; each of the
    query's characters gets its own. Past 255 distinct ones, the rarest share buckets, which
    makes alignments optimistic (``lossy``): callers then recount errors on the real text.
    """
    if query.isascii() and target.isascii():
        return query, target, False
    ranked = [c for c, _ in Counter(query).most_common()]
    lossy = len(ranked) > 255 or _OTHER in ranked
    table = {ord(c): i if i < 240 or not lossy else 240 + ord(c) % 15 for i, c in enumerate(ranked)}
    table[ord(_OTHER)] = 255
    members = "".join(re.escape(c) for c in ranked)
    mapped = re.sub(f"[^{members}]", _OTHER, target).translate(table)
    return query.translate(table).encode("latin-1"), mapped.encode("latin-1"), lossy


def _edlib(query: str, target: str, mode: str, task: str, k: int = -1) -> dict[str, Any]:
    """edlib.align on code points; with a lossy alphabet the path is recounted exactly."""
    if not query or not target:
        return {"editDistance": -1, "locations": [], "cigar": None}
    import edlib  # lazily: only needed once exact matching has failed

    mapped_query, mapped_target, lossy = _encode(query, target)
    result: dict[str, Any] = edlib.align(
        mapped_query, mapped_target, mode=mode, task="path" if lossy else task, k=k
    )
    if lossy and result.get("cigar"):
        start, stop = result["locations"][0]
        result["editDistance"] = _recount(result["cigar"], query, target[start or 0 : stop + 1])
    return result


def _distance(query: str, target: str, mode: str = "NW") -> int:
    """Edit distance: global (NW) or query anchored at the target's start (SHW)."""
    if not query:
        return len(target) if mode == "NW" else 0
    if not target:
        return len(query)
    return int(_edlib(query, target, mode, "distance")["editDistance"])


def _recount(cigar: str, query: str, target: str) -> int:
    """Errors of an alignment path counted on the real characters (an upper bound)."""
    qi = ti = errors = 0
    for count, op in _CIGAR.findall(cigar):
        n = int(count)
        if op == "I":  # in the query only
            errors, qi = errors + n, qi + n
        elif op == "D":  # in the target only
            errors, ti = errors + n, ti + n
        else:
            errors += sum(
                a != b for a, b in zip(query[qi : qi + n], target[ti : ti + n], strict=False)
            )
            qi, ti = qi + n, ti + n
    return errors


def _project(cigar: str, q_start: int, q_end: int) -> tuple[int, int]:
    """The target span between query[:q_start] and query[q_end:] along an alignment path.

    Target-only characters at either boundary go inside the span: when the last word of a
    quote is rewritten, the new word belongs to the passage, not to its context.
    """
    qi = ti = 0
    t_start = 0 if q_start == 0 else None
    t_end: int | None = None
    for count, op in _CIGAR.findall(cigar):
        n = int(count)
        dq, dt = (0 if op == "D" else n), (0 if op == "I" else n)
        if t_start is None and qi < q_start <= qi + dq:
            t_start = ti + (q_start - qi if dt else 0)
        if t_end is None and qi <= q_end < qi + dq:
            t_end = ti + (q_end - qi if dt else 0)
        qi, ti = qi + dq, ti + dt
    t_start = ti if t_start is None else t_start
    return t_start, max(t_start, ti if t_end is None else t_end)
