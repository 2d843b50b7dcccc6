#!/usr/bin/awk -f
# Draws a planning run's incumbent and proven bound over time as an SVG line chart.
# Input lines: SECONDS [OBJECTIVE] [BOUND] (a missing value keeps the last one known).
# Usage: ... | bench/plot.awk -v title="..." > chart.svg
BEGIN { n = 0; lo = 1e300; hi = -1e300; tmax = 0 }
{
  t = $1 + 0; o = ($2 == "") ? last_o : $2 + 0; b = ($3 == "") ? last_b : $3 + 0
  if ($2 != "") last_o = o; if ($3 != "") last_b = b
  n++; T[n] = t; O[n] = ($2 == "" && last_o == "") ? "" : o; B[n] = ($3 == "" && last_b == "") ? "" : b
  if (O[n] != "") { if (o < lo) lo = o; if (o > hi) hi = o }
  if (B[n] != "") { if (b < lo) lo = b; if (b > hi) hi = b }
  if (t > tmax) tmax = t
}
function x(t) { return 70 + (t / (tmax > 0 ? tmax : 1)) * 660 }
function y(v) { return 330 - ((v - lo) / (hi > lo ? hi - lo : 1)) * 290 }
function path(V, colour, label, i, d, started) {
  d = ""; started = 0
  for (i = 1; i <= n; i++) if (V[i] != "") { d = d (started ? " L" : "M") sprintf("%.1f %.1f", x(T[i]), y(V[i])); started = 1
    if (i < n) d = d sprintf(" L%.1f %.1f", x(T[i + 1]), y(V[i])) }
  printf "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>\n", d, colour
}
END {
  if (n == 0) exit 1
  pad = (hi - lo) * 0.05; lo -= pad; hi += pad
  print "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"760\" height=\"380\" font-family=\"sans-serif\" font-size=\"12\">"
  print "<rect width=\"760\" height=\"380\" fill=\"white\"/>"
  printf "<text x=\"380\" y=\"20\" text-anchor=\"middle\" font-size=\"14\">%s</text>\n", title
  print "<line x1=\"70\" y1=\"330\" x2=\"730\" y2=\"330\" stroke=\"#444\"/><line x1=\"70\" y1=\"40\" x2=\"70\" y2=\"330\" stroke=\"#444\"/>"
  for (k = 0; k <= 4; k++) {
    v = lo + (hi - lo) * k / 4; printf "<text x=\"64\" y=\"%.1f\" text-anchor=\"end\">%.0f</text>\n", y(v) + 4, v
    s = tmax * k / 4; printf "<text x=\"%.1f\" y=\"348\" text-anchor=\"middle\">%.0f s</text>\n", x(s), s
  }
  path(B, "#c0392b"); path(O, "#2471a3")
  print "<text x=\"600\" y=\"60\" fill=\"#c0392b\">proven bound</text><text x=\"600\" y=\"78\" fill=\"#2471a3\">incumbent</text>"
  print "</svg>"
}
