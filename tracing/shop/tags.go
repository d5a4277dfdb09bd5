package shop

import "strconv"

// Tag is one span tag, in the order zipkin-go's client sets them.
type Tag struct{ Key, Value string }

// ClientTags are the tags zipkin-go's HTTP client transport
// (middleware/http) puts on its CLIENT span for a call: method and path;
// the response size when known; the status code only outside 2xx; error
// from 400 on (the status code) or when no answer came (the error text).
func ClientTags(method, path string, status int, contentLength int64, err error) []Tag {
	tags := []Tag{{"http.method", method}, {"http.path", path}}
	if err != nil {
		return append(tags, Tag{"error", err.Error()})
	}
	if contentLength > 0 {
		tags = append(tags, Tag{"http.response.size", strconv.FormatInt(contentLength, 10)})
	}
	if status < 200 || status > 299 {
		tags = append(tags, Tag{"http.status_code", strconv.Itoa(status)})
		if status > 399 {
			tags = append(tags, Tag{"error", strconv.Itoa(status)})
		}
	}
	return tags
}
