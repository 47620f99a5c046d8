"""Screenshot of the Arabic admin's "Content reviews due" report with an overdue page, taken in
Chromium the way an editor sees it; then, as an editor would, "Confirm still correct" on it and
the import of the demo address map through the admin's form.

Run against a running dev site with the demo content (`make serve PORT=8150` elsewhere):

    .venv/bin/python scripts/screenshot_reviews.py --base-url http://127.0.0.1:8150

It prepares the data itself through Django (an editor in an owner group, one contact-centre page
reviewed seven months ago), then signs in as that editor.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

USERNAME, PASSWORD = "reviewer", "review-screenshot-1234"


def prepare() -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.utils import timezone
    from wagtail.users.models import UserProfile

    from reviews import status
    from reviews.models import add_months
    from site_pages.models import ContactCentrePage

    group, _ = Group.objects.get_or_create(name="إدارة مركز الاتصال")
    user = get_user_model().objects.filter(username=USERNAME).first()
    if user is None:
        user = get_user_model().objects.create_superuser(USERNAME, "reviewer@example.com", PASSWORD)
    user.groups.add(group)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "ar"
    profile.save()
    page = ContactCentrePage.objects.filter(locale__language_code="ar").first()
    ContactCentrePage.objects.filter(pk=page.pk).update(
        review_owner=group, last_reviewed=add_months(timezone.localdate(), -7)
    )
    status.refresh_all()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-url", default="http://127.0.0.1:8150")
    args = parser.parse_args()
    prepare()
    from playwright.sync_api import sync_playwright

    out = ROOT / "docs" / "screenshots" / "content-reviews-overdue-ar-1280.png"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="ar")
        page.goto(f"{args.base_url}/admin/login/")
        page.fill("input[name=username]", USERNAME)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url("**/admin/**")
        page.goto(f"{args.base_url}/admin/content-reviews/due/?state=overdue")
        page.wait_for_selector("table")
        page.screenshot(path=str(out), full_page=True)
        print(f"wrote {out.relative_to(ROOT)}")
        # As an editor would: confirm the review from the report, then see it gone.
        page.click("table a.button:has-text('تأكيد أن المعلومات ما زالت صحيحة')")
        page.click("form[action*=content-review-confirm] button[type=submit]")
        page.wait_for_url("**/content-reviews/due/**")
        print("confirmed:", page.locator(".messages").inner_text()[:120])
        # And the old site's address map, imported through the admin's form.
        page.goto(f"{args.base_url}/admin/old-addresses/import/")
        page.set_input_files(
            "input[name=file]", str(ROOT / "old_addresses" / "demo" / "old-mof-addresses.csv")
        )
        page.click("main form button[type=submit]")
        page.wait_for_url("**/admin/redirects/**")
        print("imported:", page.locator(".messages").inner_text()[:160])
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
