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

// writeRSS appends f as RSS 2.0 to dst.
func writeRSS(dst []byte, g *gorilla.Feed, items []item, self, lang string) ([]byte, error) {
	doc := rssDoc(g, items, self, lang)
	if out, ok := appendRSS(dst, doc); ok {
		return out, nil
	}
	return appendEncodedXML(dst, doc)
}

// rssDoc is f as an RSS document, for encoding/xml.
func rssDoc(g *gorilla.Feed, items []item, self, lang string) *rssDocument {
	ch := (&gorilla.Rss{Feed: g}).RssFeed()
	ch.Language = lang
	ch.Generator = "Bedside"
	c := &rssChannel{RssFeed: ch, Self: atomLink{Href: self, Rel: "self", Type: "application/rss+xml"},
		Items: make([]*rssItem, 0, len(ch.Items))}
	for i, it := range ch.Items {
		c.Items = append(c.Items, &rssItem{
			RssItem:    it,
			Creators:   personNames(items[i].Authors),
			Categories: items[i].Tags,
			Updated:    items[i].Updated.Format(time.RFC3339),
		})
	}
	return &rssDocument{
		Version:   "2.0",
		ContentNS: "http://purl.org/rss/1.0/modules/content/",
		DCNS:      "http://purl.org/dc/elements/1.1/",
		AtomNS:    "http://www.w3.org/2005/Atom",
		Channel:   c,
	}
}

// appendEncodedXML appends v to dst as an indented XML document with a
// declaration, written by encoding/xml: what appendRSS and appendAtom
// write faster, and what they leave to it.
func appendEncodedXML(dst []byte, v any) ([]byte, error) {
	buf := bytes.NewBuffer(dst)
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return dst, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}
