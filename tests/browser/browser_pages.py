"""What a person does in the Django admin, as small steps over Selenium: open, fill, submit, read the page."""

from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

WAIT_SECONDS = 20
SCREENSHOT_WIDTH = 1920


class AdminBrowser:
    def __init__(self, driver, *, base_url: str, screenshots: Path):
        self.driver = driver
        self.base_url = base_url
        self.screenshots = screenshots

    # Navigation
    def open(self, path: str) -> None:
        self.driver.get(self.base_url + path)

    def _after_navigation(self, act) -> None:
        """Do `act` (a click or a submit) and wait until the next page has replaced this one."""
        page = self.driver.find_element(By.TAG_NAME, "html")
        act()
        WebDriverWait(self.driver, WAIT_SECONDS).until(expected_conditions.staleness_of(page))
        WebDriverWait(self.driver, WAIT_SECONDS).until(
            lambda driver: driver.execute_script("return document.readyState") == "complete"
        )

    def click(self, css: str) -> None:
        element = self.driver.find_element(By.CSS_SELECTOR, css)
        self._after_navigation(element.click)

    def click_link(self, text: str, *, within: str = "body") -> None:
        element = self.driver.find_element(By.CSS_SELECTOR, within).find_element(By.LINK_TEXT, text)
        self._after_navigation(element.click)

    def use_language(self, code: str) -> None:
        """Ask the site for another language the way Django's set_language view remembers it: its cookie."""
        self.driver.add_cookie({"name": "django_language", "value": code, "path": "/"})

    # Forms
    def fill(self, name: str, value: str) -> None:
        field = self.driver.find_element(By.NAME, name)
        field.clear()
        field.send_keys(value)

    def choose(self, name: str, *, label: str | None = None, value: str | None = None) -> None:
        select = Select(self.driver.find_element(By.NAME, name))
        if label is not None:
            select.select_by_visible_text(label)
        else:
            select.select_by_value(value)

    def tick(self, name: str, on: bool = True) -> None:
        box = self.driver.find_element(By.NAME, name)
        if box.is_selected() != on:
            box.click()

    def save(self, button: str = "_save") -> None:
        self.click(f'input[name="{button}"]')

    def log_in(self, username: str, password: str) -> None:
        self.open("/api/admin/login/?next=/api/admin/")
        self.fill("username", username)
        self.fill("password", password)
        self.click('input[type="submit"]')

    # Change lists and actions
    def run_action(self, action: str, rows: list[str]) -> None:
        """Tick the rows whose first link reads as one of `rows`, pick `action` and press Go."""
        for row in self.driver.find_elements(By.CSS_SELECTOR, "#result_list tbody tr"):
            if self._row_name(row) in rows:
                box = row.find_element(By.CSS_SELECTOR, "input.action-select")
                if not box.is_selected():
                    box.click()
        self.choose("action", value=action)
        self.click('button[name="index"]')

    def table(self) -> list[dict[str, str]]:
        """The change list as the user reads it: one dict per row, keyed by column header."""
        # A header's label is in div.text; a sorted column also shows its sort priority beside it.
        headers = [
            cell.find_element(By.CSS_SELECTOR, "div.text").text.strip()
            for cell in self.driver.find_elements(By.CSS_SELECTOR, "#result_list thead th")
            if "action-checkbox-column" not in (cell.get_attribute("class") or "")
        ]
        rows = []
        for row in self.driver.find_elements(By.CSS_SELECTOR, "#result_list tbody tr"):
            cells = row.find_elements(By.CSS_SELECTOR, "th, td:not(.action-checkbox)")
            rows.append(dict(zip(headers, (cell.text.strip() for cell in cells), strict=True)))
        return rows

    @staticmethod
    def _row_name(row) -> str:
        return row.find_element(By.CSS_SELECTOR, "th, td.field-__str__").text.strip()

    # Reading
    def heading(self) -> str:
        """The page's title line under the header, or "" on pages without one (the login form)."""
        headings = self.driver.find_elements(By.CSS_SELECTOR, "#content h1")
        return headings[0].text.strip() if headings else ""

    def text(self) -> str:
        return self.driver.find_element(By.TAG_NAME, "body").text

    def action_labels(self) -> list[str]:
        return [option.text for option in Select(self.driver.find_element(By.NAME, "action")).options]

    def messages(self) -> list[str]:
        return [item.text.strip() for item in self.driver.find_elements(By.CSS_SELECTOR, "ul.messagelist li")]

    def errors(self) -> list[str]:
        return [item.text.strip() for item in self.driver.find_elements(By.CSS_SELECTOR, ".errorlist li")]

    def screenshot(self, name: str) -> Path:
        """A full-height PNG of the current page under the screenshots folder."""
        # Wide enough for a change list's every column beside the navigation and the filters.
        self.driver.set_window_size(SCREENSHOT_WIDTH, 900)
        height = self.driver.execute_script("return document.documentElement.scrollHeight")
        self.driver.set_window_size(SCREENSHOT_WIDTH, max(900, min(height, 4000)))
        path = self.screenshots / f"{name}.png"
        assert self.driver.save_screenshot(str(path)), path
        self.driver.set_window_size(1280, 900)
        return path
