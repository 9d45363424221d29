package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bedside-health/bedside/build/check"
)

const brokenLinkArticle = "---\ntitle: Portal\ndescription: New portal.\ndate: 2025-05-01\nauthor: {name: Sam Patel, credentials: [MPH]}\n---\nHello.\n\nSee [the asthma guide](/conditions/asthma/).\n"

// TestBuildFailsOnBrokenLink: a broken link fails bedside build and leaves
// the previous site in place, so a broken site never deploys.
func TestBuildFailsOnBrokenLink(t *testing.T) {
	dir := writeFiles(t, map[string]string{"content/news/portal.md": goodArticle})
	if code, _, stderr := runCLI(t, "build", "--source", dir, "--now", "2026-11-23"); code != 0 {
		t.Fatalf("first build: exit %d\n%s", code, stderr)
	}
	if err := os.WriteFile(filepath.Join(dir, "content/news/portal.md"), []byte(brokenLinkArticle), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, "build", "--source", dir, "--now", "2026-11-23")
	if code != exitContent {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitContent, stderr)
	}
	if !strings.Contains(stderr, "content/news/portal.md:9: broken link to /conditions/asthma/: no such page — did you mean ") {
		t.Errorf("stderr lacks the broken link:\n%s", stderr)
	}
	page, _ := os.ReadFile(filepath.Join(dir, "public/news/portal/index.html"))
	if strings.Contains(string(page), "asthma") {
		t.Error("the failed build replaced the published site")
	}
}

func TestCheckCommand(t *testing.T) {
	dir := writeFiles(t, map[string]string{"content/news/portal.md": brokenLinkArticle})
	code, stdout, _ := runCLI(t, "check", "--source", dir, "--now", "2026-11-23")
	if code != exitContent {
		t.Errorf("exit %d, want %d", code, exitContent)
	}
	for _, want := range []string{
		"content/news/portal.md:9: broken link to /conditions/asthma/: no such page",
		"content/news/portal.md\n",
		"bedside check: 6 pages, 0 warnings, 1 error\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Error("bedside check wrote the site")
	}

	code, stdout, _ = runCLI(t, "check", "--source", dir, "--now", "2026-11-23", "--format", "json")
	var rep struct {
		Errors      int
		Diagnostics []struct {
			File     string
			Line     int
			Severity string
		}
		Readability []check.ArticleScores
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	if code != exitContent || rep.Errors != 1 || len(rep.Diagnostics) != 1 || rep.Diagnostics[0].Line != 9 || rep.Diagnostics[0].Severity != "error" {
		t.Errorf("exit %d, report %+v", code, rep)
	}
	if len(rep.Readability) != 1 || rep.Readability[0].File != "content/news/portal.md" || rep.Readability[0].Scores.Words != 5 || rep.Readability[0].Target.MaxGrade != 8 || rep.Readability[0].Target.MinInflesz != 0 {
		t.Errorf("readability = %+v", rep.Readability)
	}
	if code, _, _ := runCLI(t, "check", "--format", "xml"); code != exitUsage {
		t.Errorf("--format xml: exit %d, want %d", code, exitUsage)
	}
}

// TestSampleSiteChecks: the sample site at the repository root passes every
// check with no warning.
func TestSampleSiteChecks(t *testing.T) {
	code, stdout, stderr := runCLI(t, "check", "--source", "../..", "--now", "2026-11-23")
	if code != exitOK || !strings.Contains(stdout, " 0 warnings, 0 errors\n") {
		t.Errorf("exit %d\n%s\n%s", code, stdout, stderr)
	}
}
