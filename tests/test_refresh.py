"""`python -m helpers.data refresh` against a local HTTP server: no network needed.

The server (127.0.0.1, a free port) serves synthetic FRED CSVs and Coinbase-style JSON candles.
Every test works on a copy of data/ in tmp_path; after every failure the copy must be
byte-identical and the output must say why.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import math
import re
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from support import REAL_DATA, make_timeline
from helpers import data, refresh
from helpers.data.__main__ import main as data_main

FRED_PATH = "/fred/graph/fredgraph.csv"
COINBASE_PATH = "/coinbase"


# ---------------------------------------------------------------------------
# Synthetic sources covering (and extending) the committed snapshot's dates
# ---------------------------------------------------------------------------
def _snapshot_end() -> dt.date:
    manifest = json.loads((REAL_DATA / data.MANIFEST).read_text(encoding="utf-8"))
    lasts = [s["last_observation"] for f in manifest["files"].values() for s in f["series"]]
    return dt.date.fromisoformat(max(lasts))


END = _snapshot_end() + dt.timedelta(days=14)
TODAY = END + dt.timedelta(days=1)


def _days(start: dt.date, end: dt.date = END, step: int = 1, weekdays: bool = False):
    d = start
    while d <= end:
        if not weekdays or d.weekday() < 5:
            yield d
        d += dt.timedelta(days=step)


def _wave(k: int, mid: float, amp: float, period: float = 400.0) -> float:
    return mid + amp * math.sin(k / period)


def _csv(column: str, rows, header: str = "observation_date") -> bytes:
    lines = [f"{header},{column}"] + [f"{d.isoformat()},{v}" for d, v in rows]
    return ("\n".join(lines) + "\n").encode()


def _fred_bodies() -> dict[str, bytes]:
    weekly = list(_days(dt.date(2002, 12, 18), step=7))
    daily = list(_days(dt.date(2008, 12, 1)))
    bdays = list(_days(dt.date(2003, 2, 7), weekdays=True))
    mkt = list(_days(dt.date(2014, 9, 1), weekdays=True))
    sofr_days = [d for d in mkt if d >= dt.date(2018, 4, 3)]
    months = []
    y, m = 1959, 1
    while dt.date(y, m, 1) <= END:
        months.append(dt.date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    b = {}
    walcl = [(d, round(_wave(k, 5e6, 2e6, 60))) for k, d in enumerate(weekly)]
    b["WALCL"] = _csv("WALCL", walcl)
    b["TREAST"] = _csv("TREAST", [(d, v // 2) for d, v in walcl])
    b["WSHOMCB"] = _csv("WSHOMCB", [(d, v // 4) for d, v in walcl])
    b["WRESBAL"] = _csv("WRESBAL", [(d, round(_wave(k, 2e6, 1e6, 50))) for k, d in enumerate(weekly)])
    b["WTREGEN"] = _csv("WTREGEN", [(d, round(_wave(k, 5e5, 3e5, 30))) for k, d in enumerate(weekly)])
    # Missing values both ways FRED writes them: '.' (older) and empty (current).
    b["RRPONTSYD"] = _csv("RRPONTSYD", [(d, "." if k % 50 == 0 else f"{_wave(k, 800, 700):.3f}")
                                        for k, d in enumerate(bdays)])
    lower = [(d, 0.25 * max(0, round(_wave(k, 8, 8, 300)))) for k, d in enumerate(daily)]
    b["DFEDTARL"] = _csv("DFEDTARL", [(d, f"{v:.2f}") for d, v in lower])
    b["DFEDTARU"] = _csv("DFEDTARU", [(d, f"{v + 0.25:.2f}") for d, v in lower])
    b["DFF"] = _csv("DFF", [(d, f"{v + 0.08:.2f}") for d, v in lower])
    b["IORB"] = _csv("IORB", [(d, f"{v + 0.15:.2f}") for d, v in lower if d >= dt.date(2021, 7, 29)])
    b["SOFR"] = _csv("SOFR", [(d, "" if k % 60 == 0 else f"{_wave(k, 2, 1.5):.2f}")
                              for k, d in enumerate(sofr_days)])
    # FRED's older header style: DATE,<SERIES>; the refresh normalises it.
    b["DGS2"] = _csv("DGS2", [(d, f"{_wave(k, 2, 1.5):.2f}") for k, d in enumerate(mkt)], header="DATE")
    b["DGS10"] = _csv("DGS10", [(d, f"{_wave(k, 3, 1.5):.2f}") for k, d in enumerate(mkt)])
    b["DFII10"] = _csv("DFII10", [(d, f"{_wave(k, 0.5, 1):.2f}") for k, d in enumerate(mkt)])
    b["T10YIE"] = _csv("T10YIE", [(d, f"{_wave(k, 2, 0.5):.2f}") for k, d in enumerate(mkt)])
    b["SP500"] = _csv("SP500", [(d, f"{_wave(k, 4000, 1500):.2f}") for k, d in enumerate(mkt)])
    b["NASDAQCOM"] = _csv("NASDAQCOM", [(d, f"{_wave(k, 12000, 5000):.2f}") for k, d in enumerate(mkt)])
    b["VIXCLS"] = _csv("VIXCLS", [(d, f"{_wave(k, 20, 8, 30):.2f}") for k, d in enumerate(mkt)])
    b["DTWEXBGS"] = _csv("DTWEXBGS", [(d, f"{_wave(k, 110, 10):.4f}") for k, d in enumerate(mkt)])
    b["M2SL"] = _csv("M2SL", [(d, f"{300 * math.exp(0.0053 * k):.1f}") for k, d in enumerate(months)])
    b["CBBTCUSD"] = _csv("CBBTCUSD", [(d, f"{300 * math.exp(0.0012 * k):.2f}")
                                      for k, d in enumerate(_days(dt.date(2014, 12, 1)))])
    return b


def _coin_prices() -> dict[str, dict[int, float]]:
    """product -> {unix time of the UTC day: close}"""
    out = {}
    for product, start, p0 in (("BTC-USD", dt.date(2015, 7, 20), 280.0), ("ETH-USD", dt.date(2016, 5, 18), 12.0)):
        out[product] = {
            int(dt.datetime(d.year, d.month, d.day, tzinfo=dt.timezone.utc).timestamp()):
                round(p0 * math.exp(0.0011 * k) * (1 + 0.05 * math.sin(k / 9)), 2)
            for k, d in enumerate(_days(start))
        }
    return out


FRED = _fred_bodies()
COINS = _coin_prices()
assert set(FRED) | set(refresh.COINBASE_PRODUCTS) == set(data.RAW_SERIES)


# ---------------------------------------------------------------------------
# The local server
# ---------------------------------------------------------------------------
class Fake:
    """What the server serves; ``behaviour[key]`` (a FRED id or a Coinbase product) alters it."""

    def __init__(self) -> None:
        self.behaviour: dict[str, object] = {}
        self.requests: list[tuple[str, str]] = []  # (key, query)
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.url = ""

    def count(self, key: str) -> int:
        with self.lock:
            return sum(1 for k, _ in self.requests if k == key)


def _parse_iso(text: str) -> int:
    return int(dt.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp())


class Handler(BaseHTTPRequestHandler):
    def log_message(self, format, *args):  # keep the test output clean
        pass

    def _send(self, status: int, body: bytes, ctype: str = "text/csv", length: int | None = None) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body) if length is None else length))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_GET(self) -> None:
        fake: Fake = self.server.fake
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query)
        if url.path == FRED_PATH:
            key = query.get("id", [""])[0]
            if key not in FRED:
                return self._send(404, b"<html>Not found</html>", "text/html")
            body, ctype = FRED[key], "text/csv"
        elif url.path.startswith(COINBASE_PATH + "/products/") and url.path.endswith("/candles"):
            key = url.path.split("/")[-2]
            start, end = _parse_iso(query["start"][0]), _parse_iso(query["end"][0])
            if query.get("granularity") != ["86400"] or (end - start) // 86400 + 1 > 300:
                return self._send(400, b'{"message":"granularity too small for the requested time range"}',
                                  "application/json")
            prices = COINS.get(key, {})
            rows = [[t, p * 0.97, p * 1.03, p * 0.99, p, 1234.5]
                    for t, p in sorted(prices.items(), reverse=True) if start <= t <= end]
            body, ctype = json.dumps(rows).encode(), "application/json"
        else:
            return self._send(404, b"not found", "text/plain")
        with fake.lock:
            n = sum(1 for k, _ in fake.requests if k == key)
            fake.requests.append((key, url.query))
        how = fake.behaviour.get(key)
        if how == "flaky" and n == 0:
            how = "500"
        if how == "500":
            return self._send(500, b"Internal Server Error", "text/plain")
        if how == "404":
            return self._send(404, b"Not Found", "text/plain")
        if how == "sleep":
            fake.stop.wait(10)  # longer than the client's timeout; released at teardown
            return None
        if how == "html":
            return self._send(200, b"<!DOCTYPE html>\n<html><body>Service temporarily unavailable"
                                   b"</body></html>\n", "text/html")
        if how == "truncated":  # announces the whole body, sends half, closes
            return self._send(200, body[: len(body) // 2], ctype, length=len(body))
        if callable(how):
            body = how(body)
        return self._send(200, body, ctype)


@pytest.fixture
def fake():
    f = Fake()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = False  # so server_close() joins every handler thread
    server.fake = f
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    f.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield f
    finally:
        f.stop.set()
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(autouse=True)
def no_real_endpoints(monkeypatch):
    """A test that forgot to pass the local server fails fast instead of going online."""
    monkeypatch.setattr(refresh, "FRED_BASE", "http://127.0.0.1:9/no-network-in-tests")
    monkeypatch.setattr(refresh, "COINBASE_BASE", "http://127.0.0.1:9/no-network-in-tests")


@pytest.fixture
def timeline(tmp_path):
    return make_timeline(tmp_path / "policy_timeline.md")


def _bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _run(fake: Fake, out: Path, timeline: Path, *, timeout: float = 5.0, retries: int = 2) -> tuple[int, str]:
    stream = io.StringIO()
    code = refresh.main(timeline=timeline, timeout=timeout, retries=retries, out=out, backoff=0, pause=0,
                        fred_base=fake.url + FRED_PATH, coinbase_base=fake.url + COINBASE_PATH,
                        today=TODAY, stream=stream)
    return code, stream.getvalue()


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.parent.iterdir() if p.name.startswith(f".{folder.name}."))


# ---------------------------------------------------------------------------
# Success
# ---------------------------------------------------------------------------
def test_refresh_replaces_the_snapshot_with_a_valid_one(fake, data_copy, timeline):
    before = _bytes(data_copy)
    fake.behaviour["WALCL"] = "flaky"  # one HTTP 500, then fine: retried
    fake.behaviour["ETH-USD"] = "flaky"
    code, out = _run(fake, data_copy, timeline)
    assert code == 0, out
    assert "[ 1/23] WALCL" in out and "[23/23] ETHUSD" in out and out.count(" ok ") == 23
    assert fake.count("WALCL") == 2 and fake.count("NASDAQCOM") == 1

    data.verify(data_copy)  # hashes, schemas, manifest agree
    after = _bytes(data_copy)
    assert set(after) == set(before)
    assert all(after[n] != before[n] for n in after if n != "policy_events.csv")
    assert _leftovers(data_copy) == []

    manifest = json.loads((data_copy / data.MANIFEST).read_text(encoding="utf-8"))
    assert manifest["built_by"] == "python -m helpers.data refresh"
    series = {s["id"]: s for f in manifest["files"].values() for s in f["series"]}
    assert "Coinbase Exchange BTC-USD" in series["BTCUSD"]["source"]
    assert "Yahoo" not in series["BTCUSD"]["source"].replace("not Yahoo", "")
    assert series["BTCUSD"]["url"].startswith(refresh.COINBASE_DOCS)
    assert series["WALCL"]["source"].startswith("FRED")
    assert all(END - dt.timedelta(days=31) <= dt.date.fromisoformat(s["last_observation"]) <= END
               for s in series.values())
    old = json.loads(before[data.MANIFEST])
    old_series = {s["id"]: s for f in old["files"].values() for s in f["series"]}
    assert all(series[k]["last_observation"] > old_series[k]["last_observation"] for k in series)
    assert "Coinbase" in manifest["refresh"]["note"]
    # The source of btc/eth changed, so the markets table may start later: said, not hidden.
    assert "note: markets_daily.csv" in out and "BTCUSD" in out

    markets = data.load("markets")
    assert markets["btc"].first_valid_index() == dt.datetime(2015, 7, 20)
    t = int(dt.datetime(2021, 3, 1, tzinfo=dt.timezone.utc).timestamp())
    assert markets.loc["2021-03-01", "btc"] == COINS["BTC-USD"][t]
    rates = data.load("policy_rates")
    assert rates.index[-1] == dt.datetime.combine(END, dt.time())
    assert data.load("fed_balance_sheet")["total_assets"].iloc[0] == pytest.approx(
        int(FRED["WALCL"].split(b"\n")[1].split(b",")[1]) / 1000)
    # Coinbase was paged in windows of at most 300 days (the server rejects more).
    pages = [q for k, q in fake.requests if k == "BTC-USD"]
    assert len(pages) >= math.ceil((TODAY - refresh.COINBASE_START).days / 300)


# ---------------------------------------------------------------------------
# Failures: the snapshot is byte-identical afterwards and the output says why
# ---------------------------------------------------------------------------
def _drop_tail(body: bytes) -> bytes:  # a body cut at a line boundary: ends too early
    lines = body.split(b"\n")
    return b"\n".join(lines[: len(lines) // 2]) + b"\n"


def _cut_mid_line(body: bytes) -> bytes:
    return body[: len(body) // 2 + 3]


def _wrong_header(body: bytes) -> bytes:
    first, rest = body.split(b"\n", 1)
    return first + b"2\n" + rest


def _swap_rows(body: bytes) -> bytes:
    lines = body.split(b"\n")
    lines[10], lines[11] = lines[11], lines[10]
    return b"\n".join(lines)


def _thousandfold_tail(body: bytes) -> bytes:  # units changed from millions to billions
    lines = body.rstrip(b"\n").split(b"\n")
    for i in range(len(lines) - 20, len(lines)):
        d, v = lines[i].split(b",")
        lines[i] = d + b"," + f"{int(v) / 1000:.3f}".encode()
    return b"\n".join(lines) + b"\n"


def _not_a_number(body: bytes) -> bytes:
    return body.rstrip(b"\n") + b"\n2099-01-01,n/a\n"


def _early_only(body: bytes) -> bytes:  # every weekly series starts in 2010: the table shrinks
    lines = body.split(b"\n")
    return b"\n".join([lines[0]] + [ln for ln in lines[1:] if ln[:4] >= b"2010"])


FAILURES = [
    # Most failures hit the first series (fast); a few hit late ones, after many good downloads.
    pytest.param("WALCL", "500", r"WALCL: HTTP 500 .*gave up after 2 attempts", id="http-500"),
    pytest.param("M2SL", "500", r"M2SL: HTTP 500 .*gave up after 2 attempts", id="http-500-late"),
    pytest.param("WALCL", "404", r"WALCL: HTTP 404", id="http-404-not-retried"),
    pytest.param("WALCL", "sleep", r"WALCL: no answer within the timeout of 0.3 s", id="timeout"),
    pytest.param("WALCL", "html", r"WALCL: WALCL.csv: got HTML, not CSV", id="html-instead-of-csv"),
    pytest.param("WALCL", "truncated", r"WALCL: the response was cut off after \d+ bytes", id="truncated-body"),
    pytest.param("WALCL", _cut_mid_line, r"WALCL.csv: line \d+ is not 'YYYY-MM-DD,value'", id="cut-mid-line"),
    pytest.param("WALCL", _drop_tail, r"WALCL: the download ends on \S+, but the snapshot already has data "
                                      r"to \S+: a truncated or stale download", id="cut-at-line-end"),
    pytest.param("WALCL", _wrong_header, r"header is 'observation_date,WALCL2', expected 'observation_date,WALCL'",
                 id="wrong-header"),
    pytest.param("WALCL", _swap_rows, r"WALCL.csv: dates are not strictly ascending", id="dates-out-of-order"),
    pytest.param("WRESBAL", _thousandfold_tail, r"WRESBAL.csv: value jumps by a factor of \d{3,4} \(down\) on .*changed units",
                 id="unit-jump"),
    pytest.param("WALCL", _not_a_number, r"WALCL.csv: line \d+ has a non-numeric value 'n/a'", id="non-numeric"),
    pytest.param("ETH-USD", "500", r"ETHUSD: HTTP 500", id="coinbase-500"),
    pytest.param("BTC-USD", "html", r"BTCUSD: got HTML, not Coinbase's JSON candles", id="coinbase-html"),
    pytest.param("BTC-USD", lambda b: b'{"message": "NotFound"}', r"BTCUSD: Coinbase answered 'NotFound'",
                 id="coinbase-error-json"),
    pytest.param("BTC-USD", lambda b: b"[[1, 2, 3]]", r"BTCUSD: a candle is not \[time, low, high, open, close",
                 id="coinbase-bad-candle"),
]


@pytest.mark.parametrize("key, how, reason", FAILURES)
def test_a_failed_refresh_leaves_the_snapshot_byte_identical(fake, data_copy, timeline, key, how, reason):
    before = _bytes(data_copy)
    fake.behaviour[key] = how
    timeout = 0.3 if how == "sleep" else 5.0
    code, out = _run(fake, data_copy, timeline, timeout=timeout)
    assert code == 1
    assert _bytes(data_copy) == before
    assert _leftovers(data_copy) == []
    assert "FAILED" in out and "refresh failed:" in out and "was not changed" in out
    assert re.search(reason, out), out
    if how in ("500", "sleep", "truncated"):
        assert fake.count(key) == 2  # retried
    if how == "404":
        assert fake.count(key) == 1  # a permanent error is not retried


def test_a_table_that_comes_back_shorter_is_refused(fake, data_copy, timeline):
    before = _bytes(data_copy)
    for sid in ("WALCL", "TREAST", "WSHOMCB", "WRESBAL", "WTREGEN"):
        fake.behaviour[sid] = _early_only
    code, out = _run(fake, data_copy, timeline)
    assert code == 1 and _bytes(data_copy) == before, out
    assert "fed_balance_sheet_weekly.csv: the rebuilt table has" in out and "came back shorter" in out


def test_a_failed_build_leaves_the_snapshot_byte_identical(fake, data_copy, timeline, monkeypatch):
    before = _bytes(data_copy)

    def build_that_dies_half_way(source, out, *args, **kwargs):
        (Path(out) / "fed_balance_sheet_weekly.csv").write_text("date,total_assets\n")
        raise MemoryError("out of memory while writing markets_daily.csv")

    monkeypatch.setattr(data, "build", build_that_dies_half_way)
    code, out = _run(fake, data_copy, timeline)
    assert code == 1 and _bytes(data_copy) == before
    assert "building the new snapshot failed: MemoryError: out of memory" in out
    assert _leftovers(data_copy) == []


@pytest.mark.parametrize("failure, code_expected, said", [
    (OSError(28, "No space left on device"), 1, "could not move the new files"),
    (KeyboardInterrupt(), 130, "refresh interrupted"),
], ids=["disk-full", "ctrl-c"])
def test_a_swap_that_fails_half_way_puts_the_old_files_back(fake, data_copy, timeline, monkeypatch,
                                                            failure, code_expected, said):
    before = _bytes(data_copy)
    real_replace = refresh.os.replace
    calls = []

    def flaky_replace(src, dst):
        calls.append(dst)
        if len(calls) == 3:  # two new files are already in place
            raise failure
        return real_replace(src, dst)

    monkeypatch.setattr(refresh.os, "replace", flaky_replace)
    code, out = _run(fake, data_copy, timeline)
    monkeypatch.undo()
    assert code == code_expected and _bytes(data_copy) == before, out
    assert said in out and "not changed" in out
    assert _leftovers(data_copy) == []


def test_coinbase_download_pages_and_writes_raw_closes(fake, tmp_path):
    seen = []
    s = refresh.download_coinbase_daily(
        "ETHUSD", tmp_path, base_url=fake.url + COINBASE_PATH, backoff=0, pause=0,
        start=dt.date(2016, 1, 1), today=dt.date(2018, 1, 1), progress=lambda p, n: seen.append((p, n)))
    assert seen == [(1, 3), (2, 3), (3, 3)]  # 731 days in pages of at most 300
    text = (tmp_path / "ETHUSD.csv").read_text(encoding="utf-8")
    assert text.startswith("observation_date,close\n2016-05-18,12.0\n")
    assert s.index[-1] == dt.datetime(2017, 12, 31)  # the unfinished day `today` is left out
    assert s.index.is_monotonic_increasing and not s.index.has_duplicates


def test_missing_timeline_fails_before_any_download(fake, data_copy, tmp_path):
    before = _bytes(data_copy)
    code, out = _run(fake, data_copy, tmp_path / "nowhere.md")
    assert code == 1 and _bytes(data_copy) == before
    assert "timeline=" in out and "not found" in out
    assert fake.requests == []


@pytest.mark.parametrize("kwargs, error, match", [
    ({"timeout": 0}, ValueError, "timeout=0"),
    ({"timeout": "30"}, TypeError, "timeout must be a number"),
    ({"timeout": float("inf")}, ValueError, "timeout=inf"),
    ({"retries": 0}, ValueError, "retries=0"),
    ({"retries": 2.5}, TypeError, "retries must be an int"),
    ({"retries": 10**400}, ValueError, "retries=1000"),
    ({"backoff": -1}, ValueError, "backoff=-1"),
    ({"pause": None, "backoff": 10**400}, ValueError, "backoff=1000"),
    ({"fred_base": ""}, ValueError, "fred_base=''"),  # not "use the default": that would go online
    ({"coinbase_base": "ftp://example.org"}, ValueError, "coinbase_base='ftp"),
    ({"today": "1677-01-01"}, ValueError, "today='1677-01-01'"),
    ({"today": "2014-06-01"}, ValueError, "today='2014-06-01' is out of range"),
    ({"stream": "abc"}, TypeError, "stream must be a text stream"),
    ({"out": ""}, ValueError, "out='' is empty"),
    ({"out": 3}, TypeError, "out must be a str or Path"),
    ({"timeline": 3}, TypeError, "timeline must be a str or Path"),
])
def test_bad_parameters_are_named(fake, data_copy, timeline, kwargs, error, match):
    with pytest.raises(error, match=match):
        refresh.refresh(**{"out": data_copy, "timeline": timeline, **kwargs})
    assert fake.requests == []  # checked before any request


def test_refresh_never_writes_into_a_folder_of_other_files(fake, tmp_path, timeline):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(ValueError, match=r"^out=.* is not a snapshot folder"):
        refresh.refresh(out=tmp_path, timeline=timeline, fred_base=fake.url + FRED_PATH)
    with pytest.raises(ValueError, match=r"^out=.*does not exist"):
        refresh.refresh(out=tmp_path / "a" / "b", timeline=timeline)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt", timeline.name] and fake.requests == []
    code, out = _run(fake, tmp_path, timeline)  # through main: reported, exit 1
    assert code == 1 and "refresh failed: out=" in out and "was not changed" in out


@pytest.mark.parametrize("call, error, match", [
    (lambda url, p: refresh.download_fred_csv("BTCUSD", p, base_url=url), ValueError, r"^series_id='BTCUSD'"),
    (lambda url, p: refresh.download_fred_csv("WALCL", p / "nowhere", base_url=url), ValueError, r"^folder="),
    (lambda url, p: refresh.download_fred_csv("WALCL", "", base_url=url), ValueError, r"^folder='' is empty"),
    (lambda url, p: refresh.download_fred_csv("WALCL", p, base_url="abc"), ValueError, r"^base_url='abc'"),
    (lambda url, p: refresh.download_fred_csv("WALCL", p, base_url=None), TypeError, r"^base_url must be a str"),
    (lambda url, p: refresh.download_fred_csv("WALCL", p, base_url=url, retries=0), ValueError, r"^retries=0"),
    (lambda url, p: refresh.download_coinbase_daily("SP500", p, base_url=url), ValueError, r"^series_id='SP500'"),
    (lambda url, p: refresh.download_coinbase_daily("BTCUSD", p, base_url=url, start=dt.date(2020, 1, 1),
                                                    today=dt.date(2020, 1, 1)), ValueError, r"^start="),
    (lambda url, p: refresh.download_coinbase_daily("BTCUSD", p, base_url=url, start="2014-01-01"),
     ValueError, r"^start='2014-01-01' is out of range"),
    (lambda url, p: refresh.download_coinbase_daily("BTCUSD", p, base_url=url, today="2020-02-30"),
     ValueError, r"^today='2020-02-30' is not a date"),
    (lambda url, p: refresh.download_coinbase_daily("BTCUSD", p, base_url=url, pause=10**400), ValueError, r"^pause="),
    (lambda url, p: refresh.download_coinbase_daily("BTCUSD", p, base_url=url, progress="abc"), TypeError,
     r"^progress must be a function"),
])
def test_downloads_check_their_arguments_before_any_request(fake, tmp_path, call, error, match):
    with pytest.raises(error, match=match):
        call(fake.url + COINBASE_PATH, tmp_path)
    assert fake.requests == [] and list(tmp_path.iterdir()) == []


def test_command_line_refresh_reports_failure_and_keeps_data(fake, data_copy, timeline, monkeypatch, capsys):
    """`python -m helpers.data refresh` goes through helpers.refresh.main with its defaults."""
    before = _bytes(data_copy)
    monkeypatch.setattr(refresh, "FRED_BASE", fake.url + FRED_PATH)
    monkeypatch.setattr(refresh, "COINBASE_BASE", fake.url + COINBASE_PATH)
    fake.behaviour["WALCL"] = "500"
    code = data_main(["refresh", "--timeline", str(timeline), "--timeout", "5", "--retries", "1"])
    err = capsys.readouterr().err
    assert code == 1 and _bytes(data_copy) == before
    assert "WALCL: HTTP 500" in err and "gave up after 1 attempt" in err
    assert f"The snapshot in {data_copy} was not changed." in err


def test_fred_text_normalises_old_header_and_line_ends():
    body = b"\xef\xbb\xbfDATE,DGS2\r\n2020-01-02,1.58\r\n2020-01-03,.\r\n\r\n"
    assert refresh._fred_text(body, "DGS2") == "observation_date,DGS2\n2020-01-02,1.58\n2020-01-03,.\n"
