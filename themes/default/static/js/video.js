// Click-to-load video: a placeholder is a plain link to the video, so the
// page contacts no video host until the reader chooses to watch. On click,
// swap in the player from the privacy-enhanced host named in data-embed.
// When the page's Content-Security-Policy forbids that frame (the default
// netlify.toml has frame-src 'none'), undo the swap and follow the link, as a
// click without JavaScript does: the video opens on its host.
(function () {
  "use strict";
  if (window.bedsideVideo) return;
  window.bedsideVideo = true;

  // fallBack puts the link back and opens the video's page if the browser
  // blocks the frame of the given origin.
  function fallBack(link, frame, origin) {
    function blocked(event) {
      var directive = event.effectiveDirective || event.violatedDirective || "";
      if (!/^(frame|child)-src/.test(directive) || String(event.blockedURI).indexOf(origin) !== 0) return;
      document.removeEventListener("securitypolicyviolation", blocked);
      if (frame.parentNode) frame.parentNode.replaceChild(link, frame);
      window.location.href = link.href;
    }
    document.addEventListener("securitypolicyviolation", blocked);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.video-link[data-embed]");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var src = link.getAttribute("data-embed");
    if (!/^https:\/\/(www\.youtube-nocookie\.com\/embed\/|player\.vimeo\.com\/video\/)/.test(src)) return;
    event.preventDefault();
    var frame = document.createElement("iframe");
    frame.src = src;
    frame.title = link.getAttribute("data-title") || "Video";
    frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    frame.setAttribute("allowfullscreen", "");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    frame.className = "video-frame";
    fallBack(link, frame, src.slice(0, src.indexOf("/", "https://".length))); // the origin
    link.parentNode.replaceChild(frame, link);
    frame.focus();
  });
})();
