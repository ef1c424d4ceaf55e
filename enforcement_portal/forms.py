import hashlib
import logging

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


def _failure_key(username: str) -> str:
    # Hashed: whatever was typed (control characters, 20,000 characters) makes a short, valid
    # cache key, and the cache holds no account names.
    digest = hashlib.sha256(username.strip().lower().encode("utf-8", "surrogatepass")).hexdigest()
    return f"login-failures:{digest}"


class LoginForm(AuthenticationForm):
    """Sign-in with throttling: after LOGIN_FAILURE_LIMIT failures an account is locked for
    LOGIN_LOCKOUT_SECONDS, whatever the password. Counted per account name, so guessing
    from many addresses does not help and no address is stored."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "locked": _("Too many failed sign-ins for this account. Try again in %(minutes)s minutes."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_id = "login-form"
        self.helper.add_input(Submit("submit", _("Sign in"), css_class="w-100"))

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        key = _failure_key(username)
        if username and (cache.get(key) or 0) >= settings.LOGIN_FAILURE_LIMIT:
            raise forms.ValidationError(
                self.error_messages["locked"],
                code="locked",
                params={"minutes": max(1, settings.LOGIN_LOCKOUT_SECONDS // 60)},
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            if username:
                cache.add(key, 0, settings.LOGIN_LOCKOUT_SECONDS)
                failures = cache.incr(key)
                logger.warning("Failed sign-in for an account (%s failures in a row)", failures)
            raise
        cache.delete(key)
        return cleaned
