package check

import (
	"bytes"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

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

	// srcdocDepth is how deep in iframe srcdoc documents this scan is
	// (see maxSrcdocDepth).
	srcdocDepth int
}

// maxSrcdocDepth bounds the documents within documents a scan reads: each
// level must escape the one it holds once more, so real pages stop at one.
const maxSrcdocDepth = 4

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

// scanner is the state of scanPage, kept in a pool from page to page: the
// slices of a scan, the page without its JSON-LD, the bytes of link and
// heading texts. Reading a page then allocates next to nothing, which
// matters as much as the reading itself: the garbage of 17,000 pages made
// the collector run for a good part of the checker's time.
//
// The strings of a scan are not copies: they borrow the bytes of the page
// (attribute values and texts as written) or of the scanner (the page cut
// by withoutJSONData, link and heading texts). They are valid until
// release or the next scanPage, and whatever outlives the page must be
// copied: ObservePage copies the links it adds to the link table and the
// ids it keeps; the diagnostics format their own strings.
type scanner struct {
	scan pageScan // grows as pages need; scanPage returns a copy
	out  pageScan
	z    lexer
	cut  []byte // the page without its JSON-LD data

	// texts holds the finished link and heading texts that scan.anchors
	// and scan.headings borrow. Within a page it is only appended to, so
	// the strings stay valid when it moves to a larger array.
	texts       []byte
	anchorText  []byte // of the open link
	headingText []byte // of the open heading
	tables      []bool // has a header cell, per open table

	// For numberLinks: the numbers of the page's hrefs, and which it has
	// (seen[number] == gen), to drop repeated links without a map.
	hrefIDs []uint32
	seen    []uint32
	gen     uint32
	// recent caches hrefs the scanner numbered lately, for the table
	// recentTable (Checker.table).
	recent      [recentSlots]recentHref
	recentTable uint64
}

var scanners = sync.Pool{New: func() any { return new(scanner) }}

// Largest buffers a pooled scanner keeps, so that one huge page does not
// hold memory for the rest of the build.
const (
	maxPooledPage  = 1 << 20
	maxPooledTexts = 64 << 10
)

// getScanner returns a scanner from the pool; give it back with release
// once nothing uses its scan.
func getScanner() *scanner { return scanners.Get().(*scanner) }

// release clears the scanner and returns it to the pool: the strings of
// its last scan must no longer be used.
func (sc *scanner) release() {
	s := &sc.scan
	// Drop the references to the page's bytes, so that the pool does not
	// keep old pages alive.
	clear(s.ids)
	clear(s.links)
	clear(s.resources)
	clear(s.images)
	clear(s.headings)
	clear(s.anchors)
	clear(s.styles)
	sc.reset()
	sc.scan.srcdocDepth = 0
	sc.z.reset(nil)
	if cap(sc.cut) > maxPooledPage {
		sc.cut = nil
	}
	if cap(sc.texts) > maxPooledTexts {
		sc.texts = nil
	}
	scanners.Put(sc)
}

// reset empties the scan, keeping its slices.
func (sc *scanner) reset() {
	s := &sc.scan
	*s = pageScan{ids: s.ids[:0], links: s.links[:0], resources: s.resources[:0], images: s.images[:0],
		headings: s.headings[:0], anchors: s.anchors[:0], styles: s.styles[:0], srcdocDepth: s.srcdocDepth}
	sc.out = pageScan{}
	sc.texts = sc.texts[:0]
	sc.tables = sc.tables[:0]
}

// scanPage reads a built page once. Its scanner is not given back to the
// pool, so the result stays valid as long as it is used (see scanner).
func scanPage(page []byte) *pageScan { return getScanner().scanPage(page) }

// scanPage reads a built page once; the result is valid until release or
// the next scanPage.
func (sc *scanner) scanPage(page []byte) *pageScan {
	sc.reset()
	s := &sc.scan
	if s.ids == nil {
		s.ids, s.links = make([]string, 0, 32), make([]link, 0, 64)
	}
	in, cut := withoutJSONData(page, sc.cut)
	if cut {
		sc.cut = in
	}
	z := &sc.z
	z.reset(in)
	var (
		anchorDepth  int // > 0 inside <a>
		anchor       anchorText
		anchorLabel  bool
		headingLevel int
		inStyle      bool
	)
	var attrs tagAttrs
	for {
		// Text matters only in a link, a heading or a <style>.
		z.skipText = anchorDepth == 0 && headingLevel == 0 && !inStyle
		switch z.next() {
		case tokEOF:
			return sc.result()
		case tokText:
			if inStyle {
				s.styles = append(s.styles, z.textView())
				continue
			}
			// The checks need only the start of a link's or a heading's
			// text: keep a bounded prefix, whatever the page holds.
			keepAnchor := anchorDepth > 0 && !anchorLabel && len(bytes.TrimSpace(sc.anchorText)) < maxKeptText
			keepHeading := headingLevel > 0 && !(anchorDepth > 0 && anchorLabel) && len(sc.headingText) < maxKeptText
			if keepAnchor || keepHeading {
				t := z.textBytes()
				if keepAnchor {
					sc.anchorText = append(sc.anchorText, t...)
				}
				if keepHeading {
					sc.headingText = append(sc.headingText, t...) // not the text of a labelled "#" self-link
				}
			}
		case tokEndTag:
			if anchorDepth == 0 && headingLevel == 0 && len(sc.tables) == 0 && !inStyle {
				continue // no open element whose end matters
			}
			switch scanAtom(z.tagName()) {
			case atom.A:
				if anchorDepth > 0 {
					anchorDepth--
					if anchorDepth == 0 {
						if !anchorLabel {
							anchor.text = sc.keepText(sc.anchorText)
						}
						s.anchors = append(s.anchors, anchor)
					}
				}
			case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				if headingLevel > 0 {
					n := len(sc.texts)
					sc.texts = appendJoinFields(sc.texts, sc.headingText)
					s.headings = append(s.headings, heading{level: headingLevel, text: borrow(sc.texts[n:])})
					headingLevel = 0
				}
			case atom.Table:
				if n := len(sc.tables); n > 0 {
					if !sc.tables[n-1] {
						s.tables++
					}
					sc.tables = sc.tables[:n-1]
				}
			case atom.Style:
				inStyle = false
			}
		case tokStartTag:
			a := scanAtom(z.tagName())
			if len(z.attrs) > 0 && (interesting(a) || hasIDStyleOrPing(z)) {
				attrs.read(z, attrsUsed(a))
			} else if a == 0 {
				continue // most tags (<p>, <li>, <div class=…>): no attribute or element the checks read
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
			if a == atom.Iframe && attrs.srcdoc != "" {
				s.readSrcdoc(attrs.srcdoc)
			}
			switch a {
			case atom.A:
				if !z.selfClosing {
					anchorDepth++
					if anchorDepth == 1 {
						anchor = anchorText{href: attrs.href}
						anchorLabel = false
						sc.anchorText = sc.anchorText[:0]
						if l := strings.TrimSpace(attrs.ariaLabel); l != "" {
							anchor.text, anchorLabel = l, true
						}
					}
				}
			case atom.Img:
				if anchorDepth > 0 && !anchorLabel {
					sc.anchorText = append(append(sc.anchorText, ' '), attrs.alt...)
				}
			case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				headingLevel = int(in[z.data0+1] - '0')
				sc.headingText = sc.headingText[:0]
			case atom.Table:
				sc.tables = append(sc.tables, attrs.role == "presentation" || attrs.role == "none")
			case atom.Th:
				if n := len(sc.tables); n > 0 {
					sc.tables[n-1] = true
				}
			case atom.Style:
				inStyle = !z.selfClosing
			}
		}
	}
}

// keepText copies b to the scanner's texts and returns it as a string
// that borrows them.
func (sc *scanner) keepText(b []byte) string {
	n := len(sc.texts)
	sc.texts = append(sc.texts, b...)
	return borrow(sc.texts[n:])
}

// result returns the scan, with nil for what the page does not have, as
// a scan that allocates each slice when it first needs it would: the
// scanner keeps its slices, empty, for the next page.
func (sc *scanner) result() *pageScan {
	sc.out = sc.scan
	o := &sc.out
	if len(o.resources) == 0 {
		o.resources = nil
	}
	if len(o.images) == 0 {
		o.images = nil
	}
	if len(o.headings) == 0 {
		o.headings = nil
	}
	if len(o.anchors) == 0 {
		o.anchors = nil
	}
	if len(o.styles) == 0 {
		o.styles = nil
	}
	return o
}

// borrow returns the bytes of b as a string without copying them. b must
// not change while the string is used: see scanner for why that holds.
func borrow(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// scanAtom returns the atom of the elements scanPage tells apart, 0 for
// the others: it is called for every tag, and a switch on the length and
// the first letter, then one comparison, is faster than atom.Lookup.
func scanAtom(name []byte) atom.Atom {
	if len(name) == 0 || len(name) > len("iframe") { // the longest name told apart
		return 0
	}
	c := name[0] | 0x20 // only picks the candidate
	var s string
	var a atom.Atom
	switch len(name) {
	case 1:
		if c == 'a' {
			return atom.A
		}
		return 0
	case 2:
		switch c {
		case 'h':
			if '1' <= name[1] && name[1] <= '6' {
				return headings[name[1]-'1']
			}
		case 't':
			s, a = "th", atom.Th
		}
	case 3:
		s, a = "img", atom.Img
	case 4:
		switch c {
		case 'a':
			s, a = "area", atom.Area
		case 'f':
			s, a = "form", atom.Form
		case 'l':
			s, a = "link", atom.Link
		}
	case 5:
		switch c {
		case 'a':
			s, a = "audio", atom.Audio
		case 'e':
			s, a = "embed", atom.Embed
		case 'f':
			s, a = "frame", atom.Frame
		case 'i':
			if name[1]|0x20 == 'm' {
				s, a = "image", atom.Image
			} else {
				s, a = "input", atom.Input
			}
		case 's':
			s, a = "style", atom.Style
		case 't':
			if name[1]|0x20 == 'a' {
				s, a = "table", atom.Table
			} else {
				s, a = "track", atom.Track
			}
		case 'v':
			s, a = "video", atom.Video
		}
	case 6:
		switch c {
		case 'i':
			s, a = "iframe", atom.Iframe
		case 'o':
			s, a = "object", atom.Object
		case 's':
			if name[1]|0x20 == 'c' {
				s, a = "script", atom.Script
			} else {
				s, a = "source", atom.Source
			}
		}
	}
	if a == 0 || !asciiEqualFold(name, s) {
		return 0
	}
	return a
}

var headings = [...]atom.Atom{atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6}

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

// appendJoinFields appends strings.Join(strings.Fields(string(b)), " ")
// to dst.
func appendJoinFields(dst, b []byte) []byte {
	space := false // a space between fields is due
	start := len(dst)
	for i := 0; i < len(b); {
		c, n := b[i], 1
		isSpace := false
		if c < utf8.RuneSelf {
			isSpace = asciiSpace(c)
			if !isSpace {
				// Copy a run of ASCII letters at once: most of a heading.
				for i+n < len(b) && b[i+n] < utf8.RuneSelf && !asciiSpace(b[i+n]) {
					n++
				}
			}
		} else {
			var r rune
			r, n = utf8.DecodeRune(b[i:])
			isSpace = unicode.IsSpace(r)
		}
		if isSpace {
			space = len(dst) > start
		} else {
			if space {
				dst = append(dst, ' ')
				space = false
			}
			dst = append(dst, b[i:i+n]...)
		}
		i += n
	}
	return dst
}

// asciiSpace reports whether c is an ASCII space of unicode.IsSpace.
func asciiSpace(c byte) bool { return asciiSpaces[c] }

// asciiSpaces are the ASCII spaces of unicode.IsSpace: one load rather
// than six comparisons, in loops over every byte of link and heading texts.
var asciiSpaces = [256]bool{' ': true, '\t': true, '\n': true, '\v': true, '\f': true, '\r': true}

// hasIDStyleOrPing reports whether the lexer's start tag has an attribute
// id, style or ping (in any case): of the elements that are not
// interesting, the checks read only these, so a tag without them needs no
// closer look. Most tags (<div class=…>, <meta …>) have none.
func hasIDStyleOrPing(z *lexer) bool {
	for _, a := range z.attrs {
		switch k := z.buf[a.k0:a.k1]; len(k) {
		case 2:
			if asciiEqualFold(k, "id") {
				return true
			}
		case 4:
			if asciiEqualFold(k, "ping") {
				return true
			}
		case 5:
			if asciiEqualFold(k, "style") {
				return true
			}
		}
	}
	return false
}

// tagAttrs are the attributes the checks read; the others are skipped
// without being copied.
type tagAttrs struct {
	id, href, src, srcset, alt, role, ariaHidden, ariaLabel, rel, style, ping,
	data, action, poster, typ, imagesrcset, xlinkHref, srcdoc string
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
	attrSrcdoc
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
	case atom.Iframe:
		used |= attrSrc | attrSrcdoc
	case atom.Script, atom.Frame, atom.Audio, atom.Track, atom.Embed:
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
		bit := attrBit(z.buf[a.k0:a.k1])
		switch bit {
		case 0:
			continue
		case attrHref:
			t.hasHref = true
		case attrAlt:
			t.hasAlt = true
		}
		if seen&bit != 0 || used&bit == 0 {
			continue
		}
		seen |= bit
		v := z.attrView(a)
		switch bit {
		case attrID:
			t.id = v
		case attrHref:
			t.href = v
		case attrSrc:
			t.src = v
		case attrSrcset:
			t.srcset = v
		case attrAlt:
			t.alt = v
		case attrRole:
			t.role = v
		case attrAriaHidden:
			t.ariaHidden = v
		case attrAriaLabel:
			t.ariaLabel = v
		case attrRel:
			t.rel = v
		case attrStyle:
			t.style = v
		case attrPing:
			t.ping = v
		case attrData:
			t.data = v
		case attrAction:
			t.action = v
		case attrPoster:
			t.poster = v
		case attrType:
			t.typ = v
		case attrImagesrcset:
			t.imagesrcset = v
		case attrXlinkHref:
			t.xlinkHref = v
		case attrSrcdoc:
			t.srcdoc = v
		}
	}
}

// attrBit returns the bit of the tagAttrs field that holds an attribute
// (A-Z lowered in its name, nothing else), or 0 if none does. The names
// are told apart by length and first letter before one comparison: most
// attributes of a page (class, title, content …) are rejected at once.
func attrBit(k []byte) uint32 {
	if len(k) < 2 {
		return 0
	}
	var name string
	var bit uint32
	switch c := k[0] | 0x20; len(k) { // k[0]|0x20 only picks the candidate
	case 2:
		if c == 'i' {
			name, bit = "id", attrID
		}
	case 3:
		switch c {
		case 's':
			name, bit = "src", attrSrc
		case 'a':
			name, bit = "alt", attrAlt
		case 'r':
			name, bit = "rel", attrRel
		}
	case 4:
		switch c {
		case 'h':
			name, bit = "href", attrHref
		case 'r':
			name, bit = "role", attrRole
		case 'p':
			name, bit = "ping", attrPing
		case 'd':
			name, bit = "data", attrData
		case 't':
			name, bit = "type", attrType
		}
	case 5:
		if c == 's' { // not class or title
			name, bit = "style", attrStyle
		}
	case 6:
		switch c {
		case 's':
			name, bit = "srcset", attrSrcset
			if k[3]|0x20 == 'd' {
				name, bit = "srcdoc", attrSrcdoc
			}
		case 'a':
			name, bit = "action", attrAction
		case 'p':
			name, bit = "poster", attrPoster
		}
	case 10:
		switch c {
		case 'a':
			name, bit = "aria-label", attrAriaLabel
		case 'x':
			name, bit = "xlink:href", attrXlinkHref
		}
	case 11:
		switch c {
		case 'a':
			name, bit = "aria-hidden", attrAriaHidden
		case 'i':
			name, bit = "imagesrcset", attrImagesrcset
		}
	}
	if bit == 0 || string(k) != name && !asciiEqualFold(k, name) { // most names are written in lower case
		return 0
	}
	return bit
}

// readSrcdoc adds what the document of an iframe's srcdoc loads to what
// the page loads. Frames within it are read too, to maxSrcdocDepth.
func (s *pageScan) readSrcdoc(doc string) {
	if s.srcdocDepth >= maxSrcdocDepth {
		return
	}
	inner := getScanner()
	defer inner.release()
	inner.scan.srcdocDepth = s.srcdocDepth + 1
	in := inner.scanPage([]byte(doc))
	for _, r := range in.resources {
		s.resources = append(s.resources, resource{url: strings.Clone(r.url), what: r.what})
	}
	for _, st := range in.styles {
		s.styles = append(s.styles, strings.Clone(st))
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
		for v != "" {
			var cand string
			cand, v, _ = strings.Cut(v, ",")
			if u := firstField(cand); u != "" {
				s.resources = append(s.resources, resource{url: u, what: what})
			}
		}
	}
	switch a {
	case atom.A, atom.Area:
		if t.hasHref {
			s.links = append(s.links, link{href: t.href, tag: a.String()})
		}
	case atom.Link:
		if what := relFetches(t.rel); what != "" {
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

// firstField returns strings.Fields(s)[0], or "" when s has no field.
func firstField(s string) string {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	if i := strings.IndexFunc(s, unicode.IsSpace); i >= 0 {
		return s[:i]
	}
	return s
}

// relFetches returns what a <link> with this rel makes the browser fetch
// (linkRels), or "" when it fetches nothing: the first of the values that
// linkRels has.
func relFetches(rel string) string {
	// strings.Fields(strings.ToLower(rel)) would allocate for every
	// <link>: rels are ASCII, lowered here byte by byte.
	var lower [len("apple-touch-icon")]byte // the longest name of linkRels
	for i := 0; i < len(rel); {
		c := rel[i]
		if c >= utf8.RuneSelf {
			return relFetchesUnicode(rel) // unicode spaces, and letters such as 'K' (Kelvin) that lower to ASCII
		}
		if asciiSpace(c) {
			i++
			continue
		}
		j := i
		for j < len(rel) && rel[j] < utf8.RuneSelf && !asciiSpace(rel[j]) {
			j++
		}
		if j < len(rel) && rel[j] >= utf8.RuneSelf {
			return relFetchesUnicode(rel)
		}
		if f := rel[i:j]; len(f) <= len(lower) {
			for k := 0; k < len(f); k++ {
				c := f[k]
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				lower[k] = c
			}
			if w, ok := linkRels[string(lower[:len(f)])]; ok {
				return w
			}
		}
		i = j
	}
	return ""
}

// relFetchesUnicode is relFetches for a rel that is not all ASCII.
func relFetchesUnicode(rel string) string {
	for _, r := range strings.Fields(strings.ToLower(rel)) {
		if w, ok := linkRels[r]; ok {
			return w
		}
	}
	return ""
}

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
