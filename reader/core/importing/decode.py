"""Turn a file's bytes into text: BOMs, UTF-8, then statistical detection.

Detection (charset-normalizer) is restricted to the encodings our users' sources are
written in. Unrestricted, it reads short cp1252 text as cp1250 and short Shift_JIS as
cp949 (measured); restricted, it picks right on both.
"""

from __future__ import annotations

import codecs
import re

from reader.core.errors import ReaderError

# Most likely first: Japanese sources matter to this subject, then Western and the rest of
# East Asia. cp932 is Microsoft's superset of Shift_JIS (what real "Shift_JIS" files use).
CANDIDATE_ENCODINGS = (
    "utf_8",
    "utf_16",
    "utf_32",
    "cp932",
    "euc_jp",
    "iso2022_jp",
    "cp1252",
    "gb18030",
    "big5",
    "euc_kr",
    "cp1251",
)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf_32"),
    (codecs.BOM_UTF32_BE, "utf_32"),
    (codecs.BOM_UTF8, "utf_8_sig"),
    (codecs.BOM_UTF16_LE, "utf_16"),
    (codecs.BOM_UTF16_BE, "utf_16"),
)


class DecodeError(ReaderError):
    """The bytes are binary or in no encoding we can recognise."""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise :class:`DecodeError` for binary or unknown bytes."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"starts with a {encoding} byte-order mark but is not valid {encoding}"
                ) from exc
    utf16 = _bomless_utf16(data) or _plausible_utf16(data)
    if utf16 is not None:
        return utf16
    if b"\x00" in data:
        raise DecodeError("binary file (contains NUL bytes), not text")
    if (jis := _iso2022(data)) is not None:
        return jis
    try:
        return data.decode("utf_8"), "utf_8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # import-only dependency: keep CLI start fast

    best = from_bytes(data, cp_isolation=list(CANDIDATE_ENCODINGS)).best()
    if best is None:
        raise DecodeError("cannot tell its text encoding; save it as UTF-8 and import again")
    return str(best), str(best.encoding)


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM shows as NULs in every other byte of ASCII-heavy text."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:4096]
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    for nuls, encoding in ((odd_nuls, "utf_16_le"), (even_nuls, "utf_16_be")):
        if nuls > half * 0.3 and (even_nuls + odd_nuls - nuls) < half * 0.05:
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                return None
    return None


# Characters real text is made of: everything printable outside the C0/C1 controls,
# private use, unpaired surrogates and non-characters.
_ODD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\uf8ff\ufff0-\uffff]")


def _plausible_utf16(data: bytes) -> tuple[str, str] | None:
    """BOM-less UTF-16 of text with little ASCII (Japanese, Chinese): few NUL bytes, so
    the test above misses it; it decodes to almost only ordinary characters, which
    binary data and single-byte text read as UTF-16 never do."""
    if len(data) < 4 or len(data) % 2 or b"\x00" not in data:
        return None
    sample = data[:8192]
    for encoding in ("utf_16_le", "utf_16_be"):
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        if len(_ODD.findall(text)) <= len(text) * 0.01:
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                return None
    return None


def _iso2022(data: bytes) -> tuple[str, str] | None:
    """ISO-2022-JP (old Japanese e-mail and pages) is 7-bit, so it also "decodes" as
    UTF-8, into mojibake; its escape sequences give it away."""
    if b"\x1b$" not in data or max(data) > 0x7F:
        return None
    for encoding in ("iso2022_jp", "iso2022_jp_2", "iso2022_jp_ext"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return None
