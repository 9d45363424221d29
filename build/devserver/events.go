package devserver

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/bedside-health/bedside/site"
)

// status is what the browser is told after every build, and on connecting.
type status struct {
	// Build identifies the snapshot being served: the server's start time
	// and the snapshot's version, so that a page reconnecting to a
	// restarted server reloads too.
	Build string `json:"build"`
	// CSS maps old stylesheet paths to new ones when only stylesheets
	// changed; the page swaps them instead of reloading.
	CSS map[string]string `json:"css,omitempty"`
	// Errors lists the problems of the last build when it failed; the
	// server still serves the last good build.
	Errors []diagnostic `json:"errors,omitempty"`
}

type diagnostic struct {
	Where   string `json:"where"` // file:line
	Message string `json:"message"`
	Hint    string `json:"hint,omitempty"`
}

func diagnosticsOf(ds site.Diagnostics) []diagnostic {
	var out []diagnostic
	for _, d := range ds {
		if d.Severity != site.Error {
			continue
		}
		where := d.File
		if d.Line > 0 {
			where = fmt.Sprintf("%s:%d", d.File, d.Line)
		}
		out = append(out, diagnostic{Where: where, Message: d.Message, Hint: d.Hint})
	}
	return out
}

// broker sends each status to every connected page over Server-Sent Events.
type broker struct {
	mu      sync.Mutex
	last    status
	clients map[chan status]bool
}

func newBroker() *broker { return &broker{clients: map[chan status]bool{}} }

// publish records st and sends it to every page.
func (b *broker) publish(st status) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.last = st
	for c := range b.clients {
		select {
		case c <- st:
		default: // a slow page gets the latest state on its next message
			select {
			case <-c:
			default:
			}
			c <- st
		}
	}
}

// ServeHTTP streams statuses to one page until it goes away or the server
// shuts down (done).
func (b *broker) serve(w http.ResponseWriter, r *http.Request, done <-chan struct{}) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	c := make(chan status, 1)
	b.mu.Lock()
	b.clients[c] = true
	c <- b.last
	b.mu.Unlock()
	defer func() {
		b.mu.Lock()
		delete(b.clients, c)
		b.mu.Unlock()
	}()
	fmt.Fprint(w, "retry: 500\n\n")
	flusher.Flush()
	ping := time.NewTicker(20 * time.Second)
	defer ping.Stop()
	for {
		select {
		case st := <-c:
			data, _ := json.Marshal(st)
			fmt.Fprintf(w, "event: status\ndata: %s\n\n", data)
			flusher.Flush()
		case <-ping.C:
			fmt.Fprint(w, ": ping\n\n")
			flusher.Flush()
		case <-r.Context().Done():
			return
		case <-done:
			return
		}
	}
}
