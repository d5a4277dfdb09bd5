package component

import (
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/tracing/receiver"
	"zipkin-playground/tracing/verify"
)

// recvSource is what the Received pane draws: what the embedded receiver got,
// or what another backend (Zipkin, Jaeger) stored, as verification read it
// back. A learner sending to Jaeger sees Jaeger's copy, rewrites included.
type recvSource int

const (
	sourceReceiver recvSource = iota
	sourceBackend
)

// backendTraces are the traces verification read back from a backend other
// than the embedded receiver, in the order first read back; a trace read
// again replaces its earlier copy. Kept from the verification's report, so
// drawing them costs no request of its own.
type backendTraces struct {
	Kind, Query string // the query API's kind and masked URL, of the last read-back
	Traces      []receiver.ReceivedTrace
}

// keep takes the stored copy of each trace rep found (a trace not found adds
// nothing). at stands for the arrival time the pane's summary shows.
func (b *backendTraces) keep(rep verify.Report, at time.Time) {
	for _, t := range rep.Traces {
		if len(t.Stored) == 0 {
			continue
		}
		b.Kind, b.Query = rep.Kind, rep.Query
		rt := receiver.ReceivedTrace{TraceID: t.ID, Spans: t.Stored, First: at}
		if i := b.index(t.ID.String()); i >= 0 {
			rt.First = b.Traces[i].First
			b.Traces = append(b.Traces[:i], b.Traces[i+1:]...)
		}
		b.Traces = append(b.Traces, rt)
	}
	if over := len(b.Traces) - maxBackendTraces; over > 0 {
		b.Traces = append(b.Traces[:0:0], b.Traces[over:]...)
	}
}

// maxBackendTraces bounds what is kept of read-backs (the oldest go first),
// as the receiver bounds what it holds: V after a burst reads many.
const maxBackendTraces = 1000

// KindNames are the query APIs' kinds as a title says them.
var KindNames = map[string]string{verify.QueryKindZipkin: "Zipkin", verify.QueryKindJaeger: "Jaeger"}

func (b *backendTraces) index(id string) int {
	for i, t := range b.Traces {
		if t.TraceID.String() == id {
			return i
		}
	}
	return -1
}

// stats counts the read-back traces as the title shows the receiver's.
func (b *backendTraces) stats() receiver.Stats {
	st := receiver.Stats{Traces: len(b.Traces), Batches: len(b.Traces)}
	for _, t := range b.Traces {
		st.Spans += len(t.Spans)
	}
	return st
}

// firstLabel names a trace's time in the details: when it arrived at the
// receiver, or when verification first read it back.
func (v *ReceivedPane) firstLabel() string {
	if v.ShowsBackend() {
		return "read back"
	}
	return "arrived"
}

// Available says whether the pane has anything to show: the receiver runs,
// or a backend's traces were read back.
func (v *ReceivedPane) Available() bool {
	return v.Session.Receiver() != nil || len(v.Backend.Traces) > 0
}

// ShowsBackend says whether the pane draws the backend's traces: when chosen,
// or when no receiver runs.
func (v *ReceivedPane) ShowsBackend() bool {
	return len(v.Backend.Traces) > 0 && (v.Source == sourceBackend || v.Session.Receiver() == nil)
}

// current is the traces and counts of the source shown; ok is false when
// there is none.
func (v *ReceivedPane) current() (traces []receiver.ReceivedTrace, stats receiver.Stats, ok bool) {
	if v.ShowsBackend() {
		return v.Backend.Traces, v.Backend.stats(), true
	}
	r := v.Session.Receiver()
	if r == nil {
		return nil, receiver.Stats{}, false
	}
	return r.Traces(), r.Stats(), true
}

// backendTitle names the pane when it shows a backend's copy.
func (v *ReceivedPane) backendTitle() string {
	counts := fmt.Sprintf(" · %s in %s", Plural(v.Stats.Spans, "span"), Plural(v.Stats.Traces, "trace"))
	kind := KindNames[v.Backend.Kind]
	if kind == "" {
		kind = Safe(v.Backend.Kind)
	}
	return FitTitle(v.Width, "Stored in the "+kind+" backend at "+Safe(v.Backend.Query)+counts,
		"Stored in the "+kind+" backend"+counts, "Stored in "+kind+counts, kind+counts, kind)
}

// ReadBack keeps what a verification read from another backend and lays
// the pane out again when it shows it. A read-back from the embedded
// receiver is what the receiver's own stream already shows.
func (v *ReceivedPane) ReadBack(rep verify.Report, local bool, at time.Time) {
	if local {
		return
	}
	v.Backend.keep(rep, at)
	if v.ShowsBackend() {
		v.Refresh()
	}
}

// adopt takes the receiver a command started (E → local): the outbox sends
// to it, and the pane follows what arrives from now.
func (v *ReceivedPane) adopt(msg ReceiverStartedMsg) tea.Cmd {
	if msg.err != nil {
		v.sayError(fmt.Sprintf("the embedded receiver did not start: %v", msg.err))
		return nil
	}
	if err := v.Session.UseReceiver(msg.receiver); err != nil {
		v.sayError(err.Error())
		return nil
	}
	v.Refresh()
	EndpointEditor{v.Common}.changed()
	return WaitReceived(v.Session.Receiver())
}
