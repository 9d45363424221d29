package devserver

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/site"
)

// builder owns the content model between rebuilds and turns each batch of
// changed files into a new snapshot. Only the rebuild goroutine uses it.
type builder struct {
	dir        string
	load       site.LoadOptions
	extensions func() []build.Extension // fresh ones for each build
	bodies     *build.BodyCache

	good *model    // the model of the last good snapshot
	snap *snapshot // the last good snapshot
	// pageCSS is the stylesheet path the pages of snap link to, which a
	// stylesheet-only rebuild keeps serving with the new content.
	pageCSS string
	// After a failed build the next one reloads everything it may have
	// missed: failed says so, pendingAll remembers a config or theme change.
	failed     bool
	pendingAll bool
	// early, when set, receives a snapshot with the new pages as soon as
	// they are rendered, before the generators (feeds, checks) run; the
	// final snapshot follows with the same version.
	early func(*snapshot)
	// started is when the current rebuild began.
	started time.Time
}

// readerHeadStart is how long a rebuild waits, once its new pages are
// served, before the generators start.
const readerHeadStart = 40 * time.Millisecond

// outcome is what one build did.
type outcome struct {
	snap  *snapshot // nil when the build failed
	diags site.Diagnostics
	pages int           // pages rendered
	how   string        // "body", "partial", "all", "static", "stylesheet"
	took  time.Duration // from the start of the rebuild to the new snapshot
	// pagesTook is from the start to the early snapshot; 0 when none was made.
	pagesTook time.Duration
	// rendered lists the output paths of the pages rendered, sorted.
	rendered []string
	// stylesheet is the output path of the fingerprinted stylesheet written.
	stylesheet string
	// changed are the paths the rebuild took into account, less editors'
	// temporary files.
	changed []string
	cssOnly bool // only stylesheets changed: the browser can swap them
	css     map[string]string
}

func newBuilder(dir string, load site.LoadOptions, ext func() []build.Extension) *builder {
	if ext == nil {
		ext = func() []build.Extension { return nil }
	}
	if load.Cache == nil {
		// Reload only what changed: an edit to one article's front matter
		// would otherwise parse all the site's YAML again.
		load.Cache = &site.ParseCache{}
	}
	return &builder{dir: dir, load: load, extensions: ext, bodies: build.NewBodyCache()}
}

// meaningful drops the paths in content/ that are neither Markdown files
// nor folders: the temporary files of editors and tools that save by
// writing a new file and renaming it (sed -i, many editors). A folder that
// is gone is known by the articles that were in it.
func (b *builder) meaningful(changed []string) []string {
	out := changed[:0:0]
	for _, c := range changed {
		ext := strings.ToLower(path.Ext(c))
		if !strings.HasPrefix(c, "content/") || ext == ".md" || ext == ".markdown" {
			out = append(out, c)
			continue
		}
		if info, err := os.Stat(filepath.Join(b.dir, filepath.FromSlash(c))); err == nil && info.IsDir() {
			out = append(out, c)
			continue
		}
		if b.good != nil {
			for src := range b.good.articles {
				if strings.HasPrefix(src, c+"/") {
					out = append(out, c)
					break
				}
			}
		}
	}
	return out
}

// kind of a changed path, relative to the site folder with forward slashes.
func pathKind(rel string) string {
	switch {
	case rel == site.ConfigFile:
		return "config"
	case strings.HasPrefix(rel, "content/"):
		return "content"
	case strings.HasPrefix(rel, "static/"):
		return "static"
	case strings.HasPrefix(rel, "themes/"):
		return "theme"
	}
	return "other"
}

// initial builds the whole site.
func (b *builder) initial() outcome {
	b.failed = true
	b.pendingAll = true
	return b.rebuild(nil)
}

// rebuild applies a batch of changed paths.
func (b *builder) rebuild(changed []string) outcome {
	start := time.Now()
	b.started = start
	changed = b.meaningful(changed)
	if len(changed) == 0 && !b.failed && b.good != nil {
		return outcome{how: "nothing"}
	}
	kinds := map[string]bool{}
	cssOnly := len(changed) > 0
	for _, c := range changed {
		kinds[pathKind(c)] = true
		if !strings.HasSuffix(c, ".css") {
			cssOnly = false
		}
	}
	if kinds["config"] || kinds["theme"] {
		b.pendingAll = true
	}
	var out outcome
	switch {
	case b.failed || b.good == nil || kinds["config"] || kinds["other"]:
		out = b.reload(b.pendingAll)
	case cssOnly && !kinds["content"] && kinds["theme"]:
		out = b.restyle()
	case kinds["theme"]:
		out = b.render(b.good, nil, "all")
	case kinds["content"]:
		if arts, ok := b.bodyOnly(changed); ok {
			out = b.renderBodies(arts)
		} else if b.good.site.Patch(changed) {
			out = b.renderFields(changed)
		} else {
			out = b.reload(false)
		}
	default: // static files only
		out = b.render(b.good, &selection{}, "static")
	}
	out.cssOnly = cssOnly && out.snap != nil
	out.took = time.Since(start)
	out.changed = changed
	return out
}

// reload reads the content model again and re-renders what changed.
func (b *builder) reload(all bool) outcome {
	// From here on the old content model is needed only for its
	// fingerprints (every path that used it reloads after a failure):
	// let it go, so that two models are never held at once.
	if b.good != nil {
		b.good.site = nil
		for _, info := range b.good.articles {
			info.article = nil
		}
		b.failed = true // until the new model is served
	}
	s := site.Load(b.dir, b.load)
	if s.Diagnostics.HasErrors() {
		b.failed = true
		return outcome{diags: s.Diagnostics, how: "load"}
	}
	var prev *model
	if !all {
		prev = b.good
	}
	m := newModel(s, prev)
	sel := affected(b.good, m)
	how := "partial"
	if all || sel == nil {
		sel, how = nil, "all"
	}
	return b.render(m, sel, how)
}

// render builds what sel chooses of m (every page when sel is nil) and
// makes the next snapshot.
func (b *builder) render(m *model, sel *selection, how string) outcome {
	all := sel == nil
	prev := b.snap
	if prev == nil {
		prev = &snapshot{files: map[string]*file{}, always: map[string]bool{}}
	}
	col := newCollector(prev.files)
	var drop []string
	if b.good != nil {
		drop = dropped(b.good, m, sel)
	}
	opts := build.Options{Extensions: b.extensions(), Bodies: b.bodies}
	if !all {
		opts.Only = sel.only
		gone := make(map[string]bool, len(drop))
		for _, name := range drop {
			gone[name] = true
		}
		// The outputs kept from the last build are those this one does
		// not render again: a clash with one of them (an alias on a tag
		// page) is found as in a full build.
		// (What a chosen unit wrote last time; what it writes now and
		// another unit wrote is a clash.)
		again := map[string]bool{}
		for u := range sel.units {
			if b.good != nil {
				for _, name := range b.good.units[u] {
					again[name] = true
				}
			}
		}
		for p := range sel.pages {
			again[site.OutputPath(p)] = true
		}
		opts.Existing = func(name string) bool {
			return prev.files[name] != nil && !gone[name] && !prev.always[name] && !again[name]
		}
	}
	// The early snapshot takes new pages only (see snapshot.early): it
	// keeps serving the old sitemap, rather than none, until the build
	// ends.
	earlyDrop := slices.DeleteFunc(slices.Clone(drop), func(name string) bool { return name == "sitemap.xml" })
	var pagesTook time.Duration
	if b.early != nil && (all || len(sel.units) > 0 || len(sel.pages) > 0) {
		opts.PagesDone = func(ds site.Diagnostics) {
			if ds.HasErrors() {
				return
			}
			col.mu.Lock()
			written := make(map[string]*file, len(col.files))
			for name, f := range col.files {
				written[name] = f
			}
			col.mu.Unlock()
			b.early(prev.early(written, earlyDrop, func(name string) bool { return m.pageNames[name] }))
			pagesTook = time.Since(b.started)
			// The open pages now ask for the new page: let them have
			// the CPU before feeds and checks take every core.
			time.Sleep(readerHeadStart)
		}
	}
	res, diags := build.Run(m.site, col, opts)
	if diags.HasErrors() {
		b.failed = true
		if pagesTook > 0 {
			b.early(prev) // the generators failed: back to the last good build
		}
		return outcome{diags: diags, how: how}
	}
	snap := prev.next(col.files, drop, func(name string) bool { return m.pageNames[name] })
	css := stylesheetOf(col.files)
	if all || b.pageCSS == "" {
		b.pageCSS = css
	} else if css != "" && css != b.pageCSS {
		// Pages rendered before still link to the old name.
		snap.files[b.pageCSS] = snap.files[css]
		snap.always[b.pageCSS] = true // made again by every build that needs it
	}
	b.good, b.snap, b.failed, b.pendingAll = m, snap, false, false
	if how != "body" {
		b.bodies.Forget(func(src string) bool { return m.articles[src] != nil })
	}
	var rendered []string
	for name := range col.files {
		if m.pageNames[name] {
			rendered = append(rendered, name)
		}
	}
	sort.Strings(rendered)
	return outcome{snap: snap, diags: diags, pages: res.Pages, how: how, rendered: rendered, stylesheet: css, pagesTook: pagesTook}
}

// restyle handles a change to the theme's stylesheets alone: the pages stay
// as they are, the new stylesheet is served under the old name too, and the
// browser swaps it in without a reload.
func (b *builder) restyle() outcome {
	oldCSS := b.pageCSS
	out := b.render(b.good, &selection{}, "stylesheet")
	if out.snap != nil && out.stylesheet != "" && out.stylesheet != oldCSS {
		out.css = map[string]string{"/" + oldCSS: "/" + out.stylesheet}
	}
	return out
}

// stylesheetOf finds the fingerprinted stylesheet among written files.
func stylesheetOf(files map[string]*file) string {
	for name := range files {
		if strings.HasPrefix(name, "assets/site.") && strings.HasSuffix(name, ".css") {
			return name
		}
	}
	return ""
}

// bodyOnly reports whether every changed path is an article or page of the
// current model whose front matter is exactly as loaded, so that only its
// body changed; it then sets the new bodies in place and returns the
// articles. Anything else (a new or deleted file, a changed field, a file
// Load would read differently) takes the full path.
func (b *builder) bodyOnly(changed []string) ([]*site.Article, bool) {
	if b.good.site.ReadsLinks() {
		return nil, false // an event names one of the pages of a linked file
	}
	type edit struct {
		a    *site.Article
		body []byte
	}
	var edits []edit
	for _, rel := range changed {
		info := b.good.articles[rel]
		if info == nil {
			return nil, false
		}
		a := info.article
		src, err := os.ReadFile(filepath.Join(b.dir, filepath.FromSlash(rel)))
		if err != nil || len(src) > site.MaxFileSize || bytes.IndexByte(src, 0) >= 0 || bytes.IndexByte(src, '\r') >= 0 ||
			bytes.HasPrefix(src, []byte("\xEF\xBB\xBF")) || !utf8.Valid(src) {
			return nil, false
		}
		raw, format, body, bodyLine, err := site.SplitFrontMatter(src)
		if err != nil || format == "" || bodyLine != a.BodyLine {
			return nil, false
		}
		fm, err := site.ParseFrontMatter(raw, format, 2)
		if err != nil || !reflect.DeepEqual(fm.Values, a.Params) || !reflect.DeepEqual(fm.Lines, a.Lines) {
			return nil, false
		}
		edits = append(edits, edit{a, body})
	}
	arts := make([]*site.Article, len(edits))
	for i, e := range edits {
		e.a.Body = e.body
		arts[i] = e.a
	}
	return arts, true
}

// renderBodies re-renders the pages of articles whose body changed.
func (b *builder) renderBodies(arts []*site.Article) outcome {
	units := map[string]bool{}
	for _, a := range arts {
		units[a.URL] = true
	}
	out := b.render(b.good, &selection{units: units}, "body")
	if out.snap != nil {
		// Only now: after a failure the model must still see these
		// articles as changed.
		for _, a := range arts {
			b.good.refreshArticle(a)
		}
	}
	return out
}

// renderFields re-renders the pages that show the articles at the source
// paths srcs after site.Patch took in an edit of their fields: each
// article's own page, and the page of each of its lists that shows it (the
// lists are as they were: Patch declines any edit that could reorder one).
func (b *builder) renderFields(srcs []string) outcome {
	m := b.good
	if m.site.Diagnostics.HasErrors() {
		b.failed = true // the model is patched: the next build reloads
		return outcome{diags: m.site.Diagnostics, how: "load"}
	}
	sel := &selection{units: map[string]bool{"/sitemap.xml": true}, pages: map[string]bool{}}
	for _, src := range srcs {
		info := m.articles[src]
		sel.units[info.url] = true
		for _, l := range info.lists {
			if m.lists[l] == nil {
				sel.units[l] = true
				continue
			}
			m.listPages(l, []string{src}, sel.pages)
		}
	}
	out := b.render(m, sel, "fields")
	if out.snap != nil {
		for _, src := range srcs {
			m.refreshArticle(m.articles[src].article)
		}
	}
	return out
}

// describe says in a few words what changed, for the log line.
func describe(changed []string) string {
	switch len(changed) {
	case 0:
		return "site"
	case 1:
		return changed[0]
	}
	dirs := map[string]bool{}
	for _, c := range changed {
		dirs[path.Dir(c)] = true
	}
	if len(dirs) == 1 {
		return fmt.Sprintf("%d files in %s/", len(changed), path.Dir(changed[0]))
	}
	return fmt.Sprintf("%d files", len(changed))
}
