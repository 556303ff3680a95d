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
  function relative(date) {
    var seconds = (date.getTime() - Date.now()) / 1000;
    if (!window.Intl || !Intl.RelativeTimeFormat) { return null; }
    var format = new Intl.RelativeTimeFormat(document.documentElement.lang || undefined, { numeric: "auto" });
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
