package readability

import (
	"reflect"
	"strings"
	"testing"

	"github.com/bedside-health/bedside/build/markdown"
	"github.com/yuin/goldmark/ast"
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
// blocks and MeasureDoc the reference's scores of them, for a document
// from the package's own parser and from the build's (whose typographer
// writes entities for quotes and dashes).
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
		check := func(parser string, doc ast.Node) {
			want := refProseOf(doc, src)
			if got := ProseOf(doc, src); !reflect.DeepEqual(got, want) {
				t.Fatalf("ProseOf(%q), %s = %q\nreference %q", s, parser, got, want)
			}
			for _, lang := range []string{"en", "es"} {
				if got, want := MeasureDoc(doc, src, lang), refMeasure(want, lang); !sameScores(got, want) {
					t.Fatalf("MeasureDoc(%q, %q), %s = %+v\nreference %+v", s, lang, parser, got, want)
				}
			}
		}
		check("package's parser", proseParser.Parse(text.NewReader(src)))
		if doc, err := md.Parse(src); err == nil {
			check("build's parser", doc)
		}
	})
}
