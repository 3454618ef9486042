package spec

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// yaml.v3 reports a syntax error on the line where the enclosing construct
// started (its parser's context mark), not where the problem is: a
// mis-indented key on line 5 of a task list that starts on line 2 is
// reported on line 2, a tab on line 5 on line 4. The functions here find
// the line to show.

// syntaxDiag turns a yaml.v3 parse error of data into a diagnostic at the
// line where the problem is.
func syntaxDiag(file string, data []byte, err error) Diagnostic {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if _, e := fmt.Sscanf(msg, "line %d:", &line); e == nil {
		msg = strings.TrimSpace(msg[strings.IndexByte(msg, ':')+1:])
	}
	detail := "fix the YAML syntax; the rest of the file was not checked"
	pos := Pos{File: file, Line: line}
	if line > 0 {
		pos.Line, pos.Column = problemLine(data, line, msg)
		if pos.Line > line {
			detail = fmt.Sprintf("fix the YAML syntax (check the indentation against the block that starts on line %d); the rest of the file was not checked", line)
		}
	}
	return Diagnostic{Rule: "schema.syntax", Severity: SeverityError, Summary: "YAML syntax error: " + msg,
		Detail: detail, Pos: pos}
}

// bisectLimit bounds the files whose problem line is found by parsing
// prefixes: bisection parses about 20 prefixes, and yaml.v3 parses some
// 6 MB/s, so a 256 KiB file takes at most about a second; beyond it the
// reported line stays (configuration files are far smaller).
const bisectLimit = 256 << 10

// problemLine returns the line (and, when known, the column) of the
// problem yaml.v3 reported on line reported with message msg.
//
// A tab in the indentation is found by looking for it. Otherwise the
// problem is on the first line whose prefix of the file (lines 1 to n)
// fails with the same message: the lines before it parse. That is found by
// bisection, as a prefix that holds the problem keeps failing with it.
func problemLine(data []byte, reported int, msg string) (line, col int) {
	lines := lineEnds(data)
	if reported > len(lines) {
		return reported, 0
	}
	if strings.Contains(msg, "tab character") {
		if l, c := indentTab(data, lines, reported); l > 0 {
			return l, c
		}
		return reported, 0
	}
	if len(data) > bisectLimit {
		return reported, 0
	}
	// sort.Search needs a predicate false then true over [reported, len]:
	// a prefix ending before the problem parses or fails otherwise.
	n := reported + sort.Search(len(lines)-reported+1, func(i int) bool {
		return prefixFails(data[:lines[reported+i-1]], msg)
	})
	if n > len(lines) || !prefixFails(data[:lines[n-1]], msg) {
		return reported, 0
	}
	return n, 0
}

// lineEnds returns the offset just past each line (its newline included).
func lineEnds(data []byte) []int {
	var ends []int
	for off := 0; off < len(data); {
		i := bytes.IndexByte(data[off:], '\n')
		if i < 0 {
			ends = append(ends, len(data))
			break
		}
		off += i + 1
		ends = append(ends, off)
	}
	return ends
}

// indentTab finds the first line from line from on whose indentation holds
// a tab (YAML forbids tabs there), with the tab's column.
func indentTab(data []byte, ends []int, from int) (line, col int) {
	for l := from; l <= len(ends); l++ {
		start := 0
		if l > 1 {
			start = ends[l-2]
		}
		for i, b := range data[start:ends[l-1]] {
			if b == '\t' {
				return l, i + 1
			}
			if b != ' ' && b != '-' {
				break
			}
		}
	}
	return 0, 0
}

// prefixFails reports whether parsing prefix fails with message msg.
func prefixFails(prefix []byte, msg string) bool {
	dec := yaml.NewDecoder(bytes.NewReader(prefix))
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if errors.Is(err, io.EOF) {
			return false
		}
		if err != nil {
			return strings.HasSuffix(err.Error(), ": "+msg)
		}
	}
}
