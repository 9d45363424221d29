package build_test

// The destination folder is never half-written: a build killed with SIGKILL
// at any moment leaves public/ as the old complete site or the new complete
// site, and the next build cleans up whatever the killed one left beside it.
// These tests run the real bedside binary, built once per test process.

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/site"
)

// bedsideBinary builds ./cmd/bedside into a temporary folder of the test
// and returns its path (the Go build cache makes the second test's build a
// link step).
func bedsideBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the bedside binary; skipped with -short")
	}
	bin := filepath.Join(t.TempDir(), "bedside")
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build the binary with")
	}
	cmd := exec.Command(goTool, "build", "-o", bin, "./cmd/bedside")
	cmd.Dir = ".."
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/bedside: %v\n%s", err, out)
	}
	return bin
}

// writeCorpus writes a site of n articles into dir. variant changes every
// article's text, so that two variants differ in every page; the "new"
// variant also has a few more articles, so the file lists differ too.
func writeCorpus(t *testing.T, dir string, n int, variant string) {
	t.Helper()
	if variant == "new" {
		n += n / 10
	}
	write := func(name, data string) {
		full := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("bedside.toml", "title = \"Corpus Health Library\"\nbaseURL = \"https://health.example.org/\"\n")
	authors := []string{"maria-lopez", "helen-ward", "james-okafor", "grace-kim"}
	for i, a := range authors {
		write("content/authors/"+a+".md", fmt.Sprintf("---\nname: Person %d\ncredentials: [MD]\nrole: Physician\n---\nA clinician of the %s site.\n", i, variant))
	}
	// The pages the default theme links to from every page.
	for _, page := range []string{"about", "editorial-policy", "subscribe"} {
		write("content/"+page+".md", fmt.Sprintf("---\ntitle: %q\ndescription: \"The %s page.\"\n---\nThis is the %s page.\n", page, page, page))
	}
	sections := []string{"conditions", "treatments", "wellness", "news"}
	tags := []string{"heart", "lungs", "diabetes", "children", "sleep", "food", "exercise", "vaccines"}
	para := strings.Repeat("Good care helps you feel well. Ask your nurse when you need help. ", 6)
	for i := 0; i < n; i++ {
		sec := sections[i%len(sections)]
		date := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%1800)
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: \"Article %d (%s)\"\ndescription: \"What article %d says, in the %s version.\"\n", i, variant, i, variant)
		fmt.Fprintf(&b, "date: %s\nauthor: %s\nreviewedBy: %s\nlastReviewed: %s\n", date.Format("2006-01-02"),
			authors[i%len(authors)], authors[(i+1)%len(authors)], date.AddDate(0, 1, 0).Format("2006-01-02"))
		fmt.Fprintf(&b, "tags: [%s, %s]\n---\n", tags[i%len(tags)], tags[(i*3+1)%len(tags)])
		for h := 0; h < 4; h++ {
			fmt.Fprintf(&b, "\n## Part %d of article %d\n\n%s\n\n- First point (%s)\n- Second point\n- Third point with [a link](/%s/article-%d/)\n", h, i, para, variant, sections[(i+1)%len(sections)], (i+1)%n)
		}
		write(fmt.Sprintf("content/%s/article-%d.md", sec, i), b.String())
	}
}

// treeManifest returns a hash of every path and file content under dir, and
// the number of files.
func treeManifest(t *testing.T, dir string) (string, int) {
	t.Helper()
	var lines []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			lines = append(lines, filepath.ToSlash(rel)+"/")
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		lines = append(lines, fmt.Sprintf("%s %x", filepath.ToSlash(rel), sha256.Sum256(data)))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(lines)
	sum := sha256.Sum256([]byte(strings.Join(lines, "\n")))
	return fmt.Sprintf("%x", sum[:8]), len(lines)
}

// runBedside runs a complete build and fails the test if it fails.
func runBedside(t *testing.T, bin string, env []string, args ...string) time.Duration {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("bedside %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return time.Since(start)
}

// leftovers lists the entries of dir other than keep.
func leftovers(t *testing.T, dir string, keep ...string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if !contains(keep, e.Name()) {
			out = append(out, e.Name())
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestKilledBuildKeepsCompleteSite kills "bedside build" with SIGKILL at
// random moments, 20 times, alternating between two versions of a site:
// after every kill public/ must be exactly one of the two complete builds,
// and a build after the last kill must leave nothing but public/ behind.
func TestKilledBuildKeepsCompleteSite(t *testing.T) {
	bin := bedsideBinary(t)
	root := t.TempDir()
	sites := map[string]string{"old": filepath.Join(root, "old"), "new": filepath.Join(root, "new")}
	for variant, dir := range sites {
		writeCorpus(t, dir, 400, variant)
	}
	outDir := filepath.Join(root, "out") // public/'s parent holds nothing else
	dest := filepath.Join(outDir, "public")
	buildSite := func(variant, into string, env ...string) time.Duration {
		return runBedside(t, bin, env, "build", "--source", sites[variant], "--dest", into, "--now", "2026-11-23")
	}

	// The two complete sites every killed build must leave behind.
	want := map[string]string{}
	var buildTime time.Duration
	for _, variant := range []string{"new", "old"} {
		d := buildSite(variant, dest)
		if d > buildTime {
			buildTime = d
		}
		m, files := treeManifest(t, dest)
		want[m] = variant
		t.Logf("complete %s site: %d entries, manifest %s, built in %v", variant, files, m, d.Round(time.Millisecond))
	}
	if len(want) != 2 {
		t.Fatal("the old and new sites build to the same tree")
	}
	current := "old" // public/ holds the old site now

	seed := time.Now().UnixNano()
	t.Logf("random delays seeded with %d; a complete build takes about %v", seed, buildTime.Round(time.Millisecond))
	rng := rand.New(rand.NewPCG(uint64(seed), 0))
	counts := map[string]int{}
	for i := 0; i < 20; i++ {
		next := "new"
		if current == "new" {
			next = "old"
		}
		// Kill anywhere in the build for even i; for odd i, around its end,
		// where the swap and the removal of the previous site happen.
		delay := time.Duration(rng.Int64N(int64(buildTime)))
		if i%2 == 1 {
			delay = buildTime*7/10 + time.Duration(rng.Int64N(int64(buildTime)*6/10))
		}
		cmd := exec.Command(bin, "build", "--source", sites[next], "--dest", dest, "--now", "2026-11-23")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		finished := err == nil
		m, _ := treeManifest(t, dest)
		got, ok := want[m]
		if !ok {
			t.Fatalf("kill %d after %v: public/ is neither the old nor the new complete site (manifest %s)", i, delay, m)
		}
		switch {
		case got == next:
			counts["new site in place"]++
		default:
			counts["old site kept"]++
		}
		if finished && got != next {
			t.Fatalf("kill %d: the build finished but public/ holds the %s site", i, got)
		}
		// Each build first removes what a killed one left, so at most the
		// killed build's own temporary folder can be there now.
		rest := leftovers(t, outDir, "public", ".bedside-prev-public")
		if len(rest) > 1 {
			t.Fatalf("kill %d after %v: %s holds %v: an earlier build's leftovers were not cleaned up", i, delay, outDir, rest)
		}
		if len(rest) == 1 {
			counts["left a temporary folder"]++
		}
		if finished {
			counts["finished before the kill"]++
		}
		current = got
	}
	t.Logf("20 kills: %v", counts)

	// A complete build cleans up whatever the killed ones left.
	buildSite("new", dest)
	if rest := leftovers(t, outDir, "public", ".bedside-prev-public"); len(rest) > 0 {
		t.Errorf("after a complete build, %s still holds %v", outDir, rest)
	}
	if m, _ := treeManifest(t, dest); want[m] != "new" {
		t.Errorf("after a complete build public/ is not the new site")
	}
}

// TestLeftoversAreRepairedEvenByAFailedBuild: where the atomic exchange is
// not available the swap is two renames, and a build killed between them
// leaves no public/, only the old site beside it under a temporary name. The
// next build puts it back even when that build fails on a content error, so
// that a site is never left missing; temporary folders of killed builds are
// removed.
func TestLeftoversAreRepairedEvenByAFailedBuild(t *testing.T) {
	root := t.TempDir()
	siteDir := filepath.Join(root, "site")
	write := func(p, data string) {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(siteDir, "bedside.toml"), "baseURL = \"https://health.example.org/\"\n")
	write(filepath.Join(siteDir, "content", "news", "broken.md"), "---\ntitle: \"Broken\"\ndate: 2025-02-30\n---\nBody.\n")
	outDir := filepath.Join(root, "out")
	dest := filepath.Join(outDir, "public")

	// Killed between the renames: the old site waits beside a missing public/,
	// and a killed build's half-written folder lies next to it.
	write(filepath.Join(outDir, ".bedside-old-public-1700000000", "index.html"), "old site")
	write(filepath.Join(outDir, ".bedside-new-public-123", "half.html"), "half")
	_, _, diags := build.ToDir(siteDir, dest, site.LoadOptions{}, build.Options{})
	if !diags.HasErrors() {
		t.Fatalf("the broken site built:\n%v", diags)
	}
	if data, err := os.ReadFile(filepath.Join(dest, "index.html")); err != nil || string(data) != "old site" {
		t.Errorf("public/ was not restored from the old site: %q, %v", data, err)
	}
	if rest := leftovers(t, outDir, "public", ".bedside-prev-public"); len(rest) > 0 {
		t.Errorf("leftovers remain: %v", rest)
	}

	// A complete public/ and a stale old copy: the stale copy goes, public/ stays.
	write(filepath.Join(outDir, ".bedside-old-public-1700000001", "index.html"), "stale")
	build.ToDir(siteDir, dest, site.LoadOptions{}, build.Options{})
	if data, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(data) != "old site" {
		t.Errorf("public/ changed: %q", data)
	}
	if rest := leftovers(t, outDir, "public", ".bedside-prev-public"); len(rest) > 0 {
		t.Errorf("leftovers remain: %v", rest)
	}
}
