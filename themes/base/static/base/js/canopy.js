// Light / dark / system toggle. The choice persists in a cookie (so the server renders it with no
// flash) and in localStorage; without JavaScript the page follows the system's preference.
(function () {
  "use strict";
  var order = ["system", "light", "dark"];
  function apply(scheme) {
    document.documentElement.setAttribute("data-color-scheme", scheme);
    document.cookie = "color_scheme=" + scheme + ";path=/;max-age=31536000;samesite=lax";
    try { localStorage.setItem("color_scheme", scheme); } catch (e) { /* private mode */ }
    document.querySelectorAll("[data-scheme-toggle]").forEach(function (button) {
      button.setAttribute("aria-label", "Colour scheme: " + scheme);
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-scheme-toggle]").forEach(function (button) {
      button.addEventListener("click", function () {
        var current = document.documentElement.getAttribute("data-color-scheme") || "system";
        apply(order[(order.indexOf(current) + 1) % order.length]);
      });
    });
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
