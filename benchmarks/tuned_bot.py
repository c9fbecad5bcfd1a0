"""`faqbot` with another concurrent-updates bound, for bench_bot's sweep.

Run: FAQBOT_BENCH_CONCURRENT_UPDATES=16 python -m benchmarks.tuned_bot run
The bound is a tuned constant in faqbot.telegram.app, not a setting; this sets it for one
process and then runs the ordinary command line.
"""

from __future__ import annotations

import os

from faqbot.cli import main
from faqbot.telegram import app

if __name__ == "__main__":
    app.MAX_CONCURRENT_UPDATES = int(os.environ["FAQBOT_BENCH_CONCURRENT_UPDATES"])
    app.CONNECTION_POOL_SIZE = int(
        os.environ.get("FAQBOT_BENCH_POOL_SIZE", app.MAX_CONCURRENT_UPDATES)
    )
    raise SystemExit(main())
