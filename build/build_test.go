package build_test

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/site"
	"golang.org/x/net/html"
)

func TestArticlePage(t *testing.T) {
	out, diags := buildMem(t, writeTxtar(t, "pages.txtar"), site.LoadOptions{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	p := page(t, out, "conditions/heart-failure/index.html")
	mustContain(t, "article", p,
		`<html lang="en">`,
		`<title>Heart failure: the basics | Test Health Library</title>`,
		`<link rel="canonical" href="https://health.example.org/conditions/heart-failure/">`,
		`<h1>Heart failure: the basics</h1>`,
		// Byline with credentials linking to the profile, and the reviewer with the date.
		`By <a href="/authors/maria-lopez/">Maria Lopez, MD, FACC</a> — Cardiologist`,
		`Medically reviewed by <a href="/authors/james-okafor/">James Okafor, MD, FAAP</a> — Pediatrician on <time datetime="2025-07-01">July 1, 2025</time>`,
		// Review dates at the end; nextReview defaults to lastReviewed + 3 years.
		`<dt>Page last reviewed:</dt> <dd><time datetime="2025-07-01">July 1, 2025</time></dd>`,
		`<dt>Next review due:</dt> <dd><time datetime="2028-07-01">July 1, 2028</time></dd>`,
		// References as a numbered list, DOI turned into a link.
		`<h2 id="references-heading">References</h2>`,
		`<li><a href="https://www.heart.org/">Heart failure guideline</a></li>`,
		`<li><a href="https://doi.org/10.1056/NEJMoa2034577">A trial</a> <span class="ref-id">doi:10.1056/NEJMoa2034577</span></li>`,
		// Table of contents for three or more h2, with h3 entries.
		`<nav class="toc" aria-labelledby="toc-heading">`,
		`<li><a href="#signs">Signs</a></li>`,
		"<li><a href=\"#treatment\">Treatment</a><ol>\n<li><a href=\"#medicines\">Medicines</a></li>\n</ol></li>",
		// Heading anchors.
		`<h2 id="when-to-get-help">When to get help <a class="anchor" href="#when-to-get-help" aria-label="Link to this section: When to get help">#</a></h2>`,
		// Links between articles, absolute and relative, kept working.
		`<a href="/conditions/asthma/">asthma</a>`, `<a href="../flu/">the flu</a>`,
		// Highlighted code with classes, not inline styles.
		`<pre class="chroma"><code>`, `<span class="nt">`,
		// Landmarks and skip link.
		`<a class="skip-link" href="#main">Skip to main content</a>`, `<main id="main"`, `<header class="site-header">`, `<footer class="site-footer">`,
		`Topics: <a href="/tags/heart-health/">heart health</a>, <a href="/tags/older-adults/">older-adults</a>`,
	)
	// Raw HTML is off by default.
	mustNotContain(t, "article", p, "<script>alert(1)</script>", `style="`)
	mustContain(t, "article", p, "<!-- raw HTML omitted -->")
	if n := strings.Count(p, "<h1"); n != 1 {
		t.Errorf("article has %d h1 elements, want 1", n)
	}

	// Fewer than three h2: no table of contents. TOML front matter and a list of reviewers work.
	asthma := page(t, out, "conditions/asthma/index.html")
	mustNotContain(t, "asthma", asthma, `class="toc"`)
	mustContain(t, "asthma", asthma, `Medically reviewed by <a href="/authors/maria-lopez/">Maria Lopez, MD, FACC</a>`,
		`<dt>Next review due:</dt> <dd><time datetime="2026-03-01">March 1, 2026</time></dd>`)

	// An inline author has no profile link; an RFC 3339 date keeps its day.
	flu := page(t, out, "conditions/flu/index.html")
	mustContain(t, "flu", flu, `By Sam Lee, RN — Nurse`, `Published <time datetime="2025-03-01">March 1, 2025</time>`)
}

func TestListPages(t *testing.T) {
	out, diags := buildMem(t, writeTxtar(t, "pages.txtar"), site.LoadOptions{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	// Home: newest first, paginated by 2.
	home := page(t, out, "index.html")
	if i, j := strings.Index(home, "Flu"), strings.Index(home, "Asthma"); i < 0 || j < 0 || i > j {
		t.Errorf("home should list Flu (March) before Asthma (February)")
	}
	mustContain(t, "home", home, `<a href="/page/2/" rel="next">Next page</a>`, `aria-current="page">Page 1</a>`)
	mustNotContain(t, "home", home, "Heart failure")
	page2 := page(t, out, "page/2/index.html")
	mustContain(t, "home page 2", page2, "Heart failure: the basics", `rel="prev"`, "(page 2 of 2)")
	// Every page's title tells it apart (WCAG 2.4.2), the home page's too.
	if h1, h2 := headTitle(home), headTitle(page2); h1 == h2 || !strings.Contains(h2, "(page 2 of 2)") {
		t.Errorf("home pages 1 and 2 are titled %q and %q", h1, h2)
	}

	section := page(t, out, "conditions/index.html")
	mustContain(t, "section", section, "<h1>Health conditions</h1>", "Conditions explained.", "Plain guides to common conditions.", `aria-current="page">Health conditions</a>`)

	tags := page(t, out, "tags/index.html")
	mustContain(t, "tag index", tags, `<a href="/tags/heart-health/">heart health</a> <span class="count">(2 articles)</span>`, `<a href="/tags/lungs/">lungs</a>`)
	tag := page(t, out, "tags/lungs/index.html")
	mustContain(t, "tag page", tag, "Articles tagged “lungs”", "Asthma", "Flu")
	// The nav's Topics is the current page on the index only; on a tag page it is its parent.
	mustContain(t, "tag index", tags, `aria-current="page">Topics</a>`)
	mustContain(t, "tag page", tag, `aria-current="true">Topics</a>`)

	// A profile lists what the person wrote and what they reviewed.
	maria := page(t, out, "authors/maria-lopez/index.html")
	mustContain(t, "profile", maria, "<h1>Maria Lopez, MD, FACC</h1>", "Dr. Lopez treats heart disease.", "Cardiologist, Test Hospital")
	maria2 := page(t, out, "authors/maria-lopez/page/2/index.html")
	mustContain(t, "profile page 2", maria2, "<h1>Maria Lopez, MD, FACC (page 2 of 2)</h1>")
	all := maria + maria2
	mustContain(t, "profile", all, "Heart failure: the basics", "Author", "Asthma", "Flu", "Medical reviewer")

	people := page(t, out, "authors/index.html")
	mustContain(t, "authors index", people, "James Okafor, MD, FAAP", "Maria Lopez, MD, FACC")

	about := page(t, out, "about/index.html")
	mustContain(t, "page", about, "<h1>About us</h1>", "We are a hospital.")
	mustNotContain(t, "page", about, "Medically reviewed")
}

func TestSpecialFiles(t *testing.T) {
	out, diags := buildMem(t, writeTxtar(t, "pages.txtar"), site.LoadOptions{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	mustContain(t, "404", page(t, out, "404.html"), "<h1>Page not found</h1>", `href="/conditions/"`)
	mustContain(t, "robots", page(t, out, "robots.txt"), "Sitemap: https://health.example.org/sitemap.xml")
	sm := page(t, out, "sitemap.xml")
	// lastmod is the later of lastmod (June) and lastReviewed (July).
	mustContain(t, "sitemap", sm,
		"<url><loc>https://health.example.org/conditions/heart-failure/</loc><lastmod>2025-07-01</lastmod></url>",
		"<url><loc>https://health.example.org/</loc><lastmod>2025-07-01</lastmod></url>",
		"<loc>https://health.example.org/tags/lungs/</loc>")
	mustNotContain(t, "sitemap", sm, "draft-post", "future-post", "expired-post")
	alias := page(t, out, "old/heart-failure/index.html")
	mustContain(t, "alias", alias,
		`<link rel="canonical" href="https://health.example.org/conditions/heart-failure/">`,
		`<meta http-equiv="refresh" content="0; url=https://health.example.org/conditions/heart-failure/">`)
	if got := page(t, out, "images/pic.txt"); got != "static file\n" {
		t.Errorf("static file copied as %q", got)
	}
	// The stylesheet is fingerprinted and carries light and dark code styles.
	var css string
	for _, n := range out.Names() {
		if regexp.MustCompile(`^assets/site\.[0-9a-f]{8}\.css$`).MatchString(n) {
			css = string(out.Files[n])
		}
	}
	mustContain(t, "stylesheet", css, ".chroma", "@media (prefers-color-scheme: dark)", "@media print")
	mustContain(t, "home", page(t, out, "index.html"), `<link rel="stylesheet" href="/assets/site.`)
}

func TestDraftsFutureExpiredFlags(t *testing.T) {
	dir := writeTxtar(t, "pages.txtar")
	out, _ := buildMem(t, dir, site.LoadOptions{})
	for _, n := range []string{"news/draft-post/index.html", "news/future-post/index.html", "news/expired-post/index.html"} {
		if _, ok := out.Files[n]; ok {
			t.Errorf("%s built without the flag that includes it", n)
		}
	}
	out, diags := buildMem(t, dir, site.LoadOptions{Drafts: true, Future: true, Expired: true})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	mustContain(t, "draft", page(t, out, "news/draft-post/index.html"), `class="notice notice-draft"`, "DRAFT")
	page(t, out, "news/future-post/index.html")
	page(t, out, "news/expired-post/index.html")
}

func TestBaseURLWithPath(t *testing.T) {
	dir := writeTxtar(t, "pages.txtar")
	out, diags := buildMem(t, dir, site.LoadOptions{BaseURL: "https://example.org/health/"})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	p := page(t, out, "conditions/heart-failure/index.html")
	mustContain(t, "article", p, `<a href="/health/conditions/asthma/">asthma</a>`, `href="/health/authors/maria-lopez/"`,
		`<link rel="canonical" href="https://example.org/health/conditions/heart-failure/">`, `<link rel="stylesheet" href="/health/assets/site.`)
}

func TestRawHTMLSwitch(t *testing.T) {
	dir := writeTxtar(t, "pages.txtar")
	cfg := filepath.Join(dir, "bedside.toml")
	data, _ := os.ReadFile(cfg)
	os.WriteFile(cfg, append(data, "[markdown]\nunsafeHTML = true\n"...), 0o644)
	out, diags := buildMem(t, dir, site.LoadOptions{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	mustContain(t, "article", page(t, out, "conditions/heart-failure/index.html"), "<script>alert(1)</script>")
}

func TestThemeOverride(t *testing.T) {
	dir := writeTxtar(t, "pages.txtar")
	os.MkdirAll(filepath.Join(dir, "themes/default/templates"), 0o755)
	os.WriteFile(filepath.Join(dir, "themes/default/templates/_footer.html"),
		[]byte(`{{define "footer"}}<footer class="site-footer"><p>Custom footer for {{.Site.Config.Title}}</p></footer>{{end}}`), 0o644)
	out, diags := buildMem(t, dir, site.LoadOptions{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	p := page(t, out, "conditions/asthma/index.html")
	mustContain(t, "article", p, "Custom footer for Test Health Library", `<h1>Asthma</h1>`)
	mustNotContain(t, "article", p, "Editorial policy")
}

func TestTemplateErrorIsReported(t *testing.T) {
	dir := writeTxtar(t, "pages.txtar")
	os.MkdirAll(filepath.Join(dir, "themes/default/templates"), 0o755)
	os.WriteFile(filepath.Join(dir, "themes/default/templates/article.html"), []byte(`{{define "main"}}{{.Nope}}{{end}}`), 0o644)
	_, diags := buildMem(t, dir, site.LoadOptions{})
	if !diags.HasErrors() {
		t.Fatal("a broken template built without error")
	}
	mustContain(t, "diagnostics", diags.Error(), "themes/default/templates/article.html: rendering /conditions/asthma/:", "can't evaluate field Nope")
}

// TestPagesAreWellFormed parses every HTML page and checks the structure
// every page must have: lang, one h1, landmarks, a skip link.
func TestPagesAreWellFormed(t *testing.T) {
	out, diags := buildMem(t, writeTxtar(t, "pages.txtar"), site.LoadOptions{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	for _, name := range out.Names() {
		if !strings.HasSuffix(name, ".html") || strings.HasPrefix(name, "old/") {
			continue
		}
		doc, err := html.Parse(bytes.NewReader(out.Files[name]))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		counts := map[string]int{}
		var lang string
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				counts[n.Data]++
				if n.Data == "html" {
					for _, a := range n.Attr {
						if a.Key == "lang" {
							lang = a.Val
						}
					}
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
		if lang == "" || counts["h1"] != 1 || counts["main"] != 1 || counts["nav"] < 1 || counts["footer"] < 1 || counts["title"] != 1 {
			t.Errorf("%s: lang=%q h1=%d main=%d nav=%d footer=%d title=%d", name, lang, counts["h1"], counts["main"], counts["nav"], counts["footer"], counts["title"])
		}
	}
}

// TestSampleSiteBuildsCleanly builds the repository's own sample site: it
// must have no error and no warning.
func TestSampleSiteBuildsCleanly(t *testing.T) {
	out, diags := buildMem(t, "..", site.LoadOptions{})
	if len(diags) > 0 {
		t.Fatalf("the sample site has diagnostics:\n%s", diags)
	}
	s := site.Load("..", site.LoadOptions{Now: mustDate("2026-11-23")})
	if len(s.Articles) < 12 || len(s.People) < 4 || len(s.Sections) < 4 {
		t.Errorf("sample site: %d articles, %d people, %d sections", len(s.Articles), len(s.People), len(s.Sections))
	}
	var table, footnotes, code bool
	for _, name := range out.Names() {
		p := string(out.Files[name])
		table = table || strings.Contains(p, "<table>")
		footnotes = footnotes || strings.Contains(p, `class="footnotes"`)
		code = code || strings.Contains(p, `<pre class="chroma">`)
	}
	if !table || !footnotes || !code {
		t.Errorf("sample site should show a table (%v), footnotes (%v) and a code block (%v)", table, footnotes, code)
	}
}

// TestDeterministicOutput builds the same site twice to disk and compares
// every file byte for byte.
func TestDeterministicOutput(t *testing.T) {
	dir := writeTxtar(t, "pages.txtar")
	load := site.LoadOptions{Now: mustDate("2026-11-23")}
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	for _, dest := range []string{a, b} {
		if _, _, diags := build.ToDir(dir, dest, load, build.Options{}); diags.HasErrors() {
			t.Fatal(diags)
		}
	}
	if ha, hb := treeHash(t, a), treeHash(t, b); ha != hb {
		t.Errorf("two builds differ:\n%s\n---\n%s", ha, hb)
	}
}

// TestFailedBuildKeepsPreviousSite breaks an article after a good build: the
// build fails with the error, and public/ still holds the good site.
func TestFailedBuildKeepsPreviousSite(t *testing.T) {
	dir := writeTxtar(t, "pages.txtar")
	dest := filepath.Join(dir, "public")
	load := site.LoadOptions{Now: mustDate("2026-11-23")}
	if _, _, diags := build.ToDir(dir, dest, load, build.Options{}); diags.HasErrors() {
		t.Fatal(diags)
	}
	good := treeHash(t, dest)
	os.WriteFile(filepath.Join(dir, "content/conditions/asthma.md"), []byte("---\ntitle: Asthma\ndate: 2025-13-01\n---\n"), 0o644)
	_, _, diags := build.ToDir(dir, dest, load, build.Options{})
	if !diags.HasErrors() {
		t.Fatal("broken article built without error")
	}
	mustContain(t, "diagnostics", diags.Error(), "content/conditions/asthma.md:3: date: 2025-13-01 is not a real date (month out of range)")
	if got := treeHash(t, dest); got != good {
		t.Error("public/ changed after a failed build")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".bedside-") {
			t.Errorf("leftover %s after a failed build", e.Name())
		}
	}
}

// treeHash lists every file under dir with a hash of its content.
func treeHash(t testing.TB, dir string) string {
	t.Helper()
	var lines []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		lines = append(lines, fmt.Sprintf("%s %x", filepath.ToSlash(rel), sha256.Sum256(data)))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// TestLinksOutOfTheSiteAreNotPublished: a symbolic link in static/ or
// content/ that leads outside the site folder is left out with a warning,
// so a link to /etc/passwd is never published.
func TestLinksOutOfTheSiteAreNotPublished(t *testing.T) {
	dir := writeTxtar(t, "pages.txtar")
	secret := filepath.Join(t.TempDir(), "secret.txt")
	os.WriteFile(secret, []byte("private"), 0o644)
	os.Symlink(secret, filepath.Join(dir, "static/secret.txt"))
	os.Symlink(secret, filepath.Join(dir, "content/conditions/secret.md"))
	os.Symlink("pic.txt", filepath.Join(dir, "static/images/pic-link.txt")) // inside: copied
	out, diags := buildMem(t, dir, site.LoadOptions{})
	if _, ok := out.Files["secret.txt"]; ok {
		t.Error("static/secret.txt, a link out of the site, was published")
	}
	if got := page(t, out, "images/pic-link.txt"); got != "static file\n" {
		t.Errorf("a link inside the site was copied as %q", got)
	}
	mustContain(t, "diagnostics", diags.Error(),
		"static/secret.txt: warning: links to a file outside the site folder; not copied — copy the file into static/ instead",
		"content/conditions/secret.md: warning: links to a file outside the site folder; left out — copy the file into the site instead")
}

// headTitle returns the text of a page's <title>.
func headTitle(html string) string {
	_, after, _ := strings.Cut(html, "<title>")
	title, _, _ := strings.Cut(after, "</title>")
	return title
}

// An article in another language than the site's is a page in that
// language whose theme words (navigation, byline, review dates) are marked
// as the site's, and its card on the site's lists is marked as its own
// (WCAG 3.1.1 and 3.1.2): a screen reader reads each part in its language.
func TestLanguageOfParts(t *testing.T) {
	out, diags := buildMem(t, writeTxtar(t, "languages.txtar"), site.LoadOptions{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	es := page(t, out, "wellness/dormir/index.html")
	mustContain(t, "Spanish article", es,
		`<html lang="es">`,
		`<a class="skip-link" href="#main" lang="en">`,
		`<div lang="en"><header`,
		`<div class="byline" lang="en">`,
		`<h2 id="references-heading" lang="en">References</h2>`,
		`<footer class="article-footer" lang="en">`,
		`<div class="emergency" role="note" lang="en">`,
		`<p class="disclaimer" lang="en">`,
		`<a href="#horario">Horario</a>`,
	)
	en := page(t, out, "wellness/sleep/index.html")
	mustContain(t, "English article", en, `<html lang="en">`, `<div class="byline">`)
	if n := strings.Count(en, ` lang="`); n != 1 {
		t.Errorf("the English article has %d lang attributes, want only <html lang>", n)
	}
	list := page(t, out, "wellness/index.html")
	mustContain(t, "section list", list, `<h3 lang="es"><a href="/wellness/dormir/">Dormir mejor</a></h3>`, `<p lang="es">`, `<h3><a href="/wellness/sleep/">Sleep better</a></h3>`)
}

// A site theme may override one partial of the default theme and keep the
// rest: its own table of contents (_toc.html) is used by the default
// article template, and builds.
func TestSiteThemeOverridesTheTableOfContents(t *testing.T) {
	dir := writeTxtar(t, "languages.txtar")
	writeFiles(t, dir, map[string]string{
		"themes/default/templates/_toc.html": `{{define "toc"}}<nav class="my-toc">{{range .}}<a href="#{{.ID}}">{{.Text}}</a>{{end}}</nav>{{end}}`,
	})
	out, diags := buildMem(t, dir, site.LoadOptions{})
	if diags.HasErrors() {
		t.Fatalf("a theme overriding _toc.html does not build:\n%s", diags.Error())
	}
	mustContain(t, "article", page(t, out, "wellness/dormir/index.html"), `<nav class="my-toc"><a href="#horario">Horario</a>`)
}
