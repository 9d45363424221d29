package markdown

import (
	"reflect"
	"strings"
	"testing"
)

// TestRenderBorrowedMatchesRender: the borrowed HTML is the HTML Render
// copies out, with the same headings, and the buffer it lives in is used
// again once released.
func TestRenderBorrowedMatchesRender(t *testing.T) {
	r := New(Options{})
	docs := []string{
		"## Symptoms\n\nA *cough* and a [fever](/conditions/flu/).\n\n## Treatment\n\nRest.\n\n## When to call\n\nCall 111.\n",
		"Plain text, no heading.\n",
		"",
	}
	for _, doc := range docs {
		want, err := r.Render([]byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		got, release, err := r.RenderBorrowed([]byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		if got.HTML != want.HTML || !reflect.DeepEqual(got.Headings, want.Headings) {
			t.Errorf("%q: borrowed %q %v, want %q %v", doc, got.HTML, got.Headings, want.HTML, want.Headings)
		}
		kept := strings.Clone(got.HTML)
		release()
		// Another document rendered into the released buffer leaves the
		// copy taken before release as it was.
		other, release2, err := r.RenderBorrowed([]byte("# Other\n\nSomething else entirely, longer than before.\n"))
		if err != nil {
			t.Fatal(err)
		}
		if kept != want.HTML || !strings.Contains(other.HTML, "Something else") {
			t.Errorf("%q: after release, the copy reads %q and the next render %q", doc, kept, other.HTML)
		}
		release2()
	}
}

// TestRenderBorrowedLimits: a document over the limits is refused as by
// Render, and release may still be called.
func TestRenderBorrowedLimits(t *testing.T) {
	r := New(Options{})
	huge := strings.Repeat("> ", MaxNesting+5) + "deep\n"
	_, errWant := r.Render([]byte(huge))
	_, release, err := r.RenderBorrowed([]byte(huge))
	release()
	if err == nil || errWant == nil || err.Error() != errWant.Error() {
		t.Errorf("RenderBorrowed error %v, Render error %v", err, errWant)
	}
}
