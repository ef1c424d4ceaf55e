"""A failed CSRF check answers with the portal's own Chinese page (CSRF_FAILURE_VIEW)."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_csrf_failure_is_the_portals_chinese_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    html = response.content.decode()
    assert 'data-testid="error-csrf"' in html
    assert "表单已过期" in html and "本次未保存任何内容" in html
    assert "CSRF verification failed" not in html
