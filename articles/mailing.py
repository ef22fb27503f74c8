"""Sending the plugin's mail from the task worker: one connection, each message on its own.

Both apps mail through :func:`send_each` (the comments app's notifications
and the review queue's), so a server refusing one recipient never stops the
others and a refusal is logged, never raised into the task.
"""

import logging
import smtplib

from django.core import mail

logger = logging.getLogger(__name__)


def send_each(messages, *, what):
    """Send each of ``messages`` on one connection; log and skip the ones the server refuses. How many went."""
    if not messages:
        return 0
    sent = 0
    connection = default_connection()
    for message in messages:
        try:
            sent += connection.send_messages([message])
        except (smtplib.SMTPException, OSError):
            logger.exception("Could not send the %s mail to %s.", what, ", ".join(message.to))
    return sent


def default_connection():
    """A connection to the default mailer: ``mail.mailers.default`` from Django 6.1, which deprecates
    ``get_connection()``; ``get_connection()`` before it."""
    if hasattr(mail, "mailers"):
        return mail.mailers.default
    return mail.get_connection()
