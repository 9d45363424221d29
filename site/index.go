package site

import (
	"fmt"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// resolvePeople turns the author and reviewedBy values of an article into
// Persons: keys are looked up in content/authors, inline maps become people
// without a profile.
func (s *Site) resolvePeople(a *Article, diags *Diagnostics) {
	if a.Kind != KindArticle {
		return
	}
	r := &fieldReader{fm: &FrontMatter{Values: a.Params, Lines: a.Lines, Inner: a.peopleLines, Line: 1}, file: a.SourcePath, diags: diags}
	a.Authors = s.people(r, "author")
	a.Reviewers = s.people(r, "reviewedBy")
	if len(a.Authors) == 0 && !r.has("author") {
		r.missing("author", "author: maria-lopez (a file name from content/authors)")
	}
	for _, rev := range a.Reviewers {
		for _, au := range a.Authors {
			if samePerson(rev, au) {
				r.errorf("reviewedBy", "ask a second clinician to review the article and name them in reviewedBy",
					"reviewedBy: %s is also an author; nobody may review their own article", au.Name)
			}
		}
	}
}

// samePerson reports whether p and q are one person: the same profile, or
// the same name where either is written inline (a profile's author
// reviewing as {name: …} is still reviewing their own article).
func samePerson(p, q *Person) bool {
	if p.Key != "" && q.Key != "" {
		return p.Key == q.Key
	}
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
	return norm(p.Name) == norm(q.Name)
}

// people reads a person field: a key, an inline map, or a list of either.
func (s *Site) people(r *fieldReader, key string) []*Person {
	v, ok := r.fm.Values[key]
	if !ok || v == nil {
		return nil
	}
	items, isList := v.([]any)
	if !isList {
		items = []any{v}
	}
	var out []*Person
	seen := map[string]bool{}
	for i, item := range items {
		where := key
		if isList {
			where = key + "/" + strconv.Itoa(i)
		}
		var p *Person
		switch x := item.(type) {
		case string:
			k := strings.TrimSpace(x)
			p = s.PeopleByKey[k]
			if p == nil {
				r.diags.Errorf(r.file, r.lineAt(where), s.unknownPersonHint(key, k), "%s: unknown person %q", key, k)
				continue
			}
		case map[string]any:
			p = inlinePerson(r, key, where, x)
			if p == nil {
				continue
			}
		default:
			r.diags.Errorf(r.file, r.lineAt(where), "write a key from content/authors, like "+key+": maria-lopez, or a list of keys", "%s: expected a person, got %s", key, describe(item))
			continue
		}
		if seen[p.ID()] {
			r.diags.Warnf(r.file, r.lineAt(where), "remove the repeated name", "%s: %s is listed twice", key, p.Name)
			continue
		}
		seen[p.ID()] = true
		out = append(out, p)
	}
	return out
}

// unknownPersonHint says how to fix a person field's value k that is no
// profile key: the key of the profile whose name it is ("Ana Ruiz" → ana),
// the key without .md, the closest key, or else the profile to add, under
// a file name the build accepts.
func (s *Site) unknownPersonHint(field, k string) string {
	keys := make([]string, len(s.People))
	for i, q := range s.People {
		keys[i] = q.Key
	}
	if strings.HasPrefix(k, "TODO") && len(keys) > 0 {
		// The placeholder `bedside new` writes.
		return fmt.Sprintf("replace the placeholder with the file name of a profile in content/authors, like %s", keys[0])
	}
	if p := s.profileNamed(k); p != nil {
		return fmt.Sprintf("did you mean %s (%s)? Write the file name of the profile, not the name", p.Key, p.Name)
	}
	name := k
	if strings.HasSuffix(strings.ToLower(k), ".md") {
		// "bob.md", "content/authors/bob.md": the key is the bare file name.
		name = strings.TrimSpace(path.Base(strings.ReplaceAll(k[:len(k)-len(".md")], `\`, "/")))
		if s.PeopleByKey[name] != nil {
			return fmt.Sprintf("did you mean %s? Write the file name without .md", name)
		}
		if p := s.profileNamed(name); p != nil {
			return fmt.Sprintf("did you mean %s (%s)? Write the file name of the profile without .md", p.Key, p.Name)
		}
	}
	if sug := suggest(name, keys); sug != "" {
		return "did you mean " + sug + "?"
	}
	file := Slugify(name)
	if file == "" || checkSlug(file) != nil {
		return "add a profile to content/authors, like content/authors/maria-lopez.md, or use the file name of an existing profile"
	}
	if file == k {
		return fmt.Sprintf("add content/authors/%s.md, or use the file name of an existing profile", file)
	}
	return fmt.Sprintf("add content/authors/%s.md and write %s: %s, or use the file name of an existing profile", file, field, file)
}

// profileNamed returns the profile whose name v is, compared ignoring case,
// spacing, a title "Dr." and the credentials ("Ana Ruiz, MD", "Dr. ana
// ruiz"), or nil.
func (s *Site) profileNamed(v string) *Person {
	words := func(x string) []string {
		ws := strings.Fields(strings.ToLower(strings.ReplaceAll(x, ",", " ")))
		for i, w := range ws {
			ws[i] = strings.ReplaceAll(w, ".", "")
		}
		return ws
	}
	typed := words(v)
	if len(typed) > 0 && typed[0] == "dr" {
		typed = typed[1:]
	}
	var known *credentialSet
	for _, p := range s.People {
		name := words(p.Name)
		if len(name) == 0 || len(typed) < len(name) || !slices.Equal(typed[:len(name)], name) {
			continue
		}
		allCredentials := true
		for _, w := range typed[len(name):] {
			c := canonicalCredential(w)
			if slices.ContainsFunc(p.Credentials, func(pc string) bool { return canonicalCredential(pc) == c }) {
				continue
			}
			if known == nil {
				known = s.Config.Review.credentialSet()
			}
			if _, ok := known.known[c]; !ok {
				allCredentials = false
				break
			}
		}
		if allCredentials {
			return p
		}
	}
	return nil
}

// include keeps the articles this build publishes and sorts them newest first.
func (s *Site) include(all []*Article) {
	for _, a := range all {
		if !s.Included(a) {
			s.Excluded++
			continue
		}
		if a.Kind == KindPage {
			s.Pages = append(s.Pages, a)
		} else {
			s.Articles = append(s.Articles, a)
		}
	}
	SortNewestFirst(s.Articles)
	sort.Slice(s.Pages, func(i, j int) bool { return s.Pages[i].URL < s.Pages[j].URL })
}

// Included reports whether the build publishes a: drafts, articles not yet
// published and expired ones are left out unless the options ask for them.
func (s *Site) Included(a *Article) bool {
	if a.Draft && !s.Opts.Drafts {
		return false
	}
	pub := a.PublishDate
	if pub.IsZero() {
		pub = a.Date
	}
	if pub.After(s.Now) && !s.Opts.Future {
		return false
	}
	if !a.ExpiryDate.IsZero() && !a.ExpiryDate.After(s.Now) && !s.Opts.Expired {
		return false
	}
	return true
}

// SortNewestFirst orders articles by date, newest first; ties by title then URL
// so that the order never depends on how files were read.
func SortNewestFirst(list []*Article) {
	// Most lists handed in are in order already (they come from the
	// site's own lists); checking costs one pass, sorting n log² n.
	if slices.IsSortedFunc(list, compareNewestFirst) {
		return
	}
	slices.SortStableFunc(list, compareNewestFirst)
}

func compareNewestFirst(a, b *Article) int {
	if c := b.Date.Compare(a.Date); c != 0 {
		return c
	}
	if c := strings.Compare(a.Title, b.Title); c != 0 {
		return c
	}
	return strings.Compare(a.URL, b.URL)
}

// SortByWeight orders articles by weight (set weights first, smallest
// first), then newest first: the order of section lists.
func SortByWeight(list []*Article) {
	SortNewestFirst(list)
	sort.SliceStable(list, func(i, j int) bool {
		wi, wj := list[i].Weight, list[j].Weight
		if (wi == 0) != (wj == 0) {
			return wi != 0
		}
		return wi < wj
	})
}

// index builds sections and tags from the included articles, reporting
// problems to diags.
func (s *Site) index(sectionIndex map[string]*sourceFile, diags *Diagnostics) {
	sections := map[string]*Section{}
	tags := map[string]*Tag{}
	// A few tag names recur over thousands of articles: make each one's
	// key once.
	keys := map[string]string{}
	for _, a := range s.Articles {
		sec := sections[a.Section]
		if sec == nil {
			sec = &Section{Key: a.Section, URL: "/" + a.Section + "/", Title: titleCase(a.Section)}
			sections[a.Section] = sec
		}
		sec.Articles = append(sec.Articles, a)
		for _, name := range stringList(a.Params["tags"]) {
			key, ok := keys[name]
			if !ok {
				key = Slugify(name)
				keys[name] = key
			}
			if key == "" {
				tagKey(a, name, diags) // the warning
				continue
			}
			t := tags[key]
			if t == nil {
				t = &Tag{Key: key, Name: name, URL: "/tags/" + key + "/"}
				tags[key] = t
			}
			if len(t.Articles) > 0 && t.Articles[len(t.Articles)-1] == a {
				continue
			}
			t.Articles = append(t.Articles, a)
			a.Tags = append(a.Tags, t)
		}
	}
	for key, sf := range sectionIndex {
		sec := sections[key]
		if sec == nil {
			if strings.Contains(key, "/") {
				continue // sub-folder index: the section list is the top folder's
			}
			sec = &Section{Key: key, URL: "/" + key + "/", Title: titleCase(key)}
			sections[key] = sec
		}
		idx := readSectionIndex(sf, key, diags)
		if idx.Title != "" {
			sec.Title = idx.Title
		}
		sec.Description, sec.Body, sec.BodyLine, sec.SourcePath = idx.Description, idx.Body, idx.BodyLine, idx.SourcePath
	}
	for _, k := range sortedKeys(sections) {
		SortByWeight(sections[k].Articles)
		s.Sections = append(s.Sections, sections[k])
	}
	for _, k := range sortedKeys(tags) {
		s.Tags = append(s.Tags, tags[k])
	}
}

// indexPeople makes each person's lists of the included articles they
// wrote and reviewed, once the people of every article are resolved.
func (s *Site) indexPeople() {
	for _, a := range s.Articles {
		for _, p := range a.Authors {
			p.Authored = append(p.Authored, a)
		}
		for _, p := range a.Reviewers {
			p.Reviewed = append(p.Reviewed, a)
		}
	}
}

// tagKey is the URL segment of one of a's tags; "" (with a warning in
// diags) when the name has nothing to make one of.
func tagKey(a *Article, name string, diags *Diagnostics) string {
	key := Slugify(name)
	if key == "" {
		diags.Warnf(a.SourcePath, a.Line("tags"), "use letters or digits in tags", "tags: %q has no letters or digits; left out", name)
	}
	return key
}

// stringList reads tags leniently: the field reader reports wrong types.
func stringList(v any) []string {
	list, ok := v.([]any)
	if !ok {
		return nil
	}
	var out []string
	for _, x := range list {
		if s, ok := x.(string); ok && strings.TrimSpace(s) != "" {
			out = append(out, strings.TrimSpace(s))
		}
	}
	return out
}

func titleCase(key string) string {
	words := strings.Fields(strings.NewReplacer("-", " ", "_", " ").Replace(key))
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

// reservedPaths are the site paths Bedside itself writes.
var reservedPaths = []string{"/tags/", "/authors/", "/404.html", "/sitemap.xml", "/robots.txt", "/index.xml", "/atom.xml", "/feed.json", "/assets/", "/reviewed/"}

// reservedSections are the top-level folders whose addresses Bedside
// fills itself: tag pages, profiles, the home page's later pages, the
// reviews feed and the theme's assets.
var reservedSections = []string{"tags", "authors", "page", "reviewed", "assets"}

// checkURLs reports to diags two pages with one URL, an alias that
// collides with a page or another alias, and content whose URL is one
// Bedside writes itself.
func (s *Site) checkURLs(diags *Diagnostics) {
	// lower-cased URL → who has it, told as "the address of X" or "an alias of X"
	type claimant struct {
		src, as string
		alias   bool
	}
	owner := make(map[string]claimant, len(s.Articles)+len(s.Pages)+len(s.Sections))
	claim := func(url, src string, line int, what string) {
		key := strings.ToLower(url)
		if prev, ok := owner[key]; ok {
			if prev.src == src && prev.alias && what == "alias" {
				return // one article listing an alias twice (/old/x/ and /old/x)
			}
			hint := "change the slug or the file name so that each page has its own address"
			if what == "alias" {
				hint = "remove the alias or change it, so that each address leads to one page"
			}
			diags.Errorf(src, line, hint, "%s %s is also %s", what, url, prev.as)
			return
		}
		as := "the address of " + src
		if what == "alias" {
			as = "an alias of " + src
		}
		owner[key] = claimant{src, as, what == "alias"}
	}
	for _, sec := range s.Sections {
		if slices.Contains(reservedSections, sec.Key) {
			diags.Errorf("content/"+sec.Key+"/", 0, "rename the folder, like content/"+sec.Key+"-info/",
				"a section may not be called %s: Bedside writes its own pages at /%s/", sec.Key, sec.Key)
		}
		owner[strings.ToLower(sec.URL)] = claimant{as: "the address of the " + sec.Key + " section list"}
	}
	for _, r := range reservedPaths {
		owner[strings.ToLower(r)] = claimant{as: "the address of a page Bedside writes itself"}
	}
	// Pages whose URL comes from their file name claim it first, so that
	// the error lands on the slug: line that caused the clash.
	var named, slugged []*Article
	for _, list := range [][]*Article{s.Pages, s.Articles} {
		for _, a := range list {
			if a.Lines["slug"] != 0 {
				slugged = append(slugged, a)
			} else {
				named = append(named, a)
			}
		}
	}
	bySource := func(list []*Article) {
		sort.Slice(list, func(i, j int) bool { return list[i].SourcePath < list[j].SourcePath })
	}
	bySource(named)
	bySource(slugged)
	pages := append(named, slugged...)
	for _, a := range pages {
		claim(a.URL, a.SourcePath, a.Line("slug"), "URL")
	}
	for _, a := range pages {
		for _, al := range a.Aliases {
			claim(al, a.SourcePath, a.Line("aliases"), "alias")
		}
	}
}

// Section returns the section with the given key, or nil.
func (s *Site) Section(key string) *Section {
	i := sort.Search(len(s.Sections), func(i int) bool { return s.Sections[i].Key >= key })
	if i < len(s.Sections) && s.Sections[i].Key == key {
		return s.Sections[i]
	}
	return nil
}
