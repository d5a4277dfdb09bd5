package tracing

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/user"
	"path/filepath"
	"strings"
)

// Errors of WriteFileSafely; they are wrapped with the path.
var (
	// ErrExists: the file is there and overwrite was not asked for. An
	// interface asks the person, then writes again with overwrite.
	ErrExists = errors.New("the file already exists")
	// errSymlink: the path is a symbolic link. It is refused, never followed
	// onto the file it points to and never replaced.
	errSymlink = errors.New("the path is a symbolic link")
	// errNotRegular: the path is a directory, a named pipe, a device or a
	// socket.
	errNotRegular = errors.New("the path is not a regular file")
)

// fileMode is the mode of every file the playground writes: scenarios and
// exports may name endpoints and services, and are nobody else's business.
const fileMode fs.FileMode = 0o600

// ExpandHome turns a leading "~" or "~user" into that home directory, as a
// shell would; other paths are returned as they are.
func ExpandHome(path string) (string, error) {
	if !strings.HasPrefix(path, "~") {
		return path, nil
	}
	name, rest, _ := strings.Cut(path[1:], string(filepath.Separator))
	var home string
	if name == "" {
		h, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("%s: cannot expand ~: %w", path, err)
		}
		home = h
	} else {
		u, err := user.Lookup(name)
		if err != nil {
			return "", fmt.Errorf("%s: no user %q to expand ~%s", path, name, name)
		}
		home = u.HomeDir
	}
	return filepath.Join(home, rest), nil
}

// WriteFileSafely writes data to path so that nothing is lost or leaked:
// into a temp file (mode fileMode) in the same directory, renamed over path
// only when it is complete, so a crash never leaves half a file. An existing path is
// replaced only with overwrite (else ErrExists), and only when it is a
// regular file: a symbolic link is refused (errSymlink) rather than followed
// onto another file, and so is a directory, FIFO or device (errNotRegular).
func WriteFileSafely(path string, data []byte, overwrite bool) error {
	if err := checkTarget(path, overwrite); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("%s: cannot write in its folder: %w", path, unwrapPath(err))
	}
	name := tmp.Name()
	defer os.Remove(name) // a no-op once renamed
	if err := writeAll(tmp, data); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if !overwrite {
		// link(2) fails if path appeared since checkTarget: never replace a
		// file nobody agreed to replace.
		if err := os.Link(name, path); err == nil {
			return nil
		} else if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s: %w", path, ErrExists)
		}
		// No hard links on this file system: rename after checking again.
		if err := checkTarget(path, false); err != nil {
			return err
		}
	}
	// rename(2) replaces path itself: were it swapped for a symbolic link
	// since checkTarget, the link is replaced, its target left alone.
	if err := os.Rename(name, path); err != nil {
		return fmt.Errorf("%s: %w", path, unwrapPath(err))
	}
	return nil
}

// checkTarget refuses a path that must not be written (see WriteFileSafely).
func checkTarget(path string, overwrite bool) error {
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("%s: %w", path, unwrapPath(err))
	case fi.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("%s: %w; give the file it points to, or another name", path, errSymlink)
	case fi.IsDir():
		return fmt.Errorf("%s: %w (a directory)", path, errNotRegular)
	case !fi.Mode().IsRegular():
		return fmt.Errorf("%s: %w (%s)", path, errNotRegular, fileKind(fi.Mode()))
	case !overwrite:
		return fmt.Errorf("%s: %w", path, ErrExists)
	}
	return nil
}

func writeAll(f *os.File, data []byte) error {
	_, err := f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// unwrapPath drops the *PathError wrapper whose text repeats the path (and,
// for a temp file, names a file the person never asked for).
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
