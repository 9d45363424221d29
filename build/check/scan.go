package check

import (
	"bytes"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

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

// interesting reports whether the checks read the attributes of an
// element; of the others only id and style matter.
func interesting(a atom.Atom) bool {
	switch a {
	case atom.A, atom.Area, atom.Link, atom.Script, atom.Iframe, atom.Frame, atom.Img, atom.Source, atom.Video,
		atom.Audio, atom.Track, atom.Embed, atom.Object, atom.Input, atom.Form, atom.Image, atom.Table:
		return true
	}
	return false
}

// maxKeptText is how much of a link's or a heading's text a scan keeps.
const maxKeptText = 200

// scanPage reads a built page once.
func scanPage(page []byte) *pageScan {
	s := &pageScan{ids: make([]string, 0, 32), links: make([]link, 0, 64)}
	buf := pageBufs.Get().(*[]byte)
	in, cut := withoutJSONData(page, *buf)
	defer func() {
		if cut && cap(in) <= maxPooledPage {
			*buf = in[:0]
		}
		pageBufs.Put(buf)
	}()
	z := newLexer(in)
	var (
		anchorDepth  int // > 0 inside <a>
		anchor       anchorText
		anchorLabel  bool
		headingLevel int
		headingText  strings.Builder
		tables       []bool // has a header cell, per open table
		inStyle      bool
	)
	var attrs tagAttrs
	for {
		switch z.next() {
		case tokEOF:
			return s
		case tokText:
			if inStyle {
				s.styles = append(s.styles, z.text())
				continue
			}
			// The checks need only the start of a link's or a heading's
			// text: keep a bounded prefix, whatever the page holds.
			keepAnchor := anchorDepth > 0 && !anchorLabel && len(strings.TrimSpace(anchor.text)) < maxKeptText
			keepHeading := headingLevel > 0 && !(anchorDepth > 0 && anchorLabel) && headingText.Len() < maxKeptText
			if keepAnchor || keepHeading {
				t := z.textBytes()
				if keepAnchor {
					anchor.text += string(t)
				}
				if keepHeading {
					headingText.Write(t) // not the text of a labelled "#" self-link
				}
			}
		case tokEndTag:
			if anchorDepth == 0 && headingLevel == 0 && len(tables) == 0 && !inStyle {
				continue // no open element whose end matters
			}
			switch scanAtom(z.tagName()) {
			case atom.A:
				if anchorDepth > 0 {
					anchorDepth--
					if anchorDepth == 0 {
						if s.anchors == nil {
							s.anchors = make([]anchorText, 0, 32) // pages have many
						}
						s.anchors = append(s.anchors, anchor)
					}
				}
			case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				if headingLevel > 0 {
					s.headings = append(s.headings, heading{level: headingLevel, text: joinFields(headingText.String())})
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
		case tokStartTag:
			a := scanAtom(z.tagName())
			if len(z.attrs) > 0 && (interesting(a) || mayHaveIDOrStyle(in[z.start:z.pos])) {
				attrs.read(&z, attrsUsed(a))
			} else {
				attrs = tagAttrs{}
			}
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
			switch a {
			case atom.A:
				if !z.selfClosing {
					anchorDepth++
					if anchorDepth == 1 {
						anchor = anchorText{href: attrs.href}
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
				headingLevel = int(in[z.data0+1] - '0')
				headingText.Reset()
			case atom.Table:
				tables = append(tables, attrs.role == "presentation" || attrs.role == "none")
			case atom.Th:
				if n := len(tables); n > 0 {
					tables[n-1] = true
				}
			case atom.Style:
				inStyle = !z.selfClosing
			}
		}
	}
}

// scanAtom returns the atom of the elements scanPage tells apart, 0 for
// the others: a switch on these few names is faster than atom.Lookup.
func scanAtom(name []byte) atom.Atom {
	var lower [len("iframe")]byte // the longest name told apart
	if len(name) > len(lower) {
		return 0
	}
	for i, c := range name {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[i] = c
	}
	switch string(lower[:len(name)]) {
	case "a":
		return atom.A
	case "area":
		return atom.Area
	case "audio":
		return atom.Audio
	case "embed":
		return atom.Embed
	case "form":
		return atom.Form
	case "frame":
		return atom.Frame
	case "h1":
		return atom.H1
	case "h2":
		return atom.H2
	case "h3":
		return atom.H3
	case "h4":
		return atom.H4
	case "h5":
		return atom.H5
	case "h6":
		return atom.H6
	case "iframe":
		return atom.Iframe
	case "image":
		return atom.Image
	case "img":
		return atom.Img
	case "input":
		return atom.Input
	case "link":
		return atom.Link
	case "object":
		return atom.Object
	case "script":
		return atom.Script
	case "source":
		return atom.Source
	case "style":
		return atom.Style
	case "table":
		return atom.Table
	case "th":
		return atom.Th
	case "track":
		return atom.Track
	case "video":
		return atom.Video
	}
	return 0
}

// joinFields returns strings.Join(strings.Fields(s), " ") with one
// allocation at most, none when s is already so.
func joinFields(s string) string {
	// Already so: no space but single ' ' between fields.
	prev := byte(' ')
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || asciiSpace(c) && (c != ' ' || prev == ' ') {
			prev = 0
			break
		}
		prev = c
	}
	if prev != 0 && prev != ' ' || s == "" {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false // a space between fields is due
	for i := 0; i < len(s); {
		c, n := s[i], 1
		isSpace := false
		if c < utf8.RuneSelf {
			isSpace = asciiSpace(c)
		} else {
			var r rune
			r, n = utf8.DecodeRuneInString(s[i:])
			isSpace = unicode.IsSpace(r)
		}
		if isSpace {
			space = b.Len() > 0
		} else {
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// asciiSpace reports whether c is an ASCII space of unicode.IsSpace.
func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// mayHaveIDOrStyle reports whether a raw tag holds "id=" or "style=": of
// most elements the checks read only these attributes. The test is on the
// bytes as written, so "ID=" is not seen (nor was it before the lexer);
// and it looks at each '=', rarer than the 'i' bytes.Contains would stop at.
func mayHaveIDOrStyle(raw []byte) bool {
	for p := 0; ; p++ {
		i := bytes.IndexByte(raw[p:], '=')
		if i < 0 {
			return false
		}
		p += i
		if p >= 2 && raw[p-2] == 'i' && raw[p-1] == 'd' || p >= 5 && string(raw[p-5:p]) == "style" {
			return true
		}
	}
}

// tagAttrs are the attributes the checks read; the others are skipped
// without being copied.
type tagAttrs struct {
	id, href, src, srcset, alt, role, ariaHidden, ariaLabel, rel, style, ping,
	data, action, poster, typ, imagesrcset, xlinkHref string
	hasAlt, hasHref bool
}

// Bits of the fields of tagAttrs, in their order.
const (
	attrID = 1 << iota
	attrHref
	attrSrc
	attrSrcset
	attrAlt
	attrRole
	attrAriaHidden
	attrAriaLabel
	attrRel
	attrStyle
	attrPing
	attrData
	attrAction
	attrPoster
	attrType
	attrImagesrcset
	attrXlinkHref
)

// attrsUsed returns the fields of tagAttrs that scanPage and element read
// for an element: only these are worth copying out of the page.
func attrsUsed(a atom.Atom) uint32 {
	used := uint32(attrID | attrStyle | attrPing)
	switch a {
	case atom.A:
		used |= attrHref | attrAriaLabel
	case atom.Area:
		used |= attrHref
	case atom.Link:
		used |= attrRel | attrHref | attrImagesrcset
	case atom.Script, atom.Iframe, atom.Frame, atom.Audio, atom.Track, atom.Embed:
		used |= attrSrc
	case atom.Img:
		used |= attrSrc | attrSrcset | attrAlt | attrRole | attrAriaHidden
	case atom.Source:
		used |= attrSrc | attrSrcset
	case atom.Video:
		used |= attrSrc | attrPoster
	case atom.Object:
		used |= attrData
	case atom.Input:
		used |= attrType | attrSrc
	case atom.Form:
		used |= attrAction
	case atom.Image:
		used |= attrHref | attrXlinkHref
	case atom.Table:
		used |= attrRole
	}
	return used
}

// read reads the attributes of the lexer's start tag that used has (see
// attrsUsed). Of attributes with the same name the first counts, as in a
// browser.
func (t *tagAttrs) read(z *lexer, used uint32) {
	*t = tagAttrs{}
	var seen uint32
	for _, a := range z.attrs {
		k := z.buf[a.k0:a.k1]
		var lower [len("aria-hidden")]byte // the longest name read
		if len(k) > len(lower) {
			continue
		}
		for i, c := range k {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			lower[i] = c
		}
		k = lower[:len(k)]
		var dst *string
		var bit uint32
		switch string(k) {
		case "id":
			dst, bit = &t.id, attrID
		case "href":
			dst, bit, t.hasHref = &t.href, attrHref, true
		case "src":
			dst, bit = &t.src, attrSrc
		case "srcset":
			dst, bit = &t.srcset, attrSrcset
		case "alt":
			dst, bit, t.hasAlt = &t.alt, attrAlt, true
		case "role":
			dst, bit = &t.role, attrRole
		case "aria-hidden":
			dst, bit = &t.ariaHidden, attrAriaHidden
		case "aria-label":
			dst, bit = &t.ariaLabel, attrAriaLabel
		case "rel":
			dst, bit = &t.rel, attrRel
		case "style":
			dst, bit = &t.style, attrStyle
		case "ping":
			dst, bit = &t.ping, attrPing
		case "data":
			dst, bit = &t.data, attrData
		case "action":
			dst, bit = &t.action, attrAction
		case "poster":
			dst, bit = &t.poster, attrPoster
		case "type":
			dst, bit = &t.typ, attrType
		case "imagesrcset":
			dst, bit = &t.imagesrcset, attrImagesrcset
		case "xlink:href":
			dst, bit = &t.xlinkHref, attrXlinkHref
		default:
			continue
		}
		if seen&bit != 0 || used&bit == 0 {
			continue
		}
		seen |= bit
		*dst = z.attrValue(a)
	}
}

// element records the links and resources of one start tag. The fields of
// t it reads for each element are those of attrsUsed.
func (s *pageScan) element(a atom.Atom, t *tagAttrs) {
	load := func(what, v string) {
		if v = strings.TrimSpace(v); v != "" {
			s.resources = append(s.resources, resource{url: v, what: what})
		}
	}
	loadSet := func(what, v string) {
		if v == "" {
			return
		}
		for _, u := range srcsetURLs(v) {
			s.resources = append(s.resources, resource{url: u, what: what})
		}
	}
	switch a {
	case atom.A, atom.Area:
		if t.hasHref {
			s.links = append(s.links, link{href: t.href, tag: a.String()})
		}
	case atom.Link:
		what := ""
		for _, r := range strings.Fields(strings.ToLower(t.rel)) {
			if w, ok := linkRels[r]; ok {
				what = w
				break
			}
		}
		if what != "" {
			load(what, t.href)
			loadSet(what, t.imagesrcset)
		}
		if t.hasHref {
			s.links = append(s.links, link{href: t.href, tag: "link"})
		}
	case atom.Script:
		load("script", t.src)
	case atom.Iframe, atom.Frame:
		load("frame", t.src)
	case atom.Img:
		load("image", t.src)
		loadSet("image", t.srcset)
		s.images = append(s.images, image{src: t.src, alt: t.alt, hasAlt: t.hasAlt,
			decorative: t.role == "presentation" || t.role == "none" || t.ariaHidden == "true"})
	case atom.Source:
		load("media file", t.src)
		loadSet("image", t.srcset)
	case atom.Video:
		load("video", t.src)
		load("image", t.poster)
	case atom.Audio:
		load("audio", t.src)
	case atom.Track:
		load("caption file", t.src)
	case atom.Embed:
		load("embedded object", t.src)
	case atom.Object:
		load("embedded object", t.data)
	case atom.Input:
		if strings.EqualFold(t.typ, "image") {
			load("image", t.src)
		}
	case atom.Form:
		load("form submission", t.action)
	case atom.Image: // SVG <image>
		load("image", t.href)
		load("image", t.xlinkHref)
	}
	// Same-site resources must exist too: check them with the links.
	switch a {
	case atom.Script, atom.Img, atom.Iframe, atom.Source, atom.Video, atom.Audio, atom.Track, atom.Embed:
		if v := strings.TrimSpace(t.src); v != "" {
			s.links = append(s.links, link{href: v, tag: a.String()})
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

// pageBufs hold the pages that withoutJSONData shortens.
var pageBufs = sync.Pool{New: func() any { return new([]byte) }}

// maxPooledPage is the largest buffer pageBufs keeps.
const maxPooledPage = 1 << 20

// withoutJSONData returns the page without the content of its JSON-LD
// blocks (<script type="application/ld+json">), appended to buf if it has
// some (cut): data that loads nothing and links nowhere, and a third of an
// article page.
//
// The lexer would skip that script content quickly anyway, but the cut is
// textual, from the '>' after the marker wherever it is to the next
// "</script", and on odd pages the checks see the difference: they keep
// reading the page so cut, as they did with x/net/html.
func withoutJSONData(page, buf []byte) (out []byte, cut bool) {
	rest := page
	out = buf[:0]
	for {
		i := indexJSONData(rest)
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
		out = append(out, rest[:start]...)
		rest = rest[start+end:]
		cut = true
	}
	if !cut {
		return page, false
	}
	return append(out, rest...), true
}

// indexJSONData is bytes.Index(b, []byte("application/ld+json")), but
// looks for the '+', rarer in a page than the 'a' that bytes.Index would
// stop at.
func indexJSONData(b []byte) int {
	const marker, plus = "application/ld+json", len("application/ld")
	for p := plus; p < len(b); p++ {
		i := bytes.IndexByte(b[p:], '+')
		if i < 0 {
			return -1
		}
		p += i
		if p+len(marker)-plus <= len(b) && string(b[p-plus:p-plus+len(marker)]) == marker {
			return p - plus
		}
	}
	return -1
}
