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


FILL_REQUIRED = """el => {
  const form = el.form || el.closest('form');
  if (!form) { return true; }
  for (const f of form.querySelectorAll('[required]')) {
    if (f.checkValidity()) { continue; }
    if (f.tagName === 'SELECT') { f.selectedIndex = f.options.length > 1 ? 1 : 0; }
    else if (f.type === 'checkbox' || f.type === 'radio') { f.checked = true; }
    else if (f.type === 'date') { f.value = new Date().toISOString().slice(0, 10); }
    else if (f.type === 'number') { f.value = f.min || '1'; }
    else if (f.type !== 'file') { f.value = '测试说明'; }
  }
  return form.checkValidity();
}"""


def fill_required(control) -> bool:
    """Fill the empty required fields of the control's form (the browser checks them before
    the form is submitted, so before any confirmation); True when the form is then valid."""
    return control.evaluate(FILL_REQUIRED)
