package devserver

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"hash/maphash"
	"io"
	"mime"
	"net/http"
	"os"
	"path"
	"strconv"
	"strings"
	"sync"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/site"
)

// A snapshot is one complete build as the server serves it. It is never
// changed once published: a rebuild makes a new one that shares the
// unchanged files.
type snapshot struct {
	version int64
	files   map[string]*file // output path ("conditions/asthma/index.html") → file
	// always are the outputs that every build writes again (assets, static
	// files, sitemap, generators' files), as opposed to pages that belong
	// to one unit of the site; a rebuild replaces them all.
	always map[string]bool
	// An early snapshot (see [snapshot.early]) lays files over base, less
	// the paths in gone, instead of copying base's map.
	base *snapshot
	gone map[string]bool
}

// get returns the file at an output path, or nil.
func (s *snapshot) get(name string) *file {
	if f := s.files[name]; f != nil {
		return f
	}
	if s.base != nil && !s.gone[name] {
		return s.base.get(name)
	}
	return nil
}

// A file is one output of the build, ready to serve.
type file struct {
	raw   []byte // nil when only the compressed form is kept
	gz    []byte // gzip form; nil for files not worth compressing
	size  int    // length of the uncompressed content
	etag  string // strong ETag of the uncompressed content, quoted
	ctype string
	// disk is set for a large static file (a video), which is served from
	// the site's static/ folder rather than held in memory; see
	// [collector.CopyFile]. diskInfo is that file as the build saw it:
	// the server sends it only while the path still leads to that file.
	disk     string
	diskInfo os.FileInfo
}

// content returns the content, uncompressed.
func (f *file) content() []byte {
	if f.disk != "" {
		b, _ := os.ReadFile(f.disk)
		return b
	}
	if f.raw != nil || f.gz == nil {
		return f.raw
	}
	zr, err := gzip.NewReader(bytes.NewReader(f.gz))
	if err != nil {
		return nil
	}
	b, _ := io.ReadAll(zr)
	return b
}

var etagSeed = maphash.MakeSeed()

// liveScript is the tag added to every HTML page the server serves.
const liveScript = `<script src="` + clientPath + `" defer></script>`

// newFile prepares data for serving: HTML gets the live-reload script,
// text is compressed (pages are kept gzipped in memory, so that a large
// site fits in little memory and goes out without compressing again).
func newFile(name string, data []byte) *file {
	return newFileUnless(name, data, nil)
}

// newFileUnless is newFile, but returns prev itself when the content is
// the same, so that a file every build writes again (a feed, the
// stylesheet) is not compressed again.
func newFileUnless(name string, data []byte, prev *file) *file {
	ctype := contentType(name, data)
	if strings.HasPrefix(ctype, "text/html") {
		data = injectScript(data)
	}
	etag := `"` + strconv.FormatUint(maphash.Bytes(etagSeed, data), 36) + "-" + strconv.Itoa(len(data)) + `"`
	if prev != nil && prev.etag == etag && prev.ctype == ctype {
		return prev
	}
	f := &file{size: len(data), ctype: ctype, etag: etag}
	if compressible(ctype) && len(data) > 512 {
		var buf bytes.Buffer
		buf.Grow(len(data) / 3)
		zw := gzipWriters.Get().(*gzip.Writer)
		zw.Reset(&buf)
		zw.Write(data)
		zw.Close()
		gzipWriters.Put(zw)
		f.gz = bytes.Clone(buf.Bytes())
		return f
	}
	f.raw = bytes.Clone(data)
	return f
}

var gzipWriters = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(io.Discard, gzip.BestSpeed)
	return zw
}}

func compressible(ctype string) bool {
	return strings.HasPrefix(ctype, "text/") || strings.Contains(ctype, "xml") || strings.Contains(ctype, "json") ||
		strings.Contains(ctype, "javascript") || strings.HasPrefix(ctype, "image/svg")
}

// contentTypes fixes the types that matter most, whatever the system's
// mime.types says.
var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".json":        "application/json",
	".xml":         "application/xml; charset=utf-8",
	".rss":         "application/rss+xml; charset=utf-8",
	".atom":        "application/atom+xml; charset=utf-8",
	".txt":         "text/plain; charset=utf-8",
	".svg":         "image/svg+xml",
	".webmanifest": "application/manifest+json",
	".ico":         "image/x-icon",
	".woff2":       "font/woff2",
	".pdf":         "application/pdf",
	".mp4":         "video/mp4",
	".webm":        "video/webm",
	".mp3":         "audio/mpeg",
}

func contentType(name string, data []byte) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return http.DetectContentType(data)
}

// injectScript adds the live-reload script just inside <head>, or at the
// start of <body>, or at the very start when the page has neither.
func injectScript(html []byte) []byte {
	at := tagEnd(html, "<head")
	if at < 0 {
		at = tagEnd(html, "<body")
	}
	if at < 0 {
		at = 0
		if i := bytes.Index(bytes.ToLower(html[:min(len(html), 256)]), []byte("<!doctype")); i >= 0 {
			if j := bytes.IndexByte(html[i:], '>'); j >= 0 {
				at = i + j + 1
			}
		}
	}
	out := make([]byte, 0, len(html)+len(liveScript))
	out = append(out, html[:at]...)
	out = append(out, liveScript...)
	return append(out, html[at:]...)
}

// tagEnd returns the offset just after the first opening tag named by
// open ("<head"), matched case-insensitively, or -1. It compares at each
// '<' rather than lower-casing the page: that copy of every page was a
// twentieth of the dev server's first build.
func tagEnd(html []byte, open string) int {
	name := open[1:]
	for from := 0; ; {
		i := bytes.IndexByte(html[from:], '<')
		if i < 0 {
			return -1
		}
		i += from
		next := i + len(open)
		if next < len(html) && bytes.EqualFold(html[i+1:next], []byte(name)) {
			if c := html[next]; c == '>' || c == ' ' || c == '\t' || c == '\n' || c == '\r' {
				if j := bytes.IndexByte(html[next:], '>'); j >= 0 {
					return next + j + 1
				}
				return -1
			}
		}
		from = i + 1
	}
}

// collector is the build.Output of one rebuild: it prepares each file as
// it is written, on the build's own goroutines.
type collector struct {
	prev  map[string]*file // the files of the snapshot being replaced
	mu    sync.Mutex
	files map[string]*file
}

func newCollector(prev map[string]*file) *collector {
	return &collector{prev: prev, files: map[string]*file{}}
}

func (c *collector) WriteFile(name string, data []byte) error {
	f := newFileUnless(name, data, c.prev[name])
	c.mu.Lock()
	c.files[name] = f
	c.mu.Unlock()
	return nil
}

// CopyFile takes in a large static file (see [build.FileCopier]) without
// reading it: the server sends it from src when asked, with Range requests
// (which a video player makes to seek). Its ETag names the version on disk
// (diskETag); an edit of the file rebuilds the site, which takes the new
// one in.
func (c *collector) CopyFile(name, src string) error {
	info, err := os.Stat(src)
	if err != nil {
		return err
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("%s is not a file", src)
	}
	var head [512]byte // for a type that the name does not tell
	if fh, err := os.Open(src); err == nil {
		io.ReadFull(fh, head[:])
		fh.Close()
	}
	f := &file{
		disk:     src,
		diskInfo: info,
		size:     int(info.Size()),
		ctype:    contentType(name, head[:]),
		etag:     diskETag(info),
	}
	c.mu.Lock()
	c.files[name] = f
	c.mu.Unlock()
	return nil
}

// diskETag names the version of a file on disk: its size and modification
// time, and where known the time its inode last changed, which an edit that
// sets the modification time back (cp -p, rsync -t) cannot hide.
func diskETag(info os.FileInfo) string {
	tag := strconv.FormatInt(info.ModTime().UnixNano(), 36)
	if ct, ok := build.ChangeTime(info); ok {
		tag += "." + strconv.FormatInt(ct.UnixNano(), 36)
	}
	return `"` + tag + "-" + strconv.FormatInt(info.Size(), 10) + `"`
}

// next makes the snapshot that follows s: s's files, less the pages of the
// units that were re-rendered or removed (drop) and the outputs every build
// writes again, plus what this build wrote.
func (s *snapshot) next(written map[string]*file, drop []string, isPage func(name string) bool) *snapshot {
	n := &snapshot{version: s.version + 1, files: make(map[string]*file, len(s.files)+len(written)), always: map[string]bool{}}
	for name, f := range s.files {
		if !s.always[name] {
			n.files[name] = f
		}
	}
	for _, name := range drop {
		delete(n.files, name)
	}
	for name, f := range written {
		n.files[name] = f
		if !isPage(name) {
			n.always[name] = true
		}
	}
	return n
}

// early makes the snapshot shown while the generators of a rebuild run:
// s's files, less the dropped pages, plus the pages written so far. The
// files every build writes again stay as they were until the build ends.
// It has the version the final snapshot will have, so that a page shown
// early is not reloaded once more.
func (s *snapshot) early(written map[string]*file, drop []string, isPage func(name string) bool) *snapshot {
	n := &snapshot{version: s.version + 1, files: map[string]*file{}, always: s.always, base: s, gone: make(map[string]bool, len(drop))}
	for _, name := range drop {
		n.gone[name] = true
	}
	for name, f := range written {
		if isPage(name) || s.get(name) == nil {
			n.files[name] = f
		}
	}
	return n
}

// pageOutputs returns the output paths of the pages a unit of the site
// renders: an article and its aliases, or every page of a list.
func outputPaths(sitePaths []string) []string {
	out := make([]string, len(sitePaths))
	for i, p := range sitePaths {
		out[i] = site.OutputPath(p)
	}
	return out
}
