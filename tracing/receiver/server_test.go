package receiver

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openzipkin/zipkin-go/model"
)

func TestReceiverListen(t *testing.T) {
	t.Parallel()
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	for _, addr := range []string{taken.Addr().String(), "127.0.0.1:abc", "256.0.0.1:1", "nohostport"} {
		r, err := Start(addr)
		if err == nil {
			r.Close()
			t.Errorf("--listen %s: no error, listening on %s", addr, r.Addr())
			continue
		}
		if !errors.Is(err, errListen) || !strings.Contains(err.Error(), addr) {
			t.Errorf("--listen %s: %v", addr, err)
		}
	}
	// Only the default address moves, and says where.
	ln, note, err := listenOrMove(taken.Addr().String(), true)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	if ln.Addr().String() == taken.Addr().String() || !strings.Contains(note, "is taken") || !strings.Contains(note, ln.Addr().String()) {
		t.Errorf("moved to %s with note %q", ln.Addr(), note)
	}
}

func TestReceiverWarnsBeyondLoopback(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		addr string
		warn bool
	}{{"127.0.0.1:0", false}, {"localhost:0", false}, {"0.0.0.0:0", true}, {":0", true}} {
		r, err := Start(c.addr)
		if err != nil {
			t.Fatal(err)
		}
		r.Close()
		if have := strings.Contains(r.Warning, "no authentication"); have != c.warn || r.Moved != "" {
			t.Errorf("%s: warning %q, moved %q", c.addr, r.Warning, r.Moved)
		}
	}
}

// Slow and idle connections (headers never finished, a body that stops, an
// idle keep-alive) are closed by the server's timeouts; meanwhile a normal
// POST is answered.
func TestReceiverClosesSlowAndIdleConnections(t *testing.T) {
	t.Parallel()
	r := startTestReceiver(t, timeoutsOption(serverTimeouts{
		readHeader: 300 * time.Millisecond, read: time.Second, write: time.Second, idle: 300 * time.Millisecond}))
	var slow []net.Conn
	for i := 0; i < 300; i++ {
		c, err := net.Dial("tcp", r.Addr())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		fmt.Fprintf(c, "POST /api/v2/spans HTTP/1.1\r\nHost: x\r\n") // headers never finished
		slow = append(slow, c)
	}
	for i := 0; i < 3; i++ { // bodies that trickle and stop
		c, err := net.Dial("tcp", r.Addr())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		fmt.Fprintf(c, "POST /api/v2/spans HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n[", r.Addr())
		slow = append(slow, c)
	}
	client := &http.Client{Timeout: 5 * time.Second}
	resp, err := client.Post(r.URL(), "application/json", strings.NewReader("[]"))
	if err != nil || resp.StatusCode != 202 {
		t.Fatalf("normal POST beside 300 slow connections: %v %v", resp, err)
	}
	resp.Body.Close()
	for i, c := range slow {
		if !closedByServer(c) {
			t.Fatalf("slow connection %d still open", i)
		}
	}
	// An idle keep-alive connection is closed too.
	c, err := net.Dial("tcp", r.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprintf(c, "GET /health HTTP/1.1\r\nHost: %s\r\n\r\n", r.Addr())
	br := bufio.NewReader(c)
	if resp, err := http.ReadResponse(br, nil); err != nil || resp.StatusCode != 200 {
		t.Fatalf("health: %v %v", resp, err)
	} else {
		io.Copy(io.Discard, resp.Body)
	}
	if !closedByServer(c) {
		t.Error("idle keep-alive connection still open")
	}
}

// closedByServer waits (at most 5 s) for the server to close c.
func closedByServer(c net.Conn) bool {
	_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, err := io.Copy(io.Discard, c)
	var ne net.Error
	return !(errors.As(err, &ne) && ne.Timeout())
}

// With one decode at a time, a POST waits while another body is decoded.
func TestReceiverCapsConcurrentDecodes(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	var once sync.Once
	r := startTestReceiver(t, MaxDecodes(1), OnSpans(func([]model.SpanModel) {
		once.Do(func() { <-release }) // the first batch holds its slot until released
	}))
	first := make(chan int, 1)
	go func() { first <- postStatus(r.URL(), `[{"traceId":"00000000000000aa","id":"0000000000000001"}]`) }()
	for deadline := time.Now().Add(5 * time.Second); len(r.decodes) == 0; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the first request never took the decode slot")
		}
	}
	done := make(chan int, 1)
	go func() { done <- postStatus(r.URL(), "[]") }()
	select {
	case s := <-done:
		t.Fatalf("second POST answered %d while the first held the decode slot", s)
	case <-time.After(300 * time.Millisecond):
	}
	close(release)
	if s1, s2 := <-first, <-done; s1 != 202 || s2 != 202 {
		t.Errorf("after the first decode finished: %d, %d", s1, s2)
	}
}

// Bodies trickling in (as many as there are decode slots) hold no slot: a
// normal POST is answered while they are still being read.
func TestReceiverTricklingBodiesHoldNoSlot(t *testing.T) {
	t.Parallel()
	r := startTestReceiver(t)
	var slow []net.Conn
	for i := 0; i < defaultMaxDecodes; i++ {
		c, err := net.Dial("tcp", r.Addr())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		fmt.Fprintf(c, "POST /api/v2/spans HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n[", r.Addr())
		slow = append(slow, c)
	}
	time.Sleep(100 * time.Millisecond) // let the server start reading them
	if s := postStatus(r.URL(), "[]"); s != 202 {
		t.Fatalf("normal POST beside %d trickling bodies: %d", len(slow), s)
	}
	for i, c := range slow { // still open and unanswered: the POST did not wait them out
		_ = c.SetReadDeadline(time.Now().Add(10 * time.Millisecond))
		var ne net.Error
		if n, err := c.Read(make([]byte, 1)); n > 0 || !errors.As(err, &ne) || !ne.Timeout() {
			t.Errorf("trickling body %d was answered or closed (%d, %v) before the normal POST", i, n, err)
		}
	}
}

// postStatus POSTs a JSON body and returns the status, 0 when no answer came
// within 20 s.
func postStatus(url, body string) int {
	client := &http.Client{Timeout: 20 * time.Second}
	resp, err := client.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestReceiverCORS(t *testing.T) {
	t.Parallel()
	r := startTestReceiver(t)
	resp, err := http.Get("http://" + r.Addr() + "/api/v2/services")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Errorf("GET: no CORS header: %v", resp.Header)
	}
	req, _ := http.NewRequest("OPTIONS", "http://"+r.Addr()+"/api/v2/traces", nil)
	req.Header.Set("Origin", "http://grafana.local")
	req.Header.Set("Access-Control-Request-Method", "GET")
	req.Header.Set("Access-Control-Request-Headers", "x-grafana-org-id")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	h := resp.Header
	if resp.StatusCode != 204 || h.Get("Access-Control-Allow-Origin") != "*" ||
		!strings.Contains(h.Get("Access-Control-Allow-Methods"), "GET") || h.Get("Access-Control-Allow-Headers") != "x-grafana-org-id" {
		t.Errorf("preflight: %d %v", resp.StatusCode, h)
	}
}

// Only the default (no address given) moves when it is taken; the same
// address given explicitly is refused, so a second receiver never swallows
// spans meant for the first.
func TestReceiverMovesOnlyWhenNoAddressGiven(t *testing.T) {
	t.Parallel()
	held, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	taken := held.Addr().String()
	if r, err := Start(taken); !errors.Is(err, errListen) {
		if r != nil {
			r.Close()
		}
		t.Fatalf("--listen %s given and taken: want errListen, have %v", taken, err)
	}
	// No address given and the default taken: the receiver moves, and says so.
	ln, moved, err := listenOrDefault("", taken)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	if ln.Addr().String() == taken || !strings.Contains(moved, taken+" is taken") {
		t.Errorf("no address given: want a moved listener, have %s (moved %q)", ln.Addr(), moved)
	}
}
