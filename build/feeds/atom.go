package feeds

import (
	"time"

	gorilla "github.com/gorilla/feeds"

	"github.com/bedside-health/bedside/site"
)

// atomFeed is gorilla/feeds' Atom feed with a language, an alternate and a
// self link (it writes one link), and entries that can carry several
// authors and categories. Fields declared here replace the embedded
// struct's fields of the same XML name.
type atomFeed struct {
	*gorilla.AtomFeed
	Lang    string       `xml:"xml:lang,attr,omitempty"`
	Links   []atomLink   `xml:"link"`
	Entries []*atomEntry `xml:"entry"`
}

type atomEntry struct {
	*gorilla.AtomEntry
	Lang       string         `xml:"xml:lang,attr,omitempty"`
	Authors    []atomPerson   `xml:"author"`
	Categories []atomCategory `xml:"category"`
	// Content is written as CDATA, as in RSS: gorilla/feeds escapes every
	// character, which makes the same HTML a third larger and unreadable.
	Content *atomContent `xml:"content"`
}

type atomContent struct {
	Type string `xml:"type,attr"`
	HTML string `xml:",cdata"`
}

type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

// writeAtom appends f as Atom 1.0 to dst. The feed's id is its own address: the site
// feed and the reviewed feed follow the same page, so the page's address
// would not tell them apart.
func writeAtom(dst []byte, cfg *site.Config, g *gorilla.Feed, items []item, self, page string) ([]byte, error) {
	f := atomDoc(cfg, g, items, self, page)
	if out, ok := appendAtom(dst, f); ok {
		return out, nil
	}
	return appendEncodedXML(dst, f)
}

// atomDoc is f as an Atom feed, for encoding/xml.
func atomDoc(cfg *site.Config, g *gorilla.Feed, items []item, self, page string) *atomFeed {
	af := (&gorilla.Atom{Feed: g}).AtomFeed()
	af.Id = self
	// Atom wants an author for the feed when an entry has none.
	af.Author = &gorilla.AtomAuthor{AtomPerson: gorilla.AtomPerson{Name: publisher(cfg), Uri: cfg.AbsURL("/")}}
	f := &atomFeed{
		AtomFeed: af,
		Lang:     cfg.Language,
		Links: []atomLink{
			{Href: page, Rel: "alternate", Type: "text/html"},
			{Href: self, Rel: "self", Type: "application/atom+xml"},
		},
		Entries: make([]*atomEntry, 0, len(af.Entries)),
	}
	for i, e := range af.Entries {
		it := items[i]
		e.Published = it.Published.Format(time.RFC3339)
		e.Summary = &gorilla.AtomSummary{Content: it.Summary, Type: "text"}
		ae := &atomEntry{AtomEntry: e, Lang: it.Lang}
		if it.Content != "" {
			ae.Content = &atomContent{Type: "html", HTML: it.Content}
		}
		for _, p := range it.Authors {
			ap := atomPerson{Name: p.NameWithCredentials()}
			if p.URL != "" {
				ap.URI = cfg.AbsURL(p.URL)
			}
			ae.Authors = append(ae.Authors, ap)
		}
		for _, t := range it.Tags {
			ae.Categories = append(ae.Categories, atomCategory{Term: t})
		}
		f.Entries = append(f.Entries, ae)
	}
	return f
}

// publisher names who publishes the site: the organization, else the site.
func publisher(cfg *site.Config) string {
	if cfg.Organization.Name != "" {
		return cfg.Organization.Name
	}
	return cfg.Title
}
