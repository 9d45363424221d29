package site

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// ReviewState is where an article stands in its clinical review cycle on a
// given day.
type ReviewState int

const (
	// NotReviewed: the article has no review date (news, pages).
	NotReviewed ReviewState = iota
	// ReviewCurrent: the next review is further away than [review] warnWithin.
	ReviewCurrent
	// ReviewDueSoon: the next review falls due within warnWithin.
	ReviewDueSoon
	// ReviewOverdue: the due date is today or has passed. A page is current
	// only while today is before nextReview.
	ReviewOverdue
)

func (s ReviewState) String() string {
	switch s {
	case ReviewCurrent:
		return "current"
	case ReviewDueSoon:
		return "due soon"
	case ReviewOverdue:
		return "overdue"
	}
	return "not reviewed"
}

// MarshalText writes the state as JSON text: "current", "due-soon", "overdue", "not-reviewed".
func (s ReviewState) MarshalText() ([]byte, error) {
	return []byte(strings.ReplaceAll(s.String(), " ", "-")), nil
}

// DaysUntil is the number of calendar days from now to t's date: 0 on the
// day itself, negative once it has passed. Each date is taken in its own
// time zone. It counts in Unix seconds between midnights, not through
// time.Duration (which ends about 292 years out), so it is exact for any
// two dates.
func DaysUntil(now, t time.Time) int {
	day := func(x time.Time) int64 {
		y, m, d := x.Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
	}
	return int(day(t) - day(now))
}

// ReviewStateOn returns a's review state on the day now, given the review rules.
func (c *ReviewConfig) ReviewStateOn(a *Article, now time.Time) ReviewState {
	if a.NextReview.IsZero() {
		return NotReviewed
	}
	if DaysUntil(now, a.NextReview) <= 0 {
		return ReviewOverdue
	}
	if DaysUntil(now, a.NextReview) <= DaysUntil(now, c.WarnWithin.After(now)) {
		return ReviewDueSoon
	}
	return ReviewCurrent
}

// ReviewState returns a's review state on the site's today ([Site.Now]).
func (s *Site) ReviewState(a *Article) ReviewState {
	return s.Config.Review.ReviewStateOn(a, s.Now)
}

// checkGovernance checks the clinical rules of the included articles:
// clinical sections need lastReviewed and reviewedBy, reviewers need a
// clinical credential, review dates cannot be in the future, and nextReview
// may not be later than the review interval allows. It also
// checks every profile's credentials and identifiers.
func (s *Site) checkGovernance(diags *Diagnostics) {
	s.checkPeople(diags)
	cs := s.Config.Review.credentialSet()
	for _, a := range s.Articles {
		s.checkArticleGovernance(a, cs, diags)
	}
}

// checkArticleGovernance is checkGovernance for one included article.
func (s *Site) checkArticleGovernance(a *Article, cs *credentialSet, diags *Diagnostics) {
	today := calendarDay(s.Now)
	if s.Config.Review.IsClinicalSection(a.Section) {
		if a.LastReviewed.IsZero() && !hasValue(a.Params, "lastReviewed") {
			diags.Errorf(a.SourcePath, a.Line("lastReviewed"),
				"add a line like lastReviewed: "+today+" with the date of the last clinical review ("+a.Section+" is a clinical section)",
				"lastReviewed is missing")
		}
		if len(a.Reviewers) == 0 && !hasValue(a.Params, "reviewedBy") {
			what, hint := "missing", "add a line like reviewedBy: helen-ward"
			if _, present := a.Lines["reviewedBy"]; present {
				what, hint = "empty", "write after reviewedBy: a profile key like helen-ward"
			}
			diags.Errorf(a.SourcePath, a.Line("reviewedBy"),
				hint+" naming the clinician who checked the article ("+a.Section+" is a clinical section)",
				"reviewedBy is %s", what)
		}
	}
	if calendarDay(a.LastReviewed) > today {
		diags.Errorf(a.SourcePath, a.Line("lastReviewed"), "write the date the review took place; it cannot be later than today",
			"lastReviewed: %s is in the future (today is %s)", a.LastReviewed.Format("2006-01-02"), today)
	}
	if _, set := a.Lines["nextReview"]; set && !a.LastReviewed.IsZero() {
		if limit := s.Config.Review.Interval.After(a.LastReviewed); calendarDay(a.NextReview) > calendarDay(limit) {
			diags.Warnf(a.SourcePath, a.Line("nextReview"),
				fmt.Sprintf("review at least every %s: set nextReview: %s or earlier, or remove it to use the interval", s.Config.Review.Interval, limit.Format("2006-01-02")),
				"nextReview: %s is more than the review interval (%s) after lastReviewed %s", a.NextReview.Format("2006-01-02"), s.Config.Review.Interval, a.LastReviewed.Format("2006-01-02"))
		}
	}
	s.checkArticlePeople(a, cs, diags)
}

// OverdueDiagnostics applies [review] overdue to the included articles: a
// warning ("warn") or an error ("fail") for each overdue article at its
// nextReview (or lastReviewed) line; nothing for "banner", where the page
// itself says so.
func (s *Site) OverdueDiagnostics() Diagnostics {
	var diags Diagnostics
	mode := s.Config.Review.Overdue
	if mode != OverdueWarn && mode != OverdueFail {
		return nil
	}
	for _, a := range s.Articles {
		if s.ReviewState(a) != ReviewOverdue {
			continue
		}
		line := a.Line("nextReview")
		if _, ok := a.Lines["nextReview"]; !ok {
			line = a.Line("lastReviewed")
		}
		hint := "review the article, then set lastReviewed: to the review date (and nextReview:, if it sets one)"
		msg := "overdue for clinical review: next review was due %s"
		due := a.NextReview.Format("2006-01-02")
		if mode == OverdueFail {
			diags.Errorf(a.SourcePath, line, hint, msg, due)
		} else {
			diags.Warnf(a.SourcePath, line, hint, msg, due)
		}
	}
	diags.Sort()
	return diags
}

// ReviewQuery chooses the articles of a review report.
type ReviewQuery struct {
	// Within: articles whose review falls due within this period of Site.Now
	// are listed with the overdue ones. Nil means [review] warnWithin; a
	// zero period (--within 0d) lists what is overdue or due today.
	Within *Period
	// Reviewer, when set, keeps the articles this person reviews: a profile
	// key, or the name of a person written inline.
	Reviewer string
}

// ReviewItem is one row of a review report.
type ReviewItem struct {
	Article *Article `json:"-"`

	Title        string   `json:"title"`
	SourcePath   string   `json:"source"`
	URL          string   `json:"url"` // absolute
	Authors      []string `json:"authors"`
	Reviewers    []string `json:"reviewers"`
	ReviewerKeys []string `json:"reviewerKeys"` // profile keys; "" for people written inline
	LastReviewed string   `json:"lastReviewed"` // YYYY-MM-DD
	NextReview   string   `json:"nextReview"`   // YYYY-MM-DD
	DaysLeft     int      `json:"daysLeft"`     // negative when overdue
	// State is overdue or, for an article due within the report's
	// window, due soon (the page's own state, [Site.ReviewState], uses
	// [review] warnWithin).
	State ReviewState `json:"state"`
	// Readability is free for the reading-level check to fill (issue 6);
	// left out of JSON while nil.
	Readability any `json:"readability,omitempty"`
}

// ReviewReport is the list of articles overdue or due for review.
type ReviewReport struct {
	Now      string       `json:"now"`      // YYYY-MM-DD
	Within   string       `json:"within"`   // the period, "60d"
	Until    string       `json:"until"`    // Now + Within, YYYY-MM-DD
	Overdue  int          `json:"overdue"`  // how many items are overdue
	Upcoming int          `json:"upcoming"` // how many fall due by Until
	Items    []ReviewItem `json:"articles"` // by due date, then title
}

// ReviewSchedule lists the included articles that are overdue or fall due
// within q.Within of Site.Now, by due date.
func (s *Site) ReviewSchedule(q ReviewQuery) *ReviewReport {
	within := s.Config.Review.WarnWithin
	if q.Within != nil {
		within = *q.Within
	}
	until := within.After(s.Now)
	// A report's status is that of its window: an article it lists is
	// overdue or due soon, never "current" beside a header that counts
	// it as due (with a window longer than warnWithin).
	window := s.Config.Review
	window.WarnWithin = within
	rep := &ReviewReport{Now: s.Now.Format("2006-01-02"), Within: within.String(), Until: until.Format("2006-01-02"), Items: []ReviewItem{}}
	for _, a := range s.Articles {
		if a.NextReview.IsZero() || DaysUntil(until, a.NextReview) > 0 {
			continue
		}
		if q.Reviewer != "" && !reviewedBy(a, q.Reviewer) {
			continue
		}
		it := ReviewItem{
			Article:      a,
			Title:        a.Title,
			SourcePath:   a.SourcePath,
			URL:          s.Config.AbsURL(a.URL),
			Authors:      names(a.Authors),
			Reviewers:    names(a.Reviewers),
			ReviewerKeys: []string{},
			NextReview:   a.NextReview.Format("2006-01-02"),
			DaysLeft:     DaysUntil(s.Now, a.NextReview),
			State:        window.ReviewStateOn(a, s.Now),
		}
		if !a.LastReviewed.IsZero() {
			it.LastReviewed = a.LastReviewed.Format("2006-01-02")
		}
		for _, p := range a.Reviewers {
			it.ReviewerKeys = append(it.ReviewerKeys, p.Key)
		}
		if it.State == ReviewOverdue {
			rep.Overdue++
		} else {
			rep.Upcoming++
		}
		rep.Items = append(rep.Items, it)
	}
	sort.SliceStable(rep.Items, func(i, j int) bool {
		a, b := rep.Items[i], rep.Items[j]
		if a.NextReview != b.NextReview {
			return a.NextReview < b.NextReview
		}
		if a.Title != b.Title {
			return a.Title < b.Title
		}
		return a.URL < b.URL
	})
	return rep
}

// FindReviewer returns the person a --reviewer value names (a profile key,
// or the name of a person written inline), or nil and a hint that suggests
// the closest profile key.
func (s *Site) FindReviewer(who string) (*Person, string) {
	if p := s.PeopleByKey[who]; p != nil {
		return p, ""
	}
	for _, a := range s.Articles {
		for _, p := range a.Reviewers {
			if strings.EqualFold(p.Name, who) {
				return p, ""
			}
		}
	}
	keys := make([]string, len(s.People))
	for i, p := range s.People {
		keys[i] = p.Key
	}
	return nil, didYouMean(who, keys, "use a file name from content/authors")
}

func reviewedBy(a *Article, who string) bool {
	for _, p := range a.Reviewers {
		if p.Key == who || (p.Key == "" && strings.EqualFold(p.Name, who)) {
			return true
		}
	}
	return false
}

func names(people []*Person) []string {
	out := make([]string, len(people))
	for i, p := range people {
		out[i] = p.NameWithCredentials()
	}
	return out
}
