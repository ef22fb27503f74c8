/* New entries of a live article, without a reload.

   The page renders every entry it shows (readers without JavaScript reload
   for news); the live section carries the endpoint to ask, how often, and
   the newest entry's id (data- attributes, from articles.live). Every few
   seconds, while the coverage runs and the tab is visible, it asks for the
   entries after that one: an HTML fragment the server escaped and rendered,
   cached for every reader alike (no cookies are sent, so signed-in readers
   share the cached answer too). New entries go in their place by time, the
   number is announced through the section's aria-live status, and polling
   stops when the answer says the coverage has ended or its end time passes. */
(function () {
  "use strict";

  var section = document.querySelector(".live-coverage[data-poll-url]");
  if (!section || !window.fetch || !("content" in document.createElement("template"))) {
    return;
  }
  var url = section.getAttribute("data-poll-url");
  var seconds = Math.max(2, parseInt(section.getAttribute("data-poll-seconds"), 10) || 15);
  var latest = parseInt(section.getAttribute("data-latest"), 10) || 0;
  var endsAt = parseInt(section.getAttribute("data-ends"), 10) * 1000 || null;
  var list = section.querySelector(".live-entries");
  var status = section.querySelector(".live-status");
  var timer = null;
  var busy = false;

  function say(text) {
    // Emptied first, so the same words twice in a row are announced twice.
    status.textContent = "";
    window.setTimeout(function () {
      status.textContent = text;
    }, 50);
  }

  function insert(entry) {
    if (document.getElementById(entry.id)) {
      return false;
    }
    var time = parseInt(entry.getAttribute("data-time"), 10) || 0;
    var items = list.querySelectorAll(".live-entry");
    for (var i = 0; i < items.length; i += 1) {
      if ((parseInt(items[i].getAttribute("data-time"), 10) || 0) <= time) {
        list.insertBefore(entry, items[i]);
        return true;
      }
    }
    list.appendChild(entry);
    return true;
  }

  function stop(ended) {
    if (timer !== null) {
      window.clearInterval(timer);
      timer = null;
    }
    if (ended) {
      var badges = document.querySelectorAll("[data-live-badge]");
      for (var i = 0; i < badges.length; i += 1) {
        badges[i].parentNode.removeChild(badges[i]);
      }
      say(section.getAttribute("data-ended"));
    }
  }

  function apply(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var answer = template.content.querySelector("[data-live-entries]");
    if (!answer) {
      return;
    }
    var entries = answer.querySelectorAll(".live-entry");
    var added = 0;
    // Oldest first, so entries of the same minute keep the server's order.
    for (var i = entries.length - 1; i >= 0; i -= 1) {
      if (insert(document.importNode(entries[i], true))) {
        added += 1;
      }
    }
    latest = Math.max(latest, parseInt(answer.getAttribute("data-latest"), 10) || 0);
    if (added) {
      var empty = section.querySelector(".live-empty");
      if (empty) {
        empty.parentNode.removeChild(empty);
      }
      say(added === 1 ? section.getAttribute("data-one-new") : section.getAttribute("data-many-new").replace("{n}", added));
    }
    if (answer.getAttribute("data-complete") === "false") {
      say(section.getAttribute("data-incomplete"));
    }
    if (answer.getAttribute("data-running") === "false") {
      stop(true);
    }
  }

  function poll() {
    if (busy || document.hidden) {
      return;
    }
    if (endsAt !== null && Date.now() >= endsAt + seconds * 1000) {
      stop(true); // The last poll after the end has had its chance: nothing more will come.
      return;
    }
    busy = true;
    window
      .fetch(url + "?after=" + latest, { credentials: "omit", headers: { Accept: "text/html" } })
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (html !== null) {
          apply(html);
        }
      })
      .catch(function () {
        // Offline for a moment: the next tick tries again.
      })
      .then(function () {
        busy = false;
      });
  }

  timer = window.setInterval(poll, seconds * 1000);
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden && timer !== null) {
      poll(); // Back on the tab: catch up at once.
    }
  });
})();
