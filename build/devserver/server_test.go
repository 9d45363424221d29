package devserver

import (
	"bufio"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestServeShowsASavedEdit(t *testing.T) {
	dir := writeSite(t, "site")
	ts := startServer(t, dir, nil)
	if body, code := get(ts.url + "conditions/asthma/"); code != 200 || !strings.Contains(body, "Asthma basics") {
		t.Fatalf("article: %d\n%.300s", code, body)
	}
	src := readFile(t, dir, "content/conditions/asthma.md")
	writeFile(t, dir, "content/conditions/asthma.md", src+"\nUse a spacer with your inhaler.\n")
	waitFor(t, ts.url+"conditions/asthma/", "Use a spacer with your inhaler.", 10*time.Second)
	waitForLog(t, ts, "content/conditions/asthma.md: 1 page re-rendered in")
}

func TestServeFollowsNewFoldersAndDeletions(t *testing.T) {
	dir := writeSite(t, "site")
	ts := startServer(t, dir, nil)
	src := readFile(t, dir, "content/wellness/sleep.md")
	// A folder created after the start, with an article in it.
	if err := os.MkdirAll(filepath.Join(dir, "content/nutrition"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "content/nutrition/fibre.md", strings.Replace(src, `"Better sleep"`, `"Eating more fibre"`, 1))
	waitFor(t, ts.url+"nutrition/fibre/", "Eating more fibre", 10*time.Second)
	waitFor(t, ts.url+"nutrition/", "Eating more fibre", 10*time.Second)
	// A second file in the new folder: it is watched too.
	writeFile(t, dir, "content/nutrition/water.md", strings.Replace(src, `"Better sleep"`, `"Drinking water"`, 1))
	waitFor(t, ts.url+"nutrition/water/", "Drinking water", 10*time.Second)

	if err := os.Remove(filepath.Join(dir, "content/nutrition/fibre.md")); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		body, code := get(ts.url + "nutrition/fibre/")
		if code == http.StatusNotFound {
			if !strings.Contains(body, "Page not found") {
				t.Errorf("the 404 is not the site's 404 page")
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the deleted article still answers %d", code)
		}
		time.Sleep(5 * time.Millisecond)
	}
	if body, _ := get(ts.url); strings.Contains(body, "Eating more fibre") {
		t.Error("the home page still lists the deleted article")
	}
}

func TestServePollingFindsChanges(t *testing.T) {
	dir := writeSite(t, "site")
	ts := startServer(t, dir, func(c *Config) { c.Poll = 30 * time.Millisecond })
	src := readFile(t, dir, "content/conditions/flu.md")
	writeFile(t, dir, "content/conditions/flu.md", src+"\nWash your hands often.\n")
	waitFor(t, ts.url+"conditions/flu/", "Wash your hands often.", 10*time.Second)
	writeFile(t, dir, "static/files/new.txt", "polled")
	waitFor(t, ts.url+"files/new.txt", "polled", 10*time.Second)
}

// eventStream reads the statuses the server sends to a page.
type eventStream struct {
	resp     *http.Response
	statuses chan status
}

func openEvents(t testing.TB, url string) *eventStream {
	t.Helper()
	resp, err := http.Get(url + strings.TrimPrefix(eventsPath, "/"))
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("events Content-Type %q", ct)
	}
	es := &eventStream{resp: resp, statuses: make(chan status, 16)}
	go func() {
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		event := ""
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				event = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: ") && event == "status":
				var st status
				if json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &st) == nil {
					es.statuses <- st
				}
			}
		}
		close(es.statuses)
	}()
	return es
}

func (es *eventStream) next(t testing.TB) status {
	t.Helper()
	select {
	case st, ok := <-es.statuses:
		if !ok {
			t.Fatal("the event stream ended")
		}
		return st
	case <-time.After(10 * time.Second):
		t.Fatal("no status within 10s")
	}
	return status{}
}

func TestServeSendsErrorsThenClearsThem(t *testing.T) {
	dir := writeSite(t, "site")
	ts := startServer(t, dir, nil)
	es := openEvents(t, ts.url)
	defer es.resp.Body.Close()
	hello := es.next(t)
	if hello.Build == "" || len(hello.Errors) != 0 {
		t.Fatalf("first status %+v", hello)
	}
	src := readFile(t, dir, "content/conditions/asthma.md")
	writeFile(t, dir, "content/conditions/asthma.md", strings.Replace(src, "date: 2024-03-12", "date: [2024", 1))
	st := es.next(t)
	for len(st.Errors) == 0 && st.Build == hello.Build {
		// The first build's pages are served before its feeds and
		// checks are done; its end is announced again, with the same
		// build, which a page does not reload for.
		st = es.next(t)
	}
	if len(st.Errors) == 0 || !strings.HasPrefix(st.Errors[0].Where, "content/conditions/asthma.md:") || st.Errors[0].Message == "" {
		t.Fatalf("status after the broken save: %+v", st)
	}
	if st.Build != hello.Build {
		t.Error("a failed build changed the build being served")
	}
	if body, _ := get(ts.url + "conditions/asthma/"); !strings.Contains(body, "Asthma basics") {
		t.Error("the last good page is no longer served")
	}
	waitForLog(t, ts, "still serving the last good build")
	writeFile(t, dir, "content/conditions/asthma.md", src)
	st = es.next(t)
	if len(st.Errors) != 0 || st.Build == hello.Build {
		t.Errorf("status after the fix: %+v", st)
	}
}

func TestShutdownWithAnOpenEventStream(t *testing.T) {
	dir := writeSite(t, "site")
	ts := startServer(t, dir, nil)
	es := openEvents(t, ts.url)
	defer es.resp.Body.Close()
	es.next(t)
	start := time.Now()
	ts.cancel()
	select {
	case err := <-ts.done:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
		ts.done <- nil // for the cleanup
	case <-time.After(5 * time.Second):
		t.Fatal("the server did not stop within 5s with a page connected")
	}
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("shutdown took %s", took)
	}
	if _, code := get(ts.url); code != 0 {
		t.Errorf("the server still answers after shutdown (%d)", code)
	}
}

func waitForLog(t *testing.T, ts *testServer, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(ts.log.String(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("the log lacks %q:\n%s", want, ts.log)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
