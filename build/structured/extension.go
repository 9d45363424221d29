package structured

import (
	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/site"
)

// Extension adds structured data, social meta and review notices to a build.
type Extension struct{}

// New returns the extension.
func New() *Extension { return &Extension{} }

// Name names the extension in build errors.
func (*Extension) Name() string { return "structured" }

// Plan applies [review] overdue: a warning or an error for each overdue article.
func (*Extension) Plan(b *build.Build) error {
	for _, d := range b.Site.OverdueDiagnostics() {
		if d.Severity == site.Error {
			b.Errorf(d.File, d.Line, d.Hint, "%s", d.Message)
		} else {
			b.Warnf(d.File, d.Line, d.Hint, "%s", d.Message)
		}
	}
	return nil
}

// DecoratePage adds the meta elements, JSON-LD and notices of one page.
func (*Extension) DecoratePage(b *build.Build, p *build.PageData) {
	p.Meta = append(p.Meta, socialMeta(b, p)...)
	p.JSONLD = append(p.JSONLD, jsonLD(b, p)...)
	if n, ok := overdueNotice(b, p); ok {
		p.Notices = append(p.Notices, n)
	}
}
