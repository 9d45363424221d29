package devserver

import (
	"context"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/bedside-health/bedside/site"
)

// Defaults for coalescing: an editor's save (write a temporary file, rename
// it over the article) or a git checkout of hundreds of files arrives as a
// burst of events with gaps of a few milliseconds; one rebuild covers it.
const (
	defaultQuiet   = 10 * time.Millisecond
	defaultMaxWait = 150 * time.Millisecond
)

// coalesce reads changed paths from in and sends them on out in batches,
// sorted and without duplicates. A batch closes once no event has come for
// quiet, or maxWait after its first event while events keep coming. While
// the receiver is busy (a rebuild is running) closed batches merge, so the
// next rebuild covers everything that changed meanwhile.
func coalesce(ctx context.Context, in <-chan string, out chan<- []string, quiet, maxWait time.Duration) {
	pending := map[string]bool{} // the batch being collected
	ready := map[string]bool{}   // closed, waiting for the receiver
	quietT := time.NewTimer(time.Hour)
	quietT.Stop()
	maxT := time.NewTimer(time.Hour)
	maxT.Stop()
	closeBatch := func() {
		quietT.Stop()
		maxT.Stop()
		for p := range pending {
			ready[p] = true
		}
		clear(pending)
	}
	for {
		var send chan<- []string
		var batch []string
		if len(ready) > 0 {
			send = out
			batch = make([]string, 0, len(ready))
			for p := range ready {
				batch = append(batch, p)
			}
			sort.Strings(batch)
		}
		select {
		case <-ctx.Done():
			return
		case p, ok := <-in:
			if !ok {
				return
			}
			if len(pending) == 0 {
				maxT.Reset(maxWait)
			}
			pending[p] = true
			quietT.Reset(quiet)
		case <-quietT.C:
			closeBatch()
		case <-maxT.C:
			closeBatch()
		case send <- batch:
			clear(ready)
		}
	}
}

// Waiting for half-written files. A git checkout, and some editors, write a
// file in two steps: create or truncate it, then write its bytes. Under load
// the gap between the steps can outlast the quiet time, so a batch may close
// while an article is still empty, and a rebuild would report "no front
// matter" for a file that is seconds from complete. A file that is empty and
// was modified within justWritten is taken as half-written: the batch waits,
// taking in further batches, until it has bytes, grows older, or
// maxWriteWait has passed (an article really left empty is then reported).
const (
	justWritten  = time.Second
	maxWriteWait = 750 * time.Millisecond
	writePoll    = 15 * time.Millisecond
)

// awaitWrites returns changed, merged with the batches that arrive while a
// file of it in dir is half-written (see above), sorted and without
// duplicates. It returns at once when no file is.
func awaitWrites(ctx context.Context, dir string, changed []string, batches <-chan []string) []string {
	deadline := time.Now().Add(maxWriteWait)
	for halfWritten(dir, changed, time.Now()) && time.Now().Before(deadline) {
		select {
		case <-ctx.Done():
			return changed
		case more := <-batches:
			changed = mergePaths(changed, more)
		case <-time.After(writePoll):
		}
	}
	return changed
}

// halfWritten reports whether a file of changed (paths relative to dir, with
// forward slashes) that cannot be empty when complete — an article, the
// config, a template — is empty and was modified within justWritten of
// now. (An empty static file is a file like any other.)
func halfWritten(dir string, changed []string, now time.Time) bool {
	for _, c := range changed {
		ext := strings.ToLower(path.Ext(c))
		if !(c == site.ConfigFile || (strings.HasPrefix(c, "content/") && (ext == ".md" || ext == ".markdown")) ||
			(strings.HasPrefix(c, "themes/") && ext == ".html")) {
			continue
		}
		info, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(c)))
		if err == nil && info.Mode().IsRegular() && info.Size() == 0 && now.Sub(info.ModTime()) < justWritten {
			return true
		}
	}
	return false
}

// mergePaths returns the sorted union of two sorted lists of paths.
func mergePaths(a, b []string) []string {
	out := slices.Concat(a, b)
	slices.Sort(out)
	return slices.Compact(out)
}
