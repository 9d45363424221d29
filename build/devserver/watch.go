package devserver

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/bedside-health/bedside/site"
)

// watchedRoots are the folders of a site whose files feed the build.
var watchedRoots = []string{"content", "static", "themes"}

// ignored reports whether a changed path cannot affect the build: hidden
// files, editors' backups, swap and temporary files.
func ignored(rel string) bool {
	base := path.Base(rel)
	if strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") || base == "4913" ||
		strings.HasSuffix(base, ".swp") || strings.HasSuffix(base, ".swx") || strings.Contains(base, "___jb_") {
		return true
	}
	for _, seg := range strings.Split(path.Dir(rel), "/") {
		if strings.HasPrefix(seg, ".") && seg != "." {
			return true
		}
	}
	if strings.HasPrefix(rel, "content/") {
		ext := strings.ToLower(path.Ext(base))
		// Folders have no extension; anything else in content/ is not read.
		return ext != "" && ext != ".md" && ext != ".markdown"
	}
	return false
}

// relevant reports whether a path relative to the site folder is one the
// build reads.
func relevant(rel string) bool {
	if rel == site.ConfigFile {
		return true
	}
	for _, r := range watchedRoots {
		if rel == r || strings.HasPrefix(rel, r+"/") {
			return !ignored(rel)
		}
	}
	return false
}

// watchNotify sends the site-relative path of every changed file to out,
// using fsnotify. Folders are watched recursively, those created later
// too; the files found in a new folder count as changed.
func watchNotify(ctx context.Context, dir string, out chan<- string) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	rel := func(p string) string {
		r, err := filepath.Rel(dir, p)
		if err != nil {
			return ""
		}
		return filepath.ToSlash(r)
	}
	send := func(r string) {
		select {
		case out <- r:
		case <-ctx.Done():
		}
	}
	// addTree watches root and its sub-folders; when report is set it
	// sends the files it finds (a folder that appeared with files in it).
	addTree := func(root string, report bool) {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			r := rel(p)
			if d.IsDir() {
				if p != root && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				w.Add(p)
				return nil
			}
			if report && relevant(r) {
				send(r)
			}
			return nil
		})
	}
	if err := w.Add(dir); err != nil {
		w.Close()
		return err
	}
	for _, r := range watchedRoots {
		addTree(filepath.Join(dir, r), false)
	}
	go func() {
		defer w.Close()
		for {
			select {
			case <-ctx.Done():
				return
			case err, ok := <-w.Errors:
				if !ok {
					return
				}
				if errors.Is(err, fsnotify.ErrEventOverflow) {
					// Events were lost (a huge checkout): treat it as a
					// config change, which reloads and re-renders all.
					send(site.ConfigFile)
				}
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				r := rel(ev.Name)
				if r == "" || !relevant(r) || ev.Op == fsnotify.Chmod {
					continue
				}
				if ev.Has(fsnotify.Create) {
					if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
						// The files in it are what changed; an empty
						// folder changes nothing.
						addTree(ev.Name, true)
						continue
					}
				}
				send(r)
			}
		}
	}()
	return nil
}

// fileState is what the poller compares between scans.
type fileState struct {
	size    int64
	modTime int64
	mode    fs.FileMode
}

// scan lists the files the build reads, with their state.
func scan(dir string) map[string]fileState {
	out := map[string]fileState{}
	if info, err := os.Stat(filepath.Join(dir, site.ConfigFile)); err == nil {
		out[site.ConfigFile] = fileState{info.Size(), info.ModTime().UnixNano(), info.Mode()}
	}
	for _, root := range watchedRoots {
		filepath.WalkDir(filepath.Join(dir, root), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			r, _ := filepath.Rel(dir, p)
			r = filepath.ToSlash(r)
			if d.IsDir() {
				if strings.HasPrefix(d.Name(), ".") && r != root {
					return filepath.SkipDir
				}
				return nil
			}
			if !relevant(r) {
				return nil
			}
			if info, err := d.Info(); err == nil {
				out[r] = fileState{info.Size(), info.ModTime().UnixNano(), info.Mode()}
			}
			return nil
		})
	}
	return out
}

// watchPoll finds changes by scanning the site every interval, for file
// systems that send no events (some network mounts, WSL, Docker volumes).
func watchPoll(ctx context.Context, dir string, every time.Duration, out chan<- string) {
	prev := scan(dir)
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
			cur := scan(dir)
			for r, st := range cur {
				if old, ok := prev[r]; !ok || old != st {
					select {
					case out <- r:
					case <-ctx.Done():
						return
					}
				}
			}
			for r := range prev {
				if _, ok := cur[r]; !ok {
					select {
					case out <- r:
					case <-ctx.Done():
						return
					}
				}
			}
			prev = cur
		}
	}()
}
