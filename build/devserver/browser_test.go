package devserver

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/bedside-health/bedside/build/browsertest"
	"github.com/chromedp/chromedp"
)

// browser starts a headless Chromium for one test. Without Chromium the
// test is skipped, unless BEDSIDE_REQUIRE_BROWSER=1 (CI) makes it fail.
func browser(t *testing.T) context.Context {
	t.Helper()
	return browsertest.Chromium(t, 800, 500)
}

// eval evaluates a JavaScript expression with a time limit.
func eval[T any](ctx context.Context, expr string) (T, error) {
	c, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	return chromedp.Run(c, chromedp.Evaluate[T](expr))
}

// waitJS evaluates a JavaScript condition until it is true.
func waitJS(t *testing.T, ctx context.Context, cond string, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		ok, err := eval[bool](ctx, "Boolean("+cond+")")
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			text, _ := eval[string](ctx, `document.documentElement.outerHTML.slice(0, 600)`)
			t.Fatalf("%s did not become true within %s (last error: %v); page:\n%s", cond, limit, err, text)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// openPage navigates and waits until the live script is connected.
func openPage(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	nav, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(nav, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `window.__bedsideBuild && document.readyState === "complete"`, 10*time.Second)
}

func TestBrowserShowsASavedEditWithoutAnyAction(t *testing.T) {
	ctx := browser(t)
	dir := writeSite(t, "site")
	ts := startServer(t, dir, nil)
	src := readFile(t, dir, "content/conditions/asthma.md")
	// A long article, so that the reader's scroll position means something.
	long := src + strings.Repeat("\nA paragraph to make the page long enough to scroll.\n", 60)
	writeFile(t, dir, "content/conditions/asthma.md", long)
	waitFor(t, ts.url+"conditions/asthma/", "long enough to scroll", 10*time.Second)

	openPage(t, ctx, ts.url+"conditions/asthma/")
	if _, err := eval[bool](ctx, `window.scrollTo({top: 600, behavior: "instant"}), window.__notReloaded = true`); err != nil {
		t.Fatal(err)
	}
	if y, _ := eval[float64](ctx, `window.scrollY`); y < 500 {
		h, _ := eval[string](ctx, `document.documentElement.scrollHeight + " " + window.innerHeight + " " + document.body.innerText.length`)
		t.Fatalf("the page did not scroll (scrollY %v; height, viewport, text: %s)", y, h)
	}
	writeFile(t, dir, "content/conditions/asthma.md", long+"\nThe newly saved sentence.\n")
	waitJS(t, ctx, `document.body.innerText.includes("The newly saved sentence.")`, 10*time.Second)
	waitJS(t, ctx, `!window.__notReloaded`, time.Second) // it was a reload, done by the page itself
	waitJS(t, ctx, `window.scrollY > 500`, 5*time.Second)
	y, _ := eval[float64](ctx, `window.scrollY`)
	if y < 500 || y > 700 {
		t.Errorf("scroll position after the reload: %v, want about 600", y)
	}
}

func TestBrowserShowsErrorOverlayUntilFixed(t *testing.T) {
	ctx := browser(t)
	dir := writeSite(t, "site")
	ts := startServer(t, dir, nil)
	openPage(t, ctx, ts.url+"conditions/asthma/")
	src := readFile(t, dir, "content/conditions/asthma.md")
	writeFile(t, dir, "content/conditions/asthma.md", strings.Replace(src, `title: "Asthma basics"`, `title: "Asthma basics`, 1))
	overlayText := `(document.querySelector("bedside-overlay") && document.querySelector("bedside-overlay").shadowRoot.textContent) || ""`
	waitJS(t, ctx, overlayText+`.includes("content/conditions/asthma.md:")`, 10*time.Second)
	text, _ := eval[string](ctx, overlayText)
	if !strings.Contains(text, "How to fix:") {
		t.Errorf("the overlay gives no hint:\n%s", text)
	}
	title, _ := eval[string](ctx, `document.querySelector("h1").textContent`)
	if title != "Asthma basics" {
		t.Errorf("under the overlay the page shows %q, want the last good build", title)
	}
	writeFile(t, dir, "content/conditions/asthma.md", strings.Replace(src, `title: "Asthma basics"`, `title: "Asthma, fixed"`, 1))
	waitJS(t, ctx, `document.querySelector("h1") && document.querySelector("h1").textContent === "Asthma, fixed"`, 10*time.Second)
	waitJS(t, ctx, `!document.querySelector("bedside-overlay")`, 5*time.Second)
}

func TestBrowserSwapsStylesheetWithoutReload(t *testing.T) {
	ctx := browser(t)
	dir := writeSite(t, "site")
	ts := startServer(t, dir, nil)
	openPage(t, ctx, ts.url+"conditions/asthma/")
	if _, err := eval[bool](ctx, `window.__notReloaded = true`); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "themes/default/static/css/site.css", "body { background-color: rgb(1, 2, 3); }\n")
	waitJS(t, ctx, `getComputedStyle(document.body).backgroundColor === "rgb(1, 2, 3)"`, 10*time.Second)
	still, _ := eval[bool](ctx, `window.__notReloaded === true`)
	if !still {
		t.Error("the page reloaded for a stylesheet change")
	}
	links, _ := eval[int](ctx, `document.querySelectorAll('link[rel="stylesheet"]').length`)
	if links != 1 {
		t.Errorf("%d stylesheet links after the swap, want 1", links)
	}
	// A second and a third save are swapped in too: the page still links
	// the first name, which the server maps to the newest.
	for _, color := range []string{"rgb(4, 5, 6)", "rgb(7, 8, 9)"} {
		writeFile(t, dir, "themes/default/static/css/site.css", "body { background-color: "+color+"; }\n")
		waitJS(t, ctx, `getComputedStyle(document.body).backgroundColor === "`+color+`"`, 10*time.Second)
	}
	if still, _ := eval[bool](ctx, `window.__notReloaded === true`); !still {
		t.Error("the page reloaded for a later stylesheet change")
	}
}
