"""The public home page's entry cards are links: each whole card is one real <a> with text
that leads to a page that answers (issue #21)."""

import re

import pytest


@pytest.mark.django_db
def test_each_entry_card_is_one_link_with_text_to_a_working_page(client):
    html = client.get("/").content.decode()
    section = html[html.index('data-testid="entry-cards"') :]
    section = section[: section.index('<div class="mt-4">')]
    cards = re.findall(r'<a class="card[^"]*"\s+href="([^"]+)"[^>]*>(.*?)</a>', section, re.S)
    assert len(cards) == 3, section
    hrefs = [href for href, _ in cards]
    assert hrefs == ["/public/agencies/", "/public/certificate/", "/public/decisions/"]
    for href, body in cards:
        text = re.sub(r"<[^>]+>", " ", body)
        assert re.search(r"[\u4e00-\u9fff]{2,}", text), body  # the heading and the line, in Chinese
        assert "<h2" in body, "the card's heading is inside the link"
        assert client.get(href).status_code == 200, href
    # no card body outside a link (the whole card is clickable)
    assert len(re.findall(r'class="card[ "]', section)) == len(cards)
