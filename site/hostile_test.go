package site_test

// Broken and hostile input: every case must end in the exact diagnostics a
// clinician would read (file:line: message — hint), never in a panic, and
// never in a file written outside the destination folder.
//
// Readable cases are whole-site fixtures in testdata/hostile/*.txtar, each
// laid over testdata/hostile/_base.txtar. Cases that need bytes a fixture
// cannot hold well (BOM, CRLF, invalid UTF-8, binary, huge or deeply nested
// files, symlinks) are built in Go below. Run with -update to rewrite the
// want sections from the current output — then read the diff before
// committing: the point of these tests is that a person checked each line.

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/site"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/hostile fixtures from the current output")

// hostileNow is "today" for every hostile build, so that dates never drift.
var hostileNow = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

func readArchive(t testing.TB, name string) *txtar.Archive {
	t.Helper()
	a, err := txtar.ParseFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// baseFiles returns the files of _base.txtar.
func baseFiles(t testing.TB) map[string][]byte {
	files := map[string][]byte{}
	for _, f := range readArchive(t, filepath.Join("testdata", "hostile", "_base.txtar")).Files {
		files[f.Name] = f.Data
	}
	return files
}

func lines(data []byte) []string {
	var out []string
	for _, l := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

// writeSite writes files into a new site folder and returns its path and
// the path of the destination folder beside it.
func writeSite(t *testing.T, files map[string][]byte) (dir, dest string) {
	t.Helper()
	root := t.TempDir()
	dir = filepath.Join(root, "site")
	dest = filepath.Join(root, "out", "public")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		full := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, dest
}

// snapshot maps every file and folder under root to a hash of its content
// (folders and symlinks to their kind), to see what a build changed.
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	snap := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			snap[rel] = "symlink " + target
		case d.IsDir():
			snap[rel] = "dir"
		default:
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(data)
			snap[rel] = hex.EncodeToString(sum[:])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

// buildHostile builds the site in dir into dest the way "bedside build"
// does and returns the diagnostics as printed. It fails the test if the
// build wrote anything outside dest, changed the site folder, or replaced
// dest although it reported an error.
func buildHostile(t *testing.T, dir, dest string) []string {
	t.Helper()
	root := filepath.Dir(filepath.Dir(dest))
	before := snapshot(t, root)
	_, _, diags := build.ToDir(dir, dest, site.LoadOptions{Now: hostileNow}, build.Options{})
	after := snapshot(t, root)
	destRel, _ := filepath.Rel(root, dest)
	// The build keeps the site it replaced beside dest, to write the next
	// build into it: that folder is the build's own too.
	keptRel := filepath.Join(filepath.Dir(destRel), ".bedside-prev-"+filepath.Base(destRel))
	inOutput := func(p string) bool {
		for _, o := range []string{destRel, keptRel} {
			if p == o || strings.HasPrefix(p, o+string(filepath.Separator)) {
				return true
			}
		}
		return false
	}
	for p, h := range after {
		if inOutput(p) {
			continue
		}
		if h == "dir" && strings.HasPrefix(destRel, p+string(filepath.Separator)) {
			continue // the build creates the folders above --dest
		}
		if before[p] != h {
			t.Errorf("build wrote %s, outside the destination %s", p, destRel)
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok && !inOutput(p) {
			t.Errorf("build removed %s, outside the destination", p)
		}
	}
	_, destErr := os.Stat(dest)
	if diags.HasErrors() && destErr == nil && before[destRel] == "" {
		t.Errorf("build reported errors but wrote %s anyway", destRel)
	}
	if !diags.HasErrors() && destErr != nil {
		t.Errorf("build reported no error but %s is missing: %v", destRel, destErr)
	}
	out := make([]string, len(diags))
	for i, d := range diags {
		// Messages may name the site folder, a temporary path.
		out[i] = strings.ReplaceAll(d.String(), dir, "$SITE")
	}
	return out
}

func checkDiagnostics(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n got:\n\t%s\n want:\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

func checkFiles(t *testing.T, dest string, want []string) {
	t.Helper()
	for _, name := range want {
		if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(name))); err != nil {
			t.Errorf("output lacks %s: %v", name, err)
		}
	}
}

// TestHostileFixtures runs every testdata/hostile/*.txtar fixture.
func TestHostileFixtures(t *testing.T) {
	names, err := filepath.Glob(filepath.Join("testdata", "hostile", "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	base := baseFiles(t)
	for _, name := range names {
		if filepath.Base(name) == "_base.txtar" {
			continue
		}
		t.Run(strings.TrimSuffix(filepath.Base(name), ".txtar"), func(t *testing.T) {
			a := readArchive(t, name)
			files := map[string][]byte{}
			if !bytes.Contains(a.Comment, []byte("nobase")) {
				for k, v := range base {
					files[k] = v
				}
			}
			var want, wantFiles []string
			for _, f := range a.Files {
				switch f.Name {
				case "want":
					want = lines(f.Data)
				case "want-files":
					wantFiles = lines(f.Data)
				default:
					files[f.Name] = f.Data
				}
			}
			dir, dest := writeSite(t, files)
			got := buildHostile(t, dir, dest)
			if *update {
				rewriteWant(t, name, a, got)
				return
			}
			checkDiagnostics(t, got, want)
			checkFiles(t, dest, wantFiles)
		})
	}
}

func rewriteWant(t *testing.T, name string, a *txtar.Archive, got []string) {
	data := []byte(strings.Join(got, "\n"))
	if len(got) > 0 {
		data = append(data, '\n')
	}
	found := false
	for i := range a.Files {
		if a.Files[i].Name == "want" {
			a.Files[i].Data, found = data, true
		}
	}
	if !found {
		a.Files = append([]txtar.File{{Name: "want", Data: data}}, a.Files...)
	}
	if err := os.WriteFile(name, txtar.Format(a), 0o644); err != nil {
		t.Fatal(err)
	}
}

// article is a good article whose body and front matter the byte-level
// cases below then damage.
const article = "---\n" +
	"title: \"Seasonal flu\"\n" +
	"description: \"How to avoid the flu.\"\n" +
	"date: 2025-01-10\n" +
	"author: maria-lopez\n" +
	"tags: [flu]\n" +
	"---\n" +
	"Get a flu shot every year.\n" +
	"\n" +
	"## When to see a doctor\n" +
	"\n" +
	"See a doctor if you have trouble breathing.\n"

// withFile returns the base site plus one file.
func withFile(t *testing.T, name string, data []byte) map[string][]byte {
	files := baseFiles(t)
	files[name] = data
	return files
}

// TestHostileBytes covers encodings and line endings: BOM and CRLF files must
// build and report problems on the right line; invalid UTF-8 and binary
// files must be refused with the place named.
func TestHostileBytes(t *testing.T) {
	crlf := func(s string) []byte { return []byte(strings.ReplaceAll(s, "\n", "\r\n")) }
	bom := "\xEF\xBB\xBF"
	// Offsets of the bad bytes in the damaged files below, counted by hand
	// with a hex editor in mind: from the first byte of the file, BOM included.
	badBody := []byte(strings.Replace(article, "trouble breathing", "trouble breathing caf\xe9", 1))
	badBodyOffset := bytes.IndexByte(badBody, 0xe9)
	badTitle := []byte(bom + strings.Replace(article, "Seasonal flu", "Seasonal \x93flu\x94", 1))
	badTitleOffset := bytes.IndexByte(badTitle, 0x93)
	// The same article with an unknown key on line 6, to check line numbers.
	typo := strings.Replace(article, "tags: [flu]\n", "tagz: [flu]\n", 1)
	const typoWarn = "content/conditions/flu.md:6: warning: tagz: unknown key — did you mean tags?"
	cases := []struct {
		name      string
		data      []byte
		want      []string
		wantFiles []string
	}{
		{name: "bom", data: []byte(bom + article), wantFiles: []string{"conditions/flu/index.html", "tags/flu/index.html"}},
		{name: "crlf", data: crlf(article), wantFiles: []string{"conditions/flu/index.html", "tags/flu/index.html"}},
		{name: "bom-crlf", data: crlf(bom + article), wantFiles: []string{"conditions/flu/index.html", "tags/flu/index.html"}},
		{name: "old-mac-cr", data: []byte(strings.ReplaceAll(article, "\n", "\r")), wantFiles: []string{"conditions/flu/index.html"}},
		{name: "bom-crlf-line-numbers", data: crlf(bom + typo), want: []string{typoWarn}},
		{name: "lf-line-numbers", data: []byte(typo), want: []string{typoWarn}},
		{
			name: "invalid-utf8-in-body",
			// A Windows-1252 "é" (0xE9) pasted into the body, on line 12.
			data: badBody,
			want: []string{"content/conditions/flu.md:12: invalid UTF-8 at byte offset " + fmt.Sprint(badBodyOffset) + " — save the file as UTF-8 (in Word: Save As › Plain Text › Unicode UTF-8)"},
		},
		{
			name: "invalid-utf8-in-front-matter-after-bom",
			// The offset counts from the start of the file, BOM included,
			// so that a hex editor shows the byte at that offset.
			data: badTitle,
			want: []string{"content/conditions/flu.md:2: invalid UTF-8 at byte offset " + fmt.Sprint(badTitleOffset) + " — save the file as UTF-8 (in Word: Save As › Plain Text › Unicode UTF-8)"},
		},
		{
			name: "binary-named-md",
			data: append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{0}, 64)...),
			want: []string{"content/conditions/flu.md: this is a binary file, not Markdown — move binary files such as images or PDFs to static/"},
		},
		{
			name: "utf16-notepad-unicode",
			data: []byte("\xFF\xFE-\x00-\x00-\x00\n\x00"),
			want: []string{"content/conditions/flu.md: this file is saved as UTF-16, not UTF-8 — save the file as UTF-8 (in Notepad: Save As › Encoding › UTF-8; in Word: Save As › Plain Text › Unicode UTF-8)"},
		},
		{
			name: "empty",
			data: nil,
			want: []string{"content/conditions/flu.md:1: no front matter — start the file with a --- line, then title:, description: and date:, then another --- line"},
		},
		{
			name: "only-whitespace",
			data: []byte("\n\n   \n"),
			want: []string{"content/conditions/flu.md:1: no front matter — start the file with a --- line, then title:, description: and date:, then another --- line"},
		},
		{
			name: "empty-front-matter",
			data: []byte("---\n---\n"),
			want: []string{
				"content/conditions/flu.md:1: author is missing — add a line like author: maria-lopez (a file name from content/authors) to the front matter",
				"content/conditions/flu.md:1: date is missing — add a line like date: 2025-03-14 to the front matter",
				"content/conditions/flu.md:1: description is missing — add a line like description: \"What asthma is and how to control it.\" to the front matter",
				"content/conditions/flu.md:1: title is missing — add a line like title: \"Asthma: the basics\" to the front matter",
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir, dest := writeSite(t, withFile(t, "content/conditions/flu.md", c.data))
			got := buildHostile(t, dir, dest)
			checkDiagnostics(t, got, c.want)
			checkFiles(t, dest, c.wantFiles)
		})
	}
}

// TestHostileBinaryInContent: a file that is not Markdown in content/ (an
// image dropped next to the articles) is left out with a warning.
func TestHostileBinaryInContent(t *testing.T) {
	files := baseFiles(t)
	files["content/conditions/chart.png"] = append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0, 1, 2, 3}, 1024)...)
	files["content/conditions/notes.docx"] = []byte("PK\x03\x04 not really a docx")
	dir, dest := writeSite(t, files)
	got := buildHostile(t, dir, dest)
	checkDiagnostics(t, got, []string{
		"content/conditions/chart.png: warning: not a Markdown file; left out — put images and downloads in static/, which is copied as is",
		"content/conditions/notes.docx: warning: not a Markdown file; left out — put images and downloads in static/, which is copied as is",
	})
	checkFiles(t, dest, []string{"conditions/asthma/index.html"})
}

// TestHostileHugeFile: a 50 MB Markdown file is refused before it is read,
// so loading it costs next to no memory.
func TestHostileHugeFile(t *testing.T) {
	dir, dest := writeSite(t, baseFiles(t))
	huge := filepath.Join(dir, "content", "conditions", "export.md")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	chunk := bytes.Repeat([]byte("All work and no play makes a long article.\n"), 1<<10)
	if _, err := f.WriteString(article); err != nil {
		t.Fatal(err)
	}
	for written := 0; written < 50<<20; written += len(chunk) {
		if _, err := f.Write(chunk); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}

	got := buildHostile(t, dir, dest)
	checkDiagnostics(t, got, []string{
		"content/conditions/export.md: file is 50.0 MB; an article may be at most 4 MB — split it into shorter articles, or move it out of content/",
	})

	// Memory: loading the site with the 50 MB file must allocate about as
	// much as loading it without (a few hundred kilobytes), not 50 MB.
	loadAlloc := func() uint64 {
		runtime.GC()
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		site.Load(dir, site.LoadOptions{Now: hostileNow})
		runtime.ReadMemStats(&m1)
		return m1.TotalAlloc - m0.TotalAlloc
	}
	with := loadAlloc()
	if err := os.Remove(huge); err != nil {
		t.Fatal(err)
	}
	without := loadAlloc()
	t.Logf("site.Load allocated %d KB with the 50 MB file, %d KB without", with>>10, without>>10)
	if with > without+1<<20 {
		t.Errorf("site.Load allocated %d KB with a 50 MB file in content/ and %d KB without: the file was read", with>>10, without>>10)
	}
}

// TestHostileJustOverLimit: the size limit is exact; a file one byte over
// it is refused, one at the limit is read.
func TestHostileJustOverLimit(t *testing.T) {
	body := func(size int) []byte {
		b := []byte(article)
		filler := bytes.Repeat([]byte("word "), (size-len(b))/5+1)
		b = append(b, filler...)
		return b[:size]
	}
	dir, dest := writeSite(t, withFile(t, "content/conditions/flu.md", body(site.MaxFileSize+1)))
	checkDiagnostics(t, buildHostile(t, dir, dest), []string{
		"content/conditions/flu.md: file is 4.0 MB; an article may be at most 4 MB — split it into shorter articles, or move it out of content/",
	})
	dir, dest = writeSite(t, withFile(t, "content/conditions/flu.md", body(site.MaxFileSize)))
	checkDiagnostics(t, buildHostile(t, dir, dest), nil)
	checkFiles(t, dest, []string{"conditions/flu/index.html"})
}

// TestHostileDeepNesting: 10,000 levels of nested lists or blockquotes
// must neither overflow the stack nor take minutes; the build reports the
// line instead. Shallower nesting (100 levels, the limit) still builds.
func TestHostileDeepNesting(t *testing.T) {
	indented := func(levels, step int) string {
		var b strings.Builder
		for i := 0; i < levels; i++ {
			b.WriteString(strings.Repeat(" ", step*i) + "- level\n")
		}
		return b.String()
	}
	const tooDeep = "content/conditions/flu.md:%d: Markdown nested more than 100 levels deep — lists or quotes inside one another this deep are a mistake; remove some of the leading spaces, - or > marks"
	// The article takes 12 lines, then a blank line: the body starts on 14.
	const firstLine = 14
	for _, c := range []struct {
		name, body string
		want       []string
	}{
		{"lists-on-one-line", strings.Repeat("- ", 10000) + "deep\n", []string{fmt.Sprintf(tooDeep, firstLine)}},
		{"numbered-lists", strings.Repeat("1. ", 10000) + "deep\n", []string{fmt.Sprintf(tooDeep, firstLine)}},
		{"blockquotes", strings.Repeat(">", 10000) + " deep\n", []string{fmt.Sprintf(tooDeep, firstLine)}},
		{"blockquotes-spaced", strings.Repeat("> ", 10000) + "deep\n", []string{fmt.Sprintf(tooDeep, firstLine)}},
		{"quotes-and-lists", strings.Repeat("> - ", 5000) + "deep\n", []string{fmt.Sprintf(tooDeep, firstLine)}},
		// 10,000 lines each indented two more spaces would be 100 MB; the
		// first 300 levels are enough to cross the limit at level 101.
		{"indented-lists", indented(300, 2), []string{fmt.Sprintf(tooDeep, firstLine+100)}},
		{"tab-indented-lists", strings.Repeat("\t", 101) + "- deep\n", []string{fmt.Sprintf(tooDeep, firstLine)}},
		{"at-the-limit", strings.Repeat("> ", 50) + strings.Repeat("- ", 50) + "deep\n" + indented(100, 2), nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir, dest := writeSite(t, withFile(t, "content/conditions/flu.md", []byte(article+"\n"+c.body)))
			got := buildHostile(t, dir, dest)
			checkDiagnostics(t, got, c.want)
			if c.want == nil {
				checkFiles(t, dest, []string{"conditions/flu/index.html"})
			}
		})
	}
}

// TestHostileSymlinks: a loop of symlinks and a link pointing outside the
// site are reported, and the build goes on.
func TestHostileSymlinks(t *testing.T) {
	dir, dest := writeSite(t, baseFiles(t))
	c := filepath.Join(dir, "content", "conditions")
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Symlink("loop-b.md", filepath.Join(c, "loop-a.md")))
	must(os.Symlink("loop-a.md", filepath.Join(c, "loop-b.md")))
	must(os.Symlink("..", filepath.Join(c, "parent"))) // a folder link back up
	must(os.Symlink("missing.md", filepath.Join(c, "dangling.md")))
	must(os.MkdirAll(filepath.Join(dir, "content", "news"), 0o755))
	must(os.Symlink("../conditions/asthma.md", filepath.Join(dir, "content", "news", "asthma-link.md"))) // a link to a file is read
	got := buildHostile(t, dir, dest)
	checkDiagnostics(t, got, []string{
		"content/conditions/dangling.md: warning: not a regular file; left out — replace it with a regular file, or remove it",
		"content/conditions/loop-a.md: warning: not a regular file; left out — replace it with a regular file, or remove it",
		"content/conditions/loop-b.md: warning: not a regular file; left out — replace it with a regular file, or remove it",
		"content/conditions/parent: warning: not a regular file; left out — replace it with a regular file, or remove it",
	})
	checkFiles(t, dest, []string{"conditions/asthma/index.html", "news/asthma-link/index.html"})
}

// TestHostileUnwritableDest: a destination that cannot be created is one
// clear error, and nothing else is touched.
func TestHostileUnwritableDest(t *testing.T) {
	dir, _ := writeSite(t, baseFiles(t))
	// chmod does not stop root, and tests here may run as root; a
	// destination whose parent is a regular file cannot be created by anyone.
	blocker := filepath.Join(t.TempDir(), "not-a-folder")
	if err := os.WriteFile(blocker, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(blocker, "public")
	_, _, diags := build.ToDir(dir, dest, site.LoadOptions{Now: hostileNow}, build.Options{})
	got := make([]string, len(diags))
	for i, d := range diags {
		got[i] = d.String()
	}
	checkDiagnostics(t, got, []string{
		dest + ": cannot create " + blocker + ": not a directory — choose a destination folder you can write to with --dest",
	})
	if data, err := os.ReadFile(blocker); err != nil || string(data) != "x" {
		t.Errorf("the file in the way was changed: %q, %v", data, err)
	}
}

// TestHostileOutputNames: whatever the input, every file a build writes
// has a clean relative name (checked on the in-memory output, which sees
// every name before the file system does).
func TestHostileOutputNames(t *testing.T) {
	files := baseFiles(t)
	files["content/wellness/nutrición.md"] = []byte(strings.Replace(article, "Seasonal flu", "Nutrición", 1))
	files["content/conditions/flu.md"] = []byte(strings.Replace(article, "tags: [flu]", "tags: [\"../../etc\", \"a/b\", \"%2e%2e\", \"C:\\\\x\", \"flu\"]", 1))
	dir, _ := writeSite(t, files)
	s := site.Load(dir, site.LoadOptions{Now: hostileNow})
	out := build.NewMemOutput()
	_, diags := build.Run(s, out, build.Options{})
	if diags.HasErrors() {
		t.Fatalf("unexpected errors:\n%v", diags)
	}
	names := out.Names()
	for _, n := range names {
		if !cleanOutputName(n) {
			t.Errorf("wrote %q, not a clean relative path", n)
		}
	}
	sort.Strings(names)
	for _, want := range []string{"wellness/nutrición/index.html", "tags/etc/index.html", "tags/a-b/index.html", "tags/2e-2e/index.html", "tags/c-x/index.html"} {
		if i := sort.SearchStrings(names, want); i == len(names) || names[i] != want {
			t.Errorf("output lacks %s", want)
		}
	}
}

// cleanOutputName reports whether name is a slash-separated path that stays
// inside the output folder.
func cleanOutputName(name string) bool {
	return name != "" && !strings.HasPrefix(name, "/") && !strings.Contains(name, `\`) &&
		path.Clean(name) == name && name != ".." && !strings.HasPrefix(name, "../") &&
		!strings.Contains(name, "/../") && !strings.ContainsRune(name, 0) && !(len(name) >= 2 && name[1] == ':')
}

// TestHostileDestinations: a build replaces its destination whole, so a
// destination that holds anything else — the site's own sources, a file,
// someone's folder — is refused with one error, and nothing on disk changes.
func TestHostileDestinations(t *testing.T) {
	cases := []struct {
		name  string
		setup func(t *testing.T, root, site string) (dest string)
		want  string // the diagnostic, with $DEST for the destination
	}{
		{"the site folder", func(t *testing.T, root, site string) string { return site },
			"$DEST: this folder holds the site's own files; a build replaces its destination whole and would delete them — build into a folder of its own, like --dest public"},
		{"the site folder spelt with a dot", func(t *testing.T, root, site string) string { return filepath.Join(site, "content", "..", ".") },
			"$DEST: this folder holds the site's own files; a build replaces its destination whole and would delete them — build into a folder of its own, like --dest public"},
		{"a parent of the site folder", func(t *testing.T, root, site string) string { return root },
			"$DEST: this folder holds the site's own files; a build replaces its destination whole and would delete them — build into a folder of its own, like --dest public"},
		{"a link to the site folder", func(t *testing.T, root, site string) string {
			link := filepath.Join(root, "link")
			if err := os.Symlink(site, link); err != nil {
				t.Fatal(err)
			}
			return link
		}, "$DEST: this folder holds the site's own files; a build replaces its destination whole and would delete them — build into a folder of its own, like --dest public"},
		{"content/", func(t *testing.T, root, site string) string { return filepath.Join(site, "content") },
			"$DEST: this folder is inside the site's content/ folder; a build replaces its destination whole — build into a folder of its own, like --dest public"},
		{"inside static/", func(t *testing.T, root, site string) string { return filepath.Join(site, "static", "out") },
			"$DEST: this folder is inside the site's static/ folder; a build replaces its destination whole — build into a folder of its own, like --dest public"},
		{"a file", func(t *testing.T, root, site string) string {
			f := filepath.Join(root, "notes.txt")
			if err := os.WriteFile(f, []byte("precious"), 0o644); err != nil {
				t.Fatal(err)
			}
			return f
		}, "$DEST: this is a file, not a folder; a build would replace it — choose a folder for the site, like --dest public"},
		{"someone's folder", func(t *testing.T, root, site string) string {
			d := filepath.Join(root, "documents")
			if err := os.MkdirAll(filepath.Join(d, "letters"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(d, "letters", "a.txt"), []byte("precious"), 0o644); err != nil {
				t.Fatal(err)
			}
			return d
		}, "$DEST: this folder holds files that are not a site built by Bedside (it has no index.html); a build replaces its destination whole and would delete them — empty the folder, or choose another one with --dest"},
		{"a link to a folder", func(t *testing.T, root, site string) string {
			d := filepath.Join(root, "real-public")
			if err := os.Mkdir(d, 0o755); err != nil {
				t.Fatal(err)
			}
			link := filepath.Join(root, "public-link")
			if err := os.Symlink(d, link); err != nil {
				t.Fatal(err)
			}
			return link
		}, "$DEST: this is a symbolic link; a build replaces its destination whole and would replace the link — give the folder the link points to with --dest"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir, _ := writeSite(t, baseFiles(t))
			root := filepath.Dir(dir)
			dest := c.setup(t, root, dir)
			before := snapshot(t, root)
			_, _, diags := build.ToDir(dir, dest, site.LoadOptions{Now: hostileNow}, build.Options{})
			got := make([]string, len(diags))
			for i, d := range diags {
				got[i] = strings.ReplaceAll(d.String(), dest, "$DEST")
			}
			checkDiagnostics(t, got, []string{c.want})
			after := snapshot(t, root)
			for p, h := range before {
				if after[p] != h {
					t.Errorf("%s changed", p)
				}
			}
			for p := range after {
				if _, ok := before[p]; !ok {
					t.Errorf("%s appeared", p)
				}
			}
		})
	}

	// The usual cases still build: a new folder, an empty one, an earlier build.
	dir, dest := writeSite(t, baseFiles(t))
	if err := os.MkdirAll(dest, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, state := range []string{"empty", "earlier build"} {
		if got := buildHostile(t, dir, dest); len(got) > 0 {
			t.Errorf("building into an %s folder: %v", state, got)
		}
	}
}

// TestHostileControlCharactersInNames: a file name with a newline or a
// terminal escape sequence is reported on one line, with the characters
// shown escaped, so the terminal neither breaks the line nor obeys them. A
// name that is not UTF-8 (a Latin-1 "café.md" out of an old zip file) would
// be an address browsers and macOS cannot use: it is refused too.
func TestHostileControlCharactersInNames(t *testing.T) {
	files := baseFiles(t)
	files["content/conditions/evil\x1b[31mred.md"] = []byte(article)
	files["content/conditions/two\nlines.md"] = []byte(article)
	files["content/conditions/caf\xe9.md"] = []byte(article)
	dir, dest := writeSite(t, files)
	checkDiagnostics(t, buildHostile(t, dir, dest), []string{
		`content/conditions/caf\xe9.md: file name "caf\xe9" is not UTF-8 text — rename the file with letters, digits and hyphens, or set slug:`,
		`content/conditions/evil\x1b[31mred.md: file name "evil\x1b[31mred" contains the character '\x1b' — rename the file with letters, digits and hyphens, or set slug:`,
		`content/conditions/two\nlines.md: file name "two\nlines" contains the character '\n' — rename the file with letters, digits and hyphens, or set slug:`,
	})
}

// TestHostileReadOnlyDestParent: a destination in a folder without write
// permission. Root ignores permissions, so as root (as in this project's
// containers) the case is skipped; TestHostileUnwritableDest covers an
// uncreatable destination for everyone.
func TestHostileReadOnlyDestParent(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: chmod does not stop root from writing")
	}
	dir, _ := writeSite(t, baseFiles(t))
	parent := filepath.Join(t.TempDir(), "read-only")
	if err := os.Mkdir(parent, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(parent, 0o755) })
	dest := filepath.Join(parent, "public")
	_, _, diags := build.ToDir(dir, dest, site.LoadOptions{Now: hostileNow}, build.Options{})
	got := make([]string, len(diags))
	for i, d := range diags {
		got[i] = d.String()
	}
	checkDiagnostics(t, got, []string{
		dest + ": cannot write in " + parent + ": permission denied — choose a destination folder you can write to with --dest",
	})
}

// TestHostileLinkFlood: a paragraph of thousands of unclosed links
// ("[a]([a](…") would take goldmark hours to render (the time grows with the
// square of the paragraph); the build reports the paragraph instead, and a
// paragraph at the limit still builds.
func TestHostileLinkFlood(t *testing.T) {
	const tooMany = "content/conditions/flu.md:%d: more than 250 links in one paragraph — a paragraph this full of [text](address) is likely a paste gone wrong; split it with blank lines or remove the stray ]("
	for _, c := range []struct {
		name, body string
		want       []string
	}{
		{"one-line", strings.Repeat("[a](", 1<<19), []string{fmt.Sprintf(tooMany, 14)}},
		{"one-a-line", "First paragraph.\n\n" + strings.Repeat("[a](\n", 100000), []string{fmt.Sprintf(tooMany, 16)}},
		{"at-the-limit", strings.Repeat("[a](/a/) ", 250) + "\n\n" + strings.Repeat("[b](/b/)\n", 250), nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir, dest := writeSite(t, withFile(t, "content/conditions/flu.md", []byte(article+"\n"+c.body)))
			start := time.Now()
			got := buildHostile(t, dir, dest)
			t.Logf("%d KB built in %v", len(c.body)>>10, time.Since(start).Round(time.Millisecond))
			checkDiagnostics(t, got, c.want)
		})
	}
}

// TestHostileManyHeadings: 50,000 headings with the same text (a pasted
// export) get distinct anchors in linear time; finding each a free anchor
// from "-1" upward used to take minutes.
func TestHostileManyHeadings(t *testing.T) {
	body := strings.Repeat("## Signs\n\nText.\n\n", 50000)
	dir, dest := writeSite(t, withFile(t, "content/conditions/flu.md", []byte(article+"\n"+body)))
	start := time.Now()
	checkDiagnostics(t, buildHostile(t, dir, dest), nil)
	t.Logf("built in %v", time.Since(start).Round(time.Millisecond))
	page, err := os.ReadFile(filepath.Join(dest, "conditions", "flu", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{`id="signs"`, `id="signs-1"`, `id="signs-49999"`} {
		if !bytes.Contains(page, []byte(id)) {
			t.Errorf("the page lacks the heading %s", id)
		}
	}
}

// TestHostileRenderAmplification: inputs whose HTML is many times their size
// would take the build gigabytes (1 MB of footnote references became a 47 MB
// page and 2.4 GB of memory in the checks). Too many footnote references are
// refused before rendering, and any page over 8 MB of HTML after it.
func TestHostileRenderAmplification(t *testing.T) {
	for _, c := range []struct {
		name, body string
		want       []string
	}{
		{"footnote-flood", "See the notes.\n\n" + strings.Repeat("[^a] ", 2001) + "\n\n[^a]: A source.\n",
			[]string{"content/conditions/flu.md:16: more than 2000 footnote references — cite each source once or twice; list the rest in references: in the front matter"}},
		{"heading-flood", strings.Repeat("## h\n", 100000),
			[]string{"content/conditions/flu.md: renders to 9.6 MB of HTML; a page may be at most 8 MB — split it into shorter articles"}},
		{"footnotes-at-the-limit", strings.Repeat("Text[^a]. ", 2000) + "\n\n[^a]: A source.\n", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir, dest := writeSite(t, withFile(t, "content/conditions/flu.md", []byte(article+"\n"+c.body)))
			checkDiagnostics(t, buildHostile(t, dir, dest), c.want)
		})
	}
}

// TestHostileLinkedFolders: content/ and static/ may be links to folders
// shared with another site; they used to be taken for files and left out,
// giving an empty site with a puzzling warning.
func TestHostileLinkedFolders(t *testing.T) {
	files := baseFiles(t)
	files["static/files/leaflet.txt"] = []byte("A leaflet.")
	dir, dest := writeSite(t, files)
	shared := filepath.Join(t.TempDir(), "shared")
	for _, name := range []string{"content", "static"} {
		if err := os.MkdirAll(shared, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(filepath.Join(dir, name), filepath.Join(shared, name)); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(filepath.Join(shared, name), filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	checkDiagnostics(t, buildHostile(t, dir, dest), nil)
	checkFiles(t, dest, []string{"conditions/asthma/index.html", "authors/maria-lopez/index.html", "files/leaflet.txt"})
}

// TestEmptyFileIsReported loads a site whose article is an empty file, the
// way `bedside review` and `check` do (nothing read before it): an empty
// file is an error at its first line, never an article that silently goes
// missing from the site.
func TestEmptyFileIsReported(t *testing.T) {
	for _, deferBodies := range []bool{false, true} {
		dir, _ := writeSite(t, withFile(t, "content/conditions/flu.md", []byte{}))
		s := site.Load(dir, site.LoadOptions{Now: hostileNow, DeferBodies: deferBodies})
		var got []string
		for _, d := range s.Diagnostics {
			got = append(got, d.String())
		}
		checkDiagnostics(t, got, []string{
			"content/conditions/flu.md:1: no front matter — start the file with a --- line, then title:, description: and date:, then another --- line",
		})
	}
}
