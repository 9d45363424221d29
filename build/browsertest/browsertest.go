// Package browsertest starts Debian's Chromium for Bedside's browser tests
// (the dev server's live reload, the theme's axe-core audit), through
// chromedp.
//
// A test that needs a browser calls [Chromium]. Where Chromium is not
// installed the test is skipped, unless BEDSIDE_REQUIRE_BROWSER=1 (as .ci/run
// sets it): then it fails, so that CI can never pass by skipping.
//
// Only tests import this package.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"testing"

	"github.com/chromedp/chromedp"
)

// Require skips the test, or fails it when BEDSIDE_REQUIRE_BROWSER=1, for
// want of something a browser test needs.
func Require(t testing.TB, why string) {
	t.Helper()
	if os.Getenv("BEDSIDE_REQUIRE_BROWSER") == "1" {
		t.Fatalf("%s (BEDSIDE_REQUIRE_BROWSER=1)", why)
	}
	t.Skip(why)
}

// Chromium starts a headless Chromium with a fresh profile and a window of
// the given size, and returns a chromedp context for it; the browser stops
// when the test ends. The flags keep it from calling any Google service:
// this machine's network is closed, and a test must not depend on one.
func Chromium(t testing.TB, width, height int) context.Context {
	t.Helper()
	path := os.Getenv("BEDSIDE_CHROMIUM")
	if path == "" {
		p, err := exec.LookPath("chromium")
		if err != nil {
			Require(t, "chromium is not installed")
		}
		path = p
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancelCtx()
		cancelAlloc()
	})
	// The first Run starts the browser; it lives as long as ctx, which
	// therefore has no timeout of its own.
	if _, err := chromedp.Run(ctx, chromedp.Title()); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return ctx
}
