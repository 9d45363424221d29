package feeds

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	gorilla "github.com/gorilla/feeds"
)

// The writers of xmlwriter.go and jsonwriter.go must give the bytes
// encoding/xml and encoding/json give for the same value: these tests
// encode values full of hostile text both ways and compare.

// hostile are strings that the escaping of XML and JSON treats apart.
var hostile = []string{
	"",
	"plain text",
	`& < > " '`,
	"&amp; already escaped &lt;b&gt;",
	"<p class=\"x\">HTML</p>\n<p>two</p>",
	"tab\there, newline\nthere, return\rthere, crlf\r\n",
	"nul\x00 bell\x07 backspace\b formfeed\f esc\x1b unit\x1f del\x7f",
	"]]>",
	"a]]>b]]]>c]]>>d]]",
	"<![CDATA[inner]]>",
	"invalid \xff\xfe utf-8 \xc3",
	"truncated \xe2\x82",
	"surrogate \xed\xa0\x80 half",
	"overlong \xc0\xaf slash",
	"replacement \uFFFD literal",
	"nonchar \uFFFE and \uFFFF",
	"line\u2028separator\u2029paragraph",
	"emoji 🩺 and astral \U0010FFFF",
	"accents: Müller, São Paulo, 東京",
	"backslash \\ and slash /",
	"\\u0041 looks escaped",
	"   leading and trailing spaces   ",
}

func pick(r *rand.Rand) string {
	if r.IntN(4) == 0 {
		// Two hostile strings run together, so that an escape can fall
		// at any place in a longer text.
		return hostile[r.IntN(len(hostile))] + hostile[r.IntN(len(hostile))]
	}
	return hostile[r.IntN(len(hostile))]
}

func strs(r *rand.Rand) []string {
	var out []string
	switch r.IntN(3) {
	case 0:
		return nil
	case 1:
		out = []string{}
	}
	for n := r.IntN(4); n > 0; n-- {
		out = append(out, pick(r))
	}
	return out
}

func randRSS(r *rand.Rand) *rssDocument {
	doc := &rssDocument{Version: pick(r), ContentNS: pick(r), DCNS: pick(r), AtomNS: pick(r)}
	if r.IntN(10) == 0 {
		return doc // no channel
	}
	c := &rssChannel{Self: atomLink{Href: pick(r), Rel: pick(r), Type: pick(r)}}
	{
		c.RssFeed = &gorilla.RssFeed{
			Title: pick(r), Link: pick(r), Description: pick(r), Language: pick(r),
			Copyright: pick(r), ManagingEditor: pick(r), WebMaster: pick(r), PubDate: pick(r),
			LastBuildDate: pick(r), Category: pick(r), Generator: pick(r), Docs: pick(r),
			Cloud: pick(r), Ttl: r.IntN(3) - 1, Rating: pick(r), SkipHours: pick(r), SkipDays: pick(r),
		}
	}
	for n := r.IntN(4); n > 0; n-- {
		if r.IntN(10) == 0 {
			c.Items = append(c.Items, nil)
			continue
		}
		it := &rssItem{Creators: strs(r), Categories: strs(r), Updated: pick(r)}
		{
			it.RssItem = &gorilla.RssItem{
				Title: pick(r), Link: pick(r), Description: pick(r), Author: pick(r),
				Category: pick(r), Comments: pick(r), PubDate: pick(r), Source: pick(r),
			}
			if r.IntN(3) != 0 {
				it.RssItem.Content = &gorilla.RssContent{Content: pick(r)}
			}
			if r.IntN(3) != 0 {
				it.RssItem.Guid = &gorilla.RssGuid{Id: pick(r), IsPermaLink: pick(r)}
			}
		}
		c.Items = append(c.Items, it)
	}
	doc.Channel = c
	return doc
}

func randAtom(r *rand.Rand) *atomFeed {
	f := &atomFeed{Lang: pick(r)}
	{
		f.AtomFeed = &gorilla.AtomFeed{
			Xmlns: pick(r), Title: pick(r), Id: pick(r), Updated: pick(r), Category: pick(r),
			Icon: pick(r), Logo: pick(r), Rights: pick(r), Subtitle: pick(r),
			// Replaced by f.Links and f.Entries: never written.
			Link:    &gorilla.AtomLink{Href: pick(r)},
			Entries: []*gorilla.AtomEntry{{Title: pick(r)}},
		}
		if r.IntN(3) != 0 {
			f.AtomFeed.Author = &gorilla.AtomAuthor{AtomPerson: gorilla.AtomPerson{Name: pick(r), Uri: pick(r), Email: pick(r)}}
		}
	}
	for n := r.IntN(3); n > 0; n-- {
		f.Links = append(f.Links, atomLink{Href: pick(r), Rel: pick(r), Type: pick(r)})
	}
	for n := r.IntN(4); n > 0; n-- {
		if r.IntN(10) == 0 {
			f.Entries = append(f.Entries, nil)
			continue
		}
		e := &atomEntry{Lang: pick(r)}
		{
			e.AtomEntry = &gorilla.AtomEntry{
				Xmlns: pick(r), Title: pick(r), Updated: pick(r), Id: pick(r),
				Rights: pick(r), Source: pick(r), Published: pick(r),
				// Replaced by e.Categories, e.Content and e.Authors.
				Category: pick(r),
				Content:  &gorilla.AtomContent{Content: pick(r), Type: pick(r)},
				Author:   &gorilla.AtomAuthor{AtomPerson: gorilla.AtomPerson{Name: pick(r)}},
			}
			for n := r.IntN(3); n > 0; n-- {
				e.AtomEntry.Links = append(e.AtomEntry.Links, gorilla.AtomLink{Href: pick(r), Rel: pick(r), Type: pick(r), Length: pick(r)})
			}
			if r.IntN(3) != 0 {
				e.AtomEntry.Summary = &gorilla.AtomSummary{Content: pick(r), Type: pick(r)}
			}
		}
		for n := r.IntN(3); n > 0; n-- {
			e.Authors = append(e.Authors, atomPerson{Name: pick(r), URI: pick(r)})
		}
		for n := r.IntN(3); n > 0; n-- {
			e.Categories = append(e.Categories, atomCategory{Term: pick(r)})
		}
		if r.IntN(3) != 0 {
			e.Content = &atomContent{Type: pick(r), HTML: pick(r)}
		}
		f.Entries = append(f.Entries, e)
	}
	return f
}

func randJSONAuthor(r *rand.Rand) *gorilla.JSONAuthor {
	if r.IntN(8) == 0 {
		return nil
	}
	return &gorilla.JSONAuthor{Name: pick(r), Url: pick(r), Avatar: pick(r)}
}

func randJSONAuthors(r *rand.Rand) []*gorilla.JSONAuthor {
	var out []*gorilla.JSONAuthor
	for n := r.IntN(3); n > 0; n-- {
		out = append(out, randJSONAuthor(r))
	}
	return out
}

func randTime(r *rand.Rand) *time.Time {
	if r.IntN(3) == 0 {
		return nil
	}
	zones := []*time.Location{time.UTC, time.FixedZone("", -5*3600-30*60), time.FixedZone("X", 14*3600)}
	t := time.Date(1+r.IntN(9999), time.Month(1+r.IntN(12)), 1+r.IntN(28), r.IntN(24), r.IntN(60), r.IntN(60), r.IntN(3)*r.IntN(1e9), zones[r.IntN(len(zones))])
	return &t
}

func randJSON(r *rand.Rand) *gorilla.JSONFeed {
	jf := &gorilla.JSONFeed{
		Version: pick(r), Title: pick(r), Language: pick(r), HomePageUrl: pick(r), FeedUrl: pick(r),
		Description: pick(r), UserComment: pick(r), NextUrl: pick(r), Icon: pick(r), Favicon: pick(r),
		Authors: randJSONAuthors(r),
	}
	if r.IntN(2) == 0 {
		jf.Author = randJSONAuthor(r)
	}
	if r.IntN(3) == 0 {
		b := r.IntN(2) == 0
		jf.Expired = &b
	}
	for n := r.IntN(3); n > 0; n-- {
		if r.IntN(8) == 0 {
			jf.Hubs = append(jf.Hubs, nil)
			continue
		}
		jf.Hubs = append(jf.Hubs, &gorilla.JSONHub{Type: pick(r), Url: pick(r)})
	}
	for n := r.IntN(4); n > 0; n-- {
		if r.IntN(10) == 0 {
			jf.Items = append(jf.Items, nil)
			continue
		}
		it := &gorilla.JSONItem{
			Id: pick(r), Url: pick(r), ExternalUrl: pick(r), Title: pick(r), ContentHTML: pick(r),
			ContentText: pick(r), Summary: pick(r), Image: pick(r), BannerImage: pick(r),
			PublishedDate: randTime(r), ModifiedDate: randTime(r), Authors: randJSONAuthors(r), Tags: strs(r),
		}
		if r.IntN(2) == 0 {
			it.Author = randJSONAuthor(r)
		}
		jf.Items = append(jf.Items, it)
	}
	return jf
}

func TestXMLWriterIsEncodingXML(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 3000; i++ {
		doc := randRSS(r)
		checkSame(t, "RSS", doc, func(b []byte) ([]byte, bool) { return appendRSS(b, doc) }, appendEncodedXML)
		f := randAtom(r)
		checkSame(t, "Atom", f, func(b []byte) ([]byte, bool) { return appendAtom(b, f) }, appendEncodedXML)
	}
}

func TestJSONWriterIsEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	none := func(int) string { return "" }
	for i := 0; i < 3000; i++ {
		jf := randJSON(r)
		checkSame(t, "JSON", jf, func(b []byte) ([]byte, bool) { return appendJSONFeed(b, jf, none) }, appendEncodedJSON)
	}
	checkSame(t, "JSON", (*gorilla.JSONFeed)(nil), func(b []byte) ([]byte, bool) { return appendJSONFeed(b, nil, none) }, appendEncodedJSON)
}

// checkSame compares what a writer appends to a prefix with what the
// encoding package appends.
func checkSame(t *testing.T, format string, v any, write func([]byte) ([]byte, bool), encode func([]byte, any) ([]byte, error)) {
	t.Helper()
	prefix := []byte("before|")
	want, err := encode(bytes.Clone(prefix), v)
	if err != nil {
		t.Fatalf("%s: encoding package: %v", format, err)
	}
	got, ok := write(bytes.Clone(prefix))
	if !ok {
		t.Fatalf("%s: the writer declined a value it should write", format)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s: the writer differs from the encoding package\n got: %q\nwant: %q", format, got, want)
	}
}

// TestWritersLeaveTheRestToEncoding checks that the parts of gorilla/feeds'
// structs the writers do not know make them decline, and that the feed is
// then written by the encoding package.
func TestWritersLeaveTheRestToEncoding(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	rss := func(change func(*rssDocument)) {
		t.Helper()
		doc := randRSS(r)
		for doc.Channel == nil || len(doc.Channel.Items) == 0 || doc.Channel.Items[0] == nil {
			doc = randRSS(r)
		}
		change(doc)
		if _, ok := appendRSS(nil, doc); ok {
			t.Errorf("appendRSS wrote %+v", doc)
		}
	}
	rss(func(d *rssDocument) { d.Channel.Image = &gorilla.RssImage{Url: "u"} })
	rss(func(d *rssDocument) { d.Channel.TextInput = &gorilla.RssTextInput{Name: "n"} })
	rss(func(d *rssDocument) {
		d.Channel.Items[0].Enclosure = &gorilla.RssEnclosure{Url: "u", Length: "1", Type: "audio/mpeg"}
	})
	atom := func(change func(*atomFeed)) {
		t.Helper()
		f := randAtom(r)
		for len(f.Entries) == 0 || f.Entries[0] == nil {
			f = randAtom(r)
		}
		change(f)
		if _, ok := appendAtom(nil, f); ok {
			t.Errorf("appendAtom wrote %+v", f)
		}
	}
	rss(func(d *rssDocument) { d.Channel.RssFeed = nil })
	rss(func(d *rssDocument) { d.Channel.Items[0].RssItem = nil })
	atom(func(f *atomFeed) { f.Contributor = &gorilla.AtomContributor{} })
	atom(func(f *atomFeed) { f.AtomFeed = nil })
	atom(func(f *atomFeed) { f.Entries[0].AtomEntry = nil })
	atom(func(f *atomFeed) { f.Entries[0].Contributor = &gorilla.AtomContributor{} })

	item := &gorilla.JSONItem{Id: "x", Attachments: []gorilla.JSONAttachment{{Url: "u", Duration: 90 * time.Second}}}
	jf := &gorilla.JSONFeed{Version: "v", Items: []*gorilla.JSONItem{item}}
	if _, ok := appendJSONFeed(nil, jf, func(int) string { return "" }); ok {
		t.Error("appendJSONFeed wrote attachments")
	}
	late := time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	item.Attachments, item.ModifiedDate = nil, &late
	if _, ok := appendJSONFeed(nil, jf, func(int) string { return "" }); ok {
		t.Error("appendJSONFeed wrote the year 10000")
	}
	if _, err := appendEncodedJSON(nil, jf); err == nil {
		t.Error("encoding/json wrote the year 10000; appendJSONFeed should too")
	}
}

// TestContentJSONIsAppendJSONString checks the content written once per
// article: appendJSONFeed puts it in place of its own escaping.
func TestContentJSONIsAppendJSONString(t *testing.T) {
	for _, s := range hostile {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		if got := string(appendJSONString(nil, s)) + "\n"; got != want.String() {
			t.Errorf("appendJSONString(%q) = %q, want %q", s, got, want.String())
		}
		jf := &gorilla.JSONFeed{Items: []*gorilla.JSONItem{{ContentHTML: s}}}
		own, _ := appendJSONFeed(nil, jf, func(int) string { return "" })
		given, _ := appendJSONFeed(nil, jf, func(int) string { return string(appendJSONString(nil, s)) })
		if !bytes.Equal(own, given) {
			t.Errorf("content %q: %q with the content given, %q without", s, given, own)
		}
	}
}

func FuzzXMLEscape(f *testing.F) {
	for _, s := range hostile {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want bytes.Buffer
		if err := xml.EscapeText(&want, []byte(s)); err != nil {
			t.Fatal(err)
		}
		if got := appendXMLEscaped(nil, s); !bytes.Equal(got, want.Bytes()) {
			t.Errorf("appendXMLEscaped(%q) = %q, want %q", s, got, want.Bytes())
		}
		// An attribute and CDATA, through a whole document.
		f := &atomFeed{AtomFeed: &gorilla.AtomFeed{Title: s}, Lang: s,
			Entries: []*atomEntry{{AtomEntry: &gorilla.AtomEntry{Id: s}, Content: &atomContent{Type: s, HTML: s}}}}
		checkSame(t, "Atom", f, func(b []byte) ([]byte, bool) { return appendAtom(b, f) }, appendEncodedXML)
	})
}

func FuzzJSONString(f *testing.F) {
	for _, s := range hostile {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		jf := &gorilla.JSONFeed{Version: s, Title: strings.Repeat(s, 2), Items: []*gorilla.JSONItem{{Id: s, ContentHTML: s}}}
		checkSame(t, "JSON", jf, func(b []byte) ([]byte, bool) { return appendJSONFeed(b, jf, func(int) string { return "" }) }, appendEncodedJSON)
	})
}
