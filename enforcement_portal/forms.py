import logging

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from . import signin

logger = logging.getLogger(__name__)


class LoginForm(AuthenticationForm):
    """Sign-in throttled per account and address (enforcement_portal.signin): growing delays
    for the address that keeps failing, a proof-of-work check after failures, no lockout.

    The hidden ``challenge`` and ``proof`` fields carry the check when one is due; the
    browser solves it (static/js/challenge.js) before the form is sent.
    """

    error_messages = {
        **AuthenticationForm.error_messages,
        "wait": _(
            "Too many failed sign-ins for this account from your address. "
            "Try again in %(seconds)s seconds."
        ),
        "challenge": _(
            "The security check in your browser did not complete. Allow JavaScript for this "
            "site and sign in again."
        ),
    }

    challenge = forms.CharField(widget=forms.HiddenInput, required=False)
    proof = forms.CharField(widget=forms.HiddenInput, required=False, max_length=20)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.address = signin.client_address(self.request)
        self.helper = FormHelper()
        self.helper.form_id = "login-form"
        self.helper.attrs = {"data-challenge-form": "1"}
        self.helper.add_input(Submit("submit", _("Sign in"), css_class="w-100"))
        # What was sent is kept before the form shows a fresh challenge in its place.
        self._sent = (self.data.get("challenge", ""), self.data.get("proof", ""))
        typed = self.data.get("username", "") if self.is_bound else ""
        self._offer_challenge(signin.signin_state(typed, self.address).needs_challenge)

    def _offer_challenge(self, needed: bool) -> None:
        """Put a fresh challenge in the form when one is due, also when it comes back."""
        if not needed:
            return
        issued = signin.signin_challenge()
        self.fields["challenge"].widget.attrs["data-bits"] = str(issued["bits"])
        self.initial["challenge"] = issued["token"]
        if self.is_bound:
            # A bound form's data is the request's QueryDict: answer on a mutable copy.
            data = self.data.copy()  # type: ignore[attr-defined]
            data["challenge"] = issued["token"]
            data["proof"] = ""
            self.data = data

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        state = signin.signin_state(username, self.address)
        if username and state.wait_seconds:
            raise forms.ValidationError(
                self.error_messages["wait"], code="wait", params={"seconds": state.wait_seconds}
            )
        if state.needs_challenge:
            token, counter = self._sent
            if not signin.signin_challenge_redeem(token, counter):
                # A sign-in without the work is a failed one for this pair, so skipping the
                # check only brings its delay sooner.
                signin.signin_failed(username, self.address, account_too=False)
                raise forms.ValidationError(self.error_messages["challenge"], code="challenge")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            if username:
                failures = signin.signin_failed(username, self.address)
                logger.warning("Failed sign-in for an account (%s in a row here)", failures)
            self._offer_challenge(signin.signin_state(username, self.address).needs_challenge)
            raise
        signin.signin_succeeded(username, self.address)
        return cleaned
