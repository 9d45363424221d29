// Bedside dev server: live reload and build-error overlay. Served by
// `bedside serve` only; `bedside build` never writes this file.
(function () {
  "use strict";
  var current = window.__bedsideBuild; // set by the server when it serves this script
  var scrollKey = "bedside:scroll:" + location.pathname + location.search;

  // Put the reader back where they were before the reload.
  try {
    var saved = sessionStorage.getItem(scrollKey);
    if (saved) {
      sessionStorage.removeItem(scrollKey);
      var xy = JSON.parse(saved);
      var restore = function () { window.scrollTo({ left: xy[0], top: xy[1], behavior: "instant" }); };
      if (document.readyState === "complete") restore(); else window.addEventListener("load", restore);
      restore();
    }
  } catch (e) {}

  function reload() {
    try { sessionStorage.setItem(scrollKey, JSON.stringify([window.scrollX, window.scrollY])); } catch (e) {}
    location.reload();
  }

  // Swap stylesheets without a reload: the new link is added first and the
  // old one removed once the new one has loaded, so nothing flashes.
  function swapStyles(css, build) {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var link = links[i];
      // The server maps the name the page was built with; a link swapped
      // before carries that name along.
      var path = link.getAttribute("data-bedside-from") || new URL(link.href, location.href).pathname;
      var to = css[path];
      if (!to) continue;
      var next = link.cloneNode();
      next.href = to === path ? to + "?v=" + encodeURIComponent(build) : to;
      next.setAttribute("data-bedside-from", path);
      (function (old, next) {
        next.addEventListener("load", function () { old.remove(); });
        next.addEventListener("error", function () { old.remove(); });
      })(link, next);
      link.after(next);
    }
  }

  var host = null;
  function showErrors(errors) {
    hideErrors();
    host = document.createElement("bedside-overlay");
    host.setAttribute("data-bedside-overlay", "");
    var root = host.attachShadow({ mode: "open" });
    var style = document.createElement("style");
    style.textContent =
      ":host{all:initial}" +
      ".panel{position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.92);color:#fff;" +
      "font:16px/1.5 system-ui,sans-serif;padding:2rem}" +
      "h2{margin:0 0 .5rem;font-size:1.4rem;color:#ffb4a8}p{margin:0 0 1rem}" +
      "li{margin:0 0 1rem}code{font:15px/1.4 ui-monospace,monospace;color:#ffe08a}.hint{color:#c8f7c5}";
    var panel = document.createElement("div");
    panel.className = "panel";
    panel.setAttribute("role", "alert");
    var h = document.createElement("h2");
    h.textContent = errors.length === 1 ? "The site has 1 error" : "The site has " + errors.length + " errors";
    var p = document.createElement("p");
    p.textContent = "You are seeing the last version that built. Fix the file and save: this message goes away by itself.";
    var ul = document.createElement("ul");
    errors.forEach(function (e) {
      var li = document.createElement("li");
      var where = document.createElement("code");
      where.textContent = e.where;
      li.appendChild(where);
      li.appendChild(document.createTextNode(": " + e.message));
      if (e.hint) {
        var hint = document.createElement("div");
        hint.className = "hint";
        hint.textContent = "How to fix: " + e.hint;
        li.appendChild(hint);
      }
      ul.appendChild(li);
    });
    panel.appendChild(h);
    panel.appendChild(p);
    panel.appendChild(ul);
    root.appendChild(style);
    root.appendChild(panel);
    document.documentElement.appendChild(host);
  }
  function hideErrors() {
    if (host) { host.remove(); host = null; }
  }

  function onStatus(st) {
    if (st.errors && st.errors.length) {
      showErrors(st.errors);
      return;
    }
    hideErrors();
    if (!st.build || st.build === current) return;
    if (st.css && current) {
      swapStyles(st.css, st.build);
      current = st.build;
      return;
    }
    if (!current) { current = st.build; return; }
    reload();
  }

  function connect() {
    if (!window.EventSource) return;
    var es = new EventSource("/__bedside/events");
    es.addEventListener("status", function (ev) {
      try { onStatus(JSON.parse(ev.data)); } catch (e) {}
    });
  }
  if (document.documentElement) connect(); else document.addEventListener("DOMContentLoaded", connect);
})();
