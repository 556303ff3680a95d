// Light / dark toggle. One click always switches to the opposite of what the page shows now (on
// "system" that is the system's scheme); once a choice is made, a "use system setting" button
// resets it. The choice persists in a cookie (so the server renders it with no flash) and in
// localStorage; without JavaScript the page follows the system's preference.
(function () {
  "use strict";
  var root = document.documentElement;
  var media = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  function choice() {
    var value = root.getAttribute("data-color-scheme");
    return value === "light" || value === "dark" ? value : "system";
  }
  function shown() {
    var chosen = choice();
    if (chosen !== "system") { return chosen; }
    return media && media.matches ? "dark" : "light";
  }
  function label() {
    var next = shown() === "dark" ? "light" : "dark";
    document.querySelectorAll("[data-scheme-toggle]").forEach(function (button) {
      button.setAttribute("aria-label", "Switch to " + next + " colours");
      button.setAttribute("title", "Switch to " + next + " colours");
      button.setAttribute("data-shown", shown());
    });
    document.querySelectorAll("[data-scheme-reset]").forEach(function (button) {
      button.hidden = choice() === "system";
    });
  }
  function apply(scheme) {
    root.setAttribute("data-color-scheme", scheme);
    document.cookie = "color_scheme=" + scheme + ";path=/;max-age=31536000;samesite=lax";
    try { localStorage.setItem("color_scheme", scheme); } catch (e) { /* private mode */ }
    label();
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-scheme-toggle]").forEach(function (button) {
      button.addEventListener("click", function () { apply(shown() === "dark" ? "light" : "dark"); });
    });
    document.querySelectorAll("[data-scheme-reset]").forEach(function (button) {
      button.addEventListener("click", function () { apply("system"); });
    });
    if (media && media.addEventListener) { media.addEventListener("change", label); }
    label();
  });
})();

// <time datetime="..." data-relative> shows "3 hours ago" in the reader's language. The server sends
// the date itself, so cached page fragments never age and the page reads well without JavaScript.
(function () {
  "use strict";
  var steps = [["year", 31536000], ["month", 2592000], ["week", 604800], ["day", 86400], ["hour", 3600], ["minute", 60]];
  var format = null;  // one formatter for the page: making one per <time> cost a phone ~1 ms each
  function relative(date) {
    var seconds = (date.getTime() - Date.now()) / 1000;
    if (!window.Intl || !Intl.RelativeTimeFormat) { return null; }
    format = format || new Intl.RelativeTimeFormat(document.documentElement.lang || undefined, { numeric: "auto" });
    for (var i = 0; i < steps.length; i++) {
      if (Math.abs(seconds) >= steps[i][1]) { return format.format(Math.round(seconds / steps[i][1]), steps[i][0]); }
    }
    return format.format(0, "minute");
  }
  function update(root) {
    (root || document).querySelectorAll("time[data-relative]").forEach(function (node) {
      var date = new Date(node.getAttribute("datetime"));
      if (isNaN(date.getTime())) { return; }
      if (!node.title) { node.title = node.textContent.trim(); }
      var text = relative(date);
      if (text) { node.textContent = text; }
    });
  }
  document.addEventListener("DOMContentLoaded", function () { update(document); });
  document.addEventListener("htmx:afterSwap", function (event) { update(event.target); });
})();

// Person cards: resting on a person ([data-card], components/person.html) for 400 ms, by pointer or
// keyboard focus, loads their card once into its .person__card with htmx. One listener for the page
// instead of htmx attributes on every name (a thread page of 20 posts carried 3 KB of them).
// A touch screen has no hover: there a tap on the name or avatar opens the card (data-card-open)
// instead of following the link; the card's "View profile" (or a second tap on the name) goes to
// the profile, and a tap elsewhere or Escape closes it. A mouse click follows the link as before,
// and without JavaScript the name is a plain link.
(function () {
  "use strict";
  var timer = null;
  var noHover = window.matchMedia ? window.matchMedia("(hover: none)") : null;
  function load(person) {
    var card = person.querySelector(".person__card");
    if (!card || person.hasAttribute("data-card-loaded")) { return; }
    person.setAttribute("data-card-loaded", "");
    window.htmx.ajax("GET", person.getAttribute("data-card"), { target: card, swap: "innerHTML" });
  }
  function arm(event) {
    var person = event.target.closest ? event.target.closest("[data-card]") : null;
    if (!person || person.hasAttribute("data-card-loaded") || !window.htmx) { return; }
    clearTimeout(timer);
    timer = setTimeout(function () { load(person); }, 400);
  }
  function disarm(event) {
    var person = event.target.closest ? event.target.closest("[data-card]") : null;
    if (person && !person.contains(event.relatedTarget)) { clearTimeout(timer); }
  }
  function closeCards(except) {
    document.querySelectorAll("[data-card][data-card-open]").forEach(function (person) {
      if (person !== except) { person.removeAttribute("data-card-open"); }
    });
  }
  function byTouch(event) {
    // pointerType tells what made the click (Chromium, Firefox, Safari 17+); elsewhere a click by
    // pointer (detail > 0, not the keyboard) on a device without hover counts as a tap
    if (event.pointerType) { return event.pointerType === "touch"; }
    return event.detail > 0 && noHover !== null && noHover.matches;
  }
  function tap(event) {
    var target = event.target;
    var person = target.closest ? target.closest("[data-card]") : null;
    var card = person ? person.querySelector(".person__card") : null;
    if (card && card.contains(target)) { return; }  // inside an open card: its links work as links
    var link = person ? target.closest("a") : null;
    if (link && window.htmx && card && !person.hasAttribute("data-card-open") && byTouch(event)) {
      event.preventDefault();
      closeCards(person);
      load(person);
      person.setAttribute("data-card-open", "");
      return;
    }
    closeCards(person);  // a tap elsewhere closes an open card (a second tap on its name follows)
  }
  document.addEventListener("mouseover", arm);
  document.addEventListener("focusin", arm);
  document.addEventListener("mouseout", disarm);
  document.addEventListener("focusout", disarm);
  document.addEventListener("click", tap);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { closeCards(null); }
  });
})();

// Avatars (components/avatar.html): an upload whose smaller copy is missing (a lost file, or an
// upload from before the copies that manage.py profiles_backfill_avatars has not reached yet)
// falls back to the stored original (the srcset's last, 256 px entry); if that fails as well, to a
// disc with the initials of the name beside it. Never a broken image. The error event does not
// bubble, so one capturing listener; images that failed before this script ran are found on load.
(function () {
  "use strict";
  function initials(name) {
    var parts = name.replace(/[_-]/g, " ").split(/\s+/).filter(Boolean).slice(0, 2);
    return parts.map(function (part) { return part.charAt(0); }).join("").toUpperCase() || "?";
  }
  function repair(img) {
    var srcset = img.getAttribute("srcset");
    if (srcset) {
      var original = srcset.split(",").pop().trim().split(/\s+/)[0];
      img.removeAttribute("srcset");
      img.removeAttribute("sizes");
      if (original && img.getAttribute("src") !== original) { img.setAttribute("src", original); return; }
    }
    var person = img.closest(".person");
    var named = person ? person.querySelector(".person__name") : null;
    var disc = document.createElement("span");
    disc.className = img.className + " avatar--missing";
    disc.setAttribute("data-initials", initials(img.alt || (named ? named.textContent.trim() : "")));
    if (img.alt) {
      disc.setAttribute("role", "img");
      disc.setAttribute("aria-label", img.alt);
    } else {
      disc.setAttribute("aria-hidden", "true");
    }
    img.replaceWith(disc);
  }
  document.addEventListener("error", function (event) {
    var img = event.target;
    if (img && img.tagName === "IMG" && img.classList.contains("avatar")) { repair(img); }
  }, true);
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("img.avatar").forEach(function (img) {
      if (img.complete && img.naturalWidth === 0 && img.getAttribute("src")) { repair(img); }
    });
  });
})();

// Menus (<details data-menu>: the account menu, "Me" in the phone's tab bar) open and close without
// JavaScript; with it, a click elsewhere or Escape closes an open one, and opening one closes the others.
(function () {
  "use strict";
  function menus() { return document.querySelectorAll("details[data-menu][open]"); }
  document.addEventListener("click", function (event) {
    menus().forEach(function (menu) {
      if (!menu.contains(event.target)) { menu.removeAttribute("open"); }
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    menus().forEach(function (menu) {
      menu.removeAttribute("open");
      var summary = menu.querySelector("summary");
      if (summary && menu.contains(document.activeElement)) { summary.focus(); }
    });
  });
  document.addEventListener("toggle", function (event) {
    var opened = event.target;
    if (!opened.matches || !opened.matches("details[data-menu]") || !opened.open) { return; }
    menus().forEach(function (menu) { if (menu !== opened) { menu.removeAttribute("open"); } });
  }, true);
})();

// Toasts (components/toast.html) with a close button: the button removes its toast. Without
// JavaScript the toast stays, which loses nothing.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-dismiss-toast]");
    if (!button) { return; }
    var toast = button.closest(".toast");
    if (toast) { toast.remove(); }
  });
})();
