package site

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// readFileWithOS is readFile as it was written with os.Open, f.Stat and
// io.ReadFull: srcFile must give the same results and messages.
func readFileWithOS(dir, rel string, diags *Diagnostics) []byte {
	full := filepath.Join(dir, filepath.FromSlash(rel))
	f, err := os.Open(full)
	if err != nil {
		diags.Errorf(rel, 0, "check the file's permissions", "cannot read: %v", unwrapPathError(err))
		return nil
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		diags.Errorf(rel, 0, "check the file's permissions", "cannot read: %v", unwrapPathError(err))
		return nil
	}
	if info.Size() > MaxFileSize {
		diags.Errorf(rel, 0, "split it into shorter articles, or move it out of content/", "file is %.1f MB; an article may be at most %d MB", float64(info.Size())/(1<<20), MaxFileSize>>20)
		return nil
	}
	src := make([]byte, info.Size())
	n, err := io.ReadFull(f, src)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		diags.Errorf(rel, 0, "check the file", "cannot read: %v", err)
		return nil
	}
	return src[:n]
}

// TestReadFileMatchesOS: the file reading under readFile fails, and
// succeeds, as os.Open, Stat and io.ReadFull do, with the same messages.
func TestReadFileMatchesOS(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, data string, mode os.FileMode) {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), mode); err != nil {
			t.Fatal(err)
		}
	}
	write("content/a.md", "---\ntitle: A\n---\nbody\n", 0o644)
	write("content/empty.md", "", 0o644)
	write("content/huge.md", strings.Repeat("x", MaxFileSize+1), 0o644)
	write("content/secret.md", "---\ntitle: S\n---\n", 0o000)
	os.Mkdir(filepath.Join(dir, "content/folder.md"), 0o755)
	os.Symlink("a.md", filepath.Join(dir, "content/link.md"))
	os.Symlink("nowhere.md", filepath.Join(dir, "content/dangling.md"))
	for _, rel := range []string{"content/a.md", "content/empty.md", "content/huge.md", "content/secret.md", "content/folder.md", "content/link.md", "content/dangling.md", "content/missing.md"} {
		var got, want Diagnostics
		wantSrc := readFileWithOS(dir, rel, &want)
		gotSrc := readFile(dir, rel, &got) // these files need no normalizing
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %v, want %v", rel, got, want)
		}
		if string(gotSrc) != string(wantSrc) {
			t.Errorf("%s: got %q, want %q", rel, gotSrc, wantSrc)
		}
	}
}

// TestSrcFileReadFull: readFull ends as io.ReadFull does when the file is
// shorter than the buffer (it changed after its size was read).
func TestSrcFileReadFull(t *testing.T) {
	p := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(p, []byte("abc"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		size int
		n    int
		err  error
	}{{0, 0, nil}, {2, 2, nil}, {3, 3, nil}, {5, 3, io.ErrUnexpectedEOF}} {
		f, err := openSrc(p)
		if err != nil {
			t.Fatal(err)
		}
		buf := make([]byte, c.size)
		n, err := f.readFull(buf)
		if n != c.n || err != c.err || string(buf[:n]) != "abc"[:n] {
			t.Errorf("readFull(%d bytes) = %d, %v, %q; want %d, %v", c.size, n, err, buf[:n], c.n, c.err)
		}
		// Once at the end, there is nothing left: io.EOF.
		if c.size == 3 {
			if n, err := f.readFull(make([]byte, 1)); n != 0 || err != io.EOF {
				t.Errorf("readFull at the end = %d, %v; want 0, EOF", n, err)
			}
		}
		f.close()
	}
}

// TestReadBodyIntoReusesBuffer: a body read into a buffer large enough
// is read in place, the same as ReadBody's, and a buffer too small is
// replaced by one that holds the file, which the next read can reuse.
func TestReadBodyIntoReusesBuffer(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	long := "---\ntitle: Long\n---\n" + strings.Repeat("Wash your hands.\r\n", 100)
	short := "---\ntitle: Short\n---\nRest.\n"
	for name, data := range map[string]string{"long.md": long, "short.md": short} {
		if err := os.WriteFile(filepath.Join(dir, "content", name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	small := make([]byte, 8)
	body, line, used, err := ReadBodyInto(dir, "content/long.md", small)
	want, wantLine, _ := ReadBody(dir, "content/long.md")
	if err != nil || string(body) != string(want) || line != wantLine || !strings.HasPrefix(string(body), "Wash your hands.\nWash") {
		t.Fatalf("long: %q, %d, %v; want %q, %d", body, line, err, want, wantLine)
	}
	if cap(used) < len(long) {
		t.Fatalf("the buffer read into holds %d bytes, less than the file's %d", cap(used), len(long))
	}
	body, _, again, err := ReadBodyInto(dir, "content/short.md", used)
	if err != nil || string(body) != "Rest.\n" {
		t.Fatalf("short: %q, %v", body, err)
	}
	if &again[:1][0] != &used[:1][0] || &body[0] != &used[len(short)-len("Rest.\n")] {
		t.Error("a buffer large enough was not read into")
	}
	if _, _, kept, err := ReadBodyInto(dir, "content/missing.md", used); err == nil || &kept[:1][0] != &used[:1][0] {
		t.Errorf("a missing file: err %v, and the buffer given back should be the one given", err)
	}
}
