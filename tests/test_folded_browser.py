"""Issue 19 in Debian's headless Chromium (Playwright) against the real server: a query typed
without diacritics shows the reading searched ("Kết quả cho: …"), and one click on the link
searches the words literally, as typed."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import shared_file

pytestmark = pytest.mark.browser

# vbpl-035: "… lệ phí trước bạ, thuế thu nhập cá nhân, thuế thu nhập doanh nghiệp …";
# seed-000: "… công tác giảm nghèo bền vững …"
FILES = ["vbpl-035.html", "seed-000.txt"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian chromium not installed")
    from tests.support import LiveServer, build_index
    root = tmp_path_factory.mktemp("folded-browser")
    build_index(root / "index.db", [shared_file("dev/" + f) for f in FILES], root / "store")
    with LiveServer(root / "index.db", root / "store", root / "uploads") as s:
        yield s


def test_reading_shown_and_one_click_back_to_the_literal_search(server, page):
    page.goto(server.url + "/")
    page.fill("input[name=q]", "thue thu nhap ca nhan")
    page.press("input[name=q]", "Enter")
    page.wait_for_selector("p.summary")
    assert page.inner_text("p.restored strong.reading") == "thuế thu nhập cá nhân"
    assert page.locator("li.hit").count() >= 1
    page.click("p.restored a.literal")
    page.wait_for_selector("p.summary")
    assert "literal=1" in page.url
    assert page.locator("p.restored").count() == 0
    assert page.input_value("input[name=q]") == "thue thu nhap ca nhan"
    # a new search from the box restores again (the literal choice is for that search only)
    page.fill("input[name=q]", "giam ngheo ben vung")
    page.press("input[name=q]", "Enter")
    page.wait_for_selector("p.summary")
    assert page.inner_text("p.restored strong.reading") == "giảm nghèo bền vững"
