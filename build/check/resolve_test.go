package check

import (
	"strings"
	"testing"
)

// TestResolveFragmentFastPath: a same-page anchor resolves as net/url
// resolves it, under any base path.
func TestResolveFragmentFastPath(t *testing.T) {
	for _, basePath := range []string{"/", "/library/"} {
		c := &Checker{basePath: basePath, origin: "https://health.example.org"}
		for _, pageURL := range []string{"/", "/conditions/asthma/", "/tags/lungs/page/2/"} {
			for _, href := range []string{"#main", "#signs-of-asthma", "#a.b:c_d", "#Top", "#fn:1", "#fnref:2"} {
				if !plainFragment(href) {
					t.Fatalf("%q should take the fast path", href)
				}
				got, err := c.resolve(pageURL, href)
				want, werr := c.resolveURL(pageURL, href)
				if err != nil || werr != nil || got != want {
					t.Errorf("base %s, page %s, %q: fast %+v (%v), net/url %+v (%v)", basePath, pageURL, href, got, err, want, werr)
				}
			}
		}
	}
	for _, href := range []string{"#", "#a b", "#%41", "#a/b", "#ä", "/x#a", "#a?b"} {
		if plainFragment(href) {
			t.Errorf("%q should not take the fast path", href)
		}
	}
}

// TestSameSiteAddressWithoutPath: "https://this.site#faq" leads to the
// home page from every page (the worker that resolves it first must not
// decide for the others).
func TestSameSiteAddressWithoutPath(t *testing.T) {
	for _, basePath := range []string{"/", "/library/"} {
		c := &Checker{basePath: basePath, origin: "https://health.example.org"}
		for _, href := range []string{"https://health.example.org#faq", "//health.example.org#faq", "https://health.example.org?x=1"} {
			for _, pageURL := range []string{"/", "/conditions/asthma/"} {
				got, err := c.resolve(pageURL, href)
				if err != nil || got.sitePath != "/" {
					t.Errorf("base %s, on %s: %q leads to %+v (%v), want the home page", basePath, pageURL, href, got, err)
				}
			}
		}
	}
}

// TestScanSeesAttributesAsBrowsersDo: attribute names in any case and
// with spaces around "=" are read, on elements the checks otherwise pass
// over: a third-party background image and an id linked to.
func TestScanSeesAttributesAsBrowsersDo(t *testing.T) {
	sc := getScanner()
	defer sc.release()
	s := sc.scanPage([]byte(`<div STYLE = "background:url(https://tracker.example/p.gif)">x</div><section ID="faq">y</section><p Style='color:red'>z</p>`))
	if len(s.styles) != 1 || !strings.Contains(s.styles[0], "tracker.example") {
		t.Errorf("styles = %q, want the background from tracker.example", s.styles)
	}
	if len(s.ids) != 1 || s.ids[0] != "faq" {
		t.Errorf("ids = %q, want [faq]", s.ids)
	}
}

// TestScanReadsNoscriptAsMarkup: the fallbacks of tracking scripts load
// for readers without JavaScript, and must be seen.
func TestScanReadsNoscriptAsMarkup(t *testing.T) {
	sc := getScanner()
	defer sc.release()
	s := sc.scanPage([]byte(`<head><noscript><img height="1" width="1" src="https://www.facebook.com/tr?id=1&amp;ev=PageView"></noscript></head>` +
		`<body><noscript><iframe src="https://www.googletagmanager.com/ns.html?id=GTM-X" height="0" width="0"></iframe></noscript><p>Text</p></body>`))
	var got []string
	for _, r := range s.resources {
		got = append(got, r.url)
	}
	want := []string{"https://www.facebook.com/tr?id=1&ev=PageView", "https://www.googletagmanager.com/ns.html?id=GTM-X"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("resources = %q, want %q", got, want)
	}
}

// TestPageIndependentMeansSameTarget: an href said to be page-independent
// resolves to the same target on pages at different depths, so that one
// resolution serves every page; a relative one does not.
func TestPageIndependentMeansSameTarget(t *testing.T) {
	c := &Checker{basePath: "/", origin: "https://health.example.org"}
	pages := []string{"/", "/conditions/asthma/", "/tags/lungs/page/2/"}
	for _, href := range []string{"tel:911", "mailto:nurse@example.org", "https://doi.org/10.1000/1", "HTTP://health.example.org/x/", "/conditions/", "//health.example.org/a/", "data:text/plain,x", "a+b-c.d:x"} {
		if !pageIndependent(href) {
			t.Errorf("%q should be page-independent", href)
			continue
		}
		first, err := c.resolveURL(pages[0], href)
		for _, p := range pages[1:] {
			got, err2 := c.resolveURL(p, href)
			if got != first || (err == nil) != (err2 == nil) {
				t.Errorf("%q resolves to %+v on %s and %+v on %s", href, first, pages[0], got, p)
			}
		}
	}
	for _, href := range []string{"../asthma/", "asthma/", "#main", "1tel:911", ":x", "page/2/", "a b:c", ""} {
		if pageIndependent(href) {
			t.Errorf("%q should depend on the page", href)
		}
	}
}
