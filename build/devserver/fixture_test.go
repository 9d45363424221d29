package devserver

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/build/check"
	"github.com/bedside-health/bedside/build/feeds"
	"github.com/bedside-health/bedside/build/structured"
	"github.com/bedside-health/bedside/site"
	"github.com/bedside-health/bedside/site/sitetest"
)

// testNow is "today" for every test site.
var testNow = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

// writeSite writes the txtar fixture testdata/<name>.txtar into a new
// temporary folder and returns it.
func writeSite(t testing.TB, name string) string {
	t.Helper()
	return sitetest.UnpackFile(t, filepath.Join("testdata", name+".txtar"))
}

// writeFile writes a file of the site at dir (rel is slash-separated).
func writeFile(t testing.TB, dir, rel, data string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	saveAtomically(t, p, []byte(data))
}

func readFile(t testing.TB, dir, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func testLoadOptions() site.LoadOptions {
	return site.LoadOptions{Drafts: true, Future: true, Now: testNow}
}

// testExtensions are the extensions `bedside build` uses (cmd/bedside's
// extensions()), so that the tests meet the same output and the same
// quality gate as a real build.
func testExtensions() []build.Extension {
	return []build.Extension{feeds.New(), structured.New(), check.New()}
}
