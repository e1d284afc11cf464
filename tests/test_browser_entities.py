"""The entity pages, /search and the profile's citations chart in headless Chromium, at desktop and phone size:
no serious or critical axe-core findings, no sideways scrolling, screenshots in test-artifacts/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.test_browser import (  # noqa: F401 - module fixtures
    ARTIFACTS,
    SEED_ID,
    assert_no_horizontal_scroll,
    base_url,
    browser,
)
from tests.test_pages import seeded  # noqa: F401

AXE = Path(__file__).resolve().parent.parent / "web" / "node_modules" / "axe-core" / "axe.min.js"
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
PAGES = {
    "work": "/works/W3010830565",
    "topic": "/topics/T19001",
    "source": "/sources/S4306400194",
    "institution": "/institutions/I183067930",
    "search": "/search?q=distilation",
    "profile": f"/researchers/{SEED_ID}",
    "profile-filtered": f"/researchers/{SEED_ID}?yearFrom=2020&yearTo=2023&type=preprint&sort=citations",
    "collaborators": f"/researchers/{SEED_ID}/collaborators",
    "subfield": "/subfields/1702",
    "field": "/fields/17",
    "domain": "/domains/3",
    "institution-by-works": "/institutions/I183067930?people=works&sort=citations",
}


@pytest.fixture(params=list(VIEWPORTS))
def sized_page(request: pytest.FixtureRequest, browser: Browser) -> Iterator[tuple[str, Page]]:  # noqa: F811
    context = browser.new_context(viewport=VIEWPORTS[request.param])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    yield request.param, page
    context.close()
    assert not errors, errors


def serious_axe_findings(page: Page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => {
        const result = await axe.run(document, {resultTypes: ["violations"]});
        return result.violations.filter(v => v.impact === "serious" || v.impact === "critical")
            .map(v => `${v.id}: ${v.nodes.map(n => n.target.join(" ")).join(", ")}`);
    }""")


@pytest.mark.parametrize("name", list(PAGES))
def test_entity_pages_are_accessible_at_both_sizes(base_url: str, sized_page: tuple[str, Page],  # noqa: F811
                                                   name: str) -> None:
    size, page = sized_page
    response = page.goto(base_url + PAGES[name])
    assert response is not None and response.status == 200
    assert page.locator("h1").count() == 1
    assert page.locator("#site-search-q").count() == 1  # the header's search box
    assert serious_axe_findings(page) == []
    assert_no_horizontal_scroll(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"entity-{name}-{size}.png"), full_page=True)


def test_profile_chart_and_navigation_between_pages(base_url: str, sized_page: tuple[str, Page]) -> None:  # noqa: F811
    size, page = sized_page
    page.goto(f"{base_url}/researchers/{SEED_ID}")
    chart = page.locator('[data-chart="citations-per-year"] svg')
    assert chart.count() == 1 and page.locator('[data-chart="citations-per-year"] rect').count() == 6
    page.locator('[data-chart="citations-per-year"]').screenshot(path=str(ARTIFACTS / f"profile-chart-{size}.png"))
    page.get_by_role("link", name="Explaining Knowledge Distillation by Quantifying the Knowledge").first.click()
    page.wait_for_url("**/works/W3010830565")
    page.get_by_role("link", name="Knowledge Distillation and Model Compression").first.click()
    page.wait_for_url("**/topics/T19001")
    page.fill("#site-search-q", "2003.03622")
    page.press("#site-search-q", "Enter")
    page.wait_for_url("**/search?q=2003.03622")
    assert page.locator(".hit").count() == 1


def test_hierarchy_breadcrumb_and_filter_form_work_without_script(base_url: str, browser: Browser) -> None:  # noqa: F811
    context = browser.new_context(viewport=VIEWPORTS["phone"], java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}/topics/T19001")
    assert page.locator('[data-chart="citations-per-year"] svg').count() == 1
    assert page.locator('[data-list="cooccurring"] li a').count() >= 1
    page.get_by_role("navigation", name="Topic hierarchy").get_by_role("link", name="Computer Science").click()
    page.wait_for_url("**/fields/17")
    page.get_by_role("link", name="Artificial Intelligence").first.click()
    page.wait_for_url("**/subfields/1702")
    assert page.get_by_role("link", name="Knowledge Distillation and Model Compression").count() == 1
    page.goto(f"{base_url}/researchers/{SEED_ID}")
    page.fill("#works-year-from", "2022")
    page.fill("#works-year-to", "2022")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**yearFrom=2022**")
    years = page.locator(".work-list .work-meta").all_inner_texts()
    assert years and all("2022" in text for text in years)
    page.screenshot(path=str(ARTIFACTS / "profile-filtered-noscript-phone.png"), full_page=True)
    context.close()
