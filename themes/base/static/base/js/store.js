// The product page, enhanced (store/product.html, store/includes/gallery.html). Without this file the
// gallery's thumbnails are links to each picture and the buy bar follows the picked version by CSS.
// With it: thumbnails and previous/next buttons scroll the gallery in place, the current thumbnail
// and a counter follow swiping, and picking a version shows its picture.
(function () {
  "use strict";

  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function setUpGallery(gallery) {
    var track = gallery.querySelector("[data-gallery-track]");
    if (!track) return null;
    var slides = Array.prototype.slice.call(track.children);
    var thumbs = Array.prototype.slice.call(gallery.querySelectorAll("[data-gallery-thumb]"));
    var steps = Array.prototype.slice.call(gallery.querySelectorAll("[data-gallery-step]"));
    var count = gallery.querySelector("[data-gallery-count]");
    var current = 0;

    function show(index) {
      index = Math.max(0, Math.min(slides.length - 1, index));
      track.scrollTo({ left: slides[index].offsetLeft, behavior: reduceMotion ? "auto" : "smooth" });
      mark(index);
    }

    function mark(index) {
      current = index;
      thumbs.forEach(function (thumb, i) {
        if (i === index) thumb.setAttribute("aria-current", "true");
        else thumb.removeAttribute("aria-current");
      });
      steps.forEach(function (step) {
        var by = Number(step.getAttribute("data-gallery-step"));
        step.disabled = (by < 0 && index === 0) || (by > 0 && index === slides.length - 1);
      });
      if (count) count.textContent = index + 1 + " / " + slides.length;
    }

    thumbs.forEach(function (thumb, i) {
      thumb.addEventListener("click", function (event) {
        event.preventDefault(); // scroll the gallery, not the page
        show(i);
      });
    });
    steps.forEach(function (step) {
      step.hidden = false;
      step.addEventListener("click", function () {
        show(current + Number(step.getAttribute("data-gallery-step")));
      });
    });
    if (count) count.hidden = false;

    var pending = false;
    track.addEventListener(
      "scroll",
      function () {
        if (pending) return;
        pending = true;
        window.requestAnimationFrame(function () {
          pending = false;
          var width = track.clientWidth || 1;
          var index = Math.round(track.scrollLeft / width);
          if (index !== current) mark(Math.max(0, Math.min(slides.length - 1, index)));
        });
      },
      { passive: true }
    );
    mark(0);

    return {
      showAnchor: function (id) {
        var index = slides.findIndex(function (slide) {
          return slide.id === id;
        });
        if (index >= 0 && index !== current) show(index);
      },
    };
  }

  function setUpBuyBar(form, gallery) {
    var bar = document.querySelector("[data-buy-bar]");
    function follow(input) {
      if (bar) {
        bar.querySelectorAll("[data-buy-choice]").forEach(function (choice) {
          choice.classList.toggle("is-chosen", choice.getAttribute("data-buy-choice") === input.value);
        });
      }
      var label = input.closest("[data-picture]");
      if (gallery && label) gallery.showAnchor(label.getAttribute("data-picture"));
    }
    // change: a version newly picked (by pointer or arrow keys); click: also the one already picked,
    // which brings its picture back after browsing the gallery
    ["change", "click"].forEach(function (type) {
      form.addEventListener(type, function (event) {
        if (event.target.name === "variant" && !event.target.disabled) follow(event.target);
      });
    });
    var checked = form.querySelector('input[name="variant"]:checked');
    if (checked && bar) {
      bar.querySelectorAll("[data-buy-choice]").forEach(function (choice) {
        choice.classList.toggle("is-chosen", choice.getAttribute("data-buy-choice") === checked.value);
      });
    }
  }

  function init() {
    var galleryElement = document.querySelector("[data-gallery]");
    var gallery = galleryElement ? setUpGallery(galleryElement) : null;
    var form = document.getElementById("buy-form");
    if (form) setUpBuyBar(form, gallery);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
