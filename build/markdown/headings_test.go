package markdown

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
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

// A heading whose text makes one of the page's own ids gets another: the
// skip link (#main) and the table of contents must not land on it.
func TestHeadingsAvoidPageIDs(t *testing.T) {
	r := New(Options{BasePath: "/"})
	doc, err := r.Render([]byte("## Main\n\n## TOC heading\n\n## References heading\n\n## Disclosures heading\n\n## Main\n"))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range doc.Headings {
		ids = append(ids, h.ID)
	}
	want := "[main-1 toc-heading-1 references-heading-1 disclosures-heading-1 main-2]"
	if fmt.Sprint(ids) != want {
		t.Errorf("ids %v, want %s", ids, want)
	}
	for _, id := range PageIDs {
		if strings.Contains(string(doc.HTML), `id="`+id+`"`) {
			t.Errorf("the body holds id %q, the page's own", id)
		}
	}
}

// Every id the default theme writes around a body is one PageIDs keeps
// from headings.
func TestPageIDsCoverTheTheme(t *testing.T) {
	paths, err := filepath.Glob("../../themes/default/templates/*.html")
	if err != nil || len(paths) == 0 {
		t.Fatal("no theme templates", err)
	}
	reserved := map[string]bool{}
	for _, id := range PageIDs {
		reserved[id] = true
	}
	re := regexp.MustCompile(`\bid="([^"{]+)"`)
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(src), -1) {
			if !reserved[m[1]] {
				t.Errorf("%s: id %q is not in PageIDs: a heading could take it too", filepath.Base(p), m[1])
			}
		}
	}
}

// A heading's id is made from its words, as Hugo makes them, not from its
// Markdown: a link gives its text and not its address, so that an anchor
// like #call-nhs-111 survives a move of the link and reads well when shared.
func TestHeadingIDsAreMadeFromTheText(t *testing.T) {
	r := New(Options{BasePath: "/"})
	doc, err := r.Render([]byte("## Call [NHS 111](https://111.nhs.uk/) first\n\n## *Very* important: `npm` and **you**\n\n## ![Logo](/img/logo.png)\n"))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range doc.Headings {
		ids = append(ids, h.ID)
	}
	if want := "[call-nhs-111-first very-important-npm-and-you logo]"; fmt.Sprint(ids) != want {
		t.Errorf("ids %v, want %s", ids, want)
	}
	if !strings.Contains(string(doc.HTML), `<h2 id="call-nhs-111-first">`) {
		t.Errorf("the heading's element does not carry the id of its table-of-contents entry:\n%s", doc.HTML)
	}
}
