package site_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bedside-health/bedside/site"
)

func mustDay(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestReviewStateBoundaries walks the days around a due date of 2027-03-01
// with warnWithin = 60d: current until 61 days before, due soon from 60
// days before to the day before, overdue on the day itself and after.
func TestReviewStateBoundaries(t *testing.T) {
	cfg := site.DefaultConfig().Review
	a := &site.Article{LastReviewed: mustDay(t, "2024-03-01"), NextReview: mustDay(t, "2027-03-01")}
	for _, tc := range []struct {
		today string
		want  site.ReviewState
		days  int
	}{
		{"2026-12-30", site.ReviewCurrent, 61},
		{"2026-12-31", site.ReviewDueSoon, 60},
		{"2027-02-28", site.ReviewDueSoon, 1},
		{"2027-03-01", site.ReviewOverdue, 0},
		{"2027-03-02", site.ReviewOverdue, -1},
		{"2030-01-01", site.ReviewOverdue, -1037},
	} {
		now := mustDay(t, tc.today)
		if got := cfg.ReviewStateOn(a, now); got != tc.want {
			t.Errorf("on %s: state %v, want %v", tc.today, got, tc.want)
		}
		if got := site.DaysUntil(now, a.NextReview); got != tc.days {
			t.Errorf("on %s: %d days left, want %d", tc.today, got, tc.days)
		}
	}
	if got := cfg.ReviewStateOn(&site.Article{}, mustDay(t, "2027-03-01")); got != site.NotReviewed {
		t.Errorf("article without review dates: %v, want not reviewed", got)
	}
	// A due date written with a time and zone still counts by calendar day.
	b := &site.Article{NextReview: time.Date(2027, 3, 1, 23, 30, 0, 0, time.FixedZone("EST", -5*3600))}
	if got := cfg.ReviewStateOn(b, mustDay(t, "2027-02-28")); got != site.ReviewDueSoon {
		t.Errorf("due 2027-03-01T23:30-05:00, on 2027-02-28: %v, want due soon", got)
	}
	cfg.WarnWithin = site.Period{Months: 6}
	if got := cfg.ReviewStateOn(a, mustDay(t, "2026-09-01")); got != site.ReviewDueSoon {
		t.Errorf("warnWithin 6m, six months before: %v, want due soon", got)
	}
}

func scheduleRows(rep *site.ReviewReport) []string {
	var rows []string
	for _, it := range rep.Items {
		rows = append(rows, fmt.Sprintf("%s %d %v %s [%s]", it.NextReview, it.DaysLeft, it.State, it.SourcePath, strings.Join(it.Reviewers, "; ")))
	}
	return rows
}

func TestReviewSchedule(t *testing.T) {
	s, _ := loadGovernanceFixture(t, "review-schedule.txtar", "2026-11-23")
	if len(s.Diagnostics) > 0 {
		t.Fatalf("fixture has problems:\n%v", s.Diagnostics)
	}
	t.Run("default window is warnWithin", func(t *testing.T) {
		rep := s.ReviewSchedule(site.ReviewQuery{})
		sameLines(t, scheduleRows(rep), []string{
			"2026-11-01 -22 overdue content/conditions/overdue.md [Helen Ward, MD, FACP]",
			"2026-11-23 0 overdue content/conditions/due-today.md [James Okafor, MD, FAAP]",
			"2026-11-24 1 due soon content/treatments/due-tomorrow.md [Helen Ward, MD, FACP]",
			"2027-01-22 60 due soon content/wellness/due-at-window.md [Helen Ward, MD, FACP; James Okafor, MD, FAAP]",
		})
		if rep.Overdue != 2 || rep.Upcoming != 2 || rep.Now != "2026-11-23" || rep.Until != "2027-01-22" || rep.Within != "60d" {
			t.Errorf("summary: %+v", *rep)
		}
		first := rep.Items[0]
		if first.Title != `Asthma, "wheeze" and you` || first.URL != "https://health.example.org/conditions/overdue/" ||
			first.LastReviewed != "2023-11-01" || strings.Join(first.Authors, "; ") != "Grace Kim, RN, CDCES" || strings.Join(first.ReviewerKeys, ",") != "helen-ward" {
			t.Errorf("first item: %+v", first)
		}
	})
	t.Run("within 90 days", func(t *testing.T) {
		rep := s.ReviewSchedule(site.ReviewQuery{Within: &site.Period{Days: 90}})
		sameLines(t, scheduleRows(rep)[4:], []string{
			"2027-01-23 61 due soon content/wellness/after-window.md [James Okafor, MD, FAAP]",
			"2027-02-10 79 due soon content/conditions/from-interval.md [Jo Smith, RN]",
		})
		// The pages themselves are still current: their state follows
		// warnWithin, not the report's window.
		for _, it := range rep.Items[4:] {
			if st := s.ReviewState(it.Article); st != site.ReviewCurrent {
				t.Errorf("%s: site state %v, want current", it.SourcePath, st)
			}
		}
	})
	t.Run("by reviewer", func(t *testing.T) {
		rep := s.ReviewSchedule(site.ReviewQuery{Reviewer: "james-okafor"})
		sameLines(t, scheduleRows(rep), []string{
			"2026-11-23 0 overdue content/conditions/due-today.md [James Okafor, MD, FAAP]",
			"2027-01-22 60 due soon content/wellness/due-at-window.md [Helen Ward, MD, FACP; James Okafor, MD, FAAP]",
		})
		p, _ := s.FindReviewer("jo smith")
		if p == nil || p.Name != "Jo Smith" {
			t.Errorf("FindReviewer(jo smith) = %v", p)
		}
		if p, hint := s.FindReviewer("helen-wrad"); p != nil || hint != "did you mean helen-ward?" {
			t.Errorf("FindReviewer(helen-wrad) = %v, %q", p, hint)
		}
	})
	t.Run("site states", func(t *testing.T) {
		got := map[string]site.ReviewState{}
		for _, a := range s.Articles {
			got[a.SourcePath] = s.ReviewState(a)
		}
		want := map[string]site.ReviewState{
			"content/conditions/overdue.md":       site.ReviewOverdue,
			"content/conditions/due-today.md":     site.ReviewOverdue,
			"content/treatments/due-tomorrow.md":  site.ReviewDueSoon,
			"content/wellness/due-at-window.md":   site.ReviewDueSoon,
			"content/wellness/after-window.md":    site.ReviewCurrent,
			"content/conditions/from-interval.md": site.ReviewCurrent,
			"content/news/portal.md":              site.NotReviewed,
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("states:\n got %v\nwant %v", got, want)
		}
	})
}

// TestOverdueDiagnostics checks [review] overdue: nothing for banner (the
// page says it), a warning for warn, an error for fail, at the nextReview
// line, or the lastReviewed line when the due date comes from the interval.
func TestOverdueDiagnostics(t *testing.T) {
	s, _ := loadGovernanceFixture(t, "review-schedule.txtar", "2027-02-10")
	if d := s.OverdueDiagnostics(); len(d) != 0 {
		t.Errorf("banner: %v", d)
	}
	s.Config.Review.Overdue = site.OverdueWarn
	warn := diagnosticLines(s.OverdueDiagnostics())
	const hint = " — review the article, then set lastReviewed: to the review date (and nextReview:, if it sets one)"
	want := []string{
		"content/conditions/due-today.md:8: warning: overdue for clinical review: next review was due 2026-11-23" + hint,
		"content/conditions/from-interval.md:7: warning: overdue for clinical review: next review was due 2027-02-10" + hint,
		"content/conditions/overdue.md:8: warning: overdue for clinical review: next review was due 2026-11-01" + hint,
		"content/treatments/due-tomorrow.md:8: warning: overdue for clinical review: next review was due 2026-11-24" + hint,
		"content/wellness/after-window.md:8: warning: overdue for clinical review: next review was due 2027-01-23" + hint,
		"content/wellness/due-at-window.md:8: warning: overdue for clinical review: next review was due 2027-01-22" + hint,
	}
	sameLines(t, warn, want)
	s.Config.Review.Overdue = site.OverdueFail
	fail := s.OverdueDiagnostics()
	if len(fail) != 6 || fail.Count(site.Error) != 6 {
		t.Errorf("fail: want 6 errors, got %v", fail)
	}
}
