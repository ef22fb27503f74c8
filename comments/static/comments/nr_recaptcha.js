// reCAPTCHA v3 for the comment form: fetch a token when the form is submitted.
// Without Google's script (blocked, offline) the form is sent without one; the
// spam filter then holds the comment for a person instead of refusing it.
(function () {
  "use strict";
  document.querySelectorAll("input.nr-recaptcha").forEach(function (input) {
    var form = input.form;
    if (!form) {
      return;
    }
    form.addEventListener("submit", function (event) {
      if (input.value || typeof window.grecaptcha === "undefined") {
        return;
      }
      event.preventDefault();
      window.grecaptcha.ready(function () {
        window.grecaptcha
          .execute(input.dataset.sitekey, { action: input.dataset.action || "comment" })
          .then(function (token) {
            input.value = token;
            form.requestSubmit ? form.requestSubmit() : form.submit();
          }, function () {
            form.submit();
          });
      });
    });
  });
})();
