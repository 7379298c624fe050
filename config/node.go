package config

import (
	"errors"

	"gopkg.in/yaml.v3"
)

// nodeError is a validation failure tied to a YAML node, turned into an
// *Error with the node's line by located.
type nodeError struct {
	node *yaml.Node
	msg  string
	err  error
}

func (e *nodeError) Error() string { return e.msg }

// located converts err into an *Error for path, taking the line from a
// *nodeError when there is one.
func located(path string, err error) *Error {
	var ne *nodeError
	if errors.As(err, &ne) {
		e := &Error{Path: path, Msg: ne.msg, Err: ne.err}
		if ne.node != nil {
			e.Line = ne.node.Line
		}
		return e
	}
	return &Error{Path: path, Msg: err.Error(), Err: err}
}

// resolve follows document and alias nodes to the node holding the value.
func resolve(n *yaml.Node) *yaml.Node {
	for n != nil {
		switch n.Kind {
		case yaml.DocumentNode:
			if len(n.Content) == 0 {
				return nil
			}
			n = n.Content[0]
		case yaml.AliasNode:
			n = n.Alias
		default:
			return n
		}
	}
	return nil
}

// pair returns the key and value nodes of name in mapping m, or nils.
func pair(m *yaml.Node, name string) (k, v *yaml.Node) {
	m = resolve(m)
	if m == nil || m.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == name {
			return m.Content[i], resolve(m.Content[i+1])
		}
	}
	return nil, nil
}

// value returns the value node of name in mapping m, or nil.
func value(m *yaml.Node, name string) *yaml.Node {
	_, v := pair(m, name)
	return v
}

// keyNode returns the key node of name in mapping m, or nil.
func keyNode(m *yaml.Node, name string) *yaml.Node {
	k, _ := pair(m, name)
	return k
}
