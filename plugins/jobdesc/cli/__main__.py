"""`python -m jobdesc.cli`: the `jobdesc` command."""

import sys

from . import main

sys.exit(main())
