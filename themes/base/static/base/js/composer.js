// The composer (forum/includes/composer.html). Without this script it is a plain text area with an
// upload link; with it:
// 1. a toolbar and Ctrl/Cmd+B, I, K wrap the selection in markdown;
// 2. Preview shows the text rendered by the server with the post's own pipeline (nothing is saved);
// 3. typing @name offers people, the product button searches the catalogue for a card to insert;
// 4. images upload from the button, the upload link, a paste or a drop, with a progress bar; the
//    markdown goes in where the placeholder stood, or the server's reason shows.
// Every change goes through the text area's input event, so the draft autosave (forum.js) keeps it.
(function () {
  "use strict";
  var uid = 0;

  function csrfToken(root) {
    var input = (root.closest("form") || document).querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }
  function get(url, done) {
    return fetch(url, {credentials: "same-origin", headers: {"HX-Request": "true"}})
      .then(function (r) { return r.text(); }).then(done).catch(function () {});
  }
  function debounce(fn, ms) {
    var timer = null;
    return function () { clearTimeout(timer); timer = setTimeout(fn, ms); };
  }

  // A listbox of options (li[role=option][data-insert]) driven from a text field: arrows move,
  // Enter or Tab picks, Escape closes; the field points at the active option.
  function Options(list, field, pick) {
    var active = -1;
    list.id = list.id || "composer-options-" + (++uid);
    field.setAttribute("aria-controls", list.id);
    field.setAttribute("aria-autocomplete", "list");
    function items() { return list.querySelectorAll("[role=option]"); }
    function mark(index) {
      var all = items();
      active = all.length ? (index + all.length) % all.length : -1;
      all.forEach(function (item, i) {
        item.id = item.id || list.id + "-" + i;
        item.setAttribute("aria-selected", i === active ? "true" : "false");
      });
      if (active >= 0) {
        field.setAttribute("aria-activedescendant", all[active].id);
        all[active].scrollIntoView({block: "nearest"});
      } else { field.removeAttribute("aria-activedescendant"); }
    }
    list.addEventListener("mousedown", function (event) { event.preventDefault(); });
    list.addEventListener("click", function (event) {
      var item = event.target.closest("[role=option]");
      if (item) { pick(item); }
    });
    return {
      show: function (html) {
        list.innerHTML = html;
        list.hidden = false;
        field.setAttribute("aria-expanded", "true");
        mark(0);
      },
      hide: function () {
        list.hidden = true;
        field.setAttribute("aria-expanded", "false");
        field.removeAttribute("aria-activedescendant");
      },
      open: function () { return !list.hidden; },
      // true when the key was the list's to handle
      key: function (event) {
        if (list.hidden) { return false; }
        if (event.key === "ArrowDown" || event.key === "ArrowUp") {
          mark(active + (event.key === "ArrowDown" ? 1 : -1));
        } else if ((event.key === "Enter" || event.key === "Tab") && active >= 0) {
          pick(items()[active]);
        } else if (event.key === "Escape") {
          this.hide();
        } else { return false; }
        event.preventDefault();
        return true;
      }
    };
  }

  function setup(root) {
    var area = root.querySelector("textarea");
    var bar = root.querySelector("[data-composer-bar]");
    if (!area || !bar) { return; }
    var preview = root.querySelector("[data-composer-preview]");
    var uploads = root.querySelector("[data-composer-uploads]");
    var picker = root.querySelector("[data-composer-picker]");
    var pickerInput = picker.querySelector("[data-picker-input]");
    var refusal = root.querySelector("[data-upload-refusal] span");
    var uploadUrl = root.getAttribute("data-upload-url");
    var previewButton = bar.querySelector("[data-action=preview]");
    var productButton = bar.querySelector("[data-action=product]");
    var fileInput = document.createElement("input");
    fileInput.type = "file";
    fileInput.accept = "image/jpeg,image/png,image/gif,image/webp";
    fileInput.multiple = true;
    fileInput.hidden = true;
    root.appendChild(fileInput);
    bar.hidden = false;
    var hint = root.querySelector("[data-composer-drop-hint]");
    if (hint && !refusal) { hint.hidden = false; }

    // --- editing: through the browser's own editing where it can (so undo works), else setRangeText;
    //     quietly (an upload finishing) leaves the focus and the caret where the writer has them
    function replace(start, end, text, selectFrom, selectTo, quiet) {
      var done = false;
      if (!quiet && !area.hidden) {
        area.focus();
        area.setSelectionRange(start, end);
        try { done = document.activeElement === area && document.execCommand("insertText", false, text); } catch (e) { done = false; }
      }
      if (!done || area.value.slice(start, start + text.length) !== text) {
        area.setRangeText(text, start, end, quiet ? "preserve" : "end");
        area.dispatchEvent(new Event("input", {bubbles: true}));
      }
      if (!quiet) {
        area.setSelectionRange(start + (selectFrom === undefined ? text.length : selectFrom),
          start + (selectTo === undefined ? text.length : selectTo));
      }
    }
    function wrap(before, after, placeholder) {
      var start = area.selectionStart, end = area.selectionEnd;
      var text = area.value.slice(start, end);
      if (text && area.value.slice(start - before.length, start) === before &&
          area.value.slice(end, end + after.length) === after) {  // already wrapped: unwrap
        replace(start - before.length, end + after.length, text, 0, text.length);
        return;
      }
      var inner = text || placeholder;
      replace(start, end, before + inner + after, before.length, before.length + inner.length);
    }
    function prefixLines(prefix) {
      var value = area.value;
      var start = value.lastIndexOf("\n", area.selectionStart - 1) + 1;
      var last = area.selectionEnd;
      if (last > area.selectionStart && value.charAt(last - 1) === "\n") { last -= 1; }
      var end = value.indexOf("\n", last);
      if (end < 0) { end = value.length; }
      var lines = value.slice(start, end).split("\n");
      var all = lines.every(function (line) { return line.indexOf(prefix) === 0; });
      var text = lines.map(function (line) {
        return all ? line.slice(prefix.length) : (line.trim() ? prefix + line : prefix);
      }).join("\n");
      replace(start, end, text, text === prefix ? text.length : 0, text.length);
    }
    // a block (a card, an image) stands in a paragraph of its own
    function insertBlock(text, at, quiet) {
      var start = at === undefined ? area.selectionStart : at;
      var before = area.value.slice(0, start), after = area.value.slice(start);
      var lead = !before || /\n\n$/.test(before) ? "" : (/\n$/.test(before) ? "\n" : "\n\n");
      var tail = /^\n\n/.test(after) ? "" : (/^\n/.test(after) ? "\n" : "\n\n");
      replace(start, start, lead + text + tail, undefined, undefined, quiet);
    }
    var actions = {
      bold: function () { wrap("**", "**", "bold text"); },
      italic: function () { wrap("_", "_", "italic text"); },
      code: function () {
        var text = area.value.slice(area.selectionStart, area.selectionEnd);
        if (text.indexOf("\n") >= 0) { wrap("```\n", "\n```", ""); } else { wrap("`", "`", "code"); }
      },
      link: function () {
        var start = area.selectionStart, end = area.selectionEnd;
        var text = area.value.slice(start, end);
        if (/^https?:\/\/\S+$/.test(text)) {
          replace(start, end, "[link text](" + text + ")", 1, 10);
        } else {
          var label = text || "link text";
          var at = label.length + 3;
          replace(start, end, "[" + label + "](https://)", text ? at : 1, text ? at + 8 : 1 + label.length);
        }
      },
      list: function () { prefixLines("- "); },
      quote: function () { prefixLines("> "); },
      mention: function () {
        var before = area.value.slice(0, area.selectionStart);
        replace(area.selectionStart, area.selectionEnd, (before && !/\s$/.test(before) ? " @" : "@"));
      },
      image: function () {
        if (refusal) { showUpload("", refusal.textContent, true); return; }
        fileInput.click();
      },
      product: function () { togglePicker(picker.hidden); },
      preview: function () { togglePreview(previewButton.getAttribute("aria-pressed") !== "true"); }
    };
    bar.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-action]");
      if (button && !button.disabled) { actions[button.getAttribute("data-action")](); }
    });
    area.addEventListener("keydown", function (event) {
      if (mentions.key(event)) { return; }
      if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey) {
        var key = {b: "bold", i: "italic", k: "link"}[event.key.toLowerCase()];
        if (key) { event.preventDefault(); actions[key](); }
      }
    });

    // --- @mentions: the word being typed after an @ asks the server for people
    var mentionList = root.querySelector("[data-mention-results]");
    var mentionSeq = 0;
    var mentions = Options(mentionList, area, function (item) {
      if (!item.hasAttribute("data-insert")) { return; }
      var end = area.selectionStart;
      var start = area.value.slice(0, end).search(/@[\w.+-]*$/);
      replace(start, end, item.getAttribute("data-insert"));
      mentions.hide();
    });
    function typedMention() {
      if (area.selectionStart !== area.selectionEnd) { return null; }
      var match = /(^|[\s(>])@([\w.+-]{1,30})$/.exec(area.value.slice(0, area.selectionStart));
      return match ? match[2] : null;
    }
    var askPeople = debounce(function () {
      var prefix = typedMention();
      if (!prefix) { mentions.hide(); return; }
      var seq = ++mentionSeq;
      get(root.getAttribute("data-people-url") + "?q=" + encodeURIComponent(prefix), function (html) {
        if (seq === mentionSeq && typedMention() === prefix) { mentions.show(html); }
      });
    }, 150);
    area.addEventListener("input", askPeople);
    area.addEventListener("blur", function () { setTimeout(mentions.hide, 150); });

    // --- product cards: a search box over the catalogue; picking one inserts [[product:slug]]
    var pickAt = 0;
    var productSeq = 0;
    var products = Options(picker.querySelector("[data-picker-results]"), pickerInput, function (item) {
      if (!item.hasAttribute("data-insert")) { return; }
      togglePicker(false);
      insertBlock(item.getAttribute("data-insert"), pickAt);
    });
    var askProducts = debounce(function () {
      var seq = ++productSeq;
      get(root.getAttribute("data-products-url") + "?q=" + encodeURIComponent(pickerInput.value.trim()),
        function (html) { if (seq === productSeq && !picker.hidden) { products.show(html); } });
    }, 200);
    function togglePicker(open) {
      picker.hidden = !open;
      productButton.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) {
        pickAt = area.selectionStart;
        pickerInput.value = "";
        askProducts();
        pickerInput.focus();
      } else {
        products.hide();
        area.focus();
      }
    }
    pickerInput.addEventListener("input", askProducts);
    pickerInput.addEventListener("keydown", function (event) {
      if (products.key(event)) { return; }
      if (event.key === "Enter") { event.preventDefault(); }  // never posts the form
      if (event.key === "Escape") { event.preventDefault(); togglePicker(false); }
    });

    // --- preview: the server renders the text as the post will show
    function togglePreview(on) {
      previewButton.setAttribute("aria-pressed", on ? "true" : "false");
      bar.querySelectorAll("button[data-action]").forEach(function (button) {
        if (button !== previewButton) { button.disabled = on || (button.getAttribute("data-action") === "image" && !!refusal); }
      });
      area.hidden = on;
      preview.hidden = !on;
      if (!on) { area.focus(); return; }
      togglePicker(false);
      area.hidden = true;
      preview.innerHTML = '<p class="muted">Rendering the preview…</p>';
      var data = new FormData();
      data.append("body", area.value);
      ["thread", "board"].forEach(function (name) {
        if (root.hasAttribute("data-" + name)) { data.append(name, root.getAttribute("data-" + name)); }
      });
      fetch(root.getAttribute("data-preview-url"), {
        method: "POST", body: data, credentials: "same-origin",
        headers: {"X-CSRFToken": csrfToken(root), "HX-Request": "true"}
      }).then(function (response) { return response.text(); })
        .then(function (html) {
          // parsed apart from the page: a product card's own form must not melt into the composer's
          var parsed = document.createElement("template");
          parsed.innerHTML = html;
          preview.replaceChildren(parsed.content);
          preview.focus();
        })
        .catch(function () {
          preview.innerHTML = '<p class="composer__error" role="alert">The preview could not load (offline?). Your text is kept.</p>';
        });
    }
    root.closest("form").addEventListener("submit", function () { if (area.hidden) { togglePreview(false); } });

    // --- images: upload with progress, the markdown in place of a placeholder
    function showUpload(name, message, isError) {
      var row = document.createElement("p");
      row.className = "composer__upload" + (isError ? " composer__upload--error" : "");
      if (isError) { row.setAttribute("role", "alert"); }
      row.textContent = (name ? name + ": " : "") + message;
      uploads.appendChild(row);
      return row;
    }
    function upload(file) {
      if (refusal) { showUpload(file.name, refusal.textContent, true); return; }
      var name = file.name || "image";
      var placeholder = "![Uploading " + name.replace(/[\[\]]/g, "") + " #" + (++uid) + "…]()";
      insertBlock(placeholder);
      var row = showUpload(name, "");
      var progress = document.createElement("progress");
      progress.max = 100;
      progress.value = 0;
      progress.setAttribute("aria-label", "Uploading " + name);
      row.appendChild(progress);
      function settle(markdown, error) {
        var at = area.value.indexOf(placeholder);
        if (at >= 0) { replace(at, at + placeholder.length, markdown, undefined, undefined, true); }
        else if (markdown) { insertBlock(markdown, area.value.length, true); }
        if (error) {
          row.textContent = name + ": " + error;
          row.className += " composer__upload--error";
          row.setAttribute("role", "alert");
        } else {
          row.textContent = name + ": uploaded";
          setTimeout(function () { row.remove(); }, 4000);
        }
      }
      var data = new FormData();
      data.append("image", file);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", uploadUrl);
      xhr.setRequestHeader("X-CSRFToken", csrfToken(root));
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.addEventListener("progress", function (event) {
        if (event.lengthComputable) { progress.value = Math.round(100 * event.loaded / event.total); }
      });
      xhr.addEventListener("load", function () {
        var result = {};
        try { result = JSON.parse(xhr.responseText); } catch (e) { result = {}; }
        if (xhr.status === 200 && result.markdown) { settle(result.markdown, ""); return; }
        settle("", result.error ? result.error + (result.can_retry ? " Try another image." : "")
          : xhr.status === 413 ? "The image is too big." : "The upload failed (" + xhr.status + ").");
      });
      xhr.addEventListener("error", function () { settle("", "The upload failed: no connection. Your text is kept."); });
      xhr.send(data);
    }
    function uploadAll(files) { Array.prototype.forEach.call(files, upload); }
    fileInput.addEventListener("change", function () { uploadAll(fileInput.files); fileInput.value = ""; });
    root.querySelectorAll("a[data-upload-link]").forEach(function (link) {
      link.addEventListener("click", function (event) { event.preventDefault(); fileInput.click(); });
    });
    area.addEventListener("paste", function (event) {
      var clip = event.clipboardData;
      if (!clip || !clip.files.length || clip.types.indexOf("text/plain") >= 0) { return; }
      event.preventDefault();
      uploadAll(clip.files);
    });
    function hasFiles(event) {
      return event.dataTransfer && Array.prototype.indexOf.call(event.dataTransfer.types, "Files") >= 0;
    }
    root.addEventListener("dragover", function (event) {
      if (!hasFiles(event)) { return; }
      event.preventDefault();  // a file dropped here uploads instead of replacing the page (and the draft)
      root.classList.add("composer--drop");
    });
    root.addEventListener("dragleave", function (event) {
      if (!root.contains(event.relatedTarget)) { root.classList.remove("composer--drop"); }
    });
    root.addEventListener("drop", function (event) {
      root.classList.remove("composer--drop");
      if (!hasFiles(event)) { return; }
      event.preventDefault();
      area.focus();
      uploadAll(event.dataTransfer.files);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-composer]").forEach(setup);
  });
})();
