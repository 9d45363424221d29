package devserver

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

func startCoalescing(t *testing.T, quiet, maxWait time.Duration) (chan<- string, <-chan []string) {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	in := make(chan string)
	out := make(chan []string)
	go coalesce(ctx, in, out, quiet, maxWait)
	return in, out
}

func receive(t *testing.T, out <-chan []string, within time.Duration) []string {
	t.Helper()
	select {
	case b := <-out:
		return b
	case <-time.After(within):
		t.Fatalf("no batch within %s", within)
		return nil
	}
}

func expectNothing(t *testing.T, out <-chan []string, during time.Duration) {
	t.Helper()
	select {
	case b := <-out:
		t.Fatalf("unexpected batch %v", b)
	case <-time.After(during):
	}
}

func TestAtomicSaveIsOneBatch(t *testing.T) {
	in, out := startCoalescing(t, 50*time.Millisecond, time.Second)
	// An editor's save: the temporary file, then the rename over the article.
	for _, p := range []string{"content/a.md", "content/a.md", "content/a.md"} {
		in <- p
	}
	if got := receive(t, out, time.Second); !slices.Equal(got, []string{"content/a.md"}) {
		t.Errorf("batch = %v, want the one article once", got)
	}
	expectNothing(t, out, 150*time.Millisecond)
}

func TestCheckoutOfManyFilesIsOneBatch(t *testing.T) {
	in, out := startCoalescing(t, 50*time.Millisecond, 5*time.Second)
	var want []string
	for i := 0; i < 200; i++ {
		p := fmt.Sprintf("content/s/%03d.md", i)
		want = append(want, p)
		in <- p
		if i%20 == 0 {
			time.Sleep(time.Millisecond) // gaps shorter than the quiet window
		}
	}
	if got := receive(t, out, 5*time.Second); !slices.Equal(got, want) {
		t.Errorf("got %d paths in the first batch, want all 200 sorted", len(got))
	}
	expectNothing(t, out, 150*time.Millisecond)
}

func TestSeparateSavesAreSeparateBatches(t *testing.T) {
	in, out := startCoalescing(t, 20*time.Millisecond, time.Second)
	in <- "content/a.md"
	if got := receive(t, out, time.Second); !slices.Equal(got, []string{"content/a.md"}) {
		t.Errorf("first batch = %v", got)
	}
	in <- "content/b.md"
	if got := receive(t, out, time.Second); !slices.Equal(got, []string{"content/b.md"}) {
		t.Errorf("second batch = %v", got)
	}
}

func TestEndlessEventsStillFlushAtMaxWait(t *testing.T) {
	in, out := startCoalescing(t, 100*time.Millisecond, 300*time.Millisecond)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case in <- fmt.Sprintf("static/%d.txt", i%3):
				time.Sleep(10 * time.Millisecond) // never quiet for 100ms
			}
		}
	}()
	if got := receive(t, out, 3*time.Second); len(got) == 0 {
		t.Error("empty batch")
	}
}

func TestEventsDuringARebuildMergeIntoTheNextBatch(t *testing.T) {
	in, out := startCoalescing(t, 10*time.Millisecond, time.Second)
	in <- "content/a.md"
	time.Sleep(100 * time.Millisecond) // the batch is closed; nobody receives (a rebuild runs)
	in <- "content/b.md"
	time.Sleep(100 * time.Millisecond)
	in <- "content/c.md"
	time.Sleep(100 * time.Millisecond)
	if got := receive(t, out, time.Second); !slices.Equal(got, []string{"content/a.md", "content/b.md", "content/c.md"}) {
		t.Errorf("batch = %v, want the three paths", got)
	}
	expectNothing(t, out, 100*time.Millisecond)
}

// A git checkout truncates a file and writes it a moment later: the rebuild
// must wait for the bytes rather than report an empty article.
func TestAwaitWritesWaitsForAHalfWrittenFile(t *testing.T) {
	dir := t.TempDir()
	article := filepath.Join(dir, "content", "a.md")
	if err := os.MkdirAll(filepath.Dir(article), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(article, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	batches := make(chan []string, 1)
	go func() {
		time.Sleep(100 * time.Millisecond)
		os.WriteFile(article, []byte("---\ntitle: A\n---\n"), 0o644)
		batches <- []string{"content/a.md", "content/b.md"}
	}()
	got := awaitWrites(context.Background(), dir, []string{"content/a.md"}, batches)
	if data, _ := os.ReadFile(article); len(data) == 0 {
		t.Fatal("awaitWrites returned while the article was still empty")
	}
	if want := []string{"content/a.md", "content/b.md"}; !slices.Equal(got, want) {
		t.Errorf("changed paths = %v, want %v (the batch that came while waiting, merged)", got, want)
	}
}

// A file left empty on purpose, or long ago, is not waited for (beyond
// maxWriteWait): its "no front matter" error must still come.
func TestAwaitWritesDoesNotWaitForEmptyFilesForever(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, "content", "old.md")
	if err := os.MkdirAll(filepath.Dir(old), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(old, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	past := time.Now().Add(-time.Minute)
	if err := os.Chtimes(old, past, past); err != nil {
		t.Fatal(err)
	}
	// An empty static file is complete: nothing to wait for.
	if err := os.MkdirAll(filepath.Join(dir, "static"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "static", "placeholder.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	awaitWrites(context.Background(), dir, []string{"content/old.md", "content/gone.md", "static/placeholder.txt"}, nil)
	if d := time.Since(start); d > 50*time.Millisecond {
		t.Errorf("waited %s for a file emptied a minute ago, or an empty static file", d)
	}
	if err := os.WriteFile(filepath.Join(dir, "content", "new.md"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	start = time.Now()
	awaitWrites(context.Background(), dir, []string{"content/new.md"}, nil)
	if d := time.Since(start); d < maxWriteWait/2 || d > maxWriteWait+500*time.Millisecond {
		t.Errorf("waited %s for a file that stays empty, want about %s", d, maxWriteWait)
	}
}
