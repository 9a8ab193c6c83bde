"""Lesson 03's calculations: frames in, frames or numbers out (no Altair, no snapshot reads).

Every public function here checks its arguments once, with :mod:`helpers.validate`'s shared checks,
and names the caller's argument when it refuses one. The statistics come from :mod:`helpers.stats`;
when its own checks refuse the *data* (too few pairs, a constant series), :func:`_about` says which
of the caller's frames and columns that was, since ``stats`` can only name its ``x`` and ``y``.
"""
from __future__ import annotations

from contextlib import contextmanager

import numpy as np
import pandas as pd

from helpers import stats
from helpers.i18n import N_
from helpers.validate import (check_choice, check_choices, check_date, check_flag, check_frame, check_int,
                              check_ints, check_seed, check_text)

MARKET_COLUMNS = ("btc", "sp500", "nasdaq", "real10y", "dollar", "vix")
BALANCE_COLUMNS = ("total_assets", "treasuries", "mbs", "reserves", "tga", "on_rrp", "net_liquidity")
RETURN_COLUMNS = ("btc", "sp500", "nasdaq")
WINDOWS = (20, 60, 120, 250)
ASSET_LABELS = {"sp500": "S&P 500", "nasdaq": "Nasdaq"}

# The transmission channels the lesson discusses, each with the snapshot series that shows it
# (English here; the charts show them with helpers.i18n.text, in the edition's language).
CHANNELS = {
    "reserves": (N_("Reserves and bank balance sheets"), N_("Bank reserves at the Fed ($ trillions)")),
    "securities": (N_("Portfolio rebalancing"), N_("Fed holdings of Treasuries + MBS ($ trillions)")),
    "real10y": (N_("Real yields"), N_("10-year TIPS real yield (percent)")),
    "dollar": (N_("The dollar"), N_("Broad dollar index (Jan 2006 = 100)")),
    "vix": (N_("Risk appetite"), N_("VIX (higher = more fear)")),
}

# Weekly changes set against BTC's weekly return in the factor comparison (the table keeps these
# English labels; factor_chart shows them translated).
FACTORS = {
    "nasdaq": N_("Nasdaq, weekly log return"),
    "sp500": N_("S&P 500, weekly log return"),
    "real10y": N_("10-year real yield, weekly change (pp)"),
    "dollar": N_("Broad dollar, weekly log return"),
    "net_liquidity": N_("Net liquidity, weekly log change"),
}

# Bounds at the public face: what the lesson uses, with room to explore (a few times the defaults).
MAX_LAG_WEEKS = 52     # lead-lag: lags up to a year (the lesson uses 12)
MAX_BLOCK_WEEKS = 52   # resampling blocks up to a year (the lesson uses 4)
MAX_DRAWS = 4_999      # shuffles / bootstrap draws (the lesson uses 999)
MAX_SEED = 2**32 - 1
MIN_WEEKS = 3          # a correlation needs at least three pairs


@contextmanager
def _about(what: str):
    """Let ``helpers.stats`` refuse the data in the caller's words: ``what`` names the frame and columns."""
    try:
        yield
    except ValueError as exc:
        raise ValueError(f"{what}: {exc}") from None


def _column(param: str, value, frame_name: str, frame: pd.DataFrame) -> str:
    """``value`` if it names a numeric column of ``frame`` (the caller's ``frame_name``)."""
    numeric = tuple(c for c in frame.columns if isinstance(c, str) and pd.api.types.is_numeric_dtype(frame[c]))
    if not numeric:
        raise ValueError(f"{frame_name} has no numeric column for {param}={value!r} to name; "
                         f"it has: {', '.join(map(str, frame.columns)) or 'no columns'}")
    return check_choice(param, value, numeric)


def _check_year(year, index: pd.DatetimeIndex) -> int:
    first, last = int(index[0].year), int(index[-1].year)
    return check_int("year", year, first, last, allowed=f"a year in the data, from {first} to {last}")


def _check_window(window) -> int:
    return check_int("window", window, 20, 250)


def _pair(frame_name: str, frame: pd.DataFrame, a: str, b: str, min_rows: int = MIN_WEEKS) -> pd.DataFrame:
    """The rows where columns ``a`` and ``b`` both have a value; at least ``min_rows``, neither constant."""
    pair = frame[[a, b]].dropna()
    if len(pair) < min_rows:
        raise ValueError(f"{frame_name} has {len(pair)} row(s) where both {a!r} and {b!r} have a value; "
                         f"allowed: at least {min_rows}")
    for col in dict.fromkeys((a, b)):
        if np.ptp(pair[col].to_numpy(dtype=float)) == 0:
            raise ValueError(f"{frame_name}[{col!r}] is constant over those rows; allowed: values that vary "
                             "(the correlation of a constant is undefined)")
    return pair


def _rolling_corr(frame_name: str, frame: pd.DataFrame, a: str, b: str, window: int) -> pd.Series:
    if window > len(frame):
        raise ValueError(f"window={window} is longer than the {len(frame)} rows of {frame_name}")
    with _about(f"{frame_name}[{a!r}] with {frame_name}[{b!r}]"):
        return stats.rolling_corr(frame[a], frame[b], window)


# ---------------------------------------------------------------------------
# Weekly data
# ---------------------------------------------------------------------------
def weekly_frame(fed: pd.DataFrame, markets: pd.DataFrame) -> pd.DataFrame:
    """One row per balance-sheet Wednesday, from the first to the last that has a BTC close.

    Balance-sheet columns ($ billions): total_assets, treasuries, mbs, reserves, tga, on_rrp,
    net_liquidity. Market columns: btc (USD), sp500, nasdaq (index), real10y (percent),
    dollar (index), vix (index), each the close on that Wednesday or the latest close up to six
    days before it. Missing where a series has not started (the S&P 500 starts 2016-05-23).
    """
    fed = check_frame("fed", fed, BALANCE_COLUMNS, numeric=True)
    markets = check_frame("markets", markets, MARKET_COLUMNS, numeric=True)
    raw = markets[list(MARKET_COLUMNS)].asfreq("D")
    daily = raw.ffill(limit=6)
    for col in MARKET_COLUMNS:  # never carry a series past its last close
        last = raw[col].last_valid_index()
        if last is not None:
            daily.loc[daily.index > last, col] = np.nan
    out = fed[list(BALANCE_COLUMNS)].join(daily.reindex(fed.index))
    btc = out["btc"].dropna()
    if btc.empty:
        raise ValueError("markets has no BTC closes on the balance sheet's Wednesdays (the dates of fed)")
    return out.loc[btc.index[0]:btc.index[-1]]


def weekly_changes(weekly: pd.DataFrame) -> pd.DataFrame:
    """Week-on-week changes of :func:`weekly_frame` (first week dropped).

    ``net_liquidity``, ``btc``, ``sp500``, ``nasdaq``, ``dollar``: log changes (fractions);
    ``real10y``: change in percentage points; ``net_liquidity_bn``: change in $ billions.
    """
    check_frame("weekly", weekly, ("net_liquidity", "btc", "sp500", "nasdaq", "real10y", "dollar"),
                min_rows=2, numeric=True)
    with _about("weekly"):
        logs = stats.log_returns(weekly[["net_liquidity", "btc", "sp500", "nasdaq", "dollar"]])
    return logs.assign(real10y=weekly["real10y"].diff(), net_liquidity_bn=weekly["net_liquidity"].diff())


def channel_data(fed: pd.DataFrame, markets: pd.DataFrame, start="2014-09-01") -> pd.DataFrame:
    """Monthly averages of one series per channel (columns as in :data:`CHANNELS`), indexed by month.

    ``reserves`` and ``securities`` (Treasuries + MBS) in $ trillions, ``real10y`` in percent,
    ``dollar`` and ``vix`` as index levels; months from ``start`` (a date such as ``"2014-09-01"``).
    """
    fed = check_frame("fed", fed, ("reserves", "treasuries", "mbs"), numeric=True)
    markets = check_frame("markets", markets, ("real10y", "dollar", "vix"), numeric=True)
    start = check_date("start", start)
    bs = pd.DataFrame({
        "reserves": fed["reserves"] / 1000,
        "securities": (fed["treasuries"] + fed["mbs"]) / 1000,
    })
    monthly = bs.resample("MS").mean().join(markets[["real10y", "dollar", "vix"]].resample("MS").mean())
    out = monthly.loc[start:, list(CHANNELS)].dropna(how="all")
    for col in CHANNELS:
        if out[col].isna().all():
            source = "fed" if col in bs else "markets"
            raise ValueError(f"{source} has no {col} values from start={start:%Y-%m-%d} on; allowed: a start "
                             f"before the data's last month ({monthly.index[-1]:%Y-%m})")
    return out


def clipped_phases(phases: pd.DataFrame, first: pd.Timestamp) -> pd.DataFrame:
    """The policy phases that end on or after ``first``, their starts moved up to ``first``."""
    phases = phases[phases["end"] >= first].copy()
    phases["start"] = phases["start"].clip(lower=first)
    return phases[["phase", "start", "end"]]


def component_changes(fed: pd.DataFrame, start="2022-01-01", end="2025-12-31") -> pd.DataFrame:
    """How much each part of net liquidity moved from week to week ($ billions).

    For total assets, the TGA, ON RRP and net liquidity: the standard deviation and the mean
    absolute size of weekly changes, and the largest weekly rise and fall, over ``start``..``end``
    (dates such as ``"2022-01-01"``).
    """
    fed = check_frame("fed", fed, ("total_assets", "tga", "on_rrp", "net_liquidity"), numeric=True)
    start, end = check_date("start", start), check_date("end", end)
    if start > end:
        raise ValueError(f"start={start:%Y-%m-%d} is after end={end:%Y-%m-%d}; allowed: start before end")
    part = fed.loc[start:end, ["total_assets", "tga", "on_rrp", "net_liquidity"]]
    d = part.diff().dropna()
    if len(part) < 3 or len(d) < 2:
        raise ValueError(f"start={start:%Y-%m-%d}..end={end:%Y-%m-%d} holds {len(part)} weeks of fed; "
                         "need at least 3 (with every item reported)")
    out = pd.DataFrame({
        "sd_weekly_change_bn": d.std(),
        "mean_abs_change_bn": d.abs().mean(),
        "largest_rise_bn": d.max(),
        "largest_fall_bn": d.min(),
    })
    out.index.name = "item"
    return out.round(1)


# ---------------------------------------------------------------------------
# Levels versus returns
# ---------------------------------------------------------------------------
def level_vs_change(weekly: pd.DataFrame, a: str = "net_liquidity", b: str = "btc",
                    by_year: bool = True) -> pd.DataFrame:
    """Correlation of two weekly series in (log) levels and in weekly log changes.

    One row for the whole sample (``"all"``) and, with ``by_year``, one per calendar year with at
    least 26 weeks. Columns: ``levels``, ``changes``, ``weeks``. Both series must be positive
    (levels are logged).
    """
    check_frame("weekly", weekly)
    a, b = _column("a", a, "weekly", weekly), _column("b", b, "weekly", weekly)
    if a == b:
        raise ValueError(f"a and b are both {a!r}; allowed: two different columns of weekly")
    by_year = check_flag("by_year", by_year)
    pair = _pair("weekly", weekly, a, b)
    if (pair <= 0).any().any():
        raise ValueError(f"a={a!r} and b={b!r} must be positive series (levels are logged); weekly has values <= 0 "
                         "in them")
    logs = np.log(pair)
    chg = logs.diff()
    with _about(f"weekly[{a!r}] with weekly[{b!r}]"):
        rows = [{"period": "all", "levels": stats.correlation(logs[a], logs[b]),
                 "changes": stats.correlation(chg[a], chg[b]), "weeks": len(pair)}]
        if by_year:
            for year, part in logs.groupby(logs.index.year):
                if len(part) < 26:
                    continue
                c = chg.loc[part.index]
                rows.append({"period": str(year), "levels": stats.correlation(part[a], part[b]),
                             "changes": stats.correlation(c[a], c[b]), "weeks": len(part)})
    return pd.DataFrame(rows).set_index("period")


# ---------------------------------------------------------------------------
# Daily rolling correlation
# ---------------------------------------------------------------------------
def daily_returns(markets: pd.DataFrame) -> pd.DataFrame:
    """Daily log returns of btc, sp500 and nasdaq on their common trading days (fractions).

    Common trading days are the days on which all three have a close; each return runs from the
    previous common day's close (see :func:`helpers.stats.common_day_returns`).
    """
    markets = check_frame("markets", markets, RETURN_COLUMNS, numeric=True)
    common = markets[list(RETURN_COLUMNS)].dropna()
    if len(common) < 2:
        raise ValueError(f"markets has {len(common)} day(s) on which btc, sp500 and nasdaq all have a close; "
                         "allowed: at least 2 (one return)")
    with _about("markets"):
        return stats.common_day_returns(markets[list(RETURN_COLUMNS)], kind="log")


def _check_returns(returns) -> pd.DataFrame:
    return check_frame("returns", returns, RETURN_COLUMNS, numeric=True)


def _rolling(returns: pd.DataFrame, window: int, assets=tuple(ASSET_LABELS)) -> pd.DataFrame:
    """Daily rolling correlations of BTC with each asset, columns labelled as in ASSET_LABELS."""
    return pd.DataFrame({ASSET_LABELS[a]: _rolling_corr("returns", returns, "btc", a, window) for a in assets})


def rolling_corr_frame(returns: pd.DataFrame, windows=WINDOWS, assets=("sp500", "nasdaq")) -> pd.DataFrame:
    """Rolling correlations of BTC with each index for several windows, one row per week.

    Columns ``<asset>_<w>`` (e.g. ``sp500_60``) for each window ``w`` (trading days, 20 to 250), holding
    the value of the last common trading day of each week (weeks end on Friday). ``assets``: a list
    of ``"sp500"`` and/or ``"nasdaq"``.
    """
    _check_returns(returns)
    assets = check_choices("assets", assets, tuple(ASSET_LABELS))
    windows = check_ints("windows", windows, 20, 250)
    cols = {}
    for w in windows:
        for asset in assets:
            cols[f"{asset}_{w}"] = _rolling_corr("returns", returns, "btc", asset, w)
    return pd.DataFrame(cols).resample("W-FRI").last().dropna(how="all")


def _summary_rows(rolling: pd.DataFrame, window: int, year: int) -> pd.DataFrame:
    rows = []
    for label in rolling.columns:
        rc = rolling[label]
        part = rc[rc.index.year == year].dropna()
        if part.empty:
            raise ValueError(f"no {window}-day correlation values in year={year}")
        rows.append({"index": label, "window": window, "year": year, "days": len(part),
                     "min": part.min(), "median": part.median(), "max": part.max(),
                     "max_date": part.idxmax().date().isoformat(), "range": part.max() - part.min(),
                     "share_above_0_5": float((part > 0.5).mean()), "last": part.iloc[-1]})
    return pd.DataFrame(rows).set_index("index")


def rolling_correlation_summary(returns: pd.DataFrame, window: int = 60, year: int = 2025) -> pd.DataFrame:
    """What the rolling correlation of BTC with each index was on the trading days of ``year``.

    One row per index: ``days`` (trading days in the year with a value), ``min``, ``median``,
    ``max``, ``max_date``, ``range`` (max − min), ``share_above_0_5`` (fraction of those days
    above 0.5) and ``last`` (the value on the year's last day with data). Each day's value uses
    the ``window`` common trading days up to and including that day (so early-year values reach
    back into the previous year).
    """
    _check_returns(returns)
    window = _check_window(window)
    year = _check_year(year, returns.index)
    return _summary_rows(_rolling(returns, window), window, year)


def last_day_of_each_week(index: pd.DatetimeIndex) -> np.ndarray:
    """Mask of the last row of each Saturday-to-Friday week (rows sorted by date)."""
    days = index.to_numpy().astype("datetime64[D]").astype(np.int64)  # days since 1970-01-01 (a Thursday)
    week = (days - 2) // 7  # weeks start on Saturday (1970-01-03 is day 2)
    mask = np.ones(len(week), dtype=bool)
    mask[:-1] = week[:-1] != week[1:]
    return mask


def correlation_panel(returns: pd.DataFrame, window: int, year: int) -> dict:
    """The rolling-correlation widget's numbers: weekly series and the year's summary (see ``_panels``)."""
    _check_returns(returns)
    window = _check_window(window)
    year = _check_year(year, returns.index)
    rolling = _rolling(returns, window)
    weekly = rolling[last_day_of_each_week(rolling.index)].dropna(how="all")
    return {"series": weekly, "summary": _summary_rows(rolling, window, year)}


def _complete_years(index: pd.DatetimeIndex) -> set[int]:
    """Calendar years the dates cover from their first to their last week (within 7 days of each end)."""
    years = set()
    for year in sorted(set(index.year)):
        days = index[index.year == year]
        if days[0] <= pd.Timestamp(year, 1, 7) and days[-1] >= pd.Timestamp(year, 12, 24):
            years.add(int(year))
    return years


def yearly_correlation_spread(returns: pd.DataFrame, window: int = 60, asset: str = "sp500") -> pd.DataFrame:
    """How the daily rolling correlation of BTC with one index was spread within each calendar year.

    One row per year with at least one value (index ``year``): ``days`` (trading days with a
    value), ``q25``, ``median``, ``q75`` (quartiles of that year's daily values), ``iqr``
    (q75 − q25: the spread of the middle half of the year's days), ``max``, and ``complete``
    (True when the data cover the whole calendar year and every common trading day of it has a
    value). Correlations are unitless, from −1 to 1; ``window`` is in common trading days.
    """
    _check_returns(returns)
    window = _check_window(window)
    asset = check_choice("asset", asset, tuple(ASSET_LABELS))
    rc = _rolling_corr("returns", returns, "btc", asset, window)
    covered = _complete_years(returns.index)
    trading_days = pd.Series(returns.index.year).value_counts()
    rows = []
    for year, part in rc.dropna().groupby(rc.dropna().index.year):
        q25, median, q75 = part.quantile([0.25, 0.5, 0.75])
        rows.append({"year": int(year), "days": len(part), "q25": q25, "median": median, "q75": q75,
                     "iqr": q75 - q25, "max": part.max(),
                     "complete": bool(year in covered and len(part) == trading_days[year])})
    if not rows:
        raise ValueError(f"no {window}-day correlation values: returns has only {len(returns)} rows")
    return pd.DataFrame(rows).set_index("year")


# ---------------------------------------------------------------------------
# Lead–lag and other weekly factors
# ---------------------------------------------------------------------------
def lead_lag_test(changes: pd.DataFrame, x: str = "net_liquidity", y: str = "btc", max_lag: int = 12,
                  n_perm: int = 999, block: int = 4, seed: int = 3) -> stats.CrossCorrelationTest:
    """Cross-correlation of weekly changes ``x`` with weekly returns ``y`` at lags ±``max_lag`` weeks.

    Positive lag k: the change in ``x`` happened k weeks *before* the return of ``y``. The
    permutation null shuffles ``y`` in blocks of ``block`` weeks, ``n_perm`` times (see
    :func:`helpers.stats.cross_correlation_test`). ``x`` and ``y`` are columns of ``changes``.
    """
    check_frame("changes", changes)
    x, y = _column("x", x, "changes", changes), _column("y", y, "changes", changes)
    if x == y:
        raise ValueError(f"x and y are both {x!r}; allowed: two different columns of changes")
    max_lag = check_int("max_lag", max_lag, 0, MAX_LAG_WEEKS)
    n_perm = check_int("n_perm", n_perm, 1, MAX_DRAWS, allowed=f"a whole number from 1 to {MAX_DRAWS:,} "
                                                               "(the lesson uses 999)")
    block = check_int("block", block, 1, MAX_BLOCK_WEEKS)
    seed = check_seed("seed", seed, MAX_SEED)
    _pair("changes", changes, x, y, min_rows=max(MIN_WEEKS, max_lag + MIN_WEEKS, block))
    with _about(f"changes[{x!r}] with changes[{y!r}]"):
        return stats.cross_correlation_test(changes[x], changes[y], max_lag=max_lag, n_perm=n_perm,
                                            block=block, seed=seed)


def factor_correlations(changes: pd.DataFrame, target: str = "btc", factors=None, block: int = 4,
                        n_boot: int = 999, seed: int = 0, start=None, end=None) -> pd.DataFrame:
    """Correlation of the target's weekly return with each factor's weekly change, with intervals.

    ``factors`` defaults to :data:`FACTORS` (a dict of column -> label). Intervals are 95 %
    circular block-bootstrap percentile intervals (blocks of ``block`` weeks). Columns: ``label``,
    ``corr``, ``lo``, ``hi``, ``weeks``. ``start``/``end`` (dates, or ``None`` for the whole
    sample) restrict the sample.
    """
    check_frame("changes", changes)
    factors = FACTORS if factors is None else factors
    if not isinstance(factors, dict):
        raise TypeError(f"factors must be a dict of column -> label such as {{'nasdaq': 'Nasdaq'}}, "
                        f"got {type(factors).__name__}")
    if not factors:
        raise ValueError("factors is empty; allowed: a dict of column -> label such as {'nasdaq': 'Nasdaq'}")
    missing = [c for c in factors if c not in changes.columns]
    if missing:
        raise ValueError(f"factors names columns that changes is missing: {missing}; "
                         f"it has: {', '.join(map(str, changes.columns))}")
    for col, label in factors.items():
        _column("factors", col, "changes", changes)
        check_text(f"factors[{col!r}]", label)
    target = _column("target", target, "changes", changes)
    if target in factors:
        raise ValueError(f"factors includes the target={target!r}; allowed: factors other than the target")
    block = check_int("block", block, 1, MAX_BLOCK_WEEKS)
    n_boot = check_int("n_boot", n_boot, 1, MAX_DRAWS, allowed=f"a whole number from 1 to {MAX_DRAWS:,} "
                                                               "(the lesson uses 999)")
    seed = check_seed("seed", seed, MAX_SEED)
    start = None if start is None else check_date("start", start)
    end = None if end is None else check_date("end", end)
    if start is not None and end is not None and start > end:
        raise ValueError(f"start={start:%Y-%m-%d} is after end={end:%Y-%m-%d}; allowed: start before end")
    part = changes.loc[start:end]
    rows = []
    for col, label in factors.items():
        pair = _pair("changes (from start to end)", part, target, col, min_rows=max(MIN_WEEKS, block))
        with _about(f"changes[{target!r}] with changes[{col!r}]"):
            r, lo, hi = stats.bootstrap_corr_ci(pair[target], pair[col], block=block, n_boot=n_boot, seed=seed)
        rows.append({"factor": col, "label": label, "corr": r, "lo": lo, "hi": hi, "weeks": len(pair)})
    return pd.DataFrame(rows).set_index("factor")


def rolling_factor_corr(changes: pd.DataFrame, window: int, labels) -> pd.DataFrame:
    """Rolling ``window``-week correlations of ``changes['btc']`` with each column in ``labels``."""
    wide = pd.DataFrame({col: _rolling_corr("changes", changes, "btc", col, window) for col in labels})
    return wide.dropna(how="all")
