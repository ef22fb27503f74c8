/* The comment section's behaviour. Every feature also works without this file.
 *
 * - Form state: article pages may come from a cache, so the CSRF token and the
 *   form's signed timestamp are fetched from an uncached endpoint and filled in.
 * - Remember me: when "Save my name, e-mail and website" is ticked, those three
 *   are kept in localStorage and filled in next time; unticking forgets them.
 * - Reply: moves the form under the comment and sets reply_to.
 * - Like / Report: posted with fetch, the count updated in place.
 * - Awaiting moderation: if the signed pending cookie is present, the reader's
 *   own held comments are fetched from /comments/mine/ and shown to them only.
 * - Edit: the same answer names the reader's comments still in the edit window;
 *   each gets an "Edit" link to its edit page (never in the shared, cached HTML).
 * - Show more: the next page of threads is appended instead of navigating.
 */
(function () {
  "use strict";

  var STORAGE_KEY = "newsroom.commenter";
  var section = document.getElementById("comments");
  if (!section) return;
  var form = section.querySelector("[data-comment-form]");
  var csrfToken = "";

  function hasCookie(name) {
    return document.cookie.split(";").some(function (part) {
      return part.trim().indexOf(name + "=") === 0;
    });
  }

  function fillTokens(root) {
    if (!csrfToken) return;
    root.querySelectorAll("input[name=csrfmiddlewaretoken]").forEach(function (input) {
      input.value = csrfToken;
    });
  }

  function loadFormState() {
    var url = section.getAttribute("data-form-state-url");
    if (!url) return;
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) {
        if (!state) return;
        csrfToken = state.csrf_token;
        fillTokens(section);
        if (form) {
          ["timestamp", "security_hash"].forEach(function (name) {
            var input = form.querySelector("input[name=" + name + "]");
            if (input && state[name] !== undefined) input.value = state[name];
          });
        }
      })
      .catch(function () { /* the form still posts; the server asks to submit again */ });
  }

  function rememberMe() {
    if (!form) return;
    var box = form.querySelector("input[name=remember]");
    if (!box) return; // signed-in readers post under their account
    var fields = ["name", "email", "url"];
    var saved = null;
    try { saved = JSON.parse(window.localStorage.getItem(STORAGE_KEY) || "null"); } catch (e) { saved = null; }
    if (saved) {
      fields.forEach(function (name) {
        var input = form.querySelector("[name=" + name + "]");
        if (input && !input.value && saved[name]) input.value = saved[name];
      });
      box.checked = true;
    }
    form.addEventListener("submit", function () {
      try {
        if (box.checked) {
          var data = {};
          fields.forEach(function (name) {
            var input = form.querySelector("[name=" + name + "]");
            data[name] = input ? input.value : "";
          });
          window.localStorage.setItem(STORAGE_KEY, JSON.stringify(data));
        } else {
          window.localStorage.removeItem(STORAGE_KEY);
        }
      } catch (e) { /* storage may be disabled; posting goes on */ }
    });
    box.addEventListener("change", function () {
      if (!box.checked) {
        try { window.localStorage.removeItem(STORAGE_KEY); } catch (e) { /* ignore */ }
      }
    });
  }

  function replies() {
    if (!form) return;
    var home = section.querySelector("[data-form-home]");
    var wrap = home;
    var placeholder = document.createComment("comment form");
    var replyTo = form.querySelector("input[name=reply_to]");
    var note = home.querySelector("[data-replying-to]");
    var noteText = home.querySelector("[data-replying-to-text]");
    section.addEventListener("click", function (event) {
      var link = event.target.closest("[data-reply-to]");
      if (link) {
        event.preventDefault();
        var item = document.getElementById("c" + link.getAttribute("data-reply-to"));
        if (!item) return;
        if (!placeholder.parentNode) wrap.parentNode.insertBefore(placeholder, wrap);
        item.querySelector(".nr-comment-body").after(wrap);
        replyTo.value = link.getAttribute("data-reply-to");
        noteText.textContent = "Replying to " + link.getAttribute("data-reply-name") + ".";
        note.hidden = false;
        form.querySelector("textarea").focus();
        return;
      }
      if (event.target.closest("[data-cancel-reply]")) {
        event.preventDefault();
        replyTo.value = "0";
        note.hidden = true;
        if (placeholder.parentNode) {
          placeholder.parentNode.insertBefore(wrap, placeholder);
          placeholder.remove();
        }
      }
    });
  }

  function reactions() {
    section.addEventListener("submit", function (event) {
      var actionForm = event.target.closest("[data-comment-action]");
      if (!actionForm || !csrfToken) return; // without a token, the plain post asks to confirm
      event.preventDefault();
      fetch(actionForm.action, {
        method: "POST",
        credentials: "same-origin",
        headers: { Accept: "application/json" },
        body: new FormData(actionForm)
      })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (result) {
          if (!result) return;
          var button = actionForm.querySelector("button");
          if (result.liked) {
            var count = actionForm.querySelector("[data-like-count]");
            if (count) count.textContent = result.like_count + (result.like_count === 1 ? " like" : " likes");
            button.disabled = true;
          }
        });
    });
  }

  function pending() {
    var cookie = section.getAttribute("data-pending-cookie");
    var url = section.getAttribute("data-mine-url");
    // Signed-in pages are never cached: their writer may edit from any browser.
    var signedIn = section.hasAttribute("data-signed-in");
    if (!url || !(signedIn || (cookie && hasCookie(cookie)))) return;
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) return;
        var list = section.querySelector("[data-comment-list]");
        data.comments.forEach(function (item) {
          var parent = item.parent_id && document.getElementById("c" + item.parent_id);
          var node = document.getElementById("c" + item.id);
          if (node) {
            // Already on the page (the server lists held comments after the thread for
            // readers without the script): a reply moves under the comment it answers.
            if (!parent || node.parentElement.parentElement === parent) return;
          } else {
            var holder = document.createElement("ol");
            holder.innerHTML = item.html; // rendered and escaped by the server
            node = holder.firstElementChild;
          }
          if (parent) {
            var replies = parent.querySelector(".nr-comment-replies");
            if (!replies) {
              replies = document.createElement("ol");
              replies.className = "nr-comment-replies";
              parent.appendChild(replies);
            }
            replies.appendChild(node);
          } else {
            list.appendChild(node);
          }
        });
        (data.editable || []).forEach(function (item) {
          var node = document.getElementById("c" + item.id);
          var place = node && node.querySelector(".nr-comment-actions, .nr-comment-meta");
          if (!place || place.querySelector("[data-edit-link]")) return;
          var link = document.createElement("a");
          link.href = item.url;
          link.className = "nr-edit";
          link.setAttribute("data-edit-link", "");
          link.textContent = "Edit";
          place.appendChild(link);
        });
      });
  }

  function showMore() {
    section.addEventListener("click", function (event) {
      var link = event.target.closest("[data-show-more]");
      if (!link) return;
      event.preventDefault();
      fetch(link.href, { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (!html) return;
          var doc = new DOMParser().parseFromString(html, "text/html");
          var more = doc.querySelector("[data-comment-list]");
          var list = section.querySelector("[data-comment-list]");
          if (more) Array.prototype.slice.call(more.children).forEach(function (child) { list.appendChild(child); });
          fillTokens(list);
          var wrap = link.closest("[data-show-more-wrap]");
          var next = doc.querySelector("[data-show-more-wrap]");
          if (next) wrap.replaceWith(next); else wrap.remove();
        });
    });
  }

  loadFormState();
  rememberMe();
  replies();
  reactions();
  pending();
  showMore();
})();
