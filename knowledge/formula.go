package knowledge

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/parser"
	"github.com/expr-lang/expr/parser/lexer"
)

// Formulas are evaluated by expr-lang/expr; this file only checks their names and dimensions
// and shows them with their inputs.

// builtins are the expr functions a formula may call, with how each one's dimension follows
// from its first argument (true) or is a plain number (false).
var builtins = map[string]bool{
	"abs": true, "round": true, "ceil": true, "floor": true, "min": true, "max": true,
	"sum": true, "mean": true, "median": true, "count": false, "len": false,
}

// operand is what a name in a formula stands for.
type operand struct {
	dim    Dim
	series bool
}

// formulaNames returns the names a formula uses, in order of first use, or a parse error.
func formulaNames(src string) ([]string, ast.Node, error) {
	tree, err := parser.Parse(src)
	if err != nil {
		return nil, nil, errors.New(firstLine(err.Error()))
	}
	v := &nameCollector{seen: map[string]bool{}}
	ast.Walk(&tree.Node, v)
	return v.names, tree.Node, nil
}

type nameCollector struct {
	names []string
	seen  map[string]bool
}

func (v *nameCollector) Visit(n *ast.Node) {
	if id, ok := (*n).(*ast.IdentifierNode); ok && !v.seen[id.Value] {
		v.seen[id.Value] = true
		v.names = append(v.names, id.Value)
	}
}

// dimension works out the dimension of a formula, failing on sums of unlike quantities and on
// anything other than arithmetic and the allowed builtins.
func dimension(n ast.Node, names map[string]operand) (Dim, error) {
	switch n := n.(type) {
	case *ast.IntegerNode, *ast.FloatNode:
		return plain, nil
	case *ast.IdentifierNode:
		op, ok := names[n.Value]
		if !ok {
			return Dim{}, fmt.Errorf("unknown figure %q", n.Value)
		}
		if op.series {
			return Dim{}, fmt.Errorf("series %q must be passed to a function such as count or max", n.Value)
		}
		return op.dim, nil
	case *ast.UnaryNode:
		if n.Operator != "-" && n.Operator != "+" {
			return Dim{}, fmt.Errorf("operator %q is not allowed", n.Operator)
		}
		return dimension(n.Node, names)
	case *ast.BinaryNode:
		l, err := dimension(n.Left, names)
		if err != nil {
			return Dim{}, err
		}
		r, err := dimension(n.Right, names)
		if err != nil {
			return Dim{}, err
		}
		switch n.Operator {
		case "+", "-":
			if l != r {
				return Dim{}, fmt.Errorf("%q combines %s with %s", n.Operator, l, r)
			}
			return l, nil
		case "*":
			return l.mul(r), nil
		case "/":
			return l.div(r), nil
		}
		return Dim{}, fmt.Errorf("operator %q is not allowed", n.Operator)
	case *ast.BuiltinNode:
		follows, ok := builtins[n.Name]
		if !ok {
			return Dim{}, fmt.Errorf("function %q is not allowed", n.Name)
		}
		for _, a := range n.Arguments {
			if err := checkNames(a, names); err != nil {
				return Dim{}, err
			}
		}
		if !follows || len(n.Arguments) == 0 {
			return plain, nil
		}
		if id, ok := n.Arguments[0].(*ast.IdentifierNode); ok {
			return names[id.Value].dim, nil
		}
		return dimension(n.Arguments[0], names)
	}
	return Dim{}, fmt.Errorf("%q is not allowed in a formula", n.String())
}

// checkNames fails on a name that is neither a figure nor a series, inside predicates too,
// where dimensions are not checked.
func checkNames(n ast.Node, names map[string]operand) error {
	v := &nameCollector{seen: map[string]bool{}}
	ast.Walk(&n, v)
	for _, name := range v.names {
		if _, ok := names[name]; !ok {
			return fmt.Errorf("unknown figure %q", name)
		}
	}
	return nil
}

// allowedOperators are the operators a formula may use anywhere, predicates included. Ranges
// (1..1e9), powers, string and member operators are left out: a fact file must not be able to
// make the loader allocate or loop without bound.
var allowedOperators = map[string]bool{
	"+": true, "-": true, "*": true, "/": true,
	">": true, "<": true, ">=": true, "<=": true, "==": true, "!=": true,
	"and": true, "or": true, "&&": true, "||": true, "!": true, "not": true,
}

// restricted reports the first part of a formula that is not plain arithmetic over names,
// numbers and the allowed builtins.
type restricted struct{ err error }

func (v *restricted) Visit(n *ast.Node) {
	if v.err != nil {
		return
	}
	switch n := (*n).(type) {
	case *ast.IdentifierNode, *ast.IntegerNode, *ast.FloatNode, *ast.PredicateNode:
	case *ast.BinaryNode:
		if !allowedOperators[n.Operator] {
			v.err = fmt.Errorf("operator %q is not allowed", n.Operator)
		}
	case *ast.UnaryNode:
		if !allowedOperators[n.Operator] {
			v.err = fmt.Errorf("operator %q is not allowed", n.Operator)
		}
	case *ast.BuiltinNode:
		if _, ok := builtins[n.Name]; !ok {
			v.err = fmt.Errorf("function %q is not allowed", n.Name)
		}
	case *ast.PointerNode:
		if n.Name != "" {
			v.err = fmt.Errorf("#%s is not allowed", n.Name)
		}
	default:
		v.err = fmt.Errorf("%q is not allowed in a formula", n.String())
	}
}

// checkRestricted walks the whole formula, predicates included.
func checkRestricted(n ast.Node) error {
	v := &restricted{}
	ast.Walk(&n, v)
	return v.err
}

// evaluate runs a formula on base-unit values and returns the result in base units.
func evaluate(src string, env map[string]any) (float64, error) {
	opts := []expr.Option{expr.Env(env), expr.AsFloat64(), expr.MaxNodes(500), expr.DisableAllBuiltins()}
	for name := range builtins {
		opts = append(opts, expr.EnableBuiltin(name))
	}
	prog, err := expr.Compile(src, opts...)
	if err != nil {
		return 0, errors.New(firstLine(err.Error()))
	}
	out, err := expr.Run(prog, env)
	if err != nil {
		return 0, errors.New(firstLine(err.Error()))
	}
	v := out.(float64)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, errors.New("the result is not a finite number (division by zero?)")
	}
	return v, nil
}

// equation writes a formula with each name replaced by show(name) and the operators as a
// reader writes them: "12.5 Mt ÷ 694 Mt".
func equation(src string, show func(name string) string) string {
	toks, err := lexer.Lex(file.NewSource(src))
	if err != nil {
		return src
	}
	var b strings.Builder
	for _, t := range toks {
		switch {
		case t.Kind == lexer.EOF:
		case t.Kind == lexer.Identifier:
			b.WriteString(show(t.Value))
		case t.Kind == lexer.Bracket:
			b.WriteString(t.Value)
		case t.Is(lexer.Operator, ","):
			b.WriteString(", ")
		case t.Is(lexer.Operator, "#"):
			b.WriteString("#")
		case t.Kind == lexer.Operator:
			op := map[string]string{"*": "×", "/": "÷", "-": "−"}[t.Value]
			if op == "" {
				op = t.Value
			}
			b.WriteString(" " + op + " ")
		default:
			b.WriteString(t.Value)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
