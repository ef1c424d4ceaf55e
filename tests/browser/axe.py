"""axe-core (vendored under tests/browser/vendor/axe-core) run in the page under test.

``page.evaluate`` runs the library through the DevTools protocol, so the portal's CSP (no
inline script) needs no exception. Only WCAG 2.0/2.1 A and AA rules are run.
"""

from pathlib import Path

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text()
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}


def violations(page) -> list[dict]:
    """Serious or critical WCAG 2.1 AA violations on the current page."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"][:3]],
        }
        for v in result["violations"]
        if v["impact"] in BLOCKING
    ]
