package workshop

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	gossh "golang.org/x/crypto/ssh"
)

// maxHostKeyBytes bounds what is read as a host key: a PEM key is a few
// hundred bytes; anything much larger is not one.
const maxHostKeyBytes = 64 << 10

// defaultHostKeyPath is where the host key lives unless --host-key says
// otherwise: the user's configuration directory, so that attendees who
// joined once see the same fingerprint next time.
func defaultHostKeyPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("no configuration directory for the host key (give --host-key FILE): %w", err)
	}
	return filepath.Join(dir, "zipkin-playground", "workshop_ed25519"), nil
}

// hostKey reads the PEM key at path, or creates an ed25519 key there (0600,
// its directory 0700) when there is none. It returns the PEM and the signer.
func hostKey(path string) ([]byte, gossh.Signer, error) {
	data, err := readHostKey(path)
	if errors.Is(err, fs.ErrNotExist) {
		data, err = createHostKey(path)
	}
	if err != nil {
		return nil, nil, err
	}
	signer, err := gossh.ParsePrivateKey(data)
	if err != nil {
		return nil, nil, fmt.Errorf("the host key %s is not a private key in PEM: %w", path, err)
	}
	return data, signer, nil
}

// readHostKey refuses what is not a regular file, and a file others may
// read (ssh refuses such a key too).
func readHostKey(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	switch {
	case !fi.Mode().IsRegular():
		return nil, fmt.Errorf("the host key %s is not a regular file", path)
	case fi.Size() > maxHostKeyBytes:
		return nil, fmt.Errorf("the host key %s is over %d bytes: not a key", path, maxHostKeyBytes)
	case fi.Mode().Perm()&0o077 != 0:
		return nil, fmt.Errorf("the host key %s can be read by others (mode %04o): chmod 600 it", path, fi.Mode().Perm())
	}
	return os.ReadFile(path)
}

func createHostKey(path string) ([]byte, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	block, err := gossh.MarshalPrivateKey(priv, "zipkin-playground workshop")
	if err != nil {
		return nil, err
	}
	data := pem.EncodeToMemory(block)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("cannot create the host key's directory: %w", err)
	}
	// O_EXCL: never replace or follow a file that appeared meanwhile.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("cannot create the host key: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(path)
		return nil, fmt.Errorf("cannot write the host key: %w", err)
	}
	return data, f.Close()
}
