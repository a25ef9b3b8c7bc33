// Safe access and coalescing as the official emitter writes them (classic template).
param o object
param items array

@description('''First line.
    Indented second line.
    Third line.''')
param described string = ''

var chained = o.?a.b
var nested = o.?a.?b
var indexed = o[?'x'].y
var fromEnd = items[^1]
var safeFromEnd = items[?^1]
var coalesced = o.?a ?? o.?b ?? 'none'
var parenthesized = (o.?a).b
