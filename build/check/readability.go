package check

import (
	"fmt"
	"github.com/bedside-health/bedside/build/markdown"
	"math"
	"sort"
	"strings"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/site"
	"github.com/bedside-health/bedside/site/readability"
)

// ArticleScores is the reading level of one article, as bedside check and
// bedside review --format json show it.
type ArticleScores struct {
	File   string             `json:"file"`
	URL    string             `json:"url"`
	Title  string             `json:"title"`
	Scores readability.Scores `json:"scores"`
	Target Target             `json:"target"`
	// OverTarget is true when the article is harder to read than its target.
	OverTarget bool `json:"overTarget"`
}

// Target is the reading level an article must meet: the site's, or its own
// with a reason.
type Target struct {
	MaxGrade   float64 `json:"maxGrade,omitempty"`   // SMOG, English
	MinInflesz float64 `json:"minInflesz,omitempty"` // INFLESZ, Spanish
	Reason     string  `json:"reason,omitempty"`     // why the article sets its own
}

// ReadingLevel is what article templates get as .Extra.Readability when
// [quality.readability] showOnPage is on.
type ReadingLevel struct {
	Scores  readability.Scores
	Grade   int    // SMOG grade rounded up, English
	Band    string // INFLESZ band, Spanish
	Minutes int    // reading time at 200 words a minute
}

// DecoratePage implements build.PageDecorator: it scores each article's
// prose and warns when it is above its target.
func (c *Checker) DecoratePage(b *build.Build, p *build.PageData) {
	if p.Kind != build.KindArticle || p.Article == nil || p.Article.Article == nil {
		return
	}
	a := p.Article.Article
	var scores readability.Scores
	if doc := p.Article.Doc; doc != nil {
		// The tree the build parsed, scored without making strings of
		// its prose: this runs for every article of every build.
		scores = readability.MeasureDoc(doc, a.Body, articleLang(a, b.Config))
	} else {
		scores = measureArticle(b.Markdown, a, b.Config)
	}
	as, diags := scoreArticle(a, b.Config, scores)
	for _, d := range diags {
		c.report(Place{File: d.File, Line: d.Line}, false, d.Severity, p.URL, d.Hint, "%s", d.Message)
	}
	c.mu.Lock()
	c.scores = append(c.scores, as)
	c.mu.Unlock()
	if b.Config.Quality.Readability.ShowOnPage && scores.Words > 0 {
		if p.Extra == nil {
			p.Extra = map[string]any{}
		}
		p.Extra["Readability"] = ReadingLevel{
			Scores:  scores,
			Grade:   int(math.Ceil(scores.SMOG)),
			Band:    readability.INFLESZBand(scores.INFLESZ),
			Minutes: max(1, (scores.Words+199)/200),
		}
	}
}

// minJudgedWords is the length below which an article's reading level is
// not compared with its target.
const minJudgedWords = 100

// ArticleReadability scores an article's prose against its target, with a
// warning when it is harder to read than the target and errors for a
// malformed readability field.
//
// The prose is read as the build reads it, with the site's Markdown
// dialect, so that bedside review, check and build give the same scores.
func ArticleReadability(a *site.Article, cfg *site.Config) (ArticleScores, site.Diagnostics) {
	return scoreArticle(a, cfg, measureArticle(markdown.ForSite(cfg), a, cfg))
}

// measureArticle parses a's body with md and scores its prose.
func measureArticle(md *markdown.Renderer, a *site.Article, cfg *site.Config) readability.Scores {
	doc, err := md.Parse(a.Body)
	if err != nil {
		// The build reports the body's error; the scores are those of no
		// prose.
		return readability.Measure(nil, articleLang(a, cfg))
	}
	return readability.MeasureDoc(doc, a.Body, articleLang(a, cfg))
}

// articleLang is the language an article is scored in: its own, or the
// site's.
func articleLang(a *site.Article, cfg *site.Config) string {
	if a.Lang != "" {
		return a.Lang
	}
	return cfg.Language
}

// scoreArticle judges an article's scores against its target.
func scoreArticle(a *site.Article, cfg *site.Config, scores readability.Scores) (ArticleScores, site.Diagnostics) {
	target, diags := targetOf(a, cfg.Quality.Readability)
	as := ArticleScores{File: a.SourcePath, URL: a.URL, Title: a.Title, Scores: scores, Target: target}
	line := a.Lines["readability"]
	if line == 0 {
		// No target of its own: the text is what to change, and it
		// starts at the body's first line.
		line = a.BodyLine
	}
	if scores.Spanish() {
		as.Target.MaxGrade = 0
	} else {
		as.Target.MinInflesz = 0
	}
	switch {
	case scores.Words < minJudgedWords:
		// Too short for the formulas to mean much (SMOG is defined on 30
		// sentences); the scores are shown but not judged.
	case scores.Spanish():
		if scores.INFLESZ < target.MinInflesz {
			as.OverTarget = true
			diags.Warnf(a.SourcePath, line,
				fmt.Sprintf(`use shorter sentences and everyday words; if the topic needs it, set readability: {minInflesz: %d, reason: "..."} in the front matter`, max(0, int(math.Floor(scores.INFLESZ)))),
				"reading level is INFLESZ %.1f (%s), below the target of %g (%d words in %d sentences)",
				scores.INFLESZ, readability.INFLESZBand(scores.INFLESZ), target.MinInflesz, scores.Words, scores.Sentences)
		}
	default:
		if scores.SMOG > target.MaxGrade {
			as.OverTarget = true
			diags.Warnf(a.SourcePath, line,
				fmt.Sprintf(`use shorter sentences and everyday words; if the topic needs it, set readability: {maxGrade: %d, reason: "..."} in the front matter`, int(math.Ceil(scores.SMOG))),
				"reading level is SMOG grade %.1f, above the target of %g (Flesch–Kincaid grade %.1f, %d words in %d sentences)",
				scores.SMOG, target.MaxGrade, scores.FleschKincaid, scores.Words, scores.Sentences)
		}
	}
	return as, diags
}

// SiteReadability scores every article of a site, ordered by file, without
// building it (bedside review uses it).
func SiteReadability(s *site.Site) []ArticleScores {
	out := make([]ArticleScores, 0, len(s.Articles))
	md := markdown.ForSite(s.Config)
	for _, a := range s.Articles {
		as, _ := scoreArticle(a, s.Config, measureArticle(md, a, s.Config))
		out = append(out, as)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].File < out[j].File })
	return out
}

// targetOf reads an article's own target from its readability field:
//
//	readability: {maxGrade: 10, reason: "explains a surgical procedure"}
func targetOf(a *site.Article, cfg site.ReadabilityConfig) (Target, site.Diagnostics) {
	t := Target{MaxGrade: cfg.MaxGrade, MinInflesz: cfg.MinInflesz}
	var diags site.Diagnostics
	v, ok := a.Params["readability"]
	if !ok || v == nil {
		return t, nil
	}
	line := a.Line("readability")
	const example = `readability: {maxGrade: 10, reason: "names the parts of the heart"}`
	m, ok := v.(map[string]any)
	if !ok {
		diags.Errorf(a.SourcePath, line, "write it like "+example, "readability: expected maxGrade and reason")
		return t, diags
	}
	number := func(key string) (float64, bool) {
		switch n := m[key].(type) {
		case int:
			return float64(n), true
		case int64:
			return float64(n), true
		case uint64:
			return float64(n), true
		case float64:
			return n, true
		case nil:
			return 0, false
		}
		diags.Errorf(a.SourcePath, line, "write a number, like "+example, "readability.%s: %v is not a number", key, m[key])
		return 0, false
	}
	own := false
	if g, ok := number("maxGrade"); ok {
		if g <= 0 {
			diags.Errorf(a.SourcePath, line, "write a school grade, like "+example, "readability.maxGrade: %g is not a grade", g)
		} else {
			t.MaxGrade, own = g, true
		}
	}
	if s, ok := number("minInflesz"); ok {
		t.MinInflesz, own = s, true
	}
	t.Reason = strings.TrimSpace(fmt.Sprint(m["reason"]))
	if m["reason"] == nil {
		t.Reason = ""
	}
	if own && t.Reason == "" {
		diags.Errorf(a.SourcePath, line, "say why this article cannot meet the site's reading level, like "+example, "readability: a target of its own needs a reason")
		t = Target{MaxGrade: cfg.MaxGrade, MinInflesz: cfg.MinInflesz}
	}
	for k := range m {
		if k != "maxGrade" && k != "minInflesz" && k != "reason" {
			diags.Warnf(a.SourcePath, line, "use maxGrade, minInflesz and reason", "readability: unknown key %s", k)
		}
	}
	return t, diags
}

// Scores returns the reading level of every article the build rendered,
// ordered by file.
func (c *Checker) Scores() []ArticleScores {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := append([]ArticleScores(nil), c.scores...)
	sort.Slice(out, func(i, j int) bool { return out[i].File < out[j].File })
	return out
}
