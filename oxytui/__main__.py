"""`python -m oxytui` runs the command line."""

from oxytui.cli import main

raise SystemExit(main())
