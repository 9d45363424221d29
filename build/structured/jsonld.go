package structured

import (
	"html/template"
	"strings"
	"time"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/site"
)

const schemaContext = "https://schema.org"

// node is one JSON-LD object. encoding/json writes map keys sorted, so the
// output is the same on every build.
type node = map[string]any

// jsonLD returns the JSON-LD blocks of a page: articles, profiles and the
// first home page have some; other pages none.
func jsonLD(b *build.Build, p *build.PageData) []template.JS {
	var nodes []node
	switch {
	case p.Kind == build.KindArticle && p.Article != nil && p.Article.Article.Kind == site.KindArticle:
		nodes = articleNodes(b, p)
	case p.Kind == build.KindPerson && p.Person != nil:
		nodes = []node{profileNode(b, p)}
	case p.Kind == build.KindHome && p.URL == "/":
		nodes = []node{organizationNode(b), websiteNode(b)}
	}
	out := make([]template.JS, 0, len(nodes))
	for _, n := range nodes {
		n["@context"] = schemaContext
		// appendJSON escapes <, >, &, U+2028 and U+2029 as json.Marshal
		// does, so the text cannot end the script element it is written in.
		out = append(out, template.JS(appendJSON(nil, n)))
	}
	return out
}

func articleNodes(b *build.Build, p *build.PageData) []node {
	a := p.Article.Article
	cfg := b.Config
	pageID := p.Permalink + "#webpage"
	postID := p.Permalink + "#article"
	lang := firstNonEmpty(a.Lang, cfg.Language)

	webType := "WebPage"
	if cfg.Review.IsClinicalSection(a.Section) || len(a.Reviewers) > 0 {
		webType = "MedicalWebPage"
	}
	page := node{
		"@type":       webType,
		"@id":         pageID,
		"url":         p.Permalink,
		"name":        a.Title,
		"description": a.Description,
		"inLanguage":  lang,
		"isPartOf":    node{"@id": websiteID(b)},
		"mainEntity":  node{"@id": postID},
		"publisher":   organizationRef(b),
	}
	if !a.LastReviewed.IsZero() {
		page["lastReviewed"] = a.LastReviewed.Format("2006-01-02")
	}
	if len(a.Reviewers) > 0 {
		page["reviewedBy"] = people(b, a.Reviewers)
	}
	if about := aboutNodes(a); about != nil {
		page["about"] = about
	}
	if a.Audience != "" {
		page["audience"] = audience(a.Audience)
	}
	if a.Specialty != "" {
		page["specialty"] = specialty(a.Specialty)
	}

	post := node{
		"@type":            "BlogPosting",
		"@id":              postID,
		"url":              p.Permalink,
		"mainEntityOfPage": node{"@id": pageID},
		"headline":         a.Title,
		"description":      a.Description,
		"inLanguage":       lang,
		"datePublished":    a.Date.Format(time.RFC3339),
		"dateModified":     a.Updated().Format(time.RFC3339),
		"author":           people(b, a.Authors),
		"publisher":        organizationRef(b),
	}
	if a.Image != "" {
		post["image"] = absolute(b, a.Image)
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
		var cites []node
		for _, r := range a.References {
			c := node{"@type": "CreativeWork", "name": r.Title, "url": r.Link()}
			var ids []node
			if r.DOI != "" {
				ids = append(ids, node{"@type": "PropertyValue", "propertyID": "DOI", "value": r.DOI})
			}
			if r.PMID != "" {
				ids = append(ids, node{"@type": "PropertyValue", "propertyID": "PMID", "value": r.PMID})
			}
			if ids != nil {
				c["identifier"] = ids
			}
			cites = append(cites, c)
		}
		post["citation"] = cites
	}
	if a.Sponsor != "" {
		post["sponsor"] = node{"@type": "Organization", "name": a.Sponsor}
	}
	if a.Funding != "" {
		post["funding"] = node{"@type": "Grant", "name": a.Funding}
	}
	return []node{page, post}
}

// people returns the Person nodes of authors or reviewers.
func people(b *build.Build, list []*site.Person) []node {
	out := make([]node, 0, len(list))
	for _, p := range list {
		out = append(out, person(b, p))
	}
	return out
}

// person is a schema.org Person: the name alone in name, the credentials in
// honorificSuffix, the role in jobTitle, the profile page in url and the
// ORCID record in sameAs, as Google's author guidance asks.
func person(b *build.Build, p *site.Person) node {
	n := node{"@type": "Person", "name": p.Name}
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
		n["image"] = absolute(b, p.Photo)
	}
	org := b.Config.Organization
	if p.Affiliation == "" || strings.EqualFold(p.Affiliation, org.Name) {
		if org.Name != "" {
			n["affiliation"] = organizationRef(b)
		}
	} else {
		n["affiliation"] = node{"@type": "Organization", "name": p.Affiliation}
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
		n["identifier"] = node{"@type": "PropertyValue", "propertyID": "NPI", "value": p.NPI}
	}
	return n
}

func profileNode(b *build.Build, p *build.PageData) node {
	return node{
		"@type":       "ProfilePage",
		"@id":         p.Permalink,
		"url":         p.Permalink,
		"name":        p.Title,
		"description": p.Description,
		"inLanguage":  b.Config.Language,
		"isPartOf":    node{"@id": websiteID(b)},
		"mainEntity":  person(b, p.Person),
	}
}

func organizationID(b *build.Build) string {
	return b.Config.AbsURL("/") + "#organization"
}

func websiteID(b *build.Build) string {
	return b.Config.AbsURL("/") + "#website"
}

func organizationName(b *build.Build) string {
	return firstNonEmpty(b.Config.Organization.Name, b.Config.Title)
}

// organizationRef names the publisher inside another node.
func organizationRef(b *build.Build) node {
	return node{"@type": "Organization", "@id": organizationID(b), "name": organizationName(b)}
}

func organizationNode(b *build.Build) node {
	org := b.Config.Organization
	n := node{
		"@type": "Organization",
		"@id":   organizationID(b),
		"name":  organizationName(b),
		"url":   firstNonEmpty(org.URL, b.Config.AbsURL("/")),
	}
	if org.Logo != "" {
		n["logo"] = node{"@type": "ImageObject", "url": absolute(b, org.Logo)}
	}
	return n
}

func websiteNode(b *build.Build) node {
	n := node{
		"@type":      "WebSite",
		"@id":        websiteID(b),
		"url":        b.Config.AbsURL("/"),
		"name":       b.Config.Title,
		"inLanguage": b.Config.Language,
		"publisher":  node{"@id": organizationID(b)},
	}
	if b.Config.Description != "" {
		n["description"] = b.Config.Description
	}
	return n
}

// aboutNodes reads the about field: a name ("Asthma"), a group of fields
// ({name, type, code, codingSystem}) or a list of either.
func aboutNodes(a *site.Article) any {
	v, ok := a.Params["about"]
	if !ok || v == nil {
		return nil
	}
	defType := "Thing"
	if a.Section == "conditions" {
		defType = "MedicalCondition"
	}
	one := func(x any) node {
		switch t := x.(type) {
		case string:
			if strings.TrimSpace(t) == "" {
				return nil
			}
			return node{"@type": defType, "name": strings.TrimSpace(t)}
		case map[string]any:
			text := func(k string) string {
				if s, ok := t[k]; ok && s != nil {
					if str, ok := s.(string); ok {
						return strings.TrimSpace(str)
					}
				}
				return ""
			}
			n := node{"@type": firstNonEmpty(text("type"), text("@type"), defType)}
			if name := text("name"); name != "" {
				n["name"] = name
			}
			if code := text("code"); code != "" {
				c := node{"@type": "MedicalCode", "code": code}
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
		var out []node
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

// specialtyKeyFolder is built once: a strings.Replacer prepares its tables on first use.
var specialtyKeyFolder = strings.NewReplacer(" ", "", "_", "", "-", "")

// audiences maps front-matter audience words to schema.org's terms.
var audiences = map[string]string{
	"patient": "Patient", "patients": "Patient",
	"clinician": "Clinician", "clinicians": "Clinician",
	"researcher": "MedicalResearcher", "researchers": "MedicalResearcher", "medicalresearcher": "MedicalResearcher",
}

func audience(s string) any {
	key := strings.ToLower(specialtyKeyFolder.Replace(s))
	if t, ok := audiences[key]; ok {
		return schemaContext + "/" + t
	}
	return node{"@type": "Audience", "audienceType": s}
}

// medicalSpecialties are the members of schema.org's MedicalSpecialty.
var medicalSpecialties = []string{
	"Anesthesia", "Cardiovascular", "CommunityHealth", "Dentistry", "Dermatologic", "Dermatology", "DietNutrition",
	"Emergency", "Endocrine", "Gastroenterologic", "Genetic", "Geriatric", "Gynecologic", "Hematologic",
	"Infectious", "LaboratoryScience", "Midwifery", "Musculoskeletal", "Neurologic", "Nursing", "Obstetric",
	"Oncologic", "Optometric", "Otolaryngologic", "Pathology", "Pediatric", "PharmacySpecialty", "Physiotherapy",
	"PlasticSurgery", "Podiatric", "PrimaryCare", "Psychiatric", "PublicHealth", "Pulmonary", "Radiography",
	"Renal", "RespiratoryTherapy", "Rheumatologic", "SpeechPathology", "Surgical", "Toxicologic", "Urologic",
}

// specialty gives a MedicalSpecialty its schema.org address; other text stays text.
func specialty(s string) string {
	key := strings.ReplaceAll(s, " ", "")
	for _, m := range medicalSpecialties {
		if strings.EqualFold(m, key) {
			return schemaContext + "/" + m
		}
	}
	return s
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
