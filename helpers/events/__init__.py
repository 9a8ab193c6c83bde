"""Policy events and event studies: pivots, forward returns, base rates, seasonality, QE/QT phases.

Used by lesson 04 ("Historical pivots"); :func:`policy_phases` also by every chart that shades QE
and QT. Its inputs come from one place, :func:`inputs` (the event table, the target range and the
markets' daily closes from the snapshot). Rooms:

* ``_inputs``: :func:`inputs`, and each asset's closes and base-rate windows (cached with
  :func:`helpers.data.memo`);
* ``_compute``: the names (:data:`ASSETS`, :data:`PIVOT_SETS`, ...) and the computations on frames
  (forward returns, percentiles, monthly returns, the bootstrap interval); no loading, no charts;
* ``_pivots``, ``_study``, ``_seasonality``: the same computations by name (an asset, a pivot set),
  on the frames of :func:`inputs`;
* ``_phases``: :func:`policy_phases`;
* ``_charts``: every ``*_chart``, drawing a frame it is given;
* ``_reports``: :func:`study_report`, the text the lesson's widget prints.

Statistical choices, stated once here and in the lesson:

* **Returns** are simple returns, ``price_end / price_start - 1``, as a *fraction* (0.25 = +25 %)
  unless a name ends in ``_pct`` (then percent).
* **Prices**: daily closes from the snapshot's ``markets`` table (BTC and ETH every calendar day,
  UTC close; S&P 500 and Nasdaq on trading days).
* **Alignment**: a window that starts on date *d* uses the first close **on or after** *d*, and ends
  at the first close on or after *d* + *N* calendar months (``pandas.DateOffset(months=N)``, so
  31 Jan + 1 month = 28/29 Feb). If *d* is before the asset's first close, or *d* + *N* months is
  after its last close, the return is NaN: the window is not in the data.
* **Base rate**: the returns of *every* window of the same length that fits in the asset's
  history, one starting on each day the asset has a close. These windows overlap, so they are not
  independent observations; they describe what "a random N-month window" looked like.
* **Percentile** of an event: the share of all same-length windows with a lower return, counting
  ties as half (mid-rank), in percent (0-100).
* **Chance of k-of-n positive**: treats the n events as independent random draws from the base
  distribution (a generous simplification: nearby events overlap) and uses the binomial formula.
* **Seasonality**: month-end to month-end returns of complete calendar months; the interval for
  each calendar month's mean is a percentile bootstrap (resampling the years with replacement,
  fixed seed), 100 to 10,000 draws.
"""
from __future__ import annotations

from helpers.events._charts import (
    after_chart, base_histogram_chart, explorer_chart, seasonality_chart, shift_chart, timeline_chart,
)
from helpers.events._compute import (
    ASSETS, BASES, HORIZONS, KINDS, MAX_REPS, PIVOT_SETS, POLICY_KINDS, STANCES, bootstrap_mean_interval,
    chance_at_least, effective_date, forward_return, monthly_returns, percentile_of, window_returns,
)
from helpers.events._inputs import EventInputs, inputs
from helpers.events._phases import policy_phases
from helpers.events._pivots import event_table, pivot_set, rate_turns, table_pivots
from helpers.events._reports import study_report
from helpers.events._seasonality import season_contrast, seasonality
from helpers.events._study import (
    base_distribution, base_rate, event_study, explorer_data, out_of_sample_table, precompute, prices,
    return_since, selection_table, shift_curve, study_summary,
)

__all__ = [
    "inputs",
    "EventInputs",
    "policy_phases",
    "ASSETS",
    "HORIZONS",
    "KINDS",
    "STANCES",
    "BASES",
    "POLICY_KINDS",
    "PIVOT_SETS",
    "MAX_REPS",
    "event_table",
    "effective_date",
    "table_pivots",
    "rate_turns",
    "pivot_set",
    "prices",
    "forward_return",
    "window_returns",
    "base_distribution",
    "percentile_of",
    "base_rate",
    "chance_at_least",
    "event_study",
    "study_summary",
    "study_report",
    "shift_curve",
    "selection_table",
    "return_since",
    "out_of_sample_table",
    "explorer_data",
    "monthly_returns",
    "bootstrap_mean_interval",
    "seasonality",
    "season_contrast",
    "precompute",
    "timeline_chart",
    "base_histogram_chart",
    "explorer_chart",
    "shift_chart",
    "after_chart",
    "seasonality_chart",
]
