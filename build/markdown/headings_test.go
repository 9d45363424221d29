package markdown

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// A site at the root of its host skips the inline content when the
// transformer looks for headings; it must find the headings that a site
// below a folder, which visits every node, finds.
func TestHeadingsFoundWithoutInlineWalk(t *testing.T) {
	paths, _ := filepath.Glob("../../content/*/*.md")
	docs := []string{
		"# A\n\n- ## In a list\n  > ### In a quote\n\n> - #### Quote, list\n",
		"Text[^1].\n\n[^1]: A note.\n\n    ## not a heading\n\n## After *the* `note`\n",
		"| a |\n|---|\n| ## b |\n\nSetext **two**\n---\n\n1. x\n\n   Setext in list\n   ---\n",
	}
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, string(src))
	}
	root, folder := New(Options{BasePath: "/"}), New(Options{BasePath: "/health/"})
	for _, src := range docs {
		a, err1 := root.Render([]byte(src))
		b, err2 := folder.Render([]byte(src))
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if fmt.Sprint(a.Headings) != fmt.Sprint(b.Headings) {
			t.Errorf("%.40q: headings %v, want %v", src, a.Headings, b.Headings)
		}
		if len(a.Headings) == 0 {
			t.Errorf("%.40q: no headings", src)
		}
	}
}
