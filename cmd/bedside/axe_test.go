package main

import (
	"context"
	"fmt"
	"mime"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/build/browsertest"
	"github.com/bedside-health/bedside/site"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// requireBrowser skips a test that needs something missing, unless
// BEDSIDE_REQUIRE_BROWSER=1 (CI), which makes it fail.
func requireBrowser(t *testing.T, format string, args ...any) {
	t.Helper()
	browsertest.Require(t, fmt.Sprintf(format, args...))
}

// startChromium starts a headless Chromium for one test.
func startChromium(t *testing.T) context.Context {
	t.Helper()
	return browsertest.Chromium(t, 1024, 768)
}

// serveSite serves a built site from memory the way a static host does:
// folders by their index.html, unknown paths by 404.html with status 404.
func serveSite(t *testing.T, out *build.MemOutput) *httptest.Server {
	return serveSiteWith(t, out, nil)
}

// serveSiteWith is serveSite sending headers with every response too (a
// Content-Security-Policy, as netlify.toml's).
func serveSiteWith(t *testing.T, out *build.MemOutput, headers http.Header) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, v := range headers {
			w.Header()[k] = v
		}
		name := strings.TrimPrefix(r.URL.Path, "/")
		if name == "" || strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		status := http.StatusOK
		data, ok := out.Files[name]
		if !ok {
			name, status, data = "404.html", http.StatusNotFound, out.Files["404.html"]
		}
		if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
			w.Header().Set("Content-Type", ct)
		}
		w.WriteHeader(status)
		w.Write(data)
	}))
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv.Listener = l
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

// axeViolation is the part of an axe-core result the test reports.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  []any  `json:"target"`
		Summary string `json:"failureSummary"`
	} `json:"nodes"`
}

// axeRun runs axe-core with the WCAG 2.0/2.1 A and AA rules and the best
// practices on the page open in ctx.
const axeRun = `axe.run(document, {
  runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
  resultTypes: ["violations"]
}).then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
  nodes: v.nodes.map(n => ({target: n.target, failureSummary: n.failureSummary}))})))`

// TestThemeAxe builds the sample site (the repository root) with every
// extension and runs axe-core in Chromium on each kind of page, in the
// light and the dark color scheme: the default theme must have no
// violation at all.
func TestThemeAxe(t *testing.T) {
	axe, err := os.ReadFile("../../node_modules/axe-core/axe.min.js")
	if err != nil {
		requireBrowser(t, "axe-core is not installed (run npm ci at the repository root)")
	}
	ctx := startChromium(t)

	out := build.NewMemOutput()
	var srv *httptest.Server
	srv = serveSite(t, out)
	s := site.Load("../..", site.LoadOptions{Now: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC), BaseURL: srv.URL + "/"})
	if s.Diagnostics.HasErrors() {
		t.Fatalf("the sample site does not load:\n%v", s.Diagnostics)
	}
	// Cover the theme's optional parts too: the reading-level note and a
	// click-to-load video placeholder.
	s.Config.Quality.Readability.ShowOnPage = true
	videoPage := ""
	for _, a := range s.Articles {
		if a.URL == "/treatments/inhaler-technique/" {
			a.Body = append(append([]byte(nil), a.Body...), "\n\n![How to use an inhaler with a spacer](https://www.youtube.com/watch?v=dQw4w9WgXcQ)\n"...)
			videoPage = a.URL
		}
	}
	if _, diags := build.Run(s, out, build.Options{Extensions: extensions()}); diags.HasErrors() {
		t.Fatalf("the sample site does not build:\n%v", diags)
	}
	// A page with known violations proves that axe-core runs and reports.
	out.Files["axe-canary.html"] = []byte(`<!DOCTYPE html><html><head><title>Canary</title></head><body><main><img src="/x.png"></main></body></html>`)
	if canary := axeViolations(t, ctx, string(axe), srv.URL+"/axe-canary.html"); !hasViolation(canary, "image-alt") || !hasViolation(canary, "html-has-lang") {
		t.Fatalf("axe-core did not report the canary page's missing alt and lang: %+v", canary)
	}

	pages := map[string]string{
		"home": "/", "section": "/conditions/", "tag index": "/tags/", "people index": "/authors/",
		"article": "/conditions/asthma/", "page": "/about/", "404": "/no-such-page/",
	}
	if len(s.Tags) > 0 {
		pages["tag"] = s.Tags[0].URL
	}
	if len(s.People) > 0 {
		pages["person"] = s.People[0].URL
	}
	if videoPage != "" {
		pages["article with video and reading level"] = videoPage
	}
	if _, ok := out.Files["page/2/index.html"]; ok {
		pages["home page 2"] = "/page/2/"
	}
	kinds := make([]string, 0, len(pages))
	for k := range pages {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)

	for _, scheme := range []string{"light", "dark"} {
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		}); err != nil {
			t.Fatal(err)
		}
		for _, kind := range kinds {
			url := srv.URL + pages[kind]
			t.Run(scheme+"/"+kind, func(t *testing.T) {
				for _, v := range axeViolations(t, ctx, string(axe), url) {
					var where []string
					for _, n := range v.Nodes {
						where = append(where, fmt.Sprintf("%v: %s", n.Target, strings.ReplaceAll(n.Summary, "\n", " ")))
					}
					t.Errorf("%s (%s): %s\n  %s", v.ID, v.Impact, v.Help, strings.Join(where, "\n  "))
				}
				dark, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`matchMedia("(prefers-color-scheme: dark)").matches`))
				if err != nil || dark != (scheme == "dark") {
					t.Errorf("prefers-color-scheme: dark is %v (err %v) in the %s run", dark, err, scheme)
				}
			})
		}
	}
}

// axeViolations opens url and returns what axe-core finds there.
func axeViolations(t *testing.T, ctx context.Context, axe, url string) []axeViolation {
	t.Helper()
	run, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(run, chromedp.Navigate(url), chromedp.WaitReady(chromedp.CSS("main"))); err != nil {
		t.Fatalf("opening %s: %v", url, err)
	}
	if _, err := chromedp.Run(run, chromedp.Evaluate[chromedp.Void](axe)); err != nil {
		t.Fatalf("loading axe-core: %v", err)
	}
	violations, err := chromedp.Run(run, chromedp.Evaluate[[]axeViolation](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("running axe-core on %s: %v", url, err)
	}
	return violations
}

func hasViolation(vs []axeViolation, id string) bool {
	for _, v := range vs {
		if v.ID == id {
			return true
		}
	}
	return false
}
