package build

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/bedside-health/bedside/build/tmplexec"
	"github.com/bedside-health/bedside/site"
	"github.com/bedside-health/bedside/themes"
)

// Theme is a parsed theme: one template set per page kind, and the static
// files to copy.
type Theme struct {
	files fs.FS // the overlay: site theme folder over the embedded default
	sets  map[string]*template.Template
	// Static lists the theme's static files (slash paths under static/).
	Static []string
	// Origin says where each template and static file came from, for errors.
	Origin map[string]string

	partials *template.Template // the shared templates, for partialCached
	// cache holds the partialCached results by name and key. A typed
	// map, not a sync.Map: a list page looks up a card per article, and
	// a sync.Map boxed each key and hashed it field by field.
	cacheMu sync.RWMutex
	cache   map[partialKey]template.HTML

	funcs       template.FuncMap
	compiled    map[string]*compiledEntry // by page kind
	compiledPar sync.Map                  // partial name → *compiledEntry
	// plain runs every template with html/template alone ([Options.PlainTemplates]).
	plain bool
	// ran counts the executions by the compiled executor, and those it
	// left to html/template.
	ranCompiled, ranFallback atomic.Int64
}

// Executions reports how many templates the compiled executor ran, and
// how many it left to html/template: those it gave up on, and every
// execution of a template it cannot compile (a theme that the executor
// does not cover runs several times slower). The first execution of each
// template, which html/template does to escape it, counts as neither.
func (t *Theme) Executions() (compiled, fallback int64) {
	return t.ranCompiled.Load(), t.ranFallback.Load()
}

// compiledEntry is an entry template of a set, compiled by tmplexec after
// its first execution by html/template (which escapes it then).
type compiledEntry struct {
	once sync.Once
	prog atomic.Pointer[tmplexec.Template]
}

// execute runs the entry template of set through the compiled executor
// when it can, else through html/template. Both give the same bytes;
// the compiled one gives up (and html/template runs) on what it does not
// handle, and on every error, so that the error is html/template's.
func (t *Theme) execute(ce *compiledEntry, set *template.Template, entry string, w *bytes.Buffer, data any) error {
	if p := ce.prog.Load(); p != nil {
		n := w.Len()
		if p.Execute(w, data) == nil {
			t.ranCompiled.Add(1)
			return nil
		}
		w.Truncate(n)
		t.ranFallback.Add(1)
	}
	err := set.ExecuteTemplate(w, entry, data)
	if err == nil && !t.plain && ce.prog.Load() == nil {
		first := false
		ce.once.Do(func() {
			first = true
			// A fault in the compiler must not fail a build that
			// html/template can do: the template just stays with it.
			defer func() { _ = recover() }()
			if p, err := tmplexec.Compile(set, entry, t.funcs); err == nil {
				ce.prog.Store(p)
			}
		})
		if !first && ce.prog.Load() == nil {
			t.ranFallback.Add(1) // a template the executor could not compile
		}
	}
	return err
}

// overlayFS reads a file from the site's theme folder when it exists there,
// else from the embedded default theme.
type overlayFS struct {
	site     fs.FS // may be nil
	fallback fs.FS
}

func (o overlayFS) Open(name string) (fs.File, error) {
	if o.site != nil {
		if f, err := o.site.Open(name); err == nil {
			return f, nil
		}
	}
	return o.fallback.Open(name)
}

// LoadTheme parses the theme named in the config: the site's themes/<name>
// folder over the embedded default theme.
func LoadTheme(siteDir string, cfg *site.Config, funcs template.FuncMap) (*Theme, site.Diagnostics) {
	var diags site.Diagnostics
	t := &Theme{sets: map[string]*template.Template{}, Origin: map[string]string{}, funcs: funcs, compiled: map[string]*compiledEntry{}}
	var siteFS fs.FS
	siteThemeDir := filepath.Join(siteDir, "themes", cfg.Theme)
	if info, err := os.Stat(siteThemeDir); err == nil && info.IsDir() {
		siteFS = os.DirFS(siteThemeDir)
	} else if cfg.Theme != "default" {
		diags.Errorf(site.ConfigFile, 0, fmt.Sprintf("create themes/%s/ or set theme = \"default\"", cfg.Theme), "theme %q: no folder themes/%s", cfg.Theme, cfg.Theme)
	}
	t.files = overlayFS{site: siteFS, fallback: themes.Default()}

	names := map[string]bool{}
	for _, root := range []fs.FS{themes.Default(), siteFS} {
		if root == nil {
			continue
		}
		_ = fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			names[p] = true
			origin := "theme default: " + p
			if root == siteFS {
				origin = filepath.ToSlash(filepath.Join("themes", cfg.Theme, p))
			}
			t.Origin[p] = origin
			return nil
		})
	}
	var partials, pages []string
	for n := range names {
		switch {
		case strings.HasPrefix(n, "static/"):
			t.Static = append(t.Static, n)
		case strings.HasPrefix(n, "templates/") && strings.HasSuffix(n, ".html"):
			base := path.Base(n)
			if base == "baseof.html" || strings.HasPrefix(base, "_") {
				partials = append(partials, n)
			} else {
				pages = append(pages, n)
			}
		}
	}
	sort.Strings(t.Static)
	sort.Strings(partials)
	sort.Strings(pages)

	root := template.New("").Funcs(funcs)
	for _, p := range partials {
		if err := t.parse(root, p); err != nil {
			diags.Errorf(t.Origin[p], 0, "fix the template syntax", "%v", err)
			return t, diags
		}
	}
	for _, p := range pages {
		set, err := root.Clone()
		if err == nil {
			err = t.parse(set, p)
		}
		if err != nil {
			diags.Errorf(t.Origin[p], 0, "fix the template syntax", "%v", err)
			continue
		}
		kind := strings.TrimSuffix(path.Base(p), ".html")
		t.sets[kind] = set
		t.compiled[kind] = &compiledEntry{}
	}
	// A last clone runs the partials on their own; executing it cannot
	// disturb the page sets, which were cloned before.
	if set, err := root.Clone(); err == nil {
		t.partials = set
	}
	return t, diags
}

// CachedPartial executes the named template once per key and reuses the
// result: header and footer are the same on thousands of pages, and
// html/template's per-action cost made them a third of a large build.
// Templates call it as {{partialCached "footer" . "key"}}; the key must
// capture everything the partial's output depends on.
func (t *Theme) CachedPartial(name string, data any, key ...any) (template.HTML, error) {
	k := newPartialKey(name, key)
	t.cacheMu.RLock()
	v, ok := t.cache[k]
	t.cacheMu.RUnlock()
	if ok {
		return v, nil
	}
	if t.partials == nil {
		return "", fmt.Errorf("partialCached %q: no templates", name)
	}
	ce, _ := t.compiledPar.Load(name)
	if ce == nil {
		ce, _ = t.compiledPar.LoadOrStore(name, &compiledEntry{})
	}
	var buf bytes.Buffer
	if err := t.execute(ce.(*compiledEntry), t.partials, name, &buf, data); err != nil {
		return "", err
	}
	out := template.HTML(buf.String())
	t.cacheMu.Lock()
	if t.cache == nil {
		t.cache = map[partialKey]template.HTML{}
	}
	t.cache[k] = out
	t.cacheMu.Unlock()
	return out, nil
}

// partialKey names a cached partial: the template's name and its key.
type partialKey struct{ name, key string }

// newPartialKey makes the key of a call. The default theme passes one
// string (an article's URL, the nav key), used as it is: a list page
// calls partialCached once per card, and joining strings was a third of
// the cost of a call.
func newPartialKey(name string, key []any) partialKey {
	if len(key) == 1 {
		if s, ok := key[0].(string); ok {
			return partialKey{name, s}
		}
	}
	// Other keys are told apart from one string by the name they go
	// under (a template's name has no NUL).
	k := ""
	for _, v := range key {
		s, ok := v.(string)
		if !ok {
			return partialKey{name + "\x00fmt", fmt.Sprint(key...)}
		}
		k += "\x00" + s
	}
	return partialKey{name + "\x00", k}
}

func (t *Theme) parse(set *template.Template, name string) error {
	src, err := fs.ReadFile(t.files, name)
	if err != nil {
		return err
	}
	_, err = set.New(name).Parse(string(src))
	return err
}

// Has reports whether the theme has a template for the page kind.
func (t *Theme) Has(kind string) bool { return t.sets[kind] != nil }

// Execute renders a page: the kind's template set, entered at "base" when
// the kind defines a page body, or at the kind's own file for standalone
// templates such as alias.html.
func (t *Theme) Execute(w *bytes.Buffer, kind string, data any) error {
	set := t.sets[kind]
	if set == nil {
		return fmt.Errorf("the theme has no template %s.html", kind)
	}
	entry := "base"
	if set.Lookup("main") == nil {
		entry = "templates/" + kind + ".html"
	}
	return t.execute(t.compiled[kind], set, entry, w, data)
}

// ReadFile reads a file of the theme (the site's override or the default).
func (t *Theme) ReadFile(name string) ([]byte, error) {
	b, err := fs.ReadFile(t.files, name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("theme file %s not found", name)
	}
	return b, err
}
