// Command zipkin-playground is a terminal tracing playground for Zipkin: build
// span trees with single keys, see their B3 headers, flush them to an endpoint
// and watch what the server says. `send`, `check` and `receive` run headless;
// `workshop` serves a playground to each attendee over SSH.
package main

import (
	"context"
	"io"
	"os"

	"zipkin-playground/tracing"
	"zipkin-playground/ui"
	"zipkin-playground/ui/cli"
	"zipkin-playground/ui/workshop"
)

func main() {
	env := cli.OSEnv()
	env.Workshop = func(ctx context.Context, cfg tracing.Config, w cli.WorkshopOptions, out io.Writer) error {
		return workshop.Run(ctx, cfg, workshop.Options(w), out)
	}
	os.Exit(cli.Main(os.Args[1:], env, ui.Run))
}
