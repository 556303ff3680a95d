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
  // 3. @mention autocomplete: typing @ and two letters suggests members; Enter or a click inserts.
  function setupMentions(form) {
    var url = form.getAttribute("data-mentions-url");
    var area = form.querySelector("textarea[name=body]");
    if (!url || !area) { return; }
    var list = document.createElement("ul");
    list.className = "mention-list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    area.insertAdjacentElement("afterend", list);
    function current() {
      var before = area.value.slice(0, area.selectionStart);
      var match = /(^|\s)@([\w.+-]{2,30})$/.exec(before);
      return match ? match[2] : null;
    }
    function insert(username) {
      var start = area.selectionStart;
      var before = area.value.slice(0, start).replace(/@[\w.+-]*$/, "@" + username + " ");
      area.value = before + area.value.slice(start);
      area.selectionStart = area.selectionEnd = before.length;
      list.hidden = true;
      area.focus();
    }
    area.addEventListener("input", function () {
      var prefix = current();
      if (!prefix) { list.hidden = true; return; }
      fetch(url + "?q=" + encodeURIComponent(prefix), {credentials: "same-origin"})
        .then(function (response) { return response.json(); })
        .then(function (data) {
          list.innerHTML = "";
          data.results.forEach(function (person) {
            var item = document.createElement("li");
            item.setAttribute("role", "option");
            item.textContent = "@" + person.username + " (" + person.name + ")";
            item.addEventListener("mousedown", function (event) { event.preventDefault(); insert(person.username); });
            list.appendChild(item);
          });
          list.hidden = data.results.length === 0;
        });
    });
    area.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !list.hidden && list.firstChild) {
        event.preventDefault();
        insert(list.firstChild.textContent.split(" ")[0].slice(1));
      } else if (event.key === "Escape") {
        list.hidden = true;
      }
    });
  }
  // 4. Image upload: the link opens the upload page without JavaScript; with it, pick a file and the
  //    markdown for the image goes into the text at the cursor.
  function setupUpload(link) {
    var form = link.closest("form");
    var area = form && form.querySelector("textarea[name=body]");
    if (!area) { return; }
    var input = document.createElement("input");
    input.type = "file";
    input.accept = "image/jpeg,image/png,image/gif,image/webp";
    input.hidden = true;
    link.insertAdjacentElement("afterend", input);
    link.addEventListener("click", function (event) { event.preventDefault(); input.click(); });
    input.addEventListener("change", function () {
      if (!input.files.length) { return; }
      var data = new FormData();
      data.append("image", input.files[0]);
      link.textContent = "Uploading…";
      fetch(link.href, {method: "POST", body: data, credentials: "same-origin",
        headers: {"X-CSRFToken": csrfToken(), "Accept": "application/json"}})
        .then(function (response) { return response.json(); })
        .then(function (result) {
          // a bad file can be replaced ("Try another image."); a refusal cannot, so say only why
          link.textContent = result.error ? result.error + (result.can_retry ? " Try another image." : "") : "Upload an image";
          if (result.markdown) {
            var at = area.selectionStart;
            area.value = area.value.slice(0, at) + result.markdown + "\n" + area.value.slice(at);
            area.dispatchEvent(new Event("input"));
          }
          input.value = "";
        });
    });
  }
  // 5. Reading marker: the thread page reads without writing; once shown, the page tells the server
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
    document.querySelectorAll("a[data-upload-link]").forEach(setupUpload);
    document.querySelectorAll("form[data-mentions-url]").forEach(setupMentions);
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
