package workshop

import "context"

// runBoard shows the presenter's board until ctx ends.
func runBoard(ctx context.Context, s *Server, lines <-chan string) error {
	<-ctx.Done()
	return nil
}
