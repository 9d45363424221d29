package devserver

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// testHandler serves the fixture site's first build.
func testHandler(t *testing.T) *handler {
	t.Helper()
	b, _ := startBuilder(t)
	var cur atomic.Pointer[snapshot]
	cur.Store(b.snap)
	ready := make(chan struct{})
	close(ready)
	return &handler{current: &cur, ready: ready, events: newBroker(), done: make(chan struct{}), started: time.Now()}
}

// do sends a raw request line through the handler, so that no client
// cleans the path first.
func do(t *testing.T, h http.Handler, method, target string, header map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	var raw strings.Builder
	raw.WriteString(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n")
	for k, v := range header {
		raw.WriteString(k + ": " + v + "\r\n")
	}
	raw.WriteString("\r\n")
	req, err := http.ReadRequest(bufio.NewReader(strings.NewReader(raw.String())))
	if err != nil {
		t.Fatalf("%s %s: %v", method, target, err)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestTraversalIsRefused(t *testing.T) {
	h := testHandler(t)
	for _, target := range []string{
		"/../bedside.toml",
		"/conditions/../../bedside.toml",
		"/%2e%2e/bedside.toml",
		"/%2E%2E/%2e%2e/etc/passwd",
		"/conditions/..%2f..%2fbedside.toml",
		`/..\bedside.toml`,
		"/conditions%5c..%5c..%5cbedside.toml",
		"/./index.html",
		"//etc/passwd",
		"/index.html%00.txt",
		"/C:/Windows/win.ini",
	} {
		rec := do(t, h, "GET", target, nil)
		if rec.Code != http.StatusBadRequest {
			t.Errorf("GET %s: status %d, want 400", target, rec.Code)
		}
		if strings.Contains(rec.Body.String(), "baseURL") || strings.Contains(rec.Body.String(), "root:") {
			t.Errorf("GET %s leaked a file", target)
		}
	}
}

func TestOnlyBuiltFilesAreServed(t *testing.T) {
	h := testHandler(t)
	for _, target := range []string{"/bedside.toml", "/content/conditions/asthma.md", "/static/files/leaflet.txt", "/themes/"} {
		rec := do(t, h, "GET", target, nil)
		if rec.Code != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", target, rec.Code)
		}
	}
	if rec := do(t, h, "GET", "/files/leaflet.txt", nil); rec.Code != 200 || rec.Body.String() != "A leaflet.\n" {
		t.Errorf("the built static file: %d %q", rec.Code, rec.Body.String())
	}
}

func TestNotFoundServesTheSites404Page(t *testing.T) {
	h := testHandler(t)
	rec := do(t, h, "GET", "/no/such/page/", nil)
	if rec.Code != http.StatusNotFound {
		t.Fatalf("status %d, want 404", rec.Code)
	}
	body := rec.Body.String()
	if !strings.Contains(body, "Page not found") || !strings.Contains(body, clientPath) {
		t.Errorf("404 body is not the site's 404.html with the live script:\n%.400s", body)
	}
}

func TestContentTypes(t *testing.T) {
	h := testHandler(t)
	css := do(t, h, "GET", "/", nil).Body.String()
	i := strings.Index(css, "/assets/site.")
	if i < 0 {
		t.Fatal("no stylesheet link on the home page")
	}
	cssPath := css[i : i+strings.Index(css[i:], `"`)]
	for target, want := range map[string]string{
		"/":                          "text/html; charset=utf-8",
		"/conditions/asthma/":        "text/html; charset=utf-8",
		cssPath:                      "text/css; charset=utf-8",
		"/sitemap.xml":               "application/xml; charset=utf-8",
		"/robots.txt":                "text/plain; charset=utf-8",
		"/files/leaflet.txt":         "text/plain; charset=utf-8",
		clientPath:                   "text/javascript; charset=utf-8",
		"/conditions/asthma/missing": "text/html; charset=utf-8", // the 404 page
	} {
		if got := do(t, h, "GET", target, nil).Header().Get("Content-Type"); got != want {
			t.Errorf("GET %s: Content-Type %q, want %q", target, got, want)
		}
	}
	if got := do(t, h, "GET", "/", nil).Header().Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("X-Content-Type-Options = %q", got)
	}
}

func TestHEAD(t *testing.T) {
	h := testHandler(t)
	for _, enc := range []string{"", "gzip"} {
		hdr := map[string]string{"Accept-Encoding": enc}
		get := do(t, h, "GET", "/conditions/asthma/", hdr)
		head := do(t, h, "HEAD", "/conditions/asthma/", hdr)
		if head.Code != 200 || head.Body.Len() != 0 {
			t.Errorf("HEAD (%q): status %d, %d body bytes; want 200 and none", enc, head.Code, head.Body.Len())
		}
		for _, k := range []string{"Content-Type", "Content-Length", "ETag", "Content-Encoding"} {
			if head.Header().Get(k) != get.Header().Get(k) {
				t.Errorf("HEAD (%q) %s = %q, GET has %q", enc, k, head.Header().Get(k), get.Header().Get(k))
			}
		}
		if get.Header().Get("Content-Length") != "" && get.Header().Get("Content-Length") != strconv.Itoa(get.Body.Len()) {
			t.Errorf("GET (%q) Content-Length %s for %d bytes", enc, get.Header().Get("Content-Length"), get.Body.Len())
		}
	}
	if rec := do(t, h, "POST", "/", nil); rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST: status %d, want 405", rec.Code)
	}
}

func TestConditionalGET(t *testing.T) {
	h := testHandler(t)
	for _, enc := range []string{"", "gzip"} {
		first := do(t, h, "GET", "/conditions/asthma/", map[string]string{"Accept-Encoding": enc})
		etag := first.Header().Get("ETag")
		if etag == "" || first.Code != 200 {
			t.Fatalf("(%q) status %d, ETag %q", enc, first.Code, etag)
		}
		again := do(t, h, "GET", "/conditions/asthma/", map[string]string{"Accept-Encoding": enc, "If-None-Match": etag})
		if again.Code != http.StatusNotModified || again.Body.Len() != 0 {
			t.Errorf("(%q) If-None-Match %s: status %d with %d bytes, want 304 and none", enc, etag, again.Code, again.Body.Len())
		}
		other := do(t, h, "GET", "/conditions/asthma/", map[string]string{"Accept-Encoding": enc, "If-None-Match": `"stale"`})
		if other.Code != 200 {
			t.Errorf("(%q) stale ETag: status %d, want 200", enc, other.Code)
		}
	}
}

func TestGzipAndIdentityServeTheSamePage(t *testing.T) {
	h := testHandler(t)
	plain := do(t, h, "GET", "/conditions/asthma/", nil)
	zipped := do(t, h, "GET", "/conditions/asthma/", map[string]string{"Accept-Encoding": "gzip, deflate, br"})
	if zipped.Header().Get("Content-Encoding") != "gzip" || plain.Header().Get("Content-Encoding") != "" {
		t.Fatalf("Content-Encoding: %q with gzip, %q without", zipped.Header().Get("Content-Encoding"), plain.Header().Get("Content-Encoding"))
	}
	zr, err := gzip.NewReader(zipped.Body)
	if err != nil {
		t.Fatal(err)
	}
	unzipped, _ := io.ReadAll(zr)
	if !bytes.Equal(unzipped, plain.Body.Bytes()) {
		t.Error("the gzipped page differs from the plain one")
	}
	if !strings.Contains(plain.Body.String(), "Asthma basics") {
		t.Error("the page lacks its title")
	}
}

func TestMissingSlashRedirects(t *testing.T) {
	h := testHandler(t)
	rec := do(t, h, "GET", "/conditions/asthma", nil)
	if rec.Code != http.StatusMovedPermanently || rec.Header().Get("Location") != "/conditions/asthma/" {
		t.Errorf("status %d, Location %q", rec.Code, rec.Header().Get("Location"))
	}
}

func TestLiveScriptIsInjectedIntoEveryPage(t *testing.T) {
	for in, want := range map[string]string{
		"<!DOCTYPE html><html><head><title>x</title></head><body></body></html>": "<!DOCTYPE html><html><head>" + liveScript + "<title>x</title>",
		"<html><HEAD lang=en><title>x</title>":                                   "<html><HEAD lang=en>" + liveScript,
		"<html><header>no head here</header><body class=x><p>hi</p>":             "<html><header>no head here</header><body class=x>" + liveScript,
		"<p>A fragment without head or body</p>":                                 liveScript + "<p>A fragment",
		"<!doctype html><p>doctype only</p>":                                     "<!doctype html>" + liveScript + "<p>",
		"<p>İstanbul</p><Body>after a letter lower-casing makes longer":          "<p>İstanbul</p><Body>" + liveScript,
		"<html><head": liveScript + "<html><head",
	} {
		got := string(injectScript([]byte(in)))
		if !strings.HasPrefix(got, want) {
			t.Errorf("injectScript(%q) = %q, want prefix %q", in, got, want)
		}
		if strings.Count(got, liveScript) != 1 {
			t.Errorf("injectScript(%q) added the script %d times", in, strings.Count(got, liveScript))
		}
	}
}

func TestStylesheetChangesMapToServedPaths(t *testing.T) {
	got := cssChanges([]string{"static/css/extra.css", "themes/default/static/css/print.css", "themes/default/static/css/site.css"},
		outcome{css: map[string]string{"/assets/site.1.css": "/assets/site.2.css"}})
	want := map[string]string{
		"/assets/site.1.css": "/assets/site.2.css", // the fingerprinted theme stylesheet
		"/css/extra.css":     "/css/extra.css",     // the page adds ?v= to reload it
		"/css/print.css":     "/css/print.css",
	}
	if len(got) != len(want) {
		t.Fatalf("cssChanges = %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("cssChanges[%q] = %q, want %q", k, got[k], v)
		}
	}
}
