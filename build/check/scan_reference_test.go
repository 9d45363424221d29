package check

import (
	"bytes"
	"io"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// referenceScanPage is scanPage as it was when it read pages with the
// tokenizer of golang.org/x/net/html. It is kept, unchanged, as the
// reference that scanPage must match for every input: see
// TestScanPageMatchesReference and FuzzScanPage.
//
// It shares pageScan, tagAttrs, element and the tables with scanPage: what
// is compared is the reading of the page, not what the checks make of it.
func referenceScanPage(page []byte) *pageScan { return referenceScanPageAt(page, 0) }

// referenceScanPageAt reads a page that is the srcdoc of a frame depth
// levels down (0 for a page itself).
func referenceScanPageAt(page []byte, depth int) *pageScan {
	s := &pageScan{ids: make([]string, 0, 32), links: make([]link, 0, 64), srcdocDepth: depth}
	z := html.NewTokenizer(referenceWithoutJSONData(page))
	var (
		anchorDepth  int // > 0 inside <a>
		anchor       *anchorText
		anchorLabel  bool
		headingLevel int
		headingText  strings.Builder
		tables       []bool // has a header cell, per open table
		inStyle      bool
	)
	var attrs tagAttrs
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
				if anchorDepth > 0 && !anchorLabel && len(strings.TrimSpace(anchor.text)) < maxKeptText {
					anchor.text += string(t)
				}
				if headingLevel > 0 && !(anchorDepth > 0 && anchorLabel) && headingText.Len() < maxKeptText {
					headingText.Write(t)
				}
			}
		case html.EndTagToken:
			if anchorDepth == 0 && headingLevel == 0 && len(tables) == 0 && !inStyle {
				continue
			}
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
			if a == atom.Noscript {
				z.NextIsNotRawText() // read as a browser without scripts reads it
			}
			referenceReadAttrs(&attrs, z, hasAttr)
			if id := attrs.id; id != "" {
				s.ids = append(s.ids, id)
			}
			if st := attrs.style; st != "" && strings.Contains(st, "url(") {
				s.styles = append(s.styles, st)
			}
			if p := attrs.ping; p != "" {
				for _, u := range strings.Fields(p) {
					s.resources = append(s.resources, resource{url: u, what: "tracking ping"})
				}
			}
			s.element(a, &attrs)
			if a == atom.Iframe && attrs.srcdoc != "" && s.srcdocDepth < maxSrcdocDepth {
				// The frame's document, read by this reader too.
				inner := referenceScanPageAt([]byte(attrs.srcdoc), s.srcdocDepth+1)
				s.resources = append(s.resources, inner.resources...)
				s.styles = append(s.styles, inner.styles...)
			}
			switch a {
			case atom.A:
				if tt == html.StartTagToken {
					anchorDepth++
					if anchorDepth == 1 {
						anchor = &anchorText{href: attrs.href}
						anchorLabel = false
						if l := strings.TrimSpace(attrs.ariaLabel); l != "" {
							anchor.text, anchorLabel = l, true
						}
					}
				}
			case atom.Img:
				if anchorDepth > 0 && !anchorLabel {
					anchor.text += " " + attrs.alt
				}
			case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				headingLevel = int(name[1] - '0')
				headingText.Reset()
			case atom.Table:
				tables = append(tables, attrs.role == "presentation" || attrs.role == "none")
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

// referenceReadAttrs is the former tagAttrs.read.
func referenceReadAttrs(t *tagAttrs, z *html.Tokenizer, more bool) {
	*t = tagAttrs{}
	for more {
		var k, v []byte
		k, v, more = z.TagAttr()
		var dst *string
		switch string(k) {
		case "id":
			dst = &t.id
		case "href":
			dst, t.hasHref = &t.href, true
		case "src":
			dst = &t.src
		case "srcset":
			dst = &t.srcset
		case "alt":
			dst, t.hasAlt = &t.alt, true
		case "role":
			dst = &t.role
		case "aria-hidden":
			dst = &t.ariaHidden
		case "aria-label":
			dst = &t.ariaLabel
		case "rel":
			dst = &t.rel
		case "style":
			dst = &t.style
		case "ping":
			dst = &t.ping
		case "data":
			dst = &t.data
		case "action":
			dst = &t.action
		case "poster":
			dst = &t.poster
		case "type":
			dst = &t.typ
		case "imagesrcset":
			dst = &t.imagesrcset
		case "xlink:href":
			dst = &t.xlinkHref
		case "srcdoc":
			dst = &t.srcdoc
		default:
			continue
		}
		*dst = string(v)
	}
}

// referenceWithoutJSONData is the former withoutJSONData.
func referenceWithoutJSONData(page []byte) io.Reader {
	marker := []byte(`application/ld+json`)
	if !bytes.Contains(page, marker) {
		return bytes.NewReader(page)
	}
	var parts []io.Reader
	rest := page
	for {
		i := bytes.Index(rest, marker)
		if i < 0 {
			break
		}
		open := bytes.IndexByte(rest[i:], '>')
		if open < 0 {
			break
		}
		start := i + open + 1
		end := bytes.Index(rest[start:], []byte("</script"))
		if end < 0 {
			break
		}
		parts = append(parts, bytes.NewReader(rest[:start]))
		rest = rest[start+end:]
	}
	parts = append(parts, bytes.NewReader(rest))
	return io.MultiReader(parts...)
}
