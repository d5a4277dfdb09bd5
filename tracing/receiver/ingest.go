//lint:file-ignore ST1005 the error texts are Zipkin collector answers, capitalised as Zipkin writes them

package receiver

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing/decode"
	"zipkin-playground/tracing/wire"
	"zipkin-playground/tracing/zipkinspan"
)

// maxBody is the largest POST body the receiver reads, before and after
// gunzip: a gzip bomb is cut at this size and answered 413.
const maxBody = 16 << 20

// errTooLarge marks a body over maxBody.
var errTooLarge = fmt.Errorf("body over %d bytes (after gunzip)", maxBody)

// protoUnspecifiedKind is what zipkin-go's proto3 decoder makes of a span
// without kind; Zipkin has no such kind.
const protoUnspecifiedKind = "SPAN_KIND_UNSPECIFIED"

// handleSpansAt is Zipkin's POST of spans to path: each body is read as the
// format its Content-Type picks among those path takes (wire.ForBody), and
// stored as v2.
func (r *Receiver) handleSpansAt(path string) http.HandlerFunc {
	return func(w http.ResponseWriter, req *http.Request) {
		c, _ := wire.ForBody(path, req.Header.Get("Content-Type"))
		r.ingest(w, req, c.Decode)
	}
}

// ingest reads, decodes (a bounded number at once), normalises and stores a
// POSTed batch, and answers as Zipkin's collector does. The body is read off
// the wire before a decode slot is taken: a sender that trickles its body
// waits alone instead of holding a slot every other sender needs.
func (r *Receiver) ingest(w http.ResponseWriter, req *http.Request, read decode.Func) {
	raw, err := readRaw(w, req)
	if err == nil {
		select {
		case r.decodes <- struct{}{}:
		case <-req.Context().Done():
			return
		}
		if req.Context().Err() != nil { // the sender gave up while waiting (select picks either when both are ready): storing now would duplicate its retry
			<-r.decodes
			return
		}
		var data []byte
		data, err = gunzipBody(raw, req.Header.Get("Content-Encoding"))
		raw = nil
		if err == nil && len(data) > 0 {
			err = read(data, r.accept)
		}
		<-r.decodes
	}
	r.mu.Lock()
	if err != nil {
		r.stats.Rejected++
	} else {
		r.stats.Batches++
	}
	r.mu.Unlock()
	if err != nil {
		status := http.StatusBadRequest
		if errors.Is(err, errTooLarge) {
			status = http.StatusRequestEntityTooLarge
		}
		http.Error(w, err.Error(), status)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}

// accept normalises decoded spans, shows them to OnSpans and stores them.
func (r *Receiver) accept(spans []model.SpanModel) {
	for i := range spans {
		normalizeSpan(&spans[i])
	}
	if r.opts.onSpans != nil && len(spans) > 0 {
		r.opts.onSpans(spans)
	}
	r.store(spans)
}

// readRaw reads a POST body as it came over the wire (gzipped or not),
// refusing one over maxBody.
func readRaw(w http.ResponseWriter, req *http.Request) ([]byte, error) {
	data, err := io.ReadAll(http.MaxBytesReader(w, req.Body, maxBody))
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return nil, errTooLarge
	case err != nil:
		return nil, fmt.Errorf("Cannot read spans: %v", err)
	}
	return data, nil
}

// gunzipBody gunzips a body whose Content-Encoding says gzip, refusing one
// over maxBody once gunzipped (a gzip bomb); any other body is as it came.
func gunzipBody(raw []byte, encoding string) ([]byte, error) {
	if !strings.EqualFold(encoding, "gzip") {
		return raw, nil
	}
	gz, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, gunzipError(err)
	}
	defer gz.Close()
	data, err := io.ReadAll(io.LimitReader(gz, maxBody+1))
	if err != nil {
		return nil, gunzipError(err)
	}
	if len(data) > maxBody {
		return nil, errTooLarge
	}
	return data, nil
}

// gunzipError is Zipkin's message for a bad gzip body, or errTooLarge when
// the compressed body itself is over the limit.
func gunzipError(err error) error {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return errTooLarge
	}
	return errors.New("Cannot gunzip spans: " + err.Error())
}

// normalizeSpan makes a decoded span what Zipkin would store: no zero parent,
// no SPAN_KIND_UNSPECIFIED, no epoch-zero timestamps (proto3's "absent"),
// no empty endpoints, names and service names lowercased.
func normalizeSpan(s *model.SpanModel) {
	if s.ParentID != nil && *s.ParentID == 0 {
		s.ParentID = nil
	}
	if s.Kind == protoUnspecifiedKind {
		s.Kind = model.Undetermined
	}
	s.Timestamp = absentIfEpoch(s.Timestamp)
	if s.Duration < 0 {
		s.Duration = 0
	}
	s.Name = strings.ToLower(s.Name)
	s.LocalEndpoint = normalizeEndpoint(s.LocalEndpoint)
	s.RemoteEndpoint = normalizeEndpoint(s.RemoteEndpoint)
	for i := range s.Annotations {
		s.Annotations[i].Timestamp = absentIfEpoch(s.Annotations[i].Timestamp)
	}
	if len(s.Tags) == 0 {
		s.Tags = nil
	}
	s.Sampled, s.Err, s.Baggage = nil, nil, nil
	zipkinspan.Build(s)
}

// absentIfEpoch turns a timestamp at or before the epoch into "absent":
// zipkin-go's proto3 decoder makes time.Unix(0, 0) of a missing one.
func absentIfEpoch(t time.Time) time.Time {
	if t.IsZero() || t.UnixMicro() <= 0 {
		return time.Time{}
	}
	return t
}

func normalizeEndpoint(e *model.Endpoint) *model.Endpoint {
	if e.Empty() {
		return nil
	}
	c := *e
	c.ServiceName = strings.ToLower(c.ServiceName)
	if len(c.IPv4) == 0 {
		c.IPv4 = nil
	}
	if len(c.IPv6) == 0 {
		c.IPv6 = nil
	}
	return &c
}
