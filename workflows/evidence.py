"""Evidence files: what a file is, judged by its first bytes (never by its name), and hashing."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

IMAGE, AUDIO, VIDEO, PDF = "image", "audio", "video", "pdf"


def sniff(head: bytes) -> tuple[str, str] | None:
    """(content type, family) from the file's first bytes, or None for anything unknown."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg", IMAGE
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png", IMAGE
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif", IMAGE
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "image/webp", IMAGE
    if head.startswith(b"%PDF-"):
        return "application/pdf", PDF
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return "audio/wav", AUDIO
    if head.startswith(b"RIFF") and head[8:12] == b"AVI ":
        return "video/x-msvideo", VIDEO
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "audio/mpeg", AUDIO
    if head.startswith(b"#!AMR"):
        return "audio/amr", AUDIO
    if head.startswith(b"OggS"):
        return "audio/ogg", AUDIO
    if head.startswith(b"fLaC"):
        return "audio/flac", AUDIO
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"M4A ", b"M4B "):
            return "audio/mp4", AUDIO
        if brand == b"qt  ":
            return "video/quicktime", VIDEO
        return "video/mp4", VIDEO
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "video/webm", VIDEO
    return None


def sha256_of(chunks: Iterable[bytes]) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    for chunk in chunks:
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def read_chunks(handle, size: int = 1024 * 1024):
    while chunk := handle.read(size):
        yield chunk
