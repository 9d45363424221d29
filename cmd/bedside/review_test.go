package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bedside-health/bedside/build/check"
	"github.com/bedside-health/bedside/site/sitetest"
)

// reviewSite unpacks testdata/review.txtar and returns the site folder.
func reviewSite(t *testing.T) string {
	t.Helper()
	return sitetest.UnpackFile(t, filepath.Join("testdata", "review.txtar"))
}

func runReviewCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(append([]string{"review"}, args...), &out, &errb)
	return code, out.String(), errb.String()
}

func TestReviewTable(t *testing.T) {
	dir := reviewSite(t)
	code, out, stderr := runReviewCmd(t, "--source", dir, "--now", "2026-11-23")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	want := `Clinical reviews overdue or due by 2027-01-22 (today 2026-11-23, window 60d): 1 overdue, 2 due

Helen Ward, MD, FACP
  DUE         DAYS LEFT  STATUS    LAST REVIEWED  TITLE                     AUTHORS                              SOURCE                         URL
  2026-11-01  -22        overdue   2023-11-01     Asthma, "wheeze" and you  Grace Kim, RN, CDCES                 content/conditions/asthma.md   https://health.example.org/conditions/asthma/
  2026-12-20  27         due soon  2023-12-20     Starting insulin          Grace Kim, RN, CDCES; Ana Ruiz, RDN  content/treatments/insulin.md  https://health.example.org/treatments/insulin/

James Okafor, MD, FAAP
  DUE         DAYS LEFT  STATUS    LAST REVIEWED  TITLE             AUTHORS                              SOURCE                         URL
  2026-12-20  27         due soon  2023-12-20     Starting insulin  Grace Kim, RN, CDCES; Ana Ruiz, RDN  content/treatments/insulin.md  https://health.example.org/treatments/insulin/
  2027-01-22  60         due soon  2024-01-22     Better sleep      Grace Kim, RN, CDCES                 content/wellness/sleep.md      https://health.example.org/wellness/sleep/
`
	if out != want {
		t.Errorf("table:\n%s\nwant:\n%s", out, want)
	}
}

func TestReviewCSV(t *testing.T) {
	dir := reviewSite(t)
	code, out, _ := runReviewCmd(t, "--source", dir, "--now", "2026-11-23", "--within", "1y", "--format", "csv")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("output is not CSV: %v\n%s", err, out)
	}
	want := [][]string{
		{"title", "source", "url", "authors", "reviewers", "lastReviewed", "nextReview", "daysLeft", "status"},
		{`Asthma, "wheeze" and you`, "content/conditions/asthma.md", "https://health.example.org/conditions/asthma/", "Grace Kim, RN, CDCES", "Helen Ward, MD, FACP", "2023-11-01", "2026-11-01", "-22", "overdue"},
		{"Starting insulin", "content/treatments/insulin.md", "https://health.example.org/treatments/insulin/", "Grace Kim, RN, CDCES; Ana Ruiz, RDN", "Helen Ward, MD, FACP; James Okafor, MD, FAAP", "2023-12-20", "2026-12-20", "27", "due-soon"},
		{"Better sleep", "content/wellness/sleep.md", "https://health.example.org/wellness/sleep/", "Grace Kim, RN, CDCES", "James Okafor, MD, FAAP", "2024-01-22", "2027-01-22", "60", "due-soon"},
		{"Walking", "content/wellness/walking.md", "https://health.example.org/wellness/walking/", "Grace Kim, RN, CDCES", "Helen Ward, MD, FACP", "2024-02-01", "2027-02-01", "70", "due-soon"},
	}
	if got, _ := json.Marshal(rows); string(got) != mustJSON(want) {
		t.Errorf("CSV rows:\n%v\nwant:\n%v", rows, want)
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestReviewJSON(t *testing.T) {
	dir := reviewSite(t)
	code, out, _ := runReviewCmd(t, "--source", dir, "--now", "2026-11-23", "--format", "json", "--reviewer", "james-okafor")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var rep struct {
		Now, Within, Until string
		Overdue, Upcoming  int
		Articles           []struct {
			Title, Source, URL       string
			Authors, Reviewers       []string
			ReviewerKeys             []string
			LastReviewed, NextReview string
			DaysLeft                 int
			State                    string
			Readability              check.ArticleScores
		}
	}
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rep); err != nil {
		t.Fatalf("output is not the report JSON: %v\n%s", err, out)
	}
	if rep.Now != "2026-11-23" || rep.Within != "60d" || rep.Until != "2027-01-22" || rep.Overdue != 0 || rep.Upcoming != 2 || len(rep.Articles) != 2 {
		t.Fatalf("report: %+v", rep)
	}
	a := rep.Articles[0]
	if a.Title != "Starting insulin" || a.Source != "content/treatments/insulin.md" || a.URL != "https://health.example.org/treatments/insulin/" ||
		strings.Join(a.ReviewerKeys, ",") != "helen-ward,james-okafor" || a.LastReviewed != "2023-12-20" || a.NextReview != "2026-12-20" ||
		a.DaysLeft != 27 || a.State != "due-soon" || len(a.Authors) != 2 || len(a.Reviewers) != 2 {
		t.Errorf("first article: %+v", a)
	}
	if r := a.Readability; r.File != a.Source || r.Scores.Lang != "en" || r.Target.MaxGrade != 8 {
		t.Errorf("first article's reading level: %+v", r)
	}
	if rep.Articles[1].Title != "Better sleep" {
		t.Errorf("second article: %+v", rep.Articles[1])
	}
}

// TestReviewFailOverdue: --fail-overdue is a CI gate; without it the
// report alone never fails.
func TestReviewFailOverdue(t *testing.T) {
	dir := reviewSite(t)
	code, _, stderr := runReviewCmd(t, "--source", dir, "--now", "2026-11-23", "--fail-overdue", "--format", "csv")
	if code != 1 || stderr != "bedside review: 1 article is overdue for clinical review\n" {
		t.Errorf("overdue: exit %d, stderr %q", code, stderr)
	}
	if code, _, _ := runReviewCmd(t, "--source", dir, "--now", "2026-10-01", "--fail-overdue"); code != 0 {
		t.Errorf("nothing overdue: exit %d", code)
	}
	if code, _, _ := runReviewCmd(t, "--source", dir, "--now", "2026-11-23", "--fail-overdue", "--reviewer", "james-okafor"); code != 0 {
		t.Errorf("james-okafor has nothing overdue: exit %d", code)
	}
}

func TestReviewEmpty(t *testing.T) {
	dir := reviewSite(t)
	code, out, _ := runReviewCmd(t, "--source", dir, "--now", "2024-06-01")
	if code != 0 || out != "Clinical reviews overdue or due by 2024-07-31 (today 2024-06-01, window 60d): 0 overdue, 0 due\nNothing to review.\n" {
		t.Errorf("exit %d, output %q", code, out)
	}
	_, out, _ = runReviewCmd(t, "--source", dir, "--now", "2024-06-01", "--format", "json")
	if !strings.Contains(out, `"articles": []`) {
		t.Errorf("empty JSON report should have an empty list: %s", out)
	}
}

func TestReviewUsageErrors(t *testing.T) {
	dir := reviewSite(t)
	for _, tc := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"--format", "xml"}, `bedside review: --format "xml": use table, csv or json`},
		{[]string{"--within", "soon"}, `bedside review: --within: "soon" is not a period like 3y, 18m or 90d`},
		{[]string{"--now", "23/11/2026"}, `bedside review: --now "23/11/2026": write the date as YYYY-MM-DD`},
		{[]string{"--reviewer", "helen-wrd"}, `bedside review: --reviewer "helen-wrd": no such person — did you mean helen-ward?`},
		{[]string{"extra"}, `bedside review: unexpected argument "extra"`},
		{[]string{"--nope"}, `flag provided but not defined: -nope`},
	} {
		code, out, stderr := runReviewCmd(t, append([]string{"--source", dir}, tc.args...)...)
		if code != 2 || !strings.Contains(stderr, tc.stderr) || out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and %q", tc.args, code, out, stderr, tc.stderr)
		}
	}
}

// TestReviewContentErrors: the report still lists what it can read, the
// errors go to stderr, and --fail-overdue fails because it cannot vouch for
// the article it could not read.
func TestReviewContentErrors(t *testing.T) {
	dir := reviewSite(t)
	broken := "---\ntitle: Broken\ndescription: d\ndate: 2025-02-30\nauthor: grace-kim\n---\n"
	if err := os.WriteFile(filepath.Join(dir, "content/conditions/broken.md"), []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runReviewCmd(t, "--source", dir, "--now", "2026-10-01")
	if code != 0 || !strings.HasPrefix(out, "Clinical reviews") {
		t.Errorf("exit %d, stdout %q", code, out)
	}
	if !strings.Contains(stderr, "content/conditions/broken.md:4: date: 2025-02-30 is not a real date") ||
		!strings.HasSuffix(stderr, "bedside review: the content has 3 errors, so this list may be incomplete\n") {
		t.Errorf("stderr %q", stderr)
	}
	if code, _, _ := runReviewCmd(t, "--source", dir, "--now", "2026-10-01", "--fail-overdue"); code != 1 {
		t.Errorf("--fail-overdue with content errors: exit %d, want 1", code)
	}
}

// TestReviewWithinZero: --within 0d lists what is overdue or due today;
// without --within the window is [review] warnWithin.
func TestReviewWithinZero(t *testing.T) {
	dir := reviewSite(t)
	code, out, stderr := runReviewCmd(t, "--source", dir, "--now", "2026-11-23", "--within", "0d", "--format", "csv")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) != 2 || rows[1][0] != `Asthma, "wheeze" and you` || rows[1][8] != "overdue" {
		t.Errorf("--within 0d: %v %q", err, out)
	}
	_, out, _ = runReviewCmd(t, "--source", dir, "--now", "2026-11-23", "--within", "0d")
	if !strings.HasPrefix(out, "Clinical reviews overdue or due by 2026-11-23 (today 2026-11-23, window 0d): 1 overdue, 0 due\n") {
		t.Errorf("--within 0d table: %q", out)
	}
	_, out, _ = runReviewCmd(t, "--source", dir, "--now", "2026-12-20", "--within", "0d", "--format", "csv")
	if rows, _ := csv.NewReader(strings.NewReader(out)).ReadAll(); len(rows) != 3 || rows[2][0] != "Starting insulin" || rows[2][7] != "0" {
		t.Errorf("--within 0d on the due day: %q", out)
	}
}

// TestReviewNowDoesNotExist: a --now of the right shape that is no day says
// so, rather than asking for the format it is written in.
func TestReviewNowDoesNotExist(t *testing.T) {
	dir := reviewSite(t)
	for now, want := range map[string]string{
		"2026-02-30": `bedside review: --now "2026-02-30": that date does not exist: February 2026 has 28 days` + "\n",
		"2028-02-30": `bedside review: --now "2028-02-30": that date does not exist: February 2028 has 29 days` + "\n",
		"2026-13-01": `bedside review: --now "2026-13-01": that date does not exist: there is no month 13 (months go from 01 to 12)` + "\n",
	} {
		code, out, stderr := runReviewCmd(t, "--source", dir, "--now", now)
		if code != 2 || out != "" || stderr != want {
			t.Errorf("--now %s: exit %d, stdout %q, stderr %q; want exit 2 and %q", now, code, out, stderr, want)
		}
	}
}

// TestReviewJSONEndsWithNewline: the JSON report is one document ending
// with a newline, as a text file does.
func TestReviewJSONEndsWithNewline(t *testing.T) {
	dir := reviewSite(t)
	for _, now := range []string{"2026-11-23", "2024-06-01"} {
		_, out, _ := runReviewCmd(t, "--source", dir, "--now", now, "--format", "json")
		if !strings.HasSuffix(out, "}\n") || strings.HasSuffix(out, "\n\n") {
			t.Errorf("--now %s: JSON output ends %q", now, out[max(0, len(out)-20):])
		}
	}
}

// A title that a spreadsheet would read as a formula is written as text:
// the CSV report is opened in Excel or Sheets (CSV injection).
func TestReviewCSVWritesFormulasAsText(t *testing.T) {
	dir := reviewSite(t)
	path := filepath.Join(dir, "content", "wellness", "walking.md")
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	evil := `=HYPERLINK("https://evil.example/", "Walking")`
	edited := strings.Replace(string(src), "title: Walking", "title: '"+evil+"'", 1)
	if edited == string(src) {
		t.Fatal("the fixture's walking article has no 'title: Walking' line")
	}
	if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runReviewCmd(t, "--source", dir, "--now", "2026-11-23", "--within", "1y", "--format", "csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	negative := false
	for _, row := range rows {
		if strings.Contains(row[0], "HYPERLINK") && row[0] != "'"+evil {
			t.Errorf("title cell %q, want it after an apostrophe", row[0])
		}
		negative = negative || row[7] == "-22"
	}
	if !negative {
		t.Error("the overdue article's daysLeft is no longer the number -22")
	}
	if !strings.Contains(out, "'"+strings.ReplaceAll(evil, `"`, `""`)) {
		t.Errorf("the formula is not written as text:\n%s", out)
	}
}
