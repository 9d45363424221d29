package site

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Kind says what a content file is.
type Kind int

const (
	// KindArticle is a Markdown file in a section folder: a dated,
	// authored, clinically reviewed piece at /<section>/<slug>/.
	KindArticle Kind = iota
	// KindPage is a Markdown file directly in content/ (about, editorial
	// policy): no date, no byline, at /<slug>/.
	KindPage
)

// An Article is one Markdown file of content: an article or a standalone page.
type Article struct {
	Kind       Kind
	SourcePath string // relative to the site folder, forward slashes: content/conditions/asthma.md
	Section    string // first folder under content/; "" for pages
	Slug       string
	URL        string // site path, "/conditions/asthma/"

	Title       string
	Description string
	Summary     string
	Date        time.Time // first publication
	Lastmod     time.Time // zero when not set
	PublishDate time.Time
	ExpiryDate  time.Time
	Draft       bool
	Aliases     []string // cleaned site paths
	Tags        []*Tag
	Weight      int
	Lang        string

	Authors      []*Person
	Reviewers    []*Person
	LastReviewed time.Time
	NextReview   time.Time // from front matter, or LastReviewed + the review interval
	References   []Reference
	Changes      string // what the latest review changed

	Sponsor   string
	Funding   string
	Conflicts string
	Specialty string
	Audience  string
	Image     string

	// Params holds every front-matter value as decoded, for extensions
	// that read fields the core does not model (about, readability …).
	Params map[string]any
	// Lines maps each front-matter key to its line in the source file.
	Lines map[string]int
	// peopleLines are the lines inside the author and reviewedBy values
	// (FrontMatter.Inner), for the problems found once profiles are read.
	peopleLines map[string]int

	Body     []byte // Markdown after the front matter; nil when deferred
	BodyLine int    // line of the source file the body starts on

	bodyDeferred bool
	sourceSum    uint64
}

// SourceSum is a hash of the source file's bytes when the site was loaded
// with a [ParseCache] (0 otherwise): two loads of the same bytes give the
// same sum, so a caller can keep what it derived from an unchanged file.
func (a *Article) SourceSum() uint64 { return a.sourceSum }

// BodyDeferred reports whether the site was loaded without a's Body
// (LoadOptions.DeferBodies): whoever needs it reads it with [ReadBody].
func (a *Article) BodyDeferred() bool { return a.bodyDeferred }

// Reference is one source cited by an article.
type Reference struct {
	Title string
	URL   string
	DOI   string
	PMID  string
}

// Link is the address to follow for the reference: its URL, else its DOI or
// PubMed record.
func (r Reference) Link() string {
	switch {
	case r.URL != "":
		return r.URL
	case r.DOI != "":
		return "https://doi.org/" + r.DOI
	case r.PMID != "":
		return "https://pubmed.ncbi.nlm.nih.gov/" + r.PMID + "/"
	}
	return ""
}

// Updated is the latest of Date, Lastmod and LastReviewed: when the page last
// changed in a way a reader or a search engine cares about.
func (a *Article) Updated() time.Time {
	t := a.Date
	if a.Lastmod.After(t) {
		t = a.Lastmod
	}
	if a.LastReviewed.After(t) {
		t = a.LastReviewed
	}
	return t
}

// Line returns the line of a front-matter key, or the line the front matter starts on.
func (a *Article) Line(key string) int {
	if l, ok := a.Lines[key]; ok {
		return l
	}
	return 1
}

// articleKeys are the front-matter keys Bedside knows. Names are camelCase
// like Hugo's and schema.org's, so that content can move in from Hugo.
var articleKeys = []string{
	"title", "description", "date", "lastmod", "publishDate", "expiryDate", "draft", "slug", "aliases",
	"tags", "weight", "summary", "author", "reviewedBy", "lastReviewed", "nextReview", "references",
	"changes", "sponsor", "funding", "conflicts", "about", "audience", "specialty", "image", "lang",
	"readability", "keywords",
}

// pageKeys are the keys of a standalone page or a section's _index.md.
var pageKeys = []string{"title", "description", "date", "lastmod", "draft", "slug", "aliases", "weight", "summary", "lang", "image", "keywords"}

var doiPattern = regexp.MustCompile(`^10\.\d{4,9}/\S+$`)

// peopleLines keeps of inner the lines of the person fields, which are
// read after the rest of the front matter (nil when there are none).
func peopleLines(inner map[string]int) map[string]int {
	var out map[string]int
	for k, l := range inner {
		if strings.HasPrefix(k, "author/") || strings.HasPrefix(k, "reviewedBy/") {
			if out == nil {
				out = map[string]int{}
			}
			out[k] = l
		}
	}
	return out
}

// readArticle decodes an article's front matter. People are resolved later,
// once every profile is read; their raw values stay in Params.
func readArticle(sf *sourceFile, cfg *Config, kind Kind, now time.Time) *Article {
	r := sf.reader()
	r.now = now
	a := &Article{
		Kind:        kind,
		SourcePath:  sf.path,
		Params:      sf.fm.Values,
		Lines:       sf.fm.Lines,
		peopleLines: peopleLines(sf.fm.Inner),
		Body:        sf.body,
		BodyLine:    sf.bodyLine,

		bodyDeferred: sf.deferred,
		sourceSum:    sf.sum,
	}
	a.Title = r.requiredStr("title", `title: "Asthma: the basics"`)
	a.Description = r.requiredStr("description", `description: "What asthma is and how to control it."`)
	a.Summary = r.str("summary")
	if a.Summary == "" {
		a.Summary = a.Description
	}
	if kind == KindArticle && !r.has("date") {
		r.missing("date", "date: 2025-03-14")
	}
	a.Date = r.date("date")
	a.Lastmod = r.date("lastmod")
	a.PublishDate = r.date("publishDate")
	a.ExpiryDate = r.date("expiryDate")
	// A year no article can have is a typo (0205 for 2025). expiryDate
	// may lie far ahead: 2999-12-31 is a way of writing "never".
	year := now.Year()
	a.Date = r.plausibleDate("date", a.Date, true, time.Time{}, now.AddDate(1, 0, 0), year)
	a.Lastmod = r.plausibleDate("lastmod", a.Lastmod, true, a.Date, now, year)
	a.PublishDate = r.plausibleDate("publishDate", a.PublishDate, true, time.Time{}, now.AddDate(10, 0, 0), year)
	a.ExpiryDate = r.plausibleDate("expiryDate", a.ExpiryDate, false, a.Date, now.AddDate(10, 0, 0), year)
	a.Draft = r.boolean("draft")
	a.Weight = r.integer("weight")
	a.Lang = r.str("lang")
	if a.Lang != "" && !IsLanguageTag(a.Lang) {
		// It becomes <html lang>, which screen readers pick a voice by.
		r.errorf("lang", `write a language tag, like lang: es (Spanish) or lang: zh-Hant`, "lang: %q is not a language tag", a.Lang)
		a.Lang = ""
	}
	a.Image = r.str("image")

	if r.has("slug") {
		a.Slug = r.str("slug")
		if err := checkSlug(a.Slug); err != nil {
			r.errorf("slug", "use letters, digits and hyphens, like slug: asthma-basics", "slug: %v", err)
			a.Slug = ""
		}
	}
	r.strList("tags") // reports a tag list of the wrong type; index groups articles by it
	for _, al := range r.strList("aliases") {
		clean, err := CleanAlias(al)
		if err != nil {
			r.errorf("aliases", "write the old address as a path, like /old/asthma/", "aliases: %v", err)
			continue
		}
		a.Aliases = append(a.Aliases, clean)
	}
	if kind == KindPage {
		r.warnUnknown(pageKeys)
		return a
	}

	a.LastReviewed = r.date("lastReviewed")
	a.NextReview = r.date("nextReview")
	a.LastReviewed = r.plausibleDate("lastReviewed", a.LastReviewed, true, a.Date, now, year)
	nextAfter, nextRef := time.Time{}, year
	if !a.LastReviewed.IsZero() {
		nextAfter, nextRef = a.LastReviewed.AddDate(0, 0, 1), cfg.Review.Interval.After(a.LastReviewed).Year()
	}
	a.NextReview = r.plausibleDate("nextReview", a.NextReview, true, nextAfter, now.AddDate(10, 0, 0), nextRef)
	a.Changes = r.str("changes")
	a.Sponsor = r.str("sponsor")
	a.Funding = r.str("funding")
	a.Conflicts = r.str("conflicts")
	a.Specialty = r.str("specialty")
	if _, ok := MedicalSpecialty(a.Specialty); a.Specialty != "" && !ok {
		r.diags.Warnf(r.file, r.line("specialty"),
			didYouMean(a.Specialty, MedicalSpecialties, "use a schema.org medical specialty, like PrimaryCare, Pediatric or DietNutrition (the README lists them)"),
			"specialty: %q is not a schema.org medical specialty; search engines will read it as plain text", a.Specialty)
	}
	a.Audience = r.str("audience")
	a.References = readReferences(r)

	// Dates compare as the calendar days they name, in their own time
	// zones: an article published at 23:30 in New York and reviewed that
	// day was not reviewed before it was published.
	if !a.LastReviewed.IsZero() && !a.Date.IsZero() && calendarDay(a.LastReviewed) < calendarDay(a.Date) {
		r.errorf("lastReviewed", fmt.Sprintf("a review cannot come before first publication (date: %s); check both dates", a.Date.Format("2006-01-02")),
			"lastReviewed: %s is before the article's date %s", a.LastReviewed.Format("2006-01-02"), a.Date.Format("2006-01-02"))
	}
	if !a.NextReview.IsZero() && a.LastReviewed.IsZero() {
		r.errorf("nextReview", "add lastReviewed: with the date of the last clinical review", "nextReview is set but lastReviewed is missing")
	}
	if !a.NextReview.IsZero() && !a.LastReviewed.IsZero() && calendarDay(a.NextReview) <= calendarDay(a.LastReviewed) {
		r.errorf("nextReview", "the next review must come after the last one; check both dates",
			"nextReview: %s is not after lastReviewed %s", a.NextReview.Format("2006-01-02"), a.LastReviewed.Format("2006-01-02"))
	}
	if a.NextReview.IsZero() && !a.LastReviewed.IsZero() {
		a.NextReview = cfg.Review.Interval.After(a.LastReviewed)
	}
	r.warnUnknown(articleKeys)
	return a
}

func readReferences(r *fieldReader) []Reference {
	v, ok := r.fm.Values["references"]
	if !ok || v == nil {
		return nil
	}
	list, ok := v.([]any)
	if !ok {
		r.errorf("references", "write a list of sources, each like - {title: ..., url: https://...}", "references: expected a list, got %s", describe(v))
		return nil
	}
	const hint = "give each reference a title and a url, doi or pmid"
	var refs []Reference
	for i, item := range list {
		at := "references/" + strconv.Itoa(i)
		m, ok := item.(map[string]any)
		if !ok {
			r.diags.Errorf(r.file, r.lineAt(at), hint, "references item %d: expected title and url, got %s", i+1, describe(item))
			continue
		}
		text := func(k string) string {
			if s, ok := m[k]; ok && s != nil {
				return strings.TrimSpace(fmt.Sprint(s))
			}
			return ""
		}
		ref := Reference{Title: text("title"), URL: text("url"), DOI: text("doi"), PMID: text("pmid")}
		for _, k := range sortedKeys(m) {
			if !contains([]string{"title", "url", "doi", "pmid"}, k) {
				r.diags.Warnf(r.file, r.lineAt(at+"/"+k), didYouMean(k, []string{"title", "url", "doi", "pmid"}, "use title, url, doi or pmid"), "references item %d: unknown key %s", i+1, k)
			}
		}
		switch {
		case ref.Title == "":
			r.diags.Errorf(r.file, r.lineAt(at), hint, "references item %d has no title", i+1)
		case ref.URL == "" && ref.DOI == "" && ref.PMID == "":
			r.diags.Errorf(r.file, r.lineAt(at), hint, "references item %d (%s) has no url, doi or pmid", i+1, ref.Title)
		case ref.DOI != "" && !doiPattern.MatchString(ref.DOI):
			r.diags.Errorf(r.file, r.lineAt(at+"/doi"), "a DOI looks like 10.1056/NEJMoa2034577, without https://doi.org/", "references item %d: %q is not a DOI", i+1, ref.DOI)
		case ref.PMID != "" && strings.Trim(ref.PMID, "0123456789") != "":
			r.diags.Errorf(r.file, r.lineAt(at+"/pmid"), "a PubMed ID is a number, like pmid: \"31536937\"", "references item %d: %q is not a PubMed ID", i+1, ref.PMID)
		case ref.URL != "" && !strings.HasPrefix(ref.URL, "https://") && !strings.HasPrefix(ref.URL, "http://"):
			r.diags.Errorf(r.file, r.lineAt(at+"/url"), "write the full address, starting with https://", "references item %d: %q is not a web address", i+1, ref.URL)
		default:
			refs = append(refs, ref)
		}
	}
	return refs
}
