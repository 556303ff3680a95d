// Forum niceties; every page works without them.
// 1. Server-side drafts: forms with data-draft-key save their text every few seconds while typing.
// 2. Quote a selection: selecting text in a post and clicking its Quote link quotes just that text.
(function () {
  "use strict";
  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }
  function setupDraft(form) {
    var timer = null;
    var status = form.querySelector("[data-draft-status]");
    function save() {
      var data = new FormData();
      data.append("key", form.getAttribute("data-draft-key"));
      var title = form.querySelector("[name=title]");
      var body = form.querySelector("[name=body]");
      data.append("title", title ? title.value : "");
      data.append("body", body ? body.value : "");
      fetch(form.getAttribute("data-draft-url"), {
        method: "POST", body: data, credentials: "same-origin",
        headers: {"X-CSRFToken": csrfToken(), "HX-Request": "true"}
      }).then(function (response) {
        if (status && response.ok) { status.textContent = "Draft saved"; }
      }).catch(function () { if (status) { status.textContent = "Draft not saved (offline?)"; } });
    }
    form.addEventListener("input", function () {
      if (timer) { clearTimeout(timer); }
      timer = setTimeout(save, 2000);
    });
  }
  // 3. Mentions, product cards, uploads and the preview live in composer.js (the composer's own script).
  // 4. Reading marker: the thread page reads without writing; once shown, the page tells the server
  //    the last post number on it (data-read-up-to), so the reader's "new" markers move on.
  function markRead(list) {
    var data = new FormData();
    data.append("up_to", list.getAttribute("data-read-up-to"));
    data.append("csrfmiddlewaretoken", csrfToken());
    fetch(list.getAttribute("data-read-url"), {
      method: "POST", body: data, credentials: "same-origin", keepalive: true,
      headers: {"X-CSRFToken": csrfToken()}
    }).catch(function () {});
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-read-url][data-read-up-to]").forEach(markRead);
    document.querySelectorAll("form[data-draft-key]").forEach(setupDraft);
    document.querySelectorAll("a[data-quote-link]").forEach(function (link) {
      link.addEventListener("click", function () {
        var selection = window.getSelection ? String(window.getSelection()) : "";
        if (selection.trim()) {
          var url = new URL(link.href, window.location.href);
          url.searchParams.set("selection", selection.slice(0, 2000));
          link.href = url.toString();
        }
      });
    });
  });
})();
