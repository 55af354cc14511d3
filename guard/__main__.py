"""Allow `python -m guard` as an alias of the `vigie` console script."""

from guard.cli import main

raise SystemExit(main())
