"""reCAPTCHA: Google's opinion of the reader's browser (only when keys are set; see :mod:`comments.spam.recaptcha`).

- v2 (checkbox): a token Google rejects is spam-level (+1.0).
- v3 (scored): a score below ``NEWSROOM_RECAPTCHA_MIN_SCORE`` holds (+0.5),
  below half of it counts as spam-level (+1.0).
- No token at all (script blocked): +0.5, a person looks.
- Google unreachable or slow: no signal (0), with a reason; never an error.
"""

from comments import conf
from comments.spam import recaptcha
from comments.spam.base import CheckResult

FAILED = 1.0
DOUBTFUL = 0.5


class RecaptchaCheck:
    name = "reCAPTCHA"
    uses_request = True
    replayable = False

    def __call__(self, submission):
        if not recaptcha.is_configured():
            return None
        token = submission.extra.get(recaptcha.TOKEN_KEY) or ""
        if not token:
            return CheckResult(DOUBTFUL, "reCAPTCHA: no token from the reader's browser")
        answer = recaptcha.verify(token, remote_ip=submission.ip_address)
        if answer is None:
            return CheckResult(0.0, "reCAPTCHA: no answer from Google (no signal)")
        if not answer.is_valid:
            codes = ", ".join(answer.error_codes) or "rejected"
            return CheckResult(FAILED, f"reCAPTCHA: failed ({codes})")
        if recaptcha.version() == "v2":
            return CheckResult(0.0, "reCAPTCHA: passed")
        if answer.action and answer.action != recaptcha.ACTION:
            return CheckResult(FAILED, f"reCAPTCHA: token for another action ({answer.action})")
        score = float(answer.extra_data.get("score", 0.0))
        minimum = float(conf.get("NEWSROOM_RECAPTCHA_MIN_SCORE"))
        if score < minimum / 2:
            return CheckResult(FAILED, f"reCAPTCHA: score {score:.1f}")
        if score < minimum:
            return CheckResult(DOUBTFUL, f"reCAPTCHA: score {score:.1f}")
        return CheckResult(0.0, f"reCAPTCHA: score {score:.1f}")
