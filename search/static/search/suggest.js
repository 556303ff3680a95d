// Instant suggestions under the header search box: htmx fetches them (debounced on the input);
// this adds keyboard navigation (Up/Down, Enter, Escape) and closes the list when focus leaves.
(function () {
  "use strict";
  function setup() {
    var input = document.getElementById("site-search-q");
    var box = document.getElementById("site-search-suggestions");
    if (!input || !box) return;
    var active = -1;
    function options() { return Array.prototype.slice.call(box.querySelectorAll("[role=option]")); }
    function open() { return options().length > 0 && !box.hidden; }
    function show(on) {
      box.hidden = !on;
      input.setAttribute("aria-expanded", on ? "true" : "false");
      if (!on) { active = -1; input.removeAttribute("aria-activedescendant"); }
    }
    function highlight(index) {
      var items = options();
      if (!items.length) return;
      active = (index + items.length) % items.length;
      items.forEach(function (item, i) { item.setAttribute("aria-selected", i === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", items[active].id);
      items[active].scrollIntoView({ block: "nearest" });
    }
    document.body.addEventListener("htmx:afterSwap", function (event) {
      if (event.detail.target === box) { active = -1; show(options().length > 0); }
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") { event.preventDefault(); if (!open()) show(true); highlight(active + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
      else if (event.key === "Escape") { show(false); }
      else if (event.key === "Enter" && open() && active >= 0) {
        var link = options()[active].querySelector("a");
        if (link) { event.preventDefault(); window.location.assign(link.href); }
      }
    });
    input.addEventListener("blur", function () { setTimeout(function () { show(false); }, 150); });
    input.addEventListener("focus", function () { if (options().length) show(true); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
