"""The confirmation dialog (static/js/confirm.js) shown before an irreversible or public step."""


def confirm(page) -> str:
    """Wait for the confirmation, check it says something, press confirm and wait for the
    page the step leads to; return the confirmation's text."""
    dialog = page.locator("[data-testid=confirm-dialog]")
    dialog.wait_for(state="visible")
    text = dialog.locator("[data-testid=confirm-text]").inner_text()
    assert text.strip(), "the confirmation says what will happen"
    with page.expect_navigation():
        dialog.locator("[data-testid=confirm-ok]").click()
    return text
