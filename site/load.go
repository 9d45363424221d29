package site

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"
)

// MaxFileSize is the largest Markdown file Bedside reads. A health article
// is a few kilobytes; a file this large is a mistake (a pasted export, a
// binary), and reading it would cost memory for nothing.
const MaxFileSize = 4 << 20

// Site is the whole content model of one build.
type Site struct {
	Dir    string // the site folder
	Config *Config
	Now    time.Time // "today" for review states and future/expired filtering
	Opts   LoadOptions

	// Articles are the included articles, newest first.
	Articles []*Article
	// Pages are the standalone pages directly in content/, by URL.
	Pages []*Article
	// People are the profiles in content/authors, by key.
	People      []*Person
	PeopleByKey map[string]*Person
	Sections    []*Section // by key
	Tags        []*Tag     // by key
	// Home is content/_index.md when present: an introduction for the home page.
	Home *Section
	// Excluded counts articles left out as drafts, future or expired.
	Excluded int
	// Unloaded are the addresses of Markdown files that could not be read
	// (their problems are in Diagnostics): pages other pages may link to,
	// which a build does not have.
	Unloaded []string

	Diagnostics Diagnostics

	// readsLinks says that a Markdown file is read through a symbolic
	// link: its content may be another file's too (see Patch).
	readsLinks bool
}

// ReadsLinks reports whether the site reads a Markdown file through a
// symbolic link, whose content may also be another file's: an edit then
// may change pages other than the one of the path that changed.
func (s *Site) ReadsLinks() bool { return s.readsLinks }

// LoadOptions choose which articles a build includes.
type LoadOptions struct {
	Drafts  bool      // include draft: true articles
	Future  bool      // include articles whose publishDate (or date) is after Now
	Expired bool      // include articles whose expiryDate has passed
	Now     time.Time // zero means today
	BaseURL string    // overrides baseURL from bedside.toml when set
	// Cache, when set, keeps parsed front matter between loads (the dev
	// server's), so that only changed files are parsed again.
	Cache *ParseCache
	// DeferBodies leaves the Body of articles nil: the build reads each
	// again with [ReadBody] when it renders the article, and drops it after
	// (see [Article.BodyDeferred]). A one-shot build of a large site then
	// holds only front matter, not every article's text (70 MB for 10,000
	// articles). Ignored with Cache.
	DeferBodies bool
}

// A Section is a top-level folder of content/: conditions, treatments …
type Section struct {
	Key         string // folder name
	Title       string // from _index.md, else the key in title case
	Description string
	URL         string
	Body        []byte // Markdown of _index.md
	BodyLine    int
	SourcePath  string // content/<key>/_index.md when present
	Articles    []*Article
}

// A Tag groups articles across sections.
type Tag struct {
	Key      string // URL segment, "heart-health"
	Name     string // as first written, "heart health"
	URL      string
	Articles []*Article
}

// sourceFile is one Markdown file read and split, before interpretation.
type sourceFile struct {
	path     string // relative to the site folder, forward slashes
	rel      string // relative to content/
	fm       *FrontMatter
	body     []byte
	bodyLine int
	deferred bool // body not kept: ReadBody reads it
	// article is the article or standalone page read from the file, nil
	// when it is none (see isArticleFile) or when its name cannot be an
	// address.
	article *Article
	diags   Diagnostics
	sum     uint64 // content hash, for ParseCache
}

func (sf *sourceFile) reader() *fieldReader {
	return &fieldReader{fm: sf.fm, file: sf.path, diags: &sf.diags}
}

// Load reads and checks the site in dir. It always returns a Site, as
// complete as the input allows; Site.Diagnostics lists every problem.
func Load(dir string, opts LoadOptions) *Site {
	s := &Site{Dir: dir, Opts: opts, PeopleByKey: map[string]*Person{}}
	s.Now = opts.Now
	if s.Now.IsZero() {
		s.Now = time.Now().UTC()
	}
	s.Now = midnight(s.Now)
	cfg, diags := LoadConfig(dir)
	if opts.BaseURL != "" {
		cfg.BaseURL = opts.BaseURL
		cfg.check(nil, &diags)
	}
	s.Config = cfg
	s.Diagnostics = diags

	files, err := s.listContent()
	if err != nil {
		s.Diagnostics.Errorf("content", 0, "create a content/ folder with your articles, or pass --source with the site folder", "%v", err)
		return s
	}
	opts.Cache.prepare()
	// Each article's fields are read by the worker that read its file: the
	// reading depends on that file and the configuration alone.
	sources := readSources(dir, files, opts.Cache, opts.DeferBodies && opts.Cache == nil, func(sf *sourceFile) {
		if sf.fm != nil && isArticleFile(sf.rel) {
			sf.article = s.readContent(sf)
		}
	})
	opts.Cache.replace(sources)

	var articles []*Article
	var homeSF *sourceFile
	sectionIndex := map[string]*sourceFile{}
	for _, sf := range sources {
		if sf.fm == nil { // unreadable: diagnostics already say why
			s.Diagnostics = append(s.Diagnostics, sf.diags...)
			continue
		}
		dirPart, base := path.Split(sf.rel)
		dirPart = strings.TrimSuffix(dirPart, "/")
		name := strings.TrimSuffix(base, path.Ext(base))
		switch {
		case dirPart == "authors":
			if err := checkSlug(name); err != nil {
				sf.diags.Errorf(sf.path, 0, "rename the file with letters, digits and hyphens, like maria-lopez.md", "profile file name %v", err)
				break
			}
			p := readPerson(sf, name)
			s.People = append(s.People, p)
			s.PeopleByKey[name] = p
		case strings.HasPrefix(dirPart, "authors/"):
			sf.diags.Warnf(sf.path, 0, "move it to content/authors/", "profiles in sub-folders of content/authors are not read")
		case base == "_index.md" && dirPart == "":
			homeSF = sf
		case base == "_index.md":
			sectionIndex[dirPart] = sf
		default: // isArticleFile: read by readSources
			if a := sf.article; a != nil {
				articles = append(articles, a)
			}
		}
		s.Diagnostics = append(s.Diagnostics, sf.diags...)
	}
	for _, sf := range sources {
		// The address a file that could not be read would have had, from
		// its path (its slug: is unknown).
		if sf.article == nil && isArticleFile(sf.rel) {
			dirPart, base := path.Split(sf.rel)
			s.Unloaded = append(s.Unloaded, contentURL(strings.TrimSuffix(dirPart, "/"), strings.TrimSuffix(base, path.Ext(base))))
		}
	}
	if homeSF != nil {
		s.Home = readSectionIndex(homeSF, "", &s.Diagnostics)
	}

	sort.Slice(s.People, func(i, j int) bool { return s.People[i].Key < s.People[j].Key })
	// Resolving the people of articles and indexing the sections and tags
	// touch different fields of the articles: they run at once, each
	// reporting to its own list, joined in the old order. BenchmarkLoad10k
	// went from 168-172 to 157-160 ms (four interleaved runs each).
	var peopleDiags, indexDiags Diagnostics
	var resolving sync.WaitGroup
	resolving.Go(func() {
		for _, a := range articles {
			s.resolvePeople(a, &peopleDiags)
		}
	})
	s.include(articles)
	s.index(sectionIndex, &indexDiags)
	resolving.Wait()
	s.indexPeople()
	s.Diagnostics = append(append(s.Diagnostics, peopleDiags...), indexDiags...)
	// The last checks only read the site: they run at once, each adding
	// to its own list. One after the other they kept one core of two busy
	// for about 40 ms on the 10,000-article corpus, the other idle.
	var urlDiags, pathDiags, governanceDiags Diagnostics
	var checks sync.WaitGroup
	checks.Go(func() { s.checkURLs(&urlDiags) })
	checks.Go(func() { s.checkOutputPaths(&pathDiags) })
	s.checkGovernance(&governanceDiags)
	checks.Wait()
	s.Diagnostics = append(append(append(s.Diagnostics, urlDiags...), pathDiags...), governanceDiags...)
	s.demoteLeftOutDrafts(articles)
	s.Diagnostics.Sort()
	return s
}

// demoteLeftOutDrafts turns the errors of the drafts this build leaves out
// into warnings that say so. A draft in progress (the placeholders of
// `bedside new`, a date still to check) is reported, but it does not stop
// the rest of the site from being published; built with --drafts, where
// it is on the site, its errors stay errors. A file whose front matter
// cannot be read is not known to be a draft, and stays an error.
func (s *Site) demoteLeftOutDrafts(articles []*Article) {
	if s.Opts.Drafts {
		return
	}
	drafts := map[string]bool{}
	for _, a := range articles {
		if a.Draft {
			drafts[a.SourcePath] = true
		}
	}
	if len(drafts) == 0 {
		return
	}
	for i := range s.Diagnostics {
		if d := &s.Diagnostics[i]; d.Severity == Error && drafts[d.File] {
			d.Severity = Warning
			d.Message = "draft, left out of the site: " + d.Message
		}
	}
}

// readContent reads an article (in a section folder) or a standalone page
// (directly in content/) and gives it its address. It returns nil, with
// sf.diags saying why, when the file or folder name cannot be an address.
func (s *Site) readContent(sf *sourceFile) *Article {
	dirPart, base := path.Split(sf.rel)
	dirPart = strings.TrimSuffix(dirPart, "/")
	name := strings.TrimSuffix(base, path.Ext(base))
	if dirPart == "" {
		a := readArticle(sf, s.Config, KindPage, s.Now)
		a.Slug = firstNonEmpty(a.Slug, name)
		if err := checkSlug(a.Slug); err != nil {
			sf.diags.Errorf(sf.path, 0, "rename the file with letters, digits and hyphens", "file name %v", err)
			return nil
		}
		a.URL = contentURL("", a.Slug)
		return a
	}
	a := readArticle(sf, s.Config, KindArticle, s.Now)
	a.Section = strings.SplitN(dirPart, "/", 2)[0]
	a.Slug = firstNonEmpty(a.Slug, name)
	if err := checkSlug(a.Slug); err != nil {
		sf.diags.Errorf(sf.path, 0, "rename the file with letters, digits and hyphens, or set slug:", "file name %v", err)
		return nil
	}
	for _, seg := range strings.Split(dirPart, "/") {
		if err := checkSlug(seg); err != nil {
			sf.diags.Errorf(sf.path, 0, "rename the folder with letters, digits and hyphens", "folder name %v", err)
		}
	}
	a.URL = contentURL(dirPart, a.Slug)
	return a
}

// calendarDay is the date t names, YYYY-MM-DD, in its own time zone:
// review dates compare as the days a clinician wrote, whatever the hour.
// (The strings order as the days do.)
func calendarDay(t time.Time) string { return t.Format("2006-01-02") }

// contentURL is the address of the content file with the given folder
// under content/ ("" for a page directly in it) and slug.
func contentURL(dir, slug string) string {
	if dir == "" {
		return "/" + slug + "/"
	}
	return "/" + dir + "/" + slug + "/"
}

// midnight is the start of t's day, as a UTC time: the "today" of a build.
func midnight(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// listContent walks content/ and returns the Markdown files, sorted.
func (s *Site) listContent() ([]string, error) {
	root := filepath.Join(s.Dir, "content")
	info, err := os.Stat(root)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("no content folder in %s", s.Dir)
		}
		return nil, err
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("content is not a folder")
	}
	var files []string
	// content/ may be a link to a folder shared with another site: walk the
	// folder it points to, naming its files as under content/.
	walkRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		walkRoot = root
	}
	err = filepath.WalkDir(walkRoot, func(p string, d fs.DirEntry, err error) error {
		under, _ := filepath.Rel(walkRoot, p)
		rel := filepath.ToSlash(filepath.Join("content", under))
		if err != nil {
			s.Diagnostics.Errorf(rel, 0, "check the permissions", "cannot read: %v", unwrapPathError(err))
			return nil
		}
		name := d.Name()
		if p != walkRoot && (strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~")) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil // editor backups and hidden files
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			if d.Type()&fs.ModeSymlink != 0 {
				if !LinkStaysInside(s.Dir, p) {
					s.Diagnostics.Warnf(rel, 0, "copy the file into the site instead", "links to a file outside the site folder; left out")
					return nil
				}
				if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() && strings.HasSuffix(name, ".md") {
					files = append(files, rel)
					s.readsLinks = true
					return nil
				}
			}
			s.Diagnostics.Warnf(rel, 0, "replace it with a regular file, or remove it", "not a regular file; left out")
			return nil
		}
		if strings.EqualFold(path.Ext(name), ".md") || strings.EqualFold(path.Ext(name), ".markdown") {
			files = append(files, rel)
			return nil
		}
		s.Diagnostics.Warnf(rel, 0, "put images and downloads in static/, which is copied as is", "not a Markdown file; left out")
		return nil
	})
	sort.Strings(files)
	return files, err
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// isArticleFile reports whether the file at rel (relative to content/) is
// an article or a standalone page rather than a profile or an _index.md.
func isArticleFile(rel string) bool {
	dirPart, base := path.Split(rel)
	return base != "_index.md" && dirPart != "authors/" && !strings.HasPrefix(dirPart, "authors/")
}

// readSources reads and splits files in parallel, keeping their order,
// and calls then(sf) for each file on the worker that read it.
func readSources(dir string, files []string, cache *ParseCache, deferBodies bool, then func(*sourceFile)) []*sourceFile {
	out := make([]*sourceFile, len(files))
	var wg sync.WaitGroup
	// Workers take the next file from a shared counter: handing each file
	// over an unbuffered channel instead woke the scheduler once a file,
	// which cost about 15% of the load's time and CPU (BenchmarkLoad10k).
	var next atomic.Int64
	workers := min(runtime.GOMAXPROCS(0)*2, len(files))
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(files) {
					return
				}
				// Only articles' bodies are deferred: profiles and section
				// introductions are few and shown on many pages.
				rel := files[i]
				deferBody := deferBodies && !strings.HasPrefix(rel, "content/authors/") && path.Base(rel) != "_index.md"
				out[i] = readSource(dir, rel, cache, deferBody)
				then(out[i])
			}
		}()
	}
	wg.Wait()
	return out
}

// ReadBody reads the Markdown body of one source file again, as Load read
// it (BOM dropped, line ends normalized, front matter split off but not
// parsed), with the line of the file it starts on. A site loaded with
// [LoadOptions.DeferBodies] leaves its articles' bodies to this; so does a
// message that must point at a line of a body already dropped.
func ReadBody(siteDir, sourcePath string) (body []byte, line int, err error) {
	body, line, _, err = ReadBodyInto(siteDir, sourcePath, nil)
	return body, line, err
}

// ReadBodyInto is ReadBody reading into buf when buf is large enough. It
// returns the buffer it read into, which the caller may give to the next
// call once nothing holds body any more: a build that reads every article
// again would otherwise allocate as much as the whole content (47 MB for
// the 10,000-article corpus) and collect it again.
func ReadBodyInto(siteDir, sourcePath string, buf []byte) (body []byte, line int, used []byte, err error) {
	var diags Diagnostics
	src, used := readFileInto(siteDir, sourcePath, &diags, buf)
	if src == nil {
		return nil, 0, used, errors.New(diags[0].Message)
	}
	_, _, body, line, err = SplitFrontMatter(src)
	if err != nil {
		return nil, 0, used, err
	}
	return body, line, used, nil
}

// srcBuffers recycles the buffers of the files whose bodies Load does not
// keep (LoadOptions.DeferBodies): of those it keeps only the parsed front
// matter, whose values are copies.
var srcBuffers sync.Pool

var bom = []byte("\xEF\xBB\xBF")

// readSource reads one file and splits its front matter. On failure fm is
// nil and diags says why. With deferBody it keeps no body (see
// LoadOptions.DeferBodies).
func readSource(dir, rel string, cache *ParseCache, deferBody bool) *sourceFile {
	sf := &sourceFile{path: rel, rel: strings.TrimPrefix(rel, "content/")}
	var buf []byte
	if deferBody {
		if p, ok := srcBuffers.Get().(*[]byte); ok {
			buf = *p
		}
	}
	src, used := readFileInto(dir, rel, &sf.diags, buf)
	if deferBody {
		// Nothing read from src outlives this call when the body is
		// deferred: the front matter's values are copies, and a file
		// that fails keeps no body either.
		defer func() { srcBuffers.Put(&used) }()
	}
	if src == nil {
		return sf
	}
	defer func() {
		if deferBody && sf.fm != nil {
			sf.body, sf.deferred = nil, true
		}
	}()
	sf.sum = cache.hash(src)
	if p, ok := cache.lookup(rel, sf.sum); ok {
		sf.fm, sf.body, sf.bodyLine = p.fm, p.body, p.bodyLine
		return sf
	}
	raw, format, body, bodyLine, err := SplitFrontMatter(src)
	if err != nil {
		fe := err.(*FrontMatterError)
		sf.diags.Errorf(rel, fe.Line, fe.Hint, "%s", fe.Message)
		return sf
	}
	if format == "" {
		sf.diags.Errorf(rel, 1, "start the file with a --- line, then title:, description: and date:, then another --- line", "no front matter")
		return sf
	}
	fm, err := ParseFrontMatter(raw, format, 2)
	if err != nil {
		fe := err.(*FrontMatterError)
		sf.diags.Errorf(rel, fe.Line, fe.Hint, "%s", fe.Message)
		return sf
	}
	sf.fm, sf.body, sf.bodyLine = fm, body, bodyLine
	return sf
}

// readFile reads a Markdown file as Load reads it: at most MaxFileSize,
// not binary, valid UTF-8 with the BOM dropped and line ends normalized to
// \n. On failure it returns nil and adds to diags why.
func readFile(dir, rel string, diags *Diagnostics) []byte {
	src, _ := readFileInto(dir, rel, diags, nil)
	return src
}

// readFileInto is readFile reading into buf when it is large enough. It
// returns the buffer it read into too, to be reused once src is not.
func readFileInto(dir, rel string, diags *Diagnostics, buf []byte) (src, used []byte) {
	full := filepath.Join(dir, filepath.FromSlash(rel))
	f, err := openSrc(full)
	if err != nil {
		diags.Errorf(rel, 0, "check the file's permissions", "cannot read: %v", unwrapPathError(err))
		return nil, buf
	}
	defer f.close()
	size, err := f.size()
	if err != nil {
		diags.Errorf(rel, 0, "check the file's permissions", "cannot read: %v", unwrapPathError(err))
		return nil, buf
	}
	if size > MaxFileSize {
		diags.Errorf(rel, 0, "split it into shorter articles, or move it out of content/", "file is %.1f MB; an article may be at most %d MB", float64(size)/(1<<20), MaxFileSize>>20)
		return nil, buf
	}
	if int64(cap(buf)) < size || buf == nil {
		// Never nil, even for an empty file: nil says the file failed.
		buf = make([]byte, size)
	}
	src = buf[:size]
	n, err := f.readFull(src)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		diags.Errorf(rel, 0, "check the file", "cannot read: %v", err)
		return nil, buf
	}
	src = src[:n]
	if bytes.HasPrefix(src, []byte("\xFF\xFE")) || bytes.HasPrefix(src, []byte("\xFE\xFF")) {
		// Notepad's "Unicode" and Word's "Unicode" plain text are UTF-16,
		// whose zero bytes would otherwise make it look binary.
		diags.Errorf(rel, 0, "save the file as UTF-8 (in Notepad: Save As › Encoding › UTF-8; in Word: Save As › Plain Text › Unicode UTF-8)", "this file is saved as UTF-16, not UTF-8")
		return nil, buf
	}
	if i := bytes.IndexByte(src[:min(len(src), 8000)], 0); i >= 0 {
		diags.Errorf(rel, 0, "move binary files such as images or PDFs to static/", "this is a binary file, not Markdown")
		return nil, buf
	}
	hadBOM := bytes.HasPrefix(src, bom)
	src = bytes.TrimPrefix(src, bom)
	if !utf8.Valid(src) {
		off := invalidUTF8Offset(src)
		line := bytes.Count(src[:off], []byte("\n")) + 1
		if hadBOM {
			off += len(bom) // a byte offset into the file as saved, as a hex editor shows it
		}
		diags.Errorf(rel, line, "save the file as UTF-8 (in Word: Save As › Plain Text › Unicode UTF-8)", "invalid UTF-8 at byte offset %d", off)
		return nil, buf
	}
	if bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	}
	return src, buf
}

func invalidUTF8Offset(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

func readSectionIndex(sf *sourceFile, key string, diags *Diagnostics) *Section {
	r := sf.reader()
	sec := &Section{Key: key, SourcePath: sf.path, Body: sf.body, BodyLine: sf.bodyLine}
	sec.Title = r.str("title")
	sec.Description = r.str("description")
	r.warnUnknown([]string{"title", "description", "weight", "lang", "image", "keywords"})
	*diags = append(*diags, sf.diags...)
	return sec
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// LinkStaysInside reports whether the symbolic link at p points to a file
// inside the site folder dir. A link that leads out (to /etc/passwd, to a
// home folder) must not be read and published with the site.
func LinkStaysInside(dir, p string) bool {
	target, err := filepath.EvalSymlinks(p)
	if err != nil {
		return true // a dangling link or a loop: reported as not a regular file
	}
	root, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(root, target)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
