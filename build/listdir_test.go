//go:build unix

package build

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
)

// TestListDirMatchesOS: listDir gives the names and types os.ReadDir
// gives, for every kind of entry and for a folder too large to list in
// one read.
func TestListDirMatchesOS(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 300; i++ { // about 30 KB of entries
		name := fmt.Sprintf("page-%03d-%s.html", i, strings.Repeat("x", 60))
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "folder"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo"), 0o644); err != nil {
		t.Log("no fifo:", err)
	}
	want := map[string]os.FileMode{}
	des, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range des {
		want[e.Name()] = e.Type()
	}
	entries, err := listDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]os.FileMode{}
	for _, e := range entries {
		if _, dup := got[e.name]; dup {
			t.Errorf("%s listed twice", e.name)
		}
		got[e.name] = e.typ
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("listDir differs from os.ReadDir:\n got %v\nwant %v", got, want)
	}
	if _, err := listDir(filepath.Join(dir, "link")); err == nil {
		t.Errorf("listDir of a link to a file succeeded")
	}
	if _, err := listDir(filepath.Join(dir, "missing")); err == nil {
		t.Errorf("listDir of a missing folder succeeded")
	}
}
