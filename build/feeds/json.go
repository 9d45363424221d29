package feeds

import (
	"bytes"
	"encoding/json"

	gorilla "github.com/gorilla/feeds"

	"github.com/bedside-health/bedside/site"
)

// writeJSON appends f as JSON Feed 1.1 to dst.
func writeJSON(dst []byte, cfg *site.Config, g *gorilla.Feed, items []item, self string) ([]byte, error) {
	jf := jsonDoc(cfg, g, items, self)
	if out, ok := appendJSONFeed(dst, jf, func(i int) string { return items[i].ContentJSON }); ok {
		return out, nil
	}
	return appendEncodedJSON(dst, jf)
}

// jsonDoc is f as a JSON feed. The JSON Feed struct of gorilla/feeds has
// every field Bedside fills; only the generic model between them lacks
// several authors and the tags.
func jsonDoc(cfg *site.Config, g *gorilla.Feed, items []item, self string) *gorilla.JSONFeed {
	jf := (&gorilla.JSON{Feed: g}).JSONFeed()
	jf.FeedUrl = self
	jf.Language = cfg.Language
	jf.Authors = []*gorilla.JSONAuthor{{Name: publisher(cfg), Url: cfg.AbsURL("/")}}
	for i, ji := range jf.Items {
		it := items[i]
		ji.Summary = it.Summary // plain text here, not HTML
		ji.Authors = make([]*gorilla.JSONAuthor, 0, len(it.Authors))
		for _, p := range it.Authors {
			ja := &gorilla.JSONAuthor{Name: p.NameWithCredentials()}
			if p.URL != "" {
				ja.Url = cfg.AbsURL(p.URL)
			}
			ji.Authors = append(ji.Authors, ja)
		}
		ji.Tags = it.Tags
	}
	return jf
}

// appendEncodedJSON appends v to dst written by encoding/json, unindented
// (indenting re-scans the whole output, which made the JSON feeds cost as
// much as RSS and Atom together) and with HTML left as it is
// (content_html is HTML on purpose): what appendJSONFeed writes faster,
// and what it leaves to encoding/json.
func appendEncodedJSON(dst []byte, v any) ([]byte, error) {
	buf := bytes.NewBuffer(dst)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return dst, err
	}
	return buf.Bytes(), nil
}
