package main

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/build/browsertest"
	"github.com/bedside-health/bedside/site"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/chromedp"
)

// The video of the test page: its page on YouTube, which the placeholder
// links to, and the privacy-enhanced player, which video.js puts in a frame.
const (
	videoPageURL  = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
	videoEmbedURL = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
)

// TestVideoClickUnderNetlifyCSP clicks a video placeholder on a page served
// with the Content-Security-Policy of the repository's netlify.toml, whose
// frame-src 'none' blocks the player: the reader must land on the video's
// page, as a click without JavaScript does, and not on an empty frame.
func TestVideoClickUnderNetlifyCSP(t *testing.T) {
	csp := netlifyCSP(t)
	if !strings.Contains(csp, "frame-src 'none'") {
		t.Fatalf("netlify.toml's policy no longer has frame-src 'none', which this test is about: %s", csp)
	}
	ctx, hosts := videoBrowser(t)
	page := serveVideoSite(t, csp)
	openVideoPage(t, ctx, page)
	clickVideo(t, ctx)

	waitVideoJS(t, ctx, `location.href === `+jsString(videoPageURL)+` && document.title === "Video page stub"`, 10*time.Second)
	if got := hosts.seen(); !containsString(got, videoPageURL) || containsPrefix(got, "https://www.youtube-nocookie.com/") {
		t.Errorf("requests to the video hosts: %q; want the video's page and no player", got)
	}
}

// TestVideoClickWhereCSPAllowsThePlayer clicks a video placeholder on a page
// whose policy lets the privacy-enhanced player in: the player's frame must
// replace the placeholder, and the page must stay.
func TestVideoClickWhereCSPAllowsThePlayer(t *testing.T) {
	csp := strings.Replace(netlifyCSP(t), "frame-src 'none'", "frame-src https://www.youtube-nocookie.com https://player.vimeo.com", 1)
	ctx, hosts := videoBrowser(t)
	page := serveVideoSite(t, csp)
	openVideoPage(t, ctx, page)
	clickVideo(t, ctx)

	frame := `Array.from(document.querySelectorAll("iframe.video-frame")).some(f => f.src === ` + jsString(videoEmbedURL) + `)`
	waitVideoJS(t, ctx, frame, 10*time.Second)
	deadline := time.Now().Add(10 * time.Second)
	for !containsString(hosts.seen(), videoEmbedURL) && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	// A violation event would come right after the request; give a wrong
	// fallback the time to act before looking.
	time.Sleep(500 * time.Millisecond)
	state, err := evalVideoJS[string](ctx, `location.href + " | frame: " + Boolean(`+frame+`) + " | link: " + Boolean(document.querySelector("a.video-link")) + " | violations: " + window.__violations.join(", ")`)
	if err != nil {
		t.Fatal(err)
	}
	if want := page + " | frame: true | link: false | violations: "; state != want {
		t.Errorf("after the click: %s\nwant: %s", state, want)
	}
	if got := hosts.seen(); !containsString(got, videoEmbedURL) || containsString(got, videoPageURL) {
		t.Errorf("requests to the video hosts: %q; want the player and not the video's page", got)
	}
}

// netlifyCSP reads the Content-Security-Policy that netlify.toml sends with
// every page.
func netlifyCSP(t *testing.T) string {
	t.Helper()
	var cfg struct {
		Headers []struct {
			For    string            `toml:"for"`
			Values map[string]string `toml:"values"`
		} `toml:"headers"`
	}
	if _, err := toml.DecodeFile("../../netlify.toml", &cfg); err != nil {
		t.Fatal(err)
	}
	for _, h := range cfg.Headers {
		if csp := h.Values["Content-Security-Policy"]; h.For == "/*" && csp != "" {
			return csp
		}
	}
	t.Fatal(`netlify.toml sends no Content-Security-Policy for "/*"`)
	return ""
}

// serveVideoSite builds a one-article site with a video placeholder, serves
// it with the given Content-Security-Policy, and returns the article's
// address.
func serveVideoSite(t *testing.T, csp string) string {
	t.Helper()
	dir := writeFiles(t, map[string]string{
		"bedside.toml":           "title = \"Test\"\nbaseURL = \"https://health.example.org/\"\n",
		"content/authors/ana.md": "---\nname: Ana Ruiz\ncredentials: [MD]\n---\n",
		"content/news/inhalers.md": "---\ntitle: Inhalers\ndescription: How to use an inhaler.\ndate: 2025-01-10\nauthor: ana\n---\n" +
			"Watch our nurse show each step.\n\n![How to use an inhaler with a spacer](" + videoPageURL + ")\n",
	})
	out := build.NewMemOutput()
	srv := serveSiteWith(t, out, http.Header{"Content-Security-Policy": {csp}})

	s := site.Load(dir, site.LoadOptions{Now: time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC), BaseURL: srv.URL + "/"})
	if s.Diagnostics.HasErrors() {
		t.Fatalf("the site does not load:\n%v", s.Diagnostics)
	}
	if _, diags := build.Run(s, out, build.Options{Extensions: extensions()}); diags.HasErrors() {
		t.Fatalf("the site does not build:\n%v", diags)
	}
	if !strings.Contains(string(out.Files["news/inhalers/index.html"]), `data-embed="`+videoEmbedURL+`"`) {
		t.Fatalf("the article has no video placeholder:\n%s", out.Files["news/inhalers/index.html"])
	}
	return srv.URL + "/news/inhalers/"
}

// videoHosts records the requests to the video hosts that the browser made.
type videoHosts struct {
	mu   sync.Mutex
	urls []string
}

func (h *videoHosts) add(url string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.urls = append(h.urls, url)
}

func (h *videoHosts) seen() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.urls...)
}

// videoBrowser starts Chromium and answers every request to YouTube, the
// network being closed, with a stub page; the requests are recorded.
func videoBrowser(t *testing.T) (context.Context, *videoHosts) {
	t.Helper()
	ctx := browsertest.Chromium(t, 1024, 768)
	hosts := &videoHosts{}
	paused := chromedp.Events(ctx, fetch.RequestPaused)
	if _, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{
		{URLPattern: "*youtube.com*"}, {URLPattern: "*youtube-nocookie.com*"},
	}}); err != nil {
		t.Fatal(err)
	}
	go func() {
		for ev, err := range paused {
			if err != nil {
				return
			}
			hosts.add(ev.Request.URL)
			chromedp.Call(ctx, fetch.FulfillRequest, fetch.FulfillRequestParams{
				RequestID:       ev.RequestID,
				ResponseCode:    200,
				ResponseHeaders: []*fetch.HeaderEntry{{Name: "Content-Type", Value: "text/html; charset=utf-8"}},
				Body:            []byte(`<!DOCTYPE html><html lang="en"><head><title>Video page stub</title></head><body><p>A video.</p></body></html>`),
			})
		}
	}()
	return ctx, hosts
}

// openVideoPage opens the article, checks that video.js runs under the
// page's policy, and records the page's policy violations in
// window.__violations.
func openVideoPage(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	nav, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(nav, chromedp.Navigate(url), chromedp.WaitReady(chromedp.CSS("a.video-link"))); err != nil {
		t.Fatalf("opening %s: %v", url, err)
	}
	waitVideoJS(t, ctx, `window.bedsideVideo === true && document.readyState === "complete"`, 10*time.Second)
	if _, err := evalVideoJS[bool](ctx, `window.__violations = [], document.addEventListener("securitypolicyviolation",
		e => window.__violations.push(e.effectiveDirective + " " + e.blockedURI)), true`); err != nil {
		t.Fatal(err)
	}
}

// clickVideo clicks the placeholder with the mouse.
func clickVideo(t *testing.T, ctx context.Context) {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := chromedp.Do(c, chromedp.Click(chromedp.CSS("a.video-link"))); err != nil {
		t.Fatalf("clicking the video: %v", err)
	}
}

// evalVideoJS evaluates a JavaScript expression with a time limit.
func evalVideoJS[T any](ctx context.Context, expr string) (T, error) {
	c, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	return chromedp.Run(c, chromedp.Evaluate[T](expr))
}

// waitVideoJS evaluates a JavaScript condition until it is true.
func waitVideoJS(t *testing.T, ctx context.Context, cond string, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		ok, err := evalVideoJS[bool](ctx, "Boolean("+cond+")")
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			state, _ := evalVideoJS[string](ctx, `location.href + "\n" + (window.__violations || []).join(", ") + "\n" +
				(document.querySelector("main") || document.body).innerHTML.slice(0, 1500)`)
			t.Fatalf("%s did not become true within %s (last error: %v); the page:\n%s", cond, limit, err, state)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// jsString quotes s as a JavaScript string.
func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func containsPrefix(list []string, prefix string) bool {
	for _, v := range list {
		if strings.HasPrefix(v, prefix) {
			return true
		}
	}
	return false
}
