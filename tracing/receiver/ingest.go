//lint:file-ignore ST1005 the error texts are Zipkin collector answers, capitalised as Zipkin writes them

package receiver

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing/zipkinspan"
	"zipkin-playground/tracing/zipkinv1"
)

// maxBody is the largest POST body the receiver reads, before and after
// gunzip: a gzip bomb is cut at this size and answered 413.
const maxBody = 16 << 20

// errTooLarge marks a body over maxBody.
var errTooLarge = fmt.Errorf("body over %d bytes (after gunzip)", maxBody)

// protoUnspecifiedKind is what zipkin-go's proto3 decoder makes of a span
// without kind; Zipkin has no such kind.
const protoUnspecifiedKind = "SPAN_KIND_UNSPECIFIED"

// errV2JSONOnV1 is Zipkin's answer to a v2 JSON list POSTed to /api/v1/spans.
var errV2JSONOnV1 = errors.New("Expected a JSON_V1 encoded list, but received: JSON_V2")

// handleSpans is Zipkin's POST /api/v2/spans.
func (r *Receiver) handleSpans(w http.ResponseWriter, req *http.Request) {
	r.ingest(w, req, decodeV2)
}

// handleSpansV1 is Zipkin's POST /api/v1/spans: v1 JSON, or v1 Thrift by
// Content-Type, converted to v2.
func (r *Receiver) handleSpansV1(w http.ResponseWriter, req *http.Request) {
	r.ingest(w, req, decodeV1)
}

// spanDecoder decodes a body of the given Content-Type, handing the spans to
// emit (in one or several chunks) only once the whole body is known good.
type spanDecoder func(data []byte, contentType string, emit func([]model.SpanModel)) error

// ingest reads, decodes (a bounded number at once), normalises and stores a
// POSTed batch, and answers as Zipkin's collector does. The body is read off
// the wire before a decode slot is taken: a sender that trickles its body
// waits alone instead of holding a slot every other sender needs.
func (r *Receiver) ingest(w http.ResponseWriter, req *http.Request, decode spanDecoder) {
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
			err = decode(data, strings.ToLower(req.Header.Get("Content-Type")), r.accept)
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

// decodeV2 decodes a /api/v2/spans body as Zipkin's collector does: proto3
// or JSON by Content-Type; a v1 JSON list is refused with Zipkin's message.
func decodeV2(data []byte, contentType string, emit func([]model.SpanModel)) error {
	if strings.Contains(contentType, "protobuf") {
		return inChunks(data, protoChunks, decodeProto, emit)
	}
	if data = bytes.TrimSpace(data); len(data) == 0 {
		return nil
	}
	if zipkinv1.LooksLikeV1JSON(data) {
		return zipkinv1.ErrV1JSONOnV2
	}
	return decodeJSONV2(data, emit)
}

// emitAll adapts a whole-body decoder's result to a spanDecoder's emit.
func emitAll(spans []model.SpanModel, err error) func(emit func([]model.SpanModel)) error {
	return func(emit func([]model.SpanModel)) error {
		if err == nil && len(spans) > 0 {
			emit(spans)
		}
		return err
	}
}

// decodeV1 decodes a /api/v1/spans body: v1 Thrift or v1 JSON by
// Content-Type; a v2 JSON list is refused with Zipkin's message.
func decodeV1(data []byte, contentType string, emit func([]model.SpanModel)) error {
	if strings.Contains(contentType, "thrift") {
		return inChunks(data, thriftChunks, func(b []byte) ([]model.SpanModel, error) {
			spans, err := zipkinv1.DecodeV1Thrift(b)
			if err != nil {
				return nil, fmt.Errorf("Expected a THRIFT encoded list: %v", err)
			}
			return spans, nil
		}, emit)
	}
	if zipkinv1.LooksLikeV2JSON(data) && !zipkinv1.LooksLikeV1JSON(data) {
		return errV2JSONOnV1
	}
	return inChunks(data, jsonListChunks, func(b []byte) ([]model.SpanModel, error) {
		spans, err := zipkinv1.DecodeV1JSON(b)
		if err != nil {
			return nil, fmt.Errorf("Expected a JSON_V1 encoded list: %v", err)
		}
		return spans, nil
	}, emit)
}

// A v2 JSON body over streamAbove bytes is decoded twice, a span at a time:
// first to check it whole (a bad body stores nothing), then to store it in
// chunks of streamChunk spans, so its decoded spans are never all in memory.
const (
	streamAbove = 1 << 20
	streamChunk = 1000
)

func decodeJSONV2(data []byte, emit func([]model.SpanModel)) error {
	if data[0] != '[' {
		return errors.New("Expected a JSON_V2 encoded list")
	}
	if len(data) <= streamAbove {
		// One pass when the fast reader takes the body, not one to pick the
		// reader and a second to read: parsing is most of a POST's CPU.
		var spans []model.SpanModel
		collect := func(s model.SpanModel) { spans = append(spans, s) }
		err := fastWalkJSONV2(data, collect)
		if err != nil {
			spans = nil
			err = walkJSONV2(data, collect)
		}
		return emitAll(spans, err)(emit)
	}
	walk := pickWalkerV2(data)
	if err := walk(data, func(model.SpanModel) {}); err != nil {
		return err
	}
	chunk := make([]model.SpanModel, 0, streamChunk)
	_ = walk(data, func(s model.SpanModel) {
		if chunk = append(chunk, s); len(chunk) == streamChunk {
			emit(chunk)
			chunk = make([]model.SpanModel, 0, streamChunk)
		}
	})
	if len(chunk) > 0 {
		emit(chunk)
	}
	return nil
}

// walkJSONV2 decodes a v2 JSON list one span at a time.
func walkJSONV2(data []byte, fn func(model.SpanModel)) error {
	fail := func(err error) error { return fmt.Errorf("Expected a JSON_V2 encoded list: %v", err) }
	dec := json.NewDecoder(bytes.NewReader(data))
	if _, err := dec.Token(); err != nil { // the '[' checked by the caller
		return fail(err)
	}
	for i := 0; dec.More(); i++ {
		s, err := decodeSpanV2(dec)
		if err != nil {
			return fail(fmt.Errorf("span %d: %v", i, err))
		}
		fn(s)
	}
	if _, err := dec.Token(); err != nil { // ']'
		return fail(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return fail(errors.New("data after the list"))
	}
	return nil
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
