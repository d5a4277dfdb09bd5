// Command zipkin-playground is a terminal tracing playground for Zipkin: build
// span trees with single keys, see their B3 headers, flush them to an endpoint
// and watch what the server says. `send`, `check` and `receive` run headless.
package main

import (
	"os"

	"zipkin-playground/ui"
	"zipkin-playground/ui/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], cli.OSEnv(), ui.Run))
}
