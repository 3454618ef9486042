package tencent

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"time"
)

// State is everything the Tencent service has created. It is JSON
// serialisable; the zero value is an empty account.
type State struct {
	// Seq numbers the ids handed out so far; ids are derived from the seed
	// and this counter, so they are deterministic and never repeat across a
	// restart.
	Seq     uint64    `json:"seq"`
	Tasks   []*Task   `json:"tasks"`
	Exports []*Export `json:"exports"`
	// TaskLog is the write history Describe reads under describe-lag: it
	// survives a restart so that a lag spans separate runs.
	TaskLog []*TaskVersion `json:"taskLog,omitempty"`
}

// Export is a stored CLS export task.
type Export struct {
	Region        string   `json:"Region"`
	TopicId       string   `json:"TopicId"`
	ExportId      string   `json:"ExportId"`
	Query         string   `json:"Query"`
	Count         uint64   `json:"Count"`
	From          int64    `json:"From"`
	To            int64    `json:"To"`
	Order         string   `json:"Order"`
	Format        string   `json:"Format"`
	SyntaxRule    uint64   `json:"SyntaxRule"`
	DerivedFields []string `json:"DerivedFields"`
	// Created is the creation instant in Unix milliseconds; Status and
	// CosPath are computed from it when the export is described.
	Created int64 `json:"Created"`
	// Serial is the numeric id used in the export's file name.
	Serial uint64 `json:"Serial"`
	// Deleted (Unix milliseconds) marks an export deleted under
	// describe-lag: DescribeExports lists it until the lag has passed.
	Deleted int64 `json:"Deleted,omitempty"`
}

// uuidFrom derives a UUID-shaped id (version 4 layout) from the seed, a kind
// and a counter.
func uuidFrom(seed int64, kind string, n uint64) string {
	var buf [8 + 8]byte
	binary.BigEndian.PutUint64(buf[:8], uint64(seed))
	binary.BigEndian.PutUint64(buf[8:], n)
	s := sha256.Sum256(append(buf[:], kind...))
	s[6] = s[6]&0x0f | 0x40
	s[8] = s[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", s[0:4], s[4:6], s[6:8], s[8:10], s[10:16])
}

// nextID hands out the next deterministic id of kind.
func (s *State) nextID(seed int64, kind string) string {
	s.Seq++
	return uuidFrom(seed, kind, s.Seq)
}

// cst is UTC+8, the zone of the vendor's example timestamps.
var cst = time.FixedZone("CST", 8*3600)

// isoTime formats t as the API's ISO 8601 strings, e.g.
// 2024-03-26T03:00:39+08:00.
func isoTime(t time.Time) string { return t.In(cst).Format(time.RFC3339) }
