package verify

import (
	"strconv"
	"strings"

	"github.com/openzipkin/zipkin-go/model"
)

// unknownRewrite is the reason given for a difference no known rewrite
// explains.
const unknownRewrite = "not a known rewrite"

// Rewrite is one way a backend (or the serializer on the way) is known to
// store a span otherwise than sent. Measured against Jaeger v2 and Zipkin;
// see ZIPKIN-FACTS.md.
type Rewrite struct {
	// Name is a stable identifier, e.g. "jaeger-shared-span-id".
	Name string
	// Why is the one-line reason reports give.
	Why string
	// Explain says it in plain words for a learner, on first sight.
	Explain string
	match   func(diffCase) bool
}

// diffCase is one difference to explain.
type diffCase struct {
	traceContext
	field, sent, stored string
	sentSpan            model.SpanModel
	storedSpan          *model.SpanModel
}

func (d diffCase) jaeger() bool { return d.api == QueryKindJaeger }

// v1 reports spans sent in a Zipkin v1 format, which a backend reads back
// through its v1 converter.
func (d diffCase) v1() bool { return d.enc.Codec().Version == 1 }

// fromV1Half reports whether a value stored on a CLIENT span but not sent
// with it came from its SERVER half, merged into one v1 span.
func (d diffCase) fromV1Half() bool {
	half, ok := d.v1Halves[d.sentSpan.ID]
	if !ok || d.sentSpan.Kind != model.Client {
		return false
	}
	if k, isTag := strings.CutPrefix(d.field, "tags."); isTag {
		v, had := half.Tags[k]
		return had && (v == d.stored || (k == "error" && d.stored == "true"))
	}
	if d.field == "annotations" {
		for _, a := range half.Annotations {
			if strings.HasSuffix(d.stored, " "+a.Value) {
				return true
			}
		}
	}
	return false
}

func (d diffCase) nameField() bool {
	return d.field == "name" || strings.HasSuffix(d.field, ".serviceName")
}

func (d diffCase) lowercased() bool {
	return d.nameField() && d.sent != d.stored && strings.ToLower(d.sent) == d.stored
}

// knownRewrites is the table verification explains differences from; the
// first match wins, so narrower rules come first.
var knownRewrites = []Rewrite{
	{
		Name:    "jaeger-shared-span-id",
		Why:     "Jaeger stores a shared SERVER span under a new span ID (the lowest one unused in the trace)",
		Explain: "Jaeger gave this shared span a new ID because it models a client and a server half as two spans; Zipkin keeps one ID for both halves of an RPC.",
		match: func(d diffCase) bool {
			return d.jaeger() && d.field == "id" && d.sentSpan.Shared && d.sentSpan.Kind == model.Server
		},
	},
	{
		Name:    "jaeger-shared-span-parent",
		Why:     "Jaeger re-parents the re-IDed shared SERVER span under its CLIENT span",
		Explain: "Once Jaeger gives the server half its own ID, it makes the client half its parent, so the two halves show as caller and callee.",
		match: func(d diffCase) bool {
			return d.jaeger() && d.field == "parentId" && d.sentSpan.Shared && d.stored == d.sentSpan.ID.String()
		},
	},
	{
		Name:    "jaeger-shared-child-parent",
		Why:     "Jaeger moves the children of a shared SERVER span under the span's new ID",
		Explain: "This span's parent was a shared span; Jaeger renamed the server half of it, and moved its children along.",
		match: func(d diffCase) bool {
			p := d.sentSpan.ParentID
			if !d.jaeger() || d.field != "parentId" || p == nil || !d.sharedIDs[*p] {
				return false
			}
			newID, ok := d.reID[*p]
			return ok && d.stored == newID.String()
		},
	},
	{
		Name:    "jaeger-remote-shared-parent",
		Why:     "Jaeger stored this span's parent, a shared SERVER span another service reported, under a new ID, and moved this span under it",
		Explain: "This span continues a trace from another service whose server span shares its caller's ID; Jaeger gave that server span its own ID and re-parented its children, this one included, under it.",
		match: func(d diffCase) bool {
			p := d.sentSpan.ParentID
			if !d.jaeger() || d.field != "parentId" || p == nil || d.sentIDs[*p] {
				return false
			}
			parent := d.storedWithID(d.stored)
			return parent != nil && parent.Kind == model.Server && parent.ParentID != nil && *parent.ParentID == *p
		},
	},
	{
		Name:    "v1-wire-annotation",
		Why:     "Zipkin v1 marks a messaging span's end (ws, wire send) or start (wr, wire receive) with an annotation; the backend kept it as one",
		Explain: "Zipkin's v1 format has no duration for PRODUCER and CONSUMER spans: the playground wrote the PRODUCER's end as a ws annotation and the CONSUMER's start as wr, and this backend stored them as annotations.",
		match: func(d diffCase) bool {
			kind := d.sentSpan.Kind
			return d.v1() && d.field == "annotations" && d.sent == "" &&
				(kind == model.Producer && strings.HasSuffix(d.stored, " ws") || kind == model.Consumer && strings.HasSuffix(d.stored, " wr"))
		},
	},
	{
		Name:    "jaeger-no-shared-flag",
		Why:     "Jaeger has no shared flag: it stores the SERVER half as a span of its own",
		Explain: "Zipkin marks the server half of an RPC that reuses the client's span ID as shared; Jaeger gives it its own ID instead, so the flag has nothing left to say.",
		match:   func(d diffCase) bool { return d.jaeger() && d.field == "shared" && d.sent == "true" },
	},
	{
		Name:    "v1-merged-shared",
		Why:     "Zipkin v1 has one span for both halves of an RPC: the shared SERVER span went out merged into its CLIENT span",
		Explain: "In Zipkin's v1 format the client and the server of one call are a single span with cs/sr/ss/cr annotations; the playground merged this SERVER half into its CLIENT's v1 span, and the backend kept it that way.",
		match:   func(d diffCase) bool { return d.v1() && d.field == "span" && d.storedSpan == nil },
	},
	{
		Name:    "v1-merged-fields",
		Why:     "carried by the SERVER half merged into this CLIENT span's v1 span",
		Explain: "Zipkin v1 sends both halves of an RPC as one span, so the tags and annotations of the SERVER half read back on the CLIENT span.",
		match:   func(d diffCase) bool { return d.v1() && d.sent == "" && d.fromV1Half() },
	},
	{
		Name:    "jaeger-v1-error",
		Why:     "Jaeger's Zipkin v1 decoder turns the error tag into OpenTelemetry's error status and drops its message: error=true",
		Explain: "Received as Zipkin v1, the error tag became OpenTelemetry's error status without the message; Jaeger shows it as error=true.",
		match: func(d diffCase) bool {
			return d.jaeger() && d.v1() && d.field == "tags.error" && d.stored == "true" && d.sent != ""
		},
	},
	{
		Name:    "jaeger-v1-http-status",
		Why:     "Jaeger's Zipkin v1 decoder reads an http.status_code of 400 or more as OpenTelemetry's error status: error=true, otel.status_code=ERROR",
		Explain: "Received as Zipkin v1, a span tagged with a failing HTTP status is marked as an error, though no error tag was sent.",
		match: func(d diffCase) bool {
			code, err := strconv.Atoi(d.sentSpan.Tags["http.status_code"])
			errorTag := (d.field == "tags.error" && d.stored == "true") || (d.field == "tags.otel.status_code" && d.stored == "ERROR")
			return d.jaeger() && d.v1() && d.sent == "" && errorTag && err == nil && code >= 400
		},
	},
	{
		Name:    "jaeger-v1-local-address",
		Why:     "Jaeger's Zipkin v1 decoder keeps a local address only when a core annotation (cs, sr, ms…) names the endpoint",
		Explain: "Received as Zipkin v1, the local endpoint's address is read from the endpoint of a core annotation; a span without a kind has none, so only the service name is kept.",
		match: func(d diffCase) bool {
			return d.jaeger() && d.v1() && strings.HasPrefix(d.field, "localEndpoint.") && d.field != "localEndpoint.serviceName" && d.stored == ""
		},
	},
	{
		Name:    "jaeger-v1-remote-endpoint",
		Why:     "Jaeger's Zipkin v1 decoder keeps an address annotation (sa, ca, ma) only as a tag and drops the remote endpoint",
		Explain: "In v1 the remote endpoint travels as the binary annotation sa (or ca, ma); Jaeger's v1 decoder keeps its key as a tag and loses the address.",
		match: func(d diffCase) bool {
			if !d.jaeger() || !d.v1() {
				return false
			}
			lost := strings.HasPrefix(d.field, "remoteEndpoint.") && d.stored == ""
			tag := (d.field == "tags.sa" || d.field == "tags.ca" || d.field == "tags.ma") && d.sent == ""
			return lost || tag
		},
	},
	{
		Name:    "otel-error-status",
		Why:     "Jaeger turns the error tag into OpenTelemetry's error status, shown as error=true (a boolean)",
		Explain: "Jaeger stores spans in OpenTelemetry's model, where an error is a status, not a tag; it shows that status as error=true, beside your message when there was one.",
		match: func(d diffCase) bool {
			return d.jaeger() && d.field == "tags.error" && (d.stored == "true" || strings.HasSuffix(d.stored, ", true"))
		},
	},
	{
		Name:    "otel-status-code",
		Why:     "Jaeger adds otel.status_code=ERROR for the error tag (OpenTelemetry's error status)",
		Explain: "The error tag became OpenTelemetry's error status; Jaeger shows the status as the tag otel.status_code.",
		match: func(d diffCase) bool {
			_, hadError := d.sentSpan.Tags["error"]
			_, halfError := d.v1Halves[d.sentSpan.ID].Tags["error"]
			hadError = hadError || (d.sentSpan.Kind == model.Client && halfError)
			return d.jaeger() && d.field == "tags.otel.status_code" && d.sent == "" && d.stored == "ERROR" && hadError
		},
	},
	{
		Name:    "json-lowercase",
		Why:     "zipkin-go's JSON serializer lowercases span and service names (its proto3 serializer keeps the case)",
		Explain: "The name went out in lowercase: zipkin-go's JSON encoding lowercases span and service names, as Zipkin's own storage does. Send with proto to keep the case (Jaeger keeps it).",
		match:   func(d diffCase) bool { return !d.enc.Codec().KeepsCase && d.lowercased() },
	},
	{
		Name:    "zipkin-lowercase",
		Why:     "Zipkin lowercases span and service names when it stores them",
		Explain: "Zipkin stores names in lowercase so that searches ignore case; the span arrived as sent.",
		match:   func(d diffCase) bool { return d.api == QueryKindZipkin && d.lowercased() },
	},
	{
		Name:    "missing-service-name",
		Why:     "the span has no service name; Jaeger stores it as missing-service-name",
		Explain: "Every Jaeger span belongs to a process named by its service; a span sent without one is filed under missing-service-name.",
		match: func(d diffCase) bool {
			return d.field == "localEndpoint.serviceName" && d.sent == "" && d.stored == "missing-service-name"
		},
	},
	{
		Name:    "jaeger-peer-service",
		Why:     "Jaeger stores a remote endpoint's service as the tag peer.service, so that tag and the remote service read back as one",
		Explain: "Jaeger's Zipkin receiver writes the remote endpoint's service name as the tag peer.service; reading back, a peer.service tag cannot be told apart from a remote endpoint.",
		match: func(d diffCase) bool {
			peer, ok := d.sentSpan.Tags["peer.service"]
			return d.jaeger() && ok && ((d.field == "remoteEndpoint.serviceName" && d.sent == "" && d.stored == peer) ||
				(d.field == "tags.peer.service" && d.stored == ""))
		},
	},
	{
		Name:    "jaeger-no-debug",
		Why:     "Jaeger stores no debug flag (OpenTelemetry's span model has none)",
		Explain: "Debug forces a trace to be sampled on its way; once stored in Jaeger the flag is gone, the trace is kept as any other.",
		match:   func(d diffCase) bool { return d.jaeger() && d.field == "debug" && d.sent == "true" },
	},
	{
		Name:    "retry-duplicate",
		Why:     "stored more times than sent: a POST was sent again after its first attempt had been stored (its answer came late or was lost)",
		Explain: "A retry re-sends a batch whose first POST got no answer in time; when that first POST was stored after all, the backend holds the spans twice.",
		match:   func(d diffCase) bool { return d.field == "copies" && atoiOr0(d.stored) > atoiOr0(d.sent) },
	},
	{
		Name:    "duplicate-collapse",
		Why:     "the backend stores identical duplicate spans once",
		Explain: "The same span was sent more than once, byte for byte; Jaeger keeps one copy.",
		match:   func(d diffCase) bool { return d.field == "copies" && d.stored != "0" },
	},
	{
		Name:    "microsecond-rounding",
		Why:     "timestamps and durations travel in whole microseconds; this one was rounded the other way",
		Explain: "Zipkin's format counts in microseconds, so anything finer is rounded on the way; one microsecond either way is that rounding.",
		match: func(d diffCase) bool {
			if d.field != "timestamp" && d.field != "duration" && d.field != "annotations" {
				return false
			}
			apart, ok := microsApart(d.sent, d.stored)
			return ok && apart <= 1
		},
	},
	{
		Name:    "jaeger-clock-skew",
		Why:     "Jaeger's query shifts a child span's timestamps to correct clock skew between hosts",
		Explain: "When a child span on another host starts before its parent or ends after it, Jaeger's query moves it inside the parent and warns about it.",
		match: func(d diffCase) bool {
			return d.jaeger() && d.storedSpan != nil && d.sentSpan.ParentID != nil && d.sent != "" && d.stored != "" &&
				(d.field == "annotations" || d.field == "timestamp" && d.sentSpan.Duration.Microseconds() == d.storedSpan.Duration.Microseconds())
		},
	},
}

// RewriteNamed is the rewrite called name, false when there is none.
func RewriteNamed(name string) (Rewrite, bool) {
	for _, r := range knownRewrites {
		if r.Name == name {
			return r, true
		}
	}
	return Rewrite{}, false
}

// atoiOr0 reads a count written by itoa; 0 when it is not one.
func atoiOr0(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return n
}
