"""Rebuild the data snapshot online, without ever damaging the one you have.

``python -m helpers.data refresh`` (or ``make refresh``) runs :func:`main`:

1. **Download** every raw series into a temporary folder: FRED series from FRED's public CSV
   endpoint (``fredgraph.csv``, no API key), and the BTC/ETH daily closes from the Coinbase
   Exchange public market-data API (documented at :data:`COINBASE_DOCS`; the committed snapshot's
   BTC/ETH closes are Yahoo Finance candles, whose endpoint is undocumented). Each request has a
   timeout and is retried with exponential backoff; a progress line per series goes to stderr.
2. **Validate** each file with :func:`helpers.data.read_raw_series` (header, ascending unique
   dates, numbers, plausible ranges, no unit jumps) and check that no series ends before the
   current snapshot's copy of it (a truncated or stale download).
3. **Build** the snapshot into a staging folder next to ``data/`` (same filesystem), check it
   with :func:`helpers.data.verify` and check that no table got shorter.
4. **Swap** the files in with :func:`os.replace`, ``manifest.json`` last, keeping a backup
   until the swap has finished (a failure half-way puts the old files back).

Any failure before the swap leaves ``data/`` byte-identical and prints why; the exit code is 1.
Network access happens only in the functions whose names start with ``download``, in
:func:`refresh` and in :func:`main`; each checks its arguments first (``ValueError``/``TypeError``
naming the argument), before any request is made.

This module imports only public names of :mod:`helpers.data`; ``helpers.data`` never imports it
(only its command line, ``helpers.data.__main__``, does), so there is no import cycle.
"""
from __future__ import annotations

import datetime as dt
import http.client
import json
import os
import shutil
import socket
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING, Callable, TextIO

from helpers import data
from helpers.validate import check_choice, check_date, check_int, check_number, check_text, shown

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "FRED_BASE",
    "COINBASE_BASE",
    "COINBASE_DOCS",
    "RefreshError",
    "download_fred_csv",
    "download_coinbase_daily",
    "refresh",
    "main",
]

FRED_BASE = "https://fred.stlouisfed.org/graph/fredgraph.csv"
COINBASE_BASE = "https://api.exchange.coinbase.com"
COINBASE_DOCS = ("https://docs.cdp.coinbase.com/api-reference/exchange-api/rest-api/products/"
                 "get-product-candles")
COINBASE_PRODUCTS = {"BTCUSD": "BTC-USD", "ETHUSD": "ETH-USD"}
COINBASE_START = dt.date(2015, 1, 1)  # Coinbase Exchange opened in January 2015
COINBASE_MAX_CANDLES = 300  # per request, documented limit
COINBASE_PAUSE = 0.15  # seconds between candle pages (public endpoints allow ~10 requests/s)
BACKOFF = 1.0  # seconds before the 2nd attempt; doubles for each further attempt
USER_AGENT = "liquidity-lab-refresh/0.1 (educational course; python urllib)"
RETRY_STATUS = {408, 425, 429, 500, 502, 503, 504}

# Provenance recorded in the manifest for the crypto files a refresh downloads.
COINBASE_SERIES = {
    sid: data.RawSeries(
        sid, "close", data.RAW_SERIES[sid].units,
        f"Coinbase Exchange {product} daily candles (UTC day), close; public market-data API "
        "(not FRED, not Yahoo)",
        f"{COINBASE_DOCS}?product_id={product}",
        data.RAW_SERIES[sid].lo, data.RAW_SERIES[sid].hi,
    )
    for sid, product in COINBASE_PRODUCTS.items()
}


class RefreshError(RuntimeError):
    """The refresh stopped; the snapshot was left as it was."""


class _Transient(Exception):
    """A failure worth retrying (timeout, connection error, HTTP 5xx, cut-off body)."""


def _utc_today() -> dt.date:
    return dt.datetime.now(dt.timezone.utc).date()


def default_timeline() -> Path:
    """``../shared/reference/policy_timeline.md`` relative to the repository."""
    repo = Path(__file__).resolve().parent.parent
    return repo.parent / "shared" / "reference" / data.POLICY_TIMELINE_NAME


# ---------------------------------------------------------------------------
# Argument checks (before any request)
# ---------------------------------------------------------------------------
FRED_IDS = tuple(sid for sid in data.RAW_SERIES if sid not in COINBASE_PRODUCTS)
LIMITS = {"timeout": 600.0, "retries": 10, "backoff": 60.0, "pause": 10.0}  # generous, never hours


def _check_timing(timeout, retries, backoff, pause=0.0) -> tuple[float, int, float, float]:
    """``timeout`` (> 0 s), ``retries`` (attempts), ``backoff`` and ``pause`` (>= 0 s), bounded."""
    return (check_number("timeout", timeout, 0, LIMITS["timeout"], open_lo=True),
            check_int("retries", retries, 1, LIMITS["retries"],
                      allowed=f"an int from 1 to {LIMITS['retries']} (attempts per request)"),
            check_number("backoff", backoff, 0, LIMITS["backoff"]),
            check_number("pause", pause, 0, LIMITS["pause"]))


def _check_url(name: str, value) -> str:
    """An http(s) endpoint with a host, e.g. ``https://fred.stlouisfed.org/graph/fredgraph.csv``."""
    url = check_text(name, value)
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise ValueError(f"{name}={shown(value)} is not an endpoint; allowed: an http(s) URL with a host "
                         f"and no query, e.g. {FRED_BASE!r}")
    return url


def _check_today(today) -> dt.date:
    """``today`` (default: the UTC date now) as a date after Coinbase Exchange opened."""
    if today is None:
        return _utc_today()
    return check_date("today", today, lo=COINBASE_START + dt.timedelta(days=1)).date()


def _check_target(out) -> Path:
    """The snapshot folder ``out`` (default :func:`helpers.data.data_dir`): a snapshot, an empty
    folder, or a new folder in an existing one — never a folder of other files."""
    if out is None:
        return data.data_dir()
    target = data.check_path("out", out)
    if not target.parent.is_dir():
        raise ValueError(f"out={str(target)!r}: the folder {str(target.parent)!r} for the snapshot does not "
                         "exist; allowed: a snapshot folder such as data/, or a new folder in an existing one")
    if target.exists() and (not target.is_dir() or (any(target.iterdir())
                                                      and not (target / data.MANIFEST).is_file())):
        raise ValueError(f"out={str(target)!r} is not a snapshot folder (it holds other files and no "
                         f"{data.MANIFEST}); allowed: a snapshot folder such as data/, an empty or a new folder")
    return target


def _check_stream(stream) -> TextIO:
    if stream is None:
        return sys.stderr
    if not callable(getattr(stream, "write", None)):
        raise TypeError(f"stream must be a text stream with .write(), got {type(stream).__name__} "
                        f"({shown(stream)}); allowed: e.g. sys.stderr or io.StringIO(), or None")
    return stream


# ---------------------------------------------------------------------------
# HTTP with timeouts and retries
# ---------------------------------------------------------------------------
def _get_once(url: str, timeout: float) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read()
    except urllib.error.HTTPError as exc:
        exc.close()
        reason = f"HTTP {exc.code} {exc.reason}"
        if exc.code in RETRY_STATUS:
            raise _Transient(reason) from None
        raise RefreshError(f"{reason} from {url}") from None
    except http.client.IncompleteRead as exc:
        raise _Transient(f"the response was cut off after {len(exc.partial)} bytes "
                         f"({exc.expected} more were announced)") from None
    except (TimeoutError, socket.timeout):
        raise _Transient(f"no answer within the timeout of {timeout:g} s") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, (TimeoutError, socket.timeout)):
            raise _Transient(f"no answer within the timeout of {timeout:g} s") from None
        raise _Transient(f"cannot connect ({exc.reason}); are you online?") from None
    except (OSError, http.client.HTTPException) as exc:
        raise _Transient(f"{type(exc).__name__}: {exc}") from None


def _get(url: str, *, timeout: float, retries: int, backoff: float,
         sleep: Callable[[float], None] = time.sleep) -> bytes:
    """GET ``url``; up to ``retries`` attempts, waiting backoff, 2*backoff, ... in between."""
    last = ""
    for attempt in range(1, retries + 1):
        try:
            return _get_once(url, timeout)
        except _Transient as exc:
            last = str(exc)
            if attempt < retries and backoff > 0:
                sleep(backoff * 2 ** (attempt - 1))
    tries = "1 attempt" if retries == 1 else f"{retries} attempts"
    raise RefreshError(f"{last} (gave up after {tries}: {url})")


# ---------------------------------------------------------------------------
# Downloads: each writes one raw FRED-format CSV and returns the validated series
# ---------------------------------------------------------------------------
def _fred_text(body: bytes, series_id: str) -> str:
    """FRED's CSV as text with ``\\n`` line ends and the ``observation_date`` header."""
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RefreshError(f"{series_id}: the response is not UTF-8 text, so not FRED's CSV") from None
    lines = text.splitlines()
    if lines:
        head = lines[0].strip().split(",")
        if len(head) == 2 and head[0].strip().upper() == "DATE":  # FRED's older header style
            lines[0] = f"observation_date,{head[1].strip()}"
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines) + "\n"


def _validated(path: Path, series: data.RawSeries, url: str) -> pd.Series:
    try:
        return data.read_raw_series(path, series)
    except ValueError as exc:
        raise RefreshError(f"{series.series_id}: {exc} (downloaded from {url})") from None


def download_fred_csv(series_id: str, folder: Path, *, base_url: str = FRED_BASE,
                      timeout: float = 30.0, retries: int = 3, backoff: float = BACKOFF) -> pd.Series:
    """Download one FRED series as ``<folder>/<series_id>.csv`` and validate it.

    ``base_url`` is FRED's CSV endpoint; the request is ``<base_url>?id=<series_id>``.
    Returns the series (float, indexed by date); raises :class:`RefreshError` saying why.
    """
    series_id = check_choice("series_id", series_id, FRED_IDS)
    folder = data.check_path("folder", folder, "folder")
    base_url = _check_url("base_url", base_url)
    timeout, retries, backoff, _ = _check_timing(timeout, retries, backoff)
    url = f"{base_url}?{urllib.parse.urlencode({'id': series_id})}"
    body = _get(url, timeout=timeout, retries=retries, backoff=backoff)
    path = folder / f"{series_id}.csv"
    path.write_text(_fred_text(body, series_id), encoding="utf-8", newline="\n")
    return _validated(path, data.RAW_SERIES[series_id], url)


def _iso(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def download_coinbase_daily(series_id: str, folder: Path, *, base_url: str = COINBASE_BASE,
                            timeout: float = 30.0, retries: int = 3, backoff: float = BACKOFF,
                            start: dt.date = COINBASE_START, today: dt.date | None = None,
                            pause: float = COINBASE_PAUSE,
                            progress: Callable[[int, int], None] | None = None) -> pd.Series:
    """Download BTC or ETH daily closes (USD, UTC days) from Coinbase Exchange candles.

    Pages through ``GET <base_url>/products/<BTC-USD|ETH-USD>/candles?granularity=86400``
    at most 300 days at a time, from ``start`` to the last complete UTC day before ``today``,
    and writes ``<folder>/<series_id>.csv`` as ``observation_date,close``. ``progress(page,
    pages)`` is called before each request. Returns the validated series; raises
    :class:`RefreshError` saying why.
    """
    product = COINBASE_PRODUCTS[check_choice("series_id", series_id, tuple(COINBASE_PRODUCTS))]
    folder = data.check_path("folder", folder, "folder")
    base_url = _check_url("base_url", base_url)
    timeout, retries, backoff, pause = _check_timing(timeout, retries, backoff, pause)
    last_day = _check_today(today) - dt.timedelta(days=1)  # today's candle is not closed yet
    start = check_date("start", start, lo=COINBASE_START, hi=last_day).date()
    if progress is not None and not callable(progress):
        raise TypeError(f"progress must be a function progress(page, pages) or None, got "
                        f"{type(progress).__name__} ({shown(progress)})")
    closes: dict[dt.date, float] = {}
    day = start
    first_url = ""
    pages = max(0, -(-((last_day - start).days + 1) // COINBASE_MAX_CANDLES))
    page = 0
    while day <= last_day:
        page += 1
        if progress is not None:
            progress(page, pages)
        end = min(day + dt.timedelta(days=COINBASE_MAX_CANDLES - 1), last_day)
        query = urllib.parse.urlencode({"granularity": 86400, "start": _iso(day), "end": _iso(end)})
        url = f"{base_url}/products/{product}/candles?{query}"
        first_url = first_url or url
        body = _get(url, timeout=timeout, retries=retries, backoff=backoff)
        for when, close in _parse_candles(body, series_id, url):
            if day <= when <= end:  # the API may add candles just before `start`
                closes[when] = close
        day = end + dt.timedelta(days=1)
        if pause > 0 and day <= last_day:
            time.sleep(pause)
    lines = ["observation_date,close"] + [f"{d.isoformat()},{closes[d]!r}" for d in sorted(closes)]
    path = folder / f"{series_id}.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")
    return _validated(path, COINBASE_SERIES[series_id], first_url or base_url)


def _parse_candles(body: bytes, series_id: str, url: str) -> list[tuple[dt.date, float]]:
    """Rows ``[time, low, high, open, close, volume]`` (newest first) -> (UTC day, close)."""
    text = body.decode("utf-8", errors="replace")
    if text.lstrip()[:1] == "<":
        raise RefreshError(f"{series_id}: got HTML, not Coinbase's JSON candles (from {url})")
    try:
        rows = json.loads(text)
    except ValueError:
        raise RefreshError(f"{series_id}: the response is not JSON: {text[:60]!r} (from {url})") from None
    if isinstance(rows, dict) and "message" in rows:
        raise RefreshError(f"{series_id}: Coinbase answered {rows['message']!r} (from {url})")
    if not isinstance(rows, list):
        raise RefreshError(f"{series_id}: expected a JSON list of candles, got {type(rows).__name__} "
                           f"(from {url})")
    out = []
    for row in rows:
        ok = (isinstance(row, list) and len(row) >= 5
              and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in row[:5]))
        if not ok:
            raise RefreshError(f"{series_id}: a candle is not [time, low, high, open, close, ...]: "
                               f"{str(row)[:60]} (from {url})")
        when = dt.datetime.fromtimestamp(int(row[0]), dt.timezone.utc)
        if (when.hour, when.minute, when.second) != (0, 0, 0):
            raise RefreshError(f"{series_id}: candle time {when.isoformat()} is not the start of a UTC "
                               f"day; expected daily candles (from {url})")
        out.append((when.date(), float(row[4])))
    return out


# ---------------------------------------------------------------------------
# Guards against truncated or stale downloads
# ---------------------------------------------------------------------------
def _old_manifest(folder: Path) -> dict | None:
    path = folder / data.MANIFEST
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return None


def _old_series(manifest: dict | None) -> dict[str, dict]:
    """series id -> its entry (source, last_observation) in the current snapshot's manifest."""
    out: dict[str, dict] = {}
    for entry in (manifest or {}).get("files", {}).values():
        for s in entry.get("series", []):
            out[s["id"]] = s
    return out


def _check_series_not_older(series_id: str, series, old: dict[str, dict]) -> None:
    previous = old.get(series_id, {}).get("last_observation")
    last = series.dropna().index[-1].date().isoformat()
    if previous and last < previous:
        raise RefreshError(
            f"{series_id}: the download ends on {last}, but the snapshot already has data to "
            f"{previous}: a truncated or stale download"
        )


def _check_tables_not_shorter(new: dict, old: dict | None, note: Callable[[str], None]) -> None:
    if not old:
        return
    old_series = _old_series(old)
    for fname, entry in new["files"].items():
        before = old.get("files", {}).get(fname)
        if before is None or not entry["series"]:
            continue  # new table, or policy_events (not downloaded)
        if entry["last_date"] < before["last_date"]:
            raise RefreshError(f"{fname}: the rebuilt table ends on {entry['last_date']}, but the "
                               f"snapshot's ends on {before['last_date']}")
        changed = [s["id"] for s in entry["series"]
                   if old_series.get(s["id"], {}).get("source") not in (None, s["source"])]
        if entry["first_date"] <= before["first_date"] and entry["rows"] >= before["rows"]:
            continue
        what = (f"{fname}: the rebuilt table has {entry['rows']} rows from {entry['first_date']}, "
                f"the snapshot's {before['rows']} rows from {before['first_date']}")
        if not changed:
            raise RefreshError(f"{what}: a series came back shorter")
        note(f"note: {what}; expected, because the source of {', '.join(changed)} changed "
             "(see the series entries in manifest.json)")


# ---------------------------------------------------------------------------
# Swap
# ---------------------------------------------------------------------------
def _swap_in(staging: Path, target: Path, names: list[str]) -> None:
    """Move ``names`` from ``staging`` into ``target`` (the last name last); all or nothing."""
    backup = Path(tempfile.mkdtemp(prefix=f".{target.name}.backup-", dir=target.parent))
    moved: list[str] = []
    try:
        for name in names:
            if (target / name).exists():
                shutil.copy2(target / name, backup / name)
        for name in names:
            os.replace(staging / name, target / name)
            moved.append(name)
    except BaseException as exc:  # also Ctrl-C half-way: put the old files back first
        for name in reversed(moved):
            if (backup / name).exists():
                os.replace(backup / name, target / name)
            else:
                (target / name).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise RefreshError(f"could not move the new files into {target} ({exc}); the old files "
                               "were put back") from None
        raise
    finally:
        shutil.rmtree(backup, ignore_errors=True)


# ---------------------------------------------------------------------------
# The whole refresh
# ---------------------------------------------------------------------------
def refresh(*, out: Path | None = None, timeline: Path | None = None, timeout: float = 30.0,
            retries: int = 3, backoff: float | None = None, pause: float | None = None,
            fred_base: str | None = None, coinbase_base: str | None = None,
            today: dt.date | None = None, stream: TextIO | None = None) -> dict:
    """Download, validate, build and swap in a new snapshot; returns its manifest.

    ``out`` is the snapshot folder (default :func:`helpers.data.data_dir`); ``timeline`` the
    ``policy_timeline.md`` (default :func:`default_timeline`). ``timeout`` is seconds per
    request, ``retries`` attempts per request, ``backoff`` the first wait between attempts
    (seconds, doubling), ``pause`` the wait between Coinbase pages. ``fred_base`` and
    ``coinbase_base`` are the endpoints (tests point them at a local server). Progress goes to
    ``stream`` (default stderr). Raises :class:`RefreshError` if anything fails; the snapshot
    is then byte-identical to before.
    """
    timeout, retries, backoff, pause = _check_timing(
        timeout, retries, BACKOFF if backoff is None else backoff, COINBASE_PAUSE if pause is None else pause)
    fred_base = FRED_BASE if fred_base is None else _check_url("fred_base", fred_base)
    coinbase_base = COINBASE_BASE if coinbase_base is None else _check_url("coinbase_base", coinbase_base)
    today = None if today is None else _check_today(today)
    stream = _check_stream(stream)
    target = _check_target(out)
    if timeline is None:
        timeline = default_timeline()
        if not timeline.is_file():
            raise RefreshError(f"timeline={str(timeline)!r} (the default) not found; pass --timeline "
                               "path/to/policy_timeline.md")
    else:
        timeline = data.check_path("timeline", timeline)
        if not timeline.is_file():
            raise ValueError(f"timeline={str(timeline)!r} not found; pass --timeline path/to/policy_timeline.md")

    tty = hasattr(stream, "isatty") and stream.isatty()

    def say(line: str) -> None:
        print(f"\r{line}\033[K" if tty else line, file=stream, flush=True)

    old = _old_manifest(target)
    old_series = _old_series(old)
    n = len(data.RAW_SERIES)
    last_dates = []
    with tempfile.TemporaryDirectory(prefix="liquidity-lab-raw-") as raw_dir:
        raw = Path(raw_dir)
        for i, sid in enumerate(data.RAW_SERIES, start=1):
            label = f"[{i:2d}/{n}] {sid:<10s}"
            try:
                if sid in COINBASE_PRODUCTS:
                    def pages(page: int, total: int, label: str = label) -> None:
                        if tty:  # a live counter on a terminal; one line per series in logs
                            print(f"\r{label} page {page}/{total}", end="", file=stream, flush=True)

                    s = download_coinbase_daily(sid, raw, base_url=coinbase_base, timeout=timeout,
                                                retries=retries, backoff=backoff, today=today,
                                                pause=pause, progress=pages)
                else:
                    s = download_fred_csv(sid, raw, base_url=fred_base, timeout=timeout,
                                          retries=retries, backoff=backoff)
                _check_series_not_older(sid, s, old_series)
            except Exception as exc:  # RefreshError, or a surprise such as a full disk
                say(f"{label} FAILED")
                msg = str(exc) if isinstance(exc, RefreshError) else f"{type(exc).__name__}: {exc}"
                raise RefreshError(msg if msg.startswith(f"{sid}:") else f"{sid}: {msg}") from None
            valid = s.dropna()
            last_dates.append(valid.index[-1].date())
            say(f"{label} ok  {len(valid):6d} values  {valid.index[0].date()} .. {valid.index[-1].date()}")

        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.staging-", dir=target.parent))
        try:
            try:
                manifest = data.build(
                    raw, staging, timeline, series_meta=COINBASE_SERIES,
                    manifest_extra=_provenance(max(last_dates), fred_base, coinbase_base, today),
                )
                data.verify(staging)
            except (ValueError, data.DataError) as exc:
                raise RefreshError(f"building the new snapshot failed: {exc}") from None
            except Exception as exc:  # a bug or an unforeseen input: still keep the snapshot
                raise RefreshError(f"building the new snapshot failed: {type(exc).__name__}: {exc}") from None
            _check_tables_not_shorter(manifest, old, say)
            say(f"built and verified the new snapshot in {staging.name}")
            target.mkdir(exist_ok=True)
            names = [t.filename for t in data.TABLES.values()] + [data.MANIFEST]
            _swap_in(staging, target, names)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    data.clear_cache()  # frees the parsed old tables (never stale: the cache is keyed by file hashes)
    return manifest


def _provenance(last: dt.date, fred_base: str, coinbase_base: str, today: dt.date | None) -> dict:
    return {
        "vintage": (f"Downloaded on {(today or _utc_today()).isoformat()} (UTC) from FRED and Coinbase "
                    f"Exchange, observations to {last.isoformat()}; see each file's "
                    "series.last_observation"),
        "built_by": "python -m helpers.data refresh",
        "refresh": {
            "fred_endpoint": f"{fred_base}?id=<SERIES>",
            "crypto_endpoint": f"{coinbase_base}/products/<BTC-USD|ETH-USD>/candles?granularity=86400",
            "crypto_docs": COINBASE_DOCS,
            "note": ("BTCUSD and ETHUSD (columns btc and eth of markets_daily.csv) are Coinbase "
                     "Exchange daily closes (UTC days) in this snapshot, not the Yahoo Finance "
                     "closes that the column descriptions and terms of the committed snapshot "
                     "mention; Coinbase's history starts later (BTC-USD mid-2015, ETH-USD 2016), "
                     "so the markets table starts later too. See Coinbase's terms before reuse."),
        },
    }


def main(timeline: Path | None = None, timeout: float = 30.0, retries: int = 3, *,
         out: Path | None = None, backoff: float | None = None, pause: float | None = None,
         fred_base: str | None = None, coinbase_base: str | None = None,
         today: dt.date | None = None, stream: TextIO | None = None) -> int:
    """Command-line entry (``python -m helpers.data refresh``): 0 on success, 1 on failure.

    The arguments are those of :func:`refresh`; a bad one is reported like any failure (exit 1).
    """
    stream = _check_stream(stream)
    target = out if out is not None else data.data_dir()  # for the messages; refresh() checks it
    try:
        manifest = refresh(out=out, timeline=timeline, timeout=timeout, retries=retries,
                           backoff=backoff, pause=pause, fred_base=fred_base,
                           coinbase_base=coinbase_base, today=today, stream=stream)
    except (RefreshError, TypeError, ValueError, OSError) as exc:  # OSError: e.g. no staging folder
        print(f"refresh failed: {exc}", file=stream)
        print(f"The snapshot in {target} was not changed.", file=stream)
        return 1
    except KeyboardInterrupt:
        print(f"\nrefresh interrupted; the snapshot in {target} was not changed.", file=stream)
        return 130
    for fname, entry in manifest["files"].items():
        print(f"wrote {fname:30s} {entry['rows']:6d} rows  {entry['first_date']} .. {entry['last_date']}",
              file=stream)
    print(f"refreshed {target}; run `python -m helpers.data verify` any time to check it", file=stream)
    return 0
