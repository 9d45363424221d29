package devserver

// The dev server under abuse: a storm of saves with a broken one inside,
// content/ deleted and restored, hostile request paths over a raw socket,
// and a thousand live-reload connections opened and closed.

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// stormArticle is article i of the storm, at version v.
func stormArticle(i, v int) string {
	return fmt.Sprintf(`---
title: "Storm article %d"
description: "An article saved again and again."
date: 2025-01-10
author: maria-lopez
reviewedBy: helen-ward
lastReviewed: 2025-02-01
tags: [storm]
references:
  - title: "Source"
    url: https://example.org/source
---
Storm article %d is at version %d.
`, i, i, v)
}

// heapAfterGC returns the live heap in bytes once garbage is collected.
func heapAfterGC() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestServeSurvivesASaveStorm saves 100 articles 10 times each, 1,000
// saves in about 10 s, one of them a half-written file. Throughout, every
// page keeps answering 200 with a complete page; at the end every page shows
// its last save, and the live heap and goroutine count are back where the
// storm started.
func TestServeSurvivesASaveStorm(t *testing.T) {
	if testing.Short() {
		t.Skip("10 s of saves; skipped with -short")
	}
	const files, rounds = 100, 10
	dir := writeSite(t, "site")
	for i := 0; i < files; i++ {
		writeFile(t, dir, fmt.Sprintf("content/conditions/storm-%d.md", i), stormArticle(i, 0))
	}
	ts := startServer(t, dir, nil)
	url := func(i int) string { return fmt.Sprintf("%sconditions/storm-%d/", ts.url, i) }
	waitFor(t, url(files-1), "version 0.", 30*time.Second)
	// Keep-alive connections of the test's HTTP client hold goroutines on
	// both sides; close them before each count.
	http.DefaultTransport.(*http.Transport).CloseIdleConnections()
	heapBefore := heapAfterGC()
	goroutinesBefore := runtime.NumGoroutine()

	// A reader that keeps fetching pages during the storm: the server must
	// never answer with an error or half a page.
	stop := make(chan struct{})
	var readerWG sync.WaitGroup
	var fetched, bad atomic.Int64
	var firstBad atomic.Value
	readerWG.Add(1)
	go func() {
		defer readerWG.Done()
		for n := 0; ; n++ {
			select {
			case <-stop:
				return
			default:
			}
			body, code := get(url(n % files))
			fetched.Add(1)
			if code != http.StatusOK || !strings.Contains(body, "</html>") {
				bad.Add(1)
				firstBad.CompareAndSwap(nil, fmt.Sprintf("%s: %d %.200s", url(n%files), code, body))
			}
		}
	}()

	broken := 37 // the file saved half-written once, mid-storm
	start := time.Now()
	for v := 1; v <= rounds; v++ {
		for i := 0; i < files; i++ {
			data := stormArticle(i, v)
			if i == broken && v == rounds/2 {
				data = data[:40] // the front matter cut off in the middle
			}
			saveAtomically(t, filepath.Join(dir, "content", "conditions", fmt.Sprintf("storm-%d.md", i)), []byte(data))
			// 1,000 saves spread over about 10 s.
			if next := start.Add(time.Duration((v-1)*files+i+1) * 10 * time.Millisecond); time.Until(next) > 0 {
				time.Sleep(time.Until(next))
			}
		}
	}
	t.Logf("1,000 saves in %v", time.Since(start).Round(time.Millisecond))
	for i := 0; i < files; i++ {
		waitFor(t, url(i), fmt.Sprintf("is at version %d.", rounds), 30*time.Second)
	}
	close(stop)
	readerWG.Wait()
	t.Logf("final state served %v after the first save; %d pages fetched during the storm", time.Since(start).Round(time.Millisecond), fetched.Load())
	if n := bad.Load(); n > 0 {
		t.Errorf("%d of %d fetches during the storm failed; first: %v", n, fetched.Load(), firstBad.Load())
	}
	if !strings.Contains(ts.log.String(), "content/conditions/storm-37.md:") {
		t.Errorf("the half-written save was not reported; log:\n%s", tail(ts.log.String(), 20))
	}

	http.DefaultTransport.(*http.Transport).CloseIdleConnections()
	heapAfter := heapAfterGC()
	t.Logf("live heap %d KB before the storm, %d KB after", heapBefore>>10, heapAfter>>10)
	if heapAfter > heapBefore*3/2+4<<20 {
		t.Errorf("live heap grew from %d KB to %d KB over 1,000 saves", heapBefore>>10, heapAfter>>10)
	}
	waitGoroutines(t, goroutinesBefore+2, 5*time.Second)
}

// tail returns the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// waitGoroutines waits until at most max goroutines run, and fails with a
// dump of them when they do not.
func waitGoroutines(t *testing.T, max int, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for runtime.NumGoroutine() > max {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			n := runtime.Stack(buf, true)
			t.Fatalf("%d goroutines still running, expected at most %d:\n%s", runtime.NumGoroutine(), max, buf[:n])
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestServeSurvivesContentDeletedAndRestored removes content/ while the
// server runs (the last good site stays served, with the error reported),
// then restores it and edits an article: the edit shows, so the watcher
// follows the new folder.
func TestServeSurvivesContentDeletedAndRestored(t *testing.T) {
	dir := writeSite(t, "site")
	ts := startServer(t, dir, nil)
	waitFor(t, ts.url+"conditions/flu/", "Flu is caused by a virus.", 30*time.Second)
	saved := filepath.Join(t.TempDir(), "content")
	if err := os.Rename(filepath.Join(dir, "content"), saved); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(ts.log.String(), "no content folder") {
		if time.Now().After(deadline) {
			t.Fatalf("deleting content/ was not reported; log:\n%s", tail(ts.log.String(), 20))
		}
		time.Sleep(10 * time.Millisecond)
	}
	if body, code := get(ts.url + "conditions/flu/"); code != http.StatusOK || !strings.Contains(body, "Flu is caused by a virus.") {
		t.Fatalf("without content/ the last good site is no longer served: %d %.200s", code, body)
	}

	// Restore it the way git checkout does: a new folder, files written one by one.
	if err := os.Mkdir(filepath.Join(dir, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	err := filepath.Walk(saved, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(saved, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		writeFile(t, dir, "content/"+filepath.ToSlash(rel), string(data))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	src := readFile(t, dir, "content/conditions/flu.md")
	writeFile(t, dir, "content/conditions/flu.md", src+"\nWash your hands after the restore.\n")
	waitFor(t, ts.url+"conditions/flu/", "Wash your hands after the restore.", 15*time.Second)
	// And a second edit, to be sure the restored folder stays watched.
	writeFile(t, dir, "content/wellness/sleep.md", readFile(t, dir, "content/wellness/sleep.md")+"\nKeep the room dark.\n")
	waitFor(t, ts.url+"wellness/sleep/", "Keep the room dark.", 15*time.Second)
}

// rawGet sends a request line exactly as written (Go's client would clean
// the path first) and returns the status code and body.
func rawGet(t *testing.T, base, target string) (int, string) {
	t.Helper()
	host := strings.TrimSuffix(strings.TrimPrefix(base, "http://"), "/")
	conn, err := net.DialTimeout("tcp", host, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, host)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// TestServeRefusesPathTraversal asks the running server for files outside
// the site, the site's sources, and the machine's, in every spelling.
func TestServeRefusesPathTraversal(t *testing.T) {
	dir := writeSite(t, "site")
	// A secret beside the site folder: a traversal that worked would show it.
	secret := filepath.Join(filepath.Dir(dir), "secret.txt")
	if err := os.WriteFile(secret, []byte("TOP-SECRET-BESIDE-THE-SITE"), 0o644); err != nil {
		t.Fatal(err)
	}
	ts := startServer(t, dir, nil)
	targets := []string{
		"/../secret.txt", "/../../etc/passwd", "/conditions/../../secret.txt",
		"/%2e%2e/secret.txt", "/%2E%2E/%2E%2E/etc/passwd", "/..%2fsecret.txt", "/..%2Fsecret.txt",
		"/..%5csecret.txt", "/..\\secret.txt", "/%252e%252e/secret.txt", "/./../secret.txt",
		"/secret.txt%00.html", "/C:/Windows/win.ini", "/c:%5cwindows%5cwin.ini",
		"//etc/passwd", "/bedside.toml", "/content/conditions/flu.md", "/static/files/leaflet.txt",
		"/" + filepath.Base(dir) + "/bedside.toml",
	}
	for _, target := range targets {
		code, body := rawGet(t, ts.url, target)
		if code == http.StatusOK || strings.Contains(body, "TOP-SECRET") || strings.Contains(body, "root:") ||
			strings.Contains(body, "baseURL") || strings.Contains(body, "reviewedBy:") {
			t.Errorf("GET %s: %d, leaks a file:\n%.200s", target, code, body)
		}
		if code != http.StatusBadRequest && code != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 400 or 404", target, code)
		}
	}
	// The static file is served at its site path, not under static/.
	if code, body := rawGet(t, ts.url, "/files/leaflet.txt"); code != http.StatusOK || body == "" {
		t.Errorf("GET /files/leaflet.txt: %d", code)
	}
}

// TestServeLeaksNoGoroutinesOnReloadConnections opens 1,000 live-reload
// connections, 50 at a time, reads the first status from each and closes
// it: the server's goroutine count must come back to where it started.
func TestServeLeaksNoGoroutinesOnReloadConnections(t *testing.T) {
	dir := writeSite(t, "site")
	ts := startServer(t, dir, nil)
	waitFor(t, ts.url, "</html>", 30*time.Second)
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 10 * time.Second}
	defer client.CloseIdleConnections()
	before := runtime.NumGoroutine()

	const total, parallel = 1000, 50
	var failed atomic.Int64
	var firstErr atomic.Value
	sem := make(chan struct{}, parallel)
	var wg sync.WaitGroup
	var peak atomic.Int64
	for i := 0; i < total; i++ {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			resp, err := client.Get(ts.url + "__bedside/events")
			if err != nil {
				failed.Add(1)
				firstErr.CompareAndSwap(nil, err.Error())
				return
			}
			r := bufio.NewReader(resp.Body)
			got := false
			for !got {
				line, err := r.ReadString('\n')
				if err != nil {
					break
				}
				got = strings.HasPrefix(line, "event: status")
			}
			if n := int64(runtime.NumGoroutine()); n > peak.Load() {
				peak.Store(n)
			}
			resp.Body.Close()
			if !got {
				failed.Add(1)
				firstErr.CompareAndSwap(nil, "no status event")
			}
		}()
	}
	wg.Wait()
	if n := failed.Load(); n > 0 {
		t.Errorf("%d of %d connections failed; first: %v", n, total, firstErr.Load())
	}
	client.CloseIdleConnections()
	t.Logf("goroutines: %d before, peak %d with %d connections open, waiting to come back", before, peak.Load(), parallel)
	waitGoroutines(t, before+2, 10*time.Second)
}
