package tencent

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Synthesized file contents: offline log packages and export archives.
// Everything is a pure function of the package (or export), so names,
// sizes and bytes are the same on every call and across restarts.

// pkg is one hourly offline log package.
type pkg struct {
	kind    string // l7 | l4
	zone    *Zone
	subject string // domain or proxy id
	hour    time.Time
}

// name follows the vendor shape 20220811-02-test-add4.wellsjiang.com:
// UTC date, UTC hour, subject.
func (p pkg) name() string { return p.hour.UTC().Format("20060102-15") + "-" + p.subject }

// path is where the emulator serves the package:
// /offline-logs/{l7|l4}/{zone}/{yyyymmdd}/{yyyymmddhh}-{subject}.log.gz
func (p pkg) path() string {
	h := p.hour.UTC()
	return "/offline-logs/" + p.kind + "/" + p.zone.ID + "/" + h.Format("20060102") + "/" + h.Format("2006010215") + "-" + p.subject + ".log.gz"
}

// parsePackagePath is the inverse of path, checked against the world.
func (w *World) parsePackagePath(path string) (pkg, bool) {
	parts := strings.Split(strings.TrimPrefix(path, "/offline-logs/"), "/")
	if len(parts) != 4 || (parts[0] != "l7" && parts[0] != "l4") {
		return pkg{}, false
	}
	z := w.zone(parts[1])
	file, ok := strings.CutSuffix(parts[3], ".log.gz")
	if z == nil || !ok || len(file) < 12 || file[10] != '-' {
		return pkg{}, false
	}
	hour, err := time.Parse("2006010215", file[:10])
	if err != nil || hour.Format("20060102") != parts[2] {
		return pkg{}, false
	}
	p := pkg{kind: parts[0], zone: z, subject: file[11:], hour: hour}
	pool := z.Domains
	if p.kind == "l4" {
		pool = z.L4Proxies
	}
	for _, s := range pool {
		if s == p.subject {
			return p, true
		}
	}
	return pkg{}, false
}

func (p pkg) rng() *rand.Rand {
	f := fnv.New64a()
	fmt.Fprintf(f, "%s|%s|%s|%d", p.kind, p.zone.ID, p.subject, p.hour.Unix())
	return rand.New(rand.NewPCG(f.Sum64(), 0x6c6f6763746c))
}

// l7Record uses the delivery field names of edgeone-logs.md §9.
type l7Record struct {
	RequestID              string `json:"RequestID"`
	ClientIP               string `json:"ClientIP"`
	ClientRegion           string `json:"ClientRegion"`
	ClientState            string `json:"ClientState"`
	ClientISP              string `json:"ClientISP"`
	RequestTime            string `json:"RequestTime"`
	RequestHost            string `json:"RequestHost"`
	RequestBytes           int    `json:"RequestBytes"`
	RequestMethod          string `json:"RequestMethod"`
	RequestUrl             string `json:"RequestUrl"`
	RequestUrlQueryString  string `json:"RequestUrlQueryString"`
	RequestUA              string `json:"RequestUA"`
	RequestRange           string `json:"RequestRange"`
	RequestReferer         string `json:"RequestReferer"`
	RequestProtocol        string `json:"RequestProtocol"`
	RemotePort             int    `json:"RemotePort"`
	EdgeCacheStatus        string `json:"EdgeCacheStatus"`
	EdgeResponseStatusCode int    `json:"EdgeResponseStatusCode"`
	EdgeResponseBytes      int    `json:"EdgeResponseBytes"`
	EdgeResponseTime       int    `json:"EdgeResponseTime"`
	EdgeInternalTime       int    `json:"EdgeInternalTime"`
	EdgeServerID           string `json:"EdgeServerID"`
	EdgeServerIP           string `json:"EdgeServerIP"`
	SecurityAction         string `json:"SecurityAction"`
	SecurityModule         string `json:"SecurityModule"`
}

// l4Record uses the L4 field names, including the vendor's "Disconnet".
type l4Record struct {
	ServiceID          string `json:"ServiceID"`
	ConnectTimeStamp   string `json:"ConnectTimeStamp"`
	DisconnetTimeStamp string `json:"DisconnetTimeStamp"`
	DisconnetReason    string `json:"DisconnetReason"`
	ClientRealIP       string `json:"ClientRealIP"`
	ClientRegion       string `json:"ClientRegion"`
	EdgeIP             string `json:"EdgeIP"`
	ForwardProtocol    string `json:"ForwardProtocol"`
	ForwardPort        int    `json:"ForwardPort"`
	SentBytes          int    `json:"SentBytes"`
	ReceivedBytes      int    `json:"ReceivedBytes"`
	LogTimeStamp       string `json:"LogTimeStamp"`
}

var (
	regions  = []string{"CN", "US", "DE", "SG", "JP", "BR"}
	methods  = []string{"GET", "GET", "GET", "POST", "HEAD"}
	statuses = []int{200, 200, 200, 200, 204, 206, 301, 304, 403, 404, 500}
	caches   = []string{"hit", "hit", "miss", "dynamic", "other"}
	paths    = []string{"/", "/index.html", "/static/app.js", "/api/v1/items", "/images/logo.png"}
	agents   = []string{"Mozilla/5.0 (X11; Linux x86_64)", "curl/8.5.0", "Go-http-client/1.1"}
)

func ip(r *rand.Rand) string {
	return fmt.Sprintf("%d.%d.%d.%d", 1+r.IntN(223), r.IntN(256), r.IntN(256), 1+r.IntN(254))
}

func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

// text is the uncompressed package: JSON Lines, one request or
// connection per line, all inside the package's hour.
func (p pkg) text() []byte {
	r := p.rng()
	n := 20 + r.IntN(60)
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	for i := 0; i < n; i++ {
		at := p.hour.Add(time.Duration(r.Int64N(int64(time.Hour)))).UTC()
		if p.kind == "l4" {
			end := at.Add(time.Duration(r.IntN(600)) * time.Second)
			enc.Encode(l4Record{
				ServiceID: p.subject, ConnectTimeStamp: at.Format(time.RFC3339), DisconnetTimeStamp: end.Format(time.RFC3339),
				DisconnetReason: pick(r, []string{"-", "client close", "server close", "timeout"}), ClientRealIP: ip(r),
				ClientRegion: pick(r, regions), EdgeIP: ip(r), ForwardProtocol: pick(r, []string{"TCP", "UDP"}),
				ForwardPort: pick(r, []int{80, 443, 8080, 3306}), SentBytes: r.IntN(1 << 20), ReceivedBytes: r.IntN(1 << 16),
				LogTimeStamp: end.Format(time.RFC3339),
			})
			continue
		}
		status := pick(r, statuses)
		action, module := "-", "-"
		if status == 403 {
			action, module = pick(r, []string{"Deny", "JSChallenge", "ManagedChallenge"}), pick(r, []string{"CustomRule", "ManagedRule", "BotManagement"})
		}
		enc.Encode(l7Record{
			RequestID: fmt.Sprintf("%016x%016x", r.Uint64(), r.Uint64()), ClientIP: ip(r), ClientRegion: pick(r, regions),
			ClientState: "-", ClientISP: "-", RequestTime: at.Format(time.RFC3339), RequestHost: p.subject,
			RequestBytes: 200 + r.IntN(2000), RequestMethod: pick(r, methods), RequestUrl: pick(r, paths),
			RequestUrlQueryString: "-", RequestUA: pick(r, agents), RequestRange: "-", RequestReferer: "-",
			RequestProtocol: pick(r, []string{"HTTP/1.1", "HTTP/2.0", "HTTP/3"}), RemotePort: 1024 + r.IntN(60000),
			EdgeCacheStatus: pick(r, caches), EdgeResponseStatusCode: status, EdgeResponseBytes: r.IntN(1 << 18),
			EdgeResponseTime: r.IntN(2000), EdgeInternalTime: r.IntN(200), EdgeServerID: "edge-" + strconv.Itoa(r.IntN(1000)),
			EdgeServerIP: ip(r), SecurityAction: action, SecurityModule: module,
		})
	}
	return b.Bytes()
}

// gz compresses deterministically (no name, no modification time).
func gz(b []byte) []byte {
	var out bytes.Buffer
	w, _ := gzip.NewWriterLevel(&out, gzip.BestSpeed)
	w.Write(b)
	w.Close()
	return out.Bytes()
}

// packageSize is the Size the API reports: for L7 the original,
// uncompressed size; for L4 the size of the .gz file itself.
func (h *Handler) packageSize(p pkg) int64 {
	key := p.path()
	if v, ok := h.sizes.Load(key); ok {
		return v.(int64)
	}
	t := p.text()
	n := int64(len(t))
	if p.kind == "l4" {
		n = int64(len(gz(t)))
	}
	h.sizes.Store(key, n)
	return n
}

// exportRecord is one JSON line of an export file. Its fields are in the
// order a map of the same keys marshals in (sorted), so the files are the
// same bytes as before it replaced that map; a struct marshals several
// times faster, which counts when a world of 10,000 exports is sized.
type exportRecord struct {
	Timestamp int64  `json:"__TIMESTAMP__"`
	Topic     string `json:"__TOPIC__"`
	ClientIP  string `json:"client_ip"`
	Method    string `json:"method"`
	Status    int    `json:"status"`
	URL       string `json:"url"`
}

// exportArchive is the .tar.gz of an export: one file of min(Count, 1000)
// records inside [From, To], ordered and formatted as requested.
func exportArchive(e *Export) []byte {
	f := fnv.New64a()
	f.Write([]byte(e.ExportId))
	r := rand.New(rand.NewPCG(f.Sum64(), 1))
	n := int(min(e.Count, 1000))
	times := make([]int64, n)
	for i := range times {
		times[i] = e.From + r.Int64N(e.To-e.From)
	}
	slices.Sort(times)
	if e.Order == "desc" {
		slices.Reverse(times)
	}
	var body bytes.Buffer
	if e.Format == "csv" {
		body.WriteString("__TIMESTAMP__,status,method,url,client_ip\n")
	}
	for _, t := range times {
		status, method, url, cip := pick(r, statuses), pick(r, methods), pick(r, paths), ip(r)
		if e.Format == "csv" {
			fmt.Fprintf(&body, "%d,%d,%s,%s,%s\n", t, status, method, url, cip)
			continue
		}
		line, _ := json.Marshal(exportRecord{t, e.TopicId, cip, method, status, url})
		body.Write(line)
		body.WriteByte('\n')
	}
	var tarBuf bytes.Buffer
	tw := tar.NewWriter(&tarBuf)
	name := strings.TrimSuffix(exportFileName(e), ".tar.gz") + "." + e.Format
	tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(body.Len()), ModTime: time.UnixMilli(e.Created).UTC(), Format: tar.FormatPAX})
	tw.Write(body.Bytes())
	tw.Close()
	return gz(tarBuf.Bytes())
}
