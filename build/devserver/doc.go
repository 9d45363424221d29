// Package devserver is `bedside serve`: it builds a site into memory, serves
// it on a loopback address, watches the site folder and shows every saved
// edit in the open browser tabs.
//
// The pieces, one a file:
//
//   - watch.go finds changed files: fsnotify on content/, static/, themes/
//     and bedside.toml, folders created later included, or a stat-based scan
//     (--poll) on file systems that send no events.
//   - coalesce.go merges a burst of events (an editor's write-then-rename, a
//     git checkout) into one batch, and holds a batch back while a file of
//     it is still empty from a write that has only begun.
//   - rebuild.go turns a batch into a new [snapshot]. An edit to the body of
//     an article re-renders that page alone; anything else reloads the
//     content model and re-renders only the pages whose inputs changed
//     (affected.go says which); a config or theme change re-renders all.
//     Rendered Markdown bodies are cached by content hash between builds.
//     Static files of 4 MB or more (videos) are served from static/,
//     not held in memory.
//   - snapshot.go is one immutable build: every file, compressed, with its
//     ETag and content type. The server swaps snapshots whole through an
//     atomic pointer, so a reader sees the old site or the new one, never a
//     mix; a failed build keeps the last good snapshot.
//   - handler.go serves a snapshot (never the file system) and refuses
//     paths that try to leave the site.
//   - events.go and client.js are the live reload: a small script the
//     server adds to every HTML page it serves (`bedside build` never writes
//     it) listens on Server-Sent Events, reloads the page once the new
//     snapshot is live, swaps stylesheets without a reload when only CSS
//     changed, and shows the build's errors in an overlay until they are
//     fixed.
package devserver
