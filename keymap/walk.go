package keymap

import "reflect"

var bindingType = reflect.TypeFor[Binding]()

// bindingsOf returns pointers to every Binding field of the struct that
// group points to, descending into embedded groups such as NavKeys. Walking
// the struct rather than keeping a second list means a new field can never
// be forgotten by help, palette, Rebind or the collision check.
func bindingsOf(group any) []*Binding {
	var out []*Binding
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		for i := range v.NumField() {
			f := v.Field(i)
			switch {
			case f.Type() == bindingType:
				out = append(out, f.Addr().Interface().(*Binding))
			case f.Kind() == reflect.Struct:
				walk(f)
			}
		}
	}
	walk(reflect.ValueOf(group).Elem())
	return out
}
