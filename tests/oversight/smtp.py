"""A real SMTP server on loopback (aiosmtpd) for the mail tests: it keeps what it received and
can refuse the first N messages with a temporary error."""

from __future__ import annotations

import email
import email.policy
import threading

import pytest

from tests.conftest import free_port


class Inbox:
    def __init__(self) -> None:
        self.received: list[email.message.EmailMessage] = []
        self.refuse = 0
        self.refused = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.refused < self.refuse:
                self.refused += 1
                return "451 Try again later"
            message = email.message_from_bytes(envelope.content, policy=email.policy.default)
            self.received.append(message)
        return "250 OK"

    def to(self, address: str) -> list:
        return [m for m in self.received if address in str(m["To"])]

    @staticmethod
    def body(message) -> str:
        return message.get_body(preferencelist=("plain",)).get_content()


@pytest.fixture
def smtp(settings):
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.OVERSIGHT_MAIL_RETRY_SECONDS = 0
    yield inbox
    controller.stop()
