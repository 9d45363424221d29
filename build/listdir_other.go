//go:build !linux

package build

import (
	"io/fs"
	"os"
)

// dirEntry is a name in a folder and its type (the type bits of an
// fs.FileMode: 0 for a regular file).
type dirEntry struct {
	name string
	typ  fs.FileMode
}

// listDir lists the folder dir with the type each entry has in the folder
// (not following symlinks), unsorted.
func listDir(dir string) ([]dirEntry, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	des, err := f.ReadDir(-1)
	f.Close()
	if err != nil {
		return nil, err
	}
	entries := make([]dirEntry, len(des))
	for i, e := range des {
		entries[i] = dirEntry{e.Name(), e.Type()}
	}
	return entries, nil
}
