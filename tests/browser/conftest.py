"""The browser fixtures of test_browser.py (the site served on localhost, Chromium) for every browser test."""

from tests.browser.test_browser import browser, origin

__all__ = ["browser", "origin"]
