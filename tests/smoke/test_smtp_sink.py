"""The SMTP sink make prod-check reads verification mail from: Django's SMTP backend can send to it."""

import asyncio
import contextlib
import email
import email.policy
import threading

import pytest
from django.core.mail import EmailMessage
from django.core.mail.backends.smtp import EmailBackend

from tests.smoke.smtp_sink import serve


@pytest.fixture
def sink(tmp_path):
    folder, port_file = tmp_path / "mail", tmp_path / "port"
    loop = asyncio.new_event_loop()
    task = loop.create_task(serve(0, folder, port_file))
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    for _ in range(200):
        if port_file.exists() and port_file.read_text():
            break
        threading.Event().wait(0.01)
    yield folder, int(port_file.read_text())

    async def stop():
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    asyncio.run_coroutine_threadsafe(stop(), loop).result(timeout=5)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(timeout=5)
    loop.close()


def test_a_message_sent_through_django_smtp_lands_in_the_folder(sink):
    folder, port = sink
    body = "Confirm here: https://forum.example.com/accounts/confirm-email/abc/\n.a line that starts with a dot\n"
    message = EmailMessage("Please confirm", body, "no-reply@canopy.localhost", ["nadia@example.com"])

    backend = EmailBackend(alias="sink", host="127.0.0.1", port=port, username="", password="", timeout=5)
    sent = backend.send_messages([message])

    assert sent == 1
    files = sorted(folder.glob("*.eml"))
    assert len(files) == 1
    stored = email.message_from_bytes(files[0].read_bytes(), policy=email.policy.default)
    assert stored["To"] == "nadia@example.com"
    assert stored["Subject"] == "Please confirm"
    assert stored.get_content().replace("\r\n", "\n") == body
