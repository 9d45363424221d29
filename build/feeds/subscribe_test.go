package feeds_test

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/build/feeds"
	"github.com/bedside-health/bedside/site"
)

// The sample site's Subscribe page (content/subscribe.md) tells readers
// which addresses to paste into a feed reader: every one of them, linked
// or written as code, must be a feed the build writes.
func TestSubscribePageAddressesAreFeeds(t *testing.T) {
	s := site.Load("../..", site.LoadOptions{Now: date("2026-11-23")})
	out := build.NewMemOutput()
	_, diags := build.Run(s, out, build.Options{Extensions: []build.Extension{feeds.New()}})
	if diags.HasErrors() {
		t.Fatalf("the sample site does not build:\n%v", diags)
	}
	page, ok := out.Files["subscribe/index.html"]
	if !ok {
		t.Fatal("the sample site has no /subscribe/ page")
	}
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var addrs []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "a" {
			for _, a := range n.Attr {
				if a.Key == "href" {
					addrs = append(addrs, a.Val)
				}
			}
		}
		if n.Type == html.ElementNode && n.Data == "code" && n.FirstChild != nil {
			addrs = append(addrs, n.FirstChild.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	basePath := s.Config.BasePath()
	checked := 0
	for _, a := range addrs {
		if !strings.HasPrefix(a, "/") || !isFeedFile(a) {
			continue
		}
		checked++
		path := strings.TrimPrefix(a, basePath)
		if _, ok := out.Files[path]; !ok {
			t.Errorf("the Subscribe page gives %s, but the build writes no feed there", a)
		}
	}
	if checked < 10 {
		t.Errorf("found only %d feed addresses on the Subscribe page; has it changed?", checked)
	}
}
