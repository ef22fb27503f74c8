"""The spam filter against a reference model, in the three protocols of issue 14, on a throwaway database.

    .venv/bin/python benchmarks/spam_filter.py            # or: make spam-benchmark
    .venv/bin/python benchmarks/spam_filter.py --json     # one JSON object, a report per protocol
    .venv/bin/python benchmarks/spam_filter.py --only stream --text-only

Each protocol is one ``manage.py spam_benchmark ... --baseline`` run (see that
command for the figures, the baseline and its bands, by default at the
product's own ham -> spam and queue; ``--baseline-bands calibrated`` for the
baseline's own calibration, as it would run live):

``lovo``
    The TubeSpam collection (``../shared/datasets/tubespam``, outside the
    project), leave one video out. Text only.
``stream``
    The article-style comments this project wrote (``benchmarks/data``), in
    order, learned as they are judged, from an empty filter.
``bootstrap-stream``
    All of TubeSpam learned first (a new site that imported a starter
    corpus), then the article-style comments as in ``stream``.

On the article-style files the filter is also given what each comment is on
(the ``ARTICLE`` column) and, unless ``--text-only``, the name and website
the commenter gave (``AUTHOR``, ``URL``), as a site would; the baseline
reads the text only. Without the TubeSpam collection the protocols that need
it are skipped with a message; nothing of it is copied into the project.
"""

import argparse
import io
import json
from pathlib import Path

from scratch import ROOT, on_scratch_database

ARTICLES = sorted(str(path) for path in (ROOT / "benchmarks" / "data").glob("article_comments_*.csv"))
PROTOCOLS = ["lovo", "stream", "bootstrap-stream"]


def arguments(protocol, *, tubespam, text_only):
    """The ``spam_benchmark`` arguments of ``protocol``, or ``None`` when its files are not there."""
    identity = [] if text_only else ["--author-column", "AUTHOR", "--url-column", "URL"]
    if protocol == "lovo":
        return [*tubespam, "--mode", "lovo"] if tubespam else None
    if protocol == "stream":
        return [*ARTICLES, "--mode", "stream", *identity]
    return [*ARTICLES, "--mode", "stream", "--bootstrap", *tubespam, *identity] if tubespam else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tubespam", default=str(ROOT.parent / "shared" / "datasets" / "tubespam"), metavar="DIR")
    parser.add_argument("--only", choices=PROTOCOLS, action="append", help="run this protocol only (repeatable)")
    parser.add_argument("--text-only", action="store_true", help="do not give the filter the AUTHOR and URL columns")
    parser.add_argument(
        "--baseline-bands",
        choices=["matched", "calibrated"],
        default="matched",
        help="the reference model's bands: at the product's operating point (default) or its own calibration",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    args = parser.parse_args()

    on_scratch_database(run, args, prefix="newsroom-spam-filter-")


def run(args):
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    tubespam = sorted(str(path) for path in Path(args.tubespam).glob("*.csv"))
    reports = {}
    for protocol in args.only or PROTOCOLS:
        command = arguments(protocol, tubespam=tubespam, text_only=args.text_only)
        if command is None:
            message = f"{protocol}: skipped, no TubeSpam CSV files in {args.tubespam} (--tubespam DIR)."
            reports[protocol] = {"skipped": message}
            if not args.json:
                print(message, end="\n\n", flush=True)
            continue
        out = io.StringIO()
        baseline = ["--baseline", "--baseline-bands", args.baseline_bands]
        call_command("spam_benchmark", *command, *baseline, *(["--json"] if args.json else []), stdout=out)
        if args.json:
            reports[protocol] = json.loads(out.getvalue())
        else:
            print(f"== {protocol} ==\n{out.getvalue()}", flush=True)
    if args.json:
        print(json.dumps(reports, sort_keys=True))


if __name__ == "__main__":
    main()
