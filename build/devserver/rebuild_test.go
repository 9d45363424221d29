package devserver

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// startBuilder builds the fixture site and returns its builder.
func startBuilder(t *testing.T) (*builder, string) {
	t.Helper()
	dir := writeSite(t, "site")
	b := newBuilder(dir, testLoadOptions(), testExtensions)
	out := b.initial()
	if out.snap == nil {
		t.Fatalf("initial build failed:\n%v", out.diags)
	}
	return b, dir
}

// rebuildOK applies changed paths and fails the test unless the build succeeds.
func rebuildOK(t *testing.T, b *builder, changed ...string) outcome {
	t.Helper()
	out := b.rebuild(changed)
	if out.snap == nil {
		t.Fatalf("rebuild of %v failed:\n%v", changed, out.diags)
	}
	return out
}

func page(t *testing.T, s *snapshot, name string) string {
	t.Helper()
	f := s.get(name)
	if f == nil {
		t.Fatalf("%s is not in the build", name)
	}
	return string(f.content())
}

func assertRendered(t *testing.T, out outcome, want, notWant []string) {
	t.Helper()
	for _, w := range want {
		if !slices.Contains(out.rendered, w) {
			t.Errorf("%s was not re-rendered; rendered: %v", w, out.rendered)
		}
	}
	for _, n := range notWant {
		if slices.Contains(out.rendered, n) {
			t.Errorf("%s was re-rendered, but the edit does not touch it", n)
		}
	}
}

func TestBodyEditRendersOnlyThatArticle(t *testing.T) {
	b, dir := startBuilder(t)
	home := b.snap.files["index.html"]
	src := readFile(t, dir, "content/conditions/asthma.md")
	writeFile(t, dir, "content/conditions/asthma.md", src+"\nKeep your reliever inhaler with you.\n")
	out := rebuildOK(t, b, "content/conditions/asthma.md")
	if out.how != "body" {
		t.Errorf("a body edit took the %q path, want body", out.how)
	}
	if !slices.Equal(out.rendered, []string{"conditions/asthma/index.html"}) {
		t.Errorf("rendered %v, want the article alone", out.rendered)
	}
	if !strings.Contains(page(t, out.snap, "conditions/asthma/index.html"), "Keep your reliever inhaler with you.") {
		t.Error("the article does not show the new text")
	}
	if out.snap.files["index.html"] != home {
		t.Error("the home page changed although only a body was edited")
	}
}

func TestTitleEditRendersTheArticleAndItsLists(t *testing.T) {
	b, dir := startBuilder(t)
	src := readFile(t, dir, "content/conditions/asthma.md")
	writeFile(t, dir, "content/conditions/asthma.md", strings.Replace(src, `title: "Asthma basics"`, `title: "Asthma: a guide"`, 1))
	out := rebuildOK(t, b, "content/conditions/asthma.md")
	// The article keeps its place in every list: the site is patched.
	if out.how != "fields" {
		t.Errorf("took the %q path, want fields", out.how)
	}
	assertRendered(t, out,
		[]string{"conditions/asthma/index.html", "index.html", "page/2/index.html", "conditions/index.html",
			"tags/asthma/index.html", "tags/lungs/index.html", "authors/maria-lopez/index.html",
			"authors/helen-ward/index.html", "tags/index.html", "authors/index.html", "sitemap.xml"},
		[]string{"conditions/eczema/index.html", "conditions/flu/index.html", "wellness/sleep/index.html",
			"wellness/index.html", "tags/skin/index.html", "tags/sleep/index.html", "about/index.html", "404.html"})
	for _, name := range []string{"index.html", "conditions/index.html", "tags/asthma/index.html", "authors/maria-lopez/index.html"} {
		var found bool
		for _, p := range []string{name, strings.Replace(name, "index.html", "page/2/index.html", 1)} {
			if f := out.snap.files[p]; f != nil && strings.Contains(string(f.content()), "Asthma: a guide") {
				found = true
			}
		}
		if !found {
			t.Errorf("%s does not list the new title", name)
		}
	}
}

func TestFieldEditRendersTheArticleAndThePagesThatShowIt(t *testing.T) {
	b, dir := startBuilder(t)
	before := map[string]*file{}
	for name, f := range b.snap.files {
		before[name] = f
	}
	src := readFile(t, dir, "content/conditions/asthma.md")
	writeFile(t, dir, "content/conditions/asthma.md", strings.Replace(src,
		`description: "What asthma is and how to control it."`, `description: "What asthma is, and how to keep it under control."`, 1))
	out := rebuildOK(t, b, "content/conditions/asthma.md")
	if out.how != "fields" {
		t.Errorf("a description edit took the %q path, want fields", out.how)
	}
	// The lists keep their order, so only the page of each that shows
	// the article is rendered again, with the list's first page.
	assertRendered(t, out,
		[]string{"conditions/asthma/index.html", "conditions/index.html", "tags/asthma/index.html",
			"tags/lungs/index.html", "authors/maria-lopez/index.html", "authors/helen-ward/index.html", "sitemap.xml"},
		[]string{"conditions/eczema/index.html", "conditions/flu/index.html", "wellness/sleep/index.html",
			"wellness/index.html", "tags/skin/index.html", "about/index.html", "404.html"})
	for _, name := range append([]string{"conditions/asthma/index.html"}, out.rendered...) {
		if strings.HasSuffix(name, ".html") && strings.Contains(page(t, out.snap, name), "What asthma is and how to control it.") {
			t.Errorf("%s still shows the old description", name)
		}
	}
	if !strings.Contains(page(t, out.snap, "conditions/asthma/index.html"), "What asthma is, and how to keep it under control.") {
		t.Error("the article does not show the new description")
	}
	// Whatever was not rendered again is served as it was, and says
	// nothing of the old description... except pages that never showed it.
	for name, f := range out.snap.files {
		if slices.Contains(out.rendered, name) || !strings.HasSuffix(name, ".html") {
			continue
		}
		if before[name] != nil && f != before[name] {
			t.Errorf("%s changed although it was not rendered again", name)
		}
		if strings.Contains(string(f.content()), "What asthma is and how to control it.") {
			t.Errorf("%s still shows the old description and was not rendered again", name)
		}
	}
	// A field edit that reorders a list is not patched: asthma, the
	// oldest article, becomes the newest.
	writeFile(t, dir, "content/conditions/asthma.md", strings.Replace(readFile(t, dir, "content/conditions/asthma.md"), "date: 2024-03-12", "date: 2025-06-01", 1))
	if out := rebuildOK(t, b, "content/conditions/asthma.md"); out.how != "partial" {
		t.Errorf("a date edit took the %q path, want partial", out.how)
	}
}

func TestTagChangeRendersOldAndNewTagPages(t *testing.T) {
	b, dir := startBuilder(t)
	src := readFile(t, dir, "content/conditions/eczema.md")
	writeFile(t, dir, "content/conditions/eczema.md", strings.Replace(src, "tags: [skin]", "tags: [allergy]", 1))
	out := rebuildOK(t, b, "content/conditions/eczema.md")
	assertRendered(t, out, []string{"tags/allergy/index.html", "tags/index.html"}, []string{"tags/sleep/index.html"})
	if _, ok := out.snap.files["tags/skin/index.html"]; ok {
		t.Error("tags/skin/ is still served although no article has the tag")
	}
	if !strings.Contains(page(t, out.snap, "tags/allergy/index.html"), "Eczema basics") {
		t.Error("the new tag page does not list the article")
	}
}

func TestDeletedArticleDisappearsFromListsAndAnswers404(t *testing.T) {
	b, dir := startBuilder(t)
	if err := os.Remove(filepath.Join(dir, "content/conditions/eczema.md")); err != nil {
		t.Fatal(err)
	}
	out := rebuildOK(t, b, "content/conditions/eczema.md")
	if _, ok := out.snap.files["conditions/eczema/index.html"]; ok {
		t.Error("the deleted article is still served")
	}
	for _, name := range []string{"index.html", "page/2/index.html", "conditions/index.html", "conditions/page/2/index.html", "authors/helen-ward/index.html"} {
		if f := out.snap.files[name]; f != nil && strings.Contains(string(f.content()), "Eczema basics") {
			t.Errorf("%s still lists the deleted article", name)
		}
	}
	// Two articles left in conditions: one page of two.
	if _, ok := out.snap.files["conditions/page/2/index.html"]; ok {
		t.Error("conditions/page/2/ is still served, though two articles fit on page 1")
	}
	if _, ok := out.snap.files["tags/skin/index.html"]; ok {
		t.Error("the tag only the deleted article had is still served")
	}
}

func TestNewAndRenamedArticles(t *testing.T) {
	b, dir := startBuilder(t)
	src := readFile(t, dir, "content/conditions/flu.md")
	if err := os.Rename(filepath.Join(dir, "content/conditions/flu.md"), filepath.Join(dir, "content/conditions/influenza.md")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "content/wellness/walking.md", strings.NewReplacer(`"Seasonal flu"`, `"Walking every day"`, "tags: [lungs]", "tags: [exercise]").Replace(src))
	out := rebuildOK(t, b, "content/conditions/flu.md", "content/conditions/influenza.md", "content/wellness/walking.md")
	if _, ok := out.snap.files["conditions/flu/index.html"]; ok {
		t.Error("the old address of a renamed article is still served")
	}
	if !strings.Contains(page(t, out.snap, "conditions/influenza/index.html"), "Seasonal flu") {
		t.Error("the renamed article is not at its new address")
	}
	if !strings.Contains(page(t, out.snap, "wellness/walking/index.html"), "Walking every day") {
		t.Error("the new article is not served")
	}
	if !strings.Contains(page(t, out.snap, "tags/exercise/index.html"), "Walking every day") {
		t.Error("the new article's tag page is missing")
	}
	if !strings.Contains(page(t, out.snap, "sitemap.xml"), "/wellness/walking/") {
		t.Error("the sitemap does not list the new article")
	}
}

func TestProfileEditRendersThePersonsPages(t *testing.T) {
	b, dir := startBuilder(t)
	src := readFile(t, dir, "content/authors/maria-lopez.md")
	writeFile(t, dir, "content/authors/maria-lopez.md", strings.Replace(src, "name: Maria Lopez", "name: Maria Lopez-Garcia", 1))
	out := rebuildOK(t, b, "content/authors/maria-lopez.md")
	// She wrote asthma and flu and reviewed eczema and sleep.
	assertRendered(t, out,
		[]string{"authors/maria-lopez/index.html", "authors/index.html", "conditions/asthma/index.html", "conditions/flu/index.html", "conditions/eczema/index.html", "wellness/sleep/index.html"},
		[]string{"about/index.html", "404.html"})
	if !strings.Contains(page(t, out.snap, "conditions/asthma/index.html"), "Maria Lopez-Garcia") {
		t.Error("the article's byline shows the old name")
	}
}

func TestConfigAndTemplateChangesRenderEverything(t *testing.T) {
	b, dir := startBuilder(t)
	all := len(b.good.pageNames)
	cfg := readFile(t, dir, "bedside.toml")
	writeFile(t, dir, "bedside.toml", strings.Replace(cfg, "Test Health Library", "Renamed Library", 1))
	out := rebuildOK(t, b, "bedside.toml")
	if out.how != "all" || len(out.rendered) != all {
		t.Errorf("config change: %s path, %d of %d pages rendered", out.how, len(out.rendered), all)
	}
	if !strings.Contains(page(t, out.snap, "wellness/sleep/index.html"), "Renamed Library") {
		t.Error("a page shows the old site title")
	}
	writeFile(t, dir, "themes/default/templates/_footer.html", `{{define "footer"}}<footer>Custom footer</footer>{{end}}`)
	out = rebuildOK(t, b, "themes/default/templates/_footer.html")
	if out.how != "all" || len(out.rendered) != len(b.good.pageNames) {
		t.Errorf("template change: %s path, %d of %d pages rendered", out.how, len(out.rendered), len(b.good.pageNames))
	}
	if !strings.Contains(page(t, out.snap, "conditions/flu/index.html"), "Custom footer") {
		t.Error("a page does not use the new template")
	}
}

func TestStaticChangeRendersNoPage(t *testing.T) {
	b, dir := startBuilder(t)
	writeFile(t, dir, "static/files/leaflet.txt", "A new leaflet.")
	out := rebuildOK(t, b, "static/files/leaflet.txt")
	if len(out.rendered) != 0 {
		t.Errorf("rendered %v for a static file", out.rendered)
	}
	if got := page(t, out.snap, "files/leaflet.txt"); got != "A new leaflet." {
		t.Errorf("leaflet.txt = %q", got)
	}
	if _, ok := out.snap.files["conditions/asthma/index.html"]; !ok {
		t.Error("pages were lost")
	}
}

func TestStylesheetChangeKeepsPagesAndServesNewCSSUnderOldName(t *testing.T) {
	b, dir := startBuilder(t)
	oldCSS := b.pageCSS
	writeFile(t, dir, "themes/default/static/css/site.css", "body { color: rebeccapurple; }\n")
	out := rebuildOK(t, b, "themes/default/static/css/site.css")
	if out.how != "stylesheet" || len(out.rendered) != 0 {
		t.Errorf("%s path, rendered %v; want stylesheet, none", out.how, out.rendered)
	}
	if !out.cssOnly || len(out.css) != 1 {
		t.Fatalf("cssOnly %v, css %v", out.cssOnly, out.css)
	}
	for from, to := range out.css {
		if from != "/"+oldCSS || to == from {
			t.Errorf("css swap %s → %s, want from /%s", from, to, oldCSS)
		}
		if !strings.Contains(page(t, out.snap, strings.TrimPrefix(to, "/")), "rebeccapurple") {
			t.Error("the new stylesheet lacks the change")
		}
	}
	if !strings.Contains(page(t, out.snap, oldCSS), "rebeccapurple") {
		t.Error("pages still link to the old stylesheet name, which must serve the new content")
	}
}

func TestBrokenFrontMatterKeepsLastGoodBuildUntilFixed(t *testing.T) {
	b, dir := startBuilder(t)
	good := b.snap
	src := readFile(t, dir, "content/conditions/asthma.md")
	broken := strings.Replace(src, `title: "Asthma basics"`, `title: "Asthma basics`, 1)
	writeFile(t, dir, "content/conditions/asthma.md", broken)
	out := b.rebuild([]string{"content/conditions/asthma.md"})
	if out.snap != nil {
		t.Fatal("a broken front matter built")
	}
	errs := diagnosticsOf(out.diags)
	if len(errs) == 0 || !strings.HasPrefix(errs[0].Where, "content/conditions/asthma.md:") {
		t.Fatalf("errors = %+v, want one at content/conditions/asthma.md:line", errs)
	}
	if b.snap != good {
		t.Error("the last good build was replaced")
	}
	// The fix also carries a body edit made while the file was broken.
	writeFile(t, dir, "content/conditions/asthma.md", src+"\nFixed and extended.\n")
	out = rebuildOK(t, b, "content/conditions/asthma.md")
	if !strings.Contains(page(t, out.snap, "conditions/asthma/index.html"), "Fixed and extended.") {
		t.Error("the fixed article is not served")
	}
}

func TestEditorTemporaryFilesAreIgnored(t *testing.T) {
	b, dir := startBuilder(t)
	writeFile(t, dir, "content/conditions/sedAb12Cd", "half-written")
	if out := b.rebuild([]string{"content/conditions/sedAb12Cd"}); out.how != "nothing" {
		t.Errorf("a temporary file caused a %q rebuild", out.how)
	}
	for _, p := range []string{"content/conditions/.asthma.md.swp", "content/conditions/asthma.md~", "content/conditions/4913", "static/.DS_Store"} {
		if relevant(p) {
			t.Errorf("%s counts as a change", p)
		}
	}
	for _, p := range []string{"content/conditions/asthma.md", "bedside.toml", "static/css/extra.css", "themes/default/templates/baseof.html", "content/new-section"} {
		if !relevant(p) {
			t.Errorf("%s is not watched", p)
		}
	}
}

func TestLinkCheckCountsPagesThatAreNotRenderedAgain(t *testing.T) {
	b, dir := startBuilder(t)
	src := readFile(t, dir, "content/conditions/asthma.md")
	writeFile(t, dir, "content/conditions/asthma.md", src+"\nRead about [seasonal flu](/conditions/flu/) too.\n")
	out := rebuildOK(t, b, "content/conditions/asthma.md")
	if out.how != "body" {
		t.Errorf("took the %q path", out.how)
	}
	writeFile(t, dir, "content/conditions/asthma.md", src+"\nRead about [gout](/conditions/gout/) too.\n")
	out = b.rebuild([]string{"content/conditions/asthma.md"})
	if out.snap != nil {
		t.Fatal("a broken link built")
	}
	var found bool
	for _, d := range diagnosticsOf(out.diags) {
		if strings.HasPrefix(d.Where, "content/conditions/asthma.md:") && strings.Contains(d.Message, "/conditions/gout/") {
			found = true
		} else {
			t.Errorf("unexpected error %s: %s", d.Where, d.Message)
		}
	}
	if !found {
		t.Error("no error for the broken link")
	}
}

func TestPagesAreShownBeforeFeedsAndChecks(t *testing.T) {
	b, dir := startBuilder(t)
	var early []*snapshot
	b.early = func(s *snapshot) { early = append(early, s) }
	src := readFile(t, dir, "content/conditions/asthma.md")
	writeFile(t, dir, "content/conditions/asthma.md", src+"\nShown early.\n")
	out := rebuildOK(t, b, "content/conditions/asthma.md")
	if len(early) != 1 || !strings.Contains(page(t, early[0], "conditions/asthma/index.html"), "Shown early.") {
		t.Fatalf("early snapshots: %d", len(early))
	}
	if early[0].version != out.snap.version {
		t.Errorf("early version %d, final %d: the page would reload twice", early[0].version, out.snap.version)
	}
	if out.pagesTook <= 0 || out.pagesTook > out.took {
		t.Errorf("pagesTook %s, took %s", out.pagesTook, out.took)
	}

	// The link check runs after the pages: its error takes the early
	// snapshot back to the last good build.
	good := b.snap
	early = nil
	writeFile(t, dir, "content/conditions/asthma.md", src+"\nSee [gout](/conditions/gout/).\n")
	if out := b.rebuild([]string{"content/conditions/asthma.md"}); out.snap != nil {
		t.Fatal("a broken link built")
	}
	if len(early) != 2 || early[1] != good {
		t.Fatalf("early snapshots %d; want the new pages, then the last good build", len(early))
	}
}

func TestDraftsAndScheduledArticlesAreShownWithABanner(t *testing.T) {
	b, dir := startBuilder(t)
	src := readFile(t, dir, "content/wellness/sleep.md")
	writeFile(t, dir, "content/wellness/naps.md", strings.NewReplacer(`"Better sleep"`, `"Short naps"`, "date: 2025-01-10", "date: 2025-01-10\npublishDate: 2027-03-01").Replace(src))
	writeFile(t, dir, "content/wellness/snoring.md", strings.NewReplacer(`"Better sleep"`, `"Snoring"`, "---\nGo to bed", "draft: true\n---\nGo to bed").Replace(src))
	out := rebuildOK(t, b, "content/wellness/naps.md", "content/wellness/snoring.md")
	naps := page(t, out.snap, "wellness/naps/index.html")
	if !strings.Contains(naps, "SCHEDULED: this article will be published on") {
		t.Errorf("the future article has no scheduled banner:\n%.2000s", naps)
	}
	if snoring := page(t, out.snap, "wellness/snoring/index.html"); !strings.Contains(snoring, "DRAFT: this article is not published yet.") {
		t.Error("the draft has no banner")
	}
	if sleep := page(t, out.snap, "wellness/sleep/index.html"); strings.Contains(sleep, "SCHEDULED") || strings.Contains(sleep, "DRAFT") {
		t.Error("a published article has a banner")
	}
}

func TestEditThatKeepsTheOrderRendersOnlyTheListPagesShowingTheArticle(t *testing.T) {
	b, dir := startBuilder(t)
	// Newest first, two a page: sleep and flu on page 1, eczema and asthma on page 2.
	src := readFile(t, dir, "content/wellness/sleep.md")
	writeFile(t, dir, "content/wellness/sleep.md", strings.Replace(src, `"Simple habits for a good night."`, `"Habits for a good night's sleep."`, 1))
	out := rebuildOK(t, b, "content/wellness/sleep.md")
	assertRendered(t, out, []string{"wellness/sleep/index.html", "index.html", "wellness/index.html", "tags/sleep/index.html"},
		[]string{"page/2/index.html", "conditions/index.html"})
	if !strings.Contains(page(t, out.snap, "index.html"), "Habits for a good night") {
		t.Error("the home page shows the old summary")
	}
	if _, ok := out.snap.files["page/2/index.html"]; !ok {
		t.Error("page 2 of the home page was lost")
	}

	// A new date moves the article: every page of its lists.
	src = readFile(t, dir, "content/conditions/asthma.md")
	writeFile(t, dir, "content/conditions/asthma.md", strings.Replace(src, "date: 2024-03-12", "date: 2025-03-12", 1))
	out = rebuildOK(t, b, "content/conditions/asthma.md")
	assertRendered(t, out, []string{"index.html", "page/2/index.html", "conditions/index.html", "conditions/page/2/index.html"}, nil)
	if !strings.Contains(page(t, out.snap, "index.html"), "Asthma basics") {
		t.Error("the moved article is not on page 1")
	}
}

func TestSelectionAcceptsLaterPagesOfWholeLists(t *testing.T) {
	sel := &selection{units: map[string]bool{"/conditions/": true}, pages: map[string]bool{"/tags/lungs/": true, "/tags/lungs/page/3/": true}}
	for path, want := range map[string]bool{
		"/conditions/": true, "/conditions/page/2/": true, "/conditions/page/12/": true,
		"/tags/lungs/": true, "/tags/lungs/page/3/": true, "/tags/lungs/page/2/": false,
		"/wellness/": false, "/wellness/page/2/": false, "/conditions/page/": false, "/conditions/page/x/": false,
	} {
		if got := sel.only(path); got != want {
			t.Errorf("only(%q) = %v, want %v", path, got, want)
		}
	}
}

// TestRevertedBodyEditIsRenderedAgain: a body edit updates the article's
// fingerprint in place; when a later reload finds the file back at its
// earlier bytes (a git checkout that also touches another file's front
// matter), the article must be rendered again, not matched to the
// fingerprint of the text just discarded.
func TestRevertedBodyEditIsRenderedAgain(t *testing.T) {
	b, dir := startBuilder(t)
	asthma := readFile(t, dir, "content/conditions/asthma.md")
	writeFile(t, dir, "content/conditions/asthma.md", asthma+"\nA sentence that will be reverted.\n")
	if out := rebuildOK(t, b, "content/conditions/asthma.md"); out.how != "body" {
		t.Fatalf("the body edit took the %q path, want body", out.how)
	}
	flu := readFile(t, dir, "content/conditions/flu.md")
	writeFile(t, dir, "content/conditions/asthma.md", asthma)
	// flu moves from newer to older than asthma: a reload.
	writeFile(t, dir, "content/conditions/flu.md", strings.Replace(flu, "date: 2024-09-20", "date: 2023-09-20", 1))
	out := rebuildOK(t, b, "content/conditions/asthma.md", "content/conditions/flu.md")
	if out.how != "partial" {
		t.Fatalf("took the %q path, want partial", out.how)
	}
	if strings.Contains(page(t, out.snap, "conditions/asthma/index.html"), "A sentence that will be reverted.") {
		t.Error("the article still shows the reverted text")
	}
}

// An alias added in an edit that lands on a page the partial rebuild does
// not render again (a tag page) is the same error a full build reports,
// not a redirect that silently replaces the tag page.
func TestRebuildFindsAliasOnAKeptPage(t *testing.T) {
	b, dir := startBuilder(t)
	path := filepath.Join(dir, "content", "conditions", "eczema.md")
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(src), "tags: [skin]\n", "tags: [skin]\naliases: [/tags/lungs/]\n", 1)
	if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	out := b.rebuild([]string{"content/conditions/eczema.md"})
	want := "content/conditions/eczema.md:9: alias /tags/lungs/: its redirect page /tags/lungs/index.html is written by another page of the site too"
	if out.snap != nil || !strings.Contains(out.diags.Error(), want) {
		t.Errorf("rebuild (%s): want the error\n  %s\ngot:\n%s", out.how, want, out.diags.Error())
	}
}
