package structured_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/build/structured"
	"github.com/bedside-health/bedside/site"
	"golang.org/x/net/html"
	"golang.org/x/tools/txtar"
)

// buildFixture builds testdata/site.txtar, with edit applied to
// bedside.toml, as of 2026-11-23.
func buildFixture(t *testing.T, tomlExtra string) (*build.MemOutput, site.Diagnostics) {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", "site.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		data := f.Data
		if f.Name == "bedside.toml" {
			data = append(append([]byte(nil), data...), tomlExtra...)
		}
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := site.Load(dir, site.LoadOptions{Now: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)})
	out := build.NewMemOutput()
	if s.Diagnostics.HasErrors() {
		return out, s.Diagnostics
	}
	_, diags := build.Run(s, out, build.Options{Extensions: []build.Extension{structured.New()}})
	return out, diags
}

func builtSite(t *testing.T) *build.MemOutput {
	t.Helper()
	out, diags := buildFixture(t, "")
	if len(diags) > 0 {
		t.Fatalf("fixture should build cleanly:\n%v", diags)
	}
	return out
}

func parsePage(t *testing.T, out *build.MemOutput, name string) *html.Node {
	t.Helper()
	data, ok := out.Files[name]
	if !ok {
		t.Fatalf("%s was not written", name)
	}
	doc, err := html.Parse(strings.NewReader(string(data)))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return doc
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func findAll(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// jsonLD returns the parsed JSON-LD blocks of a page, failing on any that
// is not valid JSON.
func jsonLD(t *testing.T, out *build.MemOutput, name string) []map[string]any {
	t.Helper()
	doc := parsePage(t, out, name)
	var blocks []map[string]any
	for _, s := range findAll(doc, func(n *html.Node) bool { return n.Data == "script" }) {
		typ, _ := attr(s, "type")
		if typ != "application/ld+json" {
			t.Errorf("%s: unexpected script element of type %q: %s", name, typ, text(s))
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(text(s)), &m); err != nil {
			t.Fatalf("%s: JSON-LD does not parse: %v\n%s", name, err, text(s))
		}
		if m["@context"] != "https://schema.org" {
			t.Errorf("%s: @context = %v", name, m["@context"])
		}
		blocks = append(blocks, m)
	}
	return blocks
}

// get follows a path of keys and indexes ("author", 0, "name") through parsed JSON.
func get(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return nil
			}
			v = m[k]
		case int:
			l, ok := v.([]any)
			if !ok || k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}

func expect(t *testing.T, what string, got, want any) {
	t.Helper()
	if !jsonEqual(got, want) {
		t.Errorf("%s = %#v, want %#v", what, got, want)
	}
}

func jsonEqual(a, b any) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

const base = "https://health.example.org/"

// TestArticleJSONLD checks the MedicalWebPage and BlogPosting of an article
// whose title tries to close the script element: the JSON parses, holds the
// title as written, and the page has no script element but the two blocks.
func TestArticleJSONLD(t *testing.T) {
	out := builtSite(t)
	const name = "conditions/heart-failure/index.html"
	raw := string(out.Files[name])
	if strings.Contains(raw, `</script><script>alert`) {
		t.Fatal("the title broke out of the script element")
	}
	blocks := jsonLD(t, out, name)
	if len(blocks) != 2 {
		t.Fatalf("want 2 JSON-LD blocks, got %d", len(blocks))
	}
	page, post := blocks[0], blocks[1]
	url := base + "conditions/heart-failure/"
	title := `Heart failure </script><script>alert("x")</script> & you`

	expect(t, "page @type", page["@type"], "MedicalWebPage")
	expect(t, "page url", page["url"], url)
	expect(t, "page name", page["name"], title)
	expect(t, "lastReviewed", page["lastReviewed"], "2025-06-01")
	expect(t, "reviewedBy", page["reviewedBy"], []any{map[string]any{
		"@type": "Person", "@id": base + "authors/helen-ward/#person", "name": "Helen Ward",
		"honorificSuffix": "MD, FACP", "jobTitle": "Internal medicine physician",
		"url":         base + "authors/helen-ward/",
		"affiliation": map[string]any{"@type": "Organization", "name": "Northside Clinic"},
	}})
	expect(t, "about", page["about"], map[string]any{
		"@type": "MedicalCondition", "name": "Heart failure",
		"code": map[string]any{"@type": "MedicalCode", "code": "I50.9", "codingSystem": "ICD-10"},
	})
	expect(t, "audience", page["audience"], "https://schema.org/Patient")
	expect(t, "specialty", page["specialty"], "https://schema.org/Cardiovascular")
	expect(t, "mainEntity", get(page, "mainEntity", "@id"), post["@id"])

	expect(t, "post @type", post["@type"], "BlogPosting")
	expect(t, "headline", post["headline"], title)
	expect(t, "description", post["description"], "What <b>heart failure</b> means & how it is treated.")
	expect(t, "datePublished", post["datePublished"], "2025-01-10T00:00:00Z")
	expect(t, "dateModified", post["dateModified"], "2025-06-01T00:00:00Z")
	expect(t, "image", post["image"], base+"images/heart.png")
	expect(t, "mainEntityOfPage", get(post, "mainEntityOfPage", "@id"), page["@id"])
	expect(t, "author", post["author"], []any{map[string]any{
		"@type": "Person", "@id": base + "authors/maria-lopez/#person", "name": "Maria Lopez",
		"honorificSuffix": "MD, FACC", "jobTitle": "Cardiologist", "url": base + "authors/maria-lopez/",
		"sameAs":      []any{"https://orcid.org/0000-0002-1825-0097", "https://www.linkedin.com/in/maria-lopez-example"},
		"identifier":  map[string]any{"@type": "PropertyValue", "propertyID": "NPI", "value": "1234567893"},
		"affiliation": map[string]any{"@type": "Organization", "@id": base + "#organization", "name": "Example Hospital"},
	}})
	expect(t, "citation", post["citation"], []any{
		map[string]any{"@type": "CreativeWork", "name": "2022 AHA/ACC/HFSA Guideline for the Management of Heart Failure",
			"url": "https://doi.org/10.1161/CIR.0000000000001063",
			"identifier": []any{
				map[string]any{"@type": "PropertyValue", "propertyID": "DOI", "value": "10.1161/CIR.0000000000001063"},
				map[string]any{"@type": "PropertyValue", "propertyID": "PMID", "value": "35363499"},
			}},
		map[string]any{"@type": "CreativeWork", "name": "Heart failure (MedlinePlus)", "url": "https://medlineplus.gov/heartfailure.html"},
	})
	expect(t, "publisher", get(post, "publisher", "name"), "Example Hospital")
	expect(t, "sponsor", get(post, "sponsor", "name"), "Heartco Foundation")

	// The escaping is encoding/json's, not html/template's: no &lt; or
	// doubled backslashes inside the script element.
	if !strings.Contains(raw, `Heart failure \u003c/script\u003e\u003cscript\u003ealert(\"x\")\u003c/script\u003e \u0026 you`) {
		t.Errorf("title not escaped once as JSON in the page")
	}
}

// TestNewsJSONLD: an article outside the clinical sections with no reviewer
// is a plain WebPage with a BlogPosting; an inline author has no url.
func TestNewsJSONLD(t *testing.T) {
	blocks := jsonLD(t, builtSite(t), "news/portal/index.html")
	if len(blocks) != 2 {
		t.Fatalf("want 2 blocks, got %d", len(blocks))
	}
	expect(t, "@type", blocks[0]["@type"], "WebPage")
	expect(t, "lastReviewed", blocks[0]["lastReviewed"], nil)
	expect(t, "author", blocks[1]["author"], []any{map[string]any{
		"@type": "Person", "name": "Sam Patel", "honorificSuffix": "MPH",
		"affiliation": map[string]any{"@type": "Organization", "@id": base + "#organization", "name": "Example Hospital"},
	}})
}

func TestProfileAndHomeJSONLD(t *testing.T) {
	out := builtSite(t)
	profile := jsonLD(t, out, "authors/maria-lopez/index.html")
	if len(profile) != 1 {
		t.Fatalf("profile: want 1 block, got %d", len(profile))
	}
	expect(t, "profile @type", profile[0]["@type"], "ProfilePage")
	expect(t, "profile url", profile[0]["url"], base+"authors/maria-lopez/")
	expect(t, "mainEntity @type", get(profile[0], "mainEntity", "@type"), "Person")
	expect(t, "mainEntity name", get(profile[0], "mainEntity", "name"), "Maria Lopez")
	expect(t, "mainEntity honorificSuffix", get(profile[0], "mainEntity", "honorificSuffix"), "MD, FACC")

	home := jsonLD(t, out, "index.html")
	if len(home) != 2 {
		t.Fatalf("home: want 2 blocks, got %d", len(home))
	}
	expect(t, "organization", home[0], map[string]any{
		"@context": "https://schema.org", "@type": "Organization", "@id": base + "#organization",
		"name": "Example Hospital", "url": "https://hospital.example.org/",
		"logo": map[string]any{"@type": "ImageObject", "url": base + "images/logo.png"},
	})
	expect(t, "website", home[1], map[string]any{
		"@context": "https://schema.org", "@type": "WebSite", "@id": base + "#website", "url": base,
		"name": "Example Health Library", "description": "Health information from Example Hospital.",
		"inLanguage": "en", "publisher": map[string]any{"@id": base + "#organization"},
	})
	if blocks := jsonLD(t, out, "conditions/index.html"); len(blocks) != 0 {
		t.Errorf("section list: want no JSON-LD, got %v", blocks)
	}
}

// meta returns a page's <meta property|name=… content=…> values; a key
// written more than once keeps all its values.
func meta(t *testing.T, out *build.MemOutput, name string) map[string][]string {
	t.Helper()
	m := map[string][]string{}
	for _, n := range findAll(parsePage(t, out, name), func(n *html.Node) bool { return n.Data == "meta" || n.Data == "link" }) {
		content, _ := attr(n, "content")
		if rel, _ := attr(n, "rel"); rel == "canonical" {
			href, _ := attr(n, "href")
			m["canonical"] = append(m["canonical"], href)
			continue
		}
		key, ok := attr(n, "property")
		if !ok {
			key, _ = attr(n, "name")
		}
		if key != "" {
			m[key] = append(m[key], content)
		}
	}
	return m
}

func TestOpenGraph(t *testing.T) {
	out := builtSite(t)
	art := meta(t, out, "conditions/heart-failure/index.html")
	title := `Heart failure </script><script>alert("x")</script> & you`
	for key, want := range map[string][]string{
		"og:type":                {"article"},
		"og:site_name":           {"Example Health Library"},
		"og:title":               {title},
		"og:description":         {"What <b>heart failure</b> means & how it is treated."},
		"og:url":                 {base + "conditions/heart-failure/"},
		"og:image":               {base + "images/heart.png"},
		"article:published_time": {"2025-01-10T00:00:00Z"},
		"article:modified_time":  {"2025-06-01T00:00:00Z"},
		"article:tag":            {"heart"},
		"twitter:card":           {"summary_large_image"},
		"twitter:title":          {title},
		"twitter:description":    {"What <b>heart failure</b> means & how it is treated."},
		"twitter:image":          {base + "images/heart.png"},
	} {
		expect(t, key, art[key], want)
	}
	expect(t, "og:url is the canonical address", art["og:url"], art["canonical"])

	expect(t, "og:locale of a bare language", art["og:locale"], nil)
	news := meta(t, out, "news/portal/index.html")
	expect(t, "news og:image", news["og:image"], nil)
	expect(t, "news twitter:card", news["twitter:card"], []string{"summary"})
	expect(t, "news og:locale (lang: es-MX)", news["og:locale"], []string{"es_MX"})

	home := meta(t, out, "index.html")
	expect(t, "home og:type", home["og:type"], []string{"website"})
	expect(t, "home og:title", home["og:title"], []string{"Example Health Library"})
	expect(t, "home og:url", home["og:url"], []string{base})
	expect(t, "profile og:type", meta(t, out, "authors/maria-lopez/index.html")["og:type"], []string{"profile"})

	// Every HTML page has a title, a description, a URL and a type.
	for _, name := range out.Names() {
		if !strings.HasSuffix(name, ".html") || strings.HasPrefix(name, "alias") {
			continue
		}
		m := meta(t, out, name)
		for _, key := range []string{"og:title", "og:description", "og:url", "og:type", "og:site_name", "twitter:card"} {
			if len(m[key]) != 1 || m[key][0] == "" {
				t.Errorf("%s: %s = %q", name, key, m[key])
			}
		}
	}
}

// TestOverdueBanner checks [review] overdue: banner (the default) and warn
// show a notice with the due date on the overdue page only; warn also
// warns and fail stops the build.
func TestOverdueBanner(t *testing.T) {
	const notice = "This page is overdue for clinical review: its review was due on June 1, 2025. Some advice may be out of date, so check with your doctor or care team."
	noticeOf := func(out *build.MemOutput, name string) string {
		var texts []string
		for _, n := range findAll(parsePage(t, out, name), func(n *html.Node) bool {
			c, _ := attr(n, "class")
			return strings.Contains(c, "notice-overdue")
		}) {
			texts = append(texts, strings.TrimSpace(text(n)))
		}
		return strings.Join(texts, "|")
	}
	out := builtSite(t)
	expect(t, "overdue page notice", noticeOf(out, "wellness/walking/index.html"), notice)
	expect(t, "current page notice", noticeOf(out, "conditions/heart-failure/index.html"), "")

	out, diags := buildFixture(t, "overdue = \"warn\"\n")
	expect(t, "warn diagnostics", diags.Error(), "content/wellness/walking.md:8: warning: overdue for clinical review: next review was due 2025-06-01 — review the article, then set lastReviewed: to the review date (and nextReview:, if it sets one)")
	expect(t, "warn: page notice", noticeOf(out, "wellness/walking/index.html"), notice)

	_, diags = buildFixture(t, "overdue = \"fail\"\n")
	if diags.Count(site.Error) != 1 || !strings.HasPrefix(diags.Error(), "content/wellness/walking.md:8: overdue for clinical review") {
		t.Errorf("fail: %v", diags)
	}
}

// TestDisclosuresAndSafety checks what every article shows: the emergency
// notice with the configured number as a tel: link, the disclaimer, and
// the sponsor, funding, conflicts and each person's statement when given.
func TestDisclosuresAndSafety(t *testing.T) {
	out := builtSite(t)
	doc := parsePage(t, out, "conditions/heart-failure/index.html")
	byClass := func(class string) []*html.Node {
		return findAll(doc, func(n *html.Node) bool { c, _ := attr(n, "class"); return c == class })
	}
	em := byClass("emergency")
	if len(em) != 1 || strings.TrimSpace(text(em[0])) != "In an emergency, call 112 now." {
		t.Fatalf("emergency notice: %d elements", len(em))
	}
	links := findAll(em[0], func(n *html.Node) bool { return n.Data == "a" })
	if len(links) != 1 {
		t.Fatalf("emergency number is not a link")
	}
	expect(t, "emergency link", links[0].Attr, []html.Attribute{{Key: "href", Val: "tel:112"}})
	dis := byClass("disclosures")
	if len(dis) != 1 {
		t.Fatalf("want one disclosures section, got %d", len(dis))
	}
	got := strings.Join(strings.Fields(text(dis[0])), " ")
	want := "Disclosures Sponsor: Heartco Foundation Funding: A community health grant from the City of Example. " +
		"Conflicts of interest: The sponsor had no role in writing this article. " +
		"Maria Lopez (author): Dr. Lopez has received speaker fees from Heartco. " +
		"Helen Ward (reviewer): Dr. Ward has no conflicts of interest to declare."
	expect(t, "disclosures", got, want)

	for _, name := range []string{"conditions/heart-failure/index.html", "wellness/walking/index.html", "news/portal/index.html"} {
		d := parsePage(t, out, name)
		disc := findAll(d, func(n *html.Node) bool { c, _ := attr(n, "class"); return c == "disclaimer" })
		if len(disc) != 1 || text(disc[0]) != "This information does not replace advice from your doctor." {
			t.Errorf("%s: no disclaimer", name)
		}
		if len(findAll(d, func(n *html.Node) bool { c, _ := attr(n, "class"); return c == "emergency" })) != 1 {
			t.Errorf("%s: no emergency notice", name)
		}
	}
	// Every page's footer links the editorial policy.
	for _, name := range out.Names() {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		footers := findAll(parsePage(t, out, name), func(n *html.Node) bool { return n.Data == "footer" })
		linked := false
		for _, f := range footers {
			for _, a := range findAll(f, func(n *html.Node) bool { return n.Data == "a" }) {
				if href, _ := attr(a, "href"); href == "/editorial-policy/" {
					linked = true
				}
			}
		}
		if !linked {
			t.Errorf("%s: no link to /editorial-policy/ in the footer", name)
		}
	}
	// The profile page shows the person's statement and ORCID record.
	profile := string(out.Files["authors/maria-lopez/index.html"])
	if !strings.Contains(profile, "Dr. Lopez has received speaker fees from Heartco.") {
		t.Errorf("profile: conflict-of-interest statement missing")
	}
	if !strings.Contains(profile, `<p class="orcid">ORCID iD: <a href="https://orcid.org/0000-0002-1825-0097">https://orcid.org/0000-0002-1825-0097</a></p>`) {
		t.Errorf("profile: ORCID link missing")
	}
}

// TestStructuredDeterministic: two builds write the same bytes.
func TestStructuredDeterministic(t *testing.T) {
	a, b := builtSite(t), builtSite(t)
	for _, name := range []string{"index.html", "conditions/heart-failure/index.html", "authors/maria-lopez/index.html"} {
		if string(a.Files[name]) != string(b.Files[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}
