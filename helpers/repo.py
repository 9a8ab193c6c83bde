"""Repo and money markets (lesson 02): the repo calculator, the rate corridor, stress spreads,
the reserve-demand picture, and overnight loans versus permanent purchases.

Units: repo calculator money in **$ millions** (any currency unit works the same way); balance-sheet
money in **$ billions**; rates in **percent**; spreads in **basis points** (1 bp = 0.01 percentage
point); haircuts as a **fraction** (0.02 = 2 %); terms in **days** (interest on an actual/360 basis).

Every function validates its inputs: a wrong type raises ``TypeError``, a bad value ``ValueError``;
each message names the parameter, the value given and what is allowed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import altair as alt
import numpy as np
import pandas as pd

from helpers.charts import PALETTE, SOURCE_FRED, with_source
from helpers.validate import check_int, check_number

__all__ = [
    "DAY_COUNT",
    "IORB_START",
    "SOFR_START",
    "RepoTrade",
    "repo_trade",
    "repo_cashflows",
    "cushion_curve",
    "repo_calculator_text",
    "corridor_weekly",
    "stress_spread",
    "corridor_stats",
    "weekly_stress",
    "stress_notes",
    "spread_vs_reserves",
    "binned_medians",
    "KneeFit",
    "fit_knee",
    "injection_paths",
    "reserve_days",
    "srf_records",
    "cushion_chart",
    "corridor_chart",
    "stress_chart",
    "on_rrp_chart",
    "reserve_demand_chart",
    "injection_chart",
    "BENCH",
]

DAY_COUNT = 360  # money-market convention: interest = principal x rate x days / 360
IORB_START = pd.Timestamp("2021-07-29")  # first day of IORB in the inputs (IOER before it is not)
SOFR_START = pd.Timestamp("2018-04-03")  # first published SOFR
MAX_TERM_DAYS = 730


# ---------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------
def _frame(name: str, df, columns: tuple[str, ...]) -> pd.DataFrame:
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame, got {type(df).__name__}")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{name} lacks the column(s) {', '.join(missing)}; it needs: {', '.join(columns)} "
                         f"(load it with helpers.load)")
    if not isinstance(df.index, pd.DatetimeIndex):
        raise ValueError(f"{name} must be indexed by date (a DatetimeIndex), got {type(df.index).__name__}")
    return df


# ---------------------------------------------------------------------------
# The repo calculator
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class RepoTrade:
    """One repo: the cash borrower sells collateral and agrees to buy it back after ``days``.

    Money in $ millions, ``rate`` in percent a year (actual/360), ``haircut`` a fraction.
    The same trade seen from the cash lender's side is a *reverse repo*.
    """

    cash: float
    collateral_value: float
    haircut: float
    rate: float
    days: int

    @property
    def interest(self) -> float:
        """Interest owed at maturity, $ millions: cash x rate/100 x days/360."""
        return self.cash * self.rate / 100 * self.days / DAY_COUNT

    @property
    def repurchase_price(self) -> float:
        """What the borrower pays back at maturity, $ millions: cash + interest."""
        return self.cash + self.interest

    @property
    def max_cash(self) -> float:
        """Most cash the lender will advance against this collateral, $ millions: value x (1 - haircut)."""
        return self.collateral_value * (1 - self.haircut)

    @property
    def required_collateral(self) -> float:
        """Collateral value the lender asks for this much cash, $ millions: cash / (1 - haircut)."""
        return self.cash / (1 - self.haircut)

    @property
    def shortfall(self) -> float:
        """Extra collateral needed to meet the haircut, $ millions (0 if enough is posted)."""
        return max(0.0, self.required_collateral - self.collateral_value)

    @property
    def covered(self) -> bool:
        """True if the collateral posted meets the haircut (to within a millionth)."""
        return self.shortfall <= 1e-9 * max(1.0, self.cash)

    @property
    def cushion(self) -> float:
        """Lender's cushion at maturity, $ millions: collateral value - repurchase price."""
        return self.collateral_value - self.repurchase_price

    @property
    def cushion_pct(self) -> float:
        """How far (percent) the collateral's value can fall before it no longer covers the repurchase price."""
        return 100 * self.cushion / self.collateral_value

    def table(self) -> pd.DataFrame:
        """The trade's numbers as a table (``value`` in the ``units`` shown)."""
        rows = [
            ("cash lent", self.cash, "$ millions"),
            ("collateral posted", self.collateral_value, "$ millions"),
            ("haircut", 100 * self.haircut, "percent"),
            ("repo rate", self.rate, "percent a year"),
            ("term", self.days, "days"),
            ("interest (actual/360)", self.interest, "$ millions"),
            ("repurchase price", self.repurchase_price, "$ millions"),
            ("collateral required at this haircut", self.required_collateral, "$ millions"),
            ("collateral shortfall", self.shortfall, "$ millions"),
            ("lender's cushion at maturity", self.cushion, "$ millions"),
            ("fall in collateral value the cushion absorbs", self.cushion_pct, "percent"),
        ]
        return pd.DataFrame(rows, columns=["item", "value", "units"]).set_index("item")

    def report(self) -> str:
        """A short plain-text account of the trade from both sides."""
        lines = [
            f"Repo: borrow ${self.cash:,.2f}M for {self.days} day(s) at {self.rate:.2f}% "
            f"against collateral worth ${self.collateral_value:,.2f}M (haircut {100 * self.haircut:.2f}%).",
            f"  interest = {self.cash:,.2f} x {self.rate:.2f}% x {self.days}/360 = ${self.interest:,.4f}M "
            f"(${1e6 * self.interest:,.0f})",
            f"  repurchase price = ${self.repurchase_price:,.4f}M",
            f"  collateral required at a {100 * self.haircut:.2f}% haircut = ${self.required_collateral:,.2f}M",
        ]
        if self.covered:
            lines.append(f"  collateral is enough; at most ${self.max_cash:,.2f}M could be borrowed against it")
        else:
            lines.append(f"  NOT ENOUGH collateral: post ${self.shortfall:,.2f}M more, "
                         f"or borrow at most ${self.max_cash:,.2f}M")
        if self.cushion >= 0:
            lines.append(f"  lender's cushion = ${self.cushion:,.4f}M: the collateral can lose "
                         f"{self.cushion_pct:.2f}% of its value before it stops covering the repurchase price")
        else:
            lines.append(f"  lender's cushion = ${self.cushion:,.4f}M: the collateral already falls short "
                         f"of the repurchase price by {-self.cushion_pct:.2f}% of its value")
        lines.append(f"  reverse repo (the lender's side): pays ${self.cash:,.2f}M today, "
                     f"receives ${self.repurchase_price:,.4f}M on day {self.days}")
        return "\n".join(lines)


def repo_trade(cash: float, collateral_value: float, haircut: float, rate: float, days: int) -> RepoTrade:
    """Build a validated :class:`RepoTrade`.

    Parameters: ``cash`` > 0 and ``collateral_value`` > 0 ($ millions); ``haircut`` a fraction in
    [0, 1); ``rate`` percent a year in [-5, 50]; ``days`` a whole number from 1 to 730.
    Posting too little collateral is allowed (the trade reports the shortfall, as a margin call would).
    """
    cash = check_number("cash", cash, lo=0, open_lo=True, allowed="a number > 0 ($ millions)")
    collateral_value = check_number("collateral_value", collateral_value, lo=0, open_lo=True,
                             allowed="a number > 0 ($ millions)")
    haircut = check_number("haircut", haircut, lo=0, hi=1, open_hi=True,
                    allowed="a fraction in [0, 1), e.g. 0.02 for 2 %")
    rate = check_number("rate", rate, lo=-5, hi=50, allowed="percent a year from -5 to 50, e.g. 4.3")
    days = check_int("days", days, 1, MAX_TERM_DAYS)
    return RepoTrade(cash, collateral_value, haircut, rate, days)


def repo_cashflows(trade: RepoTrade) -> pd.DataFrame:
    """Cash and collateral moves of both sides at the start (day 0) and at maturity, $ millions.

    Positive = received. The cash borrower does a *repo*; the cash lender does a *reverse repo*.
    Each leg nets to zero across the two sides; over the whole trade the lender gains the interest.
    """
    if not isinstance(trade, RepoTrade):
        raise TypeError(f"trade must be a RepoTrade (from repo_trade(...)), got {type(trade).__name__}")
    borrower, lender = "cash borrower (repo)", "cash lender (reverse repo)"
    c, p, v = trade.cash, trade.repurchase_price, trade.collateral_value
    rows = [
        ("start, day 0", borrower, c, -v),
        ("start, day 0", lender, -c, v),
        (f"maturity, day {trade.days}", borrower, -p, v),
        (f"maturity, day {trade.days}", lender, p, -v),
    ]
    return pd.DataFrame(rows, columns=["leg", "side", "cash", "collateral"])


def cushion_curve(trade: RepoTrade, max_fall_pct: float = 10.0, points: int = 41) -> pd.DataFrame:
    """Lender's cushion at maturity ($ millions) if the collateral loses 0 .. ``max_fall_pct`` percent."""
    if not isinstance(trade, RepoTrade):
        raise TypeError(f"trade must be a RepoTrade (from repo_trade(...)), got {type(trade).__name__}")
    max_fall_pct = check_number("max_fall_pct", max_fall_pct, lo=0, open_lo=True, hi=100,
                         allowed="percent in (0, 100]")
    points = check_int("points", points, 2, 2000)
    fall = np.linspace(0.0, max_fall_pct, points)
    value = trade.collateral_value * (1 - fall / 100)
    return pd.DataFrame({"fall_pct": fall, "collateral_value": value,
                         "cushion": value - trade.repurchase_price})


def repo_calculator_text(cash: float, collateral_value: float, haircut_pct: float, rate: float,
                         days: int) -> str:
    """The repo calculator widget's output: :meth:`RepoTrade.report` (``haircut_pct`` in percent)."""
    haircut_pct = check_number("haircut_pct", haircut_pct, lo=0, hi=100, open_hi=True,
                        allowed="percent in [0, 100), e.g. 2 for 2 %")
    return repo_trade(cash, collateral_value, haircut_pct / 100, rate, days).report()


# ---------------------------------------------------------------------------
# The rate corridor and stress spreads
# ---------------------------------------------------------------------------
_RATE_COLS = ("target_lower", "target_upper", "effr", "sofr", "iorb")


def corridor_weekly(rates: pd.DataFrame, start: str = "2018-04-01") -> pd.DataFrame:
    """Weekly (weeks ending Wednesday) corridor from the daily ``policy_rates`` table, percent.

    Columns: ``target_lower`` (lowest in the week), ``target_upper`` (highest in the week: a week
    with a rate decision shows the range spanning both settings), ``iorb``, ``effr``, ``sofr``
    (weekly means of the days published) and ``sofr_high`` (the week's highest SOFR, so one-day
    spikes such as 2019-09-17 stay visible).
    """
    rates = _frame("rates", rates, _RATE_COLS)
    try:
        start_ts = pd.Timestamp(start)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"start={start!r} is not a date; allowed: a date such as '2018-04-01'") from exc
    d = rates.loc[rates.index >= start_ts, list(_RATE_COLS)]
    if d.empty:
        raise ValueError(f"start={start!r} leaves no rows; allowed: a date before {rates.index.max().date()}")
    w = d.resample("W-WED")
    out = pd.DataFrame({
        "target_lower": w["target_lower"].min(),
        "target_upper": w["target_upper"].max(),
        "iorb": w["iorb"].mean(),
        "effr": w["effr"].mean(),
        "sofr": w["sofr"].mean(),
        "sofr_high": w["sofr"].max(),
    })
    out.index.name = "date"
    return out.round(4)


def stress_spread(rates: pd.DataFrame) -> pd.DataFrame:
    """Daily SOFR spread to the corridor's ceiling, basis points, on days SOFR is published.

    From 2021-07-29 the benchmark is IORB (``SOFR - IORB``); before that IORB's predecessor IOER is
    not in the inputs, so the benchmark is the top of the target range (``SOFR - target_upper``).
    Columns: ``spread_bp``, ``benchmark`` ("IORB" or "top of target range"), ``sofr``.
    """
    rates = _frame("rates", rates, _RATE_COLS)
    d = rates.loc[rates["sofr"].notna(), ["sofr", "iorb", "target_upper"]]
    use_iorb = (d.index >= IORB_START) & d["iorb"].notna()
    bench = np.where(use_iorb, d["iorb"], d["target_upper"])
    out = pd.DataFrame({
        "spread_bp": ((d["sofr"] - bench) * 100).round(2),
        "benchmark": np.where(use_iorb, "IORB", "top of target range"),
        "sofr": d["sofr"],
    }, index=d.index)
    return out


def corridor_stats(rates: pd.DataFrame) -> pd.DataFrame:
    """Per calendar year, on days SOFR is published: ``days``, percent of days SOFR was above the top
    of the target range (``above_top_pct``) and above IORB (``above_iorb_pct``, days with IORB only),
    and the largest SOFR - IORB and SOFR - top spreads (bp)."""
    rates = _frame("rates", rates, _RATE_COLS)
    d = rates.loc[rates["sofr"].notna(), ["sofr", "iorb", "target_upper"]]
    top = (d["sofr"] - d["target_upper"]) * 100
    iorb = (d["sofr"] - d["iorb"]) * 100
    g = pd.DataFrame({"top": top, "iorb": iorb, "year": d.index.year}).groupby("year")
    out = pd.DataFrame({
        "days": g["top"].size(),
        "above_top_pct": 100 * g["top"].agg(lambda s: (s > 1e-9).mean()),
        "above_iorb_pct": 100 * g["iorb"].agg(lambda s: (s.dropna() > 1e-9).mean() if s.notna().any() else np.nan),
        "max_sofr_minus_top_bp": g["top"].max(),
        "max_sofr_minus_iorb_bp": g["iorb"].max(),
    })
    return out.round(1)


def weekly_stress(rates: pd.DataFrame) -> pd.DataFrame:
    """Weekly (ending Wednesday) mean and highest daily spread, bp, per benchmark (see :func:`stress_spread`)."""
    daily = stress_spread(rates)
    parts = []
    for bench, grp in daily.groupby("benchmark", sort=False):
        w = grp["spread_bp"].resample("W-WED")
        part = pd.DataFrame({"mean_bp": w.mean(), "high_bp": w.max()}).dropna()
        part["benchmark"] = bench
        parts.append(part)
    out = pd.concat(parts).sort_index()
    out.index.name = "date"
    return out.round(2)


def stress_notes(weekly: pd.DataFrame, items: list[tuple[str, str]]) -> pd.DataFrame:
    """Place annotations on the weekly stress chart: for each ``(date, label)`` the week that holds
    the date, its benchmark and its highest spread (bp) as ``y``. Returns date, benchmark, y, label."""
    weekly = _frame("weekly", weekly, ("mean_bp", "high_bp", "benchmark"))
    if not isinstance(items, (list, tuple)):
        raise TypeError(f"items must be a list of (date, label) pairs, got {type(items).__name__}")
    rows = []
    for item in items:
        if not (isinstance(item, (list, tuple)) and len(item) == 2 and isinstance(item[1], str)):
            raise TypeError(f"each item must be a (date, label) pair, got {item!r}")
        try:
            day = pd.Timestamp(item[0])
        except (TypeError, ValueError) as exc:
            raise ValueError(f"date {item[0]!r} in items is not a date; allowed: e.g. '2019-09-17'") from exc
        week = day + pd.offsets.Week(weekday=2, n=0)  # the Wednesday ending that week
        if week not in weekly.index:
            raise ValueError(f"date {item[0]!r} in items falls outside the weekly data "
                             f"({weekly.index.min().date()} to {weekly.index.max().date()})")
        row = weekly.loc[[week]].iloc[0]
        rows.append({"date": week, "benchmark": row["benchmark"], "y": float(row["high_bp"]), "label": item[1]})
    return pd.DataFrame(rows, columns=["date", "benchmark", "y", "label"])


def spread_vs_reserves(rates: pd.DataFrame, fed: pd.DataFrame) -> pd.DataFrame:
    """Weekly reserves against the SOFR - IORB spread, from 2021-07-29.

    Reserves (WRESBAL) are week averages for the week ending Wednesday, so the spread is the mean
    of the daily SOFR - IORB values of the same seven days. Columns: ``reserves`` and
    ``reserves_plus_on_rrp`` ($ billions), ``share_pct`` (reserves as percent of Fed total assets),
    ``on_rrp`` ($ billions), ``spread_bp`` (bp), ``year``.
    """
    fed = _frame("fed", fed, ("reserves", "total_assets", "on_rrp"))
    daily = stress_spread(rates)
    daily = daily.loc[daily["benchmark"] == "IORB", "spread_bp"]
    weekly = daily.resample("W-WED").mean().rename("spread_bp")
    out = fed[["reserves", "total_assets", "on_rrp"]].join(weekly, how="inner").dropna()
    out["reserves_plus_on_rrp"] = out["reserves"] + out["on_rrp"]
    out["share_pct"] = 100 * out["reserves"] / out["total_assets"]
    out["year"] = out.index.year
    out.index.name = "date"
    cols = ["reserves", "share_pct", "on_rrp", "reserves_plus_on_rrp", "spread_bp", "year"]
    return out[cols].round({"reserves": 1, "share_pct": 2, "on_rrp": 1, "reserves_plus_on_rrp": 1,
                            "spread_bp": 2})


def _xy(x, y) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = [], []
    for name, v in (("x", x), ("y", y)):
        if isinstance(v, (str, bytes)) or not hasattr(v, "__len__"):
            raise TypeError(f"{name} must be a sequence of numbers (list, array or Series), got {type(v).__name__}")
        try:
            arr = np.asarray(v, dtype=float)
        except (TypeError, ValueError) as exc:
            raise TypeError(f"{name} must hold numbers only ({exc})") from exc
        if arr.ndim != 1:
            raise ValueError(f"{name} must be one-dimensional, got shape {arr.shape}")
        (xs if name == "x" else ys).append(arr)
    xa, ya = xs[0], ys[0]
    if len(xa) != len(ya):
        raise ValueError(f"x and y must have the same length, got {len(xa)} and {len(ya)}")
    keep = np.isfinite(xa) & np.isfinite(ya)
    return xa[keep], ya[keep]


def binned_medians(x, y, width: float, min_count: int = 3) -> pd.DataFrame:
    """Median of ``y`` in bins of ``x`` of the given ``width`` (bins aligned on multiples of ``width``).

    Bins with fewer than ``min_count`` points are dropped. Columns: ``bin_lo``, ``bin_hi``, ``mid``,
    ``median``, ``count``. Missing values are ignored.
    """
    xa, ya = _xy(x, y)
    width = check_number("width", width, lo=0, open_lo=True, allowed="a bin width > 0 in the units of x")
    min_count = check_int("min_count", min_count, 1, 10_000)
    if len(xa) == 0:
        raise ValueError("x and y have no pair of finite values to bin")
    lo = np.floor(xa / width) * width
    df = pd.DataFrame({"bin_lo": lo, "y": ya})
    g = df.groupby("bin_lo")["y"].agg(["median", "count"]).reset_index()
    g = g[g["count"] >= min_count]
    g.insert(1, "bin_hi", g["bin_lo"] + width)
    g.insert(2, "mid", g["bin_lo"] + width / 2)
    return g.reset_index(drop=True)


@dataclass(frozen=True)
class KneeFit:
    """A continuous two-segment line: ``level + slope_below*(x-knee)`` left of the knee,
    ``level + slope_above*(x-knee)`` right of it. Slopes are in y units per x unit."""

    knee: float
    level: float
    slope_below: float
    slope_above: float
    sse: float
    n: int

    def predict(self, x) -> np.ndarray:
        xa = np.asarray(x, dtype=float)
        d = xa - self.knee
        return self.level + np.where(d < 0, self.slope_below * d, self.slope_above * d)


def fit_knee(x, y, candidates: int = 200, min_share: float = 0.1) -> KneeFit:
    """Least-squares two-segment line with the knee chosen by grid search.

    The knee is tried at ``candidates`` points evenly spaced between the ``min_share`` and
    ``1 - min_share`` quantiles of ``x`` (so each segment keeps some data). Missing values are ignored.
    A descriptive fit: it says where the relation bends in this sample, not why.
    """
    xa, ya = _xy(x, y)
    candidates = check_int("candidates", candidates, 2, 5000)
    min_share = check_number("min_share", min_share, lo=0, hi=0.5, open_hi=True, allowed="a fraction in [0, 0.5)")
    if len(xa) < 5:
        raise ValueError(f"x and y need at least 5 pairs of finite values to fit two segments, got {len(xa)}")
    if np.ptp(xa) == 0:
        raise ValueError("x has a single value; a knee needs spread in x")
    lo, hi = np.quantile(xa, [min_share, 1 - min_share])
    best = None
    for k in np.linspace(lo, hi, candidates):
        d = xa - k
        design = np.column_stack([np.ones_like(xa), np.minimum(d, 0), np.maximum(d, 0)])
        coef, *_ = np.linalg.lstsq(design, ya, rcond=None)
        sse = float(((design @ coef - ya) ** 2).sum())
        if best is None or sse < best[0] - 1e-12:
            best = (sse, float(k), coef)
    sse, k, coef = best
    return KneeFit(knee=k, level=float(coef[0]), slope_below=float(coef[1]), slope_above=float(coef[2]),
                   sse=sse, n=int(len(xa)))


# ---------------------------------------------------------------------------
# Overnight loans versus permanent purchases
# ---------------------------------------------------------------------------
def injection_paths(amount: float, horizon_days: int = 30, nights: int = 1) -> pd.DataFrame:
    """Reserves added by an overnight repo versus a permanent purchase of the same size, $ billions.

    The repo lends ``amount`` for one night and is repeated for ``nights`` consecutive nights
    (1 = a single operation): reserves are up by ``amount`` on those nights and back to where they
    were when it is repaid. A permanent (outright) purchase adds ``amount`` for every day of the
    ``horizon_days`` window (and beyond). Columns: ``day`` (1..horizon_days), ``overnight_repo``,
    ``permanent_purchase``.
    """
    amount = check_number("amount", amount, lo=0, open_lo=True, hi=10_000,
                   allowed="$ billions, a number > 0 and at most 10,000")
    horizon_days = check_int("horizon_days", horizon_days, 1, 3650)
    nights = check_int("nights", nights, 0, 3650)
    day = np.arange(1, horizon_days + 1)
    return pd.DataFrame({
        "day": day,
        "overnight_repo": np.where(day <= nights, amount, 0.0),
        "permanent_purchase": np.full(horizon_days, amount),
    })


def reserve_days(paths: pd.DataFrame) -> pd.Series:
    """Sum of reserves added over the window, "$ billion-days", per column of :func:`injection_paths`."""
    paths = paths if isinstance(paths, pd.DataFrame) else None
    if paths is None:
        raise TypeError("paths must be the DataFrame from injection_paths(...)")
    cols = ["overnight_repo", "permanent_purchase"]
    missing = [c for c in cols if c not in paths.columns]
    if missing:
        raise ValueError(f"paths lacks the column(s) {', '.join(missing)}; use injection_paths(...)")
    return paths[cols].sum().rename("$ billion-days")


# ---------------------------------------------------------------------------
# Sourced Standing Repo Facility figures
# ---------------------------------------------------------------------------
_AMOUNT = re.compile(r"\$\s*([0-9]+(?:\.[0-9]+)?)\s*B\b")


def srf_records(events: pd.DataFrame) -> pd.DataFrame:
    """Standing Repo Facility usage figures from the ``policy_events`` stress rows, $ billions.

    Returns ``amount_bn`` (parsed from ``key_numbers``), ``description``, ``checked``, ``caveat``
    and ``source_url`` for each stress event whose key numbers mention the SRF.
    """
    events = _frame("events", events, ("kind", "key_numbers", "description", "checked", "caveat", "source_url"))
    rows = events[(events["kind"] == "stress") & events["key_numbers"].fillna("").str.contains("SRF")]
    amounts = rows["key_numbers"].map(lambda s: float(m.group(1)) if (m := _AMOUNT.search(s)) else np.nan)
    out = rows[["description", "checked", "caveat", "source_url"]].copy()
    out.insert(0, "amount_bn", amounts)
    return out


# ---------------------------------------------------------------------------
# Charts (all aggregated; each well under 2,000 rows)
# ---------------------------------------------------------------------------
def _check_rows(df: pd.DataFrame, name: str, limit: int = 2000) -> None:
    if len(df) > limit:
        raise ValueError(f"{name} has {len(df)} rows; charts take at most {limit}: aggregate first")


def cushion_chart(trade: RepoTrade, max_fall_pct: float = 10.0) -> alt.LayerChart:
    """The lender's cushion at maturity as the collateral loses value (static picture of one trade)."""
    curve = cushion_curve(trade, max_fall_pct=max_fall_pct)
    line = alt.Chart(curve).mark_line(color=PALETTE[0]).encode(
        x=alt.X("fall_pct:Q", title="Fall in the collateral's value (percent)"),
        y=alt.Y("cushion:Q", title="Lender's cushion at maturity ($ millions)"),
        tooltip=[alt.Tooltip("fall_pct:Q", format=".2f", title="fall, %"),
                 alt.Tooltip("cushion:Q", format=".3f", title="cushion, $M")],
    )
    zero = alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(color="#555", strokeDash=[4, 3]).encode(y="y:Q")
    mark = pd.DataFrame({"fall_pct": [trade.cushion_pct], "cushion": [0.0],
                         "label": [f"cushion used up at a {trade.cushion_pct:.2f}% fall"]})
    point = alt.Chart(mark).mark_point(color=PALETTE[3], size=80, filled=True).encode(x="fall_pct:Q", y="cushion:Q")
    text = alt.Chart(mark).mark_text(align="left", dx=8, dy=-10, color=PALETTE[3]).encode(
        x="fall_pct:Q", y="cushion:Q", text="label:N")
    title = alt.TitleParams(
        f"The haircut is the lender's buffer: this repo stays covered until the collateral falls "
        f"{trade.cushion_pct:.1f}%",
        subtitle=[f"${trade.cash:,.0f}M lent for {trade.days} day(s) at {trade.rate:.2f}% against "
                  f"${trade.collateral_value:,.0f}M of collateral (haircut {100 * trade.haircut:.1f}%)"])
    chart = (line + zero + point + text).properties(title=title, width=560, height=240)
    return with_source(chart, "Source: Liquidity Lab repo calculator (helpers.repo), illustrative trade")


_CORRIDOR_SERIES = {"effr": "EFFR (weekly mean)", "sofr": "SOFR (weekly mean)",
                    "sofr_high": "SOFR (weekly high)", "iorb": "IORB"}


def corridor_chart(weekly: pd.DataFrame) -> alt.VConcatChart:
    """Target range band with EFFR, SOFR, SOFR's weekly high and IORB; drag on the lower overview to zoom."""
    weekly = _frame("weekly", weekly, tuple(_CORRIDOR_SERIES) + ("target_lower", "target_upper"))
    _check_rows(weekly, "weekly")
    data = weekly.round(2).reset_index()
    brush = alt.selection_interval(encodings=["x"], name="period")
    x_detail = alt.X("date:T", title=None, scale=alt.Scale(domain=brush))
    names = list(_CORRIDOR_SERIES.values())
    colors = [PALETTE[0], PALETTE[3], PALETTE[1], PALETTE[2]]
    band = alt.Chart().mark_area(color="#999", opacity=0.3, clip=True).encode(
        x=x_detail,
        y=alt.Y("target_lower:Q", title="Percent a year"),
        y2="target_upper:Q",
        tooltip=[alt.Tooltip("date:T", format="%Y-%m-%d", title="week ending"),
                 alt.Tooltip("target_lower:Q", title="target range low"),
                 alt.Tooltip("target_upper:Q", title="target range high")],
    )
    lines = alt.Chart().transform_fold(
        list(_CORRIDOR_SERIES), as_=["series", "rate"]
    ).transform_calculate(
        label="{" + ", ".join(f"'{k}': '{v}'" for k, v in _CORRIDOR_SERIES.items()) + "}[datum.series]"
    ).transform_filter("isValid(datum.rate)").mark_line(clip=True, strokeWidth=1.6).encode(
        x=x_detail,
        y=alt.Y("rate:Q"),
        color=alt.Color("label:N", title=None, scale=alt.Scale(domain=names, range=colors),
                        legend=alt.Legend(labelLimit=0)),
        strokeDash=alt.StrokeDash("label:N", title=None,
                                  scale=alt.Scale(domain=names, range=[[1, 0], [1, 0], [2, 2], [6, 3]])),
        tooltip=[alt.Tooltip("date:T", format="%Y-%m-%d", title="week ending"), "label:N",
                 alt.Tooltip("rate:Q", format=".2f", title="percent")],
    )
    detail = alt.layer(band, lines).properties(width=600, height=260)
    overview = alt.Chart().mark_area(color=PALETTE[5], opacity=0.6).encode(
        x=alt.X("date:T", title="Drag here to zoom the chart above (double-click to reset)"),
        y=alt.Y("sofr_high:Q", title="SOFR high", axis=alt.Axis(tickCount=2)),
    ).add_params(brush).properties(width=600, height=50)
    chart = alt.vconcat(detail, overview, data=data).properties(
        title=alt.TitleParams(
            "The corridor: SOFR and EFFR stay near the target range (grey), except in stress",
            subtitle=["Weekly, 2018-04 onward; IORB from 2021-07-29 (IOER before it is not in the inputs); "
                      "the grey band spans the range in force during each week"]))
    return with_source(chart, SOURCE_FRED + " (DFEDTARL, DFEDTARU, DFF, SOFR, IORB)")


def stress_chart(weekly: pd.DataFrame, notes: pd.DataFrame) -> alt.HConcatChart:
    """Two panels of the weekly SOFR spread: to the top of the target range (2018-04 to 2021-07-28)
    and to IORB (2021-07-29 on), each with its own scale; ``notes`` (date, benchmark, y, label)
    annotates events. Drag to pan and scroll to zoom inside each panel."""
    weekly = _frame("weekly", weekly, ("mean_bp", "high_bp", "benchmark"))
    if not isinstance(notes, pd.DataFrame) or not {"date", "benchmark", "y", "label"} <= set(notes.columns):
        raise TypeError("notes must be a DataFrame with columns date, benchmark, y, label")
    _check_rows(weekly, "weekly")
    codes = {"top of target range": "top", "IORB": "iorb"}
    data = weekly[["mean_bp", "high_bp", "benchmark"]].round(1).reset_index()
    data["b"] = data.pop("benchmark").map(codes)  # short codes keep the embedded data small
    panels = []
    for bench, title, color, light in (
            ("top of target range", "SOFR − top of target range, 2018-04 to 2021-07-28", PALETTE[0], PALETTE[5]),
            ("IORB", "SOFR − IORB, from 2021-07-29", PALETTE[3], PALETTE[1])):
        zoom = alt.selection_interval(bind="scales", encodings=["x"], name=f"zoom_{codes[bench]}")
        base = alt.Chart(data).transform_filter(alt.datum.b == codes[bench])
        x = alt.X("date:T", title=None, axis=alt.Axis(format="%Y", tickCount="year"))
        high = base.mark_line(color=light, strokeWidth=1, clip=True).encode(
            x=x, y=alt.Y("high_bp:Q", title="Basis points (weekly)"),
            tooltip=[alt.Tooltip("date:T", format="%Y-%m-%d", title="week ending"),
                     alt.Tooltip("high_bp:Q", title="week's high, bp"),
                     alt.Tooltip("mean_bp:Q", title="week's mean, bp")])
        mean = base.mark_line(color=color, strokeWidth=2, clip=True).encode(x=x, y="mean_bp:Q")
        zero = alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(color="#555").encode(y="y:Q")
        nb = notes[notes["benchmark"] == bench].assign(date=lambda d: pd.to_datetime(d["date"]))
        pts = alt.Chart(nb).mark_point(color="#000", size=50, filled=True, clip=True).encode(
            x="date:T", y="y:Q", tooltip=["label:N"])
        left = bench != "IORB"
        txt = alt.Chart(nb).mark_text(align="left" if left else "right", dx=7 if left else -7,
                                      dy=8 if left else 0, fontSize=11).encode(
            x="date:T", y="y:Q", text="label:N")
        panel = alt.layer(high, mean, zero, pts, txt).add_params(zoom).properties(
            width=300, height=230, title=alt.TitleParams(title, fontSize=13))
        panels.append(panel)
    chart = alt.hconcat(*panels).resolve_scale(y="independent").properties(
        title=alt.TitleParams(
            "Stress shows up as SOFR above its ceiling: a spike in Sept 2019, a grind higher in late 2025",
            subtitle=["Thick line: weekly mean of daily spreads; thin line: the week's highest day; dots: events. "
                      "Different benchmarks and scales in the two panels; drag to pan, scroll to zoom"]))
    return with_source(chart, SOURCE_FRED + "; SRF figures: press reports of New York Fed data")


def on_rrp_chart(fed: pd.DataFrame, start: str = "2021-01-01") -> alt.Chart:
    """Weekly reserves and ON RRP take-up ($ billions) from ``start``."""
    fed = _frame("fed", fed, ("reserves", "on_rrp"))
    data = fed.loc[fed.index >= pd.Timestamp(start), ["reserves", "on_rrp"]].reset_index()
    _check_rows(data, "fed")
    names = {"reserves": "Bank reserves (week average)", "on_rrp": "ON RRP take-up (Wednesday)"}
    chart = alt.Chart(data).transform_fold(["reserves", "on_rrp"], as_=["series", "value"]).transform_calculate(
        label="datum.series == 'reserves' ? '" + names["reserves"] + "' : '" + names["on_rrp"] + "'"
    ).mark_line().encode(
        x=alt.X("date:T", title=None, axis=alt.Axis(format="%Y", tickCount="year")),
        y=alt.Y("value:Q", title="$ billions"),
        color=alt.Color("label:N", title=None, legend=alt.Legend(labelLimit=0),
                        scale=alt.Scale(domain=list(names.values()), range=[PALETTE[0], PALETTE[1]])),
        tooltip=[alt.Tooltip("date:T", format="%Y-%m-%d", title="week"), "label:N",
                 alt.Tooltip("value:Q", format=",.0f", title="$ billions")],
    ).properties(width=640, height=300, title=alt.TitleParams(
        "ON RRP filled up in 2021–22 and drained in 2023–25, while reserves fell far less",
        subtitle=["Weekly; ON RRP is the Wednesday value (month- and quarter-end peaks are higher)"]))
    return with_source(chart, SOURCE_FRED + " (WRESBAL, RRPONTSYD)")


def reserve_demand_chart(pairs: pd.DataFrame, fits: dict, medians: dict) -> alt.HConcatChart:
    """Scatter of weekly SOFR - IORB against reserves (level and share of Fed assets), with binned
    medians and a two-segment fit in each panel. ``fits``/``medians`` map "reserves" and "share_pct"
    to a :class:`KneeFit` and a :func:`binned_medians` table."""
    pairs = _frame("pairs", pairs, ("reserves", "share_pct", "spread_bp", "year"))
    _check_rows(pairs, "pairs")
    panels = []
    specs = (("reserves", "Reserves ($ billions, week average)", ",.0f"),
             ("share_pct", "Reserves as a share of Fed total assets (percent)", ".1f"))
    data = pairs.reset_index()
    data["week"] = data["date"].dt.strftime("%Y-%m-%d")
    data = data[["week", "reserves", "share_pct", "spread_bp", "year"]]  # few columns: keeps the lesson small
    for col, title, fmt in specs:
        fit, med = fits[col], medians[col]
        xs = np.array([float(pairs[col].min()), fit.knee, float(pairs[col].max())])  # two segments: 3 points
        fit_df = pd.DataFrame({col: xs, "spread_bp": fit.predict(xs)})
        pts = alt.Chart(data).mark_circle(size=22, opacity=1).encode(
            x=alt.X(f"{col}:Q", title=title, scale=alt.Scale(zero=False)),
            y=alt.Y("spread_bp:Q", title="SOFR − IORB (bp, weekly mean)"),
            color=alt.Color("year:O", title="Year", scale=alt.Scale(scheme="viridis")),
            tooltip=[alt.Tooltip("week:N", title="week ending"), alt.Tooltip(f"{col}:Q", format=fmt),
                     alt.Tooltip("spread_bp:Q", format=".1f", title="spread, bp")],
        )
        medp = alt.Chart(med.rename(columns={"mid": col, "median": "spread_bp"})).mark_line(
            color="#000", point=alt.OverlayMarkDef(color="#000", size=30)).encode(
            x=f"{col}:Q", y="spread_bp:Q",
            tooltip=[alt.Tooltip("bin_lo:Q", title="bin from"), alt.Tooltip("bin_hi:Q", title="bin to"),
                     alt.Tooltip("spread_bp:Q", title="median spread, bp"), "count:Q"])
        fitl = alt.Chart(fit_df).mark_line(color=PALETTE[3], strokeDash=[6, 3], strokeWidth=2.5).encode(
            x=f"{col}:Q", y="spread_bp:Q")
        knee = alt.Chart(pd.DataFrame({col: [fit.knee]})).mark_rule(color=PALETTE[3], opacity=0.6).encode(
            x=f"{col}:Q")
        panels.append(alt.layer(pts, medp, fitl, knee).properties(width=290, height=230))
    knee = fits["reserves"].knee
    chart = alt.hconcat(*panels).properties(title=alt.TitleParams(
        f"Below about ${knee / 1000:.1f} trillion of reserves, SOFR rises through IORB; above it the line is flat",
        subtitle=["Weekly, 2021-07-29 onward. Black: median spread per bin; red dashes: two-segment fit; "
                  "a description of this sample, not a causal curve"]))
    return with_source(chart, SOURCE_FRED + " (WRESBAL, WALCL, SOFR, IORB)")


def injection_chart(horizon_days: int = 30, amount: float = 38.0) -> alt.LayerChart:
    """Reserves added by overnight repos repeated for N nights vs a permanent purchase, with sliders.

    Works without a kernel: the sliders are Vega-Lite parameters; the numbers follow
    :func:`injection_paths` (same rule: the repo adds ``amount`` on nights 1..N, 0 after).
    """
    horizon_days = check_int("horizon_days", horizon_days, 2, 366)
    amount = check_number("amount", amount, lo=1, hi=200, allowed="$ billions from 1 to 200")
    days = pd.DataFrame({"day": np.arange(1, horizon_days + 1)})
    amt = alt.param(name="amount", value=amount,
                    bind=alt.binding_range(min=1, max=200, step=1, name="Operation size ($ billions) "))
    nights = alt.param(name="nights", value=1,
                       bind=alt.binding_range(min=0, max=horizon_days, step=1,
                                              name="Nights the overnight repo is repeated "))
    names = ["Overnight repo, repeated N nights", "Permanent purchase"]
    base = alt.Chart(days).transform_calculate(
        overnight="datum.day <= nights ? amount : 0", permanent="amount"
    )
    lines = base.transform_fold(["overnight", "permanent"], as_=["kind", "added"]).transform_calculate(
        label=f"datum.kind == 'overnight' ? '{names[0]}' : '{names[1]}'"
    ).mark_line(interpolate="step-after", point=True).encode(
        x=alt.X("day:Q", title=f"Day (1 to {horizon_days})", scale=alt.Scale(domain=[1, horizon_days])),
        y=alt.Y("added:Q", title="Reserves added ($ billions)", scale=alt.Scale(domain=[0, 200])),
        color=alt.Color("label:N", title=None, legend=alt.Legend(labelLimit=0),
                        scale=alt.Scale(domain=names, range=[PALETTE[3], PALETTE[0]])),
        tooltip=["day:Q", "label:N", alt.Tooltip("added:Q", title="$ billions")],
    )
    text = base.transform_aggregate(
        repo_days="sum(overnight)", perm_days="sum(permanent)"
    ).transform_calculate(
        msg=f"'Over {horizon_days} days: repo ' + format(datum.repo_days, ',.0f') + "
            f"' vs purchase ' + format(datum.perm_days, ',.0f') + ' $ billion-days'"
    ).mark_text(align="left", x=8, y=12, fontSize=13).encode(text="msg:N")
    chart = alt.layer(lines, text).add_params(amt, nights).properties(
        width=600, height=260,
        title=alt.TitleParams(
            "An overnight repo adds reserves for one night; a purchase adds them for good",
            subtitle=["Move the sliders (works without a kernel). A repo must be repeated every night "
                      "to match a purchase"]))
    return with_source(chart, "Source: Liquidity Lab (helpers.repo.injection_paths), illustrative amounts")


# ---------------------------------------------------------------------------
# Widget callbacks, timed by tools/bench.py (each must finish well under 100 ms)
# ---------------------------------------------------------------------------
BENCH = {
    "repo_calculator": (repo_calculator_text,
                        {"cash": 95.0, "collateral_value": 100.0, "haircut_pct": 5.0, "rate": 4.3, "days": 7}),
}
