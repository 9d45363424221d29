//go:build !unix

package site

import (
	"io"
	"os"
)

// srcFile is a Markdown file open for reading (see readfile_unix.go for
// why unix reads without os.File).
type srcFile struct{ f *os.File }

// openSrc opens the file full for reading. Its error is the bare cause,
// without the *fs.PathError around it.
func openSrc(full string) (srcFile, error) {
	f, err := os.Open(full)
	if err != nil {
		return srcFile{}, unwrapPathError(err)
	}
	return srcFile{f}, nil
}

// size returns the size of the file.
func (f srcFile) size() (int64, error) {
	info, err := f.f.Stat()
	if err != nil {
		return 0, err
	}
	return info.Size(), nil
}

// readFull reads len(buf) bytes, as io.ReadFull.
func (f srcFile) readFull(buf []byte) (int, error) { return io.ReadFull(f.f, buf) }

func (f srcFile) close() { f.f.Close() }
