package site_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bedside-health/bedside/site"
	"github.com/bedside-health/bedside/site/sitetest"
	"golang.org/x/tools/txtar"
)

func unpack(t testing.TB, ar *txtar.Archive) string {
	t.Helper()
	return sitetest.Unpack(t, ar)
}

func loadTxtar(t testing.TB, src string) *site.Site {
	t.Helper()
	return site.Load(unpack(t, txtar.Parse([]byte(src))), site.LoadOptions{Now: day("2026-11-23")})
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestContentErrors checks the exact line of every content error in
// testdata/errors.txtar, and that all of them are reported in one load.
func TestContentErrors(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/errors.txtar")
	if err != nil {
		t.Fatal(err)
	}
	s := site.Load(unpack(t, ar), site.LoadOptions{Now: day("2026-11-23")})
	got := map[string]bool{}
	for _, d := range s.Diagnostics {
		got[d.String()] = true
	}
	var want []string
	for _, f := range ar.Files {
		if f.Name == "want.txt" {
			want = strings.Split(strings.TrimSpace(string(f.Data)), "\n")
		}
	}
	for _, w := range want {
		if !got[w] {
			t.Errorf("missing diagnostic:\n  %s", w)
		}
	}
	if t.Failed() {
		t.Logf("got:\n%s", s.Diagnostics)
	}
	if len(s.Diagnostics) != len(want) {
		t.Errorf("got %d diagnostics, want %d:\n%s", len(s.Diagnostics), len(want), s.Diagnostics)
	}
}

func TestFrontMatterFields(t *testing.T) {
	s := loadTxtar(t, `
-- bedside.toml --
[review]
interval = "2y"
-- content/authors/ann.md --
---
name: Ann Smith
credentials: [RN, CDCES]
role: Diabetes educator
affiliation: Test Hospital
npi: "1234567893"
orcid: 0000-0002-1825-0097
sameAs: [https://example.org/ann]
coi: None to declare.
---
Ann's bio.
-- content/authors/bo.md --
---
name: Bo Chen
credentials: [MD]
---
-- content/conditions/diabetes.md --
---
title: "Diabetes: the basics"
description: What diabetes is.
summary: A short summary.
date: 2025-01-02T10:00:00+02:00
lastmod: 2025-02-03
publishDate: 2025-01-02
expiryDate: 2030-01-01
slug: diabetes-basics
aliases: [/old/diabetes, /older/diabetes.html]
tags: [Diabetes, blood sugar]
weight: 3
author: [ann, {name: Guest Writer, credentials: [PhD], role: Researcher}]
reviewedBy: bo
lastReviewed: 2025-03-04
references:
  - {title: ADA standards, url: "https://diabetes.org/"}
  - {title: A paper, doi: "10.2337/dc24-S001"}
  - {title: A record, pmid: "31536937"}
changes: Updated insulin advice.
sponsor: Nobody
funding: Hospital budget
conflicts: None
specialty: Endocrine
audience: Patient
image: /images/diabetes.png
lang: en
---
Body text.
`)
	if len(s.Diagnostics) > 0 {
		t.Fatalf("diagnostics: %s", s.Diagnostics)
	}
	a := s.Articles[0]
	check := func(name string, got, want any) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	check("Title", a.Title, "Diabetes: the basics")
	check("Description", a.Description, "What diabetes is.")
	check("Summary", a.Summary, "A short summary.")
	check("Date", a.Date.Format(time.RFC3339), "2025-01-02T10:00:00+02:00")
	check("Lastmod", a.Lastmod.Format("2006-01-02"), "2025-02-03")
	check("PublishDate", a.PublishDate.Format("2006-01-02"), "2025-01-02")
	check("ExpiryDate", a.ExpiryDate.Format("2006-01-02"), "2030-01-01")
	check("URL", a.URL, "/conditions/diabetes-basics/")
	check("Aliases", strings.Join(a.Aliases, " "), "/old/diabetes/ /older/diabetes.html")
	check("Tags", len(a.Tags), 2)
	check("Tag key", a.Tags[1].Key, "blood-sugar")
	check("Weight", a.Weight, 3)
	check("Authors", len(a.Authors), 2)
	check("Author byline", a.Authors[0].Byline(), "Ann Smith, RN, CDCES — Diabetes educator")
	check("Inline author", a.Authors[1].Byline(), "Guest Writer, PhD — Researcher")
	check("Inline author URL", a.Authors[1].URL, "")
	check("Reviewer", a.Reviewers[0].Name, "Bo Chen")
	check("LastReviewed", a.LastReviewed.Format("2006-01-02"), "2025-03-04")
	check("NextReview from interval", a.NextReview.Format("2006-01-02"), "2027-03-04")
	check("References", len(a.References), 3)
	check("DOI link", a.References[1].Link(), "https://doi.org/10.2337/dc24-S001")
	check("PMID link", a.References[2].Link(), "https://pubmed.ncbi.nlm.nih.gov/31536937/")
	check("Changes", a.Changes, "Updated insulin advice.")
	check("Sponsor", a.Sponsor, "Nobody")
	check("Funding", a.Funding, "Hospital budget")
	check("Conflicts", a.Conflicts, "None")
	check("Specialty", a.Specialty, "Endocrine")
	check("Audience", a.Audience, "Patient")
	check("Image", a.Image, "/images/diabetes.png")
	check("Lang", a.Lang, "en")
	check("Body", string(a.Body), "Body text.\n")
	check("BodyLine", a.BodyLine, 29)
	check("Line of tags", a.Line("tags"), 11)
	ann := s.PeopleByKey["ann"]
	check("NPI", ann.NPI, "1234567893")
	check("ORCID", ann.ORCID, "0000-0002-1825-0097")
	check("COI", ann.COI, "None to declare.")
	check("Authored", len(ann.Authored), 1)
	check("Reviewed", len(s.PeopleByKey["bo"].Reviewed), 1)
}

func TestTOMLAndCRLFAndBOM(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "content/news"), 0o755)
	src := "\xEF\xBB\xBF+++\r\ntitle = \"Portal\"\r\ndescription = \"New portal\"\r\ndate = 2025-05-01\r\nauthor = {name = \"Sam\", credentials = [\"MPH\"]}\r\ntagz = [\"x\"]\r\n+++\r\nHello.\r\n"
	os.WriteFile(filepath.Join(dir, "content/news/portal.md"), []byte(src), 0o644)
	s := site.Load(dir, site.LoadOptions{Now: day("2026-11-23")})
	want := "content/news/portal.md:6: warning: tagz: unknown key — did you mean tags?"
	if len(s.Diagnostics) != 1 || s.Diagnostics[0].String() != want {
		t.Fatalf("diagnostics:\n%s\nwant:\n%s", s.Diagnostics, want)
	}
	a := s.Articles[0]
	if a.Title != "Portal" || a.Date.Format("2006-01-02") != "2025-05-01" || string(a.Body) != "Hello.\n" || a.Authors[0].Name != "Sam" {
		t.Errorf("article = %q %v %q %v", a.Title, a.Date, a.Body, a.Authors)
	}
}

func TestConfigErrors(t *testing.T) {
	s := loadTxtar(t, `
-- bedside.toml --
title = "X"
paginat = 10
[review]
intervall = "2y"
-- content/news/a.md --
---
title: A
description: d
date: 2025-01-01
author: {name: A}
---
`)
	want := []string{
		"bedside.toml:2: paginat: unknown key — did you mean paginate?",
		"bedside.toml:4: review.intervall: unknown key — did you mean review.interval?",
	}
	got := s.Diagnostics.Error()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("missing %q in:\n%s", w, got)
		}
	}
}

// TestConfigValuesOverSeveralLines: a wrong value written over several
// lines, or a key that is a table, is reported once, without the syntax
// errors that looking past it line by line would make up.
func TestConfigValuesOverSeveralLines(t *testing.T) {
	for _, c := range []struct{ toml, want string }{
		{"title = \"T\"\npaginate = \"\"\"\n10\n\"\"\"\n", "bedside.toml:4: paginate: expected a whole number, got text — check the value against the README's config reference"},
		{"title = \"T\"\n[quality]\nallowOrigins = [\n \"https://a\",\n 5,\n]\n", "bedside.toml:3: quality.allowOrigins: expected text, got a whole number — check the value against the README's config reference"},
		{"[paginate]\ntitle = \"Evil\"\n", "bedside.toml:1: paginate: expected a whole number, got a table — check the value against the README's config reference"},
		{"title = \"T\"\nbaseurl = \"h.example.org\"\n", "bedside.toml:2: warning: baseurl: spelt in another case than baseURL — write it baseURL, as the README does\n" +
			"bedside.toml:2: baseURL: \"h.example.org\" is not an http(s) address — write the full address, like baseURL = \"https://health.example.org/\""},
		{"title = \"T\"\npaginate = 2.5\n", "bedside.toml:2: paginate: expected a whole number, got a decimal number — check the value against the README's config reference"},
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, site.ConfigFile), []byte(c.toml), 0o644); err != nil {
			t.Fatal(err)
		}
		_, diags := site.LoadConfig(dir)
		if got := diags.Error(); got != c.want {
			t.Errorf("%q:\n got %s\nwant %s", c.toml, got, c.want)
		}
	}
}

func TestIncludedAndOrder(t *testing.T) {
	s := loadTxtar(t, `
-- content/news/a.md --
---
title: A
description: d
date: 2025-01-01
author: {name: X}
---
-- content/news/b.md --
---
title: B
description: d
date: 2025-06-01
author: {name: X}
---
-- content/news/c.md --
---
title: C
description: d
date: 2025-03-01
author: {name: X}
draft: true
---
-- content/news/d.md --
---
title: D
description: d
date: 2027-01-01
author: {name: X}
---
`)
	var titles []string
	for _, a := range s.Articles {
		titles = append(titles, a.Title)
	}
	if got := strings.Join(titles, ","); got != "B,A" {
		t.Errorf("articles = %s, want B,A (newest first, no draft, no future)", got)
	}
	if s.Excluded != 2 {
		t.Errorf("Excluded = %d, want 2", s.Excluded)
	}
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]string{
		"2025-03-14":                "2025-03-14T00:00:00Z",
		"2025-03-14T08:30:00-05:00": "2025-03-14T08:30:00-05:00",
		"2025-03-14T08:30:00Z":      "2025-03-14T08:30:00Z",
		"2025-03-14 08:30":          "2025-03-14T08:30:00Z",
	} {
		got, err := site.ParseDate(in)
		if err != nil || got.Format(time.RFC3339) != want {
			t.Errorf("ParseDate(%q) = %v, %v; want %s", in, got, err, want)
		}
	}
	for in, want := range map[string]string{
		"2025-02-30": "2025-02-30 is not a real date (day out of range)",
		"yesterday":  `"yesterday" is not a date`,
		"14/03/2025": `"14/03/2025" is not a date`,
	} {
		if _, err := site.ParseDate(in); err == nil || err.Error() != want {
			t.Errorf("ParseDate(%q) error = %v, want %s", in, err, want)
		}
	}
}

func TestPeriod(t *testing.T) {
	// Years and months end within the month they reach (a review due
	// three years after 29 February is due on 28 February, not 1 March);
	// days and weeks are added after them.
	for _, c := range []struct{ from, period, want string }{
		{"2024-02-29", "3y", "2027-02-28"},
		{"2024-02-29", "4y", "2028-02-29"},
		{"2024-02-29", "18m", "2025-08-29"},
		{"2024-02-29", "90d", "2024-05-29"},
		{"2024-02-29", "1y2w", "2025-03-14"},
		{"2025-08-31", "18m", "2027-02-28"},
		{"2025-08-31", "6m", "2026-02-28"},
		{"2025-01-31", "1m", "2025-02-28"},
		{"2025-03-15", "1y", "2026-03-15"},
	} {
		p, err := site.ParsePeriod(c.period)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.After(day(c.from)).Format("2006-01-02"); got != c.want {
			t.Errorf("%s after %s = %s, want %s", c.period, c.from, got, c.want)
		}
	}
	if got := (site.Period{Months: 1}).Before(day("2025-03-31")).Format("2006-01-02"); got != "2025-02-28" {
		t.Errorf("1m before 2025-03-31 = %s, want 2025-02-28", got)
	}
	if _, err := site.ParsePeriod("3 years"); err == nil {
		t.Error("ParsePeriod accepted 3 years")
	}
}

// TestParseCache loads a site three times through one cache: unchanged
// files keep their parsed front matter, an edited file is parsed again,
// and a deleted file is gone.
func TestParseCache(t *testing.T) {
	dir := unpack(t, txtar.Parse([]byte(`
-- content/news/a.md --
---
title: A
description: d
date: 2025-01-01
author: {name: X}
---
Alpha.
-- content/news/b.md --
---
title: B
description: d
date: 2025-02-01
author: {name: X}
---
Beta.
`)))
	cache := &site.ParseCache{}
	load := func() map[string]*site.Article {
		s := site.Load(dir, site.LoadOptions{Now: day("2026-11-23"), Cache: cache})
		if len(s.Diagnostics) > 0 {
			t.Fatal(s.Diagnostics)
		}
		m := map[string]*site.Article{}
		for _, a := range s.Articles {
			m[a.Title] = a
		}
		return m
	}
	first := load()
	os.WriteFile(filepath.Join(dir, "content/news/b.md"), []byte("---\ntitle: B2\ndescription: d\ndate: 2025-02-01\nauthor: {name: X}\n---\nBeta two.\n"), 0o644)
	second := load()
	if second["A"] == nil || second["B2"] == nil || second["B"] != nil {
		t.Fatalf("second load: %v", second)
	}
	if string(second["B2"].Body) != "Beta two.\n" {
		t.Errorf("edited body = %q", second["B2"].Body)
	}
	// The unchanged file's front matter was not parsed again: the same map.
	if fmt.Sprintf("%p", first["A"].Params) != fmt.Sprintf("%p", second["A"].Params) {
		t.Error("unchanged a.md was parsed again")
	}
	if first["A"] == second["A"] {
		t.Error("articles must be new on each load (they are indexed anew)")
	}
	os.Remove(filepath.Join(dir, "content/news/a.md"))
	third := load()
	if len(third) != 1 || third["B2"] == nil {
		t.Errorf("after deleting a.md: %v", third)
	}
}

// Keys match ignoring case, as Hugo's do, so a config brought from Hugo
// with baseurl works; but two spellings of one key must not silently let
// the later win, and a lone other spelling is pointed out once.
func TestConfigKeySpelling(t *testing.T) {
	for _, c := range []struct{ toml, want string }{
		{"baseurl = \"https://a.example/\"\n[Organization]\nname = \"N\"\n",
			"bedside.toml:1: warning: baseurl: spelt in another case than baseURL — write it baseURL, as the README does\n" +
				"bedside.toml:2: warning: Organization: spelt in another case than organization — write it organization, as the README does"},
		{"baseURL = \"https://a.example/\"\ntitle = \"T\"\nbaseurl = \"https://b.example/\"\n",
			"bedside.toml:3: baseurl: the same key as baseURL on line 1, spelt differently, so one would silently replace the other — keep one of them"},
		// Every message has its line: inside an inline table, as a
		// dotted key, quoted, or for a value under another spelling.
		{"baseURL = \"https://a.example/\"\norganization = { Name = \"X\" }\n",
			"bedside.toml:2: warning: organization.Name: spelt in another case than organization.name — write it organization.name, as the README does"},
		{"baseURL = \"https://a.example/\"\nreview.Interval = \"2y\"\n",
			"bedside.toml:2: warning: review.Interval: spelt in another case than review.interval — write it review.interval, as the README does"},
		{"baseURL = \"https://a.example/\"\n'dateformat' = \"2 Jan 2006\"\n",
			"bedside.toml:2: warning: dateformat: spelt in another case than dateFormat — write it dateFormat, as the README does"},
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, site.ConfigFile), []byte(c.toml), 0o644); err != nil {
			t.Fatal(err)
		}
		cfg, diags := site.LoadConfig(dir)
		if got := diags.Error(); got != c.want {
			t.Errorf("%q:\n got %s\nwant %s", c.toml, got, c.want)
		}
		if !strings.HasPrefix(cfg.BaseURL, "https://") {
			t.Errorf("%q: baseURL %q was not read", c.toml, cfg.BaseURL)
		}
	}
}

// A dateFormat that is not a Go layout ("DD/MM/YYYY"), or one that leaves
// out part of a date, would print review dates as "Next review due:
// DD/MM/YYYY" or without their year, on every page and with no error.
func TestDateFormatMustShowAWholeDate(t *testing.T) {
	for _, c := range []struct{ format, want string }{
		{"DD/MM/YYYY", `bedside.toml:2: dateFormat: "DD/MM/YYYY" shows no day, month or year — write Go's reference date, 2 January 2006, as dates should look, like dateFormat = "2 January 2006" or "02/01/2006"`},
		{"Jan 2", `bedside.toml:2: dateFormat: "Jan 2" shows no year — write Go's reference date, 2 January 2006, as dates should look, like dateFormat = "2 January 2006" or "02/01/2006"`},
		{"2 January 2006", ""},
		{"02/01/06", ""},
		{"Monday, Jan 2, 2006", ""},
	} {
		dir := t.TempDir()
		toml := "title = \"T\"\ndateFormat = \"" + c.format + "\"\n"
		if err := os.WriteFile(filepath.Join(dir, site.ConfigFile), []byte(toml), 0o644); err != nil {
			t.Fatal(err)
		}
		_, diags := site.LoadConfig(dir)
		if got := diags.Error(); got != c.want {
			t.Errorf("dateFormat %q:\n got %s\nwant %s", c.format, got, c.want)
		}
	}
}
