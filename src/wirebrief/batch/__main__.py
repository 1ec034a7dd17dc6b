"""`python -m wirebrief.batch INPUT... -o OUT_DIR`, and the file `spark-submit` runs:

    spark-submit --master yarn "$(python -m wirebrief.batch --driver-path)" INPUT... -o OUT_DIR

The same command as `wirebrief batch`; Spark's master and resources come from spark-submit.
"""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--driver-path"]:
        print(__file__)
        return
    import typer

    from wirebrief.batch.cli import batch

    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    app.command()(batch)
    app(prog_name="wirebrief batch")


if __name__ == "__main__":
    main()
