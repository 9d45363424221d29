package site

import (
	"strings"
)

// A Person is an author or clinical reviewer. People with a profile live in
// content/authors/<key>.md and get a page at /authors/<key>/; people written
// inline in an article's front matter have no Key and no page.
type Person struct {
	Key         string   // file name under content/authors without .md; "" for inline people
	Name        string   // the name only, without credentials
	Credentials []string // MD, FACC, RN …, in the order written
	Role        string   // job title, such as "Cardiologist"
	Affiliation string
	NPI         string // US National Provider Identifier
	ORCID       string // researcher identifier, 0000-0000-0000-0000
	SameAs      []string
	Photo       string
	COI         string // conflict-of-interest statement

	SourcePath string // content/authors/<key>.md; "" for inline people
	Bio        []byte // Markdown body of the profile
	BioLine    int    // line of the file the bio starts on
	URL        string // site path of the profile page; "" for inline people

	// Lines maps each front-matter key of the profile to its line; nil for inline people.
	Lines map[string]int

	// Authored and Reviewed list the included articles the person wrote and
	// reviewed, newest first. Load fills them.
	Authored []*Article
	Reviewed []*Article
}

// personKeys are the front-matter keys of a profile file.
var personKeys = []string{"name", "credentials", "role", "affiliation", "npi", "orcid", "sameAs", "photo", "coi", "email"}

// inlinePersonKeys are the keys of a person written inline in an article.
var inlinePersonKeys = []string{"name", "credentials", "role", "affiliation", "url", "orcid", "npi", "sameAs"}

// NameWithCredentials is "Maria Lopez, MD, FACC".
func (p *Person) NameWithCredentials() string {
	if len(p.Credentials) == 0 {
		return p.Name
	}
	return p.Name + ", " + strings.Join(p.Credentials, ", ")
}

// Byline is "Maria Lopez, MD, FACC — Cardiologist".
func (p *Person) Byline() string {
	if p.Role == "" {
		return p.NameWithCredentials()
	}
	return p.NameWithCredentials() + " — " + p.Role
}

// ID identifies the person within the site: the key, or the name for inline people.
func (p *Person) ID() string {
	if p.Key != "" {
		return "key:" + p.Key
	}
	return "name:" + strings.ToLower(p.Name)
}

func readPerson(sf *sourceFile, key string) *Person {
	r := sf.reader()
	p := &Person{
		Key:        key,
		SourcePath: sf.path,
		Bio:        sf.body,
		BioLine:    sf.bodyLine,
		Lines:      sf.fm.Lines,
		URL:        "/authors/" + key + "/",
	}
	p.Name = r.requiredStr("name", `name: "Maria Lopez"`)
	p.Credentials = r.strList("credentials")
	p.Role = r.str("role")
	p.Affiliation = r.str("affiliation")
	p.NPI = r.str("npi")
	p.ORCID = r.str("orcid")
	p.SameAs = r.strList("sameAs")
	p.Photo = r.str("photo")
	p.COI = r.str("coi")
	r.warnUnknown(personKeys)
	return p
}

// inlinePerson decodes {name, credentials, role, affiliation} written in an
// article's author or reviewedBy field.
// where is the person's place in the front matter: the key ("author"), or
// the key and the index in its list ("author/1"), for the lines of its
// fields (FrontMatter.Inner).
func inlinePerson(r *fieldReader, key, where string, m map[string]any) *Person {
	sub := &fieldReader{fm: &FrontMatter{Values: m, Lines: map[string]int{}, Line: r.lineAt(where)}, file: r.file, diags: r.diags}
	for k := range m {
		sub.fm.Lines[k] = r.lineAt(where + "/" + k)
		sub.fm.Keys = append(sub.fm.Keys, k)
	}
	p := &Person{}
	p.Name = sub.str("name")
	if p.Name == "" {
		r.diags.Errorf(r.file, r.lineAt(where), "write the person as {name: Maria Lopez, credentials: [MD]} or as a key from content/authors", "%s: a person written inline needs a name", key)
		return nil
	}
	p.Credentials = sub.strList("credentials")
	p.Role = sub.str("role")
	p.Affiliation = sub.str("affiliation")
	p.ORCID = sub.str("orcid")
	p.NPI = sub.str("npi")
	p.SameAs = sub.strList("sameAs")
	for _, k := range sortedKeys(m) {
		if !contains(inlinePersonKeys, k) {
			r.diags.Warnf(r.file, r.lineAt(where+"/"+k), didYouMean(k, inlinePersonKeys, "remove it or check the spelling"), "%s.%s: unknown key", key, k)
		}
	}
	return p
}
