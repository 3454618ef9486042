package actiontest

import (
	"fmt"
	"strconv"
	"strings"
)

type token struct {
	kind byte // 'i' identifier path, 's' string, 'n' number, 'o' operator
	text string
}

// lex splits an expression into identifier paths (a.b-c.d), single-quoted
// strings, numbers and the operators == != && || ! ( ). Anything else (an
// index, a comparison like <, a comma) is an error.
func lex(s string) ([]token, error) {
	var toks []token
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			i++
		case c == '\'':
			var b strings.Builder
			j := i + 1
			for ; j < len(s); j++ {
				if s[j] == '\'' {
					if j+1 < len(s) && s[j+1] == '\'' {
						b.WriteByte('\'')
						j++
						continue
					}
					break
				}
				b.WriteByte(s[j])
			}
			if j >= len(s) {
				return nil, fmt.Errorf("unterminated string")
			}
			toks = append(toks, token{'s', b.String()})
			i = j + 1
		case strings.HasPrefix(s[i:], "==") || strings.HasPrefix(s[i:], "!=") ||
			strings.HasPrefix(s[i:], "&&") || strings.HasPrefix(s[i:], "||"):
			toks = append(toks, token{'o', s[i : i+2]})
			i += 2
		case c == '!' || c == '(' || c == ')':
			toks = append(toks, token{'o', string(c)})
			i++
		case c >= '0' && c <= '9' || c == '-' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9':
			j := i + 1
			for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == '.') {
				j++
			}
			toks = append(toks, token{'n', s[i:j]})
			i = j
		case isIdent(c):
			j := i
			for j < len(s) && (isIdent(s[j]) || s[j] == '-' || s[j] == '.' || s[j] >= '0' && s[j] <= '9') {
				j++
			}
			toks = append(toks, token{'i', s[i:j]})
			i = j
		default:
			return nil, fmt.Errorf("unsupported character %q at %d", c, i)
		}
	}
	return toks, nil
}

func isIdent(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' }

// parser is a recursive-descent parser that evaluates as it goes:
// or := and {"||" and}; and := cmp {"&&" cmp}; cmp := unary [("=="|"!=") unary];
// unary := "!" unary | primary; primary := literal | path | call | "(" or ")".
type parser struct {
	toks []token
	pos  int
	ctx  Contexts
	st   status
}

func (p *parser) peek(op string) bool {
	return p.pos < len(p.toks) && p.toks[p.pos].kind == 'o' && p.toks[p.pos].text == op
}

func (p *parser) or() (any, error) {
	l, err := p.and()
	for err == nil && p.peek("||") {
		p.pos++
		var r any
		if r, err = p.and(); Truthy(l) {
			continue // GitHub returns the first truthy operand
		}
		l = r
	}
	return l, err
}

func (p *parser) and() (any, error) {
	l, err := p.cmp()
	for err == nil && p.peek("&&") {
		p.pos++
		var r any
		if r, err = p.cmp(); !Truthy(l) {
			continue // and the first falsy one
		}
		l = r
	}
	return l, err
}

func (p *parser) cmp() (any, error) {
	l, err := p.unary()
	if err != nil || !(p.peek("==") || p.peek("!=")) {
		return l, err
	}
	op := p.toks[p.pos].text
	p.pos++
	r, err := p.unary()
	if err != nil {
		return nil, err
	}
	return equal(l, r) == (op == "=="), nil
}

func (p *parser) unary() (any, error) {
	if p.peek("!") {
		p.pos++
		v, err := p.unary()
		return !Truthy(v), err
	}
	return p.primary()
}

func (p *parser) primary() (any, error) {
	if p.pos >= len(p.toks) {
		return nil, fmt.Errorf("unexpected end")
	}
	t := p.toks[p.pos]
	p.pos++
	switch t.kind {
	case 's':
		return t.text, nil
	case 'n':
		f, err := strconv.ParseFloat(t.text, 64)
		return f, err
	case 'o':
		if t.text != "(" {
			return nil, fmt.Errorf("unexpected %q", t.text)
		}
		v, err := p.or()
		if err == nil && !p.peek(")") {
			err = fmt.Errorf("missing )")
		}
		p.pos++
		return v, err
	}
	switch t.text {
	case "true":
		return true, nil
	case "false":
		return false, nil
	case "null":
		return nil, nil
	}
	if p.peek("(") {
		return p.call(t.text)
	}
	return p.lookup(t.text)
}

// call evaluates the status functions; others are not supported.
func (p *parser) call(name string) (any, error) {
	p.pos++
	if !p.peek(")") {
		return nil, fmt.Errorf("%s(): arguments are not supported", name)
	}
	p.pos++
	switch name {
	case "success":
		return !p.st.failed, nil
	case "failure":
		return p.st.failed, nil
	case "always":
		return true, nil
	case "cancelled":
		return false, nil
	}
	return nil, fmt.Errorf("function %s() is not supported by the test evaluator", name)
}

// lookup reads a dotted path. An unknown context is an error; a missing
// property of a known one is null, as on GitHub.
func (p *parser) lookup(path string) (any, error) {
	parts := strings.Split(path, ".")
	v, ok := p.ctx[parts[0]]
	if !ok {
		return nil, fmt.Errorf("context %q is not available here", parts[0])
	}
	for i, part := range parts[1:] {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, nil
		}
		// A typo in an input or step id must not read as an empty string.
		if _, known := m[part]; !known && i == 0 && (parts[0] == "inputs" || parts[0] == "steps") {
			return nil, fmt.Errorf("%s.%s is not declared", parts[0], part)
		}
		v = m[part]
	}
	return v, nil
}
