"""Step 7: where a request's time goes, with pyinstrument, in-process against the bench database.

    .venv/bin/python -m bench.profile [NAME ...] [--repeat N] [--variant uncached|cached]

NAME is a measurement name from bench/results/latest.json (default: every one). Each request is
sent once to warm up, then N times under the profiler; the text tree goes to
bench/results/profiles/ and an interactive HTML page to var/bench/profiles/. Run it after
`make bench`, which prepares the database.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

from bench import config

PROFILES = config.RESULTS / "profiles"
HTML_PROFILES = config.VAR / "profiles"  # large: kept out of the repository


def _profile_in_django(names: list[str], repeat: int, variant: str) -> None:
    import django

    django.setup()
    from django.test import Client
    from pyinstrument import Profiler

    from bench import targets
    from bench.inprocess import discover

    client = Client(HTTP_HOST="127.0.0.1")
    built = {t.name: t for t in targets.build(*discover(client))}
    PROFILES.mkdir(parents=True, exist_ok=True)
    HTML_PROFILES.mkdir(parents=True, exist_ok=True)
    for name in names or list(built):
        target = built[name]

        def send(target=target):
            if target.method == "POST":
                return client.post(target.path, data=target.body, content_type="application/json")
            return client.get(target.path)

        send()
        profiler = Profiler(interval=0.0005)
        profiler.start()
        for _ in range(repeat):
            send()
        profiler.stop()
        text = profiler.output_text(unicode=True, color=False, show_all=False)
        stem = f"{variant}-{name}"
        (PROFILES / f"{stem}.txt").write_text(text, encoding="utf-8")
        (HTML_PROFILES / f"{stem}.html").write_text(profiler.output_html(), encoding="utf-8")
        seconds = profiler.last_session.duration / repeat
        print(f"{variant} {name}: {seconds * 1000:.1f} ms a request -> {PROFILES / stem}.txt")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--variant", choices=["uncached", "cached"], default="uncached")
    args = parser.parse_args()
    if os.environ.get("BENCH_PROFILE_CHILD"):
        _profile_in_django(args.names, args.repeat, args.variant)
        return 0
    env = config.mizan_env(config.Settings(), args.variant)
    env["BENCH_PROFILE_CHILD"] = "1"
    command = [config.PYTHON, "-m", "bench.profile", *sys.argv[1:]]
    return subprocess.run(command, cwd=config.ROOT, env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
