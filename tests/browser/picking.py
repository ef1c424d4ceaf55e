"""The type-ahead pickers (static/js/pickers.js, Tom Select) as a user drives them."""


def pick(page, field_id: str, typed: str, option: str | None = None) -> str:
    """Type ``typed`` into the picker of the select ``field_id``, wait for the option that
    contains ``option`` (default: the typed text), choose it; return the option's text."""
    box = page.locator(f"#{field_id}-ts-control")
    box.click()
    box.fill(typed)
    choice = page.locator(f"#{field_id}-ts-dropdown .option", has_text=option or typed).first
    choice.wait_for(state="visible")
    text = choice.inner_text()
    choice.click()
    page.keyboard.press("Escape")  # close the dropdown of a multiple picker
    box.blur()
    return text
