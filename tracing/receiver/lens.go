package receiver

import (
	"net/http"
	"strings"
)

// lensConfig is the /zipkin/config.json Zipkin's server writes with its
// default UI properties (ZipkinUiConfiguration.writeConfig and
// ZipkinUiProperties); Zipkin Lens reads it before anything else.
const lensConfig = `{
  "environment" : "",
  "queryLimit" : 10,
  "defaultLookback" : 604800000,
  "searchEnabled" : true,
  "logsUrl" : null,
  "supportUrl" : null,
  "archivePostUrl" : null,
  "archiveUrl" : null,
  "dependency" : {
    "enabled" : true,
    "lowErrorRate" : 0.5,
    "highErrorRate" : 0.75
  }
}`

// withLensRoutes adds what Zipkin Lens calls when it is served under /zipkin/
// (its default base path): the query API again under /zipkin/api/v2/, as
// Zipkin's server answers it there too, and /zipkin/config.json.
func withLensRoutes(routes map[string]http.HandlerFunc) map[string]http.HandlerFunc {
	out := make(map[string]http.HandlerFunc, 2*len(routes)+1)
	for path, h := range routes {
		out[path] = h
		if strings.HasPrefix(path, "/api/v2/") {
			out["/zipkin"+path] = h
		}
	}
	out["/zipkin/config.json"] = handleLensConfig
	return out
}

func handleLensConfig(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "max-age=600")
	_, _ = w.Write([]byte(lensConfig))
}
