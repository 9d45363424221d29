package structured

import (
	"fmt"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/site"
)

// overdueNotice is the notice an article overdue for clinical review shows
// at the top of its page. It shows whatever [review] overdue says: with
// "warn" the page is still published, and its readers must still be told.
func overdueNotice(b *build.Build, p *build.PageData) (build.Notice, bool) {
	if p.Kind != build.KindArticle || p.Article == nil || p.Article.Article.Kind != site.KindArticle {
		return build.Notice{}, false
	}
	a := p.Article.Article
	if b.Site.ReviewState(a) != site.ReviewOverdue {
		return build.Notice{}, false
	}
	return build.Notice{
		Class: "overdue",
		Text: fmt.Sprintf("This page is overdue for clinical review: its review was due on %s. Some advice may be out of date, so check with your doctor or care team.",
			a.NextReview.Format(b.Config.DateFormat)),
	}, true
}
