"""Staff: comments by signed-in members of staff are published without further checks."""

from comments.spam.base import CheckResult


class StaffCheck:
    name = "staff"
    uses_identity = True

    def __call__(self, submission):
        if submission.user_id and submission.user_is_staff:
            return CheckResult(0.0, "staff: written by a member of staff", decisive="publish")
        return None
