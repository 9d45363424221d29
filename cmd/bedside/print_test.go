package main

import (
	"strings"
	"testing"
	"time"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/site"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestPrintedLinksShowFullAddresses prints an article of the sample site,
// as a patient handout, in Chromium: a link to another page of the site
// shows its full address after its text (it is written /conditions/…, which
// on paper says nothing of where to type it), and navigation is hidden.
func TestPrintedLinksShowFullAddresses(t *testing.T) {
	ctx := startChromium(t)
	out := build.NewMemOutput()
	srv := serveSite(t, out)
	s := site.Load("../..", site.LoadOptions{Now: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC), BaseURL: srv.URL + "/"})
	for _, a := range s.Articles {
		if a.URL == "/conditions/asthma/" {
			// A link written without its scheme, which a printed page
			// must not put after the site's host.
			a.Body = append(append([]byte(nil), a.Body...), "\n\nSee [the leaflet](//leaflets.example.org/asthma.pdf).\n"...)
		}
	}
	if _, diags := build.Run(s, out, build.Options{Extensions: extensions()}); diags.HasErrors() {
		t.Fatalf("the sample site does not build:\n%v", diags)
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/conditions/asthma/"), chromedp.WaitReady(chromedp.CSS("main"))); err != nil {
		t.Fatal(err)
	}
	const link = `document.querySelector('.content a[href^="/"]:not([href^="//"])')`
	href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(`+link+` || {getAttribute: () => ""}).getAttribute("href")`))
	if err != nil {
		t.Fatal(err)
	}
	after, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(`+link+`, "::after").content`))
	if err != nil {
		t.Fatal(err)
	}
	other, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('.content a[href^="//"]'), "::after").content`))
	if err != nil {
		t.Fatal(err)
	}
	if want := `" (https://leaflets.example.org/asthma.pdf)"`; strings.ReplaceAll(other, `" "`, "") != want && other != want {
		t.Errorf("printed, a link written //leaflets.example.org/… is followed by %s, want %s", other, want)
	}
	nav, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector(".site-nav")).display`))
	if err != nil {
		t.Fatal(err)
	}
	if href == "" {
		t.Fatal("the sample's asthma article has no link to another page of the site")
	}
	if want := srv.URL + href; !strings.Contains(after, want) {
		t.Errorf("printed, the link to %s is followed by %s, want the full address %s", href, after, want)
	}
	if nav != "none" {
		t.Errorf("printed, the site navigation shows (display: %s)", nav)
	}

	// Code printed from a system in dark mode keeps the light scheme's
	// colours: the paper is white (the FHIR post has a JSON block).
	codeColor := func(scheme string) string {
		t.Helper()
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Media: "print", Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		}); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/news/fhir-api-launch/"), chromedp.WaitReady(chromedp.CSS("main"))); err != nil {
			t.Fatal(err)
		}
		c, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const p = document.querySelector("pre.chroma .p"); return p ? getComputedStyle(p).color : ""; })()`))
		if err != nil || c == "" {
			t.Fatalf("no punctuation in the FHIR post's code: %v", err)
		}
		return c
	}
	if light, dark := codeColor("light"), codeColor("dark"); light != dark {
		t.Errorf("printed in dark mode, code punctuation is %s, not the light scheme's %s", dark, light)
	}
}
