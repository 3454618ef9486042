package prcomment

import (
	"fmt"
	"net/http/httptest"
	"testing"

	"github.com/google/go-cmp/cmp"

	ghemu "github.com/logctl/logctl/internal/emulator/github"
)

// TestUpsertIgnoresForgedComment: someone who may only comment on the PR
// posts a marked "No changes". logctl must neither edit nor delete it,
// must post its own, and must say which comment it ignored.
func TestUpsertIgnoresForgedComment(t *testing.T) {
	h := newHarness(t)
	forged := h.emu.AddComment(owner, repo, prNum, human, Marker("logs")+"\nNo changes.")
	res, err := h.upsert("logs", "real plan: 1 to delete")
	if err != nil {
		t.Fatal(err)
	}
	got := h.comments()
	if len(got) != 2 || got[0].Body != forged.Body || got[0].UpdatedAt != forged.UpdatedAt {
		t.Fatalf("comments = %+v, want the forged one untouched and ours added", got)
	}
	if got[1].User.Login != ghemu.DefaultLogin || got[1].Body != Marker("logs")+"\nreal plan: 1 to delete" {
		t.Errorf("our comment = %+v", got[1])
	}
	want := []Ignored{{ID: forged.ID, URL: h.htmlURL(forged.ID), Author: human.Login}}
	if diff := cmp.Diff(want, res.Ignored); diff != "" {
		t.Errorf("Ignored (-want +got):\n%s", diff)
	}
	if res.Author != ActionsLogin || res.URL != h.htmlURL(got[1].ID) {
		t.Errorf("result = %+v", res)
	}

	// A forged comment newer than ours does not capture the next edit.
	h.emu.AddComment(owner, repo, prNum, human, Marker("logs")+"\nNo changes, really.")
	res, err = h.upsert("logs", "plan v2")
	if err != nil {
		t.Fatal(err)
	}
	got = h.comments()
	if len(got) != 3 || got[1].Body != Marker("logs")+"\nplan v2" || got[2].Body != Marker("logs")+"\nNo changes, really." {
		t.Errorf("comments = %+v, want ours edited and both forged ones untouched", got)
	}
	if len(res.Ignored) != 2 {
		t.Errorf("Ignored = %+v, want both forged comments", res.Ignored)
	}
}

func (h *harness) htmlURL(id int64) string {
	return fmt.Sprintf("%s/%s/%s/pull/%d#issuecomment-%d", h.srv.URL, owner, repo, prNum, id)
}

// TestUpsertIdentity: who counts as logctl follows the token, every run.
func TestUpsertIdentity(t *testing.T) {
	alice := ghemu.User{Login: "alice", ID: 1, Type: "User"}
	app := ghemu.User{Login: "deploy-app[bot]", ID: 2, Type: "Bot"}
	tests := []struct {
		name   string
		opt    ghemu.Option
		token  string
		author string // Env.Author
		seed   []ghemu.User
		want   []string // authors of the comments left, oldest first
	}{
		{"personal token: GET /user names it", ghemu.WithToken("pat", alice), "pat", "",
			[]ghemu.User{bot, alice}, []string{"github-actions[bot]", "alice"}},
		{"app token named by LOGCTL_COMMENT_AUTHOR", ghemu.WithInstallationToken("ghs_app", app), "ghs_app", app.Login,
			[]ghemu.User{bot, app}, []string{"github-actions[bot]", "deploy-app[bot]"}},
		{"app token unnamed: its new comment tells, older ones of it go", ghemu.WithInstallationToken("ghs_app", app), "ghs_app", "",
			[]ghemu.User{app, alice, app}, []string{"alice", "deploy-app[bot]"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			h.emu = ghemu.New(tc.opt)
			h.srv = httptest.NewServer(h.emu)
			t.Cleanup(h.srv.Close)
			h.env.APIURL, h.env.Token, h.env.Author = h.srv.URL, tc.token, tc.author
			for _, u := range tc.seed {
				h.emu.AddComment(owner, repo, prNum, u, Marker("logs")+"\nold by "+u.Login)
			}
			if _, err := h.upsert("logs", "plan"); err != nil {
				t.Fatal(err)
			}
			var authors []string
			for _, c := range h.comments() {
				authors = append(authors, c.User.Login)
				if c.User.Login == "github-actions[bot]" && c.Body != Marker("logs")+"\nold by github-actions[bot]" {
					t.Errorf("another author's comment was edited: %q", c.Body)
				}
			}
			if diff := cmp.Diff(tc.want, authors); diff != "" {
				t.Errorf("authors left (-want +got):\n%s", diff)
			}
		})
	}
}
