package devserver

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/site"
)

// Config says what to serve and where.
type Config struct {
	Dir  string           // the site folder
	Load site.LoadOptions // what the build includes (the server adds drafts and future articles)
	// Extensions returns the build extensions; it is called for every
	// build, since an extension may keep state for one build only.
	Extensions func() []build.Extension
	Addr       string        // host:port to listen on; port 0 picks a free one
	Poll       time.Duration // when set, scan for changes this often instead of using file-system events
	// Quiet and MaxWait tune how events are coalesced; zero means the defaults.
	Quiet, MaxWait time.Duration
	Log            io.Writer // one line at start and one per rebuild
	// Listening, when set, is called with the server's URL once it accepts
	// connections (tests and benchmarks use it with port 0).
	Listening func(url string)
	// Rebuilt, when set, is called after every rebuild with what changed and
	// whether the new build is being served.
	Rebuilt func(changed []string, ok bool)
	// MemoryLimit, when set, is the soft limit of the Go heap for the
	// process (debug.SetMemoryLimit): the garbage of a full build is then
	// collected before it piles up, and the server stays small for a day
	// of editing.
	MemoryLimit int64
}

// Run builds the site, serves it and rebuilds on every change until ctx is
// done; then it shuts the server down cleanly.
func Run(ctx context.Context, cfg Config) error {
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	if cfg.Quiet == 0 {
		cfg.Quiet = defaultQuiet
	}
	if cfg.MaxWait == 0 {
		cfg.MaxWait = defaultMaxWait
	}
	cfg.Load.Drafts, cfg.Load.Future = true, true
	if cfg.MemoryLimit > 0 {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(cfg.MemoryLimit))
	}

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	url := "http://" + ln.Addr().String() + "/"
	if host, _, _ := net.SplitHostPort(ln.Addr().String()); !isLoopback(host) {
		fmt.Fprintf(cfg.Log, "warning: listening on %s, which other machines may reach; the dev server shows drafts and is meant for this machine only (use --bind 127.0.0.1)\n", host)
	}

	// Watch before the first build, so that a save during it is not lost.
	changes := make(chan string, 1024)
	if cfg.Poll > 0 {
		watchPoll(ctx, cfg.Dir, cfg.Poll, changes)
	} else if err := watchNotify(ctx, cfg.Dir, changes); err != nil {
		ln.Close()
		return fmt.Errorf("cannot watch %s: %v (try --poll 500ms)", cfg.Dir, err)
	}
	batches := make(chan []string)
	go coalesce(ctx, changes, batches, cfg.Quiet, cfg.MaxWait)

	var current atomic.Pointer[snapshot]
	ready := make(chan struct{})
	done := make(chan struct{})
	h := &handler{current: &current, ready: ready, events: newBroker(), done: done, started: time.Now()}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()
	fmt.Fprintf(cfg.Log, "bedside serve: building %s…\n", cfg.Dir)

	b := newBuilder(cfg.Dir, cfg.Load, cfg.Extensions)
	var serving sync.Once
	show := func(s *snapshot) {
		current.Store(s)
		serving.Do(func() {
			close(ready)
			fmt.Fprintf(cfg.Log, "bedside serve: serving at %s (drafts and scheduled articles included; Ctrl-C to stop)\n", url)
			if cfg.Listening != nil {
				cfg.Listening(url)
			}
		})
	}
	// Show new pages as soon as they are rendered, the first build's too;
	// the sitemap, feeds and checks follow.
	b.early = func(s *snapshot) {
		show(s)
		h.events.publish(status{Build: h.buildID(s)})
	}
	first := b.initial()
	report(cfg.Log, "site", first)
	errs := diagnosticsOf(errorsOf(first))
	if first.snap == nil {
		first.snap = &snapshot{files: map[string]*file{}, always: map[string]bool{}}
	}
	show(first.snap)
	h.events.publish(status{Build: h.buildID(first.snap), Errors: errs})
	debug.FreeOSMemory() // the first build's garbage is the most there will be
	for {
		select {
		case <-ctx.Done():
			close(done)
			shutdown, cancel := context.WithTimeout(context.Background(), 3*time.Second)
			defer cancel()
			err := srv.Shutdown(shutdown)
			fmt.Fprintln(cfg.Log, "bedside serve: stopped")
			return err
		case err := <-serveErr:
			if errors.Is(err, http.ErrServerClosed) {
				return nil
			}
			return err
		case changed := <-batches:
			out := b.rebuild(awaitWrites(ctx, cfg.Dir, changed, batches))
			if out.how == "nothing" {
				continue
			}
			if out.snap != nil {
				current.Store(out.snap)
			}
			st := status{Build: h.buildID(current.Load()), Errors: diagnosticsOf(errorsOf(out))}
			if out.cssOnly {
				st.CSS = cssChanges(out.changed, out)
			}
			h.events.publish(st)
			report(cfg.Log, describe(out.changed), out)
			if cfg.Rebuilt != nil {
				cfg.Rebuilt(out.changed, out.snap != nil)
			}
			// Collect the rebuild's garbage now, while the writer reads,
			// rather than in the middle of the next rebuild.
			go runtime.GC()
		}
	}
}

func errorsOf(out outcome) site.Diagnostics {
	if out.snap != nil {
		return nil
	}
	return out.diags
}

// cssChanges maps each changed stylesheet's site path to its new one.
func cssChanges(changed []string, out outcome) map[string]string {
	css := map[string]string{}
	for k, v := range out.css {
		css[k] = v
	}
	for _, c := range changed {
		served := ""
		switch {
		case strings.HasPrefix(c, "static/"):
			served = "/" + strings.TrimPrefix(c, "static/")
		case strings.HasPrefix(c, "themes/"):
			// themes/<name>/static/x.css is served at /x.css.
			if parts := strings.SplitN(c, "/", 4); len(parts) == 4 && parts[2] == "static" {
				served = "/" + parts[3]
			}
		}
		if served != "" && served != "/css/site.css" {
			css[served] = served
		}
	}
	return css
}

// report prints one line per build, and the errors of a failed one.
func report(w io.Writer, what string, out outcome) {
	if out.snap == nil {
		for _, d := range out.diags {
			if d.Severity == site.Error {
				fmt.Fprintln(w, d.String())
			}
		}
		fmt.Fprintf(w, "%s: %s in %s; still serving the last good build\n", what, plural(out.diags.Count(site.Error), "error", "errors"), out.took.Round(time.Millisecond))
		return
	}
	if out.pagesTook > 0 {
		fmt.Fprintf(w, "%s: %s in %s (%s); feeds and checks done in %s\n", what, plural(out.pages, "page re-rendered", "pages re-rendered"),
			out.pagesTook.Round(100*time.Microsecond), out.how, out.took.Round(time.Millisecond))
		return
	}
	fmt.Fprintf(w, "%s: %s in %s (%s)\n", what, plural(out.pages, "page re-rendered", "pages re-rendered"), out.took.Round(100*time.Microsecond), out.how)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
