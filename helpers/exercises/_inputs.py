"""Where the exercise modules read the snapshot: one function, so expected answers come from the
same tables the lessons load (``helpers.load``), and no lesson module calls ``load`` itself."""
from __future__ import annotations

import pandas as pd

from helpers.data import load


def table(name: str) -> pd.DataFrame:
    """A fresh copy of one snapshot table, e.g. ``table("fed_balance_sheet")`` (see :func:`helpers.data.load`)."""
    return load(name)
