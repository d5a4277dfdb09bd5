package tracing

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"zipkin-playground/tracing/testkit"
)

func TestWriteFileSafely(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name      string
		setup     func(t *testing.T, dir, path string)
		overwrite bool
		want      error // nil: written
	}{
		{"new file", nil, false, nil},
		{"existing file, not confirmed", writeOld, false, ErrExists},
		{"existing file, confirmed", writeOld, true, nil},
		{"symlink to another file", linkToOther, false, errSymlink},
		{"symlink to another file, confirmed", linkToOther, true, errSymlink},
		{"dangling symlink", func(t *testing.T, dir, path string) {
			testkit.Must(t, os.Symlink(filepath.Join(dir, "nowhere"), path))
		}, true, errSymlink},
		{"directory", func(t *testing.T, dir, path string) { testkit.Must(t, os.Mkdir(path, 0o700)) }, true, errNotRegular},
		{"FIFO", func(t *testing.T, dir, path string) { testkit.Must(t, syscall.Mkfifo(path, 0o600)) }, true, errNotRegular},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "out.json")
			if c.setup != nil {
				c.setup(t, dir, path)
			}
			err := WriteFileSafely(path, []byte("new"), c.overwrite)
			if !errors.Is(err, c.want) || (c.want == nil) != (err == nil) {
				t.Fatalf("want %v, have %v", c.want, err)
			}
			if err != nil && !strings.Contains(err.Error(), path) {
				t.Errorf("the error does not name the file: %v", err)
			}
			if other, err := os.ReadFile(filepath.Join(dir, "other")); err == nil && string(other) != "other" {
				t.Errorf("the symlink's target was written: %q", other)
			}
			if c.want == nil {
				fi, err := os.Lstat(path)
				if b, _ := os.ReadFile(path); err != nil || string(b) != "new" || fi.Mode().Perm() != fileMode || !fi.Mode().IsRegular() {
					t.Errorf("written %q, mode %v, %v", b, fi.Mode(), err)
				}
			}
			if left := leftovers(t, dir); len(left) > 0 {
				t.Errorf("temp files left behind: %v", left)
			}
		})
	}
}

func writeOld(t *testing.T, dir, path string) {
	testkit.Must(t, os.WriteFile(path, []byte("old"), 0o644))
}

func linkToOther(t *testing.T, dir, path string) {
	testkit.Must(t, os.WriteFile(filepath.Join(dir, "other"), []byte("other"), 0o644))
	testkit.Must(t, os.Symlink(filepath.Join(dir, "other"), path))
}

func leftovers(t *testing.T, dir string) []string {
	entries, err := os.ReadDir(dir)
	testkit.Must(t, err)
	var out []string
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			out = append(out, e.Name())
		}
	}
	return out
}

func TestWriteFileSafelyMissingFolder(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "no", "such", "out.json")
	err := WriteFileSafely(path, []byte("x"), false)
	if err == nil || !strings.Contains(err.Error(), path) || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("want a not-exist error naming the path, have %v", err)
	}
}

func TestExpandHome(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	for in, want := range map[string]string{
		"~":                 home,
		"~/a/b.json":        filepath.Join(home, "a/b.json"),
		"a/~/b":             "a/~/b",
		"/abs/path":         "/abs/path",
		"scenario.json":     "scenario.json",
		"~root/x.json":      "/root/x.json",
		"~/":                home,
		"~nobody-xyz-123/x": "",
	} {
		have, err := ExpandHome(in)
		if have != want || (want == "") != (err != nil) {
			t.Errorf("%q: want %q, have %q (%v)", in, want, have, err)
		}
	}
}
