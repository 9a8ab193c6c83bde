"""Money-market computations: frames and numbers in, frames and numbers out (no charts, no loading).

The repo calculator (:class:`RepoTrade`), the rate corridor and stress spreads from ``policy_rates``,
reserves against the spread from ``fed_balance_sheet``, the knee fit, overnight repos against
permanent purchases, and the sourced Standing Repo Facility figures from ``policy_events``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.i18n import gettext as _
from helpers.validate import check_date, check_frame, check_int, check_number

DAY_COUNT = 360  # money-market convention: interest = principal x rate x days / 360
IORB_START = pd.Timestamp("2021-07-29")  # first day of IORB in the inputs (IOER before it is not)
SOFR_START = pd.Timestamp("2018-04-03")  # first published SOFR
MAX_TERM_DAYS = 730


def check_rates(rates, columns: tuple[str, ...]) -> pd.DataFrame:
    """``rates`` (the ``policy_rates`` table) with values in ``columns`` and an ``iorb`` column.

    IORB starts on 2021-07-29, so a slice of earlier days (all-NaN ``iorb``) is allowed; the column
    itself must be there.
    """
    rates = check_frame("rates", rates, columns)
    if "iorb" not in rates.columns:
        raise ValueError(f"rates is missing column(s) iorb; it has: {', '.join(map(str, rates.columns))}")
    return rates


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
        haircut = 100 * self.haircut
        lines = [
            _("Repo: borrow ${cash:,.2f}M for {days} day(s) at {rate:.2f}% "
              "against collateral worth ${collateral:,.2f}M (haircut {haircut:.2f}%).").format(
                cash=self.cash, days=self.days, rate=self.rate, collateral=self.collateral_value, haircut=haircut),
            _("interest = {cash:,.2f} x {rate:.2f}% x {days}/360 = ${interest:,.4f}M "
              "(${dollars:,.0f})").format(cash=self.cash, rate=self.rate, days=self.days, interest=self.interest,
                                          dollars=1e6 * self.interest),
            _("repurchase price = ${price:,.4f}M").format(price=self.repurchase_price),
            _("collateral required at a {haircut:.2f}% haircut = ${required:,.2f}M").format(
                haircut=haircut, required=self.required_collateral),
        ]
        if self.covered:
            lines.append(_("collateral is enough; at most ${most:,.2f}M could be borrowed against it").format(
                most=self.max_cash))
        else:
            lines.append(_("NOT ENOUGH collateral: post ${shortfall:,.2f}M more, "
                           "or borrow at most ${most:,.2f}M").format(shortfall=self.shortfall, most=self.max_cash))
        if self.cushion >= 0:
            lines.append(_("lender's cushion = ${cushion:,.4f}M: the collateral can lose "
                           "{pct:.2f}% of its value before it stops covering the repurchase price").format(
                cushion=self.cushion, pct=self.cushion_pct))
        else:
            lines.append(_("lender's cushion = ${cushion:,.4f}M: the collateral already falls short "
                           "of the repurchase price by {pct:.2f}% of its value").format(
                cushion=self.cushion, pct=-self.cushion_pct))
        lines.append(_("reverse repo (the lender's side): pays ${cash:,.2f}M today, "
                       "receives ${price:,.4f}M on day {days}").format(
            cash=self.cash, price=self.repurchase_price, days=self.days))
        # the first line is the heading; the details are indented under it
        return "\n".join(lines[:1] + ["  " + line for line in lines[1:]])


def repo_trade(cash: float, collateral_value: float, haircut: float, rate: float, days: int) -> RepoTrade:
    """Build a validated :class:`RepoTrade`.

    Parameters: ``cash`` > 0 and ``collateral_value`` > 0 ($ millions, at most a million million);
    ``haircut`` a fraction in [0, 1); ``rate`` percent a year in [-5, 50]; ``days`` a whole number
    from 1 to 730. Posting too little collateral is allowed (the trade reports the shortfall, as a
    margin call would).
    """
    cash = check_number("cash", cash, lo=0, open_lo=True, hi=1e12, allowed="a number > 0 ($ millions)")
    collateral_value = check_number("collateral_value", collateral_value, lo=0, open_lo=True, hi=1e12,
                                    allowed="a number > 0 ($ millions)")
    haircut = check_number("haircut", haircut, lo=0, hi=1, open_hi=True,
                           allowed="a fraction in [0, 1), e.g. 0.02 for 2 %")
    rate = check_number("rate", rate, lo=-5, hi=50, allowed="percent a year from -5 to 50, e.g. 4.3")
    days = check_int("days", days, 1, MAX_TERM_DAYS)
    return RepoTrade(cash, collateral_value, haircut, rate, days)


def check_trade(trade) -> RepoTrade:
    """``trade`` if it is a :class:`RepoTrade` (built with :func:`repo_trade`)."""
    if not isinstance(trade, RepoTrade):
        raise TypeError(f"trade must be a RepoTrade (from repo_trade(...)), got {type(trade).__name__}")
    return trade


def repo_cashflows(trade: RepoTrade) -> pd.DataFrame:
    """Cash and collateral moves of both sides at the start (day 0) and at maturity, $ millions.

    Positive = received. The cash borrower does a *repo*; the cash lender does a *reverse repo*.
    Each leg nets to zero across the two sides; over the whole trade the lender gains the interest.
    """
    trade = check_trade(trade)
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
    trade = check_trade(trade)
    max_fall_pct = check_number("max_fall_pct", max_fall_pct, lo=0, open_lo=True, hi=100,
                                allowed="percent in (0, 100]")
    points = check_int("points", points, 2, 2000)
    fall = np.linspace(0.0, max_fall_pct, points)
    value = trade.collateral_value * (1 - fall / 100)
    return pd.DataFrame({"fall_pct": fall, "collateral_value": value,
                         "cushion": value - trade.repurchase_price})


# ---------------------------------------------------------------------------
# The rate corridor and stress spreads
# ---------------------------------------------------------------------------
_RATE_COLS = ("target_lower", "target_upper", "effr", "sofr", "iorb")


def corridor_weekly(rates: pd.DataFrame, start: str = "2018-04-01") -> pd.DataFrame:
    """Weekly (weeks ending Wednesday) corridor from the daily ``policy_rates`` table, percent.

    Columns: ``target_lower`` (lowest in the week), ``target_upper`` (highest in the week: a week
    with a rate decision shows the range spanning both settings), ``iorb``, ``effr``, ``sofr``
    (weekly means of the days published) and ``sofr_high`` (the week's highest SOFR, so one-day
    spikes such as 2019-09-17 stay visible). ``start`` must be on or before the table's last day.
    """
    rates = check_rates(rates, _RATE_COLS[:4])
    start_ts = check_date("start", start, hi=rates.index[-1])
    d = rates.loc[rates.index >= start_ts, list(_RATE_COLS)]
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
    rates = check_rates(rates, ("sofr", "target_upper"))
    d = rates.loc[rates["sofr"].notna(), ["sofr", "iorb", "target_upper"]]
    use_iorb = (d.index >= IORB_START) & d["iorb"].notna()
    bench = np.where(use_iorb, d["iorb"], d["target_upper"])
    out = pd.DataFrame({
        "spread_bp": ((d["sofr"] - bench) * 100).round(2),
        "benchmark": np.where(use_iorb, "IORB", "top of target range"),
        "sofr": d["sofr"],
    }, index=d.index)
    if out["spread_bp"].isna().all():
        raise ValueError("rates has no day with both SOFR and a ceiling (IORB or target_upper); "
                         "allowed: the policy_rates table or a slice of it from 2018-04-03 on")
    return out


def corridor_stats(rates: pd.DataFrame) -> pd.DataFrame:
    """Per calendar year, on days SOFR is published: ``days``, percent of days SOFR was above the top
    of the target range (``above_top_pct``) and above IORB (``above_iorb_pct``, days with IORB only),
    and the largest SOFR - IORB and SOFR - top spreads (bp)."""
    rates = check_rates(rates, ("sofr", "target_upper"))
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


_WEEKLY_STRESS_COLS = ("mean_bp", "high_bp", "benchmark")


def stress_notes(weekly: pd.DataFrame, items: list[tuple[str, str]]) -> pd.DataFrame:
    """Place annotations on the weekly stress chart: for each ``(date, label)`` the week that holds
    the date, its benchmark and its highest spread (bp) as ``y``. Returns date, benchmark, y, label."""
    weekly = check_frame("weekly", weekly, _WEEKLY_STRESS_COLS)
    if isinstance(items, (str, bytes)) or not isinstance(items, (list, tuple)):
        raise TypeError(f"items must be a list of (date, label) pairs, got {type(items).__name__}")
    if not items:
        raise ValueError("items is empty; allowed: at least one (date, label) pair such as ('2019-09-17', 'spike')")
    rows = []
    for i, item in enumerate(items):
        if not (isinstance(item, (list, tuple)) and len(item) == 2 and isinstance(item[1], str)):
            raise TypeError(f"each entry of items must be a (date, label) pair, got {item!r}")
        try:
            day = check_date(f"items[{i}][0]", item[0])
        except (TypeError, ValueError) as exc:
            raise ValueError(f"date {item[0]!r} in items is not a date; allowed: e.g. '2019-09-17' ({exc})") from None
        week = day + pd.offsets.Week(weekday=2, n=0)  # the Wednesday ending that week
        if week not in weekly.index:
            raise ValueError(f"date {item[0]!r} in items falls outside the weekly data "
                             f"({weekly.index.min().date()} to {weekly.index.max().date()})")
        row = weekly.loc[week]
        if pd.isna(row["high_bp"]):
            raise ValueError(f"date {item[0]!r} in items falls in a week of weekly with no high_bp value")
        rows.append({"date": week, "benchmark": row["benchmark"], "y": float(row["high_bp"]), "label": item[1]})
    return pd.DataFrame(rows, columns=["date", "benchmark", "y", "label"])


def spread_vs_reserves(rates: pd.DataFrame, fed: pd.DataFrame) -> pd.DataFrame:
    """Weekly reserves against the SOFR - IORB spread, from 2021-07-29.

    Reserves (WRESBAL) are week averages for the week ending Wednesday, so the spread is the mean
    of the daily SOFR - IORB values of the same seven days. Columns: ``reserves`` and
    ``reserves_plus_on_rrp`` ($ billions), ``share_pct`` (reserves as percent of Fed total assets),
    ``on_rrp`` ($ billions), ``spread_bp`` (bp), ``year``.
    """
    fed = check_frame("fed", fed, ("reserves", "total_assets", "on_rrp"), numeric=True)
    daily = stress_spread(rates)
    daily = daily.loc[daily["benchmark"] == "IORB", "spread_bp"]
    weekly = daily.resample("W-WED").mean().rename("spread_bp")
    out = fed[["reserves", "total_assets", "on_rrp"]].join(weekly, how="inner").dropna()
    if out.empty:
        raise ValueError("rates and fed share no week with SOFR, IORB, reserves, total assets and ON RRP; "
                         "allowed: the policy_rates and fed_balance_sheet tables from 2021-07-29 on")
    out["reserves_plus_on_rrp"] = out["reserves"] + out["on_rrp"]
    out["share_pct"] = 100 * out["reserves"] / out["total_assets"]
    out["year"] = out.index.year
    out.index.name = "date"
    cols = ["reserves", "share_pct", "on_rrp", "reserves_plus_on_rrp", "spread_bp", "year"]
    return out[cols].round({"reserves": 1, "share_pct": 2, "on_rrp": 1, "reserves_plus_on_rrp": 1,
                            "spread_bp": 2})


# ---------------------------------------------------------------------------
# Binned medians and the knee fit
# ---------------------------------------------------------------------------
def _xy(x, y) -> tuple[np.ndarray, np.ndarray]:
    """Paired numbers from ``x`` and ``y`` (lists, arrays or Series of the same rows); non-finite pairs dropped."""
    xs, ys = [], []
    for name, v in (("x", x), ("y", y)):
        if isinstance(v, (str, bytes, pd.DataFrame, dict)) or not hasattr(v, "__len__"):
            raise TypeError(f"{name} must be a sequence of numbers (list, array or Series), got {type(v).__name__}")
        try:
            arr = np.asarray(v, dtype=float)
        except (TypeError, ValueError, OverflowError) as exc:
            raise TypeError(f"{name} must hold numbers only ({exc})") from exc
        if arr.ndim != 1:
            raise ValueError(f"{name} must be one-dimensional, got shape {arr.shape}")
        (xs if name == "x" else ys).append(arr)
    xa, ya = xs[0], ys[0]
    if len(xa) != len(ya):
        raise ValueError(f"x and y must have the same length, got {len(xa)} and {len(ya)}")
    if isinstance(x, pd.Series) and isinstance(y, pd.Series) and not x.index.equals(y.index):
        raise ValueError("x and y are Series with different indexes (other rows or another order); allowed: "
                         "two columns of one table, e.g. pairs['reserves'] and pairs['spread_bp']")
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
    if g.empty:
        raise ValueError(f"no bin of width={width:g} holds min_count={min_count} points; "
                         "allowed: a wider width or a smaller min_count")
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


def check_fits(fits) -> dict:
    """``fits``: a dict mapping ``"reserves"`` and ``"share_pct"`` to a :class:`KneeFit` (from :func:`fit_knee`)."""
    if not isinstance(fits, dict):
        raise TypeError(f"fits must be a dict of KneeFit for 'reserves' and 'share_pct', got {type(fits).__name__}")
    for col in ("reserves", "share_pct"):
        if col not in fits:
            raise ValueError(f"fits has no entry {col!r}; allowed: {{'reserves': fit_knee(...), "
                             "'share_pct': fit_knee(...)}")
        if not isinstance(fits[col], KneeFit):
            raise TypeError(f"fits[{col!r}] must be a KneeFit (from fit_knee), got {type(fits[col]).__name__}")
    return fits


# ---------------------------------------------------------------------------
# Overnight loans versus permanent purchases
# ---------------------------------------------------------------------------
_PATH_COLS = ("overnight_repo", "permanent_purchase")


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


def check_paths(paths) -> pd.DataFrame:
    """``paths`` if it is a table like :func:`injection_paths` makes (``day`` and both paths, numbers)."""
    return check_frame("paths", paths, ("day",) + _PATH_COLS, dated=False, numeric=True)


def reserve_days(paths: pd.DataFrame) -> pd.Series:
    """Sum of reserves added over the window, "$ billion-days", per column of :func:`injection_paths`."""
    paths = check_frame("paths", paths, _PATH_COLS, dated=False, numeric=True)
    return paths[list(_PATH_COLS)].sum().rename("$ billion-days")


# ---------------------------------------------------------------------------
# Sourced Standing Repo Facility figures
# ---------------------------------------------------------------------------
_AMOUNT = re.compile(r"\$\s*([0-9]+(?:\.[0-9]+)?)\s*B\b")


def srf_records(events: pd.DataFrame) -> pd.DataFrame:
    """Standing Repo Facility usage figures from the ``policy_events`` stress rows, $ billions.

    Returns ``amount_bn`` (parsed from ``key_numbers``), ``description``, ``checked``, ``caveat``
    and ``source_url`` for each stress event whose key numbers mention the SRF.
    """
    events = check_frame("events", events, ("kind", "key_numbers", "description", "checked", "source_url"))
    if "caveat" not in events.columns:  # often empty: its values are not required
        raise ValueError(f"events is missing column(s) caveat; it has: {', '.join(map(str, events.columns))}")
    rows = events[(events["kind"] == "stress") & events["key_numbers"].fillna("").astype(str).str.contains("SRF")]
    amounts = rows["key_numbers"].map(lambda s: float(m.group(1)) if (m := _AMOUNT.search(s)) else np.nan)
    if amounts.isna().all():
        raise ValueError("events has no stress row whose key_numbers give an SRF amount (e.g. 'SRF $50.35B'); "
                         "allowed: the policy_events table")
    out = rows[["description", "checked", "caveat", "source_url"]].copy()
    out.insert(0, "amount_bn", amounts)
    return out
