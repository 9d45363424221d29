// Click-to-load video: a placeholder is a plain link to the video, so the
// page contacts no video host until the reader chooses to watch. On click,
// swap in the player from the privacy-enhanced host named in data-embed.
(function () {
  "use strict";
  if (window.bedsideVideo) return;
  window.bedsideVideo = true;
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
    link.parentNode.replaceChild(frame, link);
    frame.focus();
  });
})();
