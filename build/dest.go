package build

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// A destError says why a build refuses a destination folder.
type destError struct{ msg, hint string }

func (e *destError) Error() string { return e.msg }

// checkDest refuses a destination that a build would destroy something in.
// A build replaces its destination whole, so "--dest ." or "--dest
// content" would delete the site's own sources, and "--dest notes.txt" or
// "--dest ~" someone's files. Only a missing folder, an empty one, or one
// holding an earlier build (it has an index.html) is replaced.
func checkDest(siteDir, dest string) error {
	absSite, err1 := filepath.Abs(siteDir)
	absDest, err2 := filepath.Abs(dest)
	if err1 != nil || err2 != nil {
		return nil // NewDirOutput reports what is wrong with the path
	}
	realSite, realDest := resolveExisting(absSite), resolveExisting(absDest)
	const ownFolder = "build into a folder of its own, like --dest public"
	if within(realDest, realSite) {
		return &destError{"this folder holds the site's own files; a build replaces its destination whole and would delete them", ownFolder}
	}
	for _, src := range []string{"content", "static", "themes"} {
		if within(filepath.Join(realSite, src), realDest) {
			return &destError{fmt.Sprintf("this folder is inside the site's %s/ folder; a build replaces its destination whole", src), ownFolder}
		}
	}
	info, err := os.Lstat(absDest)
	if err != nil {
		return nil // missing: it will be created
	}
	switch {
	case info.Mode()&os.ModeSymlink != 0:
		return &destError{"this is a symbolic link; a build replaces its destination whole and would replace the link", "give the folder the link points to with --dest"}
	case !info.IsDir():
		return &destError{"this is a file, not a folder; a build would replace it", "choose a folder for the site, like --dest public"}
	}
	entries, err := os.ReadDir(absDest)
	if err != nil || len(entries) == 0 {
		return nil
	}
	for _, e := range entries {
		if e.Name() == "index.html" {
			return nil // an earlier build
		}
	}
	return &destError{"this folder holds files that are not a site built by Bedside (it has no index.html); a build replaces its destination whole and would delete them",
		"empty the folder, or choose another one with --dest"}
}

// within reports whether path is dir or inside it.
func within(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// resolveExisting resolves symbolic links in the longest part of p that
// exists, so that two spellings of one folder compare equal.
func resolveExisting(p string) string {
	rest := ""
	for {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(real, rest)
		}
		parent := filepath.Dir(p)
		if parent == p {
			return filepath.Join(p, rest)
		}
		rest = filepath.Join(filepath.Base(p), rest)
		p = parent
	}
}
