package check

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pageScan is what one reading of a built page finds.
type pageScan struct {
	ids       []string
	links     []link     // a, area and link elements with href, and same-site resources
	resources []resource // everything the page makes the browser load
	images    []image
	headings  []heading
	anchors   []anchorText
	tables    int // tables without a header cell
	styles    []string
}

// link is an address the page points to.
type link struct {
	href string
	tag  string
}

// resource is an address the browser loads without the reader clicking.
type resource struct {
	url  string
	what string // "script", "image", "stylesheet" …
}

type image struct {
	src        string
	alt        string
	hasAlt     bool
	decorative bool // role="presentation"/"none" or aria-hidden="true"
}

type heading struct {
	level int
	text  string
}

// anchorText is the accessible name of a link.
type anchorText struct {
	href string
	text string
}

// linkRels are the rel values of <link> that make the browser fetch or
// connect: everything but alternate, canonical and the like.
var linkRels = map[string]string{
	"stylesheet": "stylesheet", "icon": "icon", "shortcut": "icon", "apple-touch-icon": "icon",
	"preload": "preloaded file", "prefetch": "prefetched file", "modulepreload": "script",
	"preconnect": "connection (preconnect)", "dns-prefetch": "DNS lookup (dns-prefetch)",
	"manifest": "manifest", "prerender": "prerendered page",
}

// scanPage reads a built page once.
func scanPage(page []byte) *pageScan {
	s := &pageScan{}
	z := html.NewTokenizer(bytes.NewReader(page))
	var (
		anchorDepth  int // > 0 inside <a>
		anchor       *anchorText
		anchorLabel  bool
		headingLevel int
		headingText  strings.Builder
		tables       []bool // has a header cell, per open table
		inStyle      bool
	)
	attrs := map[string]string{}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return s
		case html.TextToken:
			if inStyle {
				s.styles = append(s.styles, string(z.Text()))
				continue
			}
			if anchorDepth > 0 && !anchorLabel || headingLevel > 0 {
				t := z.Text()
				if anchorDepth > 0 && !anchorLabel {
					anchor.text += string(t)
				}
				if headingLevel > 0 && !(anchorDepth > 0 && anchorLabel) {
					headingText.Write(t) // not the text of a labelled "#" self-link
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch atom.Lookup(name) {
			case atom.A:
				if anchorDepth > 0 {
					anchorDepth--
					if anchorDepth == 0 {
						s.anchors = append(s.anchors, *anchor)
					}
				}
			case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				if headingLevel > 0 {
					s.headings = append(s.headings, heading{level: headingLevel, text: strings.Join(strings.Fields(headingText.String()), " ")})
					headingLevel = 0
				}
			case atom.Table:
				if n := len(tables); n > 0 {
					if !tables[n-1] {
						s.tables++
					}
					tables = tables[:n-1]
				}
			case atom.Style:
				inStyle = false
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			clear(attrs)
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				attrs[string(k)] = string(v)
			}
			if id := attrs["id"]; id != "" {
				s.ids = append(s.ids, id)
			}
			if st := attrs["style"]; st != "" && strings.Contains(st, "url(") {
				s.styles = append(s.styles, st)
			}
			if p := attrs["ping"]; p != "" {
				for _, u := range strings.Fields(p) {
					s.resources = append(s.resources, resource{url: u, what: "tracking ping"})
				}
			}
			s.element(a, string(name), attrs)
			switch a {
			case atom.A:
				if tt == html.StartTagToken {
					anchorDepth++
					if anchorDepth == 1 {
						anchor = &anchorText{href: attrs["href"]}
						anchorLabel = false
						if l := strings.TrimSpace(attrs["aria-label"]); l != "" {
							anchor.text, anchorLabel = l, true
						}
					}
				}
			case atom.Img:
				if anchorDepth > 0 && !anchorLabel {
					anchor.text += " " + attrs["alt"]
				}
			case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				headingLevel = int(name[1] - '0')
				headingText.Reset()
			case atom.Table:
				tables = append(tables, attrs["role"] == "presentation" || attrs["role"] == "none")
			case atom.Th:
				if n := len(tables); n > 0 {
					tables[n-1] = true
				}
			case atom.Style:
				inStyle = tt == html.StartTagToken
			}
		}
	}
}

// element records the links and resources of one start tag.
func (s *pageScan) element(a atom.Atom, name string, attrs map[string]string) {
	load := func(what, attr string) {
		if v := strings.TrimSpace(attrs[attr]); v != "" {
			s.resources = append(s.resources, resource{url: v, what: what})
		}
	}
	loadSet := func(what, attr string) {
		for _, u := range srcsetURLs(attrs[attr]) {
			s.resources = append(s.resources, resource{url: u, what: what})
		}
	}
	switch a {
	case atom.A, atom.Area:
		if h, ok := attrs["href"]; ok {
			s.links = append(s.links, link{href: h, tag: name})
		}
	case atom.Link:
		rels := strings.Fields(strings.ToLower(attrs["rel"]))
		what := ""
		for _, r := range rels {
			if w, ok := linkRels[r]; ok {
				what = w
				break
			}
		}
		if what != "" {
			load(what, "href")
			loadSet(what, "imagesrcset")
		}
		if h, ok := attrs["href"]; ok {
			s.links = append(s.links, link{href: h, tag: name})
		}
	case atom.Script:
		load("script", "src")
	case atom.Iframe, atom.Frame:
		load("frame", "src")
	case atom.Img:
		load("image", "src")
		loadSet("image", "srcset")
		_, hasAlt := attrs["alt"]
		role := attrs["role"]
		s.images = append(s.images, image{src: attrs["src"], alt: attrs["alt"], hasAlt: hasAlt,
			decorative: role == "presentation" || role == "none" || attrs["aria-hidden"] == "true"})
	case atom.Source:
		load("media file", "src")
		loadSet("image", "srcset")
	case atom.Video:
		load("video", "src")
		load("image", "poster")
	case atom.Audio:
		load("audio", "src")
	case atom.Track:
		load("caption file", "src")
	case atom.Embed:
		load("embedded object", "src")
	case atom.Object:
		load("embedded object", "data")
	case atom.Input:
		if strings.EqualFold(attrs["type"], "image") {
			load("image", "src")
		}
	case atom.Form:
		load("form submission", "action")
	case atom.Image: // SVG <image>
		load("image", "href")
		load("image", "xlink:href")
	}
	// Same-site resources must exist too: check them with the links.
	switch a {
	case atom.Script, atom.Img, atom.Iframe, atom.Source, atom.Video, atom.Audio, atom.Track, atom.Embed:
		if v := strings.TrimSpace(attrs["src"]); v != "" {
			s.links = append(s.links, link{href: v, tag: name})
		}
	}
}

// srcsetURLs returns the addresses of a srcset attribute ("a.png 1x, b.png 2x").
func srcsetURLs(v string) []string {
	var out []string
	for _, cand := range strings.Split(v, ",") {
		if f := strings.Fields(cand); len(f) > 0 {
			out = append(out, f[0])
		}
	}
	return out
}
