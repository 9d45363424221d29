package devserver

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// A large static file (a clinic's video) is served from static/, not held
// in the server's memory, and with ranges, which a video player asks for
// to seek; an edit of it is served after the rebuild it starts.
func TestLargeStaticFileIsServedFromDisk(t *testing.T) {
	dir := writeSite(t, "site")
	video := bytes.Repeat([]byte("0123456789abcdef"), 6<<20/16) // 6 MB
	path := filepath.Join(dir, "static", "video", "tour.mp4")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, video, 0o644); err != nil {
		t.Fatal(err)
	}
	ts := startServer(t, dir, nil)
	url := ts.url + "video/tour.mp4"
	waitFor(t, url, "0123456789abcdef", 30*time.Second)

	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("Range", "bytes=1000000-1000015")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	part, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusPartialContent || string(part) != string(video[1000000:1000016]) {
		t.Errorf("range request: %d %q, want 206 and the 16 bytes at 1,000,000", resp.StatusCode, part)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "video/mp4" {
		t.Errorf("Content-Type %q, want video/mp4", ct)
	}
	// The build the server makes keeps no copy of the video.
	b := newBuilder(dir, testLoadOptions(), testExtensions)
	out := b.initial()
	if out.snap == nil {
		t.Fatalf("build failed:\n%v", out.diags)
	}
	if f := out.snap.get("video/tour.mp4"); f == nil || f.disk == "" || f.raw != nil || f.gz != nil {
		t.Errorf("the video is held in memory (or missing): %+v", f)
	}

	// Edited (same size): the rebuild serves the new bytes.
	copy(video, "FEDCBA9876543210")
	if err := os.WriteFile(path, video, 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Minute)
	os.Chtimes(path, later, later)
	waitFor(t, url, "FEDCBA9876543210", 10*time.Second)
}

// A large static file is sent from static/ only while its path still leads
// to the file the build took in: swapped for a link to a file outside the
// site (while a content error keeps the last good build in place), it is a
// 404, never the other file.
func TestLargeStaticFileSwappedForALinkIsNotServed(t *testing.T) {
	dir := t.TempDir()
	video := filepath.Join(dir, "static", "big.bin")
	if err := os.MkdirAll(filepath.Dir(video), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(video, bytes.Repeat([]byte("v"), 5<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	c := newCollector(nil)
	if err := c.CopyFile("big.bin", video); err != nil {
		t.Fatal(err)
	}
	f := c.files["big.bin"]
	serve := func() (int, string) {
		rec := httptest.NewRecorder()
		serveFile(rec, httptest.NewRequest(http.MethodGet, "/big.bin", nil), f, http.StatusOK)
		return rec.Code, rec.Body.String()
	}
	if code, body := serve(); code != http.StatusOK || len(body) != 5<<20 {
		t.Fatalf("the video: %d, %d bytes", code, len(body))
	}
	secret := filepath.Join(t.TempDir(), "passwd")
	if err := os.WriteFile(secret, []byte("root:x:0:0"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(video); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, video); err != nil {
		t.Fatal(err)
	}
	if code, body := serve(); code != http.StatusNotFound || strings.Contains(body, "root:") {
		t.Errorf("after the swap: %d %q, want 404", code, body)
	}
}

// A touch (which the watcher does not take as an edit) leaves a large
// static file served; an edit in place that sets its modification time back
// still gives it a new ETag, so that no browser keeps the old bytes.
func TestLargeStaticFileVersions(t *testing.T) {
	dir := t.TempDir()
	video := filepath.Join(dir, "big.bin")
	if err := os.WriteFile(video, bytes.Repeat([]byte("v"), 5<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	take := func() *file {
		t.Helper()
		c := newCollector(nil)
		if err := c.CopyFile("big.bin", video); err != nil {
			t.Fatal(err)
		}
		return c.files["big.bin"]
	}
	f := take()
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(video, later, later); err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	serveFile(rec, httptest.NewRequest(http.MethodGet, "/big.bin", nil), f, http.StatusOK)
	if rec.Code != http.StatusOK {
		t.Errorf("after a touch: %d, want 200", rec.Code)
	}

	f = take() // as a later build sees it
	before, _ := os.Stat(video)
	time.Sleep(10 * time.Millisecond) // a later change time
	fh, err := os.OpenFile(video, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fh.WriteAt([]byte("NEW"), 0)
	fh.Close()
	if err := os.Chtimes(video, before.ModTime(), before.ModTime()); err != nil {
		t.Fatal(err)
	}
	if g := take(); g.etag == f.etag && runtime.GOOS == "linux" {
		t.Errorf("edited in place with its time set back, the file keeps its ETag %s", g.etag)
	}
}
