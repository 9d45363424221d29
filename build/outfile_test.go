package build

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestOutFileErrorsMatchOS: opening an output file fails with the error
// os.OpenFile gives, word for word (it ends up in the build's message).
func TestOutFileErrorsMatchOS(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "target"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("target", filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "folder"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		flag int
	}{
		{"missing/index.html", os.O_WRONLY | os.O_CREATE | os.O_TRUNC | noFollow},
		{"missing.html", os.O_RDWR | noFollow},
		{"link", os.O_RDWR | noFollow},
		{"link", os.O_WRONLY | os.O_CREATE | os.O_TRUNC | noFollow},
		{"folder", os.O_WRONLY | os.O_CREATE | os.O_TRUNC | noFollow},
		{"target/index.html", os.O_WRONLY | os.O_CREATE | os.O_TRUNC | noFollow},
	} {
		full := filepath.Join(dir, c.name)
		_, want := os.OpenFile(full, c.flag, 0o644)
		f, got := openOut(full, c.flag, 0o644)
		if got == nil {
			f.close()
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("openOut(%s, %#o) = %v, os.OpenFile gives %v", c.name, c.flag, got, want)
		}
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "target")); string(data) != "x" {
		t.Errorf("a write went through the link: target holds %q", data)
	}
}

// TestOverwriteKeptFile: a kept file is left alone when its bytes are the
// same, and otherwise holds exactly the new bytes, whether they are
// longer, shorter, as long or none.
func TestOverwriteKeptFile(t *testing.T) {
	d := &DirOutput{}
	for _, c := range []struct{ old, new string }{
		{"same", "same"}, {"short", "a longer text"}, {"a longer text", "short"},
		{"abcd", "abce"}, {"something", ""}, {"", ""}, {"", "new"},
	} {
		full := filepath.Join(t.TempDir(), "index.html")
		if err := os.WriteFile(full, []byte(c.old), 0o644); err != nil {
			t.Fatal(err)
		}
		same, err := d.overwrite(full, []byte(c.new))
		if err != nil {
			t.Fatalf("overwrite(%q over %q): %v", c.new, c.old, err)
		}
		if same != (c.old == c.new) {
			t.Errorf("overwrite(%q over %q) reports same = %v", c.new, c.old, same)
		}
		if data, _ := os.ReadFile(full); string(data) != c.new {
			t.Errorf("overwrite(%q over %q) left %q", c.new, c.old, data)
		}
	}
	// A folder under the name is refused.
	dir := t.TempDir()
	if _, err := d.overwrite(dir, []byte("x")); err == nil {
		t.Errorf("overwrite of a folder succeeded")
	}
}
