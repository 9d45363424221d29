//go:build !unix

package build

import (
	"io"
	"os"
)

// outFile is an output file open for writing (see outfile_unix.go for why
// unix writes without os.File).
type outFile struct{ f *os.File }

// openOut opens the file full as os.OpenFile does with flag and perm.
func openOut(full string, flag int, perm uint32) (outFile, error) {
	f, err := os.OpenFile(full, flag, os.FileMode(perm))
	return outFile{f}, err
}

// stat returns the file's size, type, number of names (1 where that is
// not known) and modification time.
func (f outFile) stat() (fileStat, error) {
	st, err := f.f.Stat()
	if err != nil {
		return fileStat{}, err
	}
	return fileStat{size: st.Size(), regular: st.Mode().IsRegular(), links: 1, mtime: st.ModTime().UnixNano()}, nil
}

// readFull reads len(buf) bytes from where the file is, as io.ReadFull.
func (f outFile) readFull(buf []byte) error {
	_, err := io.ReadFull(f.f, buf)
	return err
}

// writeAt writes all of data at offset off.
func (f outFile) writeAt(data []byte, off int64) error {
	_, err := f.f.WriteAt(data, off)
	return err
}

// truncate sets the file's size.
func (f outFile) truncate(size int64) error { return f.f.Truncate(size) }

func (f outFile) close() error { return f.f.Close() }
