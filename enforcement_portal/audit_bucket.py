"""The audit chain's head, exported to an S3-compatible bucket as well as to the file.

The file (``audit_heads``) may sit on a disk the database host's administrator can reach; a
bucket on another system, written with a key that may put and read objects but not delete or
overwrite them (object lock or versioning on the bucket), is out of reach of whoever rewrites
the database. Configured with ``AUDIT_HEAD_S3_BUCKET`` and its endpoint and keys
(docs/operations.md); without a bucket every function here is a no-op.

Each export is a new object, never an overwrite: its key is the prefix plus the export time
counted *down* from a far date, so S3's ascending key order lists the newest export first and
one ``ListObjectsV2`` with ``MaxKeys=1`` finds it however many there are.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import timezone

logger = logging.getLogger(__name__)

_FAR_MS = 10**13  # year 2286 in epoch milliseconds: keys count down from here


class BucketError(RuntimeError):
    """The bucket could not be reached or read (the message says which and why)."""


@dataclass(frozen=True)
class BucketHead:
    key: str
    seq: int
    hash: str
    exported_at: str


def configured() -> bool:
    return bool(settings.AUDIT_HEAD_S3_BUCKET)


def location(key: str = "") -> str:
    return f"s3://{settings.AUDIT_HEAD_S3_BUCKET}/{key}"


def _client():
    import boto3
    from botocore.config import Config

    endpoint = settings.AUDIT_HEAD_S3_ENDPOINT_URL or None
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=settings.AUDIT_HEAD_S3_REGION or None,
        aws_access_key_id=settings.AUDIT_HEAD_S3_ACCESS_KEY_ID or None,
        aws_secret_access_key=settings.AUDIT_HEAD_S3_SECRET_ACCESS_KEY or None,
        config=Config(
            connect_timeout=5,
            read_timeout=15,
            retries={"max_attempts": 3, "mode": "standard"},
            # MinIO, Ceph and most self-hosted stores want bucket-in-path addresses.
            s3={"addressing_style": "path" if endpoint else "auto"},
        ),
    )


def _key(now) -> str:
    countdown = _FAR_MS - int(now.timestamp() * 1000)
    return f"{settings.AUDIT_HEAD_S3_PREFIX}{countdown:013d}-{now:%Y%m%dT%H%M%S}.json"


def latest_head() -> BucketHead | None:
    """The newest exported head in the bucket, or None when it holds none yet."""
    from botocore.exceptions import BotoCoreError, ClientError

    bucket, prefix = settings.AUDIT_HEAD_S3_BUCKET, settings.AUDIT_HEAD_S3_PREFIX
    client = _client()
    try:
        listing = client.list_objects_v2(Bucket=bucket, Prefix=prefix, MaxKeys=1)
        contents = listing.get("Contents") or []
        if not contents:
            return None
        key = contents[0]["Key"]
        body = client.get_object(Bucket=bucket, Key=key)["Body"].read()
    except (BotoCoreError, ClientError) as exc:
        raise BucketError(f"{location(prefix)}: {exc}") from exc
    try:
        row = json.loads(body)
        return BucketHead(key, int(row["seq"]), str(row["hash"]), str(row.get("exported_at", "")))
    except (ValueError, KeyError, TypeError) as exc:
        raise BucketError(f"{location(key)}: not an exported head ({exc})") from exc


def export_head(head: Mapping[str, Any]) -> dict:
    """Put ``head`` ({seq, hash, created_at}) as a new object unless it is the newest already.

    Returns ``{"exported": bool, "location": str}``; raises BucketError when the bucket
    cannot be reached (the beat task then fails visibly and runs again next time).
    """
    from botocore.exceptions import BotoCoreError, ClientError

    latest = latest_head()
    if latest and (latest.seq, latest.hash) == (head["seq"], head["hash"]):
        return {"exported": False, "location": location(latest.key)}
    now = timezone.now()
    key = _key(now)
    body = json.dumps(
        {
            "seq": head["seq"],
            "hash": head["hash"],
            "event_at": head["created_at"].isoformat(),
            "exported_at": now.isoformat(),
        },
        sort_keys=True,
    ).encode("utf-8")
    try:
        _client().put_object(
            Bucket=settings.AUDIT_HEAD_S3_BUCKET,
            Key=key,
            Body=body,
            ContentType="application/json",
        )
    except (BotoCoreError, ClientError) as exc:
        raise BucketError(f"{location(key)}: {exc}") from exc
    logger.info("Audit chain head exported: seq=%s to %s", head["seq"], location(key))
    return {"exported": True, "location": location(key)}
