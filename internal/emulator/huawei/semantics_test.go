package huawei

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/logctl/logctl/internal/emulator/semantics"
)

// newFixtureWith is newFixture with the handler under sem.
func newFixtureWith(t *testing.T, sem semantics.Semantics) *fixture {
	t.Helper()
	f := newFixture(t)
	h := f.h.(*handler)
	h.cfg.Semantics = sem
	return f
}

func TestListPagesUnderLTSPage(t *testing.T) {
	f := newFixtureWith(t, semantics.Semantics{LTSPage: 2})
	for _, s := range []string{streamApp3} {
		if rec := f.do(tokenReq("POST", "/v2/"+projA+"/transfers", jsonBody(t, obsCreate(groupApp, s, "lts-test")), tokenA)); rec.Code != http.StatusOK {
			t.Fatalf("create: %d %s", rec.Code, rec.Body)
		}
	}
	all := []string{f.id(0), f.id(1), f.id(2)}
	tests := []struct {
		query string
		want  []string
	}{
		{"", all[:2]},
		{"?offset=0&limit=100", all[:2]},
		{"?offset=2&limit=2", all[2:]},
		{"?offset=1&limit=1", all[1:2]},
		{"?offset=3", []string{}},
		{"?offset=99&limit=5", []string{}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, ids(listAll(t, f, tt.query))); diff != "" {
			t.Errorf("list%s (-want +got):\n%s", tt.query, diff)
		}
	}
	// Default reading: one page whatever offset and limit say.
	d := newFixture(t)
	if got := ids(listAll(t, d, "?offset=1&limit=1")); len(got) != 2 {
		t.Errorf("default list with offset/limit = %v, want both transfers", got)
	}
	rec := f.do(tokenReq("GET", "/v2/"+projA+"/transfers?offset=-1", "", tokenA))
	if rec.Code != http.StatusBadRequest {
		t.Errorf("negative offset: %d, want 400", rec.Code)
	}
}

func TestUpdateOmittedPrefix(t *testing.T) {
	tests := []struct {
		name       string
		sem        semantics.Semantics
		send       any // obs_prefix_name in the update; remove = omitted
		wantPrefix string
	}{
		{"default clears an omitted prefix", semantics.Semantics{}, remove, ""},
		{"keeps-omitted keeps it", semantics.Semantics{ModifyKeepsOmitted: true}, remove, "old"},
		{"explicit empty clears under keeps-omitted", semantics.Semantics{ModifyKeepsOmitted: true}, "", ""},
		{"explicit value wins", semantics.Semantics{ModifyKeepsOmitted: true}, "new", "new"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixtureWith(t, tt.sem)
			id := f.id(0)
			set := with(updateReq(id), "log_transfer_info.log_transfer_detail.obs_prefix_name", "old")
			if rec := f.do(tokenReq("PUT", "/v2/"+projA+"/transfers", jsonBody(t, set), tokenA)); rec.Code != http.StatusOK {
				t.Fatalf("set prefix: %d %s", rec.Code, rec.Body)
			}
			next := with(updateReq(id), "log_transfer_info.log_transfer_detail.obs_prefix_name", tt.send)
			if rec := f.do(tokenReq("PUT", "/v2/"+projA+"/transfers", jsonBody(t, next), tokenA)); rec.Code != http.StatusOK {
				t.Fatalf("update: %d %s", rec.Code, rec.Body)
			}
			got := findTransfer(t, listAll(t, f, ""), id).LogTransferInfo.LogTransferDetail
			if p := got.ObsPrefixName; p == nil || *p != tt.wantPrefix {
				t.Errorf("prefix = %v, want %q", p, tt.wantPrefix)
			}
			if *got.ObsPeriod != 30 {
				t.Errorf("sent period not applied: %v", *got.ObsPeriod)
			}
		})
	}
}

func TestRegionOfEndpoint(t *testing.T) {
	tests := []struct {
		host string
		want int
	}{
		{"lts.cn-north-4.myhuaweicloud.com", http.StatusOK},
		{"lts.cn-north-4.myhuaweicloud.com:443", http.StatusOK},
		{"lts.ap-southeast-1.myhuaweicloud.com", http.StatusForbidden},
		{"lts.eu-west-101.myhuaweicloud.eu", http.StatusForbidden},
		{"127.0.0.1:8787", http.StatusOK}, // names no region
	}
	f := newFixture(t)
	for _, tt := range tests {
		r := tokenReq("GET", "/v2/"+projA+"/transfers", "", tokenA)
		r.Host = tt.host
		rec := f.do(r)
		if rec.Code != tt.want {
			t.Errorf("Host %s: %d %s, want %d", tt.host, rec.Code, rec.Body, tt.want)
		}
		if tt.want == http.StatusForbidden {
			var e errorBody
			_ = json.Unmarshal(rec.Body.Bytes(), &e)
			if e.Code != codeProjectMismatch {
				t.Errorf("Host %s: code %s, want %s", tt.host, e.Code, codeProjectMismatch)
			}
		}
	}
}

func TestIAMListsProjectsByRegion(t *testing.T) {
	f := newFixture(t)
	rec := f.do(signedReq(t, "GET", "/v3/auth/projects", "", signSpec{}))
	if rec.Code != http.StatusOK {
		t.Fatalf("auth/projects: %d %s", rec.Code, rec.Body)
	}
	var got authProjectsJSON
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, p := range got.Projects {
		names[p.ID] = p.Name
	}
	if diff := cmp.Diff(map[string]string{projA: seedRegion, projB: "cn-east-3"}, names); diff != "" {
		t.Errorf("projects (-want +got):\n%s", diff)
	}
	for name, r := range map[string]func() *http.Request{
		"unsigned": func() *http.Request { return tokenReq("GET", "/v3/auth/projects", "", "") },
		"bad key": func() *http.Request {
			return signedReq(t, "GET", "/v3/auth/projects", "", signSpec{ak: testAK, sk: "wrong"})
		},
		"bad token": func() *http.Request { return tokenReq("GET", "/v3/auth/projects", "", "nope") },
	} {
		if rec := f.do(r()); rec.Code != http.StatusUnauthorized {
			t.Errorf("%s: %d, want 401", name, rec.Code)
		}
	}
	if rec := f.do(tokenReq("POST", "/v3/auth/projects", "{}", tokenA)); rec.Code != http.StatusNotFound {
		t.Errorf("POST auth/projects: %d, want 404", rec.Code)
	}
}
