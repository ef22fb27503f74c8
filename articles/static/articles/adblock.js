/* The notice asking readers who block ads to support the site.

   The markup comes from {% adblock_notice %}: a closed, hidden <dialog> with
   its settings in data- attributes. Blocking is detected two ways:
   articles/ads.js (a file blockers refuse) did not run, or a bait element
   with advert-like class names was hidden. Then, after the configured delay,
   the dialog opens as a modal: focus moves to its button, Tab stays inside,
   Escape or the button closes it and focus goes back where it was. It opens
   at most once per browser session, or once every N days, as editors chose. */
(function () {
  "use strict";

  var dialog = document.getElementById("adblock-notice");
  if (!dialog || typeof dialog.showModal !== "function") {
    return;
  }
  var STORAGE_KEY = "newsroom:adblock-notice";
  var DAY_MS = 24 * 60 * 60 * 1000;
  var frequency = dialog.getAttribute("data-frequency");
  var everyDays = parseInt(dialog.getAttribute("data-every-days"), 10) || 1;
  var delaySeconds = Math.max(0, parseInt(dialog.getAttribute("data-delay-seconds"), 10) || 0);
  var closeButton = dialog.querySelector(".adblock-notice__close");
  var returnFocusTo = null;

  function shownRecently() {
    try {
      if (frequency === "days") {
        var last = parseInt(window.localStorage.getItem(STORAGE_KEY) || "0", 10);
        return Date.now() - last < everyDays * DAY_MS;
      }
      return window.sessionStorage.getItem(STORAGE_KEY) === "shown";
    } catch (error) {
      return true; // Storage refused (strict privacy modes): never risk nagging on every page.
    }
  }

  function rememberShown() {
    try {
      if (frequency === "days") {
        window.localStorage.setItem(STORAGE_KEY, String(Date.now()));
      } else {
        window.sessionStorage.setItem(STORAGE_KEY, "shown");
      }
    } catch (error) {
      // Nothing to do: shownRecently() already treats refused storage as "shown".
    }
  }

  function baitWasHidden(callback) {
    var bait = document.createElement("div");
    bait.className = "adsbox ad-banner ad-placement pub_300x250 text-ad sponsored-ad";
    bait.setAttribute("aria-hidden", "true");
    bait.appendChild(document.createTextNode("\u00a0"));
    // Styles set through the DOM, not a style="" attribute, so the strict CSP allows them.
    bait.style.position = "absolute";
    bait.style.left = "-10000px";
    bait.style.top = "0";
    bait.style.width = "10px";
    bait.style.height = "10px";
    document.body.appendChild(bait);
    // Blockers hide such elements with injected style sheets; give them a moment.
    window.setTimeout(function () {
      var style = window.getComputedStyle(bait);
      var hidden =
        bait.offsetParent === null ||
        bait.offsetHeight === 0 ||
        bait.offsetWidth === 0 ||
        style.display === "none" ||
        style.visibility === "hidden";
      bait.parentNode.removeChild(bait);
      callback(hidden);
    }, 150);
  }

  function focusableElements() {
    return Array.prototype.filter.call(
      dialog.querySelectorAll("a[href], button, input, select, textarea, [tabindex]:not([tabindex='-1'])"),
      function (element) {
        return !element.disabled && element.offsetParent !== null;
      }
    );
  }

  function keepFocusInside(event) {
    if (event.key !== "Tab") {
      return;
    }
    var focusable = focusableElements();
    if (!focusable.length) {
      event.preventDefault();
      return;
    }
    var first = focusable[0];
    var last = focusable[focusable.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  function open() {
    if (shownRecently()) {
      return;
    }
    returnFocusTo = document.activeElement;
    dialog.hidden = false;
    dialog.showModal(); // Modal: the page behind is inert and Escape closes it.
    closeButton.focus();
    rememberShown();
  }

  dialog.addEventListener("keydown", keepFocusInside);
  dialog.addEventListener("close", function () {
    dialog.hidden = true;
    if (returnFocusTo && typeof returnFocusTo.focus === "function") {
      returnFocusTo.focus();
    }
  });
  closeButton.addEventListener("click", function () {
    dialog.close();
  });

  if (shownRecently()) {
    return;
  }
  baitWasHidden(function (baitHidden) {
    if (baitHidden || window.newsroomAdsLoaded !== true) {
      window.setTimeout(open, delaySeconds * 1000);
    }
  });
})();
