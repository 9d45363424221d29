package devserver

import (
	"bytes"
	_ "embed"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// Paths the dev server answers itself. They start with /__bedside/, which
// no page can have: site paths are made of letters, digits and hyphens.
const (
	clientPath = "/__bedside/live.js"
	eventsPath = "/__bedside/events"
)

//go:embed client.js
var clientJS []byte

// handler serves the current snapshot. It never reads the file system.
type handler struct {
	current *atomic.Pointer[snapshot]
	ready   <-chan struct{} // closed once the first build is served
	events  *broker
	done    <-chan struct{} // closed on shutdown
	started time.Time
}

func (h *handler) buildID(s *snapshot) string {
	return strconv.FormatInt(h.started.UnixNano(), 36) + "." + strconv.FormatInt(s.version, 10)
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if r.URL.Path == eventsPath {
		h.events.serve(w, r, h.done)
		return
	}
	select {
	case <-h.ready:
	case <-r.Context().Done():
		return
	}
	snap := h.current.Load()
	if r.URL.Path == clientPath {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		js := append([]byte("window.__bedsideBuild="+strconv.Quote(h.buildID(snap))+";\n"), clientJS...)
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(js))
		return
	}
	name, ok := outputName(r.URL)
	if !ok {
		http.Error(w, "bad request: that path is not part of the site", http.StatusBadRequest)
		return
	}
	f := snap.get(name)
	if f == nil && name != "" && !strings.HasSuffix(name, "/index.html") && name != "index.html" {
		// /conditions/asthma → /conditions/asthma/ when that page exists.
		if snap.get(name+"/index.html") != nil {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
	}
	if f == nil {
		h.notFound(w, r, snap)
		return
	}
	serveFile(w, r, f, http.StatusOK)
}

// outputName maps a request path to an output path ("/conditions/" →
// "conditions/index.html"), refusing anything that could name a file
// outside the site: dot segments, backslashes, encoded slashes, NUL.
func outputName(u *url.URL) (string, bool) {
	p := u.Path
	raw := u.EscapedPath()
	lowerRaw := strings.ToLower(raw)
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") ||
		strings.Contains(lowerRaw, "%2f") || strings.Contains(lowerRaw, "%5c") || strings.Contains(lowerRaw, "%00") {
		return "", false
	}
	segs := strings.Split(p[1:], "/")
	for i, s := range segs {
		if s == "." || s == ".." || (s == "" && i != len(segs)-1) || strings.Contains(s, ":") {
			return "", false
		}
	}
	name := p[1:]
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	return name, true
}

// notFound serves the site's 404.html with status 404.
func (h *handler) notFound(w http.ResponseWriter, r *http.Request, snap *snapshot) {
	if f := snap.get("404.html"); f != nil {
		serveFile(w, r, f, http.StatusNotFound)
		return
	}
	// No good build yet: a bare page that still carries the live script,
	// so that the error overlay shows and the page reloads once fixed.
	serveFile(w, r, newFile("404.html", []byte("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head><body><h1>Not found</h1><p>This page is not part of the site, or the site has not built yet.</p></body></html>")), http.StatusNotFound)
}

// serveFile writes f: gzipped to clients that accept it, with its ETag,
// honouring HEAD and conditional GET for status 200.
func serveFile(w http.ResponseWriter, r *http.Request, f *file, code int) {
	hdr := w.Header()
	hdr.Set("Content-Type", f.ctype)
	hdr.Set("Cache-Control", "no-cache")
	if f.disk != "" {
		serveDiskFile(w, r, f)
		return
	}
	body, etag := f.raw, f.etag
	if f.gz != nil {
		hdr.Add("Vary", "Accept-Encoding")
		if acceptsGzip(r) {
			hdr.Set("Content-Encoding", "gzip")
			body = f.gz
			etag = strings.TrimSuffix(f.etag, `"`) + `-gz"`
		} else {
			body = f.content()
		}
	}
	if code != http.StatusOK {
		hdr.Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(code)
		if r.Method != http.MethodHead {
			w.Write(body)
		}
		return
	}
	hdr.Set("ETag", etag)
	if f.gz != nil && hdr.Get("Content-Encoding") == "gzip" {
		// Ranges of the compressed form would make no sense to a client.
		if etagMatch(r.Header.Get("If-None-Match"), etag) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		hdr.Set("Content-Length", strconv.Itoa(len(body)))
		if r.Method != http.MethodHead {
			w.Write(body)
		}
		return
	}
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}

// serveDiskFile sends a large static file from the site's static/ folder
// (see [collector.CopyFile]), with ranges, while its path still leads to
// the very file the build took in. Anything else there since (a symlink to
// a file outside the site, another file, a removal) is a 404 until the
// rebuild it starts: the server sends only what the build produced.
func serveDiskFile(w http.ResponseWriter, r *http.Request, f *file) {
	fh, err := os.Open(f.disk)
	if err != nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	defer fh.Close()
	now, err := fh.Stat()
	if err != nil || !sameDiskFile(now, f.diskInfo) {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	w.Header().Set("ETag", f.etag)
	http.ServeContent(w, r, "", time.Time{}, fh)
}

// sameDiskFile reports whether now is the file the build saw as then: the
// same file of the same size. (Not the same modification time: touch, which
// the watcher does not take as an edit, would make it a 404 until some
// other save. An edit of its bytes starts a rebuild, which takes it in.)
func sameDiskFile(now, then os.FileInfo) bool {
	return os.SameFile(now, then) && now.Size() == then.Size()
}

func etagMatch(header, etag string) bool {
	if header == "" {
		return false
	}
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == etag {
			return true
		}
	}
	return false
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		fields := strings.Split(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(fields[0]), "gzip") {
			if len(fields) > 1 && strings.ReplaceAll(strings.TrimSpace(fields[1]), " ", "") == "q=0" {
				return false
			}
			return true
		}
	}
	return false
}
