"""Lesson 06 exercises: the expected values and the feedback for common slips.

(Solutions, blanks, odd answers and the quiz are tested for every lesson in test_exercises.py.)
"""
from helpers import scenarios as sc
from helpers.exercises import lesson06 as ex


def test_q1_catches_sign_slips():
    assert ex.q1.check(27.0).correct  # 48 − 20 − (−6) − 7
    assert "ON RRP" in ex.q1.check(15.0).message  # ON RRP fall added with the wrong sign
    assert "currency" in ex.q1.check(41.0).message
    assert "TGA" in ex.q1.check(67.0).message
    assert not ex.q1.check(90.0).correct


def test_q2_catches_level_and_gross_purchases():
    path = sc.liquidity_path(sc.Scenario(purchase_pace=60.0, purchase_months=6, tga_target=1000.0, tga_weeks=8))
    assert ex.q2.expected() == float(path["reserves"].iloc[-1] - path["reserves"].iloc[0])
    assert "level" in ex.q2.check(float(path["reserves"].iloc[-1])).message
    assert "TGA" in ex.q2.check(360.0).message


def test_q3_share_of_weeks_in_long_spells():
    long = sc.regime_spells(26)
    share = long["weeks"].sum() / len(sc.weekly_btc())
    assert ex.q3.check(float(share)).correct
    assert "percent" in ex.q3.check(float(share) * 100).message
    short = sc.regime_spells(13)["weeks"].sum() / len(sc.weekly_btc())
    assert "13 weeks" in ex.q3.check(float(short)).message
    assert "number of spells" in ex.q3.check(len(long)).message
    assert "number of weeks" in ex.q3.check(int(long["weeks"].sum())).message


def test_q4_percent_and_default_slips():
    drift = sc.run_scenario(history_drift=True, seed=6, levels=(100_000,)).table.iloc[0, 0]
    plain = sc.run_scenario(seed=6, levels=(100_000,)).table.iloc[0, 0]
    assert ex.q4.check(float(drift) + 0.5).correct
    assert "percent" in ex.q4.check(float(drift) / 100).message
    assert "default" in ex.q4.check(float(plain)).message


def test_q5_tga_build_against_the_default():
    new = sc.run_scenario(sc.Scenario(tga_target=1100.0), seed=6).median_end
    default = sc.run_scenario(seed=6).median_end
    assert ex.q5.check(new - default).correct
    assert "sign" in ex.q5.check(default - new).message
    assert "median itself" in ex.q5.check(new).message
    assert "TGA" in ex.q5.check(0.0).message
