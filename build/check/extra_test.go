package check_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/build/check"
	"github.com/bedside-health/bedside/site"
)

func TestVideoPlaceholder(t *testing.T) {
	dir, _ := unpack(t, "video.txtar")
	out, _, diags := buildChecked(t, dir)
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	page := string(out.Files["news/inhalers/index.html"])
	for _, want := range []string{
		`<a class="video-link" href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" data-embed="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"`,
		`Watch the video: How to use an inhaler with a spacer`,
		`<script src="/js/video.js" defer></script>`,
		`<a href="https://vimeo.com/76979871">the spacer video (video on Vimeo)</a>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s\n%s", want, page)
		}
	}
	if strings.Contains(page, "<iframe") || strings.Count(page, "video.js") != 1 {
		t.Errorf("the page must hold no frame and load video.js once:\n%s", page)
	}
	if _, ok := out.Files["js/video.js"]; !ok {
		t.Error("the theme's js/video.js was not written")
	}
}

func TestReadingLevelNote(t *testing.T) {
	dir, _ := unpack(t, "video.txtar")
	for _, on := range []bool{false, true} {
		cfg := "title = \"Test\"\nbaseURL = \"https://health.example.org/\"\n"
		if on {
			cfg += "[quality.readability]\nshowOnPage = true\n"
		}
		if err := os.WriteFile(filepath.Join(dir, "bedside.toml"), []byte(cfg), 0o644); err != nil {
			t.Fatal(err)
		}
		out, c, _ := buildChecked(t, dir)
		page := string(out.Files["news/inhalers/index.html"])
		has := strings.Contains(page, `<p class="reading-level">Reading level: about school grade 4 · 1-minute read</p>`)
		if has != on {
			t.Errorf("showOnPage = %v, but the note is there: %v\n%s", on, has, page)
		}
		s := c.Scores()
		if len(s) != 1 || s[0].File != "content/news/inhalers.md" || s[0].Scores.Words != 16 {
			t.Errorf("scores = %+v", s)
		}
	}
}

func TestSpanishArticle(t *testing.T) {
	dir, _ := unpack(t, "video.txtar")
	body := strings.Repeat("La insulina ayuda a controlar el azúcar en la sangre. Pregunte a su médico. ", 10)
	hard := strings.Repeat("La administración subcutánea de insulina intermedia requiere individualización terapéutica considerable. ", 10)
	for name, text := range map[string]string{"facil": body, "dificil": hard} {
		art := fmt.Sprintf("---\ntitle: %s\ndescription: Insulina.\ndate: 2025-01-10\nauthor: ana\nlang: es\n---\n%s\n", name, text)
		if err := os.WriteFile(filepath.Join(dir, "content/news/"+name+".md"), []byte(art), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, c, diags := buildChecked(t, dir)
	var got []string
	for _, d := range diags {
		got = append(got, d.String())
	}
	want := "content/news/dificil.md:8: warning: reading level is INFLESZ -52.4 (very hard), below the target of 55 (100 words in 10 sentences) — use shorter sentences and everyday words; if the topic needs it, set readability: {minInflesz: 0, reason: \"...\"} in the front matter"
	if strings.Join(got, "\n") != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
	for _, s := range c.Scores() {
		if s.File == "content/news/facil.md" {
			if s.Scores.Lang != "es" || s.Scores.INFLESZ < 65 || s.Scores.FernandezHuerta == 0 || s.Scores.SMOG != 0 {
				t.Errorf("facil.md scores = %+v", s.Scores)
			}
		}
	}
}

// TestExternalLinks checks links to other sites against a local server:
// a missing page is an error, a slow server a warning, HEAD refused falls
// back to GET, skipped prefixes are not asked, good answers are cached,
// and no more than Concurrency requests run at once.
func TestExternalLinks(t *testing.T) {
	var inFlight, most, asked atomic.Int64
	var mu sync.Mutex
	seen := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		asked.Add(1)
		mu.Lock()
		seen[r.URL.Path]++
		mu.Unlock()
		time.Sleep(20 * time.Millisecond)
		switch {
		case r.URL.Path == "/gone":
			http.NotFound(w, r)
		case r.URL.Path == "/slow":
			time.Sleep(time.Second)
		case r.URL.Path == "/no-head" && r.Method == http.MethodHead:
			w.WriteHeader(http.StatusMethodNotAllowed)
		}
	}))
	defer srv.Close()

	dir, _ := unpack(t, "video.txtar")
	var links []string
	for i := 0; i < 6; i++ {
		links = append(links, fmt.Sprintf("[page %d](%s/ok/%d)", i, srv.URL, i))
	}
	art := "---\ntitle: Links\ndescription: Links.\ndate: 2025-01-10\nauthor: ana\n---\n" + strings.Join(links, "\n") +
		fmt.Sprintf("\n[gone](%s/gone)\n[slow](%s/slow)\n[no head](%s/no-head)\n[skipped](%s/skip/me)\n", srv.URL, srv.URL, srv.URL, srv.URL)
	if err := os.WriteFile(filepath.Join(dir, "content/news/links.md"), []byte(art), 0o644); err != nil {
		t.Fatal(err)
	}
	_, c, diags := buildChecked(t, dir)
	if len(diags) > 0 {
		t.Fatalf("the build found problems: %v", diags)
	}
	all := c.ExternalLinks()
	ours := map[string][]check.Place{}
	for u, p := range all {
		if strings.HasPrefix(u, srv.URL) {
			ours[u] = p
		}
	}
	if len(ours) != 10 {
		t.Fatalf("found %d links to the test server, want 10: %v", len(ours), ours)
	}
	cfg := site.DefaultConfig().Quality.External
	cfg.Timeout.Duration = 300 * time.Millisecond
	cfg.Concurrency = 2
	cfg.Skip = []string{srv.URL + "/skip/"}
	opts := check.ExternalOptions{Config: cfg, SiteDir: dir, Now: today}
	got, n := check.CheckExternal(context.Background(), ours, opts)
	if n != 9 {
		t.Errorf("asked %d addresses, want 9 (one skipped)", n)
	}
	want := []string{
		fmt.Sprintf("content/news/links.md:13: broken external link %s/gone: 404 Not Found — find where the page moved and update the link, or remove it", srv.URL),
		fmt.Sprintf("content/news/links.md:14: warning: external link %s/slow did not answer: no answer within the timeout — check the address in a browser; add it to [quality.external] skip if the site refuses link checkers", srv.URL),
	}
	var gotS []string
	for _, d := range got {
		gotS = append(gotS, d.String())
	}
	if strings.Join(gotS, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(gotS, "\n"), strings.Join(want, "\n"))
	}
	if m := most.Load(); m > 2 {
		t.Errorf("%d requests ran at once, want at most 2", m)
	}
	mu.Lock()
	if seen["/no-head"] != 2 || seen["/skip/me"] != 0 {
		t.Errorf("requests by path: %v (want HEAD then GET for /no-head, none for /skip/me)", seen)
	}
	mu.Unlock()

	data, err := os.ReadFile(filepath.Join(dir, ".bedside", "external-links.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cache map[string]struct{ Checked string }
	if err := json.Unmarshal(data, &cache); err != nil || len(cache) != 7 || cache[srv.URL+"/ok/0"].Checked != "2026-11-23" {
		t.Errorf("cache = %s (err %v), want the 7 good answers dated 2026-11-23", data, err)
	}
	// A second run asks only what failed; the cache expires after cacheFor.
	if _, n := check.CheckExternal(context.Background(), ours, opts); n != 2 {
		t.Errorf("second run asked %d addresses, want 2 (the cached ones not again)", n)
	}
	opts.Now = today.AddDate(0, 0, 8)
	if _, n := check.CheckExternal(context.Background(), ours, opts); n != 9 {
		t.Errorf("a run 8 days later asked %d addresses, want 9 (the cache lasts 7 days)", n)
	}
}

// TestCheckerReusedAcrossBuilds: a Checker given to a second build (as a
// long-running process might) reports that build only.
func TestCheckerReusedAcrossBuilds(t *testing.T) {
	dir, want := unpack(t, "broken-link.txtar")
	c := check.New()
	run := func() []string {
		s := site.Load(dir, site.LoadOptions{Now: today})
		_, diags := build.Run(s, build.NewMemOutput(), build.Options{Extensions: []build.Extension{c}})
		var got []string
		for _, d := range diags {
			got = append(got, d.String())
		}
		return got
	}
	if got := run(); len(got) != len(want) {
		t.Fatalf("first build: %q", got)
	}
	art := filepath.Join(dir, "content/news/asthma.md")
	src, _ := os.ReadFile(art)
	fixed := strings.NewReplacer("/news/astma/", "/news/asthma/", "/images/inhaler.svg", "/images/inhaler-spacer.svg", "../flu-shot/", "../flu/").Replace(string(src))
	if err := os.WriteFile(art, []byte(fixed), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := run(); len(got) != 0 {
		t.Errorf("second build after the fix: %q", got)
	}
	if n := len(c.Scores()); n != 2 {
		t.Errorf("%d scored articles after two builds of a 2-article site, want 2", n)
	}
}

// TestLongLinkText: a link whose text is a megabyte of emphasized words
// (200,000 text tokens between em elements) is read in linear time, not one copy per token.
func TestLongLinkText(t *testing.T) {
	dir, _ := unpack(t, "video.txtar")
	body := "[" + strings.Repeat("*care* and ", 100_000) + "](/news/inhalers/)\n\n## " + strings.Repeat("*Heading* and ", 50_000) + "\n"
	art := "---\ntitle: Long\ndescription: Long.\ndate: 2025-01-10\nauthor: ana\nreadability: {maxGrade: 99, reason: \"a test of size\"}\n---\n" + body
	if err := os.WriteFile(filepath.Join(dir, "content/news/long.md"), []byte(art), 0o644); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, _, diags := buildChecked(t, dir)
	if len(diags) != 0 {
		t.Errorf("diagnostics: %v", diags)
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("the build took %s", d)
	}
}
