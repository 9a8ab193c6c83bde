"""helpers.data: build from raw files, load, validation of raw files, tamper detection, the one
cache, argument checks, and the package's shape (no import cycle anywhere in helpers).

Offline: a small synthetic raw folder is generated in tmp_path; the real snapshot (data/) is
only read, or copied to tmp_path before anything is changed.
"""
from __future__ import annotations

import ast
import datetime as dt
import json
import math
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import numpy as np
import pandas as pd
import pytest

from support import REAL_DATA, REPO, make_timeline
from helpers import data
from helpers.data._build import ADDITIONS, SOURCES, _confirm_by_rates, _policy_events

SHARED_RAW = REPO.parent / "shared" / "data" / "fred"
SNAPSHOT_FILES = sorted([t.filename for t in data.TABLES.values()] + [data.MANIFEST])


# ---------------------------------------------------------------------------
# A small synthetic raw folder: every RAW_SERIES, FRED format, plausible values
# ---------------------------------------------------------------------------
START, END = dt.date(2019, 12, 1), dt.date(2021, 1, 31)


def _days(start=START, end=END, step=1, weekdays=False):
    d = start
    while d <= end:
        if not weekdays or d.weekday() < 5:
            yield d
        d += dt.timedelta(days=step)


def _write(folder: Path, sid: str, rows, column: str | None = None) -> None:
    column = column or sid
    lines = [f"observation_date,{column}"] + [f"{d.isoformat()},{v}" for d, v in rows]
    (folder / f"{sid}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def make_raw(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    weeks = list(_days(dt.date(2020, 1, 1), dt.date(2020, 12, 30), step=7))  # Wednesdays
    days = list(_days())
    bdays = list(_days(weekdays=True))
    _write(folder, "WALCL", [(d, 4_000_000 + 10_000 * k) for k, d in enumerate(weeks)])
    _write(folder, "TREAST", [(d, 2_500_000 + 5_000 * k) for k, d in enumerate(weeks)])
    _write(folder, "WSHOMCB", [(d, 1_400_000 + 1_000 * k) for k, d in enumerate(weeks)])
    _write(folder, "WRESBAL", [(d, 1_600_000 + 20_000 * k) for k, d in enumerate(weeks)])
    _write(folder, "WTREGEN", [(d, 400_000 + 3_000 * k) for k, d in enumerate(weeks)])
    # ON RRP only on business days, some empty; a week may have no operation at all.
    _write(folder, "RRPONTSYD", [(d, "" if d.day == 15 else f"{0.5 * (k % 40):.3f}") for k, d in enumerate(bdays)])
    _write(folder, "DFEDTARL", [(d, "1.50" if d < dt.date(2020, 3, 3) else "0.00") for d in days])
    _write(folder, "DFEDTARU", [(d, "1.75" if d < dt.date(2020, 3, 3) else "0.25") for d in days])
    _write(folder, "DFF", [(d, "1.55" if d < dt.date(2020, 3, 3) else "0.08") for d in days])
    _write(folder, "SOFR", [(d, "." if d.day == 1 else "1.55") for d in bdays])
    _write(folder, "IORB", [(d, "0.10") for d in days if d >= dt.date(2020, 6, 1)])
    _write(folder, "DGS2", [(d, f"{1.5 - k / 400:.2f}") for k, d in enumerate(bdays)])
    _write(folder, "DGS10", [(d, f"{1.9 - k / 500:.2f}") for k, d in enumerate(bdays)])
    _write(folder, "DFII10", [(d, f"{0.1 - k / 300:.2f}") for k, d in enumerate(bdays)])
    _write(folder, "T10YIE", [(d, f"{1.7 + math.sin(k / 20) / 5:.2f}") for k, d in enumerate(bdays)])
    _write(folder, "SP500", [(d, f"{3200 + k:.2f}") for k, d in enumerate(bdays)])
    _write(folder, "NASDAQCOM", [(d, f"{9000 + 5 * k:.2f}") for k, d in enumerate(bdays)])
    _write(folder, "VIXCLS", [(d, f"{15 + 10 * math.sin(k / 30) ** 2:.2f}") for k, d in enumerate(bdays)])
    _write(folder, "DTWEXBGS", [(d, f"{115 + math.sin(k / 50):.4f}") for k, d in enumerate(bdays)])
    _write(folder, "M2SL", [(dt.date(2019 + (m - 1) // 12, (m - 1) % 12 + 1, 1), f"{15300 + 100 * m:.1f}")
                            for m in range(1, 26)])
    _write(folder, "CBBTCUSD", [(d, f"{7000 + 20 * k:.2f}") for k, d in enumerate(days)])
    _write(folder, "BTCUSD", [(d, repr(7010.5 + 20 * k)) for k, d in enumerate(_days(dt.date(2020, 1, 1)))],
           column="close")
    _write(folder, "ETHUSD", [(d, repr(130.25 + k)) for k, d in enumerate(_days(dt.date(2020, 1, 1)))],
           column="close")
    return folder


@pytest.fixture
def built(tmp_path, monkeypatch):
    raw = make_raw(tmp_path / "raw")
    out = tmp_path / "snapshot"
    manifest = data.build(raw, out, make_timeline(tmp_path / "policy_timeline.md"))
    monkeypatch.setenv("LIQUIDITY_LAB_DATA", str(out))
    return out, manifest


@pytest.fixture
def real(monkeypatch):
    """The committed snapshot, whatever LIQUIDITY_LAB_DATA says outside the tests."""
    monkeypatch.delenv("LIQUIDITY_LAB_DATA", raising=False)
    return REAL_DATA


def _check_schema(df: pd.DataFrame, table: data.Table) -> None:
    assert isinstance(df.index, pd.DatetimeIndex) and df.index.name == "date"
    assert df.index.is_monotonic_increasing and not df.index.has_duplicates
    assert list(df.columns) == [c.name for c in table.columns if c.name != "date"]
    for c in table.columns[1:]:
        if c.dtype == "float":
            assert df[c.name].dtype == np.float64, c.name
        else:
            assert df[c.name].dtype == object, c.name
        if c.required:
            assert not df[c.name].isna().any() and not (df[c.name].astype(str) == "").any(), c.name


# ---------------------------------------------------------------------------
# Build and load (synthetic)
# ---------------------------------------------------------------------------
def test_build_writes_every_table_and_a_manifest_that_verifies(built):
    out, manifest = built
    assert sorted(p.name for p in out.iterdir()) == SNAPSHOT_FILES
    assert set(manifest["files"]) == {t.filename for t in data.TABLES.values()}
    assert set(manifest["raw_inputs"]) == {f"{sid}.csv" for sid in data.RAW_SERIES}
    lines = data.verify(out)
    assert len(lines) == len(data.TABLES) and all(line.startswith("ok") for line in lines)


def test_load_every_table_of_a_build(built):
    _, manifest = built
    for name, table in data.TABLES.items():
        df = data.load(name)
        _check_schema(df, table)
        entry = manifest["files"][table.filename]
        assert (df.index[0].date().isoformat(), df.index[-1].date().isoformat(), len(df)) == (
            entry["first_date"], entry["last_date"], entry["rows"])


def test_built_values_are_in_billions_and_add_up(built):
    bs = data.load("fed_balance_sheet")
    assert bs["total_assets"].iloc[0] == 4000.0  # 4,000,000 millions of USD
    assert bs["reserves"].iloc[0] == 1600.0
    np.testing.assert_allclose(bs["other_assets"], bs["total_assets"] - bs["treasuries"] - bs["mbs"], atol=1e-6)
    np.testing.assert_allclose(bs["net_liquidity"], bs["total_assets"] - bs["tga"] - bs["on_rrp"], atol=1e-6)
    rates = data.load("policy_rates")
    assert rates.index[0] == pd.Timestamp(START) and (rates["target_upper"] > rates["target_lower"]).all()
    assert rates.loc["2020-05-01", "iorb"] != rates.loc["2020-05-01", "iorb"]  # NaN before IORB starts
    markets = data.load("markets")
    assert markets.index[0] == pd.Timestamp("2020-01-01")  # the first bitcoin close
    assert markets.loc["2020-01-01", "btc"] == 7010.5 and markets.loc["2020-01-01", "eth"] == 130.25
    assert (markets.index.to_series().diff().dropna() == pd.Timedelta(days=1)).all()
    assert data.load("m2")["m2"].iloc[0] == 15400.0
    events = data.load("policy_events")
    assert len(events) == 2 + len(data.parse_policy_timeline(ADDITIONS))
    hike = events.loc["2015-12-16"]
    assert (hike["target_lower"], hike["target_upper"], hike["stance"]) == (0.25, 0.5, "tightening")


def test_build_is_deterministic(built, tmp_path):
    out, _ = built
    again = tmp_path / "again"
    data.build(tmp_path / "raw", again, tmp_path / "policy_timeline.md")
    for name in SNAPSHOT_FILES:
        assert (again / name).read_bytes() == (out / name).read_bytes(), name


def test_build_reports_a_missing_raw_file(tmp_path):
    raw = make_raw(tmp_path / "raw")
    (raw / "SOFR.csv").unlink()
    with pytest.raises(ValueError, match="raw file SOFR.csv is missing"):
        data.build(raw, tmp_path / "out", make_timeline(tmp_path / "t.md"))
    assert not (tmp_path / "out" / data.MANIFEST).exists()


def test_build_reports_bad_source_and_timeline(tmp_path):
    with pytest.raises(ValueError, match="source=.*not a folder"):
        data.build(tmp_path / "nowhere", tmp_path / "out", tmp_path / "t.md")
    raw = make_raw(tmp_path / "raw")
    with pytest.raises(ValueError, match="timeline='missing.md' not found"):
        data.build(raw, tmp_path / "out", tmp_path / "missing.md")


def test_build_can_record_another_source_for_a_series(tmp_path):
    """The hook helpers.refresh uses to record that BTC/ETH came from Coinbase, not Yahoo."""
    raw = make_raw(tmp_path / "raw")
    meta = {"BTCUSD": data.RawSeries("BTCUSD", "close", "USD", "Coinbase Exchange BTC-USD", "https://x", 1, 1e7)}
    manifest = data.build(raw, tmp_path / "out", make_timeline(tmp_path / "t.md"), series_meta=meta,
                          manifest_extra={"built_by": "test"})
    series = {s["id"]: s for s in manifest["files"]["markets_daily.csv"]["series"]}
    assert series["BTCUSD"]["source"] == "Coinbase Exchange BTC-USD"
    assert series["ETHUSD"]["source"] == data.RAW_SERIES["ETHUSD"].source
    assert manifest["built_by"] == "test"
    data.verify(tmp_path / "out")


# ---------------------------------------------------------------------------
# Validation of one raw file
# ---------------------------------------------------------------------------
GOOD = "observation_date,WALCL\n2020-01-01,4173626\n2020-01-08,4176089\n"

BAD_RAW = [
    pytest.param("WALCL", "observation_date,WRESBAL\n2020-01-01,4173626\n",
                 r"WALCL.csv: header is 'observation_date,WRESBAL', expected 'observation_date,WALCL'",
                 id="wrong-header"),
    pytest.param("WALCL", "<!DOCTYPE html>\n<html><body>Error</body></html>\n", r"WALCL.csv: got HTML, not CSV",
                 id="html"),
    pytest.param("WALCL", "observation_date,WALCL\n2020-01-08,4176089\n2020-01-01,4173626\n",
                 r"WALCL.csv: dates are not strictly ascending", id="out-of-order"),
    pytest.param("WALCL", "observation_date,WALCL\n2020-01-01,4173626\n2020-01-01,4173626\n",
                 r"WALCL.csv: dates are not strictly ascending \(out of order or repeated\)", id="duplicate-date"),
    pytest.param("WALCL", "observation_date,WALCL\n2020-01-01,4,173,626\n",
                 r"WALCL.csv: line 2 is not 'YYYY-MM-DD,value'", id="extra-comma"),
    pytest.param("WALCL", "observation_date,WALCL\n2020-01-01,n/a\n",
                 r"WALCL.csv: line 2 has a non-numeric value 'n/a'", id="non-numeric"),
    pytest.param("WALCL", "observation_date,WALCL\n01/01/2020,4173626\n",
                 r"WALCL.csv: line 2 is not 'YYYY-MM-DD,value'", id="date-format"),
    pytest.param("WALCL", "observation_date,WALCL\n2020-02-30,4173626\n", r"WALCL.csv: has an impossible date",
                 id="impossible-date"),
    pytest.param("WALCL", "observation_date,WALCL\n2020-01-01,4173.626\n",
                 r"WALCL.csv: value 4173.626 on 2020-01-01 is outside the plausible range 500000..2e\+07 "
                 r"\(Millions of USD", id="out-of-range"),
    pytest.param("WRESBAL", "observation_date,WRESBAL\n2020-01-01,1600000\n2020-01-08,1612\n",
                 r"WRESBAL.csv: value jumps by a factor of 993 \(down\) on 2020-01-08 \(changed units\?\)",
                 id="unit-jump"),
    pytest.param("WALCL", "", r"WALCL.csv: empty file", id="empty"),
    pytest.param("WALCL", "observation_date,WALCL\n", r"WALCL.csv: no observations", id="header-only"),
    pytest.param("WALCL", "observation_date,WALCL\n2020-01-01,.\n2020-01-08,\n", r"WALCL.csv: every value is missing",
                 id="all-missing"),
]


@pytest.mark.parametrize("sid, text, message", BAD_RAW)
def test_read_raw_series_rejects_bad_files_clearly(tmp_path, sid, text, message):
    path = tmp_path / f"{sid}.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        data.read_raw_series(path, data.RAW_SERIES[sid])


def test_read_raw_series_accepts_fred_csv(tmp_path):
    path = tmp_path / "WALCL.csv"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode() + b"2020-01-15,.\n2020-01-22,\n\n")
    s = data.read_raw_series(path, data.RAW_SERIES["WALCL"])
    assert s.dtype == np.float64 and s.name == "WALCL" and isinstance(s.index, pd.DatetimeIndex)
    assert s.iloc[:2].tolist() == [4173626.0, 4176089.0] and s.iloc[2:].isna().all()


def test_read_raw_series_allows_zero_runs_where_they_are_real(tmp_path):
    # ON RRP take-up swings from ~0 to billions; the unit-jump check does not apply to it.
    path = tmp_path / "RRPONTSYD.csv"
    path.write_text("observation_date,RRPONTSYD\n2021-03-01,0.005\n2021-03-02,5.000\n2021-03-03,600.1\n")
    assert data.read_raw_series(path, data.RAW_SERIES["RRPONTSYD"]).iloc[-1] == 600.1


# ---------------------------------------------------------------------------
# The committed snapshot
# ---------------------------------------------------------------------------
def test_load_returns_expected_dtypes_and_a_datetime_index(real):
    for name, table in data.TABLES.items():
        _check_schema(data.load(name), table)


def test_load_returns_a_copy(real):
    df = data.load("m2")
    df.iloc[0, 0] = -1.0
    assert data.load("m2").iloc[0, 0] != -1.0


@pytest.mark.parametrize("bad, error, match", [
    (3, TypeError, r"name must be a str naming a table, got int; allowed: fed_balance_sheet"),
    (None, TypeError, r"name must be a str"),
    ("balance_sheet", ValueError, r"name='balance_sheet' is not a table in the snapshot; allowed: "),
    ("", ValueError, r"name='' is not a table"),
])
def test_bad_table_names_are_named(real, bad, error, match):
    with pytest.raises(error, match=match):
        data.load(bad)
    with pytest.raises(error, match=match):
        data.describe(bad)


def test_catalogue_lists_every_table(real):
    cat = data.catalogue()
    assert list(cat.index) == list(data.TABLES)
    assert (cat["rows"] > 0).all()


def test_verify_command_passes_on_the_committed_snapshot():
    env = {k: v for k, v in os.environ.items() if k != "LIQUIDITY_LAB_DATA"}
    result = subprocess.run([sys.executable, "-m", "helpers.data", "verify"], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "snapshot verified" in result.stdout and result.stderr == ""
    assert result.stdout.count("ok  ") == len(data.TABLES)


def test_rebuilding_from_the_shared_raw_files_reproduces_data_byte_for_byte(tmp_path):
    if not (SHARED_RAW / "WALCL.csv").exists():
        pytest.skip(f"the raw FRED-format files are not here ({SHARED_RAW} is absent), so the "
                    "byte-for-byte rebuild cannot be checked on this machine")
    out = tmp_path / "rebuilt"
    data.build(SHARED_RAW, out)
    for name in SNAPSHOT_FILES:
        assert (out / name).read_bytes() == (REAL_DATA / name).read_bytes(), (
            f"data/{name} differs from a rebuild from {SHARED_RAW}")


# ---------------------------------------------------------------------------
# Tampering: one changed byte is caught, with the file named and the way back
# ---------------------------------------------------------------------------
def _flip_one_digit(path: Path) -> None:
    raw = bytearray(path.read_bytes())
    i = len(raw) // 2
    while not chr(raw[i]).isdigit():
        i += 1
    raw[i] = ord("1") if raw[i] != ord("1") else ord("2")
    path.write_bytes(bytes(raw))


@pytest.mark.parametrize("name", list(data.TABLES))
def test_one_changed_byte_in_a_table_is_caught(data_copy, name):
    table = data.TABLES[name]
    _flip_one_digit(data_copy / table.filename)
    with pytest.raises(data.DataError, match=rf"data/{table.filename} does not match its sha256") as info:
        data.load(name)
    message = str(info.value)
    assert "git checkout -- data/" in message and "python -m helpers.data build" in message
    with pytest.raises(data.DataError, match=rf"data/{table.filename} does not match"):
        data.verify(data_copy)
    others = [n for n in data.TABLES if n != name]
    assert all(len(data.load(n)) > 0 for n in others)  # the other tables still load


def test_a_changed_manifest_is_caught(data_copy):
    manifest = data_copy / data.MANIFEST
    text = manifest.read_text(encoding="utf-8")
    digest = data.sha256_file(data_copy / "m2_monthly.csv")
    manifest.write_text(text.replace(digest, ("0" if digest[0] != "0" else "1") + digest[1:]), encoding="utf-8")
    with pytest.raises(data.DataError, match=r"data/m2_monthly.csv does not match its sha256 in data/manifest.json"):
        data.load("m2")


def test_a_missing_or_broken_snapshot_is_explained(data_copy):
    (data_copy / "markets_daily.csv").unlink()
    with pytest.raises(data.DataError, match=r"data/markets_daily.csv is missing; restore it with"):
        data.load("markets")
    (data_copy / data.MANIFEST).write_text("{not json", encoding="utf-8")
    with pytest.raises(data.DataError, match=r"data/manifest.json is not valid JSON"):
        data.load("m2")
    (data_copy / data.MANIFEST).unlink()
    with pytest.raises(data.DataError, match=r"manifest data/manifest.json is missing"):
        data.load("m2")


def test_verify_command_fails_on_a_tampered_copy(data_copy):
    _flip_one_digit(data_copy / "policy_rates_daily.csv")
    env = {**os.environ, "LIQUIDITY_LAB_DATA": str(data_copy)}
    result = subprocess.run([sys.executable, "-m", "helpers.data", "verify"], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "error: data/policy_rates_daily.csv does not match its sha256" in result.stderr


# ---------------------------------------------------------------------------
# Policy events: dates, kinds and primary sources
# ---------------------------------------------------------------------------
PRIMARY_HOSTS = ("federalreserve.gov", "newyorkfed.org")


def test_policy_events_have_valid_dates_kinds_and_primary_sources(real):
    events = data.load("policy_events")
    assert isinstance(events.index, pd.DatetimeIndex) and not events.index.isna().any()
    assert events.index.min() >= pd.Timestamp("2008-01-01")
    assert events.index.max() <= pd.Timestamp("2027-01-01")
    assert set(events["kind"]) <= set(data.EVENT_KINDS)
    assert (events["stance"] == events["kind"].map(data.EVENT_KINDS)).all()
    assert set(events["checked"]) <= set(data.CHECKED)
    for day, url in events["source_url"].items():
        parts = urlparse(url)
        host = parts.hostname or ""
        assert parts.scheme in ("http", "https"), (day, url)
        assert any(host == h or host.endswith("." + h) for h in PRIMARY_HOSTS), (day, url)
    rate_moves = events[events["kind"].isin(["hike", "cut"])]
    assert rate_moves["target_lower"].notna().all()
    assert (rate_moves["target_upper"] - rate_moves["target_lower"]).round(2).eq(0.25).all()


def test_every_data_checked_row_is_backed_by_the_target_range_series(real):
    """'data' is never typed by hand: each such row is a rate decision whose new range the
    FRED target-range series show from the day after the announcement."""
    events, rates = data.load("policy_events"), data.load("policy_rates")
    rows = events[events["checked"] == "data"]
    assert len(rows) >= 1
    for day, row in rows.iterrows():
        assert row["kind"] in data.RATE_DECISIONS, day
        nxt = rates.loc[day + pd.Timedelta(days=1):].iloc[0]
        assert (nxt["target_lower"], nxt["target_upper"]) == (row["target_lower"], row["target_upper"]), day
        assert "confirmed by the FRED target-range series" in row["caveat"]
    # and the hike of 2026-09-16 is history in this snapshot, effective the next day
    hike = events.loc["2026-09-16"]
    assert hike["kind"] == "hike" and hike["checked"] == "data" and hike["effective"] == "2026-09-17"
    assert rates.loc["2026-09-17", "target_upper"] == 4.0 and rates.loc["2026-09-16", "target_upper"] == 3.75


def test_a_secondary_row_whose_range_the_data_contradict_stays_secondary(tmp_path):
    rates = pd.DataFrame({"target_lower": [3.5, 3.5], "target_upper": [3.75, 3.75]},
                         index=pd.to_datetime(["2026-09-16", "2026-09-17"]))
    row = {"date": "2026-09-16", "effective": "", "kind": "hike", "target_lower": 3.75,
           "target_upper": 4.0, "checked": "secondary", "caveat": "press copies"}
    assert _confirm_by_rates(dict(row), rates) == ("secondary", "")
    rates["target_lower"], rates["target_upper"] = [3.5, 3.75], [3.75, 4.0]
    assert _confirm_by_rates(dict(row), rates) == ("data", "2026-09-17")
    assert _confirm_by_rates(dict(row, kind="qt_end"), rates) == ("secondary", "2026-09-17")
    assert _confirm_by_rates(dict(row, checked="primary"), rates) == ("primary", "")


def test_sources_may_not_claim_data_by_hand(tmp_path):
    text = SOURCES.read_text(encoding="utf-8").replace(",primary,", ",data,", 1)
    bad = tmp_path / "sources.csv"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="computed from the rates"):
        _policy_events(REPO.parent / "shared" / "reference" / "policy_timeline.md", bad)


def test_last_dates_per_column_and_computed_end_notes(real):
    ends = data.last_dates("markets")
    markets = data.load("markets")
    for col in ("btc", "eth", "sp500"):
        assert ends.loc[col, "last"] == f"{markets[col].dropna().index[-1]:%Y-%m-%d}"
    assert ends["days_before_table_end"].min() == 0 and ends["days_before_table_end"].max() > 30
    notes = json.loads((REAL_DATA / "manifest.json").read_text())["files"]["markets_daily.csv"]["notes"]
    assert any(f"ETHUSD {ends.loc['eth', 'last']}" in n and "helpers.data.last_dates" in n for n in notes)
    with pytest.raises(ValueError, match="name"):
        data.last_dates("nope")


# ---------------------------------------------------------------------------
# Arguments are checked at the public face, each message naming the argument
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("call, error, match", [
    (lambda p: data.verify(p / "nowhere"), ValueError, r"^folder=.* is not a folder"),
    (lambda p: data.verify(p), ValueError, r"^folder=.* holds no manifest.json"),
    (lambda p: data.verify(""), ValueError, r"^folder='' is empty"),
    (lambda p: data.verify(3), TypeError, r"^folder must be a str or Path"),
    (lambda p: data.read_raw_series(p / "WALCL.csv", data.RAW_SERIES["WALCL"]), ValueError, r"^path=.* is not a file"),
    (lambda p: data.read_raw_series(None, data.RAW_SERIES["WALCL"]), TypeError, r"^path must be a str or Path"),
    (lambda p: data.read_raw_series(ADDITIONS, "WALCL"), TypeError, r"^series must be a RawSeries"),
    (lambda p: data.parse_policy_timeline(p), ValueError, r"^path=.* is not a file"),
    (lambda p: data.build(3), TypeError, r"^source must be a str or Path"),
    (lambda p: data.build(p, ""), ValueError, r"^out='' is empty"),
    (lambda p: data.build(p, p / "out", p / "t.md", sources_csv=p / "none.csv"), ValueError, r"^sources_csv="),
    (lambda p: data.build(p, p / "out", p / "t.md", series_meta=["BTCUSD"]), TypeError,
     r"^series_meta must be a dict"),
    (lambda p: data.build(p, p / "out", p / "t.md", series_meta={"DOGE": data.RAW_SERIES["WALCL"]}), ValueError,
     r"^series_meta=\{'DOGE'"),
    (lambda p: data.build(p, p / "out", p / "t.md", manifest_extra={"when": dt.date(2020, 1, 1)}), TypeError,
     r"^manifest_extra cannot be written as JSON"),
    (lambda p: data.memo(None), TypeError, r"^fn must be a function"),
    (lambda p: data.check_path("source", p, "everything"), ValueError, r"^kind='everything' is not allowed"),
])
def test_bad_arguments_are_named(tmp_path, call, error, match):
    make_timeline(tmp_path / "t.md")  # so build's own checks, not a missing timeline, speak
    with pytest.raises(error, match=match):
        call(tmp_path)
    assert not (tmp_path / "out").exists()


def test_build_from_the_command_line_keeps_its_verbs_and_output(tmp_path):
    raw = make_raw(tmp_path / "raw")
    timeline = make_timeline(tmp_path / "t.md")
    result = subprocess.run([sys.executable, "-m", "helpers.data", "build", "--source", str(raw),
                             "--timeline", str(timeline), "--out", str(tmp_path / "out")],
                            cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("wrote ") == len(data.TABLES) and "fed_balance_sheet_weekly.csv" in result.stdout
    bad = subprocess.run([sys.executable, "-m", "helpers.data", "build", "--source", str(tmp_path / "nowhere")],
                         cwd=REPO, capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1 and bad.stderr.startswith("error: source=")


# ---------------------------------------------------------------------------
# The one cache: load and @memo share one store, and both hand out copies
# ---------------------------------------------------------------------------
def test_load_and_memo_share_the_one_cache_and_hand_out_copies(real):
    from helpers.data import _load

    calls = []

    @data.memo
    def weekly_total(scale: float) -> pd.DataFrame:
        calls.append(scale)
        return data.load("fed_balance_sheet")[["total_assets"]] * scale

    data.clear_cache()
    first = weekly_total(2.0)
    first.iloc[0, 0] = -1.0  # a caller's edit ...
    again = weekly_total(2.0)
    assert calls == [2.0] and again.iloc[0, 0] != -1.0  # ... does not reach the cache
    kinds = {key[0] for key in _load._STORE}
    assert kinds == {"load", "memo"}  # one store for parsed tables and derived results
    weekly_total.cache_clear()
    assert _load._STORE == {}
    weekly_total(2.0)
    assert calls == [2.0, 2.0]
    stored = len(_load._STORE)
    weekly_total([1.0])
    weekly_total([1.0])  # an unhashable argument: computed each time, never stored
    assert calls == [2.0, 2.0, [1.0], [1.0]] and len(_load._STORE) == stored


def test_build_inputs_live_outside_the_runtime_package():
    assert ADDITIONS.parent == SOURCES.parent == REPO / "build_inputs"
    assert ADDITIONS.is_file() and SOURCES.is_file() and (REPO / "build_inputs" / "README.md").is_file()
    assert not list((REPO / "helpers").rglob("policy_*"))


def test_importing_helpers_data_does_not_import_refresh():
    code = ("import sys, helpers.data, helpers.course; "
            "print(sorted(m for m in sys.modules if m.startswith('helpers')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    loaded = eval(out.stdout)
    assert "helpers.refresh" not in loaded and "helpers.data.__main__" not in loaded, loaded


# ---------------------------------------------------------------------------
# No import cycle among the helpers modules (static: every import statement, also inside functions)
# ---------------------------------------------------------------------------
def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imported_names(tree: ast.AST, package: str) -> set[str]:
    """Dotted names a module imports (``from a import b`` gives ``a`` and ``a.b``), at any depth;
    ``if TYPE_CHECKING:`` blocks are left out (they never run)."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                parts = parts[:len(parts) - (node.level - 1)]
                base = ".".join(parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def _names_from(tree: ast.AST, module: str, files) -> bool:
    """Whether any ``from module import x`` in ``tree`` takes a name that is not a submodule."""
    return any(isinstance(n, ast.ImportFrom) and not n.level and n.module == module
               and any(f"{module}.{a.name}" not in files for a in n.names) for n in ast.walk(tree))


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module name -> the modules of the same tree it imports, for the package folder ``root``.

    A module inside a package does not depend on that package's ``__init__`` for importing a sibling
    (``from helpers.claims import _lookup`` in ``helpers.claims._charts``): Python has the package
    half-made in ``sys.modules`` then, and finds the sibling. So an edge to one's own ancestor
    package counts only when a name from its ``__init__`` is imported, not a submodule."""
    files = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        name = ".".join(parts[:-1] if is_package else parts)
        files[name] = (path, name if is_package else name.rpartition(".")[0])
    graph = {}
    for name, (path, package) in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = _imported_names(tree, package)
        ancestors = {name.rsplit(".", k)[0] for k in range(1, name.count(".") + 1)}
        for node in ast.walk(tree):  # `from <ancestor> import <submodule>, ...`: no edge to the ancestor
            if isinstance(node, ast.ImportFrom) and not node.level and node.module in ancestors \
                    and all(f"{node.module}.{a.name}" in files for a in node.names):
                names.discard(node.module) if not _names_from(tree, node.module, files) else None
        graph[name] = {n for n in names if n in files and n != name}
    return graph


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The cycles a depth-first walk meets, each as [a, b, ..., a] starting at its first name."""
    cycles, state, stack = [], {}, []

    def walk(node: str) -> None:
        state[node] = "open"
        stack.append(node)
        for dep in sorted(graph.get(node, ())):
            if state.get(dep) == "open":
                loop = stack[stack.index(dep):]
                i = loop.index(min(loop))
                cycles.append(loop[i:] + loop[:i] + [min(loop)])
            elif dep not in state:
                walk(dep)
        stack.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            walk(node)
    return cycles


def test_import_cycle_walker_finds_a_cycle_through_a_function_level_import(tmp_path):
    """The old shape: data.main imported refresh inside a function, and refresh imported data."""
    pkg = tmp_path / "helpers"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "data.py").write_text("def main():\n    from helpers import refresh\n    return refresh.main()\n")
    (pkg / "refresh.py").write_text("from typing import TYPE_CHECKING\nfrom helpers import data\n"
                                    "if TYPE_CHECKING:\n    from helpers import charts\n")
    (pkg / "charts.py").write_text("from . import refresh\n")
    assert import_cycles(import_graph(pkg)) == [["helpers.data", "helpers.refresh", "helpers.data"]]


def test_no_import_cycle():
    graph = import_graph(REPO / "helpers")
    assert "helpers.data" in graph and "helpers.data._load" in graph["helpers.data"]
    assert "helpers.refresh" not in graph["helpers.data"] | graph["helpers.data._build"] | graph["helpers.data._load"]
    assert graph["helpers.data.__main__"] >= {"helpers.refresh"}
    cycles = import_cycles(graph)
    assert cycles == [], "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)
