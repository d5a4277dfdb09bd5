// Package linker is openzipkin/zipkin's DependencyLinker (and the SpanNode
// tree it walks) in Go: it sums the calls between services over traces, as
// Zipkin's /api/v2/dependencies does.
package linker

import (
	"net"
	"sort"

	"github.com/openzipkin/zipkin-go/model"
)

// Link is one edge of the service graph.
type Link struct {
	Parent, Child         string
	CallCount, ErrorCount int64
}

// Linker sums links over the traces put in it.
type Linker struct {
	links map[[2]string]*Link
}

// New is an empty Linker.
func New() *Linker { return &Linker{links: map[[2]string]*Link{}} }

// PutTrace adds one trace's links (all spans of one trace), walking its tree
// breadth-first as DependencyLinker.putTrace does: a CLIENT with children
// leaves the link to its server; a span without kind counts as a CLIENT when
// both services are known; PRODUCER and CONSUMER link to and from their
// broker only; a server links from its first remote ancestor; a CLIENT whose
// remote ancestor is another service backfills that missing link; a server
// under its own client counts the client's error.
func (l *Linker) PutTrace(spans []model.SpanModel) {
	if len(spans) == 0 {
		return
	}
	root := buildTree(spans)
	root.walk(func(n *node) {
		if parent, child, isError, ok := l.linkOf(n, root); ok {
			l.add(parent, child, isError)
		}
	})
}

func (l *Linker) linkOf(current, root *node) (parent, child string, isError, ok bool) {
	span := current.span
	kind := span.Kind
	if kind == model.Client && len(current.children) > 0 {
		return "", "", false, false
	}
	local, remote := serviceOf(span.LocalEndpoint), serviceOf(span.RemoteEndpoint)
	if kind == model.Undetermined {
		if local == "" || remote == "" {
			return "", "", false, false
		}
		kind = model.Client
	}
	switch kind {
	case model.Server, model.Consumer:
		child, parent = local, remote
		if current == root && parent == "" {
			return "", "", false, false
		}
	case model.Client, model.Producer:
		parent, child = local, remote
	default:
		return "", "", false, false
	}
	_, isError = span.Tags["error"]
	if kind == model.Producer || kind == model.Consumer {
		return parent, child, isError, parent != "" && child != ""
	}
	if anc := current.firstRemoteAncestor(); anc != nil && serviceOf(anc.LocalEndpoint) != "" {
		ancName := serviceOf(anc.LocalEndpoint)
		if kind == model.Client && local != "" && ancName != local {
			l.add(ancName, local, false) // the link to this client was not reported
		}
		if kind == model.Server || parent == "" {
			parent = ancName
		}
		if !isError && anc.Kind == model.Client && span.ParentID != nil && *span.ParentID == anc.ID {
			_, isError = anc.Tags["error"]
		}
	}
	return parent, child, isError, parent != "" && child != ""
}

func (l *Linker) add(parent, child string, isError bool) {
	k := [2]string{parent, child}
	d := l.links[k]
	if d == nil {
		d = &Link{Parent: parent, Child: child}
		l.links[k] = d
	}
	d.CallCount++
	if isError {
		d.ErrorCount++
	}
}

// Links are the summed links, by parent then child.
func (l *Linker) Links() []Link {
	out := make([]Link, 0, len(l.links))
	for _, d := range l.links {
		out = append(out, *d)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Parent != out[j].Parent {
			return out[i].Parent < out[j].Parent
		}
		return out[i].Child < out[j].Child
	})
	return out
}

func serviceOf(e *model.Endpoint) string {
	if e == nil {
		return ""
	}
	return e.ServiceName
}

func ipText(ip net.IP) string {
	if len(ip) == 0 {
		return ""
	}
	return ip.String()
}
