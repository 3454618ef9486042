package offlinelogs

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
	"time"
)

// Formats are the output formats of WriteList, for --help.
func Formats() []string { return []string{"text", "json"} }

// listItem is the JSON form of a package. The URL is reduced to its host:
// the rest may carry a signature (use logs download to fetch the files).
type listItem struct {
	Name     string    `json:"name"`
	Type     Kind      `json:"type"`
	Subject  string    `json:"subject"`
	Area     string    `json:"area"`
	Start    time.Time `json:"start,omitzero"`
	End      time.Time `json:"end,omitzero"`
	Size     int64     `json:"size"`
	SizeKind SizeKind  `json:"sizeKind"`
	URLHost  string    `json:"urlHost"`
}

// ListFormatVersion is the version of the JSON listing. Its first form was
// a bare array (count it as 1); version 2 is an object with formatVersion
// and packages, the envelope of every JSON document logctl prints.
const ListFormatVersion = "2"

// listDocument is the JSON listing.
type listDocument struct {
	FormatVersion string     `json:"formatVersion"`
	Packages      []listItem `json:"packages"`
}

// WriteList prints packages as "text" (a table ending with a count and
// total size line) or "json" ({"formatVersion", "packages": [...]}, in the
// order given: List sorts).
func WriteList(w io.Writer, format string, pkgs []Package) error {
	switch format {
	case "json":
		return writeListJSON(w, pkgs)
	case "text", "":
		return writeListText(w, pkgs)
	}
	return fmt.Errorf("output format %q: want text or json", format)
}

func writeListJSON(w io.Writer, pkgs []Package) error {
	items := make([]listItem, 0, len(pkgs))
	for _, p := range pkgs {
		items = append(items, listItem{Name: p.Name, Type: p.Kind, Subject: p.Subject, Area: p.Area,
			Start: p.Start, End: p.End, Size: p.Size, SizeKind: p.SizeKind(), URLHost: p.URLHost()})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(listDocument{FormatVersion: ListFormatVersion, Packages: items})
}

func writeListText(w io.Writer, pkgs []Package) error {
	if len(pkgs) > 0 {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "PACKAGE\tSUBJECT\tAREA\tWINDOW (UTC)\tSIZE")
		for _, p := range pkgs {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", display(p.Name), display(p.Subject), display(p.Area),
				windowText(p.Start, p.End), HumanBytes(p.Size))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintln(w, TotalLine(pkgs))
	return err
}

// TotalLine is the closing line of a listing: "741 packages, 10.2 MiB
// (uncompressed)". The unit follows the kind (see SizeKind).
func TotalLine(pkgs []Package) string {
	var total int64
	kinds := map[SizeKind]bool{}
	for _, p := range pkgs {
		total += p.Size
		kinds[p.SizeKind()] = true
	}
	noun := "packages"
	if len(pkgs) == 1 {
		noun = "package"
	}
	line := fmt.Sprintf("%d %s, %s", len(pkgs), noun, HumanBytes(total))
	if len(kinds) == 1 {
		for k := range kinds {
			line += " (" + string(k) + ")"
		}
	}
	return line
}

// display quotes a server-supplied string that holds anything a terminal
// could interpret, and shows it as is otherwise.
func display(s string) string {
	if s == "" {
		return "-"
	}
	for _, r := range s {
		if isControl(r) {
			return strconv.Quote(s)
		}
	}
	return s
}

// windowText is "2024-05-01 03:00-04:00" ("23:00-24:00" for the last
// hour of a day), or both dates when the window spans days.
func windowText(start, end time.Time) string {
	if start.IsZero() {
		return "-"
	}
	s, e := start.UTC(), end.UTC()
	if e.IsZero() {
		return s.Format("2006-01-02 15:04")
	}
	if s.Format("20060102") == e.Format("20060102") {
		return s.Format("2006-01-02 15:04") + "-" + e.Format("15:04")
	}
	if next := s.Truncate(24 * time.Hour).Add(24 * time.Hour); e.Equal(next) {
		return s.Format("2006-01-02 15:04") + "-24:00"
	}
	return s.Format("2006-01-02 15:04") + " - " + e.Format("2006-01-02 15:04")
}
