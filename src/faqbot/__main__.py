"""Allow `python -m faqbot`."""

import sys

from faqbot.cli import main

sys.exit(main())
