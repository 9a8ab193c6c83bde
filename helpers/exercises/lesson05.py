"""Lesson 05 exercises: drawdowns, liquidation prices, volatility sizing, staged buying, ladders.

Every expected value is computed from the data snapshot (through :mod:`helpers.risk`) when the
learner checks, never typed in.
"""
from __future__ import annotations

import math

from helpers import risk
from helpers.exercises import Choice, Exercise, Quiz, Slip, bind, number
from helpers.i18n import N_
from helpers.i18n import gettext as _

SETUP = """\
from helpers import risk
btc = risk.asset_prices("btc")
eth = risk.asset_prices("eth")
"""


def _fraction(expected, what: str, slips=(), otherwise: str | None = None):
    """A fraction within 0.005; a percent or the wrong sign gets its own message, then ``slips``.

    ``what`` (marked with ``N_`` by the caller) is put into the messages when they are shown, in the
    reader's language."""
    def percent(exp) -> str:
        return _("give {what} as a fraction (0.25 for 25 %), not in percent").format(what=_(what))

    def sign(exp) -> str:
        template = (_("check the sign: {what} is negative here") if exp < 0
                    else _("check the sign: {what} is positive here"))
        return template.format(what=_(what))

    def not_the_value(exp) -> str:
        return _("that is not {what} the data gives").format(what=_(what))

    return number(expected, rel=0.0, abs_tol=0.005, slips=[
        Slip.scaled(100, percent, abs_tol=0.5, only_if=lambda answer, exp: abs(answer) > 1.5),
        Slip.sign(sign),
        *slips,
    ], otherwise=otherwise or not_the_value)


# ---------------------------------------------------------------------------
# Exercise 1: how far below its high bitcoin stood at its last close
# ---------------------------------------------------------------------------
def _btc_drawdown_now() -> float:
    return float(risk.drawdown(risk.asset_prices("btc")).iloc[-1])


def _q1_explain() -> str:
    btc = risk.asset_prices("btc")
    dd = _btc_drawdown_now()
    return _("on {day:%Y-%m-%d} bitcoin closed {below:.0%} below its highest close so far "
             "(${high:,.0f} on {high_day:%Y-%m-%d}); getting back needs a rise of "
             "{rise:+.0%}. The drawdown table lists only the deepest past episodes, so "
             "the current one does not appear there.").format(
        day=btc.index[-1], below=-dd, high=btc.max(), high_day=btc.idxmax(), rise=1 / (1 + dd) - 1)


# ---------------------------------------------------------------------------
# Exercise 2: a liquidation price
# ---------------------------------------------------------------------------
Q2_ENTRY, Q2_LEVERAGE, Q2_MAINTENANCE = 60_000.0, 20, 0.005


def _q2_expected() -> float:
    return risk.liquidation_price(Q2_ENTRY, Q2_LEVERAGE, "long", Q2_MAINTENANCE)


# ---------------------------------------------------------------------------
# Exercise 3: sizing a position by volatility, with a different window
# ---------------------------------------------------------------------------
Q3_TARGET, Q3_WINDOW = 0.20, 60


def _q3_weight(window_days: int, target: float = Q3_TARGET) -> float:
    vol = float(risk.rolling_volatility(risk.asset_prices("btc"), window_days, 365).iloc[-1])
    return min(1.0, target / vol)


def _volatility_of(weight: float) -> float:
    """The volatility behind a weight below the cap (NaN at the cap: then it cannot be told)."""
    return Q3_TARGET / weight if 0 < weight < 1 else math.nan


def _q3_explain() -> str:
    btc = risk.asset_prices("btc")
    w60, w90 = _q3_weight(60), _q3_weight(90)
    if w60 < w90:
        template = _("about {w60:.0%} of the portfolio on {day:%Y-%m-%d}, against {w90:.0%} with the "
                     "90-day window: the lower weight comes from more volatile recent weeks. The rule is "
                     "only as steady as the window you choose.")
    else:
        template = _("about {w60:.0%} of the portfolio on {day:%Y-%m-%d}, against {w90:.0%} with the "
                     "90-day window: the higher weight comes from less volatile recent weeks. The rule is "
                     "only as steady as the window you choose.")
    return template.format(w60=w60, w90=w90, day=btc.index[-1])


# ---------------------------------------------------------------------------
# Exercise 4: staged buying over every start date
# ---------------------------------------------------------------------------
def _q4_share(asset: str, tranches: int = 4) -> float:
    out = risk.staged_vs_lump(risk.asset_prices(asset), tranches=tranches, spacing_days=7, horizon_days=365)
    return float((out["diff"] > 0).mean())


def _q4_expected() -> float:
    return _q4_share("eth")


# ---------------------------------------------------------------------------
# Exercise 5: your own ladder
# ---------------------------------------------------------------------------
Q5 = dict(levels=(0.3, 1.0), fractions=(1 / 3, 1 / 3), trail=0.25, stop_from="last_level",
          horizon_days=365, entry_every_days=7)


def _q5_outcomes():
    return risk.ladder_outcomes(risk.asset_prices("btc"), **Q5)


def _q5_expected() -> float:
    d = _q5_outcomes()["diff"]
    return float((d > 1e-12).mean())


def _q5_with_ties() -> float:
    d = _q5_outcomes()["diff"]
    return float((d >= -1e-12).mean())


EXERCISES = bind(globals(), [
    Exercise(
        prompt=N_("At bitcoin's last close in the snapshot, how far below its highest close so far was it? "
                  "Answer as a negative fraction (e.g. -0.5 for 50 % below the high)."),
        checker=_fraction(_btc_drawdown_now, N_("the drawdown at the last close"), slips=[
            Slip(lambda: risk.max_drawdown(risk.asset_prices("btc")),
                 N_("that is the deepest drawdown in the whole history; the question asks for the drawdown on the "
                    "last day: take the last value, not the smallest")),
        ]),
        hint_text=N_("risk.drawdown(btc) gives the drawdown on every day (close ÷ running high − 1). The last close "
                     "is the last row: .iloc[-1]."),
        solution_code="answer = risk.drawdown(btc).iloc[-1]",
        explain=_q1_explain,
    ),
    Exercise(
        prompt=N_("A trader opens a 20x isolated-margin long in bitcoin at $60,000 with a maintenance margin of "
                  "0.5 %. At what price (USD) is the position liquidated? Ignore fees and funding."),
        checker=number(_q2_expected, rel=0.0005, slips=[
            Slip(Q2_ENTRY * (1 - 1 / Q2_LEVERAGE),
                 N_("that ignores the maintenance margin: divide by (1 - maintenance) as well"), rel=0.0, abs_tol=1.0),
            Slip.when(lambda answer, expected: answer > Q2_ENTRY,
                      N_("a long is liquidated when the price falls: the answer is below the entry price")),
        ], otherwise=N_("not yet: use the long formula with leverage 20 and maintenance 0.005")),
        hint_text=N_("Long: P_liq = entry × (1 − 1/leverage) / (1 − maintenance). Or call "
                     "risk.liquidation_price(60_000, 20, 'long', 0.005)."),
        solution_code="answer = risk.liquidation_price(60_000, 20, side='long', maintenance=0.005)",
        explain=lambda: _("${price:,.0f}: a fall of only {fall:.1%} wipes out the "
                          "margin. Bitcoin has often moved that much within a single day.").format(
            price=_q2_expected(), fall=1 - _q2_expected() / Q2_ENTRY),
    ),
    Exercise(
        prompt=N_("Section 6 sized positions with 90-day volatility. Measure bitcoin's volatility over the last "
                  "60 days instead (365 periods a year), up to its last close in the snapshot. What fraction of the "
                  "portfolio would you put in bitcoin for a 20 % volatility target (at most 1)? Predict first: "
                  "more or less than the 90-day weight in the table?"),
        checker=_fraction(lambda: _q3_weight(Q3_WINDOW), N_("the weight"), slips=[
            Slip(lambda: _q3_weight(90),
                 N_("that uses the 90-day window of section 6; measure volatility over 60 days")),
            Slip(lambda: _q3_weight(30), N_("that uses a 30-day window; measure volatility over 60 days")),
            Slip.derived(_volatility_of, N_("that is the volatility itself; the weight is the target divided by it")),
        ], otherwise=N_("not yet: weight = 0.20 ÷ (bitcoin's 60-day volatility at the last close), at most 1")),
        hint_text=N_("risk.rolling_volatility(btc, 60, 365) gives the rolling 60-day volatility; its last value, "
                     ".iloc[-1], is the one at the last close. The weight is the target divided by it, at most 1."),
        solution_code=("vol_60 = risk.rolling_volatility(btc, window_days=60, periods=365).iloc[-1]\n"
                       "answer = min(1.0, 0.20 / vol_60)"),
        explain=_q3_explain,
    ),
    Exercise(
        prompt=N_("Switch the asset: for ether, on what share of all start dates did buying in 4 weekly tranches "
                  "end up ahead of a lump sum, with both valued 365 days after the start? Predict first whether "
                  "it is more or less often than for bitcoin in the table, then compute. Answer as a fraction."),
        checker=_fraction(_q4_expected, N_("the share of start dates"), slips=[
            Slip(lambda: _q4_share("btc"),
                 N_("that is bitcoin's share; pass eth (ether's closes) to risk.staged_vs_lump")),
            Slip.complement(N_("that is the share where the lump sum did better; count start dates with diff > 0")),
        ]),
        hint_text=N_("risk.staged_vs_lump(eth, tranches=4, spacing_days=7, horizon_days=365) gives one row per start "
                     "date; the 'diff' column is staged minus lump. What share of it is above zero?"),
        solution_code=("out = risk.staged_vs_lump(eth, tranches=4, spacing_days=7, horizon_days=365)\n"
                       "answer = (out['diff'] > 0).mean()"),
        explain=lambda: _("{eth:.0%} of start dates for ether, against {btc:.0%} for "
                          "bitcoin: close to a coin toss for both. Staging changes *when* you take the risk, so it "
                          "helps on some start dates and hurts on others.").format(
            eth=_q4_expected(), btc=_q4_share("btc")),
    ),
    Exercise(
        prompt=N_("Build your own ladder for bitcoin: sell a third of the position at +30 %, another third at "
                  "+100 %, and put a 25 % trailing stop on the rest once the last level is reached. With weekly "
                  "entries and a 365-day horizon, on what share of entries did the ladder end *strictly* ahead "
                  "of holding? Answer as a fraction."),
        checker=_fraction(_q5_expected, N_("the share of entries"), slips=[
            Slip(_q5_with_ties, N_("that counts ties (no level or stop reached) as wins: count only diff > 0")),
        ]),
        hint_text=N_("risk.ladder_outcomes(btc, levels=[0.3, 1.0], fractions=[1/3, 1/3], trail=0.25, "
                     "stop_from='last_level', horizon_days=365, entry_every_days=7) returns a 'diff' column "
                     "(ladder minus hold). Count the share above zero."),
        solution_code=("out = risk.ladder_outcomes(btc, levels=[0.3, 1.0], fractions=[1/3, 1/3], trail=0.25,\n"
                       "                           stop_from='last_level', horizon_days=365, entry_every_days=7)\n"
                       "answer = (out['diff'] > 0).mean()"),
        explain=lambda: _("{share:.0%} of entries. Compare risk.ladder_summary(out) with the default "
                          "ladder: higher levels sell less often, so the ladder behaves more like holding.").format(
            share=_q5_expected()),
    ),
])


quiz = Quiz(
    N_("Check yourself"),
    [
        Choice(
            N_("Why does the lesson annualise crypto volatility with √365 but equity volatility with √252?"),
            [N_("Crypto is riskier, so it gets a bigger multiplier"),
             N_("Crypto trades every calendar day; stock exchanges open on about 252 days a year"),
             N_("It is a convention with no reason behind it")],
            1,
            [
                N_("The multiplier is not a risk penalty: it only counts how many daily returns fit in a year."),
                N_("Right: annualising multiplies daily volatility by the square root of the number of daily "
                   "returns in a year, and that number differs."),
                N_("There is a reason: the count of trading days in a year."),
            ],
        ),
        Choice(
            N_("Tested over every start date, what did buying bitcoin in 2–4 weekly tranches do compared "
               "with a lump sum?"),
            [N_("It beat the lump sum on almost every start date"),
             N_("It won on some start dates and lost on others; the median difference was close to zero"),
             N_("It always lost, because cash earns nothing while waiting")],
            1,
            [
                N_("The histogram shows many start dates on both sides of zero."),
                N_("Right: staging changes when you take the risk. It protects against buying just before a "
                   "fall and costs you when prices rise while you wait."),
                N_("It lost a little more often than it won, but far from always."),
            ],
        ),
        Choice(
            N_("The lesson counts liquidations from daily closing prices. Compared with what an exchange "
               "would have done, these counts are probably…"),
            [N_("too high"), N_("about right"), N_("too low")],
            2,
            [
                N_("Daily closes hide the lows and highs within each day, so they miss liquidations rather "
                   "than invent them."),
                N_("Exchanges watch a mark price continuously; a close-only view misses intraday spikes."),
                N_("Right: a position can be liquidated by an intraday low that has recovered by the close. "
                   "Checking weekly instead of daily already removes many liquidations."),
            ],
        ),
        Choice(
            N_("What is a liquidation cascade?"),
            [N_("A fee that exchanges charge on leveraged positions"),
             N_("Forced selling from liquidated longs pushes the price down, which triggers the next "
                "liquidations, and so on"),
             N_("A rule that closes all positions at midnight")],
            1,
            [
                N_("Fees exist, but a cascade is about forced trades feeding on each other."),
                N_("Right: liquidations are market orders; in a thin order book they move the price to the "
                   "next cluster of liquidation prices."),
                N_("No such rule; liquidations happen whenever the margin runs out."),
            ],
        ),
        Choice(
            N_("One article says large liquidations 'clear out weak hands' and make the market healthier. "
               "What can this course's data say about that?"),
            [N_("It confirms the claim"), N_("It refutes the claim"),
             N_("Nothing directly: it has no liquidation, open-interest or funding data")],
            2,
            [
                N_("The snapshot holds daily prices only; it cannot see who was liquidated."),
                N_("The snapshot cannot refute it either."),
                N_("Right: testing it would need exchange records of liquidations and open interest, and "
                   "returns after many such events compared with a base rate (as in lesson 04)."),
            ],
        ),
    ],
)
