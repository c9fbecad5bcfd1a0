"""Allow `python -m faqbot`."""

import sys

from faqbot.cli import main

# Guarded: a process that builds the matcher in parallel (faqbot.compiling) imports this
# module again, as __mp_main__, and must not run the command.
if __name__ == "__main__":
    sys.exit(main())
