package tracing

import (
	"fmt"
	"math/rand"
	"testing"
)

// dfs is the display order computed the obvious way: every root, then its
// children depth first.
func dfs(roots []*Node) []*Node {
	var out []*Node
	var walk func(n *Node)
	walk = func(n *Node) {
		out = append(out, n)
		for _, c := range n.Children {
			walk(c)
		}
	}
	for _, r := range roots {
		walk(r)
	}
	return out
}

func TestTreeOrderMatchesDepthFirst(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewSource(7))
	var tree Tree
	var all, roots []*Node
	for i := 0; i < 3000; i++ {
		n := &Node{Name: fmt.Sprint(i)}
		if len(all) == 0 || rng.Intn(5) == 0 {
			tree.addRoot(n)
			roots = append(roots, n)
		} else {
			tree.addChild(all[rng.Intn(len(all))], n)
		}
		all = append(all, n)
	}
	want := dfs(roots)
	if want, have := len(want), tree.Len(); want != have {
		t.Fatalf("Len: want %d, have %d", want, have)
	}
	nodes := tree.Nodes()
	for i, n := range want {
		if nodes[i] != n || tree.At(i) != n {
			t.Fatalf("row %d: want span %s, have Nodes %s At %s", i, n.Name, nodes[i].Name, tree.At(i).Name)
		}
		if have := tree.Index(n); have != i {
			t.Fatalf("Index(%s): want %d, have %d", n.Name, i, have)
		}
	}
	if tree.At(-1) != nil || tree.At(tree.Len()) != nil || tree.Index(&Node{}) != -1 {
		t.Fatal("out-of-range rows and foreign spans must be absent")
	}
	if want, have := len(roots), len(tree.Roots()); want != have {
		t.Fatalf("Roots: want %d, have %d", want, have)
	}
}

func TestTreeRunningCounts(t *testing.T) {
	t.Parallel()
	s := newTestSession(t, "always")
	root, _ := s.NewTrace("root")
	child, _ := s.Child(root, "child")
	if want, have := 2, s.Tree().Running(); want != have {
		t.Fatalf("running: want %d, have %d", want, have)
	}
	if want, have := 2, s.Tree().RunningSampled(); want != have {
		t.Fatalf("running sampled: want %d, have %d", want, have)
	}
	_ = s.Finish(child)
	_ = s.Finish(child) // a second finish is refused and counts nothing
	if want, have := 1, s.Tree().Running(); want != have {
		t.Fatalf("after finish: want %d running, have %d", want, have)
	}
}

// BenchmarkTreeInsert starts spans in traces of 4 (a root, a child, two
// grandchildren: the burst's shape); ns/op is per span and stays flat from
// 1,000 to 100,000 spans.
func BenchmarkTreeInsert(b *testing.B) {
	for _, spans := range []int{1_000, 100_000} {
		b.Run(fmt.Sprintf("spans=%d", spans), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				var tree Tree
				for j := 0; j < spans/4; j++ {
					root := &Node{}
					tree.addRoot(root)
					child := &Node{}
					tree.addChild(root, child)
					tree.addChild(child, &Node{})
					tree.addChild(root, &Node{})
				}
				_ = tree.At(spans / 2)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*spans), "ns/span")
		})
	}
}
