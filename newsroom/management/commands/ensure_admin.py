"""Make sure a superuser exists, so a fresh site can be logged into.

``manage.py ensure_admin`` creates the account ``admin`` with a random
password, printed once, or says that it exists already. Running it again
changes nothing; there is never a fixed password.
"""

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse


class Command(BaseCommand):
    help = "Create a superuser with a random password if it does not exist yet, and print how to log in."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin", help='The superuser\'s username (default "admin").')
        parser.add_argument(
            "--base-url",
            default=f"http://127.0.0.1:{os.environ.get('PORT') or 8000}",
            help="Where the site runs, for the login link (default http://127.0.0.1:$PORT, port 8000 if unset).",
        )

    def handle(self, *args, username, base_url, **options):
        User = get_user_model()
        login_url = base_url.rstrip("/") + reverse("admin:index")
        user = User._default_manager.filter(**{User.USERNAME_FIELD: username}).first()
        if user is not None:
            if not user.is_superuser:
                raise CommandError(
                    f'The account "{username}" exists but is not a superuser. Choose another --username, '
                    f"or give it the right in the admin."
                )
            self.stdout.write(
                f'The superuser "{username}" exists already; its password is unchanged.\n'
                f"Log in at {login_url}\n"
                f"Forgot the password? Set a new one with: manage.py changepassword {username}"
            )
            return
        password = secrets.token_urlsafe(15)
        User._default_manager.create_superuser(**{User.USERNAME_FIELD: username, "email": "", "password": password})
        self.stdout.write(
            self.style.SUCCESS("Created a superuser.")
            + f"\n  Log in at: {login_url}\n  Username:  {username}\n  Password:  {password}\n"
            "Keep the password somewhere safe: it is shown only this once."
        )
