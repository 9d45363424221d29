package site_test

import (
	"reflect"
	"testing"

	"github.com/bedside-health/bedside/site"
)

// TestYAMLAnchorsAcrossFields: a value named with an anchor in one field can
// be reused in another (clinicians copy reviewer lists this way), and
// every key keeps its line.
func TestYAMLAnchorsAcrossFields(t *testing.T) {
	raw := "title: Asthma\ntags: &topics [asthma, lungs]\nkeywords: *topics\nreferences:\n  - title: A guide\n    url: https://example.org/\n"
	fm, err := site.ParseFrontMatter([]byte(raw), "yaml", 2)
	if err != nil {
		t.Fatal(err)
	}
	want := []any{"asthma", "lungs"}
	if !reflect.DeepEqual(fm.Values["tags"], want) || !reflect.DeepEqual(fm.Values["keywords"], want) {
		t.Errorf("tags = %#v, keywords = %#v; want both %#v", fm.Values["tags"], fm.Values["keywords"], want)
	}
	if got := fm.Lines; !reflect.DeepEqual(got, map[string]int{"title": 2, "tags": 3, "keywords": 4, "references": 5}) {
		t.Errorf("lines = %v", got)
	}
	if !reflect.DeepEqual(fm.Keys, []string{"title", "tags", "keywords", "references"}) {
		t.Errorf("keys = %v", fm.Keys)
	}
}
