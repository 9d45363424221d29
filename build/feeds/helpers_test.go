package feeds_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/build/feeds"
	"github.com/bedside-health/bedside/site"
	"github.com/bedside-health/bedside/site/sitetest"
	"github.com/mmcdole/gofeed"
)

const base = "https://health.example.org/library/"

// now is the --now of the fixture builds.
var now = date("2026-01-01")

func date(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// extract writes the files of testdata/<name>.txtar into a new folder.
func extract(t *testing.T, name string) string {
	t.Helper()
	return sitetest.UnpackFile(t, filepath.Join("testdata", name+".txtar"))
}

// edit replaces old with new in a file of an extracted site.
func edit(t *testing.T, dir, file, old, new string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(file))
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s does not contain %q", file, old)
	}
	if err := os.WriteFile(p, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// built is one build of a site with the feeds extension.
type built struct {
	Files  map[string][]byte
	Result *build.Result
}

// buildDir builds the site in dir with the feeds extension; any error or
// warning fails the test.
func buildDir(t *testing.T, dir string, opts site.LoadOptions) *built {
	t.Helper()
	if opts.Now.IsZero() {
		opts.Now = now
	}
	s := site.Load(dir, opts)
	out := build.NewMemOutput()
	res, diags := build.Run(s, out, build.Options{Extensions: []build.Extension{feeds.New()}})
	for _, d := range diags {
		t.Errorf("build: %s", d)
	}
	if diags.HasErrors() {
		t.FailNow()
	}
	return &built{Files: out.Files, Result: res}
}

// buildFixture extracts and builds testdata/<name>.txtar.
func buildFixture(t *testing.T, name string) *built {
	t.Helper()
	return buildDir(t, extract(t, name), site.LoadOptions{})
}

// feed parses one written feed with gofeed, as a feed reader would.
func (b *built) feed(t *testing.T, path string) *gofeed.Feed {
	t.Helper()
	data, ok := b.Files[path]
	if !ok {
		t.Fatalf("no feed at /%s; feeds written: %v", path, b.feedPaths())
	}
	f, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("/%s: a feed reader cannot read it: %v", path, err)
	}
	return f
}

// feedPaths lists every feed file written, sorted.
func (b *built) feedPaths() []string {
	var out []string
	for name := range b.Files {
		if isFeedFile(name) {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

func isFeedFile(name string) bool {
	base := name[strings.LastIndex(name, "/")+1:]
	return base == "index.xml" || base == "atom.xml" || base == "feed.json"
}

// threeFormats are the file names of a feed folder.
var threeFormats = []string{"index.xml", "atom.xml", "feed.json"}

// wellFormed checks that data decodes as XML or JSON to its end.
func wellFormed(t *testing.T, name string, data []byte) {
	t.Helper()
	if strings.HasSuffix(name, ".json") {
		var v map[string]any
		if err := json.Unmarshal(data, &v); err != nil {
			t.Errorf("/%s is not well-formed JSON: %v", name, err)
		}
		return
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Errorf("/%s is not well-formed XML: %v", name, err)
			return
		}
	}
}

func titles(f *gofeed.Feed) []string {
	out := make([]string, len(f.Items))
	for i, it := range f.Items {
		out[i] = it.Title
	}
	return out
}

// authorNames reads an item's authors the way each format carries them:
// RSS as dc:creator, Atom and JSON Feed as authors.
func authorNames(it *gofeed.Item) []string {
	if it.DublinCoreExt != nil && len(it.DublinCoreExt.Creator) > 0 {
		return it.DublinCoreExt.Creator
	}
	var out []string
	for _, p := range it.Authors {
		out = append(out, p.Name)
	}
	return out
}

func item(t *testing.T, f *gofeed.Feed, title string) *gofeed.Item {
	t.Helper()
	for _, it := range f.Items {
		if it.Title == title {
			return it
		}
	}
	t.Fatalf("%s: no item %q; items: %q", f.FeedLink, title, titles(f))
	return nil
}
