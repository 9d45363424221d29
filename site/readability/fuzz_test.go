package readability

import (
	"reflect"
	"strings"
	"testing"

	"github.com/bedside-health/bedside/build/markdown"
	"github.com/yuin/goldmark/text"
)

// FuzzMeasureMatchesReference: on any text, Measure gives the reference's
// scores to the bit, in English and Spanish, whether the text is one block
// or split into blocks at its newlines; Sentences, Words and the syllable
// counters agree with the reference too. The reference is the code of
// reference_test.go.
func FuzzMeasureMatchesReference(f *testing.F) {
	for _, s := range trickyTexts {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		blocks := strings.Split(s, "\n")
		for _, lang := range []string{"en", "es"} {
			if got, want := Measure([]string{s}, lang), refMeasure([]string{s}, lang); !sameScores(got, want) {
				t.Fatalf("Measure(%q, %q) = %+v\nreference %+v", s, lang, got, want)
			}
			if got, want := Measure(blocks, lang), refMeasure(blocks, lang); !sameScores(got, want) {
				t.Fatalf("Measure(%q, %q) = %+v\nreference %+v", blocks, lang, got, want)
			}
		}
		checkText(t, s)
	})
}

// FuzzProseMatchesReference: on any Markdown, ProseOf gives the reference's
// blocks, read from the package's own parser and from the build's (whose
// typographer writes entities for quotes and dashes).
func FuzzProseMatchesReference(f *testing.F) {
	for _, s := range markdownSeeds {
		f.Add(s)
	}
	for _, s := range trickyTexts {
		f.Add(s)
	}
	md := markdown.New(markdown.Options{})
	f.Fuzz(func(t *testing.T, s string) {
		src := []byte(s)
		doc := proseParser.Parse(text.NewReader(src))
		if got, want := ProseOf(doc, src), refProseOf(doc, src); !reflect.DeepEqual(got, want) {
			t.Fatalf("ProseOf(%q) = %q\nreference %q", s, got, want)
		}
		if doc, err := md.Parse(src); err == nil {
			if got, want := ProseOf(doc, src), refProseOf(doc, src); !reflect.DeepEqual(got, want) {
				t.Fatalf("ProseOf(%q), build's parser = %q\nreference %q", s, got, want)
			}
		}
	})
}
