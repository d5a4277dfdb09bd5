package cli

import (
	"fmt"
	"runtime/debug"
)

// Version overrides the module version when set at build time with
// -ldflags "-X zipkin-playground/ui/cli.Version=v1.2.3".
var Version = ""

// VersionLine is what --version prints: the module version and the VCS
// revision the binary was built from, as the Go toolchain recorded them.
func VersionLine() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return versionLine(Version, nil)
	}
	return versionLine(Version, info)
}

func versionLine(override string, info *debug.BuildInfo) string {
	version, revision, when, dirty := "(devel)", "unknown", "", false
	if info != nil {
		if v := info.Main.Version; v != "" {
			version = v
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				revision = s.Value
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
	}
	if override != "" {
		version = override
	}
	line := fmt.Sprintf("zipkin-playground %s (revision %s", version, revision)
	if dirty {
		line += ", modified"
	}
	if when != "" {
		line += ", " + when
	}
	if info != nil && info.GoVersion != "" {
		line += ", " + info.GoVersion
	}
	return line + ")"
}
