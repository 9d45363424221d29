//go:build unix

package site

import (
	"io"
	"io/fs"
	"syscall"
)

// srcFile is a Markdown file open for reading. On unix it is the bare
// descriptor: an os.File would also make it non-blocking and try to add
// it to the network poller (two fcntl and an epoll_ctl that fails for a
// regular file, and two fcntl more to undo it), which for the 20,000
// reads of a 10,000-article build was 2% of its CPU time.
type srcFile struct {
	fd   int
	name string
}

// openSrc opens the file full for reading. Its error is the bare errno,
// as os.Open's with its *fs.PathError unwrapped.
func openSrc(full string) (srcFile, error) {
	for {
		fd, err := syscall.Open(full, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return srcFile{fd: -1}, err
		}
		return srcFile{fd: fd, name: full}, nil
	}
}

// size returns the size of the file.
func (f srcFile) size() (int64, error) {
	var st syscall.Stat_t
	for {
		err := syscall.Fstat(f.fd, &st)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return 0, &fs.PathError{Op: "stat", Path: f.name, Err: err}
		}
		return st.Size, nil
	}
}

// readFull reads len(buf) bytes like io.ReadFull on an os.File: io.EOF if
// the file has no byte left, io.ErrUnexpectedEOF if it ends before buf is
// full, and an error that reads "read <file>: <reason>" otherwise.
func (f srcFile) readFull(buf []byte) (int, error) {
	n := 0
	for n < len(buf) {
		m, err := syscall.Read(f.fd, buf[n:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return n, &fs.PathError{Op: "read", Path: f.name, Err: err}
		}
		if m == 0 {
			if n == 0 {
				return 0, io.EOF
			}
			return n, io.ErrUnexpectedEOF
		}
		n += m
	}
	return n, nil
}

func (f srcFile) close() { syscall.Close(f.fd) }
