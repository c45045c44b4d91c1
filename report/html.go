package report

import (
	"encoding/base64"
	"html/template"
	"io"
)

// DataURI returns the figure as a data: URI, for an <img> that needs no
// other file.
func (f figure) DataURI() template.URL {
	return template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(f.PNG))
}

// reportTemplate is the HTML report: one file, its style inline, every
// figure a data: URI.
var reportTemplate = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>skillsim report</title>
<style>
body { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; max-width: 70em; margin: 2em auto; padding: 0 1em; color: #111; line-height: 1.4; }
h1, h2, h3 { line-height: 1.2; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.95em; }
caption { text-align: left; font-weight: bold; padding: 0.3em 0; }
th, td { border: 1px solid #bbb; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
th { background: #eee; }
figure { margin: 1.5em 0; }
figure img { max-width: 100%; height: auto; border: 1px solid #ddd; }
figcaption { font-size: 0.95em; color: #333; }
pre { background: #f6f6f6; padding: 0.8em; overflow-x: auto; font-size: 0.85em; }
.question { font-size: 1.1em; }
.note { color: #555; font-style: italic; }
nav ul { columns: 2; }
</style>
</head>
<body>
<h1>skillsim report</h1>
<p>Generated {{.Generated}} by skillsim {{.Version}}.</p>
<nav>
<ul>
{{- range .Sections}}
<li><a href="#{{.ID}}">{{.Title}}</a> ({{.Kind}}, {{.Dir}})</li>
{{- end}}
</ul>
</nav>
{{- range .Sections}}
<section id="{{.ID}}">
<h2>{{.Title}}</h2>
{{- range .Questions}}
<p class="question"><strong>{{.Scenario}}</strong>: {{if .Text}}{{.Text}}{{else}}(no question given){{end}}</p>
{{- end}}
{{- range .Summary}}
<p>{{.}}</p>
{{- end}}
{{- range .Notes}}
<p class="note">{{.}}</p>
{{- end}}
{{- range .Figures}}
<figure id="{{.ID}}">
<img src="{{.DataURI}}" alt="{{.Caption}}">
<figcaption>{{.Caption}}</figcaption>
</figure>
{{- end}}
{{- range .Tables}}
{{template "table" .}}
{{- end}}
{{- with .Validation}}
<h3>Validation</h3>
{{template "table" .}}
{{- end}}
<h3>Provenance</h3>
<table>
{{- range .Provenance}}
<tr><th>{{.Name}}</th><td>{{.Value}}</td></tr>
{{- end}}
</table>
{{- range .Resolved}}
<details>
<summary>{{.Name}}</summary>
<pre>{{.Text}}</pre>
</details>
{{- end}}
</section>
{{- end}}
</body>
</html>
{{define "table"}}<table>
<caption>{{.Caption}}</caption>
<thead><tr>{{range .Header}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>
{{- range .Rows}}
<tr>{{range .}}<td>{{.}}</td>{{end}}</tr>
{{- end}}
</tbody>
</table>{{end}}`))

// html writes the report as one self-contained HTML file.
func (r *report) html(w io.Writer) error {
	return reportTemplate.Execute(w, r)
}
