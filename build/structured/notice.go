package structured

import (
	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/site"
)

const (
	overduePrefix = "This page is overdue for clinical review: its review was due on "
	overdueSuffix = ". Some advice may be out of date, so check with your doctor or care team."
)

// appendOverdueNotice writes the text of the notice an article overdue for
// clinical review shows at the top of its page, and reports whether the
// page has one. It shows whatever [review] overdue says: with "warn" the
// page is still published, and its readers must still be told.
func (pg *pageText) appendOverdueNotice(b *build.Build) bool {
	a := pg.a
	if a == nil || a.Kind != site.KindArticle || b.Site.ReviewState(a) != site.ReviewOverdue {
		return false
	}
	start := len(pg.buf)
	pg.buf = append(pg.buf, overduePrefix...)
	pg.buf = a.NextReview.AppendFormat(pg.buf, b.Config.DateFormat)
	pg.buf = append(pg.buf, overdueSuffix...)
	pg.notice = span{start, len(pg.buf)}
	return true
}
