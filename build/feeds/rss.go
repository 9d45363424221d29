package feeds

import (
	"bytes"
	"encoding/xml"
	"time"

	gorilla "github.com/gorilla/feeds"
)

// rssDocument is the <rss> element. gorilla/feeds declares only the content
// namespace; the Dublin Core and Atom ones are needed for <dc:creator> and
// <atom:link>.
type rssDocument struct {
	XMLName   xml.Name    `xml:"rss"`
	Version   string      `xml:"version,attr"`
	ContentNS string      `xml:"xmlns:content,attr"`
	DCNS      string      `xml:"xmlns:dc,attr"`
	AtomNS    string      `xml:"xmlns:atom,attr"`
	Channel   *rssChannel `xml:"channel"`
}

// rssChannel is gorilla/feeds' channel with a self link and items that can
// carry several authors and categories. Items replaces the embedded
// struct's items: encoding/xml lets the shallower field of one name win.
type rssChannel struct {
	*gorilla.RssFeed
	Self  atomLink   `xml:"atom:link"`
	Items []*rssItem `xml:"item"`
}

type rssItem struct {
	*gorilla.RssItem
	// Creators are the authors with their credentials. RSS's own <author>
	// must be an e-mail address.
	Creators   []string `xml:"dc:creator"`
	Categories []string `xml:"category"`
	// Updated is the latest of lastmod and lastReviewed; RSS has no element
	// of its own for it.
	Updated string `xml:"atom:updated,omitempty"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
}

// writeRSS writes f as RSS 2.0.
func writeRSS(g *gorilla.Feed, items []item, self, lang string) ([]byte, error) {
	ch := (&gorilla.Rss{Feed: g}).RssFeed()
	ch.Language = lang
	ch.Generator = "Bedside"
	c := &rssChannel{RssFeed: ch, Self: atomLink{Href: self, Rel: "self", Type: "application/rss+xml"}}
	for i, it := range ch.Items {
		c.Items = append(c.Items, &rssItem{
			RssItem:    it,
			Creators:   personNames(items[i].Authors),
			Categories: items[i].Tags,
			Updated:    items[i].Updated.Format(time.RFC3339),
		})
	}
	doc := &rssDocument{
		Version:   "2.0",
		ContentNS: "http://purl.org/rss/1.0/modules/content/",
		DCNS:      "http://purl.org/dc/elements/1.1/",
		AtomNS:    "http://www.w3.org/2005/Atom",
		Channel:   c,
	}
	return encodeXML(doc, sizeHint(items))
}

// sizeHint is about the size of a feed file of items, to allocate its
// buffer once: grown by doubling, the buffers of the feeds were a fifth of
// all the memory a build allocated.
func sizeHint(items []item) int {
	n := 2048
	for _, it := range items {
		n += len(it.Content) + len(it.Content)/16 + 2*len(it.Summary) + len(it.Title) + 768
	}
	return n
}

// encodeXML writes v as an indented XML document with a declaration,
// into a buffer of size bytes to begin with.
func encodeXML(v any, size int) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(size)
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}
