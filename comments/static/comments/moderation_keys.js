/* Keyboard moderation in the comment queue (the admin's change list).
 *
 * j / k move to the next / previous comment, a / s / r / f press the focused
 * row's Approve (or Not spam), Spam, Trash and Feature (or Unfeature) button,
 * ? opens the help (Esc closes it). The keys only press buttons that are on
 * the row, so CSRF, permissions and the history are the buttons' own; a verb
 * the row does not offer does nothing. Nothing fires while typing in a field
 * or with Ctrl, Alt or Meta held.
 *
 * The focused row gets the focus itself (tabindex=-1) and a polite live region
 * says which comment it is. After an action the page reloads; the position is
 * kept in sessionStorage so focus comes back to the same place.
 *
 * The template (<template id="nr-keys">) is only on the page for moderators;
 * without it, or without JavaScript, the queue is unchanged.
 *
 * s and r send the row's reason menu as it stands, like the buttons they press:
 * left at its default, Spam records "spam" and Trash "other". Changing a menu is
 * not an unsaved edit, so Django's action bar is not told about it (it would
 * warn of "unsaved changes" before a bulk action).
 */
(function () {
  "use strict";

  var STORAGE_KEY = "newsroom.moderationKeys";
  var VERBS = { a: ["approve", "not_spam"], s: ["spam"], r: ["trash"], f: ["feature", "unfeature"] };

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("select[data-nr-reason]"), function (menu) {
      menu.addEventListener("change", function (event) {
        event.stopPropagation();
      });
    });
    var template = document.getElementById("nr-keys");
    if (!template) return;
    var parts = template.content.cloneNode(true);
    var announcer = parts.querySelector("[data-nr-announcer]");
    var help = parts.querySelector("dialog");
    document.body.appendChild(parts);

    var rows = Array.prototype.slice.call(document.querySelectorAll("#result_list tbody tr")).filter(function (row) {
      return row.querySelector("[data-nr-comment]");
    });
    var current = -1;

    function say(text) {
      // Clear first so the same text is announced again.
      announcer.textContent = "";
      window.setTimeout(function () {
        announcer.textContent = text;
      }, 50);
    }

    function summary(index) {
      var row = rows[index];
      var actions = row.querySelector("[data-nr-comment]");
      var excerpt = row.querySelector(".field-excerpt");
      var values = {
        position: String(index + 1),
        total: String(rows.length),
        writer: actions.getAttribute("data-nr-writer"),
        excerpt: excerpt ? excerpt.textContent.trim() : "",
      };
      return template.getAttribute("data-announce").replace(/%\((\w+)\)s/g, function (match, name) {
        return name in values ? values[name] : match;
      });
    }

    function focusRow(index) {
      if (!rows.length) return;
      index = Math.max(0, Math.min(rows.length - 1, index));
      if (current >= 0 && rows[current]) rows[current].classList.remove("nr-key-focus");
      current = index;
      var row = rows[index];
      row.setAttribute("tabindex", "-1");
      row.classList.add("nr-key-focus");
      row.focus();
      row.scrollIntoView({ block: "nearest" });
      say(summary(index));
    }

    function press(key) {
      if (current < 0) return;
      var row = rows[current];
      var button = null;
      VERBS[key].some(function (verb) {
        button = row.querySelector('button[data-nr-verb="' + verb + '"]');
        return button;
      });
      if (!button) {
        say(template.getAttribute("data-unavailable"));
        return;
      }
      var pk = row.querySelector("[data-nr-comment]").getAttribute("data-nr-comment");
      try {
        window.sessionStorage.setItem(
          STORAGE_KEY,
          JSON.stringify({ page: location.pathname + location.search, index: current, pk: pk })
        );
      } catch (error) {
        // Private mode without storage: the action still happens, focus starts again at the top.
      }
      button.click();
    }

    function typing(target) {
      if (!target || !target.closest) return false;
      return Boolean(target.closest("input, textarea, select") || target.isContentEditable);
    }

    document.addEventListener("keydown", function (event) {
      if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey) return;
      if (typing(event.target) || help.open) return;
      var key = event.key;
      if (key === "?") {
        event.preventDefault();
        help.showModal();
        return;
      }
      if (!rows.length) return;
      if (key === "j") {
        event.preventDefault();
        focusRow(current + 1);
      } else if (key === "k") {
        event.preventDefault();
        focusRow(current < 0 ? 0 : current - 1);
      } else if (Object.prototype.hasOwnProperty.call(VERBS, key)) {
        event.preventDefault();
        press(key);
      }
    });

    help.querySelector("[data-nr-close]").addEventListener("click", function () {
      help.close();
    });
    help.addEventListener("close", function () {
      if (current >= 0) rows[current].focus();
    });

    // Back from an action: the same place in the same list (the next comment if this one left it).
    var saved = null;
    try {
      saved = JSON.parse(window.sessionStorage.getItem(STORAGE_KEY) || "null");
      window.sessionStorage.removeItem(STORAGE_KEY);
    } catch (error) {
      saved = null;
    }
    if (saved && saved.page === location.pathname + location.search && rows.length) {
      var index = rows.findIndex(function (row) {
        return row.querySelector("[data-nr-comment]").getAttribute("data-nr-comment") === saved.pk;
      });
      focusRow(index >= 0 ? index : saved.index);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
