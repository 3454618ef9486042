package github

import "slices"

// Comments returns copies of the comments on owner/repo#issue, oldest
// first.
func (s *Server) Comments(owner, repo string, issue int) []Comment {
	s.mu.Lock()
	defer s.mu.Unlock()
	list := s.comments[issueKey{owner, repo, issue}]
	out := make([]Comment, len(list))
	for i, c := range list {
		out[i] = *c
	}
	return out
}

// AddComment stores a comment by author as if it had been posted, for
// seeding tests (other people's comments, leftovers of older runs).
func (s *Server) AddComment(owner, repo string, issue int, author User, body string) Comment {
	s.mu.Lock()
	defer s.mu.Unlock()
	return *s.insertLocked(issueKey{owner, repo, issue}, author, body)
}

// Requests returns the requests received so far, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.requests)
}
