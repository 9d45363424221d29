package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const goodArticle = "---\ntitle: Portal\ndescription: New portal.\ndate: 2025-05-01\nauthor: {name: Sam Patel, credentials: [MPH]}\n---\nHello.\n"

func TestBuildCommand(t *testing.T) {
	dir := writeFiles(t, map[string]string{"content/news/portal.md": goodArticle})
	code, stdout, stderr := runCLI(t, "build", "--source", dir, "--now", "2026-11-23")
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	if !regexp.MustCompile(`^bedside build: \d+ pages, \d+ feeds, 0 warnings, 0 errors in \S+ → `).MatchString(stdout) {
		t.Errorf("summary line = %q", stdout)
	}
	if _, err := os.Stat(filepath.Join(dir, "public/news/portal/index.html")); err != nil {
		t.Errorf("page not written into public/: %v", err)
	}
	dest := filepath.Join(t.TempDir(), "out")
	if code, _, stderr := runCLI(t, "build", "--source", dir, "--dest", dest, "--now", "2026-11-23"); code != 0 {
		t.Fatalf("--dest: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dest, "index.html")); err != nil {
		t.Errorf("--dest not used: %v", err)
	}
}

func TestBuildContentErrorsExit1(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"content/news/a.md": "---\ntitle: A\ndate: 2025-02-30\n---\n",
		"content/news/b.md": "---\ntitle: B\ndescription: d\ndate: 2025-01-01\nauthor: nobody\n---\n",
	})
	code, stdout, stderr := runCLI(t, "build", "--source", dir, "--now", "2026-11-23")
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	for _, want := range []string{
		"content/news/a.md:3: date: 2025-02-30 is not a real date (day out of range) — write the date as YYYY-MM-DD, like date: 2025-03-14\n",
		"content/news/a.md:1: description is missing — add a line like",
		`content/news/b.md:5: author: unknown person "nobody" — add content/authors/nobody.md, or use the file name of an existing profile`,
		"bedside build: failed: 0 pages, 0 feeds, 0 warnings, 4 errors in",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if stdout != "" || strings.Contains(stderr, "goroutine") || strings.Contains(stderr, "panic") {
		t.Errorf("unexpected output: stdout=%q stderr=%q", stdout, stderr)
	}
}

func TestUsageErrorsExit2(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"frobnicate"},
		{"build", "--no-such-flag"},
		{"build", "--now", "yesterday"},
		{"build", "--base-url", "notaurl"},
		{"serve", "--base-url", "ftp://example.org/"},
		{"build", "extra"},
		{"new", "article"},
		{"new", "page", "X"},
	} {
		if code, _, _ := runCLI(t, args...); code != 2 {
			t.Errorf("bedside %s: exit %d, want 2", strings.Join(args, " "), code)
		}
	}
}

func TestHelpAndVersion(t *testing.T) {
	for _, cmd := range []string{"build", "new", "version"} {
		code, _, stderr := runCLI(t, cmd, "-h")
		if code != 0 || !strings.Contains(stderr, "Usage: bedside "+cmd) {
			t.Errorf("bedside %s -h: exit %d, stderr %q", cmd, code, stderr)
		}
	}
	code, stdout, _ := runCLI(t, "version")
	if code != 0 || stdout != "bedside "+Version+"\n" {
		t.Errorf("version: %d %q", code, stdout)
	}
}

// TestNewArticle writes a new article and builds it with --drafts: the
// placeholder must be valid front matter that only lacks real people.
func TestNewArticle(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"content/authors/ann.md": "---\nname: Ann\ncredentials: [MD]\n---\n",
		"content/authors/bo.md":  "---\nname: Bo\ncredentials: [RN]\n---\n",
	})
	code, stdout, stderr := runCLI(t, "new", "article", "Knee pain: what helps", "--section", "wellness", "--source", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	path := filepath.Join(dir, "content/wellness/knee-pain-what-helps.md")
	if !strings.Contains(stdout, path) {
		t.Errorf("stdout = %q", stdout)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, field := range []string{"title:", "description:", "date:", "author:", "reviewedBy:", "lastReviewed:", "nextReview:", "tags:", "references:", "draft: true", "# "} {
		if !strings.Contains(string(data), field) {
			t.Errorf("new article lacks %q", field)
		}
	}
	// Filled in with real people, the new article builds.
	filled := strings.Replace(strings.Replace(string(data), "TODO-author-key", "ann", 1), "TODO-reviewer-key", "bo", 1)
	os.WriteFile(path, []byte(filled), 0o644)
	if code, _, stderr := runCLI(t, "build", "--source", dir, "--drafts"); code != 0 {
		t.Errorf("the new article does not build: %s", stderr)
	}
	// It refuses to overwrite.
	if code, _, _ := runCLI(t, "new", "article", "Knee pain: what helps", "--section", "wellness", "--source", dir); code != 1 {
		t.Errorf("second new: exit %d, want 1", code)
	}
	// It writes no file the build would refuse: a section named with a
	// space is refused with the name to use instead, a section in
	// another case goes into the folder that exists, a very long title
	// gets a file name cut at a word.
	if code, _, stderr := runCLI(t, "new", "article", "Gout", "--section", "my section", "--source", dir); code != 2 || !strings.Contains(stderr, "like --section my-section") {
		t.Errorf("--section \"my section\": exit %d, %s", code, stderr)
	}
	if code, stdout, stderr := runCLI(t, "new", "article", "Gout", "--section", "Wellness", "--source", dir); code != 0 || !strings.Contains(stdout, filepath.Join("content", "wellness", "gout.md")) {
		t.Errorf("--section Wellness: exit %d, %s%s", code, stdout, stderr)
	}
	long := strings.Repeat("Understanding the long-term management of chronic conditions ", 5)
	code, stdout, stderr = runCLI(t, "new", "article", long, "--section", "wellness", "--source", dir)
	if code != 0 {
		t.Fatalf("a long title: exit %d, %s", code, stderr)
	}
	if !strings.Contains(stdout, "understanding-the-long-term-management-of-chronic-conditions-understanding-the.md") {
		t.Errorf("a long title: %s", stdout)
	}
}

// TestEveryErrorInOneBuild: a content error (a date that does not exist)
// does not hide what only rendering finds in another article (a broken
// link): both come in one build, exit 1, and no site is written. A link
// to a file that could not be read at all is not reported on top of its
// own error.
func TestEveryErrorInOneBuild(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"content/news/portal.md":   goodArticle,
		"content/news/bad-date.md": "---\ntitle: Clinic\ndescription: d\ndate: 2025-02-30\nauthor: {name: Sam Patel, credentials: [MPH]}\n---\nHello.\n",
		"content/news/links.md": "---\ntitle: Links\ndescription: d\ndate: 2025-05-02\nauthor: {name: Sam Patel, credentials: [MPH]}\n---\n" +
			"See [the portal](/news/portl/) and [the notes](/news/notes/).\n",
		"content/news/notes.md":    "no front matter here\n",
		"content/news/untitled.md": "---\ndescription: d\ndate: 2025-05-03\nauthor: {name: Sam Patel, credentials: [MPH]}\n---\nHello.\n",
	})
	dest := filepath.Join(t.TempDir(), "public")
	code, _, stderr := runCLI(t, "build", "--source", dir, "--dest", dest, "--now", "2026-11-23")
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s", code, stderr)
	}
	for _, want := range []string{
		"content/news/bad-date.md:4: date: 2025-02-30 is not a real date",
		"content/news/links.md:7: broken link to /news/portl/: no such page — did you mean /news/portal/?",
		"content/news/notes.md:1: no front matter",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("missing %q in:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "/news/notes/: no such page") {
		t.Errorf("the unreadable file's address is reported as a broken link too:\n%s", stderr)
	}
	// A missing title is one error, not one more per list that links to
	// the article with no text.
	if !strings.Contains(stderr, "content/news/untitled.md:1: title is missing") || strings.Contains(stderr, "has no text") {
		t.Errorf("the missing title is not reported once, at the article:\n%s", stderr)
	}
	if _, err := os.Stat(dest); err == nil {
		t.Errorf("a build with errors wrote %s", dest)
	}
	// bedside check reports the same problems.
	code, report, _ := runCLI(t, "check", "--source", dir, "--now", "2026-11-23")
	if code != 1 || !strings.Contains(report, "content/news/bad-date.md:4:") || !strings.Contains(report, "content/news/links.md:7: broken link to /news/portl/") {
		t.Errorf("bedside check: exit %d\n%s", code, report)
	}
}

// A wrong bedside.toml makes every page wrong: it is reported alone, not
// followed by the same mistake found again on every page of the theme
// (a baseURL without https:// used to bring 52 "broken link" errors).
func TestWrongConfigIsReportedAlone(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"bedside.toml":           "title = \"T\"\nbaseURL = \"example.org\"\n",
		"content/authors/ana.md": "---\nname: Ana Ruiz\ncredentials: [MD]\n---\n",
		"content/news/a.md":      "---\ntitle: A\ndescription: d\ndate: 2025-01-01\nauthor: ana\n---\nSee [b](/news/b/).\n",
		"content/news/b.md":      "---\ntitle: B\ndescription: d\ndate: 2025-01-02\nauthor: ana\n---\nText.\n",
		"content/news/c.md":      "---\ntitle: C\ndescription: d\ndate: 2025-01-03\nauthor: ana\n---\nText.\n",
	})
	want := `bedside.toml:2: baseURL: "example.org" is not an http(s) address`
	for _, cmd := range []string{"build", "check"} {
		code, stdout, stderr := runCLI(t, cmd, "--source", dir, "--now", "2026-11-23")
		if code != 1 || !strings.Contains(stdout+stderr, want) || !strings.Contains(stdout+stderr, "1 error") {
			t.Errorf("bedside %s: exit %d, want 1 and the baseURL error alone:\n%s%s", cmd, code, stdout, stderr)
		}
	}
}
