package offlinelogs

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/logctl/logctl/internal/provider/teo"
)

// FuzzListingToFiles feeds a hostile DownloadL7Logs/DownloadL4Logs answer
// through the listing conversion and file planning: nothing panics, every
// package that gets a file gets a single local name inside the directory
// (never a .part name) and a bounded size, and errors never quote a URL's
// query (it may hold a signature).
func FuzzListingToFiles(f *testing.F) {
	f.Add([]byte(`{"TotalCount":1,"Data":[{"Domain":"a.example.com","LogPacketName":"20230725-2300-a","Url":"https://log-down.edgeone.qcloud.com/x.gz?sign=SECRET","LogStartTime":"2023-07-25T23:00:00+08:00","LogEndTime":"2023-07-26T00:00:00+08:00","Size":20761}]}`), false)
	f.Add([]byte(`{"Data":[{"ProxyId":"sid-1","LogPacketName":"../../etc/passwd","Url":"file:///etc/passwd?sign=SECRET","LogTime":1690300800,"Size":-1}]}`), true)
	f.Add([]byte(`{"Data":[{"LogPacketName":"a","Url":"http://u:p@h/x?sign=SECRET","Size":9223372036854775807},{"LogPacketName":"a","Url":"http://h/y"}]}`), false)
	f.Fuzz(func(t *testing.T, body []byte, l4 bool) {
		var pkgs []Package
		if l4 {
			var r teo.DownloadL4LogsResponse
			if json.Unmarshal(body, &r) != nil {
				return
			}
			for _, d := range r.Data {
				if p, err := fromL4(d); err == nil {
					pkgs = append(pkgs, p)
				}
			}
		} else {
			var r teo.DownloadL7LogsResponse
			if json.Unmarshal(body, &r) != nil {
				return
			}
			for _, d := range r.Data {
				if p, err := fromL7(d); err == nil {
					pkgs = append(pkgs, p)
				}
			}
		}
		results := make([]Result, len(pkgs))
		jobs := planFiles(pkgs, results)
		files := map[string]bool{}
		for _, j := range jobs {
			if files[j.file] {
				t.Fatalf("two packages share file %q", j.file)
			}
			files[j.file] = true
			if !filepath.IsLocal(j.file) || strings.ContainsAny(j.file, `/\`) || strings.HasSuffix(j.file, partSuffix) {
				t.Fatalf("unsafe file %q for package %q", j.file, j.pkg.Name)
			}
			if dir := "/dl"; filepath.Dir(filepath.Join(dir, j.file)) != dir {
				t.Fatalf("file %q escapes the directory", j.file)
			}
			if m := maxFileBytes(j.pkg); m <= 0 || m < j.pkg.Size && j.pkg.Size < 1<<50 {
				t.Fatalf("bound %d for Size %d", m, j.pkg.Size)
			}
		}
		for _, r := range results {
			if r.Err != nil && !strings.Contains(r.Package.Name, "SECRET") && strings.Contains(r.Err.Error(), "SECRET") {
				t.Fatalf("error quotes a URL query: %v", r.Err)
			}
		}
	})
}

// FuzzLegacyWalk drives the legacy page walk with hostile page answers
// (any PageNo, Pages and page length): it ends within its page bound, never
// visits a package twice, and never goes back to an earlier page.
func FuzzLegacyWalk(f *testing.F) {
	f.Add(int64(25), int64(10), int64(1), true, true, int64(0))
	f.Add(int64(25), int64(10), int64(0), false, false, int64(0))
	f.Add(int64(5), int64(3), int64(7), true, false, int64(-3))
	f.Fuzz(func(t *testing.T, n, size, pageNoShift int64, withPageNo, withPages bool, pagesShift int64) {
		if size <= 0 || size > 50 || n < 0 || n > 1000 {
			return
		}
		var asked []int64
		visited := map[string]bool{}
		fetch := func(no int64) (*teo.LegacyDownloadL7LogsResponse, error) {
			asked = append(asked, no)
			resp := &teo.LegacyDownloadL7LogsResponse{}
			for i := no * size; i >= 0 && i < n && i < (no+1)*size; i++ {
				resp.Data = append(resp.Data, teo.L7OfflineLog{LogPacketName: strings.Repeat("p", 1) + string(rune('a'+i%26)) + strings.Repeat("x", int(i/26)), Url: "u"})
			}
			if withPageNo {
				v := no + pageNoShift
				resp.PageNo = &v
			}
			if withPages {
				v := (n+size-1)/size + pagesShift
				resp.Pages = &v
			}
			return resp, nil
		}
		calls, _ := teo.WalkLegacyPages(size, 30, fetch, func(data []teo.L7OfflineLog) error {
			for _, d := range data {
				if visited[d.LogPacketName] {
					t.Fatalf("%s visited twice", d.LogPacketName)
				}
				visited[d.LogPacketName] = true
			}
			return nil
		})
		if calls > 30 || len(asked) > 30 {
			t.Fatalf("%d calls past the bound of 30", len(asked))
		}
		for i := 1; i < len(asked); i++ {
			if asked[i] <= asked[i-1] {
				t.Fatalf("asked pages %v: went back", asked)
			}
		}
	})
}
