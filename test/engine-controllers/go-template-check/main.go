// Renders templates the way External Secrets v2.9.0 does (runtime/template/v2/template.go:
// text/template, Option("missingkey=error"), executed over map[string]string), with the sprig
// functions the app's templates use defined as ESO's copy of sprig defines them. Reads
// [{template, data}] as JSON on stdin and writes [{output} or {error}] as JSON on stdout, so that
// test/unit/eso-templates.test.ts can hold go-template.ts against Go's own text/template.
package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"os"
	"text/template"
)

type templateCase struct {
	Template string            `json:"template"`
	Data     map[string]string `json:"data"`
}

func render(c templateCase, funcs template.FuncMap) map[string]string {
	t, err := template.New("t").Option("missingkey=error").Funcs(funcs).Parse(c.Template)
	if err != nil {
		return map[string]string{"error": err.Error()}
	}
	var out bytes.Buffer
	if err := t.Execute(&out, c.Data); err != nil {
		return map[string]string{"error": err.Error()}
	}
	return map[string]string{"output": out.String()}
}

func main() {
	var cases []templateCase
	if err := json.NewDecoder(os.Stdin).Decode(&cases); err != nil {
		os.Stderr.WriteString(err.Error())
		os.Exit(2)
	}
	funcs := template.FuncMap{
		// runtime/template/v2/sprig/strings.go base64encode
		"b64enc": func(v string) string { return base64.StdEncoding.EncodeToString([]byte(v)) },
		// runtime/template/v2/sprig/defaults.go toJson
		"toJson": func(v interface{}) string {
			output, _ := json.Marshal(v)
			return string(output)
		},
	}
	results := make([]map[string]string, 0, len(cases))
	for _, c := range cases {
		results = append(results, render(c, funcs))
	}
	if err := json.NewEncoder(os.Stdout).Encode(results); err != nil {
		os.Exit(2)
	}
}
