package site_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bedside-health/bedside/site"
	"golang.org/x/tools/txtar"
)

// loadGovernanceFixture unpacks a txtar site from testdata and loads it as
// of the given day. It returns the site and the archive's want.txt lines.
func loadGovernanceFixture(t *testing.T, name, today string) (*site.Site, []string) {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return loadGovernanceArchive(t, ar, today)
}

func loadGovernanceArchive(t *testing.T, ar *txtar.Archive, today string) (*site.Site, []string) {
	t.Helper()
	dir := t.TempDir()
	var want []string
	for _, f := range ar.Files {
		if f.Name == "want.txt" {
			want = strings.Split(strings.TrimSpace(string(f.Data)), "\n")
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	now, err := time.Parse("2006-01-02", today)
	if err != nil {
		t.Fatal(err)
	}
	return site.Load(dir, site.LoadOptions{Now: now}), want
}

func diagnosticLines(ds site.Diagnostics) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.String()
	}
	return out
}

func sameLines(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n got:\n\t%s\n want:\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

// TestGovernanceDiagnostics checks every clinical governance rule at its
// exact file and line: clinical sections need lastReviewed and reviewedBy,
// reviewers need a clinical credential, credentials are recognized, NPI and
// ORCID check digits hold, reviews are not dated in the future. News and
// drafts are not held to the clinical rules.
func TestGovernanceDiagnostics(t *testing.T) {
	s, want := loadGovernanceFixture(t, "governance.txtar", "2026-11-23")
	sameLines(t, diagnosticLines(s.Diagnostics), want)
}

// TestGovernanceConfig checks that [review] can add recognized and clinical
// credentials and choose the clinical sections.
func TestGovernanceConfig(t *testing.T) {
	files := `
-- content/authors/kim-lee.md --
---
name: Kim Lee
credentials: [CHT, OTR/L]
---
-- content/authors/ana-ruiz.md --
---
name: Ana Ruiz
credentials: [CLC]
---
-- content/news/clinic.md --
---
title: Clinic
description: News in a section made clinical.
date: 2025-01-01
author: kim-lee
---
-- content/conditions/asthma.md --
---
title: Asthma
description: Not clinical on this site.
date: 2025-01-01
author: kim-lee
reviewedBy: ana-ruiz
lastReviewed: 2025-02-01
---
`
	t.Run("defaults", func(t *testing.T) {
		ar := txtar.Parse([]byte(files))
		s, _ := loadGovernanceArchive(t, ar, "2026-11-23")
		sameLines(t, diagnosticLines(s.Diagnostics), []string{
			`content/authors/ana-ruiz.md:3: warning: credentials: "CLC" is not a recognized credential — check the spelling, or add it to credentials in the [review] table of bedside.toml`,
			`content/authors/kim-lee.md:3: warning: credentials: "CHT" is not a recognized credential — did you mean CRT? Or add it to credentials in the [review] table of bedside.toml`,
			`content/conditions/asthma.md:6: reviewedBy: Ana Ruiz holds only CLC; a clinical reviewer needs a clinical credential — add the reviewer's licence (MD, RN, PharmD …) to content/authors/ana-ruiz.md, or ask a licensed clinician to review`,
		})
	})
	t.Run("configured", func(t *testing.T) {
		ar := txtar.Parse([]byte(files))
		ar.Files = append(ar.Files, txtar.File{Name: "bedside.toml", Data: []byte(`
[review]
clinicalSections = ["news"]
credentials = ["CHT"]
clinicalCredentials = ["CLC"]
`)})
		s, _ := loadGovernanceArchive(t, ar, "2026-11-23")
		sameLines(t, diagnosticLines(s.Diagnostics), []string{
			"content/news/clinic.md:1: lastReviewed is missing — add a line like lastReviewed: 2026-11-23 with the date of the last clinical review (news is a clinical section)",
			"content/news/clinic.md:1: reviewedBy is missing — add a line like reviewedBy: helen-ward naming the clinician who checked the article (news is a clinical section)",
		})
	})
}

// TestReviewConfigErrors checks the [review] keys' own errors.
func TestReviewConfigErrors(t *testing.T) {
	ar := txtar.Parse([]byte(`
-- bedside.toml --
title = "T"

[review]
interval = "3y"
overdue = "banr"
clinicalSections = ["conditions", "Heart Health"]
emergencyNumber = ""
warnWithin = "soon"
-- content/news/a.md --
---
title: A
description: d
date: 2025-01-01
author: {name: Sam Patel}
---
`))
	s, _ := loadGovernanceArchive(t, ar, "2026-11-23")
	got := diagnosticLines(s.Diagnostics)
	// A period that does not parse is reported with the other problems,
	// not alone.
	sameLines(t, got, []string{
		`bedside.toml:5: review.overdue: "banr" is not banner, warn or fail — write overdue = "banner", "warn" or "fail"`,
		`bedside.toml:6: review.clinicalSections: "Heart Health" contains the character ' ' — list section folder names, like clinicalSections = ["conditions", "treatments"]`,
		`bedside.toml:7: review.emergencyNumber is empty — write the local emergency number, like emergencyNumber = "911"`,
		`bedside.toml:8: review.warnWithin: "soon" is not a period like 3y, 18m or 90d — check the value against the README's config reference`,
	})
	ar.Files[0].Data = []byte(strings.Replace(string(ar.Files[0].Data), `warnWithin = "soon"`, `warnWithin = "30d"`, 1))
	s, _ = loadGovernanceArchive(t, ar, "2026-11-23")
	sameLines(t, diagnosticLines(s.Diagnostics), []string{
		`bedside.toml:5: review.overdue: "banr" is not banner, warn or fail — write overdue = "banner", "warn" or "fail"`,
		`bedside.toml:6: review.clinicalSections: "Heart Health" contains the character ' ' — list section folder names, like clinicalSections = ["conditions", "treatments"]`,
		`bedside.toml:7: review.emergencyNumber is empty — write the local emergency number, like emergencyNumber = "911"`,
	})
	if s.Config.Review.WarnWithin != (site.Period{Days: 30}) {
		t.Errorf("warnWithin = %v, want 30d", s.Config.Review.WarnWithin)
	}
}

func TestValidNPI(t *testing.T) {
	for npi, want := range map[string]bool{
		"1234567893":  true,  // CMS's worked example
		"1245319599":  true,  // a real NPI from the NPPES registry
		"1234567890":  false, // wrong check digit
		"123456789":   false, // nine digits
		"12345678930": false,
		"123456789X":  false,
		"":            false,
	} {
		if got := site.ValidNPI(npi); got != want {
			t.Errorf("ValidNPI(%q) = %v, want %v", npi, got, want)
		}
	}
}

func TestValidORCID(t *testing.T) {
	for id, want := range map[string]bool{
		"0000-0002-1825-0097":                   true, // ORCID's documented example
		"0000-0001-5109-3700":                   true,
		"0000-0002-1694-233X":                   true, // check character X (10)
		"https://orcid.org/0000-0002-1825-0097": true,
		"0000-0002-1825-0098":                   false,
		"0000-0002-1694-2330":                   false,
		"0000000218250097":                      false, // without hyphens
		"0000-0002-1825":                        false,
		"000A-0002-1825-0097":                   false,
	} {
		if got := site.ValidORCID(id); got != want {
			t.Errorf("ValidORCID(%q) = %v, want %v", id, got, want)
		}
	}
}

func TestLeftOutDraftErrorsAreWarnings(t *testing.T) {
	ar, err := txtar.ParseFile(filepath.Join("testdata", "draft-errors.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	var wantDrafts []string
	for _, f := range ar.Files {
		if f.Name == "want-drafts.txt" {
			wantDrafts = strings.Split(strings.TrimSpace(string(f.Data)), "\n")
		}
	}
	s, want := loadGovernanceArchive(t, ar, "2026-12-07")
	sameLines(t, diagnosticLines(s.Diagnostics), want)
	if s.Diagnostics.HasErrors() || len(s.Articles) != 1 {
		t.Errorf("without drafts: errors %v, %d articles; want none and the published one", s.Diagnostics.HasErrors(), len(s.Articles))
	}
	withDrafts := site.Load(s.Dir, site.LoadOptions{Now: s.Now, Drafts: true})
	sameLines(t, diagnosticLines(withDrafts.Diagnostics), wantDrafts)
}
