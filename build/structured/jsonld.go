package structured

import (
	"strings"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/site"
)

const schemaContext = "https://schema.org"

// Every JSON-LD block below is written key by key, the keys of each object
// in the order encoding/json sorts a map's keys (bytewise: "@context",
// "@id", "@type", then capitals before lower case), as the map[string]any
// nodes of the reference implementation (reference_test.go) were written.

// buildCache holds the parts of the JSON-LD and meta elements that are the
// same on every page of one build, made once by Plan.
type buildCache struct {
	orgRef     []byte // the publisher: {"@id":…#organization,"@type":"Organization","name":…}
	websiteRef []byte // {"@id":…#website}
	lang       string // the site's language
	langJSON   []byte // lang as a JSON string
	locale     string // ogLocale(lang)
	// people holds the Person node of every profile (content/authors): the
	// same few hundred people sign thousands of pages. Inline people, who
	// appear on one article each, are written as they come.
	people map[*site.Person][]byte
}

func newBuildCache(b *build.Build, withPeople bool) *buildCache {
	cfg := b.Config
	home := cfg.AbsURL("/")
	c := &buildCache{
		lang:     cfg.Language,
		langJSON: appendJSONString(nil, cfg.Language),
		locale:   ogLocale(cfg.Language),
	}
	c.orgRef = append(c.orgRef, `{"@id":`...)
	c.orgRef = appendJSONStringSuffix(c.orgRef, home, "#organization")
	c.orgRef = append(c.orgRef, `,"@type":"Organization","name":`...)
	c.orgRef = appendJSONString(c.orgRef, organizationName(b))
	c.orgRef = append(c.orgRef, '}')
	c.websiteRef = append(c.websiteRef, `{"@id":`...)
	c.websiteRef = appendJSONStringSuffix(c.websiteRef, home, "#website")
	c.websiteRef = append(c.websiteRef, '}')
	if withPeople && b.Site != nil {
		c.people = make(map[*site.Person][]byte, len(b.Site.People))
		for _, p := range b.Site.People {
			c.people[p] = c.appendNewPerson(nil, b, p)
		}
	}
	return c
}

// appendContext opens a top-level block.
func appendContext(dst []byte) []byte {
	return append(dst, `{"@context":"`+schemaContext+`"`...)
}

// appendArticle writes the MedicalWebPage (or WebPage) and BlogPosting
// blocks of an article, recording where each is in pg.buf.
func (pg *pageText) appendArticle(b *build.Build, c *buildCache) {
	p, a, cfg := pg.p, pg.a, b.Config
	dst := pg.buf
	langJSON := c.langJSON
	if a.Lang != "" && a.Lang != c.lang {
		langJSON = appendJSONString(nil, a.Lang)
	}

	start := len(dst)
	dst = appendContext(dst)
	dst = append(dst, `,"@id":`...)
	dst = appendJSONStringSuffix(dst, p.Permalink, "#webpage")
	if cfg.Review.IsClinicalSection(a.Section) || len(a.Reviewers) > 0 {
		dst = append(dst, `,"@type":"MedicalWebPage"`...)
	} else {
		dst = append(dst, `,"@type":"WebPage"`...)
	}
	dst = appendAbout(dst, a)
	if a.Audience != "" {
		dst = append(dst, `,"audience":`...)
		dst = appendAudience(dst, a.Audience)
	}
	dst = append(dst, `,"description":`...)
	dst = appendJSONString(dst, a.Description)
	dst = append(dst, `,"inLanguage":`...)
	dst = append(dst, langJSON...)
	dst = append(dst, `,"isPartOf":`...)
	dst = append(dst, c.websiteRef...)
	if !a.LastReviewed.IsZero() {
		dst = append(dst, `,"lastReviewed":"`...)
		dst = a.LastReviewed.AppendFormat(dst, "2006-01-02")
		dst = append(dst, '"')
	}
	dst = append(dst, `,"mainEntity":{"@id":`...)
	dst = appendJSONStringSuffix(dst, p.Permalink, "#article")
	dst = append(dst, `},"name":`...)
	dst = appendJSONString(dst, a.Title)
	dst = append(dst, `,"publisher":`...)
	dst = append(dst, c.orgRef...)
	if len(a.Reviewers) > 0 {
		dst = append(dst, `,"reviewedBy":`...)
		dst = c.appendPeople(dst, b, a.Reviewers)
	}
	if a.Specialty != "" {
		dst = append(dst, `,"specialty":`...)
		dst = appendSpecialty(dst, a.Specialty)
	}
	dst = append(dst, `,"url":`...)
	dst = appendJSONString(dst, p.Permalink)
	dst = append(dst, '}')
	pg.blocks[0] = span{start, len(dst)}

	start = len(dst)
	dst = appendContext(dst)
	dst = append(dst, `,"@id":`...)
	dst = appendJSONStringSuffix(dst, p.Permalink, "#article")
	dst = append(dst, `,"@type":"BlogPosting"`...)
	if pg.sec != nil {
		dst = append(dst, `,"articleSection":`...)
		dst = appendJSONString(dst, pg.sec.Title)
	}
	dst = append(dst, `,"author":`...)
	dst = c.appendPeople(dst, b, a.Authors)
	if len(a.References) > 0 {
		dst = append(dst, `,"citation":[`...)
		for i, r := range a.References {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, `{"@type":"CreativeWork"`...)
			if r.DOI != "" || r.PMID != "" {
				dst = append(dst, `,"identifier":[`...)
				if r.DOI != "" {
					dst = append(dst, `{"@type":"PropertyValue","propertyID":"DOI","value":`...)
					dst = appendJSONString(dst, r.DOI)
					dst = append(dst, '}')
				}
				if r.PMID != "" {
					if r.DOI != "" {
						dst = append(dst, ',')
					}
					dst = append(dst, `{"@type":"PropertyValue","propertyID":"PMID","value":`...)
					dst = appendJSONString(dst, r.PMID)
					dst = append(dst, '}')
				}
				dst = append(dst, ']')
			}
			dst = append(dst, `,"name":`...)
			dst = appendJSONString(dst, r.Title)
			dst = append(dst, `,"url":`...)
			dst = appendJSONString(dst, r.Link())
			dst = append(dst, '}')
		}
		dst = append(dst, ']')
	}
	// The dates are ASCII digits and punctuation: as JSON they are
	// themselves in quotes.
	dst = append(dst, `,"dateModified":"`...)
	dst = append(dst, dst[pg.modified.start:pg.modified.end]...)
	dst = append(dst, `","datePublished":"`...)
	dst = append(dst, dst[pg.published.start:pg.published.end]...)
	dst = append(dst, `","description":`...)
	dst = appendJSONString(dst, a.Description)
	if a.Funding != "" {
		dst = append(dst, `,"funding":{"@type":"Grant","name":`...)
		dst = appendJSONString(dst, a.Funding)
		dst = append(dst, '}')
	}
	dst = append(dst, `,"headline":`...)
	dst = appendJSONString(dst, a.Title)
	if pg.image != "" {
		dst = append(dst, `,"image":`...)
		dst = appendJSONString(dst, pg.image)
	}
	dst = append(dst, `,"inLanguage":`...)
	dst = append(dst, langJSON...)
	if len(a.Tags) > 0 {
		dst = append(dst, `,"keywords":[`...)
		for i, t := range a.Tags {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendJSONString(dst, t.Name)
		}
		dst = append(dst, ']')
	}
	dst = append(dst, `,"mainEntityOfPage":{"@id":`...)
	dst = appendJSONStringSuffix(dst, p.Permalink, "#webpage")
	dst = append(dst, `},"publisher":`...)
	dst = append(dst, c.orgRef...)
	if a.Sponsor != "" {
		dst = append(dst, `,"sponsor":{"@type":"Organization","name":`...)
		dst = appendJSONString(dst, a.Sponsor)
		dst = append(dst, '}')
	}
	dst = append(dst, `,"url":`...)
	dst = appendJSONString(dst, p.Permalink)
	dst = append(dst, '}')
	pg.blocks[1] = span{start, len(dst)}
	pg.nblocks = 2
	pg.buf = dst
}

// appendPeople writes the Person nodes of authors or reviewers as a list
// ([] when there are none).
func (c *buildCache) appendPeople(dst []byte, b *build.Build, list []*site.Person) []byte {
	dst = append(dst, '[')
	for i, p := range list {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = c.appendPerson(dst, b, p)
	}
	return append(dst, ']')
}

// appendPerson writes a schema.org Person, from the cache for a profile.
func (c *buildCache) appendPerson(dst []byte, b *build.Build, p *site.Person) []byte {
	if n, ok := c.people[p]; ok {
		return append(dst, n...)
	}
	return c.appendNewPerson(dst, b, p)
}

// appendNewPerson writes a schema.org Person: the name alone in name, the
// credentials in honorificSuffix, the role in jobTitle, the profile page in
// url and the ORCID record in sameAs, as Google's author guidance asks.
func (c *buildCache) appendNewPerson(dst []byte, b *build.Build, p *site.Person) []byte {
	var url string
	dst = append(dst, '{')
	if p.URL != "" {
		url = b.Config.AbsURL(p.URL)
		dst = append(dst, `"@id":`...)
		dst = appendJSONStringSuffix(dst, url, "#person")
		dst = append(dst, ',')
	}
	dst = append(dst, `"@type":"Person"`...)
	org := b.Config.Organization
	if p.Affiliation == "" || strings.EqualFold(p.Affiliation, org.Name) {
		if org.Name != "" {
			dst = append(dst, `,"affiliation":`...)
			dst = append(dst, c.orgRef...)
		}
	} else {
		dst = append(dst, `,"affiliation":{"@type":"Organization","name":`...)
		dst = appendJSONString(dst, p.Affiliation)
		dst = append(dst, '}')
	}
	if len(p.Credentials) > 0 {
		// strings.Join(p.Credentials, ", ")
		dst = append(dst, `,"honorificSuffix":"`...)
		for i, cr := range p.Credentials {
			if i > 0 {
				dst = append(dst, ", "...)
			}
			dst = appendJSONStringInner(dst, cr)
		}
		dst = append(dst, '"')
	}
	if p.NPI != "" && site.ValidNPI(p.NPI) {
		dst = append(dst, `,"identifier":{"@type":"PropertyValue","propertyID":"NPI","value":`...)
		dst = appendJSONString(dst, p.NPI)
		dst = append(dst, '}')
	}
	if p.Photo != "" {
		dst = append(dst, `,"image":`...)
		dst = appendJSONString(dst, absolute(b, p.Photo))
	}
	if p.Role != "" {
		dst = append(dst, `,"jobTitle":`...)
		dst = appendJSONString(dst, p.Role)
	}
	dst = append(dst, `,"name":`...)
	dst = appendJSONString(dst, p.Name)
	if orcid := p.ORCIDURL(); orcid != "" || len(p.SameAs) > 0 {
		dst = append(dst, `,"sameAs":[`...)
		if orcid != "" {
			dst = appendJSONString(dst, orcid)
		}
		for i, u := range p.SameAs {
			if i > 0 || orcid != "" {
				dst = append(dst, ',')
			}
			dst = appendJSONString(dst, u)
		}
		dst = append(dst, ']')
	}
	if p.URL != "" {
		dst = append(dst, `,"url":`...)
		dst = appendJSONString(dst, url)
	}
	return append(dst, '}')
}

// appendProfile writes the ProfilePage block of a profile.
func (pg *pageText) appendProfile(b *build.Build, c *buildCache) {
	p, dst := pg.p, pg.buf
	start := len(dst)
	dst = appendContext(dst)
	dst = append(dst, `,"@id":`...)
	dst = appendJSONString(dst, p.Permalink)
	dst = append(dst, `,"@type":"ProfilePage","description":`...)
	dst = appendJSONString(dst, p.Description)
	dst = append(dst, `,"inLanguage":`...)
	dst = append(dst, c.langJSON...)
	dst = append(dst, `,"isPartOf":`...)
	dst = append(dst, c.websiteRef...)
	dst = append(dst, `,"mainEntity":`...)
	dst = c.appendPerson(dst, b, p.Person)
	dst = append(dst, `,"name":`...)
	dst = appendJSONString(dst, p.Title)
	dst = append(dst, `,"url":`...)
	dst = appendJSONString(dst, p.Permalink)
	dst = append(dst, '}')
	pg.blocks[0] = span{start, len(dst)}
	pg.nblocks = 1
	pg.buf = dst
}

// appendHome writes the Organization and WebSite blocks of the home page.
func (pg *pageText) appendHome(b *build.Build) {
	cfg, dst := b.Config, pg.buf
	org := cfg.Organization
	home := cfg.AbsURL("/")

	start := len(dst)
	dst = appendContext(dst)
	dst = append(dst, `,"@id":`...)
	dst = appendJSONStringSuffix(dst, home, "#organization")
	dst = append(dst, `,"@type":"Organization"`...)
	if org.Logo != "" {
		dst = append(dst, `,"logo":{"@type":"ImageObject","url":`...)
		dst = appendJSONString(dst, absolute(b, org.Logo))
		dst = append(dst, '}')
	}
	dst = append(dst, `,"name":`...)
	dst = appendJSONString(dst, organizationName(b))
	dst = append(dst, `,"url":`...)
	dst = appendJSONString(dst, firstNonEmpty(org.URL, home))
	dst = append(dst, '}')
	pg.blocks[0] = span{start, len(dst)}

	start = len(dst)
	dst = appendContext(dst)
	dst = append(dst, `,"@id":`...)
	dst = appendJSONStringSuffix(dst, home, "#website")
	dst = append(dst, `,"@type":"WebSite"`...)
	if cfg.Description != "" {
		dst = append(dst, `,"description":`...)
		dst = appendJSONString(dst, cfg.Description)
	}
	dst = append(dst, `,"inLanguage":`...)
	dst = appendJSONString(dst, cfg.Language)
	dst = append(dst, `,"name":`...)
	dst = appendJSONString(dst, cfg.Title)
	dst = append(dst, `,"publisher":{"@id":`...)
	dst = appendJSONStringSuffix(dst, home, "#organization")
	dst = append(dst, `},"url":`...)
	dst = appendJSONString(dst, home)
	dst = append(dst, '}')
	pg.blocks[1] = span{start, len(dst)}
	pg.nblocks = 2
	pg.buf = dst
}

func organizationName(b *build.Build) string {
	return firstNonEmpty(b.Config.Organization.Name, b.Config.Title)
}

// appendAbout writes the about field, when it names something: a name
// ("Asthma"), a group of fields ({name, type, code, codingSystem}) or a
// list of either.
func appendAbout(dst []byte, a *site.Article) []byte {
	v, ok := a.Params["about"]
	if !ok || v == nil {
		return dst
	}
	defType := "Thing"
	if a.Section == "conditions" {
		defType = "MedicalCondition"
	}
	mark := len(dst)
	dst = append(dst, `,"about":`...)
	if list, ok := v.([]any); ok {
		n := 0
		dst = append(dst, '[')
		for _, x := range list {
			if !aboutOne(x) {
				continue
			}
			if n > 0 {
				dst = append(dst, ',')
			}
			dst = appendAboutOne(dst, x, defType)
			n++
		}
		if n == 0 {
			return dst[:mark]
		}
		return append(dst, ']')
	}
	if !aboutOne(v) {
		return dst[:mark]
	}
	return appendAboutOne(dst, v, defType)
}

// aboutOne reports whether x, one value of the about field, makes a node:
// a name that is not blank, or a group of fields.
func aboutOne(x any) bool {
	switch t := x.(type) {
	case string:
		return strings.TrimSpace(t) != ""
	case map[string]any:
		return true
	}
	return false
}

// appendAboutOne writes the node of x, for which aboutOne holds.
func appendAboutOne(dst []byte, x any, defType string) []byte {
	switch t := x.(type) {
	case string:
		dst = append(dst, `{"@type":`...)
		dst = appendJSONString(dst, defType)
		dst = append(dst, `,"name":`...)
		dst = appendJSONString(dst, strings.TrimSpace(t))
		return append(dst, '}')
	case map[string]any:
		text := func(k string) string {
			if s, ok := t[k]; ok && s != nil {
				if str, ok := s.(string); ok {
					return strings.TrimSpace(str)
				}
			}
			return ""
		}
		dst = append(dst, `{"@type":`...)
		dst = appendJSONString(dst, firstNonEmpty(text("type"), text("@type"), defType))
		if code := text("code"); code != "" {
			dst = append(dst, `,"code":{"@type":"MedicalCode","code":`...)
			dst = appendJSONString(dst, code)
			if sys := text("codingSystem"); sys != "" {
				dst = append(dst, `,"codingSystem":`...)
				dst = appendJSONString(dst, sys)
			}
			dst = append(dst, '}')
		}
		if name := text("name"); name != "" {
			dst = append(dst, `,"name":`...)
			dst = appendJSONString(dst, name)
		}
		if u := text("url"); u != "" {
			dst = append(dst, `,"sameAs":`...)
			dst = appendJSONString(dst, u)
		}
		return append(dst, '}')
	}
	return dst
}

// specialtyKeyFolder is built once: a strings.Replacer prepares its tables on first use.
var specialtyKeyFolder = strings.NewReplacer(" ", "", "_", "", "-", "")

// audiences maps front-matter audience words to schema.org's terms.
var audiences = map[string]string{
	"patient": "Patient", "patients": "Patient",
	"clinician": "Clinician", "clinicians": "Clinician",
	"researcher": "MedicalResearcher", "researchers": "MedicalResearcher", "medicalresearcher": "MedicalResearcher",
}

// appendAudience writes schema.org's term for an audience word, or else an
// Audience node with the text.
func appendAudience(dst []byte, s string) []byte {
	key := strings.ToLower(specialtyKeyFolder.Replace(s))
	if t, ok := audiences[key]; ok {
		dst = append(dst, `"`+schemaContext+`/`...)
		dst = append(dst, t...)
		return append(dst, '"')
	}
	dst = append(dst, `{"@type":"Audience","audienceType":`...)
	dst = appendJSONString(dst, s)
	return append(dst, '}')
}

// appendSpecialty gives a MedicalSpecialty its schema.org address; other
// text stays text.
func appendSpecialty(dst []byte, s string) []byte {
	if m, ok := site.MedicalSpecialty(s); ok {
		dst = append(dst, `"`+schemaContext+`/`...)
		dst = append(dst, m...)
		return append(dst, '"')
	}
	return appendJSONString(dst, s)
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
