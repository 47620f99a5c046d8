"""The browser checks cannot pass by not running: a missing tool fails them under CI, and a Nu
HTML Checker that did not run is an error, not a clean report."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.browser import tools

VALID = '<!DOCTYPE html><html lang="ar" dir="rtl"><head><title>ص</title></head><body><p>نص</p></body></html>'
INVALID = '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><p><div>x</span></body></html>'


@pytest.fixture
def without_node_modules(monkeypatch, tmp_path) -> Path:
    """node_modules as a fresh clone has it before `npm ci`: an empty folder."""
    monkeypatch.setenv("MIZAN_NODE_MODULES", str(tmp_path))
    return tmp_path


@pytest.mark.parametrize("value", ["true", "1", "yes"])
def test_a_missing_axe_core_fails_under_ci(value, monkeypatch, without_node_modules):
    monkeypatch.setenv("CI", value)
    assert tools.in_ci()
    report: dict = {}
    with pytest.raises(pytest.fail.Exception, match="axe-core.*CI is set"):
        tools.require(tools.missing_tools(), report)
    assert report == {}


@pytest.mark.parametrize("value", [None, "", "false", "0"])
def test_a_missing_axe_core_skips_outside_ci(value, monkeypatch, without_node_modules):
    if value is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", value)
    report: dict = {}
    with pytest.raises(pytest.skip.Exception, match="axe-core"):
        tools.require(tools.missing_tools(), report)
    assert "axe-core" in report["skipped"]


def test_a_missing_chromium_fails_under_ci(monkeypatch, tmp_path):
    monkeypatch.setenv("CI", "true")
    monkeypatch.setenv("MIZAN_CHROMIUM", str(tmp_path / "chromium"))
    with pytest.raises(pytest.fail.Exception, match="Chromium not found"):
        tools.require(tools.missing_tools(), {})


@pytest.fixture
def java() -> str:
    found = shutil.which("java")
    tools.require(None if found else "java is not installed (scripts/browser-deps.sh)", {})
    return found


@pytest.fixture
def html_files(tmp_path) -> dict[str, Path]:
    files = {"valid": tmp_path / "valid.html", "invalid": tmp_path / "invalid.html"}
    files["valid"].write_text(VALID, encoding="utf-8")
    files["invalid"].write_text(INVALID, encoding="utf-8")
    return files


def test_a_missing_jar_is_a_failure_not_a_clean_report(java, html_files, tmp_path):
    with pytest.raises(tools.VnuFailed, match="exit code 1"):
        tools.run_vnu([html_files["valid"]], java, tmp_path / "no-such.jar")


def test_a_broken_jar_is_a_failure_not_a_clean_report(java, html_files, tmp_path):
    broken = tmp_path / "vnu.jar"
    broken.write_bytes(b"not a jar")
    with pytest.raises(tools.VnuFailed):
        tools.run_vnu([html_files["valid"]], java, broken)


def test_a_java_that_fails_otherwise_is_a_failure(html_files):
    false = shutil.which("false")
    with pytest.raises(tools.VnuFailed, match="no JSON report"):
        tools.run_vnu([html_files["valid"]], false, Path("vnu.jar"))


def test_the_checker_finds_errors_and_passes_valid_html(java, html_files):
    tools.require(None if tools.vnu_jar().exists() else f"{tools.vnu_jar()} is missing", {})
    assert tools.run_vnu([html_files["valid"]], java, tools.vnu_jar()) == []
    errors = tools.run_vnu([html_files["invalid"]], java, tools.vnu_jar())
    assert any("span" in error["message"] for error in errors), errors
