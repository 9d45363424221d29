package devserver

import (
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// gitArticle is article i with a description of the given wording.
func gitArticle(i int, wording string) string {
	return fmt.Sprintf(`---
title: "Git article %03d"
description: "%s description of article %d."
date: 2025-01-%02d
author: maria-lopez
reviewedBy: helen-ward
lastReviewed: 2025-02-01
tags: [git]
references:
  - title: "Source"
    url: https://example.org/source
---
Git article %d.
`, i, wording, i, 1+i%28, i)
}

// TestGitCheckoutOfManyArticles switches a real git branch that rewrites
// the descriptions of 120 articles, as a communications team does after a
// review round: the server takes the burst in as few rebuilds as the
// events allow, patches the loaded site instead of loading it again, and
// ends up serving every new description, on the articles and on their
// lists; switching back restores the old ones.
func TestGitCheckoutOfManyArticles(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	const n = 120
	dir := writeSite(t, "site")
	for i := 0; i < n; i++ {
		writeFile(t, dir, fmt.Sprintf("content/wellness/git-%03d.md", i), gitArticle(i, "First"))
	}
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	git("init", "-q", "-b", "main")
	git("add", "-A")
	git("commit", "-q", "-m", "first descriptions")
	git("checkout", "-q", "-b", "reviewed")
	for i := 0; i < n; i++ {
		writeFile(t, dir, fmt.Sprintf("content/wellness/git-%03d.md", i), gitArticle(i, "Reviewed"))
	}
	git("commit", "-q", "-am", "reviewed descriptions")
	git("checkout", "-q", "main")

	ts := startServer(t, dir, nil)
	waitFor(t, ts.url+"wellness/git-119/", "First description of article 119.", 30*time.Second)
	waitForLog(t, ts, "feeds and checks done") // the first build's
	logStart := len(ts.log.String())

	for _, step := range []struct{ branch, wording string }{{"reviewed", "Reviewed"}, {"main", "First"}} {
		git("checkout", "-q", step.branch)
		for i := 0; i < n; i += 17 {
			waitFor(t, fmt.Sprintf("%swellness/git-%03d/", ts.url, i), step.wording+" description of article "+fmt.Sprint(i)+".", 10*time.Second)
		}
		waitFor(t, ts.url+"wellness/git-119/", step.wording+" description of article 119.", 10*time.Second)
		// Every list page of the section shows the new wording alone.
		deadline := time.Now().Add(10 * time.Second)
		for page := 1; ; page++ {
			u := ts.url + "wellness/"
			if page > 1 {
				u = fmt.Sprintf("%swellness/page/%d/", ts.url, page)
			}
			body, code := get(u)
			if code == 404 {
				if page < 3 {
					t.Fatalf("%s: the section has too few pages", u)
				}
				break
			}
			other := map[string]string{"Reviewed": "First description", "First": "Reviewed description"}[step.wording]
			if strings.Contains(body, other) {
				if time.Now().After(deadline) {
					t.Fatalf("after checking out %s, %s still lists %q", step.branch, u, other)
				}
				time.Sleep(20 * time.Millisecond)
				page--
				continue
			}
		}
	}
	// Each rebuild logs its line once its feeds and checks are done.
	log := ts.log.String()[logStart:]
	for deadline := time.Now().Add(10 * time.Second); strings.Count(log, "re-rendered") < 2; log = ts.log.String()[logStart:] {
		if time.Now().After(deadline) {
			t.Fatalf("two checkouts logged fewer than two rebuilds:\n%s", log)
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Logf("rebuilds:\n%s", log)
	if !strings.Contains(log, "(fields)") || strings.Contains(log, "(all)") || strings.Contains(log, "(partial)") {
		t.Errorf("the checkouts were not taken in as edits of fields:\n%s", log)
	}
	if lines := strings.Count(log, "re-rendered"); lines > 6 {
		t.Errorf("two checkouts of %d files took %d rebuilds:\n%s", n, lines, log)
	}
}
