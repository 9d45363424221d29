package site_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bedside-health/bedside/site"
)

// TestFrontMatterMistakes checks, at their lines, the messages and hints of
// testdata/mistakes.txtar: TOML arrays of tables, a TOML time of day given
// as a date, a year typed wrong, a person named by name or by file name.
func TestFrontMatterMistakes(t *testing.T) {
	s, want := loadGovernanceFixture(t, "mistakes.txtar", "2026-01-15")
	sameLines(t, diagnosticLines(s.Diagnostics), want)
}

// TestTOMLArraysOfTables: [[references]] and [[author]] read as the inline
// forms references = [{…}] and author = [{…}] do.
func TestTOMLArraysOfTables(t *testing.T) {
	s, _ := loadGovernanceFixture(t, "mistakes.txtar", "2026-01-15")
	var flu *site.Article
	for _, a := range s.Articles {
		if a.SourcePath == "content/conditions/flu.md" {
			flu = a
		}
	}
	if flu == nil {
		t.Fatalf("flu.md was not loaded:\n%s", s.Diagnostics)
	}
	if got := fmt.Sprint(flu.References); got != "[{CDC flu https://www.cdc.gov/flu/  } {Flu review  10.1056/NEJMoa2034577 }]" {
		t.Errorf("references: %s", got)
	}
	if len(flu.Authors) != 1 || flu.Authors[0].NameWithCredentials() != "Carla Diaz, MD, FACP" {
		t.Errorf("authors: %+v", flu.Authors)
	}
	if l := flu.Line("references"); l != 9 {
		t.Errorf("references on line %d, want 9", l)
	}
}

// TestTOMLValuesOfEveryShape: whatever shape a TOML value has, a message
// about it names it in words, never by its Go type.
func TestTOMLValuesOfEveryShape(t *testing.T) {
	var b strings.Builder
	b.WriteString("+++\ndescription = \"d\"\ndate = 2025-01-10\nauthor = \"ana\"\n")
	b.WriteString("title = 10:00:00\nweight = [[1, 2], [3]]\ndraft = 1979-05-27T07:32:00\nlang = 3.5\n")
	for _, key := range []string{"tags", "aliases", "slug", "summary", "lastmod", "reviewedBy", "sponsor"} {
		fmt.Fprintf(&b, "[[%s]]\nx = 1\n", key)
	}
	b.WriteString("+++\n")
	dir := t.TempDir()
	for name, data := range map[string]string{
		"content/authors/ana.md": "---\nname: Ana Ruiz\ncredentials: [MD]\n---\n",
		"content/news/a.md":      b.String(),
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := site.Load(dir, site.LoadOptions{Now: mustDay(t, "2026-01-15")})
	if s.Diagnostics.Count(site.Error) < 9 {
		t.Errorf("want an error for each field of the wrong type:\n%s", s.Diagnostics)
	}
	for _, d := range s.Diagnostics {
		if line := d.String(); strings.Contains(line, "interface") || strings.Contains(line, "map[") || strings.Contains(line, "[]") || strings.Contains(line, "time.") {
			t.Errorf("a Go type in %s", line)
		}
	}
}

// TestDaysUntilByCalendar: days are counted on the calendar, exactly, for
// dates centuries apart (time.Duration stops at about 292 years).
func TestDaysUntilByCalendar(t *testing.T) {
	for _, tc := range []struct {
		now, t string
		want   int
	}{
		{"2026-01-15", "2026-01-15", 0},
		{"2026-01-15", "2026-01-16", 1},
		{"2026-01-15", "2025-01-15", -365},
		{"2024-02-28", "2024-03-01", 2},
		{"2026-01-15", "2525-01-01", 182242},
		{"2026-01-15", "0205-01-10", -665112},
		{"0001-01-01", "9999-12-31", 3652058},
		{"1969-12-31", "1970-01-01", 1},
	} {
		a, b := mustDay(t, tc.now), mustDay(t, tc.t)
		if got := site.DaysUntil(a, b); got != tc.want {
			t.Errorf("DaysUntil(%s, %s) = %d, want %d", tc.now, tc.t, got, tc.want)
		}
		if got := site.DaysUntil(b, a); got != -tc.want {
			t.Errorf("DaysUntil(%s, %s) = %d, want %d", tc.t, tc.now, got, -tc.want)
		}
	}
	// Each date counts in its own time zone.
	late := time.Date(2026, 1, 16, 23, 30, 0, 0, time.FixedZone("EST", -5*3600))
	if got := site.DaysUntil(mustDay(t, "2026-01-15"), late); got != 1 {
		t.Errorf("2026-01-16T23:30-05:00 from 2026-01-15: %d days, want 1", got)
	}
}

// TestReviewScheduleWithinZero: a window of 0d lists what is overdue or
// due today, not what [review] warnWithin would.
func TestReviewScheduleWithinZero(t *testing.T) {
	s, _ := loadGovernanceFixture(t, "review-schedule.txtar", "2026-11-23")
	rep := s.ReviewSchedule(site.ReviewQuery{Within: &site.Period{}})
	sameLines(t, scheduleRows(rep), []string{
		"2026-11-01 -22 overdue content/conditions/overdue.md [Helen Ward, MD, FACP]",
		"2026-11-23 0 overdue content/conditions/due-today.md [James Okafor, MD, FAAP]",
	})
	if rep.Within != "0d" || rep.Until != "2026-11-23" || rep.Overdue != 2 || rep.Upcoming != 0 {
		t.Errorf("report: within %s, until %s, %d overdue, %d upcoming", rep.Within, rep.Until, rep.Overdue, rep.Upcoming)
	}
	if rep := s.ReviewSchedule(site.ReviewQuery{}); rep.Within != "60d" {
		t.Errorf("no window given: %s, want [review] warnWithin 60d", rep.Within)
	}
}

func TestParseDay(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"2026-01-15", ""},
		{"2024-02-29", ""},
		{"2026-02-30", "that date does not exist: February 2026 has 28 days"},
		{"2026-02-29", "that date does not exist: February 2026 has 28 days"},
		{"2026-04-31", "that date does not exist: April 2026 has 30 days"},
		{"2026-13-01", "that date does not exist: there is no month 13 (months go from 01 to 12)"},
		{"2026-01-00", "that date does not exist: there is no day 0 (days start at 01)"},
		{"15/01/2026", "write the date as YYYY-MM-DD"},
		{"2026-1-15", "write the date as YYYY-MM-DD"},
		{"", "write the date as YYYY-MM-DD"},
	} {
		_, err := site.ParseDay(tc.in)
		if got := fmt.Sprint(err); (err == nil && tc.want != "") || (err != nil && got != tc.want) {
			t.Errorf("ParseDay(%q): %v, want %q", tc.in, err, tc.want)
		}
	}
}
