"""`python -m helpers.exercises [--check]`: write (or check) docs/solutions.md, every exercise's
solution and every quiz answer in one place for instructors."""
import argparse
import sys
from pathlib import Path

from helpers.exercises import all_solutions

TARGET = Path(__file__).resolve().parent.parent.parent / "docs" / "solutions.md"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.exercises", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if docs/solutions.md is out of date")
    args = parser.parse_args(argv)
    text = all_solutions()
    if args.check:
        if not TARGET.exists() or TARGET.read_text(encoding="utf-8") != text:
            print("docs/solutions.md is out of date: run `python -m helpers.exercises`", file=sys.stderr)
            return 1
        print("docs/solutions.md is up to date")
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote docs/solutions.md ({text.count('### Exercise')} exercises)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
