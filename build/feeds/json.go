package feeds

import (
	"bytes"
	"encoding/json"

	gorilla "github.com/gorilla/feeds"

	"github.com/bedside-health/bedside/site"
)

// writeJSON writes f as JSON Feed 1.1. The JSON Feed struct of
// gorilla/feeds has every field Bedside fills; only the generic model
// between them lacks several authors and the tags.
func writeJSON(cfg *site.Config, g *gorilla.Feed, items []item, self string) ([]byte, error) {
	jf := (&gorilla.JSON{Feed: g}).JSONFeed()
	jf.FeedUrl = self
	jf.Language = cfg.Language
	jf.Authors = []*gorilla.JSONAuthor{{Name: publisher(cfg), Url: cfg.AbsURL("/")}}
	for i, ji := range jf.Items {
		it := items[i]
		ji.Summary = it.Summary // plain text here, not HTML
		for _, p := range it.Authors {
			ja := &gorilla.JSONAuthor{Name: p.NameWithCredentials()}
			if p.URL != "" {
				ja.Url = cfg.AbsURL(p.URL)
			}
			ji.Authors = append(ji.Authors, ja)
		}
		ji.Tags = it.Tags
	}
	var buf bytes.Buffer
	buf.Grow(sizeHint(items))
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // content_html is HTML on purpose
	// Not indented: indenting re-scans the whole output, which made the
	// JSON feeds cost as much as RSS and Atom together.
	if err := enc.Encode(jf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
