//go:build unix

package build

import (
	"io"
	"io/fs"
	"syscall"
)

// outFile is an output file open for writing. On unix it is the bare
// descriptor: an os.File would also make it non-blocking and try to add
// it to the network poller (four fcntl and an epoll_ctl that fails for a
// regular file), for each of the 17,000 files of a 10,000-article site.
// The errors are those os.File gives.
type outFile struct {
	fd   int
	name string
}

// openOut opens the file full as os.OpenFile does with flag and perm.
func openOut(full string, flag int, perm uint32) (outFile, error) {
	for {
		fd, err := syscall.Open(full, flag|syscall.O_CLOEXEC, perm)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return outFile{fd: -1}, &fs.PathError{Op: "open", Path: full, Err: err}
		}
		return outFile{fd: fd, name: full}, nil
	}
}

// stat returns the file's size, type, number of names and modification
// time.
func (f outFile) stat() (fileStat, error) {
	var st syscall.Stat_t
	var err error
	for {
		err = syscall.Fstat(f.fd, &st)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return fileStat{}, &fs.PathError{Op: "stat", Path: f.name, Err: err}
	}
	return fileStat{
		size:    st.Size,
		regular: st.Mode&syscall.S_IFMT == syscall.S_IFREG,
		links:   uint64(st.Nlink),
		mtime:   mtimeOf(&st),
	}, nil
}

// readFull reads len(buf) bytes from where the file is, as io.ReadFull.
func (f outFile) readFull(buf []byte) error {
	n := 0
	for n < len(buf) {
		m, err := syscall.Read(f.fd, buf[n:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return &fs.PathError{Op: "read", Path: f.name, Err: err}
		}
		if m == 0 {
			if n == 0 {
				return io.EOF
			}
			return io.ErrUnexpectedEOF
		}
		n += m
	}
	return nil
}

// writeAt writes all of data at offset off, as os.File.WriteAt.
func (f outFile) writeAt(data []byte, off int64) error {
	for len(data) > 0 {
		n, err := syscall.Pwrite(f.fd, data, off)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return &fs.PathError{Op: "write", Path: f.name, Err: err}
		}
		if n == 0 {
			return &fs.PathError{Op: "write", Path: f.name, Err: io.ErrUnexpectedEOF}
		}
		data = data[n:]
		off += int64(n)
	}
	return nil
}

// truncate sets the file's size, as os.File.Truncate.
func (f outFile) truncate(size int64) error {
	for {
		err := syscall.Ftruncate(f.fd, size)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return &fs.PathError{Op: "truncate", Path: f.name, Err: err}
		}
		return nil
	}
}

// close closes the file, as os.File.Close (which does not retry EINTR
// either: on Linux the descriptor is gone all the same).
func (f outFile) close() error {
	if err := syscall.Close(f.fd); err != nil {
		return &fs.PathError{Op: "close", Path: f.name, Err: err}
	}
	return nil
}
