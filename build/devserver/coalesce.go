package devserver

import (
	"context"
	"sort"
	"time"
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
