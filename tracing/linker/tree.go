package linker

import (
	"sort"

	"github.com/openzipkin/zipkin-go/model"
)

// node is zipkin2.internal.SpanNode: a span in the trace tree; the root may
// be synthetic (no span) when the trace has no root span.
type node struct {
	span     *model.SpanModel
	parent   *node
	children []*node
}

// key is SpanNode's index key: a span ID, qualified by endpoint when shared
// (several servers may answer one client span ID).
type key struct {
	id       model.ID
	shared   bool
	endpoint endpointKey
}

type endpointKey struct {
	set                 bool
	service, ipv4, ipv6 string
	port                uint16
}

func keyOf(id model.ID, shared bool, e *model.Endpoint) key {
	if !shared {
		return key{id: id}
	}
	k := key{id: id, shared: true}
	if e != nil {
		k.endpoint = endpointKey{true, e.ServiceName, ipText(e.IPv4), ipText(e.IPv6), e.Port}
	}
	return k
}

// parentLinks is SpanNode.Builder's spanToParent: insertion-ordered, a nil
// parent is none.
type parentLinks struct {
	order  []key
	parent map[key]*key
}

func (p *parentLinks) put(k key, parent *key) {
	if _, ok := p.parent[k]; !ok {
		p.order = append(p.order, k)
	}
	p.parent[k] = parent
}

// buildTree is SpanNode.Builder.build.
func buildTree(spans []model.SpanModel) *node {
	cleaned := mergeTrace(spans)
	links := parentLinks{parent: map[key]*key{}}
	for _, s := range cleaned { // index
		if s.Shared {
			parent := keyOf(s.ID, false, nil)
			links.put(keyOf(s.ID, true, s.LocalEndpoint), &parent)
		} else {
			links.put(keyOf(s.ID, false, nil), parentKey(s.ParentID))
		}
	}
	byKey := map[key]*node{}
	var root *node
	for i := range cleaned { // process
		s := &cleaned[i]
		k := keyOf(s.ID, s.Shared, s.LocalEndpoint)
		noEndpoint := keyOf(s.ID, s.Shared, nil)
		var parent *key
		if s.Shared {
			parent = &key{id: s.ID}
		} else if s.ParentID != nil {
			sharedParent := keyOf(*s.ParentID, true, s.LocalEndpoint)
			if _, ok := links.parent[sharedParent]; ok {
				links.put(noEndpoint, &sharedParent)
				parent = &sharedParent
			} else {
				parent = &key{id: *s.ParentID}
			}
		}
		n := &node{span: s}
		switch {
		case parent == nil && root == nil:
			root = n
			delete(links.parent, noEndpoint)
		case s.Shared:
			byKey[k], byKey[noEndpoint] = n, n
		default:
			byKey[noEndpoint] = n
		}
	}
	if root == nil {
		root = &node{}
	}
	for _, k := range links.order {
		p, ok := links.parent[k]
		child := byKey[k]
		if !ok || child == nil {
			continue
		}
		to := root
		if p != nil && byKey[*p] != nil {
			to = byKey[*p]
		}
		if to != child {
			to.children = append(to.children, child)
			child.parent = to
		}
	}
	root.sortByTimestamp()
	return root
}

func parentKey(id *model.ID) *key {
	if id == nil {
		return nil
	}
	return &key{id: *id}
}

// sortByTimestamp orders each node's children by timestamp, as
// SpanNode.Builder.sortTreeByTimestamp does.
func (n *node) sortByTimestamp() {
	queue := []*node{n}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		sort.SliceStable(cur.children, func(i, j int) bool {
			return micros(cur.children[i]) < micros(cur.children[j])
		})
		queue = append(queue, cur.children...)
	}
}

func micros(n *node) int64 {
	if n.span == nil || n.span.Timestamp.IsZero() {
		return 0
	}
	return n.span.Timestamp.UnixMicro()
}

// walk visits the tree breadth-first, starting with the root-most spans
// (SpanNode.BreadthFirstIterator); each node once.
func (n *node) walk(visit func(*node)) {
	queue := []*node{n}
	if n.span == nil {
		queue = append([]*node(nil), n.children...)
	}
	seen := map[*node]bool{}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		if seen[cur] {
			continue
		}
		seen[cur] = true
		visit(cur)
		queue = append(queue, cur.children...)
	}
}

// firstRemoteAncestor is the nearest ancestor with a kind.
func (n *node) firstRemoteAncestor() *model.SpanModel {
	for a := n.parent; a != nil; a = a.parent {
		if a.span != nil && a.span.Kind != model.Undetermined {
			return a.span
		}
	}
	return nil
}
