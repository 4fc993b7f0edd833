"""The one way the public pages send mail: verification links and personal links, in the person's language.

Django's mail (EmailMultiAlternatives, text and HTML) once the transaction commits, not the module's outbox (mail/):
these messages carry a bearer secret (the verification or personal link), which the outbox would keep in its rows
for as long as they live; and the first one goes to an address that is not yet a participant. The price: no retry
when the mail server is down at that moment (the person asks again). Messages about a registration itself go
through the outbox."""

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

TEMPLATES = "openimis_be_meeting/public/mail"


def send(kind: str, *, to: str, language: str, context: dict) -> None:
    """Render mail `kind` (TEMPLATES/<kind>.subject.txt, .txt, .html) in `language` and send it to one address after
    the current transaction commits (nothing is sent for a change that is rolled back)."""
    with translation.override(language):
        subject = " ".join(render_to_string(f"{TEMPLATES}/{kind}.subject.txt", context).split())
        text = render_to_string(f"{TEMPLATES}/{kind}.txt", context)
        html = render_to_string(f"{TEMPLATES}/{kind}.html", {**context, "language": language})
    message = EmailMultiAlternatives(subject, text, to=[to])
    message.attach_alternative(html, "text/html")
    transaction.on_commit(message.send)
