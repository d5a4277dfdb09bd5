package outbox

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"sync"
	"sync/atomic"

	"github.com/openzipkin/zipkin-go/model"
	"github.com/openzipkin/zipkin-go/reporter"
)

// bufferSerializer is a serializer that can write a batch into a buffer it
// is given (jsonV2Serializer): the outbox then reuses one buffer after
// another instead of allocating (and zeroing) a new body per POST.
type bufferSerializer interface {
	appendSerialize(dst []byte, spans []*model.SpanModel) ([]byte, error)
}

// maxPooledBody is the largest buffer kept for reuse: a batch of huge spans
// should not pin its memory for the rest of the run.
const maxPooledBody = 4 << 20

var bodyPool = sync.Pool{New: func() any { return new(sendBody) }}

// sendBody is a batch's serialized bytes. A pooled one goes back to the pool
// when its last holder lets go: the delivery that made it, and each request
// carrying it until the transport closes that request's body (which it may
// do after the answer has come back).
type sendBody struct {
	b      []byte
	pooled bool
	refs   atomic.Int32
}

// plainBody holds bytes that are not reused.
func plainBody(b []byte) *sendBody { return &sendBody{b: b} }

// serialize is the serializer's bytes for spans, written into a pooled
// buffer when the serializer can.
func serialize(s reporter.SpanSerializer, spans []*model.SpanModel) (*sendBody, error) {
	bs, ok := s.(bufferSerializer)
	if !ok {
		b, err := s.Serialize(spans)
		if err != nil {
			return nil, err
		}
		return plainBody(b), nil
	}
	sb := bodyPool.Get().(*sendBody)
	sb.pooled = true
	sb.refs.Store(1)
	b, err := bs.appendSerialize(sb.b[:0], spans)
	if err != nil {
		sb.release()
		return nil, err
	}
	sb.b = b
	return sb, nil
}

// release lets go of one hold on the body; a nil body holds nothing.
func (sb *sendBody) release() {
	if sb == nil || !sb.pooled || sb.refs.Add(-1) != 0 {
		return
	}
	if cap(sb.b) <= maxPooledBody {
		sb.b = sb.b[:0]
		bodyPool.Put(sb)
	}
}

// reader is a request body over the bytes, holding them until it is closed.
func (sb *sendBody) reader() io.ReadCloser {
	if len(sb.b) == 0 {
		return nil
	}
	if sb.pooled {
		sb.refs.Add(1)
	}
	r := &bodyReader{sb: sb}
	r.r.Reset(sb.b)
	return r
}

var errBodyClosed = errors.New("read of a request body after its close")

// bodyReader reads a sendBody. Read and Close are serialized, so once Close
// returns no Read is copying from the bytes and they may be reused.
type bodyReader struct {
	mu sync.Mutex
	r  bytes.Reader
	sb *sendBody // nil once closed
}

func (b *bodyReader) Read(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.sb == nil {
		return 0, errBodyClosed
	}
	return b.r.Read(p)
}

// Close lets go of the bytes (the transport calls it, once or more).
func (b *bodyReader) Close() error {
	b.mu.Lock()
	sb := b.sb
	b.sb = nil
	b.mu.Unlock()
	sb.release()
	return nil
}

// setBody makes body req's body, with the length and the rewind that
// http.NewRequest gives a *bytes.Reader (the same headers on the wire).
func setBody(req *http.Request, body *sendBody) {
	req.ContentLength = int64(len(body.b))
	if req.ContentLength == 0 {
		req.Body, req.GetBody = http.NoBody, func() (io.ReadCloser, error) { return http.NoBody, nil }
		return
	}
	req.Body = body.reader()
	req.GetBody = func() (io.ReadCloser, error) { return body.reader(), nil }
}
