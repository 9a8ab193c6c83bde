"""Valid calls of helpers.stats: weekly-sized daily returns from the snapshot's markets table."""
from helpers import stats


def _returns(t):
    """Log returns of bitcoin and the S&P 500 on their common days, last 300 (sized like the lessons' weekly data)."""
    return stats.common_day_returns(t.load("markets")[["btc", "sp500"]]).tail(300)


def _xy(t):
    r = _returns(t)
    return {"x": r["btc"], "y": r["sp500"]}


EXAMPLES = {
    "log_returns": lambda t: {"prices": t.load("markets")[["btc", "sp500"]].dropna()},
    "simple_returns": lambda t: {"prices": t.load("markets")["sp500"].dropna()},
    "common_day_returns": lambda t: {"prices": t.load("markets")[["btc", "sp500"]]},
    "correlation": _xy,
    "rolling_corr": lambda t: {**_xy(t), "window": 60},
    "fisher_ci": lambda t: {"r": 0.3, "n": 100},
    "cross_correlation": lambda t: {**_xy(t), "max_lag": 6},
    "block_permutation_indices": lambda t: {"n": 100, "block": 4, "n_draws": 99},
    "block_bootstrap_indices": lambda t: {"n": 100, "block": 4, "n_draws": 99},
    "permutation_test": lambda t: {**_xy(t), "n_perm": 199, "block": 4},
    "cross_correlation_test": lambda t: {**_xy(t), "max_lag": 4, "n_perm": 99, "block": 4},
    "bootstrap_corr_ci": lambda t: {**_xy(t), "n_boot": 199, "block": 4},
    "bootstrap_mean_ci": lambda t: {"x": _returns(t)["btc"], "n_boot": 199, "block": 4},
    "random_walks": lambda t: {"n_steps": 200, "n_series": 3},
    "spurious_correlation_experiment": lambda t: {"n_pairs": 200, "n_steps": 200},
}
