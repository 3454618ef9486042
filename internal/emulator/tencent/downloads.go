package tencent

import (
	"bytes"
	"net/http"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
)

// ServeOfflineLog serves GET /offline-logs/...: the gzip package at a Url
// that DownloadL7Logs or DownloadL4Logs returned. Range requests work, so
// interrupted downloads can resume. A package outside the retention window
// (or not yet produced) is 404.
func (h *Handler) ServeOfflineLog(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p, ok := h.cfg.World.parsePackagePath(r.URL.Path)
	if !ok || !available(p.hour, h.cfg.Now()) {
		http.NotFound(w, r)
		return
	}
	if h.cfg.Count != nil {
		h.cfg.Count("offline-logs:GET")
	}
	w.Header().Set("Content-Type", "application/gzip")
	http.ServeContent(w, r, p.name()+".log.gz", p.hour.Add(time.Hour), bytes.NewReader(gz(p.text())))
}

// ServeExportFile serves GET /cls-exports/{region}/{exportId}/{file}: the
// archive at the CosPath of a Completed export.
func (h *Handler) ServeExportFile(w http.ResponseWriter, r *http.Request) {
	parts := strings.Split(strings.TrimPrefix(r.URL.Path, "/cls-exports/"), "/")
	if len(parts) != 3 {
		http.NotFound(w, r)
		return
	}
	h.cfg.Lock.Lock()
	var e *Export
	if i := slices.IndexFunc(h.cfg.State.Exports, func(x *Export) bool { return x.Region == parts[0] && x.ExportId == parts[1] }); i >= 0 {
		c := *h.cfg.State.Exports[i]
		e = &c
	}
	h.cfg.Lock.Unlock()
	if e == nil || parts[2] != exportFileName(e) || h.exportStatus(e, h.cfg.Now()) != "Completed" {
		http.NotFound(w, r)
		return
	}
	if h.cfg.Count != nil {
		h.cfg.Count("cls-exports:GET")
	}
	w.Header().Set("Content-Type", "application/gzip")
	http.ServeContent(w, r, parts[2], time.UnixMilli(e.Created), bytes.NewReader(exportArchive(e)))
}

// exportSize memoises the archive size of an export.
func (h *Handler) exportSize(e *Export) int64 {
	key := "export:" + e.ExportId
	if v, ok := h.sizes.Load(key); ok {
		return v.(int64)
	}
	n := int64(len(exportArchive(e)))
	h.sizes.Store(key, n)
	return n
}

// WarmExportSizes sizes every export of the state before the emulator
// serves: DescribeExports reports each completed export's FileSize, the
// length of its archive, and building 10,000 archives on the first
// describe took the emulator some 20 s of CPU in the middle of a client's
// plan, on the same cores. Call it before serving (it reads the state
// without the lock).
func (h *Handler) WarmExportSizes() {
	exports := h.cfg.State.Exports
	next := make(chan *Export)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for e := range next {
				h.exportSize(e)
			}
		}()
	}
	for _, e := range exports {
		next <- e
	}
	close(next)
	wg.Wait()
}
