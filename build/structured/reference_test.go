package structured

// The reference implementation: the JSON-LD, social meta and notice code as
// it was before DecoratePage wrote straight into one buffer (commit
// aeb6080), kept verbatim but for the names, which take a ref prefix, so
// that the tests can check page by page, and for hostile text, that the
// output has not changed by a byte.

import (
	"encoding/json"
	"fmt"
	"html/template"
	"slices"
	"strings"
	"time"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/site"
)

// refDecoratePage is DecoratePage as it was.
func refDecoratePage(b *build.Build, p *build.PageData) {
	p.Meta = append(p.Meta, refSocialMeta(b, p)...)
	p.JSONLD = append(p.JSONLD, refJsonLD(b, p)...)
	if n, ok := refOverdueNotice(b, p); ok {
		p.Notices = append(p.Notices, n)
	}
}

const refSchemaContext = "https://schema.org"

// refNode is one JSON-LD object. encoding/json writes map keys sorted, so the
// output is the same on every build.
type refNode = map[string]any

// refJsonLD returns the JSON-LD blocks of a page: articles, profiles and the
// first home page have some; other pages none.
func refJsonLD(b *build.Build, p *build.PageData) []template.JS {
	var nodes []refNode
	switch {
	case p.Kind == build.KindArticle && p.Article != nil && p.Article.Article.Kind == site.KindArticle:
		nodes = refArticleNodes(b, p)
	case p.Kind == build.KindPerson && p.Person != nil:
		nodes = []refNode{refProfileNode(b, p)}
	case p.Kind == build.KindHome && p.URL == "/":
		nodes = []refNode{refOrganizationNode(b), refWebsiteNode(b)}
	}
	out := make([]template.JS, 0, len(nodes))
	for _, n := range nodes {
		n["@context"] = refSchemaContext
		// refAppendJSON escapes <, >, &, U+2028 and U+2029 as json.Marshal
		// does, so the text cannot end the script element it is written in.
		out = append(out, template.JS(refAppendJSON(nil, n)))
	}
	return out
}

func refArticleNodes(b *build.Build, p *build.PageData) []refNode {
	a := p.Article.Article
	cfg := b.Config
	pageID := p.Permalink + "#webpage"
	postID := p.Permalink + "#article"
	lang := refFirstNonEmpty(a.Lang, cfg.Language)

	webType := "WebPage"
	if cfg.Review.IsClinicalSection(a.Section) || len(a.Reviewers) > 0 {
		webType = "MedicalWebPage"
	}
	page := refNode{
		"@type":       webType,
		"@id":         pageID,
		"url":         p.Permalink,
		"name":        a.Title,
		"description": a.Description,
		"inLanguage":  lang,
		"isPartOf":    refNode{"@id": refWebsiteID(b)},
		"mainEntity":  refNode{"@id": postID},
		"publisher":   refOrganizationRef(b),
	}
	if !a.LastReviewed.IsZero() {
		page["lastReviewed"] = a.LastReviewed.Format("2006-01-02")
	}
	if len(a.Reviewers) > 0 {
		page["reviewedBy"] = refPeople(b, a.Reviewers)
	}
	if about := refAboutNodes(a); about != nil {
		page["about"] = about
	}
	if a.Audience != "" {
		page["audience"] = refAudience(a.Audience)
	}
	if a.Specialty != "" {
		page["specialty"] = refSpecialty(a.Specialty)
	}

	post := refNode{
		"@type":            "BlogPosting",
		"@id":              postID,
		"url":              p.Permalink,
		"mainEntityOfPage": refNode{"@id": pageID},
		"headline":         a.Title,
		"description":      a.Description,
		"inLanguage":       lang,
		"datePublished":    a.Date.Format(time.RFC3339),
		"dateModified":     a.Updated().Format(time.RFC3339),
		"author":           refPeople(b, a.Authors),
		"publisher":        refOrganizationRef(b),
	}
	if a.Image != "" {
		post["image"] = refAbsolute(b, a.Image)
	}
	if sec := b.Site.Section(a.Section); sec != nil {
		post["articleSection"] = sec.Title
	}
	if len(a.Tags) > 0 {
		kw := make([]string, len(a.Tags))
		for i, t := range a.Tags {
			kw[i] = t.Name
		}
		post["keywords"] = kw
	}
	if len(a.References) > 0 {
		var cites []refNode
		for _, r := range a.References {
			c := refNode{"@type": "CreativeWork", "name": r.Title, "url": r.Link()}
			var ids []refNode
			if r.DOI != "" {
				ids = append(ids, refNode{"@type": "PropertyValue", "propertyID": "DOI", "value": r.DOI})
			}
			if r.PMID != "" {
				ids = append(ids, refNode{"@type": "PropertyValue", "propertyID": "PMID", "value": r.PMID})
			}
			if ids != nil {
				c["identifier"] = ids
			}
			cites = append(cites, c)
		}
		post["citation"] = cites
	}
	if a.Sponsor != "" {
		post["sponsor"] = refNode{"@type": "Organization", "name": a.Sponsor}
	}
	if a.Funding != "" {
		post["funding"] = refNode{"@type": "Grant", "name": a.Funding}
	}
	return []refNode{page, post}
}

// refPeople returns the Person nodes of authors or reviewers.
func refPeople(b *build.Build, list []*site.Person) []refNode {
	out := make([]refNode, 0, len(list))
	for _, p := range list {
		out = append(out, refPerson(b, p))
	}
	return out
}

// refPerson is a schema.org Person: the name alone in name, the credentials in
// honorificSuffix, the role in jobTitle, the profile page in url and the
// ORCID record in sameAs, as Google's author guidance asks.
func refPerson(b *build.Build, p *site.Person) refNode {
	n := refNode{"@type": "Person", "name": p.Name}
	if p.URL != "" {
		n["@id"] = b.Config.AbsURL(p.URL) + "#person"
		n["url"] = b.Config.AbsURL(p.URL)
	}
	if len(p.Credentials) > 0 {
		n["honorificSuffix"] = strings.Join(p.Credentials, ", ")
	}
	if p.Role != "" {
		n["jobTitle"] = p.Role
	}
	if p.Photo != "" {
		n["image"] = refAbsolute(b, p.Photo)
	}
	org := b.Config.Organization
	if p.Affiliation == "" || strings.EqualFold(p.Affiliation, org.Name) {
		if org.Name != "" {
			n["affiliation"] = refOrganizationRef(b)
		}
	} else {
		n["affiliation"] = refNode{"@type": "Organization", "name": p.Affiliation}
	}
	var sameAs []string
	if u := p.ORCIDURL(); u != "" {
		sameAs = append(sameAs, u)
	}
	sameAs = append(sameAs, p.SameAs...)
	if len(sameAs) > 0 {
		n["sameAs"] = sameAs
	}
	if p.NPI != "" && site.ValidNPI(p.NPI) {
		n["identifier"] = refNode{"@type": "PropertyValue", "propertyID": "NPI", "value": p.NPI}
	}
	return n
}

func refProfileNode(b *build.Build, p *build.PageData) refNode {
	return refNode{
		"@type":       "ProfilePage",
		"@id":         p.Permalink,
		"url":         p.Permalink,
		"name":        p.Title,
		"description": p.Description,
		"inLanguage":  b.Config.Language,
		"isPartOf":    refNode{"@id": refWebsiteID(b)},
		"mainEntity":  refPerson(b, p.Person),
	}
}

func refOrganizationID(b *build.Build) string {
	return b.Config.AbsURL("/") + "#organization"
}

func refWebsiteID(b *build.Build) string {
	return b.Config.AbsURL("/") + "#website"
}

func refOrganizationName(b *build.Build) string {
	return refFirstNonEmpty(b.Config.Organization.Name, b.Config.Title)
}

// refOrganizationRef names the publisher inside another node.
func refOrganizationRef(b *build.Build) refNode {
	return refNode{"@type": "Organization", "@id": refOrganizationID(b), "name": refOrganizationName(b)}
}

func refOrganizationNode(b *build.Build) refNode {
	org := b.Config.Organization
	n := refNode{
		"@type": "Organization",
		"@id":   refOrganizationID(b),
		"name":  refOrganizationName(b),
		"url":   refFirstNonEmpty(org.URL, b.Config.AbsURL("/")),
	}
	if org.Logo != "" {
		n["logo"] = refNode{"@type": "ImageObject", "url": refAbsolute(b, org.Logo)}
	}
	return n
}

func refWebsiteNode(b *build.Build) refNode {
	n := refNode{
		"@type":      "WebSite",
		"@id":        refWebsiteID(b),
		"url":        b.Config.AbsURL("/"),
		"name":       b.Config.Title,
		"inLanguage": b.Config.Language,
		"publisher":  refNode{"@id": refOrganizationID(b)},
	}
	if b.Config.Description != "" {
		n["description"] = b.Config.Description
	}
	return n
}

// refAboutNodes reads the about field: a name ("Asthma"), a group of fields
// ({name, type, code, codingSystem}) or a list of either.
func refAboutNodes(a *site.Article) any {
	v, ok := a.Params["about"]
	if !ok || v == nil {
		return nil
	}
	defType := "Thing"
	if a.Section == "conditions" {
		defType = "MedicalCondition"
	}
	one := func(x any) refNode {
		switch t := x.(type) {
		case string:
			if strings.TrimSpace(t) == "" {
				return nil
			}
			return refNode{"@type": defType, "name": strings.TrimSpace(t)}
		case map[string]any:
			text := func(k string) string {
				if s, ok := t[k]; ok && s != nil {
					if str, ok := s.(string); ok {
						return strings.TrimSpace(str)
					}
				}
				return ""
			}
			n := refNode{"@type": refFirstNonEmpty(text("type"), text("@type"), defType)}
			if name := text("name"); name != "" {
				n["name"] = name
			}
			if code := text("code"); code != "" {
				c := refNode{"@type": "MedicalCode", "code": code}
				if sys := text("codingSystem"); sys != "" {
					c["codingSystem"] = sys
				}
				n["code"] = c
			}
			if u := text("url"); u != "" {
				n["sameAs"] = u
			}
			return n
		}
		return nil
	}
	if list, ok := v.([]any); ok {
		var out []refNode
		for _, x := range list {
			if n := one(x); n != nil {
				out = append(out, n)
			}
		}
		if len(out) == 0 {
			return nil
		}
		return out
	}
	if n := one(v); n != nil {
		return n
	}
	return nil
}

// refSpecialtyKeyFolder is built once: a strings.Replacer prepares its tables on first use.
var refSpecialtyKeyFolder = strings.NewReplacer(" ", "", "_", "", "-", "")

// refAudiences maps front-matter audience words to schema.org's terms.
var refAudiences = map[string]string{
	"patient": "Patient", "patients": "Patient",
	"clinician": "Clinician", "clinicians": "Clinician",
	"researcher": "MedicalResearcher", "researchers": "MedicalResearcher", "medicalresearcher": "MedicalResearcher",
}

func refAudience(s string) any {
	key := strings.ToLower(refSpecialtyKeyFolder.Replace(s))
	if t, ok := refAudiences[key]; ok {
		return refSchemaContext + "/" + t
	}
	return refNode{"@type": "Audience", "audienceType": s}
}

// refMedicalSpecialties are the members of schema.org's MedicalSpecialty.
var refMedicalSpecialties = []string{
	"Anesthesia", "Cardiovascular", "CommunityHealth", "Dentistry", "Dermatologic", "Dermatology", "DietNutrition",
	"Emergency", "Endocrine", "Gastroenterologic", "Genetic", "Geriatric", "Gynecologic", "Hematologic",
	"Infectious", "LaboratoryScience", "Midwifery", "Musculoskeletal", "Neurologic", "Nursing", "Obstetric",
	"Oncologic", "Optometric", "Otolaryngologic", "Pathology", "Pediatric", "PharmacySpecialty", "Physiotherapy",
	"PlasticSurgery", "Podiatric", "PrimaryCare", "Psychiatric", "PublicHealth", "Pulmonary", "Radiography",
	"Renal", "RespiratoryTherapy", "Rheumatologic", "SpeechPathology", "Surgical", "Toxicologic", "Urologic",
}

// refSpecialty gives a MedicalSpecialty its schema.org address; other text stays text.
func refSpecialty(s string) string {
	key := strings.ReplaceAll(s, " ", "")
	for _, m := range refMedicalSpecialties {
		if strings.EqualFold(m, key) {
			return refSchemaContext + "/" + m
		}
	}
	return s
}

func refFirstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// refSocialMeta returns the Open Graph and Twitter card elements of a page.
func refSocialMeta(b *build.Build, p *build.PageData) []build.Meta {
	cfg := b.Config
	og := func(prop, content string) build.Meta { return build.Meta{Property: prop, Content: content} }
	tw := func(name, content string) build.Meta { return build.Meta{Name: name, Content: content} }
	title := p.Title
	if title == "" || p.Kind == build.KindHome {
		title = cfg.Title
	}
	typ := "website"
	switch p.Kind {
	case build.KindArticle:
		typ = "article"
	case build.KindPerson:
		typ = "profile"
	}
	image := ""
	if p.Article != nil && p.Article.Article.Image != "" {
		image = refAbsolute(b, p.Article.Article.Image)
	}
	meta := []build.Meta{
		og("og:type", typ),
		og("og:site_name", cfg.Title),
		og("og:title", title),
		og("og:description", p.Description),
		og("og:url", p.Permalink),
	}
	if loc := refOgLocale(p.Lang); loc != "" {
		meta = append(meta, og("og:locale", loc))
	}
	if image != "" {
		meta = append(meta, og("og:image", image))
	}
	if p.Kind == build.KindArticle && p.Article != nil {
		a := p.Article.Article
		meta = append(meta, og("article:published_time", a.Date.Format(time.RFC3339)))
		meta = append(meta, og("article:modified_time", a.Updated().Format(time.RFC3339)))
		if sec := b.Site.Section(a.Section); sec != nil {
			meta = append(meta, og("article:section", sec.Title))
		}
		for _, t := range a.Tags {
			meta = append(meta, og("article:tag", t.Name))
		}
	}
	card := "summary"
	if image != "" {
		card = "summary_large_image"
	}
	meta = append(meta, tw("twitter:card", card), tw("twitter:title", title), tw("twitter:description", p.Description))
	if image != "" {
		meta = append(meta, tw("twitter:image", image))
	}
	return meta
}

// refOgLocale turns a language tag with a region (en-US, es-MX) into Open
// Graph's language_TERRITORY form (en_US, es_MX). A bare language ("en")
// gives "": guessing the territory would be wrong for half the sites.
func refOgLocale(lang string) string {
	l, region, ok := strings.Cut(strings.ReplaceAll(lang, "_", "-"), "-")
	if !ok || len(l) != 2 || len(region) != 2 {
		return ""
	}
	return strings.ToLower(l) + "_" + strings.ToUpper(region)
}

// refAbsolute makes a site path or an address absolute.
func refAbsolute(b *build.Build, ref string) string {
	if strings.HasPrefix(ref, "https://") || strings.HasPrefix(ref, "http://") {
		return ref
	}
	return b.Config.AbsURL(ref)
}

// refOverdueNotice is the notice an article overdue for clinical review shows
// at the top of its page. It shows whatever [review] overdue says: with
// "warn" the page is still published, and its readers must still be told.
func refOverdueNotice(b *build.Build, p *build.PageData) (build.Notice, bool) {
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

// refAppendJSON appends v as encoding/json's Marshal writes it (keys sorted,
// <, >, & and U+2028/U+2029 escaped), for the values JSON-LD nodes hold.
// Marshal reflected over every refNode of every page and sorted map keys by
// reflection: 7% of all allocations of a 10,000-article build. Any other
// type goes through Marshal itself.
func refAppendJSON(dst []byte, v any) []byte {
	switch v := v.(type) {
	case nil:
		return append(dst, "null"...)
	case string:
		return appendJSONString(dst, v)
	case bool:
		if v {
			return append(dst, "true"...)
		}
		return append(dst, "false"...)
	case refNode:
		if v == nil {
			return append(dst, "null"...)
		}
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		dst = append(dst, '{')
		for i, k := range keys {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendJSONString(dst, k)
			dst = append(dst, ':')
			dst = refAppendJSON(dst, v[k])
		}
		return append(dst, '}')
	case []refNode:
		return refAppendArray(dst, v, refAppendNode)
	case []string:
		return refAppendArray(dst, v, appendJSONString)
	case []any:
		return refAppendArray(dst, v, refAppendJSON)
	}
	data, err := json.Marshal(v)
	if err != nil {
		return append(dst, "null"...)
	}
	return append(dst, data...)
}

func refAppendNode(dst []byte, n refNode) []byte { return refAppendJSON(dst, n) }

// refAppendArray writes a JSON array of list (null for a nil slice, as
// json.Marshal does).
func refAppendArray[T any](dst []byte, list []T, elem func([]byte, T) []byte) []byte {
	if list == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '[')
	for i, e := range list {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = elem(dst, e)
	}
	return append(dst, ']')
}
