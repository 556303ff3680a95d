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
