package cli

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/receiver"
	"zipkin-playground/tracing/shop"
)

// runShopUntil runs the shop command against recv, calls use with the shop
// and its curl line, then stops it as ctrl+c would.
func runShopUntil(t *testing.T, recv *receiver.Receiver, sampler string, use func(sh *shop.Shop, curl string)) (stdout, stderr string) {
	t.Helper()
	opts := Options{Config: tracing.DefaultConfig()}
	opts.Config.Endpoint = recv.URL()
	spec, err := tracing.ParseSamplerSpec(sampler)
	if err != nil {
		t.Fatal(err)
	}
	opts.Config.Sampler = spec
	out, errOut := &syncBuffer{}, &syncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	code := make(chan int, 1)
	go func() {
		code <- runShop(ctx, opts, Env{Stdout: out, Stderr: errOut}, func(sh *shop.Shop, curl string) {
			use(sh, curl)
			cancel()
		})
	}()
	if c := <-code; c != ExitOK {
		t.Fatalf("shop exited %d: %s", c, errOut.String())
	}
	cancel()
	return out.String(), errOut.String()
}

var curlHeader = regexp.MustCompile(`-H '([^:]+): ([^']*)'`)

// doCurl makes the request the printed curl line describes.
func doCurl(t *testing.T, curl string) int {
	t.Helper()
	fields := strings.Fields(curl)
	req, err := http.NewRequest(fields[3], fields[len(fields)-1], nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range curlHeader.FindAllStringSubmatch(curl, -1) {
		req.Header.Set(m[1], m[2])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestShopCommandsCurlJoinsTheTraceItPrints(t *testing.T) {
	t.Parallel()
	recv, err := receiver.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer recv.Close()
	stdout, _ := runShopUntil(t, recv, "always", func(sh *shop.Shop, curl string) {
		if status := doCurl(t, curl); status != http.StatusOK {
			t.Errorf("the printed curl got %d", status)
		}
	})
	for _, svc := range []string{"gateway", "checkout", "inventory", "payments"} {
		if !strings.Contains(stdout, svc) {
			t.Errorf("stdout does not list %s:\n%s", svc, stdout)
		}
	}
	traces := recv.Traces()
	if len(traces) != 1 {
		t.Fatalf("want one trace (the curl's, with the CLIENT span that printed it), have %d", len(traces))
	}
	services := map[string]bool{}
	clients := 0
	for _, s := range traces[0].Spans {
		services[s.LocalEndpoint.ServiceName] = true
		if s.LocalEndpoint.ServiceName == "playground" && s.Kind == model.Client {
			clients++
		}
	}
	if len(services) != 5 || clients != 1 {
		t.Errorf("want playground's CLIENT span and four services in the trace, have %v (%d CLIENT)", services, clients)
	}
}

func TestShopCommandUnderSamplerNeverSaysSoAndNothingArrives(t *testing.T) {
	t.Parallel()
	recv, err := receiver.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer recv.Close()
	stdout, _ := runShopUntil(t, recv, "never", func(sh *shop.Shop, curl string) {
		if !strings.Contains(curl, "X-B3-Sampled: 0") {
			t.Errorf("the curl should carry X-B3-Sampled: 0: %s", curl)
		}
		doCurl(t, curl)
	})
	if !strings.Contains(stdout, "will report nothing") {
		t.Errorf("stdout should say the services report nothing:\n%s", stdout)
	}
	if n := recv.Stats().Spans; n != 0 {
		t.Errorf("an unsampled trace: %d spans arrived", n)
	}
}
