"""Create the Editors, Writers and Moderators groups with the permissions each role needs.

Run it after ``migrate`` (and again after upgrading): it only adds what is
missing, so permissions a site gave these groups itself stay. What each
group may do is described in :mod:`articles.roles`.
"""

from django.core.management.base import BaseCommand, CommandError

from articles.roles import setup_roles


class Command(BaseCommand):
    help = "Create the Editors, Writers and Moderators groups, or add the permissions they lack."

    def handle(self, *args, **options):
        try:
            added = setup_roles()
        except LookupError as error:
            raise CommandError(f"{error}. Run migrate first, with every app that declares roles installed.") from None
        for group, permissions in added.items():
            if permissions:
                self.stdout.write(f"{group}: added {len(permissions)} permission(s): {', '.join(permissions)}")
            else:
                self.stdout.write(f"{group}: up to date")
