package feeds

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// xmlWriter appends XML to a byte slice exactly as an [encoding/xml.Encoder]
// with Indent("", "  ") writes it: the same escaping, the same line breaks
// and indentation, and no self-closing tags. appendRSS and appendAtom use
// it to write the feed structs without reflection; xmlwriter_test.go
// checks it against encoding/xml.
type xmlWriter struct {
	b []byte
	// The indentation state of encoding/xml's printer.
	depth      int
	indentedIn bool
	putNewline bool
}

// writeIndent is encoding/xml's printer.writeIndent for an indent of two
// spaces and no prefix.
func (w *xmlWriter) writeIndent(depthDelta int) {
	if depthDelta < 0 {
		w.depth--
		if w.indentedIn {
			w.indentedIn = false
			return
		}
		w.indentedIn = false
	}
	if w.putNewline {
		w.b = append(w.b, '\n')
	} else {
		w.putNewline = true
	}
	for i := 0; i < w.depth; i++ {
		w.b = append(w.b, "  "...)
	}
	if depthDelta > 0 {
		w.depth++
		w.indentedIn = true
	}
}

// open begins a start tag; attr adds to it and openEnd ends it.
func (w *xmlWriter) open(name string) {
	w.writeIndent(1)
	w.b = append(w.b, '<')
	w.b = append(w.b, name...)
}

func (w *xmlWriter) attr(name, value string) {
	w.b = append(w.b, ' ')
	w.b = append(w.b, name...)
	w.b = append(w.b, `="`...)
	w.b = appendXMLEscaped(w.b, value)
	w.b = append(w.b, '"')
}

// attrOmitEmpty is attr for a field tagged omitempty.
func (w *xmlWriter) attrOmitEmpty(name, value string) {
	if value != "" {
		w.attr(name, value)
	}
}

func (w *xmlWriter) openEnd() { w.b = append(w.b, '>') }

// start writes a start tag without attributes.
func (w *xmlWriter) start(name string) {
	w.open(name)
	w.openEnd()
}

func (w *xmlWriter) end(name string) {
	w.writeIndent(-1)
	w.b = append(w.b, "</"...)
	w.b = append(w.b, name...)
	w.b = append(w.b, '>')
}

// text writes character data.
func (w *xmlWriter) text(s string) { w.b = appendXMLEscaped(w.b, s) }

// cdata writes s as CDATA, as encoding/xml's ",cdata" fields: nothing
// for an empty string, and every "]]>" in s split across two sections.
func (w *xmlWriter) cdata(s string) {
	if s == "" {
		return
	}
	w.b = append(w.b, "<![CDATA["...)
	for {
		i := strings.Index(s, "]]>")
		if i < 0 {
			break
		}
		w.b = append(w.b, s[:i]...)
		w.b = append(w.b, "]]]]><![CDATA[>"...)
		s = s[i+3:]
	}
	w.b = append(w.b, s...)
	w.b = append(w.b, "]]>"...)
}

// element writes <name>s</name>, as a string field.
func (w *xmlWriter) element(name, s string) {
	w.start(name)
	w.text(s)
	w.end(name)
}

// elementOmitEmpty is element for a field tagged omitempty.
func (w *xmlWriter) elementOmitEmpty(name, s string) {
	if s != "" {
		w.element(name, s)
	}
}

// intElementOmitEmpty writes an int field tagged omitempty.
func (w *xmlWriter) intElementOmitEmpty(name string, n int) {
	if n != 0 {
		w.start(name)
		w.b = strconv.AppendInt(w.b, int64(n), 10)
		w.end(name)
	}
}

// xmlSafe marks the ASCII bytes encoding/xml writes as they are.
var xmlSafe = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = true
	}
	for _, c := range `"'&<>` {
		t[c] = false
	}
	return t
}()

// appendXMLEscaped appends s escaped as encoding/xml escapes text and
// attribute values (EscapeText and printer.EscapeString, which agree):
// quotes, apostrophes, &, <, >, tab, newline and carriage return as
// character references, and invalid UTF-8 or characters outside XML's
// range as U+FFFD.
func appendXMLEscaped(b []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if xmlSafe[c] {
				i++
				continue
			}
			var esc string
			switch c {
			case '"':
				esc = "&#34;"
			case '\'':
				esc = "&#39;"
			case '&':
				esc = "&amp;"
			case '<':
				esc = "&lt;"
			case '>':
				esc = "&gt;"
			case '\t':
				esc = "&#x9;"
			case '\n':
				esc = "&#xA;"
			case '\r':
				esc = "&#xD;"
			default: // other control characters
				esc = "\uFFFD"
			}
			b = append(b, s[last:i]...)
			b = append(b, esc...)
			i++
			last = i
			continue
		}
		r, width := utf8.DecodeRuneInString(s[i:])
		if isXMLChar(r) && !(r == utf8.RuneError && width == 1) {
			i += width
			continue
		}
		b = append(b, s[last:i]...)
		b = append(b, "\uFFFD"...)
		i += width
		last = i
	}
	return append(b, s[last:]...)
}

// isXMLChar is encoding/xml's isInCharacterRange for characters beyond
// ASCII.
func isXMLChar(r rune) bool {
	return r >= 0x80 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// appendRSS appends the RSS document doc as appendEncodedXML writes it. It
// reports false, having appended nothing of use, when doc sets a part of
// gorilla/feeds' structs that Bedside never fills and the writer does not
// know (an image, a text input, an enclosure), and for a nil embedded
// struct (on which encoding/xml panics); appendEncodedXML writes those.
func appendRSS(b []byte, doc *rssDocument) ([]byte, bool) {
	w := xmlWriter{b: append(b, xmlHeader...)}
	w.open("rss")
	w.attr("version", doc.Version)
	w.attr("xmlns:content", doc.ContentNS)
	w.attr("xmlns:dc", doc.DCNS)
	w.attr("xmlns:atom", doc.AtomNS)
	w.openEnd()
	if c := doc.Channel; c != nil {
		w.start("channel")
		ch := c.RssFeed
		if ch == nil || ch.Image != nil || ch.TextInput != nil {
			return b, false
		}
		{
			w.element("title", ch.Title)
			w.element("link", ch.Link)
			w.element("description", ch.Description)
			w.elementOmitEmpty("language", ch.Language)
			w.elementOmitEmpty("copyright", ch.Copyright)
			w.elementOmitEmpty("managingEditor", ch.ManagingEditor)
			w.elementOmitEmpty("webMaster", ch.WebMaster)
			w.elementOmitEmpty("pubDate", ch.PubDate)
			w.elementOmitEmpty("lastBuildDate", ch.LastBuildDate)
			w.elementOmitEmpty("category", ch.Category)
			w.elementOmitEmpty("generator", ch.Generator)
			w.elementOmitEmpty("docs", ch.Docs)
			w.elementOmitEmpty("cloud", ch.Cloud)
			w.intElementOmitEmpty("ttl", ch.Ttl)
			w.elementOmitEmpty("rating", ch.Rating)
			w.elementOmitEmpty("skipHours", ch.SkipHours)
			w.elementOmitEmpty("skipDays", ch.SkipDays)
		}
		w.open("atom:link")
		w.attr("href", c.Self.Href)
		w.attr("rel", c.Self.Rel)
		w.attrOmitEmpty("type", c.Self.Type)
		w.openEnd()
		w.end("atom:link")
		for _, it := range c.Items {
			if it == nil {
				continue
			}
			w.start("item")
			ri := it.RssItem
			if ri == nil || ri.Enclosure != nil {
				return b, false
			}
			{
				w.element("title", ri.Title)
				w.element("link", ri.Link)
				w.element("description", ri.Description)
				if ri.Content != nil {
					w.start("content:encoded")
					w.cdata(ri.Content.Content)
					w.end("content:encoded")
				}
				w.elementOmitEmpty("author", ri.Author)
				w.elementOmitEmpty("comments", ri.Comments)
				if g := ri.Guid; g != nil {
					w.open("guid")
					w.attrOmitEmpty("isPermaLink", g.IsPermaLink)
					w.openEnd()
					w.text(g.Id)
					w.end("guid")
				}
				w.elementOmitEmpty("pubDate", ri.PubDate)
				w.elementOmitEmpty("source", ri.Source)
			}
			for _, s := range it.Creators {
				w.element("dc:creator", s)
			}
			for _, s := range it.Categories {
				w.element("category", s)
			}
			w.elementOmitEmpty("atom:updated", it.Updated)
			w.end("item")
		}
		w.end("channel")
	}
	w.end("rss")
	return append(w.b, '\n'), true
}

// appendAtom appends the Atom feed f as appendEncodedXML writes it. Like
// appendRSS, it reports false for parts Bedside never fills (a
// contributor) and for a nil embedded struct.
func appendAtom(b []byte, f *atomFeed) ([]byte, bool) {
	w := xmlWriter{b: append(b, xmlHeader...)}
	af := f.AtomFeed
	if af == nil || af.Contributor != nil {
		return b, false
	}
	w.open("feed")
	w.attr("xmlns", af.Xmlns)
	w.attrOmitEmpty("xml:lang", f.Lang)
	w.openEnd()
	{
		w.element("title", af.Title)
		w.element("id", af.Id)
		w.element("updated", af.Updated)
		w.elementOmitEmpty("category", af.Category)
		w.elementOmitEmpty("icon", af.Icon)
		w.elementOmitEmpty("logo", af.Logo)
		w.elementOmitEmpty("rights", af.Rights)
		w.elementOmitEmpty("subtitle", af.Subtitle)
		if a := af.Author; a != nil {
			w.start("author")
			w.elementOmitEmpty("name", a.Name)
			w.elementOmitEmpty("uri", a.Uri)
			w.elementOmitEmpty("email", a.Email)
			w.end("author")
		}
	}
	for _, l := range f.Links {
		w.open("link")
		w.attr("href", l.Href)
		w.attr("rel", l.Rel)
		w.attrOmitEmpty("type", l.Type)
		w.openEnd()
		w.end("link")
	}
	for _, e := range f.Entries {
		if e == nil {
			continue
		}
		ge := e.AtomEntry
		if ge == nil || ge.Contributor != nil {
			return b, false
		}
		w.open("entry")
		w.attrOmitEmpty("xmlns", ge.Xmlns)
		w.attrOmitEmpty("xml:lang", e.Lang)
		w.openEnd()
		{
			w.element("title", ge.Title)
			w.element("updated", ge.Updated)
			w.element("id", ge.Id)
			w.elementOmitEmpty("rights", ge.Rights)
			w.elementOmitEmpty("source", ge.Source)
			w.elementOmitEmpty("published", ge.Published)
			for _, l := range ge.Links {
				w.open("link")
				w.attr("href", l.Href)
				w.attrOmitEmpty("rel", l.Rel)
				w.attrOmitEmpty("type", l.Type)
				w.attrOmitEmpty("length", l.Length)
				w.openEnd()
				w.end("link")
			}
			if s := ge.Summary; s != nil {
				w.open("summary")
				w.attr("type", s.Type)
				w.openEnd()
				w.text(s.Content)
				w.end("summary")
			}
		}
		for _, p := range e.Authors {
			w.start("author")
			w.element("name", p.Name)
			w.elementOmitEmpty("uri", p.URI)
			w.end("author")
		}
		for _, c := range e.Categories {
			w.open("category")
			w.attr("term", c.Term)
			w.openEnd()
			w.end("category")
		}
		if c := e.Content; c != nil {
			w.open("content")
			w.attr("type", c.Type)
			w.openEnd()
			w.cdata(c.HTML)
			w.end("content")
		}
		w.end("entry")
	}
	w.end("feed")
	return append(w.b, '\n'), true
}

// xmlHeader is encoding/xml's Header, which appendEncodedXML writes first.
const xmlHeader = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"
