package check

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/bedside-health/bedside/site"
)

// externalRef is a link to another site, found on a page.
type externalRef struct {
	url  string // absolute
	href string // as written
	page *pageRecord
}

// ExternalLinks returns the links to other sites the build found, each with
// the places that write it.
func (c *Checker) ExternalLinks() map[string][]Place {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := map[string][]Place{}
	for _, r := range c.externalRefs {
		place, _ := r.page.src.locate(linkNeedles(r.href, c.basePath)...)
		out[r.url] = append(out[r.url], place)
	}
	for u, ps := range out {
		out[u] = dedupPlaces(ps)
	}
	return out
}

func dedupPlaces(ps []Place) []Place {
	sort.Slice(ps, func(i, j int) bool {
		if ps[i].File != ps[j].File {
			return ps[i].File < ps[j].File
		}
		return ps[i].Line < ps[j].Line
	})
	out := ps[:0]
	for i, p := range ps {
		if i == 0 || p != ps[i-1] {
			out = append(out, p)
		}
	}
	return out
}

// ExternalOptions configure [CheckExternal].
type ExternalOptions struct {
	Config site.ExternalConfig
	// SiteDir is the site folder; the cache file is relative to it.
	SiteDir string
	// Now dates cache entries (the site's today, so that runs are reproducible).
	Now time.Time
	// Client makes the requests; nil uses one with Config.Timeout.
	Client *http.Client
}

// cacheEntry remembers that an address answered well on a date.
type cacheEntry struct {
	Status  int    `json:"status"`
	Checked string `json:"checked"` // YYYY-MM-DD
}

// CheckExternal asks every external address whether it still answers, at
// most Config.Concurrency at a time, each within Config.Timeout. Addresses
// that start with a Config.Skip prefix are not asked; good answers are
// remembered in the cache file for Config.CacheFor. A missing page (404,
// 410 and other 4xx but 429) is an error at each place the link is
// written; a server error or an address that does not answer is a warning,
// since it may pass.
func CheckExternal(ctx context.Context, links map[string][]Place, opts ExternalOptions) (site.Diagnostics, int) {
	cfg := opts.Config
	client := opts.Client
	if client == nil {
		client = &http.Client{Timeout: cfg.Timeout.Duration}
	}
	cachePath := ""
	if cfg.Cache != "" {
		cachePath = filepath.Join(opts.SiteDir, filepath.FromSlash(cfg.Cache))
	}
	cache := map[string]cacheEntry{}
	if cachePath != "" {
		if data, err := os.ReadFile(cachePath); err == nil {
			_ = json.Unmarshal(data, &cache)
		}
	}
	fresh := func(e cacheEntry) bool {
		t, err := time.Parse("2006-01-02", e.Checked)
		return err == nil && !opts.Now.After(cfg.CacheFor.After(t)) && !t.After(opts.Now)
	}
	urls := make([]string, 0, len(links))
	for u := range links {
		skip := false
		for _, prefix := range cfg.Skip {
			if strings.HasPrefix(u, prefix) {
				skip = true
			}
		}
		if e, ok := cache[u]; (ok && fresh(e)) || skip {
			continue
		}
		urls = append(urls, u)
	}
	sort.Strings(urls)

	type answer struct {
		status int
		err    error
	}
	answers := make([]answer, len(urls))
	sem := make(chan struct{}, max(1, cfg.Concurrency))
	var wg sync.WaitGroup
	for i, u := range urls {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			status, err := ask(ctx, client, u)
			answers[i] = answer{status, err}
		}()
	}
	wg.Wait()

	var diags site.Diagnostics
	for i, u := range urls {
		a := answers[i]
		for _, p := range links[u] {
			switch {
			case a.err != nil:
				diags.Warnf(p.File, p.Line, "check the address in a browser; add it to [quality.external] skip if the site refuses link checkers", "external link %s did not answer: %v", u, a.err)
			case a.status >= 400 && a.status < 500 && a.status != 429:
				diags.Errorf(p.File, p.Line, "find where the page moved and update the link, or remove it", "broken external link %s: %d %s", u, a.status, http.StatusText(a.status))
			case a.status >= 400:
				diags.Warnf(p.File, p.Line, "try again later; the site may be down", "external link %s answered %d %s", u, a.status, http.StatusText(a.status))
			}
		}
		if a.err == nil && a.status < 400 {
			cache[u] = cacheEntry{Status: a.status, Checked: opts.Now.Format("2006-01-02")}
		}
	}
	if cachePath != "" && len(urls) > 0 {
		if data, err := json.MarshalIndent(cache, "", "  "); err == nil {
			if err := os.MkdirAll(filepath.Dir(cachePath), 0o755); err == nil {
				_ = os.WriteFile(cachePath, append(data, '\n'), 0o644)
			}
		}
	}
	return diags, len(urls)
}

// ask requests an address with HEAD, and with GET when the server does not
// answer HEAD properly.
func ask(ctx context.Context, client *http.Client, u string) (int, error) {
	status, err := request(ctx, client, http.MethodHead, u)
	if err == nil && (status == http.StatusMethodNotAllowed || status == http.StatusNotImplemented || status == http.StatusForbidden) {
		return request(ctx, client, http.MethodGet, u)
	}
	return status, err
}

func request(ctx context.Context, client *http.Client, method, u string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, method, u, nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("User-Agent", "Bedside-link-checker/1 (health-education site)")
	resp, err := client.Do(req)
	if err != nil {
		return 0, cleanErr(err)
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

// cleanErr shortens a client error to its cause ("timeout", "connection refused").
func cleanErr(err error) error {
	msg := err.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 && strings.Contains(msg, "dial tcp") {
		return fmt.Errorf("%s", msg[i+2:])
	}
	if strings.Contains(msg, "Client.Timeout") || strings.Contains(msg, "deadline exceeded") {
		return fmt.Errorf("no answer within the timeout")
	}
	return err
}
