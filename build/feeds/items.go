package feeds

import (
	"fmt"
	"html"
	"strings"
	"time"

	gorilla "github.com/gorilla/feeds"

	"github.com/bedside-health/bedside/site"
)

// An item is one entry of a feed, before it is written in a format.
type item struct {
	ID        string
	Permalink bool // ID is the address of the item's page (RSS isPermaLink)
	Link      string
	Title     string
	Summary   string // plain text
	Content   string // HTML with absolute addresses
	// ContentJSON, when set, is Content as a JSON string, written once
	// for an article however many feeds carry it.
	ContentJSON string
	Published   time.Time
	Updated     time.Time
	Authors     []*site.Person
	Tags        []string
	Lang        string
}

// feedItems makes the items of f. content returns an article item's
// content (see articleContent).
func feedItems(cfg *site.Config, f *feed, content func(*site.Article) articleText) []item {
	items := make([]item, 0, len(f.Articles))
	for _, a := range f.Articles {
		if f.Reviews {
			items = append(items, reviewItem(cfg, a))
			continue
		}
		permalink := cfg.AbsURL(a.URL)
		text := content(a)
		items = append(items, item{
			ID:          permalink,
			Permalink:   true,
			Link:        permalink,
			Title:       a.Title,
			Summary:     a.Description,
			Content:     text.HTML,
			ContentJSON: text.JSON,
			Published:   a.Date,
			Updated:     a.Updated(),
			Authors:     a.Authors,
			Tags:        tagNames(a),
			Lang:        a.Lang,
		})
	}
	return items
}

// reviewItem is the reviewed feed's item for a's latest clinical review. Its
// id carries the review date, so a later review is a new item.
func reviewItem(cfg *site.Config, a *site.Article) item {
	permalink := cfg.AbsURL(a.URL)
	when := a.LastReviewed.Format(cfg.DateFormat)
	var names, links []string
	for _, p := range a.Reviewers {
		names = append(names, p.NameWithCredentials())
		links = append(links, personHTML(cfg, p))
	}
	summary := "Clinically reviewed on " + when + "."
	content := "<p>Clinically reviewed on " + html.EscapeString(when) + ".</p>"
	if len(names) > 0 {
		summary = "Reviewed by " + andList(names) + " on " + when + "."
		content = "<p>Reviewed by " + andList(links) + " on " + html.EscapeString(when) + ".</p>"
	}
	if a.Changes != "" {
		summary += " What changed: " + a.Changes
		content += "\n<p>What changed: " + html.EscapeString(a.Changes) + "</p>"
	}
	content += fmt.Sprintf("\n<p><a href=\"%s\">Read “%s”</a></p>", html.EscapeString(permalink), html.EscapeString(a.Title))
	return item{
		ID:        permalink + "#reviewed-" + a.LastReviewed.Format("2006-01-02"),
		Link:      permalink,
		Title:     "Reviewed: " + a.Title,
		Summary:   summary,
		Content:   content,
		Published: a.LastReviewed,
		Updated:   a.LastReviewed,
		Authors:   a.Reviewers,
		Tags:      tagNames(a),
		Lang:      a.Lang,
	}
}

// andList joins "A", "A and B", "A, B and C".
func andList(s []string) string {
	if len(s) <= 1 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

func tagNames(a *site.Article) []string {
	names := make([]string, len(a.Tags))
	for i, t := range a.Tags {
		names[i] = t.Name
	}
	return names
}

// genericFeed is f in the format-neutral model of gorilla/feeds, which
// writes each format from it.
func genericFeed(cfg *site.Config, f *feed, items []item, updated time.Time) *gorilla.Feed {
	g := &gorilla.Feed{
		Title:       f.Title,
		Link:        &gorilla.Link{Href: cfg.AbsURL(f.Page)},
		Description: f.Description,
		Updated:     updated,
	}
	for _, it := range items {
		perma := "false"
		if it.Permalink {
			perma = "true"
		}
		g.Items = append(g.Items, &gorilla.Item{
			Title:       it.Title,
			Link:        &gorilla.Link{Href: it.Link},
			Description: escapeText(it.Summary), // RSS descriptions are HTML
			Id:          it.ID,
			IsPermaLink: perma,
			Created:     it.Published,
			Updated:     it.Updated,
			Content:     it.Content,
		})
	}
	return g
}

// escapeText makes plain text safe to read as HTML. Quotes are left as
// they are: readers that show the text as it is would show &#34;.
var escapeText = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace

// personNames are the people's names with their credentials,
// "Maria Lopez, MD, FACC".
func personNames(people []*site.Person) []string {
	names := make([]string, len(people))
	for i, p := range people {
		names[i] = p.NameWithCredentials()
	}
	return names
}
