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

// TestYAMLKeysAsWritten: each field keeps the value written for it, also
// with a merge key or a key that YAML reads as another value (01, True).
func TestYAMLKeysAsWritten(t *testing.T) {
	for raw, want := range map[string]map[string]any{
		"title: A\n<<: {title: B}\n": {"title": "A", "<<": map[string]any{"title": "B"}},
		"01: x\n":                    {"01": "x"},
		"True: x\ntitle: y\n":        {"True": "x", "title": "y"},
		"0x10: a\n16: b\n":           {"0x10": "a", "16": "b"},
	} {
		fm, err := site.ParseFrontMatter([]byte(raw), "yaml", 2)
		if err != nil {
			t.Errorf("%q: %v", raw, err)
			continue
		}
		if !reflect.DeepEqual(fm.Values, want) {
			t.Errorf("%q: values %#v, want %#v", raw, fm.Values, want)
		}
	}
}
