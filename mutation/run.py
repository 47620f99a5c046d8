"""`make mutate`: run mutmut over each module of mutation/modules.toml against its own tests.

Each module gets a workspace under var/mutation/<slug>/: links to the project's code, a copy of
pyproject.toml with a [tool.mutmut] section naming the module and its tests, and a conftest.py
that gives every pytest session a copy of one migrated SQLite file (mutation/db_copy.py).
mutmut copies the workspace into its mutants/ folder and runs the tests from there, so the
project's own tree is never mutated. Every run starts from scratch: no result of an older run of
the code or the tests is kept. The results go through mutation/report.py.

    python -m mutation.run                                # every module
    python -m mutation.run --module search/normalize.py   # one module
"""

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

from mutation import ordering, report
from mutation.modules import MODULES_FILE, Module, load_modules

ROOT = report.ROOT
WORK_DIR = report.WORK_DIR
# Everything the settings and the tests import, linked into each workspace: every app of the
# project (a folder with an apps.py), so a new app needs no entry here.
PROJECT_PACKAGES = sorted(path.parent.name for path in ROOT.glob("*/apps.py"))
# manage.py too: pytest-django puts the first folder above the tests that holds one on sys.path,
# and without a copy in mutants/ that would be the project itself, whose code is not mutated.
ALSO_COPY = ["locale", "mutation", "tests", "conftest.py", "manage.py"]
SETTINGS = "cms.settings.test"


def _toml_list(values: list[str]) -> str:
    return "[" + ", ".join(f'"{value}"' for value in values) + "]"


def mutmut_config(module: Module) -> str:
    """The [tool.mutmut] section of one module's workspace."""
    return "\n".join(
        [
            "",
            "[tool.mutmut]",
            f"source_paths = {_toml_list(PROJECT_PACKAGES)}",
            f"only_mutate = {_toml_list([module.path])}",
            f"also_copy = {_toml_list(ALSO_COPY)}",
            f"pytest_add_cli_args_test_selection = {_toml_list(module.tests)}",
            # Fork each mutant from a server that has imported Django and collected the tests but
            # run none: forked from mutmut's own process, which ran every test once to see what
            # they reach, a mutant would inherit filled caches (lru_cache, local-memory caches)
            # and the mutated code behind them would never run.
            'process_isolation = "forkserver"',
            'forkserver_warmup = "collect"',
            # mutmut stops a mutant after (t + constant) x multiplier seconds, t being the tests'
            # measured time; t leaves out fixture set-up, which here can take 20 s a test on a
            # busy machine (demo content, transactional tests). With mutmut's constant of 1 s,
            # unchanged code "timed out" and counted as caught; 60 s keeps the verdict for code
            # that really runs away (it then takes at least 15 minutes to be stopped).
            "timeout_constant = 60",
            "timeout_multiplier = 15",
            # The comparison with git would re-run mutants after unrelated commits.
            "use_git_change_detection = false",
            "",
        ]
    )


def migrations_fingerprint() -> str:
    """Changes whenever a migration or a pinned requirement does: then the template is stale."""
    digest = hashlib.sha256()
    files = sorted(ROOT.glob("*/migrations/*.py")) + [ROOT / "requirements.txt"]
    for path in files:
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def clean_environment() -> dict[str, str]:
    """SQLite and local-memory caches, whatever the shell has set for other work."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "ELASTICSEARCH_URL", "MIZAN_VAR_DIR"}
    }
    env["DJANGO_SETTINGS_MODULE"] = SETTINGS
    return env


def _is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_abandoned_copies() -> None:
    """Database copies left by sessions that were killed (a timed-out mutant, Ctrl-C)."""
    for copy in WORK_DIR.glob("session-*.sqlite3*"):
        pid = copy.name.removeprefix("session-").split(".", 1)[0]
        if pid.isdigit() and not _is_running(int(pid)):
            copy.unlink(missing_ok=True)


def ensure_template() -> Path:
    """Migrate one SQLite file that every test session of every mutant copies."""
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    remove_abandoned_copies()
    template = WORK_DIR / f"template-{migrations_fingerprint()}.sqlite3"
    if template.exists():
        return template
    for stale in WORK_DIR.glob("template-*.sqlite3*"):
        stale.unlink()
    partial = template.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    env = clean_environment()
    env["DATABASE_URL"] = f"sqlite:///{partial}"
    print(f"== migrating the template test database {template.name}", flush=True)
    subprocess.run(
        ["nice", "-n", "19", sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    partial.rename(template)
    return template


def prepare_workspace(module: Module) -> Path:
    workspace = WORK_DIR / module.slug
    shutil.rmtree(workspace, ignore_errors=True)
    workspace.mkdir(parents=True)
    for name in PROJECT_PACKAGES + ["locale", "mutation", "tests"]:
        (workspace / name).symlink_to(ROOT / name, target_is_directory=True)
    (workspace / "manage.py").symlink_to(ROOT / "manage.py")
    project = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    (workspace / "pyproject.toml").write_text(project + mutmut_config(module), encoding="utf-8")
    (workspace / "conftest.py").write_text(
        '"""Written by mutation/run.py: the test database and test order of a mutation run."""\n\n'
        "from mutation.db_copy import django_db_setup  # noqa: F401\n"
        "from mutation.ordering import pytest_collection_modifyitems  # noqa: F401\n",
        encoding="utf-8",
    )
    return workspace


class MutmutFailed(Exception):
    """mutmut stopped before testing mutants: usually the unmutated tests failed."""


def run_module(module: Module, template: Path, jobs: int) -> float:
    """Run mutmut over one module; returns the wall-clock seconds it took."""
    workspace = prepare_workspace(module)
    env = clean_environment()
    env["MUTATION_DB_TEMPLATE"] = str(template)
    env[ordering.ORDER_VARIABLE] = ",".join(module.tests)
    log = WORK_DIR / f"{module.slug}.log"
    mutmut = Path(sys.executable).with_name("mutmut")
    command = ["nice", "-n", "19", str(mutmut), "run", "--max-children", str(jobs)]
    print(f"== {module.path}: mutmut against {', '.join(module.tests)} (log: {log})", flush=True)
    started = time.monotonic()
    with log.open("w", encoding="utf-8") as output:
        completed = subprocess.run(
            command, cwd=workspace, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    seconds = time.monotonic() - started
    if completed.returncode != 0:
        # mutmut's spinner writes a line per tick, each starting with a Braille pattern.
        text = log.read_text(encoding="utf-8", errors="replace").replace("\r", "\n")
        lines = [
            line
            for line in text.splitlines()
            if line.strip() and not "\u2800" <= line.lstrip()[:1] <= "\u28ff"
        ]
        raise MutmutFailed(f"mutmut failed on {module.path} (exit {completed.returncode}):", lines)
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--module", help="one module path from mutation/modules.toml")
    parser.add_argument(
        "--tests",
        help="comma-separated: only these of the module's listed test files (the result says so)",
    )
    parser.add_argument(
        "--jobs", type=int, default=int(os.environ.get("MUTATE_JOBS", "1")), help="mutants at once"
    )
    arguments = parser.parse_args(argv)
    modules = load_modules()
    if arguments.module:
        modules = [module for module in modules if module.path == arguments.module]
        if not modules:
            known = ", ".join(module.path for module in load_modules())
            parser.error(f"{arguments.module} is not in {MODULES_FILE.name}; known: {known}")
    if arguments.tests:
        if len(modules) != 1:
            parser.error("--tests needs --module")
        subset = [name for name in arguments.tests.split(",") if name]
        unlisted = [name for name in subset if name not in modules[0].tests]
        if unlisted:
            parser.error(f"not listed for {modules[0].path}: {', '.join(unlisted)}")
        modules = [replace(modules[0], tests=subset)]
    listed_tests = {module.path: module.tests for module in load_modules()}
    template = ensure_template()
    below_target, failed = [], []
    for module in modules:
        try:
            seconds = run_module(module, template, arguments.jobs)
        except MutmutFailed as error:
            message, lines = error.args
            print(message, *lines[-15:], sep="\n", file=sys.stderr)
            failed.append(module.path)
            continue
        result = report.collect(module, WORK_DIR / module.slug, seconds)
        result.tests_only = [] if module.tests == listed_tests[module.path] else module.tests
        report.save(result)
        print(report.summary_line(result), flush=True)
        if result.kill_rate < report.TARGET:
            below_target.append(module.path)
    report.write_table()
    print(f"== table and survivors: {report.RESULTS_FILE.relative_to(ROOT)}")
    if below_target:
        print(f"below the {report.TARGET:.0%} target: {', '.join(below_target)}", file=sys.stderr)
    if failed:
        print(f"not measured (mutmut failed): {', '.join(failed)}", file=sys.stderr)
    return 1 if below_target or failed else 0


if __name__ == "__main__":
    sys.exit(main())
