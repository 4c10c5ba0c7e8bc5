"""The command line (`ftready`, `python -m ftready`): a front end over the core, like the app and the reports.

`main.py` parses the top-level flags and dispatches; `report.py` runs the headless report; `explain.py`,
`pricing.py` and `clean.py` are the subcommands; `common.py` holds the parser class and the progress display they
share. The only other front end this package starts is the app, through `ftready.tui.run_app`.
"""

from ftready.cli.main import main

__all__ = ["main"]
